import WarRoomCore

/// The texts the lead records for an alert: one line each, the sender's words kept (not
/// sanitized here: the output layer does that) but flattened to one line and cut to length.
public enum AlertEntryText {
    /// Scalars kept of the finding line before its links.
    public static let findingLimit = 300
    /// Scalars kept of a declared or proposed incident's title.
    public static let titleLimit = 120

    /// The finding entry: `Alert firing: HighErrorRate on checkout (critical): 5xx above 5% —
    /// runbook https://…`. Name, service, severity label and summary; the resolution says how long
    /// it fired; the runbook URL is appended whole (never cut mid-URL).
    public static func finding(for alert: InboundAlert) -> String {
        var line: String
        switch (alert.format, alert.status) {
        case (.pagerduty, _):
            let event = alert.label("event_type") ?? "incident event"
            line = "PagerDuty \(event): \(alert.name)"
        case (_, .firing): line = "Alert firing: \(alert.name)"
        case (_, .resolved): line = "Alert resolved: \(alert.name)"
        case (_, .updated): line = "Alert update: \(alert.name)"
        }
        if let service = alert.service { line += " on \(service)" }
        if let severity = alert.severityLabel { line += " (\(severity))" }
        if alert.status == .resolved, let end = alert.endsAt, end >= alert.startsAt {
            line += " after \(end.since(alert.startsAt).compact)"
        }
        if let summary = alert.summary, summary != alert.name { line += ": \(summary)" }
        var text = oneLine(line, limit: findingLimit)
        if let runbook = alert.runbookURL.map({ oneLine($0, limit: Int.max) }), !runbook.isEmpty {
            text += " — runbook \(runbook)"
        } else if let source = (alert.generatorURL ?? alert.dashboardURL).map({ oneLine($0, limit: Int.max) }), !source.isEmpty {
            text += " — \(source)"
        }
        return text
    }

    /// The title of an incident an alert declares or proposes: `HighErrorRate on checkout`.
    public static func title(for alert: InboundAlert) -> String {
        oneLine(alert.name + (alert.service.map { " on \($0)" } ?? ""), limit: titleLimit)
    }

    /// `text` as one line: control characters, tabs and line or paragraph separators become
    /// spaces, runs of spaces collapse, ends are trimmed, and it is cut to `limit` scalars with `…`.
    public static func oneLine(_ text: String, limit: Int) -> String {
        var out: [Unicode.Scalar] = []
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let blank = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.isWhitespace
            if blank { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        if out.count > limit, limit >= 1 { out = Array(out.prefix(limit - 1)) + ["…"] }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: out)
        return String(view)
    }
}
