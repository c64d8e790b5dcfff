import Foundation
import Testing
@testable import WarRoomIntegrations

@Suite("JSON writer and reader")
struct JSONTests {
    @Test("Keys sorted, controls escaped, non-ASCII kept, / not escaped")
    func writes() {
        let value: JSONValue = .object(["b": .int(1), "a": .string("x/y\n\u{1}é\"\\\u{2028}"), "c": .array([.null, .bool(true)])])
        #expect(value.text(pretty: false) == "{\"a\":\"x/y\\n\\u0001é\\\"\\\\\\u2028\",\"b\":1,\"c\":[null,true]}")
    }

    @Test("Every body written reads back the same, and Foundation reads it too")
    func roundTrip() throws {
        for destination in Fixture.destinations {
            for (label, _, _) in Fixture.kinds {
                for request in Fixture.requests(destination, Fixture.notice(label: label)) where !request.body.isEmpty {
                    let parsed = try #require(JSONReader.parse(request.body))
                    #expect(parsed.bytes == request.body)
                    #expect((try? JSONSerialization.jsonObject(with: Data(request.body))) != nil)
                }
            }
        }
    }

    @Test("The reader refuses what is not one JSON document", arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "1 2", "\"\u{1}\"", "{\"a\":1}x"])
    func refuses(_ text: String) {
        #expect(JSONReader.parse(Array(text.utf8)) == nil)
    }

    @Test("Nesting deeper than the limit is refused, not a crash")
    func depth() {
        #expect(JSONReader.parse(Array((String(repeating: "[", count: 64) + String(repeating: "]", count: 64)).utf8)) != nil)
        #expect(JSONReader.parse(Array((String(repeating: "[", count: 66) + String(repeating: "]", count: 66)).utf8)) == nil)
    }

    @Test("Escapes and surrogate pairs decode")
    func escapes() {
        #expect(JSONReader.parse(Array("\"\\u00e9\\ud83d\\ude00\\/\"".utf8)) == .string("é😀/"))
    }
}
