/// An instant in UTC, to the millisecond: every time the core stores or compares.
///
/// Whole milliseconds keep the event log lossless: a timestamp written as ISO 8601 and read back
/// is the same value, which `Date`'s floating point does not promise.
public struct Timestamp: Hashable, Comparable, Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millis: Int64

    /// Wraps milliseconds since the Unix epoch.
    public init(millis: Int64) { self.millis = millis }

    /// Whole seconds since the Unix epoch (the usual `time_t`).
    public init(unixSeconds: Int64) { self.millis = unixSeconds &* 1000 }

    /// The instant `span` later (earlier when `span` is negative).
    public func adding(_ span: TimeSpan) -> Timestamp { Timestamp(millis: millis &+ span.millis) }

    /// How long after `earlier` this instant is (negative when it is before).
    public func since(_ earlier: Timestamp) -> TimeSpan { TimeSpan(millis: millis &- earlier.millis) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.millis < rhs.millis }

    public static func + (lhs: Timestamp, rhs: TimeSpan) -> Timestamp { lhs.adding(rhs) }
    public static func - (lhs: Timestamp, rhs: TimeSpan) -> Timestamp { lhs.adding(TimeSpan(millis: -rhs.millis)) }
    public static func - (lhs: Timestamp, rhs: Timestamp) -> TimeSpan { lhs.since(rhs) }
}

extension Timestamp: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Timestamp(iso8601: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an ISO 8601 UTC time such as 2026-11-28T14:02:00Z")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}

extension Timestamp: CustomStringConvertible {
    public var description: String { iso8601 }
}
