import WarRoomCore

/// A sample of durations as a distribution: how many, the median, the 90th percentile, the
/// largest, and a bootstrap 90 % interval of the median. Never a mean: a few long incidents move
/// a mean more than any real change does (Davidovič, *Incident Metrics in SRE*, 2021).
public struct Distribution: Hashable, Sendable {
    public var count: Int
    public var p50: TimeSpan?
    public var p90: TimeSpan?
    public var max: TimeSpan?
    /// Where the median lies, 90 % of 2,000 bootstrap resamples (nil under 2 values).
    public var medianInterval: ClosedRange<TimeSpan>?

    /// Resamples the interval is read from, and the generator's seed: the same sample gives the
    /// same interval in every run and on every machine.
    public static let resamples = 2_000
    static let seed: UInt64 = 0x5752_4D31_5245_5054

    public init(_ values: [TimeSpan]) {
        let sorted = values.sorted()
        count = sorted.count
        p50 = Self.percentile(sorted, 0.5)
        p90 = Self.percentile(sorted, 0.9)
        max = sorted.last
        medianInterval = Self.bootstrapMedian(sorted)
    }

    /// The nearest-rank percentile of sorted `values`: the smallest value with at least `q` of
    /// the sample at or below it (always a value that occurred).
    public static func percentile(_ sorted: [TimeSpan], _ q: Double) -> TimeSpan? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(Swift.max(rank, 1), sorted.count) - 1]
    }

    /// The 5th and 95th percentiles of the medians of `resamples` resamples with replacement.
    static func bootstrapMedian(_ sorted: [TimeSpan]) -> ClosedRange<TimeSpan>? {
        guard sorted.count >= 2 else { return nil }
        var generator = SplitMix64(seed: seed)
        var medians: [TimeSpan] = []
        medians.reserveCapacity(resamples)
        var draw = [TimeSpan](repeating: .zero, count: sorted.count)
        for _ in 0..<resamples {
            for index in draw.indices { draw[index] = sorted[Int(generator.next() % UInt64(sorted.count))] }
            draw.sort()
            if let median = percentile(draw, 0.5) { medians.append(median) }
        }
        medians.sort()
        guard let low = percentile(medians, 0.05), let high = percentile(medians, 0.95) else { return nil }
        return low...high
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64): reproducible resamples.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
