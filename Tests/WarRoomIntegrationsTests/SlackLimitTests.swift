import Testing
import WarRoomCore
@testable import WarRoomIntegrations

@Suite("Slack limits and escaping")
struct SlackLimitTests {
    static func blocks(_ text: String) -> [JSONValue] {
        let request = Fixture.requests(Fixture.slack, Fixture.notice(.statusUpdate(audience: .engineering, text: text)))
        guard let first = request.first, case .array(let blocks)? = Fixture.json(first)["blocks"] else { return [] }
        return blocks
    }

    static func sections(_ blocks: [JSONValue]) -> [String] {
        blocks.filter { $0["type"]?.stringValue == "section" }.compactMap { $0["text"]?["text"]?.stringValue }
    }

    @Test("Section text at and around 3,000 characters: at most 3,000 each, nothing lost until the block limit",
          arguments: [1, 2999, 3000, 3001, 6000, 6001, 9001, 100_000])
    func sectionLength(_ count: Int) {
        let text = String(repeating: "a", count: count)
        let blocks = Self.blocks(text)
        let sections = Self.sections(blocks)
        #expect(blocks.count <= SlackPayload.maxBlocks)
        #expect(sections.allSatisfy { $0.utf16.count <= 3000 })
        let expected = (count + 2999) / 3000
        if expected <= SlackPayload.maxBlocks - 2 {
            #expect(sections.count == expected)
            #expect(sections.joined() == text)
        } else {
            #expect(sections.count == SlackPayload.maxBlocks - 2)
            #expect(sections.last?.contains("more characters are in warroom") == true)
        }
    }

    @Test("Text needing 51 or more blocks is cut to exactly 50, and says so",
          arguments: [48 * 3000, 48 * 3000 + 1, 49 * 3000, 51 * 3000, 200 * 3000])
    func blockLimit(_ count: Int) {
        let blocks = Self.blocks(String(repeating: "x", count: count))
        #expect(blocks.count <= 50)
        let sections = Self.sections(blocks)
        if count > 48 * 3000 {
            #expect(blocks.count == 50)
            #expect(sections.last?.contains("cut to fit Slack's 50-block limit") == true)
        } else {
            #expect(sections.joined().count == count)
        }
    }

    @Test("A long text splits at a space in the second half, not mid-word")
    func splitsAtSpaces() {
        let words = Array(repeating: "incident", count: 800).joined(separator: " ")
        let sections = Self.sections(Self.blocks(words))
        #expect(sections.count == 3)
        #expect(sections.dropLast().allSatisfy { $0.hasSuffix(" ") })
        #expect(sections.joined() == words)
    }

    @Test("&, < and > are escaped everywhere user text goes, so no mention or link can be injected",
          arguments: [("<!channel> fix now", "&lt;!channel&gt; fix now"), ("a & b", "a &amp; b"), ("x > y < z", "x &gt; y &lt; z"),
                      ("<https://evil.example|click>", "&lt;https://evil.example|click&gt;"), ("&amp; already", "&amp;amp; already")])
    func escaping(_ text: String, _ escaped: String) {
        let notice = Fixture.notice(.statusUpdate(audience: .engineering, text: text),
                                    incident: IncidentSnapshot(id: "INC-1", title: text, severity: .sev2, status: .investigating,
                                                               service: text, commander: text))
        guard let request = Fixture.requests(Fixture.slack, notice).first else { Issue.record("no request"); return }
        let json = Fixture.json(request)
        var mrkdwn: [String] = [json["text"]?.stringValue ?? ""]
        if case .array(let blocks)? = json["blocks"] {
            for block in blocks {
                if block["type"]?.stringValue == "section" { mrkdwn.append(block["text"]?["text"]?.stringValue ?? "") }
                if case .array(let elements)? = block["elements"] { mrkdwn += elements.compactMap { $0["text"]?.stringValue } }
            }
        }
        #expect(SlackPayload.escape(text) == escaped)
        #expect(mrkdwn.allSatisfy { !$0.contains(text) })
        #expect(mrkdwn.filter { $0.contains(escaped) }.count >= 3)
        // The only `<` left is the link warroom itself makes.
        #expect(mrkdwn.allSatisfy { $0.replacingAll("<https://wiki.example.com/inc/1|Open INC-1>", with: "").contains("<") == false })
    }

    @Test("Escaping grows the text, and the 3,000 limit counts the escaped form; no entity is split")
    func escapedLength() {
        let sections = Self.sections(Self.blocks(String(repeating: "&", count: 1000)))
        #expect(sections.count == 2)
        #expect(sections.allSatisfy { $0.utf16.count <= 3000 })
        #expect(sections.allSatisfy { $0.replacingAll("&amp;", with: "").isEmpty })
    }

    @Test("Emoji and accents are never cut in half")
    func wholeCharacters() {
        let text = String(repeating: "👩🏽‍💻é", count: 2000)
        let sections = Self.sections(Self.blocks(text))
        #expect(sections.allSatisfy { $0.utf16.count <= 3000 })
        #expect(sections.joined() == text)
    }

    @Test("The header is plain text of at most 150 characters")
    func header() {
        let long = IncidentSnapshot(id: "INC-1", title: String(repeating: "t", count: 400), severity: .sev1, status: .investigating)
        guard let request = Fixture.requests(Fixture.slack, Fixture.notice(.declared, incident: long)).first,
              case .array(let blocks)? = Fixture.json(request)["blocks"] else { Issue.record("no blocks"); return }
        let header = blocks.first?["text"]?["text"]?.stringValue ?? ""
        #expect(header.count == 150)
        #expect(header.hasSuffix("…"))
    }
}
