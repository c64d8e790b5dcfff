import Foundation
import WarRoomCore

/// Decodes the stored JSON of one `Event` (what `JSONEncoder` writes for it) about an order of
/// magnitude faster than `JSONDecoder`, with exactly `JSONDecoder`'s results and errors.
///
/// A hand-written reader builds the event straight from the UTF-8 bytes. It accepts only what it
/// fully understands: known keys (in any order, each at most once), the JSON types the fields
/// have, every string escape, numbers in strict JSON form. At anything else (an unknown key or
/// event type, a duplicate key, a lone surrogate, a number it does not convert itself, malformed
/// input…) it gives up and the body is decoded by `JSONDecoder`, which returns the event or throws
/// its own error. So the fast path never decides an outcome of its own: it either yields the value
/// `JSONDecoder` would yield, or defers.
///
/// Not thread-safe: use one instance per thread (it reuses a buffer between calls).
package struct EventJSONDecoder {
    private let fallback = JSONDecoder()
    private var scratch: [UInt8] = []

    package init() {}

    /// Decodes one body: the fast path, else `JSONDecoder`'s result or error.
    package mutating func decode(_ body: UnsafeRawBufferPointer) throws -> Event {
        if let event = decodeFast(body) { return event }
        return try fallback.decode(Event.self, from: Data(body))
    }

    /// Decodes one body: the fast path, else `JSONDecoder`'s result or error.
    package mutating func decode(_ body: Data) throws -> Event {
        try body.withUnsafeBytes { raw in try decode(raw) }
    }

    /// The fast path alone: nil where it defers to `JSONDecoder`.
    package mutating func decodeFast(_ body: UnsafeRawBufferPointer) -> Event? {
        var reader = EventJSONReader(body.assumingMemoryBound(to: UInt8.self), scratch: [])
        swap(&reader.scratch, &scratch) // keep the buffer uniquely referenced while in use
        defer { swap(&reader.scratch, &scratch) }
        do {
            return try reader.readEvent()
        } catch {
            return nil
        }
    }

    /// The fast path alone: nil where it defers to `JSONDecoder`.
    package mutating func decodeFast(_ body: Data) -> Event? {
        body.withUnsafeBytes { raw in decodeFast(raw) }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// True when these bytes are exactly `name` (ASCII).
    @inline(__always)
    func matches(_ name: StaticString) -> Bool {
        let length = name.utf8CodeUnitCount
        guard count == length else { return false }
        let expected = name.utf8Start
        for offset in 0..<length where self[offset] != expected[offset] { return false }
        return true
    }

    /// False for no name (an unused parameter of `EventJSONReader.readMembers`).
    @inline(__always)
    func matches(_ name: StaticString?) -> Bool {
        guard let name else { return false }
        return matches(name)
    }
}

/// Which members of an object were read: a member given twice is a miss (JSONDecoder's rule for
/// duplicates is its own business).
struct SeenMembers {
    private var bits: UInt32 = 0

    @inline(__always)
    mutating func mark(_ member: Int) throws(EventJSONMiss) {
        let bit: UInt32 = 1 << UInt32(truncatingIfNeeded: member & 31)
        guard bits & bit == 0 else { throw EventJSONMiss() }
        bits |= bit
    }
}

extension EventType {
    /// The type whose stored name is exactly `name`: compared against every case's raw value, so
    /// a new case is read by name without another list here.
    init?(storedName name: UnsafeBufferPointer<UInt8>) {
        for (type, bytes) in Self.storedNames where bytes.count == name.count {
            if bytes.withUnsafeBufferPointer({ $0.elementsEqual(name) }) {
                self = type
                return
            }
        }
        return nil
    }

    /// Every case's raw value as UTF-8, made once.
    private static let storedNames: [(EventType, [UInt8])] = allCases.map { ($0, Array($0.rawValue.utf8)) }
}

extension EventJSONReader {
    /// A whole body: one event object, then nothing but whitespace.
    mutating func readEvent() throws(Miss) -> Event {
        var id: UUID?, incident: String?, at: Timestamp?, recordedAt: Timestamp?, author: String?
        var kind: EventType?, payload: EventPayload?
        var payloadKind: EventType?
        var data: (start: Int, end: Int)?
        try readMembers("id", "at", "recordedAt", "incident", "author", "type", "data") { r, member throws(Miss) in
            switch member {
            case 0: id = try r.readUUID()
            case 1: at = try r.readTimestamp()
            case 2: recordedAt = try r.readTimestamp()
            case 3: incident = try r.readString()
            case 4: author = try r.readString()
            case 5: kind = try r.readPayloadKind()
            case 6:
                let start = r.index
                if let kind {
                    payload = try r.readPayload(kind)
                    payloadKind = kind
                } else if let guess = r.typeAtEnd() {
                    // Sorted keys put `data` before `type`, which then ends the body: read the data
                    // as that type now, and check the guess when `type` itself is read.
                    do {
                        payload = try r.readPayload(guess)
                        payloadKind = guess
                    } catch {
                        r.index = start
                        try r.skipValue()
                    }
                } else {
                    try r.skipValue()
                }
                data = (start, r.index)
            default: throw Miss()
            }
        }
        skipWhitespace()
        guard atEnd else { throw Miss() }
        guard let kind, let data else { throw Miss() }
        if payloadKind != kind { // `data` came first and was skipped, or read as another type
            index = data.start
            payload = try readPayload(kind)
            guard index == data.end else { throw Miss() }
        }
        guard let id, let incident, let at, let recordedAt, let author, let payload else { throw Miss() }
        return Event(id: id, incident: incident, at: at, recordedAt: recordedAt, author: author, payload: payload)
    }

    /// The type named by a body that ends `"type":"NAME"}` (as sorted keys write it), if it
    /// does: only a guess, checked when `type` itself is read.
    private func typeAtEnd() -> EventType? {
        var i = bytes.count &- 1
        func skipBackWhitespace() {
            while i >= 0, case let b = byte(i), b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i &-= 1 }
        }
        skipBackWhitespace()
        guard byte(i) == UInt8(ascii: "}") else { return nil }
        i &-= 1
        skipBackWhitespace()
        guard byte(i) == UInt8(ascii: "\"") else { return nil }
        let end = i
        i &-= 1
        while i >= 0, byte(i) != UInt8(ascii: "\"") {
            guard byte(i) != UInt8(ascii: "\\") else { return nil }
            i &-= 1
        }
        guard i >= 0, let name = try? slice(i &+ 1, end) else { return nil }
        i &-= 1
        skipBackWhitespace()
        guard byte(i) == UInt8(ascii: ":") else { return nil }
        i &-= 1
        skipBackWhitespace()
        guard i >= 5, let key = try? slice(i &- 5, i &+ 1), key.matches("\"type\"") else { return nil }
        return EventType(storedName: name)
    }

    /// The `type` string, without escapes.
    private mutating func readPayloadKind() throws(Miss) -> EventType {
        try expect(UInt8(ascii: "\""))
        let start = index
        while case let b = current, b != UInt8(ascii: "\"") {
            guard b != UInt8(ascii: "\\"), b >= 0x20 else { throw Miss() }
            index &+= 1
        }
        guard let kind = EventType(storedName: try slice(start, index)) else { throw Miss() }
        index &+= 1
        return kind
    }
}
