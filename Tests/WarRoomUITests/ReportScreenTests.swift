import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomReports
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// `warroom report --screen`: the text report full screen, its charts in the chart style, the
/// scorecard's verdicts told apart by style and by word, scrolled both ways, q quits.
@Suite("Report screen")
struct ReportScreenTests {
    static let text = """
        Incidents: 3, every incident (as of 2026-11-28T15:00:00Z)
        By severity: SEV1 1 · SEV2 1 · SEV3 1 · SEV4 0

        Incidents per month, 2026-10 to 2026-11: ▁█
          2026-10  ███████████████ 1
          2026-11  ██████████████████████████████ 2

        Scorecard (the method's targets)
          met      MTTD, SEV1 and SEV2                      median under 5m      4m (n=2)
          MISSED   MTTR, SEV1                               median under 30m     1h12m (n=1)
          no data  Pages per engineer per week              under 5              on-call is not recorded yet

        """

    @Test("Each line's style: headings, chart glyphs, and the three verdicts (worded, so monochrome reads them too)")
    func roles() throws {
        let model = ReportScreenModel(text: Self.text, title: "warroom report · every incident", width: 100, height: 20)
        #expect(model.lines.count == 11, "the text's lines, the last newline adding none")
        let grid = ReportScreenView.render(model)
        func role(_ y: Int, _ x: Int) -> StyleRole { grid[x, y].role }
        #expect(grid.rowText(1).hasPrefix("Incidents: 3"))
        #expect(role(1, 0) == .title)
        let bar = try #require(grid.rowText(5).firstIndex(of: "█"))
        #expect(role(5, grid.rowText(5).distance(from: grid.rowText(5).startIndex, to: bar)) == .barFilled)
        #expect(role(5, 2) == .text, "the label is text")
        #expect(role(9, 2) == .ok && role(10, 2) == .overdue && role(11, 2) == .muted)
        #expect(grid.rowText(10).contains("MISSED"))
    }

    @Test("Scrolling stops at both ends, by line, by page and sideways; q, Esc and Ctrl-Q quit")
    func keys() {
        var model = ReportScreenModel(text: Self.text, title: "t", width: 40, height: 6)
        #expect(model.update(.key(.up)) == nil && model.scroll == 0)
        _ = model.update(.key(.pageDown))
        #expect(model.scroll == 4)
        _ = model.update(.key(.character("G")))
        #expect(model.scroll == 7, "the last page: 11 lines, 4 rows")
        _ = model.update(.key(.down))
        #expect(model.scroll == 7)
        _ = model.update(.key(.character("g")))
        #expect(model.scroll == 0)
        _ = model.update(.key(.right))
        #expect(model.column == 8)
        _ = model.update(.key(.left))
        _ = model.update(.key(.left))
        #expect(model.column == 0)
        #expect(model.update(.key(.character("q"))) == .quit)
        #expect(model.update(.key(.escape)) == .quit)
        #expect(model.update(.key(.ctrl("q"))) == .quit)
        #expect(model.update(.resize(width: 30, height: 20)) == .redraw && model.scroll == 0)
    }

    @Test("Golden screens of a real report", arguments: [(80, 24, "dark"), (120, 40, "monochrome")])
    func golden(_ width: Int, _ height: Int, _ themeName: String) throws {
        var incidents: [IncidentState] = []
        for (n, severity) in [Severity.sev1, .sev2, .sev2, .sev3].enumerated() {
            var scenario = Scenario(now: t0 - .hours(Int64(24 * 20 * n)), incident: "INC-\(n + 1)")
            scenario.must(.declare(Declaration(title: "Incident \(n + 1)", severity: severity, service: n % 2 == 0 ? "checkout-api" : "search",
                                               impactStartedAt: scenario.now - .minutes(6), detectedAt: scenario.now - .minutes(2))))
            scenario.must(.assignRole(.commander, person: "alice"))
            scenario.advance(.minutes(40))
            scenario.must(.setStatus(.status(.monitoring), reason: "rolled back", force: true))
            incidents.append(scenario.s)
        }
        let trends = IncidentTrends(incidents.summarized, filter: ReportFilter(), now: t0 + .hours(1))
        let model = ReportScreenModel(text: TrendsDocument.text(trends), title: "warroom report · every incident", width: width, height: height)
        let theme = try #require(ThemeCatalog.builtIn(themeName))
        try Golden.check(ReportScreenView.render(model), theme: theme, name: "report-\(width)x\(height)-\(themeName)")
    }
}
