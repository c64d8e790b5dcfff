import WarRoomCore
import WarRoomText
import WarRoomScreen

/// Renders the model into a grid of cells (and says where the cursor goes). Reads the model
/// only; everything time-dependent comes from `model.now`.
public enum WarRoomView {
    /// The whole screen. `rows` is the timeline's memo of laid-out rows, kept by the caller from
    /// frame to frame (a fresh one draws the same screen, only slower).
    public static func render(_ model: WarRoomModel, rows: TimelineRowCache = TimelineRowCache())
        -> (grid: Grid, cursor: (x: Int, y: Int)?) {
        var grid = Grid(width: model.width, height: model.height)
        let alerts = model.alerts
        var layout = Layout(model, alertCount: AlertsStrip.rowsWanted(alerts, now: model.now))
        if let notice = model.notice, model.mode != .help {
            let rows = Footer.noticeRows(notice.text, width: model.width).count
            if rows > 1 { layout.reserveAboveInput(rows) }
        }
        if layout.arrangement == .tooSmall {
            tooSmall(&grid)
            return (grid, nil)
        }
        if model.mode == .help {
            HelpPane.draw(&grid, Rect(x: 0, y: 0, width: grid.width, height: grid.height - 1), scroll: model.helpScroll)
            Footer.draw(&grid, layout.footer, model)
            return (grid, nil)
        }
        if model.mode == .runbook, model.runbookView != nil {
            Header.draw(&grid, layout.header, model)
            let top = layout.header.maxY
            RunbookPane.draw(&grid, Rect(x: 0, y: top, width: grid.width, height: grid.height - 1 - top), model)
            Footer.draw(&grid, layout.footer, model)
            return (grid, nil)
        }
        if model.mode == .search, let results = model.search {
            // Below the header, so whose war room this is stays in view.
            Header.draw(&grid, layout.header, model)
            let top = layout.header.maxY
            SearchPane.draw(&grid, Rect(x: 0, y: top, width: grid.width, height: grid.height - 1 - top), results)
            Footer.draw(&grid, layout.footer, model)
            return (grid, nil)
        }
        Header.draw(&grid, layout.header, model)
        AlertsStrip.draw(&grid, layout.alerts, alerts, now: model.now)
        if layout.arrangement == .single { tabs(&grid, layout.tabs, model, alerts: alerts) }
        let focusVisible = layout.arrangement == .single || model.mode == .navigate
        for pane in BodyPane.all {
            let rect = layout[pane.id]
            guard !rect.isEmpty else { continue }
            pane.draw(&grid, rect, PaneContext(model: model, rows: rows, focused: focusVisible && pane.tab == model.focusedPane))
        }
        var cursor = InputLine.draw(&grid, layout.input, model)
        if model.mode == .compose, let composer = model.composer {
            let top = layout.alerts.maxY
            cursor = ComposePane.draw(&grid, Rect(x: 0, y: top, width: grid.width, height: layout.input.y - top), composer)
        }
        Footer.draw(&grid, layout.footer, model, bodyTop: layout.alerts.maxY)
        return (grid, model.mode == .input || model.mode == .compose ? cursor : nil)
    }

    static func tooSmall(_ grid: inout Grid) {
        let lines = ["Terminal too small", "need \(Layout.minimumWidth)×\(Layout.minimumHeight)",
                     "have \(grid.width)×\(grid.height)"]
        let top = max(0, (grid.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let x = max(0, (grid.width - DisplayWidth.of(line)) / 2)
            grid.put(line, x: x, y: top + offset, role: offset == 0 ? .warning : .muted)
        }
    }

    /// The tab bar of the small layout. A pane with something owed (the update overdue, a role
    /// vacant, a timebox expired) is marked `!`, so what is hidden behind a tab still shows.
    static func tabs(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel, alerts: [Alert]) {
        func owes(_ pane: WarRoomModel.Pane) -> Bool {
            alerts.contains { alert in
                switch (pane, alert.subject) {
                case (.update, .statusUpdate), (.roles, .role), (.hypotheses, .hypothesis): true
                default: false
                }
            }
        }
        let panes = WarRoomModel.Pane.allCases
        // Each pane names its own labels, so a new tab cannot leave a list one short.
        let widths = panes.map(\.tabLabels.count).min() ?? 0
        let labels = (0..<widths).map { level in
            panes.enumerated().map { index, pane in " \(index + 1) \(pane.tabLabels[level])\(owes(pane) ? "!" : "") " }
        }
        let fitting = labels.first { $0.reduce(0) { $0 + DisplayWidth.of($1) } <= rect.width } ?? labels[labels.count - 1]
        var x = rect.x
        for (index, pane) in panes.enumerated() {
            x += grid.put(fitting[index], x: x, y: rect.y, role: pane == model.focusedPane ? .selection : (owes(pane) ? .warning : .muted),
                          limit: rect.maxX - x)
        }
        if x < rect.maxX - 12 { grid.putRight("Ctrl-T: next", right: rect.maxX, y: rect.y, role: .muted) }
    }

    static func role(for severity: Severity) -> StyleRole {
        switch severity {
        case .sev1: .sev1
        case .sev2: .sev2
        case .sev3: .sev3
        case .sev4: .sev4
        }
    }
}

enum Header {
    /// The incident's id, severity, status, clock and title. Alerts are the strip's, never
    /// repeated here; a segment that does not fit whole is left out, the title ends at a word.
    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel) {
        guard rect.height > 0 else { return }
        let s = model.incident
        grid.fill(rect, with: Cell(" ", .title))
        var x = rect.x
        x += grid.put(" \(s.id) ", x: x, y: rect.y, role: .title)
        // A drill says so next to its id, on every screen and before the clock gets room:
        // nobody may take it for the real thing.
        if s.isDrill { x += grid.put(" DRILL ", x: x, y: rect.y, role: .warning) }
        x += grid.put(" \(s.severity.label) ", x: x, y: rect.y, role: WarRoomView.role(for: s.severity))
        x += grid.put(" \(s.status.rawValue.uppercased()) ", x: x, y: rect.y, role: .status)
        let elapsed = " \(elapsed(s, now: model.now)) "
        if DisplayWidth.of(elapsed) <= rect.maxX - x { x += grid.put(elapsed, x: x, y: rect.y, role: .title) }
        // The title, whole or cut after a word; the wall clock gives way to it on a narrow screen.
        let title = Sanitizer.clean(s.title)
        let firstWord = DisplayWidth.of(title.split(separator: " ").first ?? "")
        func titleFits(_ room: Int) -> Bool { DisplayWidth.of(title) <= room || firstWord + 1 <= room }
        var extras: [(String, StyleRole)] = [(" \(model.now.clockTime) UTC ", .timestamp)]
        // Messages to Slack, the status page, pagers… not delivered yet: said before the title
        // gets the room, like READ-ONLY. Warning-coloured once one failed or waits for a retry.
        let unsent = s.outbox.undelivered
        if !unsent.isEmpty {
            let troubled = unsent.contains { if case .failed = $0.state { true } else if case .retrying = $0.state { true } else { false } }
            extras.insert((" \(unsent.count) UNSENT ", troubled ? .warning : .muted), at: 0)
        }
        if model.readOnly { extras.insert((" READ-ONLY ", .muted), at: 0) }
        // Where the incident sits among others: a child reports to its parent's IC, a duplicate is
        // worked elsewhere, a parent coordinates.
        let relations = LinksPane.rows(model).map(\.relation)
        if let parent = relations.first(where: { $0.view == .childOf }) {
            extras.insert((" CHILD of \(parent.other) ", .muted), at: 0)
        } else if let original = relations.first(where: { $0.view == .duplicateOf }) {
            extras.insert((" DUPLICATE of \(original.other) ", .warning), at: 0)
        }
        let children = relations.filter { $0.view == .parentOf }.count
        if children > 0 { extras.insert((" PARENT of \(children) ", .muted), at: 0) }
        // Known and not fixed: before anything else, as it changes where the IC starts.
        if let first = model.causes.repeats.first {
            extras.insert((" REPEAT of \(first.earlier)\(model.causes.repeats.count > 1 ? " +\(model.causes.repeats.count - 1)" : "") ", .warning), at: 0)
        }
        for (index, (text, role)) in extras.enumerated() {
            let after = rect.maxX - x - DisplayWidth.of(text) - 2
            let always = index < extras.count - 1
            guard DisplayWidth.of(text) <= rect.maxX - x, titleFits(after) || !titleFits(rect.maxX - x - 2) || always else { continue }
            x += grid.put(text, x: x, y: rect.y, role: role)
        }
        let room = rect.maxX - x - 2
        if room > 0, titleFits(room) { grid.put(" " + TextWrap.truncated(title, width: room), x: x, y: rect.y, role: .title, limit: room + 1) }
    }

    /// `T+00:14:03` while the incident runs; from resolution on, the total it took, which no
    /// longer moves ("resolved after 1h12m").
    static func elapsed(_ s: IncidentState, now: Timestamp) -> String {
        if let resolvedAt = s.resolvedAt, !s.status.isActive {
            let total = resolvedAt - s.detectedAt
            return "resolved after " + TimeSpan.seconds(max(0, total.seconds)).compact
        }
        return "T+\((now - s.detectedAt).elapsedClock)"
    }

    static func marker(_ level: Alert.Level) -> String {
        switch level {
        case .critical: "‼"
        case .warning: "!"
        case .info: "·"
        }
    }

    static func role(_ level: Alert.Level) -> StyleRole {
        switch level {
        case .critical: .overdue
        case .warning: .warning
        case .info: .info
        }
    }
}
