import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// `/search` in the war room: the line asks the runtime, the results come over the panes with
/// the header kept, matches marked by style and by `›…‹`, scrolled by result, Esc back to typing.
@Suite("Screen and input: search")
struct ScreenSearchTests {
    static let h0 = SearchQuery.highlightStart, h1 = SearchQuery.highlightEnd

    static func hits(_ count: Int) -> [SearchHit] {
        (0..<count).map { n -> SearchHit in
            let first = n == 0
            let declared: Timestamp = t0 - TimeSpan.hours(24 * Int64(30 + n))
            let snippet: String = "pool logged ECONN" + h0 + "RESET" + h1 + " from pg-primary-2 · rolled back the " + h0 + "config" + h1 + " push at 14:20"
            return SearchHit(incident: "INC-\(40 - n)", title: first ? "Checkout 502s after config push" : "Search latency \(n)",
                             severity: first ? .sev1 : .sev3, status: first ? .resolved : .investigating,
                             service: first ? "checkout-api" : nil, declaredAt: declared, snippet: snippet,
                             match: first ? .words : .substring, score: Double(10 - n))
        }
    }

    static func model(width: Int = 80, height: Int = 24) -> WarRoomModel {
        let script = Script.checkoutOutage()
        return WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: width, height: height)
    }

    static func type(_ text: String, into model: inout WarRoomModel) -> [Effect] {
        var effects: [Effect] = []
        for character in text { effects += model.update(.input(.key(.character(character)))) }
        return effects + model.update(.input(.key(.enter)))
    }

    @Test("/search asks the runtime with the typed terms; without words it is refused and nothing is asked")
    func asks() throws {
        var model = Self.model()
        #expect(Self.type("/search \"config push\" reset", into: &model) == [.search(SearchQuery(terms: ["config push", "reset"]))])
        #expect(model.input.isEmpty && model.mode == .input)
        #expect(Self.type("/search   ", into: &model).isEmpty)
        #expect(model.notice?.text.hasPrefix("/search needs words to find: /search connection reset") == true)
        #expect(model.notice?.kind == .error)
    }

    @Test("Results over the panes, golden at 80×24 and 120×40, in colour and monochrome", arguments: [(80, 24), (120, 40)], ["dark", "monochrome"])
    func golden(_ size: (Int, Int), _ themeName: String) throws {
        var model = Self.model(width: size.0, height: size.1)
        _ = model.update(.searchResults(SearchResults(query: SearchQuery("config reset"), hits: Self.hits(3))))
        #expect(model.mode == .search)
        let theme = try #require(ThemeCatalog.builtIn(themeName))
        try Golden.check(WarRoomView.render(model).grid, theme: theme, name: "search-\(size.0)x\(size.1)-\(themeName)")
    }

    @Test("Scrolling moves by result and stops at the last; Esc, q and Enter close, the line's text kept")
    func scrollAndClose() throws {
        var model = Self.model()
        for character in "half-typed" { _ = model.update(.input(.key(.character(character)))) }
        _ = model.update(.searchResults(SearchResults(query: SearchQuery("reset"), hits: Self.hits(12))))
        let top = WarRoomView.render(model).grid.lines.joined(separator: "\n")
        #expect(top.contains("INC-40") && top.contains("↓ more") && !top.contains("↑ more"), "\(top)")
        _ = model.update(.input(.key(.down)))
        #expect(model.search?.scroll == 1)
        for _ in 0..<30 { _ = model.update(.input(.key(.pageDown))) }
        #expect(model.search?.scroll == 11, "at most the last result")
        let bottom = WarRoomView.render(model).grid.lines.joined(separator: "\n")
        #expect(bottom.contains("INC-29") && bottom.contains("↑ more") && !bottom.contains("INC-40"), "\(bottom)")
        for key in [Key.escape, .character("q"), .enter] {
            model.mode = .search
            _ = model.update(.input(.key(key)))
            #expect(model.mode == .input && model.input.text == "half-typed", "\(key)")
        }
        #expect(model.search?.hits.count == 12, "kept, though closed")
    }

    @Test("Nothing found says what to try; a note about what is not indexed and a failure are said in the footer")
    func emptyNoteAndFailure() throws {
        var model = Self.model(width: 120, height: 40)
        _ = model.update(.searchResults(SearchResults(query: SearchQuery("zookeeper etcd"), hits: [])))
        let screen = WarRoomView.render(model).grid.lines.joined(separator: "\n")
        #expect(screen.contains("Search “zookeeper” “etcd”: nothing — Esc closes"))
        #expect(screen.contains("No incident matches “zookeeper” “etcd”.") && screen.contains("Every word must match: try fewer"), "\(screen)")
        _ = model.update(.input(.key(.escape)))
        _ = model.update(.searchResults(SearchResults(query: SearchQuery("x"), hits: Self.hits(1), note: "2 incidents changed since indexed")))
        #expect(model.notice == WarRoomModel.Notice(.info, "2 incidents changed since indexed"))
        _ = model.update(.input(.key(.escape)))
        let effects = model.update(.searchFailed("the server went away"))
        #expect(model.notice == WarRoomModel.Notice(.error, "Search failed: the server went away") && model.mode == .input)
        #expect(effects == [.log("search failed: the server went away")])
    }
}
