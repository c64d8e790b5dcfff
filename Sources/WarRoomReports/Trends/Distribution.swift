import WarRoomCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sample of durations as a distribution: how many, the median, the 90th percentile, the
/// largest, and a bootstrap 90 % interval of the median. Never a mean: a few long incidents move
/// a mean more than any real change does (Davidovič, *Incident Metrics in SRE*, 2021).
public struct Distribution: Hashable, Sendable {
    public var count: Int
    public var p50: TimeSpan?
    public var p90: TimeSpan?
    public var max: TimeSpan?
    /// Where the median lies: the 5th to the 95th percentile of the bootstrap distribution of the
    /// median (nil under 2 values, or when not asked for).
    public var medianInterval: ClosedRange<TimeSpan>?

    /// With `interval` false, the interval is left out (the scorecard needs the median only).
    public init(_ values: [TimeSpan], interval: Bool = true) {
        let sorted = values.sorted()
        count = sorted.count
        p50 = Self.percentile(sorted, 0.5)
        p90 = Self.percentile(sorted, 0.9)
        max = sorted.last
        medianInterval = interval ? Self.bootstrapMedian(sorted) : nil
    }

    /// The nearest-rank percentile of sorted `values`: the smallest value with at least `q` of
    /// the sample at or below it (always a value that occurred).
    public static func percentile(_ sorted: [TimeSpan], _ q: Double) -> TimeSpan? {
        guard !sorted.isEmpty else { return nil }
        return sorted[rank(q, of: sorted.count) - 1]
    }

    /// The nearest rank of `q` in `count` values, from 1.
    static func rank(_ q: Double, of count: Int) -> Int {
        min(Swift.max(Int((q * Double(count)).rounded(.up)), 1), count)
    }

    /// The 5th and 95th percentiles of the bootstrap distribution of the median, computed exactly
    /// rather than simulated: what infinitely many resamples with replacement would give, the
    /// same on every machine, in O(n log n). A resample of n draws has its median (the value of
    /// rank r) at or below `sorted[j]` exactly when at least r of its draws fall among the first
    /// j + 1 values: a binomial tail, P(Bin(n, (j + 1) / n) ≥ r), which grows with j.
    static func bootstrapMedian(_ sorted: [TimeSpan]) -> ClosedRange<TimeSpan>? {
        guard sorted.count >= 2 else { return nil }
        let n = sorted.count, r = rank(0.5, of: n)
        /// The smallest index whose value the resample median is at or below with probability ≥ q.
        func quantile(_ q: Double) -> Int {
            var low = 0, high = n - 1
            while low < high {
                let middle = (low + high) / 2
                if BinomialTail.atLeast(r, trials: n, probability: Double(middle + 1) / Double(n)) >= q { high = middle } else { low = middle + 1 }
            }
            return low
        }
        return sorted[quantile(0.05)]...sorted[quantile(0.95)]
    }
}

/// P(X ≥ r) for X ~ Binomial(n, p), summed from r away from the mode (the terms only shrink
/// that way) until they no longer change the sum; the first term from log-gamma.
enum BinomialTail {
    static func atLeast(_ r: Int, trials n: Int, probability p: Double) -> Double {
        if r <= 0 || p >= 1 { return 1 }
        if r > n || p <= 0 { return 0 }
        let q = 1 - p
        func logTerm(_ k: Int) -> Double {
            lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1)) + Double(k) * log(p) + Double(n - k) * log(q)
        }
        if Double(r) > Double(n) * p {
            // Upward from r: the tail itself.
            var term = exp(logTerm(r)), sum = 0.0, k = r
            while k <= n {
                sum += term
                if term <= sum * 1e-17 { break }
                term *= Double(n - k) / Double(k + 1) * (p / q)
                k += 1
            }
            return Swift.min(sum, 1)
        }
        // Downward from r - 1: the rest, taken from one.
        var term = exp(logTerm(r - 1)), sum = 0.0, k = r - 1
        while k >= 0 {
            sum += term
            if term <= sum * 1e-17 { break }
            term *= Double(k) / Double(n - k + 1) * (q / p)
            k -= 1
        }
        return Swift.max(0, 1 - sum)
    }
}
