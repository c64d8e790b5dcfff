import Testing
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI

/// The timeline pane as an IC reads it: entry numbers to amend and retract by, posted updates in
/// one row, amended and retracted entries marked, other days dated.
@Suite("Screen: timeline rows")
struct ScreenTimelineTests {
    static func model(_ s: Scenario, width: Int = 120, height: Int = 40) -> WarRoomModel {
        WarRoomModel(incident: s.s, policy: s.policy, now: s.now, author: "carol", width: width, height: height)
    }

    static let update = """
        [SEV2] checkout-api — Checkout errors

        Status: Investigating
        Impact: 30% of checkouts fail
        Next update: 14:45 UTC
        The quick brown fox marker-line-five
        """

    @Test("A posted update is one row: audience, first line, and how many lines follow",
          arguments: [(120, 40), (80, 24), (40, 12)])
    func updateIsOneRow(_ size: (Int, Int)) throws {
        var s = Scenario.declared(.sev2)
        s.advance(.minutes(3))
        s.must(.postUpdate(audience: .executives, text: Self.update))
        let grid = WarRoomView.render(Self.model(s, width: size.0, height: size.1)).grid
        let screen = grid.lines.joined(separator: "\n")
        let rows = grid.lines.filter { $0.contains("to executives:") }
        #expect(rows.count == 1, "one row for the update at \(size.0)×\(size.1):\n\(screen)")
        #expect(rows.first?.contains("[SEV2]") == true)
        for later in ["Status: Investigating", "Impact: 30%", "marker-line-five"] {
            #expect(!screen.contains(later), "\(later) floods the timeline at \(size.0)×\(size.1):\n\(screen)")
        }
        // The count of the rest when the first line fits with it; else the first line, cut at a word.
        #expect(rows.first.map { $0.contains("(+4 lines)") || $0.contains("[SEV2]") && $0.contains("…") } == true, "\(rows)")
        let wide = WarRoomView.render(Self.model(s, width: 200, height: 40)).grid.lines.filter { $0.contains("to executives:") }
        #expect(wide.count == 1 && wide[0].contains("[SEV2] checkout-api — Checkout errors (+4 lines)"), "\(wide)")
    }

    @Test("Every row shows its entry number as `warroom log` prints it", arguments: [120, 80, 40])
    func entryNumbers(_ width: Int) throws {
        let script = Script.checkoutOutage()
        let model = WarRoomModel(incident: try #require(script.state), policy: .standard, now: script.now, author: "carol",
                                 width: width, height: 60)
        let grid = WarRoomView.render(model).grid
        let inner = Layout(width: width, height: 60, alertCount: 3, focused: .timeline).timeline.inset(1)
        for item in model.incident.timeline {
            let rows = TimelinePane.lines(for: item, width: inner.width, today: model.now.startOfDay)
            #expect(rows.first?.first?.text.hasPrefix("#\(item.number) ") == true)
        }
        let numbered = grid.lines.filter { $0.contains("│#") || $0.hasPrefix("│#") }
        #expect(numbered.count >= model.incident.timeline.count - 1, "numbers on screen:\n\(grid.lines.joined(separator: "\n"))")
        #expect(grid.lines.contains { $0.contains("#12 ") && $0.contains("carol") })
    }

    @Test("An amended entry shows its latest text and a dim (amended); a retracted one stays, marked, with its reason")
    func amendedAndRetracted() throws {
        var s = Scenario.declared(.sev2)
        s.advance(.minutes(1))
        let note = try #require(s.must(.log(Entry(kind: .action, text: "Rolled back the flag"))).first)
        let other = try #require(s.must(.log(Entry(kind: .note, text: "Paging the DBA"))).first)
        s.must(.amend(entry: note.id, text: "Rolled back the checkout-v2 flag"))
        s.must(.retract(entry: other.id, reason: "wrong incident"))
        let model = Self.model(s)
        let grid = WarRoomView.render(model).grid
        let amendedRow = try #require((0..<grid.height).first { grid.rowText($0).contains("Rolled back the checkout-v2 flag") })
        let text = grid.rowText(amendedRow)
        #expect(!grid.lines.joined().contains("Rolled back the flag"), "the old text is not shown")
        let marker = try #require(text.firstRange(of: "(amended)"))
        let column = text.distance(from: text.startIndex, to: marker.lowerBound)
        #expect(grid[column, amendedRow].role == .muted, "the marker is dim")
        #expect(grid[column - 3, amendedRow].role == .action, "the text keeps its kind's style")

        let retractedRow = try #require((0..<grid.height).first { grid.rowText($0).contains("Paging the DBA") })
        let retracted = grid.rowText(retractedRow)
        #expect(retracted.contains("[retracted: wrong incident] Paging the DBA"))
        let at = retracted.distance(from: retracted.startIndex, to: try #require(retracted.firstRange(of: "Paging")).lowerBound)
        #expect(grid[at, retractedRow].role == .retracted)
        #expect(retracted.contains("#\(try #require(model.incident.timeline.first { $0.id == other.id }).number) "))
    }

    @Test("Rows not dated today show their date; today's do not", arguments: [120, 80, 40])
    func otherDaysDated(_ width: Int) throws {
        var s = Scenario.declared(.sev3, at: t0 - .hours(26))
        s.must(.log(Entry(kind: .note, text: "yesterday's note")))
        s.now = t0
        s.must(.log(Entry(kind: .note, text: "today's note")))
        let grid = WarRoomView.render(Self.model(s, width: width, height: 30)).grid
        let yesterday = try #require(grid.lines.first { $0.contains("yesterday's") })
        let today = try #require(grid.lines.first { $0.contains("today's") })
        #expect(yesterday.contains("Nov 27 12:00"), "\(yesterday)")
        #expect(!today.contains("Nov "), "\(today)")
        let other = TimelinePane.dayLabel(try #require(Timestamp(iso8601: "2025-03-04T10:00:00Z")), today: t0.startOfDay)
        #expect(other == "2025-03-04")
        #expect(TimelinePane.dayLabel(t0 - .hours(24 * 20), today: t0.startOfDay) == "Nov  8")
    }
}

extension ScreenTimelineTests {
    @Test("The top row of the timeline always names its entry, even when the entry began above the screen",
          arguments: [(80, 24), (120, 30), (100, 26), (50, 14)])
    func topRowNamed(_ size: (Int, Int)) throws {
        var script = Script.checkoutOutage()
        script.run(.log(Entry(kind: .note, text: String(repeating: "replica lag on the EU checkout pool keeps climbing ", count: 12))), by: "bob")
        for scroll in 0..<12 {
            var m = WarRoomModel(incident: try #require(script.state), policy: .standard, now: script.now, author: "carol",
                                 width: size.0, height: size.1)
            m.scrollBack = scroll
            let grid = WarRoomView.render(m).grid
            let alerts = m.incident.alerts(policy: m.policy, now: m.now)
            let pane = Layout(m, alertCount: AlertsStrip.rowsWanted(alerts, now: m.now)).timeline
            let top = grid.rowText(pane.y + 1).dropFirst()
            #expect(top.hasPrefix("#"), "scrolled \(scroll) at \(size.0)×\(size.1): \(top)")
            #expect(grid[pane.x + 1, pane.y + 1].role == .muted)
        }
    }

    @Test("A pane under 72 columns puts the author in the text and keeps most of the row for it", arguments: [50, 63, 71, 72, 78])
    func compactBelow72(_ width: Int) throws {
        let script = Script.checkoutOutage()
        let item = try #require(script.state?.timeline.last)
        let rows = TimelinePane.lines(for: item, width: width, today: script.now.startOfDay)
        let text = rows[0].map(\.text).joined()
        #expect(text.contains("carol: ") == (width < 72), "\(text)")
        let prefix = TimelinePane.columns(for: item, width: width, today: script.now.startOfDay).prefixWidth
        #expect(width - prefix >= (width < 72 ? width - 12 : 36))
    }
}
