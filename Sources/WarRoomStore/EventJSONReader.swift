import Foundation
import WarRoomCore

/// The fast path met something it does not handle itself: JSONDecoder decides instead.
struct EventJSONMiss: Error {}

/// A cursor over the UTF-8 bytes of one stored event body: the JSON primitives of the fast path.
///
/// It reads the subset of JSON that `JSONEncoder` writes for an `Event` (any key order, any
/// whitespace, every string escape) and throws `EventJSONMiss` at anything else, so that the
/// caller can hand the body to JSONDecoder. Every byte access is bounds-checked (past the end
/// reads as 0, which nothing accepts) and all arithmetic is checked or wrapping: no input traps.
struct EventJSONReader {
    typealias Miss = EventJSONMiss

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Reused for strings with escapes.
    var scratch: [UInt8]

    init(_ bytes: UnsafeBufferPointer<UInt8>, scratch: [UInt8]) {
        self.bytes = bytes
        self.scratch = scratch
    }

    // MARK: Bytes

    /// The byte at `position`, or 0 past either end.
    @inline(__always)
    func byte(_ position: Int) -> UInt8 {
        position >= 0 && position < bytes.count ? bytes[position] : 0
    }

    @inline(__always)
    var current: UInt8 { byte(index) }

    var atEnd: Bool { index >= bytes.count }

    /// The bytes from `start` up to `end`; a miss unless they lie inside the buffer.
    @inline(__always)
    func slice(_ start: Int, _ end: Int) throws(Miss) -> UnsafeBufferPointer<UInt8> {
        guard start >= 0, start <= end, end <= bytes.count else { throw Miss() }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// Skips JSON whitespace: space, tab, line feed, carriage return.
    @inline(__always)
    mutating func skipWhitespace() {
        while true {
            switch current {
            case 0x20, 0x09, 0x0A, 0x0D: index &+= 1
            default: return
            }
        }
    }

    @inline(__always)
    mutating func expect(_ expected: UInt8) throws(Miss) {
        guard current == expected else { throw Miss() }
        index &+= 1
    }

    /// Consumes `literal` (ASCII) when the input continues with it.
    mutating func take(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard count <= bytes.count &- index else { return false }
        let start = literal.utf8Start
        for offset in 0..<count where byte(index &+ offset) != start[offset] { return false }
        index &+= count
        return true
    }

    // MARK: Objects and arrays

    /// `{` and the whitespace after it; false when the object is empty (its `}` consumed).
    mutating func beginObject() throws(Miss) -> Bool {
        skipWhitespace()
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index &+= 1
            return false
        }
        return true
    }

    /// After a member's value: true at `,` (another member follows), false at `}`.
    mutating func nextMember() throws(Miss) -> Bool {
        skipWhitespace()
        switch current {
        case UInt8(ascii: ","):
            index &+= 1
            skipWhitespace()
            return true
        case UInt8(ascii: "}"):
            index &+= 1
            return false
        default:
            throw Miss()
        }
    }

    /// One object whose members all have one of the names given, each at most once: `body` reads
    /// the value of each member, told the position of its name (0 for `n0`…). An unknown or
    /// repeated member is a miss; which members are required is the caller's check afterwards.
    ///
    /// Ten names at most (add a parameter for more). Fixed parameters rather than a list, so
    /// that once inlined the names are constants and each key test compiles to the length and byte
    /// comparisons a hand-written `if key.matches("…")` chain gives, with nothing allocated; the
    /// body must be a closure literal, so that it is inlined too.
    @inline(__always)
    mutating func readMembers(
        _ n0: StaticString, _ n1: StaticString? = nil, _ n2: StaticString? = nil, _ n3: StaticString? = nil,
        _ n4: StaticString? = nil, _ n5: StaticString? = nil, _ n6: StaticString? = nil, _ n7: StaticString? = nil,
        _ n8: StaticString? = nil, _ n9: StaticString? = nil,
        _ body: (inout EventJSONReader, Int) throws(Miss) -> Void
    ) throws(Miss) {
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            // Each branch calls `body` with a constant, so once inlined the body's switch folds to
            // the one case: the same code as a hand-written chain of `if key.matches(…)`.
            if key.matches(n0) { try seen.mark(0); try body(&self, 0) }
            else if key.matches(n1) { try seen.mark(1); try body(&self, 1) }
            else if key.matches(n2) { try seen.mark(2); try body(&self, 2) }
            else if key.matches(n3) { try seen.mark(3); try body(&self, 3) }
            else if key.matches(n4) { try seen.mark(4); try body(&self, 4) }
            else if key.matches(n5) { try seen.mark(5); try body(&self, 5) }
            else if key.matches(n6) { try seen.mark(6); try body(&self, 6) }
            else if key.matches(n7) { try seen.mark(7); try body(&self, 7) }
            else if key.matches(n8) { try seen.mark(8); try body(&self, 8) }
            else if key.matches(n9) { try seen.mark(9); try body(&self, 9) }
            else { throw Miss() }
            more = try nextMember()
        }
    }

    /// A member's key, as its raw bytes (a key with escapes is a miss), then `:` and whitespace.
    mutating func readKey() throws(Miss) -> UnsafeBufferPointer<UInt8> {
        try expect(UInt8(ascii: "\""))
        let start = index
        while true {
            let b = current
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") || b < 0x20 { throw Miss() }
            index &+= 1
        }
        let key = try slice(start, index)
        index &+= 1
        skipWhitespace()
        try expect(UInt8(ascii: ":"))
        skipWhitespace()
        return key
    }

    /// True for the value `null` (consumed); false, consuming nothing, for anything else.
    mutating func takeNull() -> Bool {
        current == UInt8(ascii: "n") && take("null")
    }

    /// Skips one value without decoding it. Only used to find the end of a value that is decoded
    /// properly afterwards, so it checks little.
    mutating func skipValue() throws(Miss) {
        switch current {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while true {
                switch current {
                case UInt8(ascii: "\""):
                    try skipString()
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth &+= 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth &-= 1
                    if depth == 0 {
                        index &+= 1
                        return
                    }
                case 0:
                    throw Miss()
                default:
                    break
                }
                index &+= 1
            }
        default:
            let start = index
            while true {
                switch current {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D, 0:
                    guard index > start else { throw Miss() }
                    return
                default:
                    index &+= 1
                }
            }
        }
    }

    private mutating func skipString() throws(Miss) {
        try expect(UInt8(ascii: "\""))
        while true {
            switch current {
            case UInt8(ascii: "\""):
                index &+= 1
                return
            case UInt8(ascii: "\\"):
                index &+= 2
            case 0:
                throw Miss()
            default:
                index &+= 1
            }
            guard index <= bytes.count else { throw Miss() }
        }
    }

    // MARK: Strings

    /// A string value: every JSON escape, valid UTF-8 only, no raw control characters.
    mutating func readString() throws(Miss) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        var bits: UInt8 = 0
        var high: UInt64 = 0
        skipPlainWords(&high)
        if high & 0x8080_8080_8080_8080 != 0 { bits = 0x80 }
        while true {
            let b = current
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if b < 0x20 { throw Miss() } // a raw control character, or the end of the input
            bits |= b
            index &+= 1
        }
        let text = try slice(start, index)
        index &+= 1
        return try Self.makeString(text, ascii: bits < 0x80)
    }

    /// Skips whole 8-byte words of string content without `"`, `\\` or control characters,
    /// OR-ing them into `seen` (to tell ASCII). Stops before the word holding anything else.
    @inline(__always)
    private mutating func skipPlainWords(_ seen: inout UInt64) {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while index >= 0, index <= bytes.count &- 8 {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            // A byte is zero in `quote` or `backslash`, or below 0x20 in `word`: any such byte sets
            // a high bit here (the classic "has zero byte" / "has byte less than" tests).
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                | ((word &- ones &* 0x20) & ~word)
            if special & highs != 0 { return }
            seen |= word
            index &+= 8
        }
    }

    /// The string of UTF-8 bytes `text`; a miss when they are not valid UTF-8.
    @inline(__always)
    static func makeString(_ text: UnsafeBufferPointer<UInt8>, ascii: Bool) throws(Miss) -> String {
        let string = String(decoding: text, as: UTF8.self)
        if ascii { return string }
        // Decoding replaces ill-formed sequences with U+FFFD, so the bytes come back unchanged
        // exactly when they were valid UTF-8.
        let same = string.utf8.withContiguousStorageIfAvailable { stored -> Bool in
            guard stored.count == text.count else { return false }
            guard let a = stored.baseAddress, let b = text.baseAddress else { return stored.isEmpty }
            return memcmp(a, b, text.count) == 0
        }
        guard same ?? string.utf8.elementsEqual(text) else { throw Miss() }
        return string
    }

    /// The rest of a string whose first escape is at `index`; `start` is its first byte.
    private mutating func readEscapedString(from start: Int) throws(Miss) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: try slice(start, index))
        while true {
            let b = current
            switch b {
            case UInt8(ascii: "\""):
                index &+= 1
                let ascii = !scratch.contains { $0 >= 0x80 }
                let result = scratch.withUnsafeBufferPointer { text in Result { () throws(Miss) in
                    try Self.makeString(text, ascii: ascii)
                } }
                return try result.get()
            case UInt8(ascii: "\\"):
                index &+= 1
                let escaped = current
                index &+= 1
                switch escaped {
                case UInt8(ascii: "\""): scratch.append(0x22)
                case UInt8(ascii: "\\"): scratch.append(0x5C)
                case UInt8(ascii: "/"): scratch.append(0x2F)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"): try appendUnicodeEscape()
                default: throw Miss()
                }
            default:
                if b < 0x20 { throw Miss() }
                scratch.append(b)
                index &+= 1
            }
        }
    }

    /// `XXXX` after `\u`, and for a high surrogate the `\uXXXX` low surrogate that must follow.
    /// A lone surrogate is a miss.
    private mutating func appendUnicodeEscape() throws(Miss) {
        let first = try readHex4()
        let scalarValue: UInt32
        switch first {
        case 0xD800...0xDBFF:
            guard current == UInt8(ascii: "\\"), byte(index &+ 1) == UInt8(ascii: "u") else { throw Miss() }
            index &+= 2
            let second = try readHex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw Miss() }
            scalarValue = 0x10000 &+ ((first &- 0xD800) << 10) &+ (second &- 0xDC00)
        case 0xDC00...0xDFFF:
            throw Miss()
        default:
            scalarValue = first
        }
        appendUTF8(scalarValue)
    }

    /// Appends the UTF-8 form of a scalar value (at most 0x10FFFF, not a surrogate).
    private mutating func appendUTF8(_ value: UInt32) {
        switch value {
        case ..<0x80:
            scratch.append(UInt8(truncatingIfNeeded: value))
        case ..<0x800:
            scratch.append(0xC0 | UInt8(truncatingIfNeeded: value >> 6))
            scratch.append(0x80 | UInt8(truncatingIfNeeded: value & 0x3F))
        case ..<0x10000:
            scratch.append(0xE0 | UInt8(truncatingIfNeeded: value >> 12))
            scratch.append(0x80 | UInt8(truncatingIfNeeded: (value >> 6) & 0x3F))
            scratch.append(0x80 | UInt8(truncatingIfNeeded: value & 0x3F))
        default:
            scratch.append(0xF0 | UInt8(truncatingIfNeeded: (value >> 18) & 0x07))
            scratch.append(0x80 | UInt8(truncatingIfNeeded: (value >> 12) & 0x3F))
            scratch.append(0x80 | UInt8(truncatingIfNeeded: (value >> 6) & 0x3F))
            scratch.append(0x80 | UInt8(truncatingIfNeeded: value & 0x3F))
        }
    }

    private mutating func readHex4() throws(Miss) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let digit = Self.hexValue(current)
            guard digit < 16 else { throw Miss() }
            value = value << 4 | UInt32(digit)
            index &+= 1
        }
        return value
    }

    /// 0–15 for a hex digit (either case), 255 for anything else.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8 {
        let digit = b &- UInt8(ascii: "0")
        let letter = (b | 0x20) &- UInt8(ascii: "a") // either case
        return digit < 10 ? digit : letter < 6 ? letter &+ 10 : 255
    }

    /// A string value that must be one of the raw values in `table`.
    mutating func readEnum<E>(_ table: EventJSONEnumTable<E>) throws(Miss) -> E {
        let start = index
        try expect(UInt8(ascii: "\""))
        let first = index
        while case let b = current, b != UInt8(ascii: "\"") {
            if b == UInt8(ascii: "\\") || b < 0x20 { // escaped: decode the string, then look it up
                index = start
                guard let value = E(rawValue: try readString()) else { throw Miss() }
                return value
            }
            index &+= 1
        }
        guard let value = table.value(for: try slice(first, index)) else { throw Miss() }
        index &+= 1
        return value
    }

    /// `SEV1` … `SEV4`, the form the store writes (other spellings are left to JSONDecoder).
    mutating func readSeverity() throws(Miss) -> Severity {
        try expect(UInt8(ascii: "\""))
        guard take("SEV"), case let digit = current, (UInt8(ascii: "1")...UInt8(ascii: "4")).contains(digit),
              byte(index &+ 1) == UInt8(ascii: "\""),
              let severity = Severity(rawValue: Int(digit &- UInt8(ascii: "0"))) else { throw Miss() }
        index &+= 2
        return severity
    }

    // MARK: Numbers and literals

    mutating func readBool() throws(Miss) -> Bool {
        if current == UInt8(ascii: "t"), take("true") { return true }
        if current == UInt8(ascii: "f"), take("false") { return false }
        throw Miss()
    }

    /// An integer written as plain digits (`-?(0|[1-9][0-9]*)`, no fraction or exponent, no `-0`)
    /// that fits in Int64. Anything else (`5.0`, `1e3`, overflow) is left to JSONDecoder.
    mutating func readInt64() throws(Miss) -> Int64 {
        let negative = current == UInt8(ascii: "-")
        if negative { index &+= 1 }
        let first = current
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { throw Miss() }
        var value: Int64 = 0
        if first == UInt8(ascii: "0") {
            index &+= 1
            guard !negative else { throw Miss() }
        } else {
            while case let b = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) {
                let digit = Int64(b &- UInt8(ascii: "0"))
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = negative ? times10.subtractingReportingOverflow(digit)
                                          : times10.addingReportingOverflow(digit)
                guard !o1, !o2 else { throw Miss() }
                value = next
                index &+= 1
            }
        }
        switch current {
        case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"):
            throw Miss()
        default:
            return value
        }
    }

    /// A JSON number as Double: the exact text checked against the JSON grammar, then converted by
    /// `Double(_: Substring)` (correctly rounded, like Foundation's strtod). An overflow to
    /// infinity or an underflow of a non-zero number to zero is left to JSONDecoder (which refuses
    /// both).
    mutating func readDouble() throws(Miss) -> Double {
        let start = index
        var simpleInteger = true
        var nonZeroDigit = false
        if current == UInt8(ascii: "-") { index &+= 1 }
        let first = current
        if first == UInt8(ascii: "0") {
            index &+= 1
        } else if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(first) {
            nonZeroDigit = true
            while Self.isDigit(current) { index &+= 1 }
        } else {
            throw Miss()
        }
        if current == UInt8(ascii: ".") {
            simpleInteger = false
            index &+= 1
            guard Self.isDigit(current) else { throw Miss() }
            while case let b = current, Self.isDigit(b) {
                if b != UInt8(ascii: "0") { nonZeroDigit = true }
                index &+= 1
            }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            simpleInteger = false
            index &+= 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index &+= 1 }
            guard Self.isDigit(current) else { throw Miss() }
            while Self.isDigit(current) { index &+= 1 }
        }
        let text = try slice(start, index)
        let value: Double
        if simpleInteger, text.count <= 15 {
            // At most 15 digits: exactly representable, no rounding to agree on.
            var integer: Int64 = 0
            for b in text where b != UInt8(ascii: "-") {
                integer = integer &* 10 &+ Int64(b &- UInt8(ascii: "0"))
            }
            value = text.first == UInt8(ascii: "-") ? -Double(integer) : Double(integer)
        } else {
            guard let parsed = Double(Substring(String(decoding: text, as: UTF8.self))) else { throw Miss() }
            value = parsed
        }
        guard value.isFinite, value != 0 || !nonZeroDigit else { throw Miss() }
        return value
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    // MARK: UUIDs and timestamps

    /// A UUID string `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, hex digits in either case.
    mutating func readUUID() throws(Miss) -> UUID {
        try expect(UInt8(ascii: "\""))
        let s = index
        let dash = UInt8(ascii: "-")
        // One bounds check for all 37 bytes (36 and the closing quote).
        guard s >= 0, s <= bytes.count &- 37, bytes[s &+ 36] == UInt8(ascii: "\""), bytes[s &+ 8] == dash,
              bytes[s &+ 13] == dash, bytes[s &+ 18] == dash, bytes[s &+ 23] == dash else { throw Miss() }
        var high: UInt64 = 0, low: UInt64 = 0
        var invalid: UInt8 = 0 // any non-hex byte sets bits above the low nibble
        for k in 0..<36 where k != 8 && k != 13 && k != 18 && k != 23 {
            let digit = Self.hexValue(bytes[s &+ k])
            invalid |= digit
            if k < 19 {
                high = high << 4 | UInt64(digit & 0x0F)
            } else {
                low = low << 4 | UInt64(digit & 0x0F)
            }
        }
        guard invalid < 16 else { throw Miss() }
        index = s &+ 37
        func at(_ word: UInt64, _ n: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: word >> (56 &- 8 &* n)) }
        return UUID(uuid: (at(high, 0), at(high, 1), at(high, 2), at(high, 3),
                           at(high, 4), at(high, 5), at(high, 6), at(high, 7),
                           at(low, 0), at(low, 1), at(low, 2), at(low, 3),
                           at(low, 4), at(low, 5), at(low, 6), at(low, 7)))
    }

    /// A timestamp string. The form the store writes (`2026-11-28T14:02:00Z`, `…:00.123Z`) is read
    /// here; any other string goes through `Timestamp(iso8601:)`, as `Timestamp`'s decoder does.
    mutating func readTimestamp() throws(Miss) -> Timestamp {
        let start = index &+ 1
        if current == UInt8(ascii: "\"") {
            var end = start
            while case let b = byte(end), b != UInt8(ascii: "\""), b != UInt8(ascii: "\\"), b >= 0x20 { end &+= 1 }
            if byte(end) == UInt8(ascii: "\""), let timestamp = fastTimestamp(start, end) {
                index = end &+ 1
                return timestamp
            }
        }
        guard let timestamp = Timestamp(iso8601: try readString()) else { throw Miss() }
        return timestamp
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` between `start` and `end`, with the same range checks
    /// and the same arithmetic as `Timestamp(iso8601:)`; nil for anything else.
    private func fastTimestamp(_ start: Int, _ end: Int) -> Timestamp? {
        let length = end &- start
        guard length >= 20, byte(start &+ 4) == UInt8(ascii: "-"), byte(start &+ 7) == UInt8(ascii: "-"),
              byte(start &+ 10) == UInt8(ascii: "T"), byte(start &+ 13) == UInt8(ascii: ":"),
              byte(start &+ 16) == UInt8(ascii: ":"), byte(end &- 1) == UInt8(ascii: "Z") else { return nil }
        let year = digits(start, 4), month = digits(start &+ 5, 2), day = digits(start &+ 8, 2)
        let hour = digits(start &+ 11, 2), minute = digits(start &+ 14, 2), second = digits(start &+ 17, 2)
        guard year >= 0, month >= 0, day >= 0, hour >= 0, minute >= 0, second >= 0 else { return nil }
        var millisecond = 0
        if length > 20 {
            // `.` and at least one digit; digits after the third are read and dropped.
            guard length >= 22, byte(start &+ 19) == UInt8(ascii: ".") else { return nil }
            var count = 0
            for position in (start &+ 20)..<(end &- 1) {
                let b = byte(position)
                guard Self.isDigit(b) else { return nil }
                if count < 3 { millisecond = millisecond &* 10 &+ Int(b &- UInt8(ascii: "0")) }
                count &+= 1
            }
            if count < 3 { for _ in count..<3 { millisecond &*= 10 } }
        }
        let year64 = Int64(year)
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year64)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
              (0...999).contains(millisecond) else { return nil }
        let days = Self.daysFromCivil(year64, month, day)
        let seconds = Int64(hour * 3600 + minute * 60 + second)
        return Timestamp(millis: days * 86_400_000 + seconds * 1000 + Int64(millisecond))
    }

    /// `count` ASCII digits at `position` as a number, or -1.
    private func digits(_ position: Int, _ count: Int) -> Int {
        var value = 0
        for offset in 0..<count {
            let b = byte(position &+ offset)
            guard Self.isDigit(b) else { return -1 }
            value = value &* 10 &+ Int(b &- UInt8(ascii: "0"))
        }
        return value
    }

    static func daysIn(month: Int, year: Int64) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil, as `Timestamp` computes it.
    static func daysFromCivil(_ year: Int64, _ month: Int, _ day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month), d = Int64(day)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// The raw values of a string enum as bytes, to look values up without making strings.
struct EventJSONEnumTable<E: CaseIterable & RawRepresentable & Sendable>: Sendable where E.RawValue == String {
    private let entries: [(name: [UInt8], value: E)]

    init(_: E.Type) {
        entries = E.allCases.map { (Array($0.rawValue.utf8), $0) }
    }

    func value(for name: UnsafeBufferPointer<UInt8>) -> E? {
        for entry in entries where entry.name.count == name.count && entry.name.elementsEqual(name) {
            return entry.value
        }
        return nil
    }
}

/// The tables of the enums that events store.
enum EventJSONEnums {
    static let entryKind = EventJSONEnumTable(EntryKind.self)
    static let entryTag = EventJSONEnumTable(EntryTag.self)
    static let role = EventJSONEnumTable(Role.self)
    static let upgradeTrigger = EventJSONEnumTable(UpgradeTrigger.self)
    static let verdict = EventJSONEnumTable(HypothesisVerdict.self)
    static let notificationKind = EventJSONEnumTable(NotificationKind.self)
    static let obligationKind = EventJSONEnumTable(ObligationKind.self)
    static let runbookAction = EventJSONEnumTable(RunbookUse.Action.self)
    static let drillAction = EventJSONEnumTable(DrillMark.Action.self)
    static let incidentStatus = EventJSONEnumTable(IncidentStatus.self)
    static let audience = EventJSONEnumTable(Audience.self)
    static let postmortemStatus = EventJSONEnumTable(PostmortemStatus.self)
    static let actionPriority = EventJSONEnumTable(ActionPriority.self)
    static let actionItemStatus = EventJSONEnumTable(ActionItemStatus.self)
    static let postmortemSection = EventJSONEnumTable(PostmortemSection.self)
    static let factorLevel = EventJSONEnumTable(FactorLevel.self)
    static let linkKind = EventJSONEnumTable(LinkKind.self)
}
