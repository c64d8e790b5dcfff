import WarRoomCore

/// RFC 3339 times as webhook senders write them (`2026-11-28T14:02:00.157076+02:00`, nanoseconds
/// from Go included), stricter than `Timestamp(iso8601:)`: seconds and a zone are required, since a
/// time without zone would silently be read as UTC.
enum RFC3339 {
    /// Go's zero `time.Time`, which Alertmanager and Grafana send for "no end yet".
    static let unset = "0001-01-01T00:00:00Z"

    /// The instant, nil when `text` is Go's zero time, or an error naming `path`.
    static func parse(_ text: String, path: String) throws(AlertParseError) -> Timestamp? {
        if text == unset { return nil }
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[16] == UInt8(ascii: ":"), hasZone(bytes),
              let instant = Timestamp(iso8601: text) else {
            throw .badTime(path: path, value: String(text.prefix(64)))
        }
        return instant
    }

    /// Ends in `Z` or a `±hh:mm` offset.
    private static func hasZone(_ bytes: [UInt8]) -> Bool {
        guard let last = bytes.last else { return false }
        if last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") { return true }
        let n = bytes.count
        guard n >= 6 else { return false }
        let sign = bytes[n - 6]
        return (sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")) && bytes[n - 3] == UInt8(ascii: ":")
    }
}
