import WarRoomCore
import WarRoomReports
import WarRoomScreen
import WarRoomText

/// The incident list as cells: a title bar, a column header, a row per incident (the selected
/// one marked `›` as well as highlighted, so monochrome shows it), and a footer of keys or the
/// filter being typed. Columns give way from the right as the screen narrows; the title takes
/// what is left.
public enum IncidentListView {
    struct Column: Sendable {
        var title: String
        var width: Int
        /// Narrower screens drop the columns of highest `drop` first.
        var drop: Int
        var cell: @Sendable (IncidentListRow, Timestamp) -> (String, StyleRole)
    }

    static let columns: [Column] = [
        Column(title: "ID", width: 8, drop: 0) { row, _ in (row.id, .title) },
        Column(title: "SEV", width: 5, drop: 0) { row, _ in (row.severity.label, WarRoomView.role(for: row.severity)) },
        Column(title: "STATUS", width: 14, drop: 0) { row, _ in (row.status.rawValue, .status) },
        Column(title: "AGE", width: 6, drop: 3) { row, now in (TimeSpan.seconds(max(0, (now - row.declaredAt).seconds) / 60 * 60).compact, .muted) },
        Column(title: "NEXT UPD", width: 10, drop: 0) { row, now in
            guard let due = row.nextUpdate else { return ("—", .muted) }
            let (clock, overdue) = LinkWording.clock(until: due, now: now)
            return overdue ? ("+" + clock, .overdue) : (clock, .countdown)
        },
        Column(title: "OWED", width: 6, drop: 1) { row, _ in (row.owed == 0 ? "—" : String(row.owed), row.owed == 0 ? .muted : .warning) },
        Column(title: "IC", width: 12, drop: 2) { row, _ in (row.commander ?? "— none —", row.commander == nil ? .roleVacant : .roleHolder) },
        Column(title: "SERVICE", width: 16, drop: 4) { row, _ in (row.service ?? "—", row.service == nil ? .muted : .text) },
    ]

    /// The columns that leave the title at least 20 cells at `width`.
    static func shown(width: Int) -> [Column] {
        var kept = columns
        while kept.map(\.width).reduce(0, +) + 2 + 20 > width, let widest = kept.indices.max(by: { kept[$0].drop < kept[$1].drop }),
              kept[widest].drop > 0 {
            kept.remove(at: widest)
        }
        return kept
    }

    public static func render(_ model: IncidentListModel) -> (grid: Grid, cursor: (x: Int, y: Int)?) {
        var grid = Grid(width: model.width, height: model.height)
        guard model.width >= 24, model.height >= 5 else {
            grid.put("Too small: 24×5 at least", x: 0, y: 0, role: .warning, limit: model.width)
            return (grid, nil)
        }
        let rows = model.visible
        let open = model.rows.filter { $0.status != .closed }.count
        // Title bar.
        var title = " warroom · \(open) open incident\(open == 1 ? "" : "s")"
        if model.showsClosed { title += " + closed" }
        if !model.filter.isEmpty { title += " · filter “\(model.filter)”: \(rows.count) shown" }
        let clock = " \(model.now.clockTime) UTC "
        let x = grid.put(Sanitizer.clean(title), x: 0, y: 0, role: .title, limit: model.width - DisplayWidth.of(clock) - 1)
        let store = "  " + model.storeName
        if x + DisplayWidth.of(store) + DisplayWidth.of(clock) < model.width {
            grid.put(Sanitizer.clean(store), x: x, y: 0, role: .muted, limit: model.width - x - DisplayWidth.of(clock))
        }
        grid.putRight(clock, right: model.width, y: 0, role: .timestamp)

        // Column header and rows.
        let columns = shown(width: model.width)
        var cx = 2
        for column in columns {
            grid.put(column.title, x: cx, y: 1, role: .muted, limit: column.width - 1)
            cx += column.width
        }
        grid.put("TITLE", x: cx, y: 1, role: .muted, limit: max(0, model.width - cx))
        let page = model.pageRows
        let selected = model.selectedIndex ?? 0
        let first = max(0, min(selected - page + 1, rows.count - page, selected))
        let top = max(0, first)
        if rows.isEmpty {
            let empty = model.rows.isEmpty ? "No open incident. q quits; `warroom declare` or `warroom` with none open starts one."
                : !model.filter.isEmpty ? "No incident matches the filter: Esc clears it." : "No open incident: a shows the closed ones."
            grid.put(empty, x: 2, y: 3, role: .muted, limit: model.width - 2)
        }
        for (offset, row) in rows.dropFirst(top).prefix(page).enumerated() {
            let y = 2 + offset
            let isSelected = top + offset == selected
            if isSelected { grid.fill(Rect(x: 0, y: y, width: model.width, height: 1), with: Cell(" ", .selection)) }
            grid.put(isSelected ? "›" : " ", x: 0, y: y, role: isSelected ? .selection : .text)
            var x = 2
            for column in columns {
                let (text, role) = column.cell(row, model.now)
                grid.put(Sanitizer.clean(text), x: x, y: y, role: isSelected ? .selection : role, limit: column.width - 1)
                x += column.width
            }
            let indent = row.parent != nil && rows.contains(where: { $0.id == row.parent }) ? "└ " : ""
            grid.put(TextWrap.truncated(indent + row.title, width: max(0, model.width - x)), x: x, y: y, role: isSelected ? .selection : .text)
        }
        if top > 0 { grid.putRight(" ↑ more ", right: model.width, y: 1, role: .muted) }
        if top + page < rows.count { grid.putRight(" ↓ \(rows.count - top - page) more ", right: model.width, y: model.height - 2, role: .muted) }

        // Footer: the filter being typed, a notice, or the keys.
        let footerY = model.height - 1
        if model.filtering {
            let line = "/" + model.filter
            grid.put(line, x: 0, y: footerY, role: .input, limit: model.width)
            grid.putRight("  Enter keep · Esc clear ", right: model.width, y: footerY, role: .muted)
            return (grid, (min(model.width - 1, DisplayWidth.of(line)), footerY))
        }
        if let notice = model.notice {
            grid.put(Sanitizer.clean(notice), x: 0, y: footerY, role: .inputInfo, limit: model.width)
            return (grid, nil)
        }
        var fx = 1
        for (key, text) in [("Enter", "open"), ("↑/↓", "move"), ("/", "filter"), ("a", model.showsClosed ? "open only" : "show closed"), ("q", "quit")] {
            guard fx + DisplayWidth.of(key) + DisplayWidth.of(text) + 3 <= model.width else { break }
            fx += grid.put(key, x: fx, y: footerY, role: .footerKey)
            fx += grid.put(" " + text + "  ", x: fx, y: footerY, role: .footerText)
        }
        return (grid, nil)
    }
}
