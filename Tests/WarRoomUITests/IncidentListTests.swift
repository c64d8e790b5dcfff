import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// The full-screen incident list: most severe first and children under their parent, keys to
/// move and open, a filter, closed ones on request, and columns that give way as the screen
/// narrows, in goldens at 120×40 and 80×24.
@Suite("Incident list")
struct IncidentListTests {
    static func state(_ id: IncidentID, _ title: String, _ severity: Severity, at: Timestamp, service: String? = nil,
                      ic: String? = "alice", statuses: [IncidentStatus] = []) -> IncidentState {
        var scenario = Scenario(now: at, incident: id)
        scenario.must(.declare(Declaration(title: title, severity: severity, service: service)))
        if let ic { scenario.must(.assignRole(.commander, person: ic)) }
        if statuses.contains(.closed) { scenario.must(.setPostmortemStatus(.final, forced: ["test"])) }
        for status in statuses { scenario.must(.setStatus(.status(status), reason: "test", force: true)) }
        return scenario.s
    }

    static let now = t0 + .minutes(40)

    /// INC-1 (SEV1) parent of INC-3; INC-2 (SEV2) on its own; INC-4 (SEV3) without an IC; INC-5 closed.
    static func rows() -> [IncidentListRow] {
        [
            IncidentListRow(state("INC-1", "Region eu-west-1 degraded", .sev1, at: t0, service: "edge"), policy: .standard, now: now),
            IncidentListRow(state("INC-2", "Search latency", .sev2, at: t0 + .minutes(5), service: "search", ic: "bob"), policy: .standard, now: now),
            IncidentListRow(state("INC-3", "Checkout 500s in eu-west-1", .sev3, at: t0 + .minutes(2), service: "checkout-api", ic: "carol"),
                            policy: .standard, now: now, parent: "INC-1"),
            IncidentListRow(state("INC-4", "Payments backlog", .sev3, at: t0 + .minutes(1), ic: nil), policy: .standard, now: now),
            IncidentListRow(state("INC-5", "Old DNS outage", .sev2, at: t0 - .hours(30), statuses: [.monitoring, .resolved, .closed]),
                            policy: .standard, now: now),
        ]
    }

    static func model(width: Int = 120, height: Int = 40) -> IncidentListModel {
        var model = IncidentListModel(now: now, width: width, height: height, storeName: "/srv/warroom.db")
        model.update(rows: rows())
        return model
    }

    @Test("Open incidents, most severe first, each child right under its parent; closed ones only with a")
    func order() {
        var model = Self.model()
        #expect(model.visible.map(\.id) == ["INC-1", "INC-3", "INC-2", "INC-4"])
        #expect(model.selected == "INC-1")
        _ = model.update(.key(.character("a")))
        #expect(model.visible.map(\.id) == ["INC-1", "INC-3", "INC-5", "INC-2", "INC-4"], "SEV2 before SEV3, closed or not")
        _ = model.update(.key(.character("a")))
        #expect(model.visible.count == 4)
    }

    @Test("↑/↓ j/k g/G move and stop at the ends; Enter opens the selected one; q and Ctrl-Q quit")
    func keys() {
        var model = Self.model()
        #expect(model.update(.key(.up)) == nil)
        #expect(model.selected == "INC-1", "stops at the top")
        _ = model.update(.key(.down))
        _ = model.update(.key(.character("j")))
        #expect(model.selected == "INC-2")
        _ = model.update(.key(.character("G")))
        #expect(model.selected == "INC-4")
        _ = model.update(.key(.down))
        #expect(model.selected == "INC-4", "stops at the bottom")
        _ = model.update(.key(.character("k")))
        #expect(model.update(.key(.enter)) == .open("INC-2"))
        _ = model.update(.key(.character("g")))
        #expect(model.update(.key(.enter)) == .open("INC-1"))
        #expect(model.update(.key(.character("q"))) == .quit)
        #expect(model.update(.key(.ctrl("q"))) == .quit)
        #expect(model.update(.key(.character("x"))) == nil)
        #expect(model.notice?.contains("'x' does nothing here") == true)
    }

    @Test("/ filters by every word typed (id, severity, status, title, service, IC); Esc clears; the selection follows")
    func filter() {
        var model = Self.model()
        for key in "/eu-west" { _ = model.update(.key(.character(key))) }
        #expect(model.filtering)
        #expect(model.visible.map(\.id) == ["INC-1", "INC-3"])
        for key in " carol" { _ = model.update(.key(.character(key))) }
        #expect(model.visible.map(\.id) == ["INC-3"], "every word must match; a child whose parent is filtered out stays")
        #expect(model.selected == "INC-3")
        _ = model.update(.key(.enter))
        #expect(!model.filtering && model.filter == "eu-west carol")
        #expect(model.update(.key(.enter)) == .open("INC-3"))
        _ = model.update(.key(.character("/")))
        _ = model.update(.key(.escape))
        #expect(model.filter.isEmpty && model.visible.count == 4)
        for key in "/nothing-like-this" { _ = model.update(.key(.character(key))) }
        _ = model.update(.key(.enter))
        #expect(model.update(.key(.enter)) == nil)
        #expect(model.notice == "No incident matches: Esc in the filter (/) clears it")
    }

    @Test("New rows keep the selection by id; a selected incident that closed gives way to the first")
    func live() {
        var model = Self.model()
        _ = model.update(.key(.character("G")))
        #expect(model.selected == "INC-4")
        var rows = Self.rows()
        rows.insert(IncidentListRow(Self.state("INC-6", "Auth errors", .sev1, at: t0 + .minutes(30)), policy: .standard, now: Self.now), at: 0)
        model.update(rows: rows)
        #expect(model.selected == "INC-4")
        #expect(model.visible.first?.id == "INC-1")
        rows[4] = IncidentListRow(Self.state("INC-4", "Payments backlog", .sev3, at: t0, ic: nil, statuses: [.monitoring, .resolved, .closed]),
                                  policy: .standard, now: Self.now)
        model.update(rows: rows)
        #expect(model.selected == "INC-1")
    }

    @Test("Columns give way from the right as the screen narrows; the title keeps 20 cells")
    func columns() {
        #expect(IncidentListView.shown(width: 120).map(\.title) == ["ID", "SEV", "STATUS", "AGE", "NEXT UPD", "OWED", "IC", "SERVICE"])
        #expect(IncidentListView.shown(width: 80).map(\.title) == ["ID", "SEV", "STATUS", "NEXT UPD", "OWED", "IC"])
        #expect(IncidentListView.shown(width: 60).map(\.title) == ["ID", "SEV", "STATUS", "NEXT UPD"])
        for width in [24, 40, 60, 80, 100, 120, 200] {
            let grid = IncidentListView.render(Self.model(width: width, height: 12)).grid
            #expect(grid.lines.allSatisfy { DisplayWidth.of($0) <= width }, "every row fits at \(width)")
            #expect(grid.lines[1].contains("STATUS"), "the header at \(width)")
            #expect(grid.lines[2].hasPrefix("› INC-1"), "the selection is marked, not only coloured, at \(width): \(grid.lines[2])")
        }
    }

    @Test("Golden screens", arguments: [(120, 40, "dark"), (80, 24, "dark"), (80, 24, "monochrome")])
    func golden(_ width: Int, _ height: Int, _ themeName: String) throws {
        var model = Self.model(width: width, height: height)
        _ = model.update(.key(.down))
        let theme = try #require(ThemeCatalog.builtIn(themeName))
        try Golden.check(IncidentListView.render(model).grid, theme: theme, name: "incident-list-\(width)x\(height)-\(themeName)")
        for key in "/sev3" { _ = model.update(.key(.character(key))) }
        try Golden.check(IncidentListView.render(model).grid, theme: theme, name: "incident-list-filter-\(width)x\(height)-\(themeName)")
    }
}
