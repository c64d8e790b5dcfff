extension Timestamp {
    /// `2026-11-28T14:02:00Z`, with `.123` before the `Z` when there are milliseconds.
    public var iso8601: String {
        let c = civil
        var text = "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T"
            + "\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
        if c.millisecond != 0 { text += ".\(pad(c.millisecond, 3))" }
        return text + "Z"
    }

    /// `14:02:07`, the UTC wall-clock time shown on screens and timelines.
    public var clockTime: String {
        let c = civil
        return "\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
    }

    /// `14:02`, the short UTC time of post-mortem tables.
    public var hourMinute: String {
        let c = civil
        return "\(pad(c.hour, 2)):\(pad(c.minute, 2))"
    }

    /// `2026-11-28`, the UTC date.
    public var dateOnly: String {
        let c = civil
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    /// Reads ISO 8601 date-times: `2026-11-28T14:02:00Z`, `2026-11-28T14:02Z`, fractional seconds,
    /// an offset such as `+02:00` or `-0500`, or a space instead of `T`. A time without zone is UTC.
    /// Returns nil for anything else, and for an instant outside year 0000…9999 in UTC (an offset
    /// can move `0000-01-01T00:00+01:00` there): `iso8601` could not write it back.
    public init?(iso8601 text: String) {
        guard let instant = Timestamp(iso8601Unbounded: text),
              (TimeBounds.earliestWritable...TimeBounds.latestWritable).contains(instant) else { return nil }
        self = instant
    }

    /// `init(iso8601:)` without its range check: to tell "unreadable" from "out of range".
    init?(iso8601Unbounded text: String) {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.take("-"),
              let month = scanner.number(digits: 2), scanner.take("-"),
              let day = scanner.number(digits: 2), scanner.take("T") || scanner.take("t") || scanner.take(" "),
              let hour = scanner.number(digits: 2), scanner.take(":"),
              let minute = scanner.number(digits: 2) else { return nil }
        var second = 0, millisecond = 0
        if scanner.take(":") {
            guard let s = scanner.number(digits: 2) else { return nil }
            second = s
            if scanner.take(".") || scanner.take(",") {
                guard let fraction = scanner.fraction() else { return nil }
                millisecond = fraction
            }
        }
        var offsetMinutes = 0
        if scanner.take("Z") || scanner.take("z") {
        } else if scanner.peek("+") || scanner.peek("-") {
            let negative = scanner.peek("-")
            scanner.skip()
            guard let oh = scanner.number(digits: 2), oh <= 23 else { return nil }
            _ = scanner.take(":")
            guard let om = scanner.number(digits: 2), om <= 59 else { return nil }
            offsetMinutes = (oh * 60 + om) * (negative ? -1 : 1)
        }
        guard scanner.atEnd,
              let local = Timestamp(CivilTime(year: Int64(year), month: month, day: day, hour: hour,
                                              minute: minute, second: second, millisecond: millisecond))
        else { return nil }
        self = local - .minutes(Int64(offsetMinutes))
    }
}

private func pad<T: BinaryInteger>(_ value: T, _ width: Int) -> String {
    let digits = String(value.magnitude)
    let sign = value < 0 ? "-" : ""
    return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// A cursor over ASCII bytes for the fixed-width date formats.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    func peek(_ character: Character) -> Bool {
        index < bytes.count && bytes[index] == character.asciiValue
    }

    mutating func skip() { index += 1 }

    mutating func take(_ character: Character) -> Bool {
        guard peek(character) else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += digits
        return value
    }

    /// Fractional seconds as milliseconds: digits after the third are truncated.
    mutating func fraction() -> Int? {
        var value = 0, count = 0
        while index < bytes.count, (48...57).contains(bytes[index]) {
            if count < 3 { value = value * 10 + Int(bytes[index] - 48) }
            count += 1; index += 1
        }
        guard count > 0 else { return nil }
        if count < 3 { for _ in count..<3 { value *= 10 } }
        return value
    }
}
