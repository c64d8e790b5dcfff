import WarRoomCore
import WarRoomScreen

extension PaneID {
    /// The incident's facts and response times.
    public static let facts = PaneID("facts")
}

extension BodyPane {
    /// The facts a responder joining late asks first, on the rows the wide layout's side panes
    /// leave free; never focused, hidden when there is no room. At least every fact and response
    /// time (eight lines) or nothing: a box cut after three facts would look like all there is.
    static let facts = BodyPane(.facts, tab: nil, place: .leftover, priority: 9, minimumHeight: 10,
                                height: { FactsPane.lines($0.incident).count + 2 }) { grid, rect, context in
        FactsPane.draw(&grid, rect, context.model)
    }
}

/// Service, impact, the response instants and times (the core's `metrics`), and the last update
/// sent to each audience.
enum FactsPane {
    /// The width of the label column.
    static let labelWidth = 17

    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel) {
        guard !rect.isEmpty else { return }
        let inner = grid.box(rect, title: "Incident facts")
        guard inner.width > 0, inner.height > 0 else { return }
        for (offset, line) in lines(model.incident).enumerated() where offset < inner.height {
            let y = inner.y + offset
            let labelRoom = min(labelWidth, inner.width)
            grid.put(line.label, x: inner.x, y: y, role: .muted, limit: labelRoom)
            grid.put(line.value, x: inner.x + labelRoom, y: y, role: line.role, limit: inner.width - labelRoom)
        }
    }

    /// The pane's lines: a label and a value each, in the order a newcomer reads them.
    static func lines(_ s: IncidentState) -> [(label: String, value: String, role: StyleRole)] {
        func instant(_ at: Timestamp?) -> (String, StyleRole) { at.map { ($0.clockTime, .timestamp) } ?? ("—", .muted) }
        func span(_ span: TimeSpan?, _ missing: String) -> (String, StyleRole) {
            span.map { (TimeSpan.seconds(max(0, $0.seconds)).compact, .text) } ?? (missing, .muted)
        }
        let metrics = s.metrics
        var rows: [(String, (String, StyleRole))] = [
            ("service", s.service.map { ($0, .text) } ?? ("—", .muted)),
            ("impact started", instant(s.impactStartedAt)),
            ("detected", instant(s.detectedAt)),
            ("declared", instant(s.declaredAt)),
            ("time to detect", span(metrics.timeToDetect, "— (no impact start)")),
            ("time to mitigate", span(metrics.timeToMitigate, s.status.isActive ? "— (not yet)" : "— (not recorded)")),
        ]
        if let resolve = metrics.timeToResolve { rows.append(("time to resolve", span(resolve, ""))) }
        // Tags come with the post-mortem: no row (and no noise) while the fire is on.
        if !s.postmortem.causes.isEmpty { rows.insert(("cause tags", (s.postmortem.causes.joined(separator: ", "), .text)), at: 1) }
        rows.append(("last update sent", ("", .muted)))
        for audience in Audience.allCases {
            let last = s.updates.last { $0.audience == audience }
            rows.append(("  " + audience.rawValue, last.map { ($0.at.clockTime, .timestamp) } ?? ("none", .muted)))
        }
        return rows.map { ($0.0, $0.1.0, $0.1.1) }
    }
}
