import Testing
import WarRoomTestSupport
@testable import WarRoomCore

/// Queries as typed, and what the knowledge base indexes of an incident.
@Suite("Search: queries and documents")
struct SearchQueryTests {
    @Test("Terms split on white space; quotes keep a phrase; an unclosed quote runs to the end; control characters go", arguments: [
        ("connection reset", ["connection", "reset"]),
        ("  \"connection reset\"  by peer ", ["connection reset", "by", "peer"]),
        ("\"unclosed phrase here", ["unclosed phrase here"]),
        ("a\"b\"c", ["a", "b", "c"]),
        ("\"\" \"  \"", []),
        ("", []),
        ("   ", []),
        ("bell\u{7}ring", ["bellring"]),
        ("tab\there", ["tab", "here"]),
        ("checkout-api NOT OR *", ["checkout-api", "NOT", "OR", "*"]),
    ])
    func terms(_ text: String, _ expected: [String]) {
        #expect(SearchQuery(text).terms == expected)
        #expect(SearchQuery(text).isEmpty == expected.isEmpty)
    }

    @Test("The FTS5 expression quotes every term, doubling quotes inside, so nothing typed is an operator")
    func fts5() {
        #expect(SearchQuery(terms: ["checkout-api", "NOT", "he said \"why\""]).fts5 == "\"checkout-api\" \"NOT\" \"he said \"\"why\"\"\"")
        #expect(SearchQuery(terms: ["ab", "abc", "ECONN"]).substrings == ["abc", "econn"], "three characters or more, lowercased")
    }

    @Test("A similarity query: distinct words of three letters or more, stop words out, any may match, at most the limit")
    func like() {
        let query = SearchQuery.like("Checkout 502s after the config push — checkout-api, Checkout", limit: 5)
        #expect(query.terms == ["checkout", "502s", "config", "push", "api"] && !query.requireAll)
        #expect(query.fts5 == "\"checkout\" OR \"502s\" OR \"config\" OR \"push\" OR \"api\"")
        #expect(SearchQuery.like("the and of it").isEmpty)
        #expect(SearchQuery.like("a b c d e f g h i j k l m n o p q r s t u v w x y z", limit: 3).isEmpty)
    }

    @Test("Every term must occur, ignoring case")
    func allOccur() {
        let query = SearchQuery("econnres PG-primary")
        #expect(query.allOccur(in: "pool logged ECONNRESET from pg-primary-2"))
        #expect(!query.allOccur(in: "pool logged ECONNRESET"))
    }

    @Test("A snippet centres on the first match, marks each occurrence, cuts at spaces with an ellipsis, and is one line")
    func snippet() {
        let h0 = SearchQuery.highlightStart, h1 = SearchQuery.highlightEnd
        let query = SearchQuery("reset")
        #expect(query.snippet(of: "pool logged ECONNRESET\nthen reset it") == "pool logged ECONN\(h0)RESET\(h1) then \(h0)reset\(h1) it")
        let long = String(repeating: "word ", count: 40) + "the ECONNRESET happened " + String(repeating: "tail ", count: 40)
        let cut = query.snippet(of: long, width: 40)
        #expect(cut.hasPrefix("\u{2026}") && !cut.hasPrefix("\u{2026}ord") && cut.hasSuffix("\u{2026}") && cut.contains("ECONN\(h0)RESET\(h1) happened"), "[\(cut)]")
        #expect(cut.count < 60)
        #expect(SearchQuery("zzz").snippet(of: "no match here") == "no match here", "no match: the start")
        // A case mapping that changes the length shows the lowered text rather than misplace marks.
        let turkish = SearchQuery("x").snippet(of: "\u{130}x")
        #expect(turkish.contains("\(h0)x\(h1)"), "\(turkish)")
        #expect(SearchQuery.oneLine("a\n\nb\nc") == "a \u{B7} b \u{B7} c")
        let pieces = SearchQuery.pieces(of: "pool ECONN\(h0)RESET\(h1) then \(h0)reset\(h1)\(h0)open")
        #expect(pieces.map(\.text) == ["pool ECONN", "RESET", " then ", "reset", "open"])
        #expect(pieces.map(\.matched) == [false, true, false, true, true], "a mark left open runs to the end")
        #expect(SearchQuery.pieces(of: "").isEmpty && SearchQuery.pieces(of: "plain").map(\.matched) == [false])
    }

    @Test("A document's snippet, read from the lines around its first match, is the one its whole body gives")
    func windowedSnippet() {
        var rng = SeededGenerator(seed: 14)
        let vocabulary = ["pool", "reset", "ECONNRESET", "pg-primary-2", "Région", "ärger", "cache", "TLS", "502", "über", "timeout", "✅"]
        var compared = 0, fromBody = 0
        for round in 0..<400 {
            let lines = (0..<Int.random(in: 0...60, using: &rng)).map { _ in
                (0..<Int.random(in: 0...18, using: &rng)).map { _ in vocabulary.randomElement(using: &rng) ?? "" }.joined(separator: " ")
            }
            let body = lines.joined(separator: "\n")
            let terms = (0..<Int.random(in: 1...2, using: &rng)).map { _ in
                [vocabulary.randomElement(using: &rng) ?? "", "zzz", "RESET", "région", "imeou"].randomElement(using: &rng) ?? ""
            }
            let query = SearchQuery(terms: terms)
            let inBody = terms.contains { body.lowercased().contains($0.lowercased()) }
            let whole = inBody ? query.snippet(of: body) : query.snippet(of: "Checkout 502s")
            #expect(query.snippet(title: "Checkout 502s", body: body) == whole, "round \(round): \(terms) in \(body.debugDescription)")
            compared += 1
            if inBody { fromBody += 1 }
        }
        #expect(compared == 400 && fromBody > 100 && fromBody < 390, "both paths taken: \(fromBody) from the body")
        // The ellipses of a window that starts and ends inside the body.
        let long = (0..<50).map { "line \($0) of plain words here" }.joined(separator: "\n") + "\nthe E12345-timeout\n"
            + (0..<50).map { "after \($0) more plain words" }.joined(separator: "\n")
        let cut = SearchQuery("e123").snippet(title: "t", body: long)
        #expect(cut == SearchQuery("e123").snippet(of: long) && cut.hasPrefix("\u{2026}") && cut.hasSuffix("\u{2026}"), "\(cut)")
    }

    @Test("A substring is found byte for byte in lowercased text, whatever its script, and an empty one everywhere")
    func occurs() {
        #expect(SearchQuery.occurs("résea", in: "le réseau est lent"))
        #expect(!SearchQuery.occurs("reseau", in: "le réseau est lent"))
        #expect(SearchQuery.occurs("✅", in: "done ✅") && SearchQuery.occurs("", in: "") && SearchQuery.occurs("", in: "x"))
        #expect(!SearchQuery.occurs("longer", in: "long") && SearchQuery.occurs("long", in: "long"))
        #expect(SearchQuery.occurs("aab", in: "aaab"), "a partial match does not skip the real one")
        #expect(!SearchQuery.occurs("ab", in: "a"))
    }

    @Test("The document holds what people wrote: summary, entries as last worded, hypotheses, the post-mortem; not retracted entries")
    func document() throws {
        var s = Scenario.declared(.sev2, title: "Checkout 502s", service: "checkout-api", summary: "payments failing")
        s.must(.log(Entry(kind: .note, text: "first wording")))
        let entry = try #require(s.state?.timeline.last?.id)
        s.must(.amend(entry: entry, text: "second wording"))
        s.must(.log(Entry(kind: .finding, text: "wrong incident, sorry")))
        let wrong = try #require(s.state?.timeline.last?.id)
        s.must(.retract(entry: wrong, reason: "not ours"))
        s.must(.openHypothesis(text: "the config push broke TLS", owner: "bob", timebox: nil))
        s.must(.setPostmortemText(.lessons, text: "canary config pushes"))
        s.must(.setFactor(.systemic, text: "no staged rollout"))
        s.must(.addWhy("the push skipped the canary"))
        s.must(.addActionItem(text: "gate config pushes", owner: "bob", priority: .p1, due: t0 + .hours(24), fromEntry: nil, force: true))
        let document = SearchDocument(try #require(s.state), sequence: 42)
        #expect(document.incident == "INC-1" && document.sequence == 42 && document.title == "Checkout 502s" && document.service == "checkout-api")
        for text in ["payments failing", "second wording", "the config push broke TLS", "canary config pushes", "no staged rollout",
                     "the push skipped the canary", "gate config pushes"] {
            #expect(document.body.contains(text), "\(text) in \(document.body)")
        }
        #expect(!document.body.contains("first wording") && !document.body.contains("wrong incident"), "\(document.body)")
    }
}
