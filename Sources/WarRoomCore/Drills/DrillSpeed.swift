/// How much faster than real time a drill plays: 1× (real time) to 60× (an hour in a minute).
/// Kept in hundredths, so `2.5x` is exact and every conversion is integer arithmetic.
public struct DrillSpeed: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The factor × 100: 100 is 1×, 6000 is 60×.
    public let hundredths: Int64

    /// Real time: the slowest a drill plays.
    public static let slowest = DrillSpeed(uncheckedHundredths: 100)
    /// An hour of scenario in a minute.
    public static let fastest = DrillSpeed(uncheckedHundredths: 6_000)
    /// Real time.
    public static let realTime = slowest

    private init(uncheckedHundredths: Int64) { hundredths = uncheckedHundredths }

    /// A speed in hundredths of a factor (100: 1×), as a declaration stores it; nil outside 1×–60×.
    public init?(hundredths: Int64) {
        guard (Self.slowest.hundredths...Self.fastest.hundredths).contains(hundredths) else { return nil }
        self.hundredths = hundredths
    }

    /// A whole factor from 1 to 60; nil outside.
    public init?(factor: Int) {
        guard (1...60).contains(factor) else { return nil }
        hundredths = Int64(factor) * 100
    }

    /// Reads `10x`, `10×`, `10X`, `10` or `2.5x` (at most two decimals); anything else, or a factor
    /// outside 1×–60×, is refused with what to write.
    public static func parse(_ text: String) throws(DrillSpeedError) -> DrillSpeed {
        var rest = Substring(text.trimmingSpaces)
        if let last = rest.last, last == "x" || last == "X" || last == "×" { rest = rest.dropLast().trimmingSpaces }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 6, whole.allSatisfy(\.isASCIIDigit),
              parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy(\.isASCIIDigit)) else {
            throw .notAFactor(text)
        }
        let decimals = parts.count == 2 ? parts[1] : ""
        guard decimals.count <= 2 else { throw .tooPrecise(text) }
        guard let units = Int64(whole), let cents = Int64(decimals.padding(toLength: 2)) else { throw .notAFactor(text) }
        let hundredths = units * 100 + cents
        guard (slowest.hundredths...fastest.hundredths).contains(hundredths) else { throw .outOfRange(text) }
        return DrillSpeed(uncheckedHundredths: hundredths)
    }

    /// `10×`, `2.5×`, `1.25×`.
    public var description: String {
        let units = hundredths / 100, cents = hundredths % 100
        if cents == 0 { return "\(units)×" }
        return cents % 10 == 0 ? "\(units).\(cents / 10)×" : "\(units).\(cents < 10 ? "0" : "")\(cents)×"
    }

    /// The wall-clock span that `scenario` time takes at this speed, rounded up to the
    /// millisecond, so that a cue due at the returned instant has its scenario time reached.
    public func wall(_ scenario: TimeSpan) -> TimeSpan {
        TimeSpan(millis: Self.divide(Self.multiply(scenario.millis, 100), by: hundredths, roundingUp: true))
    }

    /// The scenario time that has passed after `wall` at this speed, rounded down to the millisecond.
    public func scenario(_ wall: TimeSpan) -> TimeSpan {
        TimeSpan(millis: Self.divide(Self.multiply(wall.millis, hundredths), by: 100, roundingUp: false))
    }

    public static func < (lhs: DrillSpeed, rhs: DrillSpeed) -> Bool { lhs.hundredths < rhs.hundredths }

    /// Encoded as its hundredths; a value outside 1×–60× does not decode.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        guard let speed = DrillSpeed(hundredths: try c.decode(Int64.self)) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "a drill speed outside 1x–60x")
        }
        self = speed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(hundredths)
    }

    /// `a × b`, held at the ends of Int64 instead of trapping.
    private static func multiply(_ a: Int64, _ b: Int64) -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard overflow else { return product }
        return (a < 0) != (b < 0) ? Int64.min : Int64.max
    }

    /// `a / b` for a positive `b`, rounded towards +∞ or −∞ (not towards zero), never trapping.
    private static func divide(_ a: Int64, by b: Int64, roundingUp: Bool) -> Int64 {
        let quotient = a / b, remainder = a % b
        if remainder == 0 { return quotient }
        if roundingUp { return a > 0 ? quotient + 1 : quotient }
        return a < 0 ? quotient - 1 : quotient
    }
}

/// Why a speed was refused: each says what was typed and what to write.
public enum DrillSpeedError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAFactor(String)
    case tooPrecise(String)
    case outOfRange(String)

    /// What was typed, and what to write instead.
    public var description: String {
        switch self {
        case .notAFactor(let text): "'\(text)' is not a speed: write a factor from 1x to 60x, such as 10x"
        case .tooPrecise(let text): "'\(text)' has more than two decimals: write a factor such as 2.5x"
        case .outOfRange(let text):
            "'\(text)' is outside 1x to 60x: a drill plays from real time (1x) to an hour a minute (60x), such as 10x"
        }
    }
}

extension Substring {
    /// `"5"` → `"50"` for hundredths; `""` → `"00"`.
    fileprivate func padding(toLength length: Int) -> String {
        String(self) + String(repeating: "0", count: Swift.max(0, length - count))
    }
}
