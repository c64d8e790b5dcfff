import WarRoomCore

/// Renders the model into a grid of cells (and says where the cursor goes). Reads the model
/// only; everything time-dependent comes from `model.now`.
public enum WarRoomView {
    /// The whole screen.
    public static func render(_ model: WarRoomModel) -> (grid: Grid, cursor: (x: Int, y: Int)?) {
        var grid = Grid(width: model.width, height: model.height)
        let alerts = model.incident.alerts(policy: model.policy, now: model.now)
        let layout = Layout(width: model.width, height: model.height, alertCount: alerts.count, focused: model.focusedPane)
        if layout.arrangement == .tooSmall {
            tooSmall(&grid)
            return (grid, nil)
        }
        if model.mode == .help {
            HelpPane.draw(&grid, Rect(x: 0, y: 0, width: grid.width, height: grid.height - 1), scroll: model.helpScroll)
            Footer.draw(&grid, layout.footer, model)
            return (grid, nil)
        }
        Header.draw(&grid, layout.header, model, alert: alerts.first)
        AlertsStrip.draw(&grid, layout.alerts, alerts)
        if layout.arrangement == .single { tabs(&grid, layout.tabs, model) }
        let focusVisible = layout.arrangement == .single || model.mode == .navigate
        TimelinePane.draw(&grid, layout.timeline, model, focused: focusVisible && model.focusedPane == .timeline)
        UpdatePane.draw(&grid, layout.update, model, focused: focusVisible && model.focusedPane == .update)
        RosterPane.draw(&grid, layout.roles, model, focused: focusVisible && model.focusedPane == .roles)
        HypothesesPane.draw(&grid, layout.hypotheses, model, focused: focusVisible && model.focusedPane == .hypotheses)
        var cursor = InputLine.draw(&grid, layout.input, model)
        if model.mode == .compose, let composer = model.composer {
            let top = layout.alerts.maxY
            cursor = ComposePane.draw(&grid, Rect(x: 0, y: top, width: grid.width, height: layout.input.y - top), composer)
        }
        Footer.draw(&grid, layout.footer, model)
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

    static func tabs(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel) {
        var x = rect.x
        for (index, pane) in WarRoomModel.Pane.allCases.enumerated() {
            let label = " \(index + 1) \(pane.rawValue) "
            x += grid.put(label, x: x, y: rect.y, role: pane == model.focusedPane ? .selection : .muted, limit: rect.maxX - x)
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
    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel, alert: Alert?) {
        guard rect.height > 0 else { return }
        let s = model.incident
        grid.fill(rect, with: Cell(" ", .title))
        var x = rect.x
        x += grid.put(" \(s.id) ", x: x, y: rect.y, role: .title)
        x += grid.put(" \(s.severity.label) ", x: x, y: rect.y, role: WarRoomView.role(for: s.severity))
        x += grid.put(" \(s.status.rawValue.uppercased()) ", x: x, y: rect.y, role: .status)
        x += grid.put(" T+\((model.now - s.detectedAt).elapsedClock) ", x: x, y: rect.y, role: .title)
        x += grid.put(" \(model.now.clockTime) UTC ", x: x, y: rect.y, role: .timestamp)
        if model.readOnly { x += grid.put(" READ-ONLY ", x: x, y: rect.y, role: .muted) }
        var alertText = ""
        var alertRole = StyleRole.warning
        if let alert {
            alertText = "\(marker(alert.level)) \(alert.message) "
            alertRole = role(alert.level)
        }
        let titleRoom = rect.maxX - x - min(DisplayWidth.of(alertText), max(0, (rect.maxX - x) / 2))
        if titleRoom > 4 { x += grid.put(" " + s.title, x: x, y: rect.y, role: .title, limit: titleRoom) }
        if !alertText.isEmpty, rect.maxX - x > 6 {
            let room = rect.maxX - x - 1
            grid.put(alertText, x: max(x + 1, rect.maxX - min(room, DisplayWidth.of(alertText))), y: rect.y, role: alertRole, limit: room)
        }
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

enum AlertsStrip {
    static func draw(_ grid: inout Grid, _ rect: Rect, _ alerts: [Alert]) {
        guard rect.height > 0 else { return }
        let overflow = alerts.count > rect.height
        // With one row, the most urgent alert keeps it and counts the rest.
        let shown = overflow ? Array(alerts.prefix(max(1, rect.height - 1))) : alerts
        for (row, alert) in shown.enumerated() {
            let more = overflow && rect.height == 1 ? "  (+\(alerts.count - 1) more)" : ""
            grid.putPadded(" \(Header.marker(alert.level)) \(alert.message)\(more)", x: rect.x, y: rect.y + row,
                           width: rect.width, role: Header.role(alert.level))
        }
        if overflow && rect.height > 1 {
            grid.putPadded("   … and \(alerts.count - shown.count) more (`warroom show` lists them all)", x: rect.x,
                           y: rect.maxY - 1, width: rect.width, role: .muted)
        }
    }
}
