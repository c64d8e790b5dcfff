import Testing
import WarRoomCore
@testable import WarRoomIntegrations

@Suite("Teams card size")
struct TeamsLimitTests {
    static func card(_ text: String) -> (bytes: Int, texts: [String]) {
        guard let request = Fixture.requests(Fixture.teams, Fixture.notice(.statusUpdate(audience: .executives, text: text))).first else { return (0, []) }
        let json = Fixture.json(request)
        guard case .array(let attachments)? = json["attachments"], let content = attachments.first?["content"],
              case .array(let body)? = content["body"] else { return (request.body.count, []) }
        #expect(attachments.first?["contentType"]?.stringValue == "application/vnd.microsoft.card.adaptive")
        return (request.body.count, body.compactMap { $0["text"]?.stringValue })
    }

    @Test("Any text fits in 28 KB; a shortened one says so in the card",
          arguments: [100, 27_000, 28_000, 29 * 1024, 100_000, 1_000_000])
    func size(_ count: Int) {
        let text = String(repeating: "w", count: count)
        let (bytes, texts) = Self.card(text)
        #expect(bytes <= TeamsPayload.maxBytes)
        let shortened = texts.contains { $0.hasPrefix("Shortened to fit Teams' 28 KB limit") }
        #expect(shortened == !texts.contains(text))
        if shortened {
            #expect(bytes > TeamsPayload.maxBytes - 200, "it keeps as much as fits")
        }
    }

    @Test("Multi-byte and escaped characters count as the bytes they take", arguments: ["é", "\"", "\n", "👩🏽‍💻"])
    func multibyte(_ unit: String) {
        let (bytes, texts) = Self.card(String(repeating: unit, count: 20_000))
        #expect(bytes <= TeamsPayload.maxBytes)
        #expect(texts.contains { $0.hasPrefix("Shortened") })
    }
}
