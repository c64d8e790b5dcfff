/// A length of time in milliseconds: policy numbers, timeboxes, countdowns and metrics.
public struct TimeSpan: Hashable, Comparable, Sendable {
    /// The length in milliseconds; negative means "before".
    public var millis: Int64

    /// Wraps a number of milliseconds.
    public init(millis: Int64) { self.millis = millis }

    /// A span of whole seconds.
    public static func seconds(_ value: Int64) -> TimeSpan { TimeSpan(millis: value &* 1000) }
    /// A span of whole minutes.
    public static func minutes(_ value: Int64) -> TimeSpan { .seconds(value &* 60) }
    /// A span of whole hours.
    public static func hours(_ value: Int64) -> TimeSpan { .minutes(value &* 60) }
    /// No time at all.
    public static let zero = TimeSpan(millis: 0)

    /// Whole seconds, rounded toward zero.
    public var seconds: Int64 { millis / 1000 }

    /// Whole seconds, rounded up: a countdown shows 00:01 until the deadline itself.
    public var secondsRoundedUp: Int64 {
        millis >= 0 ? (millis + 999) / 1000 : -((-millis) / 1000)
    }

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.millis < rhs.millis }
    public static func + (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan { TimeSpan(millis: lhs.millis &+ rhs.millis) }
    public static func - (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan { TimeSpan(millis: lhs.millis &- rhs.millis) }
    public static func * (lhs: TimeSpan, rhs: Int64) -> TimeSpan { TimeSpan(millis: lhs.millis &* rhs) }
    public static prefix func - (span: TimeSpan) -> TimeSpan { TimeSpan(millis: 0 &- span.millis) }

    /// Compact human form: `45s`, `15m`, `1h30m`, `2d`, `1h0m5s` — the same form `parse` reads.
    public var compact: String {
        var rest = abs(seconds)
        let sign = millis < 0 ? "-" : ""
        if rest == 0 { return "0s" }
        var parts = ""
        let days = rest / 86_400; rest %= 86_400
        let hours = rest / 3600; rest %= 3600
        let minutes = rest / 60; let secs = rest % 60
        if days > 0 { parts += "\(days)d" }
        if hours > 0 || (days > 0 && (minutes > 0 || secs > 0)) { parts += "\(hours)h" }
        if minutes > 0 || ((days > 0 || hours > 0) && secs > 0) { parts += "\(minutes)m" }
        if secs > 0 { parts += "\(secs)s" }
        return sign + parts
    }

    /// Clock form for countdowns: `mm:ss` under an hour, `h:mm:ss` above, always non-negative.
    public var clock: String {
        let total = abs(secondsRoundedUp)
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        let mm = m < 10 ? "0\(m)" : "\(m)", ss = s < 10 ? "0\(s)" : "\(s)"
        return h > 0 ? "\(h):\(mm):\(ss)" : "\(mm):\(ss)"
    }

    /// Elapsed-time form for `T+hh:mm:ss`: always hours, minutes and seconds, never negative.
    public var elapsedClock: String {
        let total = max(0, seconds)
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        return "\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m):\(s < 10 ? "0" : "")\(s)"
    }

    /// Reads `15m`, `90s`, `1h30m`, `2d`, `1h0m5s` or a bare number of minutes (`15`).
    /// Returns nil for anything else, including zero-length units like `m` alone.
    public static func parse(_ text: Substring) -> TimeSpan? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return nil }
        if trimmed.allSatisfy(\.isASCIIDigit) {
            guard trimmed.count <= 9, let minutes = Int64(trimmed) else { return nil }
            return .minutes(minutes)
        }
        var total: Int64 = 0
        var digits: Int64 = 0
        var digitCount = 0
        var lastUnit = Int.max
        for character in trimmed {
            if character.isASCIIDigit, let value = character.wholeNumberValue {
                digitCount += 1
                guard digitCount <= 9 else { return nil }
                digits = digits * 10 + Int64(value)
                continue
            }
            let rank: Int, scale: Int64
            switch character {
            case "d": rank = 3; scale = 86_400
            case "h": rank = 2; scale = 3600
            case "m": rank = 1; scale = 60
            case "s": rank = 0; scale = 1
            default: return nil
            }
            guard digitCount > 0, rank < lastUnit else { return nil }
            // Nine digits per unit keep this far from overflow; checked anyway, since a trap here
            // would be reachable from anything a user types.
            let (scaled, overflowA) = digits.multipliedReportingOverflow(by: scale)
            let (sum, overflowB) = total.addingReportingOverflow(scaled)
            guard !overflowA, !overflowB else { return nil }
            total = sum
            digits = 0; digitCount = 0; lastUnit = rank
        }
        guard digitCount == 0, total <= Int64.max / 1000 else { return nil }
        return .seconds(total)
    }

    /// `parse` for a whole string.
    public static func parse(_ text: String) -> TimeSpan? { parse(Substring(text)) }
}

extension TimeSpan: Codable {
    /// Encoded as whole seconds, the unit people write in config and events.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = .seconds(try container.decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(seconds)
    }
}

extension TimeSpan: CustomStringConvertible {
    public var description: String { compact }
}

extension Character {
    /// `0` … `9` only (`isNumber` also takes other scripts' digits and fractions).
    public var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, a stray `\r` or newline):
    /// how every typed word is read, in the core, the config file and the prompts.
    public var trimmingSpaces: Substring {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return slice
    }
}
