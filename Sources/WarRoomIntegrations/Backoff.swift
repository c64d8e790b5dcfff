import WarRoomCore

/// When to try a delivery again: exponential, with jitter from a random value the caller passes
/// (no global generator, so tests and replays are exact), capped, and never sooner than the
/// vendor's `Retry-After`.
public struct Backoff: Hashable, Sendable {
    /// The first retry's nominal wait.
    public var base: TimeSpan
    /// The longest nominal wait.
    public var cap: TimeSpan

    /// 2 s doubling to 10 minutes: a vendor outage is retried every 10 minutes, a blip within seconds.
    public static let standard = Backoff(base: .seconds(2), cap: .minutes(10))

    /// A backoff.
    public init(base: TimeSpan, cap: TimeSpan) {
        self.base = base
        self.cap = cap
    }

    /// The wait before retry number `attempt` (1 = the first retry). `random` is in 0..<1 (out of
    /// range or NaN is clamped); the wait is between half and all of `min(cap, base × 2^(attempt-1))`
    /// ("equal jitter": retries spread out but never come back at once), and at least `retryAfter`.
    public func delay(attempt: Int, random: Double, retryAfter: TimeSpan? = nil) -> TimeSpan {
        let exponent = min(max(attempt, 1) - 1, 40)
        let nominalMillis = max(0, base.millis).multipliedReportingOverflow(by: Int64(1) << exponent)
        let nominal = min(nominalMillis.overflow ? cap.millis : nominalMillis.partialValue, max(0, cap.millis))
        let unit = random.isNaN ? 0 : min(max(random, 0), 0.999_999)
        let jittered = nominal / 2 + Int64((Double(nominal - nominal / 2) * unit).rounded(.down))
        let asked = min(max(retryAfter?.millis ?? 0, 0), RetryAfter.longest.millis)
        return TimeSpan(millis: max(jittered, asked))
    }
}
