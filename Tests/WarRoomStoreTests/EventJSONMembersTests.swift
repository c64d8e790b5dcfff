import Foundation
import Testing
import WarRoomCore
import WarRoomStore

/// The member rules of the hand-written reader (`EventJSONReader.readMembers`), for every event
/// type and every member of its body and its data: a repeated member, an unknown one or a near
/// miss of a name leaves the body to JSONDecoder; without a member, the fast path reads what
/// JSONDecoder reads (an optional member) or defers (a required one).
@Suite("The fast reader's members, for every event type")
struct EventJSONMembersTests {
    @Test("Repeated, unknown, near-miss and missing members", arguments: EventType.allCases)
    func members(_ type: EventType) throws {
        let samples = decoderVariety.filter { $0.payload.eventType == type }.prefix(3)
        #expect(!samples.isEmpty)
        for event in samples {
            let body = try decoderStoreEncoder.encode(event)
            #expect(fastPath(body) == event, "the sample itself is read by hand")
            let top = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            let data = try #require(top["data"] as? [String: Any])
            for (key, value) in top {
                try expectDeferred(insert(key, value, into: body, after: "{"), "\(key) twice in the event")
            }
            for (key, value) in data {
                try expectDeferred(insert(key, value, into: body, after: #""data":{"#), "\(key) twice in the data")
            }
            let names = Set(data.keys)
            let nearMisses = data.keys.flatMap { key in
                [key.prefix(1).uppercased() + key.dropFirst(), key + "s", String(key.dropLast()), " " + key]
            }
            for name in nearMisses + ["zz", ""] where !names.contains(name) {
                try expectDeferred(insert(name, 1, into: body, after: #""data":{"#), "unknown member \(name) in the data")
            }
            for name in ["Id", "typ", "zz"] {
                try expectDeferred(insert(name, 1, into: body, after: "{"), "unknown member \(name) in the event")
            }
            for key in data.keys {
                var without = top
                without["data"] = data.filter { $0.key != key }
                try expectAsJSONDecoder(JSONSerialization.data(withJSONObject: without), "no \(key) in the data")
            }
            for key in top.keys {
                try expectAsJSONDecoder(JSONSerialization.data(withJSONObject: top.filter { $0.key != key }),
                                        "no \(key) in the event")
            }
        }
    }

    private func fastPath(_ body: Data) -> Event? {
        var decoder = EventJSONDecoder()
        return decoder.decodeFast(body)
    }

    /// `body` with the member `"name": value` inserted after the first `prefix`.
    private func insert(_ name: String, _ value: Any, into body: Data, after prefix: String) throws -> Data {
        let text = String(decoding: body, as: UTF8.self)
        let at = try #require(text.range(of: prefix)).upperBound
        let member = String(decoding: try JSONSerialization.data(withJSONObject: [name: value]), as: UTF8.self)
            .dropFirst().dropLast()
        let separator = text[at...].hasPrefix("}") ? "" : ","
        return Data((text[..<at] + member + separator + text[at...]).utf8)
    }

    private func expectDeferred(_ body: Data, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(fastPath(body) == nil, "the fast path read a body with \(what): \(String(decoding: body, as: UTF8.self))",
                sourceLocation: sourceLocation)
        expectAsJSONDecoder(body, what, sourceLocation: sourceLocation, fastMayDefer: true)
    }

    /// The fast path reads the same event as JSONDecoder, or defers where JSONDecoder refuses; the
    /// whole decoder gives JSONDecoder's event or error.
    private func expectAsJSONDecoder(_ body: Data, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                                     fastMayDefer: Bool = false) {
        let reference = Result { try JSONDecoder().decode(Event.self, from: body) }
        var decoder = EventJSONDecoder()
        let whole = Result { try decoder.decode(body) }
        let shown = String(decoding: body, as: UTF8.self)
        switch (reference, whole) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "different events with \(what): \(shown)", sourceLocation: sourceLocation)
            if !fastMayDefer {
                #expect(fastPath(body) == a, "the fast path differs with \(what): \(shown)", sourceLocation: sourceLocation)
            }
        case (.failure(let a), .failure(let b)):
            #expect("\(a)" == "\(b)", "different errors with \(what): \(shown)", sourceLocation: sourceLocation)
            #expect(fastPath(body) == nil, "the fast path read \(shown)", sourceLocation: sourceLocation)
        default:
            Issue.record("JSONDecoder \(reference), the decoder \(whole), with \(what): \(shown)",
                         sourceLocation: sourceLocation)
        }
    }
}
