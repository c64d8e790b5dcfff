import WarRoomCore
import WarRoomReports
import WarRoomScreen
import WarRoomText

extension PaneID {
    /// The incidents linked to this one: its parent, its children, duplicates and causes.
    public static let links = PaneID("links")
}

extension BodyPane {
    /// A row per linked incident, the parent first and the children last; hidden when there is
    /// none (most incidents), so it costs no room until a link is made. Below the wide layout, where
    /// it squeezes the strip, only a parent gets it (the header names a child's parent).
    static let links = BodyPane(.links, tab: nil, place: .side, priority: 4, compactHeight: 6,
                                height: { model in LinksPane.rowsWanted(model) }) { grid, rect, context in
        LinksPane.draw(&grid, rect, context.model)
    }
}

/// What a parent's IC needs of its children, and anyone of the incidents this one is tied to:
/// what each is to this one, its severity and status, and when its next update is due.
enum LinksPane {
    struct Row: Hashable {
        var relation: LinkGraph.Relation
        var state: IncidentState?
    }

    /// The incident's relations, from either end, as the last look-up and its own log have them.
    static func rows(_ model: WarRoomModel) -> [Row] {
        guard let links = model.links else {
            // Before the first look-up: this incident's own links, without the others' state.
            return model.incident.links.map { Row(relation: LinkGraph.Relation(other: $0.other, view: $0.kind.view, recordedOn: model.incident.id), state: nil) }
        }
        // Its parent first, then its children (what a parent's IC chases), then the rest.
        let relations = links.graph(for: model.incident).relations(of: model.incident.id)
        let ordered = relations.filter { $0.view == .childOf } + relations.filter { $0.view == .parentOf }
            + relations.filter { $0.view != .childOf && $0.view != .parentOf }
        return ordered.map { Row(relation: $0, state: links.related[$0.other]) }
    }

    /// The rows the pane wants, frame included; 0 hides it.
    static func rowsWanted(_ model: WarRoomModel) -> Int {
        let rows = rows(model)
        let wide = model.width >= Layout.columnsFrom.width && model.height >= Layout.columnsFrom.height
        guard !rows.isEmpty, wide || rows.contains(where: { $0.relation.view == .parentOf }) else { return 0 }
        return rows.count + 2
    }

    static func title(_ rows: [Row], width: Int) -> String {
        let children = rows.filter { $0.relation.view == .parentOf }.count
        guard children > 0 else { return "Linked incidents" }
        let full = "Children (\(children)) · linked"
        return rows.count > children && DisplayWidth.of(full) + 4 <= width ? full : "Children (\(children))"
    }

    /// A row: `INC-9 SEV1 monitoring   upd +12m` for a child (the title says what it is), `parent
    /// INC-4 SEV1 investigating  upd 4m` for the rest. The next update's clock comes before the
    /// status when room is short: it is what a parent's IC chases.
    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel) {
        guard !rect.isEmpty else { return }
        let rows = rows(model)
        let inner = grid.box(rect, title: title(rows, width: rect.width))
        guard inner.width > 0, inner.height > 0 else { return }
        for (offset, row) in rows.enumerated() where offset < inner.height {
            let y = inner.y + offset
            let right = inner.maxX
            var x = inner.x
            if row.relation.view != .parentOf {
                x += grid.put(row.relation.view.label + " ", x: x, y: y, role: .muted, limit: max(0, right - x))
            }
            x += grid.put(Sanitizer.clean(row.relation.other) + " ", x: x, y: y, role: .text, limit: max(0, right - x))
            guard let state = row.state else {
                grid.put("not in this store", x: x, y: y, role: .muted, limit: max(0, right - x))
                continue
            }
            x += grid.put(state.severity.label + " ", x: x, y: y, role: WarRoomView.role(for: state.severity), limit: max(0, right - x))
            var clockX = right
            if let (span, overdue) = LinkWording.nextUpdateClock(state, policy: model.policy, now: model.now) {
                let clock = overdue ? "+" + span : span
                // `upd 4m` while the status keeps a few letters, else the bare clock.
                let text = DisplayWidth.of("upd " + clock) + 5 <= right - x ? "upd " + clock : clock
                if DisplayWidth.of(text) + 1 <= right - x {
                    clockX = right - DisplayWidth.of(text)
                    grid.put(text, x: clockX, y: y, role: overdue ? .overdue : .countdown)
                }
            }
            // A status cut to two letters says nothing: shown with five columns or more.
            if clockX - x - 1 >= 5 { grid.put(state.status.rawValue, x: x, y: y, role: .status, limit: clockX - x - 1) }
        }
    }
}
