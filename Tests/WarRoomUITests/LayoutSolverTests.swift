import Testing
import WarRoomCore
import WarRoomScreen
import WarRoomTestSupport
@testable import WarRoomUI

@Suite("Layout solver")
struct LayoutSolverTests {
    @Test("Split: lengths first, the rest to fills by weight, the remainder to the last",
          arguments: [
            (80, [Constraint.fill(1), .fill(1), .fill(1)], [26, 26, 28]),
            (120, [.fill(1), .length(40)], [80, 40]),
            (30, [.fill(1), .length(40)], [0, 30]),
            (10, [.length(3), .min(2), .fill(3)], [3, 3, 4]),
            (12, [.fill(1), .fill(2)], [4, 8]),
            (0, [.min(5), .fill(1)], [0, 0]),
            (-4, [.length(2)], [0]),
          ])
    func split(_ total: Int, _ constraints: [Constraint], _ expected: [Int]) {
        #expect(Split.sizes(total, constraints) == expected)
    }

    @Test("Column: minimums by priority, growth by priority, leftover parts only on rows nobody wants",
          arguments: [
            // The 100×20 side column: update 5, roles 6, hypotheses their minimum, no facts.
            (14, [9, 6, 6, 11], [5, 6, 3, nil]),
            // 120×40: every side pane as it wants, the facts on what is left.
            (34, [9, 6, 6, 12], [9, 6, 6, 13]),
            // Room for the side panes but not for the facts' minimum: the rows go to the last one shown.
            (24, [9, 6, 6, 12], [9, 6, 9, nil]),
            // Too short for the others' minimums: the most important pane alone, given every row.
            (8, [9, 6, 6, 12], [nil, 8, nil, nil]),
            (12, [9, 6, 6, 12], [3, 6, 3, nil]),
          ] as [(Int, [Int], [Int?])])
    func column(_ total: Int, _ preferred: [Int], _ expected: [Int?]) {
        let items = [Split.Item(minimum: 3, preferred: preferred[0], priority: 1),
                     Split.Item(minimum: 6, preferred: preferred[1], priority: 0),
                     Split.Item(minimum: 3, preferred: preferred[2], priority: 3),
                     Split.Item(minimum: 5, preferred: preferred[3], priority: 9, fills: true)]
        #expect(Split.column(total, items) == expected)
    }

    /// Every invariant of one layout: nothing outside the screen or the body, no two panes
    /// overlapping, every pane shown at least its minimum, the main pane always there.
    static func check(_ layout: Layout, _ width: Int, _ height: Int, focused: WarRoomModel.Pane) {
        let where_ = "\(width)x\(height) \(layout.arrangement) focus \(focused)"
        guard layout.arrangement != .tooSmall else {
            #expect(layout.panes.isEmpty, "\(where_)")
            #expect(width < Layout.minimumWidth || height < Layout.minimumHeight, "\(where_)")
            return
        }
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let bodyTop = layout.arrangement == .single ? layout.tabs.maxY : layout.alerts.maxY
        let body = Rect(x: 0, y: bodyTop, width: width, height: layout.input.y - bodyTop)
        let shown = layout.panes.filter { !$0.value.isEmpty }
        #expect(shown.count == layout.panes.count, "\(where_): an empty rectangle kept for a hidden pane")
        for (id, rect) in shown {
            #expect(rect.intersection(screen) == rect, "\(where_): \(id) outside the screen")
            #expect(rect.intersection(body) == rect, "\(where_): \(id) outside the body")
            guard let pane = BodyPane.all.first(where: { $0.id == id }) else { Issue.record("\(where_): unknown pane \(id)"); continue }
            #expect(rect.width >= pane.minimumWidth && rect.height >= pane.minimumHeight, "\(where_): \(id) is \(rect.width)x\(rect.height)")
        }
        let list = Array(shown)
        for i in list.indices {
            for j in list.indices where j > i {
                #expect(list[i].value.intersection(list[j].value).isEmpty, "\(where_): \(list[i].key) overlaps \(list[j].key)")
            }
        }
        switch layout.arrangement {
        case .columns, .stacked:
            #expect(!layout.timeline.isEmpty, "\(where_): no timeline")
            // The body is covered: every row of the side column and the timeline is some pane's.
            let area = shown.values.reduce(0) { $0 + $1.width * $1.height }
            #expect(area == body.width * body.height, "\(where_): \(body.width * body.height - area) cells of the body belong to no pane")
        case .single:
            let focusedPane = BodyPane.all.first { $0.tab == focused }
            #expect(shown.count == 1 && layout[focusedPane?.id ?? .timeline] == body, "\(where_): the focused pane is not the one shown")
        case .tooSmall:
            break
        }
    }

    @Test("Every size from the minimum to 300×100: inside the screen, no overlap, every pane at its minimum, the timeline there")
    func everySize() {
        let wants: [[PaneID: Int]] = [[:], [.update: 9, .roles: 6, .hypotheses: 6, .facts: 13],
                                      [.update: 9, .roles: 12, .hypotheses: 60, .facts: 40]]
        for width in 0...300 {
            for height in 0...100 where width >= Layout.minimumWidth - 1 || height % 10 == 0 {
                // One mix of alerts, content and focus per size, varying from size to size.
                let alerts = (width + 2 * height) % 5
                let wanted = wants[(7 * width + height) % wants.count]
                let focus = WarRoomModel.Pane.allCases[(width + height) % WarRoomModel.Pane.allCases.count]
                let layout = Layout(width: width, height: height, alertCount: alerts, focused: focus, wanted: wanted)
                Self.check(layout, width, height, focused: focus)
            }
        }
    }

    @Test("The three arrangements keep their sizes", arguments: [
        (200, 60, Layout.Arrangement.columns), (100, 20, .columns), (99, 20, .stacked), (80, 24, .stacked),
        (60, 16, .stacked), (59, 16, .single), (60, 15, .single), (24, 8, .single), (23, 8, .tooSmall)])
    func arrangements(_ width: Int, _ height: Int, _ expected: Layout.Arrangement) {
        #expect(Layout(width: width, height: height, alertCount: 3, focused: .timeline).arrangement == expected)
    }

    @Test("The roster's box has a row per role, in the wide layout and in the strip", arguments: [(120, 40), (100, 20), (80, 24), (200, 60)])
    func rosterHeightFollowsRoles(_ size: (Int, Int)) throws {
        var script = Script.checkoutOutage()
        let vacant = WarRoomModel(incident: try #require(script.state), policy: .standard, now: script.now, author: "a",
                                  width: size.0, height: size.1)
        // A vacant optional role (the Deputy) takes no row; every listed role has one.
        #expect(Layout(vacant, alertCount: 3).roles.height == Role.required.count + 2)
        for role in Role.allCases where !role.isRequired { script.run(.assignRole(role, person: "pat \(role)"), by: "alice") }
        let held = WarRoomModel(incident: try #require(script.state), policy: .standard, now: script.now, author: "a",
                                width: size.0, height: size.1)
        #expect(Layout(held, alertCount: 3).roles.height == Role.allCases.count + 2)
    }

    @Test("A sixth role would grow the roster's box, in the strip too, not be cut at six rows")
    func moreRolesGrowTheBox() {
        var list = BodyPane.all
        guard let index = list.firstIndex(where: { $0.id == .roles }) else { Issue.record("no roster"); return }
        list[index].compactHeight = 8
        list[index].height = { _ in 8 }
        for (width, height) in [(120, 40), (80, 24)] {
            let layout = Layout(width: width, height: height, alertCount: 3, focused: .timeline,
                                wanted: [.roles: 8], list: list)
            #expect(layout.roles.height == 8, "\(width)x\(height)")
        }
    }

    @Test("The wide layout gives the rows below the side panes to the facts, and hides them when there is no room")
    func factsOnLeftoverRows() throws {
        let script = Script.checkoutOutage()
        let state = try #require(script.state)
        for (height, shown) in [(40, true), (60, true), (26, false), (20, false)] {
            let model = WarRoomModel(incident: state, policy: .standard, now: script.now, author: "a", width: 120, height: height)
            let layout = Layout(model, alertCount: 3)
            #expect(!layout[.facts].isEmpty == shown, "120x\(height)")
            // The hypotheses take what their content needs, no more, while the facts are shown.
            if shown { #expect(layout.hypotheses.height == BodyPane.hypotheses.height(model)) }
            let lines = WarRoomView.render(model).grid.lines
            #expect(lines.contains { $0.contains("Incident facts") } == shown, "120x\(height)")
        }
        for (width, height) in [(80, 24), (40, 12)] {
            let model = WarRoomModel(incident: state, policy: .standard, now: script.now, author: "a", width: width, height: height)
            #expect(Layout(model, alertCount: 3)[.facts].isEmpty)
        }
    }

    @Test("A facts box shown holds at least every fact and response time, at every height, resolved or not")
    func factsNeverCutShort() throws {
        var script = Script.checkoutOutage()
        let open = try #require(script.state)
        script.run(.setStatus(.status(.mitigating), reason: nil, force: false))
        script.run(.setStatus(.status(.resolved), reason: "error rate back under 0.1% for 15m", force: true))
        for state in [open, try #require(script.state)] {
            let facts = FactsPane.lines(state).prefix { $0.label != "last update sent" }.count
            for height in 20...80 {
                let model = WarRoomModel(incident: state, policy: .standard, now: script.now, author: "a", width: 120, height: height)
                let rect = Layout(model, alertCount: 3)[.facts]
                #expect(rect.isEmpty || rect.height - 2 >= facts, "120x\(height): \(rect.height - 2) rows for \(facts) facts")
            }
        }
    }

    @Test("The facts say what the core's metrics say")
    func factsContent() throws {
        let script = Script.checkoutOutage()
        let state = try #require(script.state)
        let lines = FactsPane.lines(state)
        func value(_ label: String) -> String? { lines.first { $0.label == label }?.value }
        #expect(value("service") == state.service)
        #expect(value("detected") == state.detectedAt.clockTime)
        #expect(value("declared") == state.declaredAt.clockTime)
        #expect(value("time to detect") == state.metrics.timeToDetect.map { TimeSpan.seconds($0.seconds).compact })
        #expect(value("time to mitigate") == "— (not yet)")
        #expect(lines.filter { $0.label.hasPrefix("  ") }.count == Audience.allCases.count)
    }

    @Test("The pane list and the focus agree: one pane per tab, one main pane, ids unique")
    func listMatchesTabs() {
        let tabs = BodyPane.all.compactMap(\.tab)
        #expect(Set(tabs) == Set(WarRoomModel.Pane.allCases) && tabs.count == WarRoomModel.Pane.allCases.count)
        #expect(BodyPane.all.filter { $0.place == .main }.map(\.id) == [.timeline])
        #expect(Set(BodyPane.all.map(\.id)).count == BodyPane.all.count)
        #expect(BodyPane.all.allSatisfy { $0.place != .leftover || $0.tab == nil }, "a leftover pane can be hidden, so it cannot hold the focus")
    }
}
