import WarRoomCore

/// What a quarterly review adds to the report, for a leader to read in five minutes: what changed
/// since the period before, the action items overdue by owner, and the contributing factors the
/// post-mortems named.
public struct QuarterlyReview: Sendable {
    /// One figure now and in the period before.
    public struct Change: Sendable {
        public var name: String
        public var now: String
        public var before: String
    }

    /// An action item past its due date and not done or dropped.
    public struct Overdue: Sendable {
        public var incident: IncidentID
        public var number: Int
        public var text: String
        public var priority: ActionPriority
        public var due: Timestamp
    }

    public var changes: [Change]
    /// By owner, the most overdue items first; owners with the most overdue first.
    public var overdueByOwner: [(owner: String, items: [Overdue])]
    /// Each factor a post-mortem named, by level then incident.
    public var factors: [(level: FactorLevel, incident: IncidentID, text: String)]
    /// The SLOs at the quarter's end, worst tier first (nil: no SLO file).
    public var slos: [SLOStatus]?
    /// The cause tags of the quarter's incidents, the most frequent first (ties by name).
    public var causes: [(tag: String, incidents: [IncidentID])]
    /// The quarter's repeats (`IncidentTrends.repeats`).
    public var repeats: [(IncidentID, [RepeatMatch])]

    public init(_ trends: IncidentTrends, previous: [IncidentSummary], now: Timestamp) {
        let before = IncidentTrends.metrics(previous)
        var changes = [Change(name: "incidents", now: String(trends.incidents.count), before: String(previous.count))]
        for level in [Severity.sev1, .sev2] {
            changes.append(Change(name: "\(level.label) incidents", now: String(trends.incidents.filter { $0.severity == level }.count),
                                  before: String(previous.filter { $0.severity == level }.count)))
        }
        for (metric, old) in zip(trends.metrics, before) {
            changes.append(Change(name: "median \(metric.name)", now: TrendsDocument.span(metric.distribution.p50),
                                  before: TrendsDocument.span(old.distribution.p50)))
        }
        self.changes = changes

        var owners: [String: [Overdue]] = [:]
        for incident in trends.incidents {
            for item in incident.actionItems where item.doneAt == nil && item.status != .done && item.status != .dropped
                && item.due < now {
                owners[item.owner, default: []].append(Overdue(incident: incident.id, number: item.number, text: item.text,
                                                               priority: item.priority, due: item.due))
            }
        }
        overdueByOwner = owners.map { ($0.key, $0.value.sorted { $0.due < $1.due }) }
            .sorted { $0.1.count != $1.1.count ? $0.1.count > $1.1.count : $0.0 < $1.0 }

        let order = BudgetTier.allCases
        slos = trends.slos?.sorted { (order.firstIndex(of: $0.tier) ?? 0) > (order.firstIndex(of: $1.tier) ?? 0) }
        causes = Repeats.causeTags(in: trends.incidents).map { ($0.key, $0.value) }
            .sorted { ($0.1.count, $1.0) > ($1.1.count, $0.0) }
        repeats = trends.repeats
        factors = FactorLevel.allCases.flatMap { level in
            trends.incidents.compactMap { incident in
                incident.factors[level].map { (level, incident.id, $0) }
            }
        }
    }

    /// The review's Markdown sections, after the report's.
    public func markdown(previousPeriod: String) -> String {
        var lines = ["## What changed since \(previousPeriod)", "", "| | Now | \(MarkdownText.cell(previousPeriod)) |", "|---|---:|---:|"]
        for change in changes { lines.append("| \(change.name) | \(change.now) | \(change.before) |") }
        lines += ["", "## Action items overdue, by owner", ""]
        if overdueByOwner.isEmpty { lines.append("None overdue.") }
        for (owner, items) in overdueByOwner {
            lines.append("- **\(MarkdownText.inline(owner))** (\(items.count)):")
            for item in items {
                lines.append("  - \(item.incident) #\(item.number) \(item.priority.rawValue), due \(item.due.dateOnly): \(MarkdownText.inline(item.text))")
            }
        }
        lines += ["", "## Top causes", ""]
        if causes.isEmpty { lines.append("No incident of the period carries a cause tag yet (`warroom postmortem cause TAG`).") }
        for (tag, incidents) in causes.prefix(10) {
            lines.append("- `\(MarkdownText.inline(tag))`: \(incidents.count) incident\(incidents.count == 1 ? "" : "s") (\(incidents.joined(separator: ", ")))")
        }
        lines += ["", "## Repeats", ""]
        if repeats.isEmpty { lines.append("None: no incident of the period repeats an earlier one whose action items were not done.") }
        for (id, matches) in repeats {
            for match in matches { lines.append("- " + MarkdownText.inline(Self.describe(id, match))) }
        }
        lines += ["", "## Contributing factors", ""]
        if factors.isEmpty { lines.append("No post-mortem of the period names one yet.") }
        for (level, incident, text) in factors { lines.append("- \(level.label), \(incident): \(MarkdownText.inline(text))") }
        lines += ["", "## SLOs by error-budget policy tier", ""]
        if let slos {
            if slos.isEmpty { lines.append("The SLO file defines no SLO.") }
            for slo in slos { lines.append("- **\(slo.tier.label)**: " + MarkdownText.inline(Self.describe(slo))) }
        } else {
            lines.append("No SLO file (see `warroom slo`).")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same, as plain text.
    public func text(previousPeriod: String) -> String {
        var lines = ["What changed since \(previousPeriod): "
                     + changes.map { "\($0.name) \($0.now) (was \($0.before))" }.joined(separator: " · ")]
        lines.append(overdueByOwner.isEmpty ? "Action items overdue: none"
                     : "Action items overdue, by owner: " + overdueByOwner.map { "\($0.owner) \($0.items.count)" }.joined(separator: " · "))
        for (owner, items) in overdueByOwner {
            for item in items { lines.append("  \(owner): \(item.incident) #\(item.number) \(item.priority.rawValue), due \(item.due.dateOnly): \(item.text)") }
        }
        lines.append(causes.isEmpty ? "Top causes: no cause tag yet"
                     : "Top causes: " + causes.prefix(10).map { "\($0.tag) \($0.incidents.count)" }.joined(separator: " · "))
        lines.append(repeats.isEmpty ? "Repeats: none" : "Repeats:")
        for (id, matches) in repeats { for match in matches { lines.append("  " + Self.describe(id, match)) } }
        lines.append(factors.isEmpty ? "Contributing factors: none named yet" : "Contributing factors:")
        for (level, incident, text) in factors { lines.append("  \(level.label), \(incident): \(text)") }
        if let slos {
            lines.append(slos.isEmpty ? "SLOs: the SLO file defines none" : "SLOs by error-budget policy tier:")
            for slo in slos { lines.append("  \(slo.tier.label): \(Self.describe(slo))") }
        } else {
            lines.append("SLOs: no SLO file")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `INC-9 repeats INC-4 (cause config-push): INC-4:2 not done, due 2026-11-02`.
    static func describe(_ id: IncidentID, _ match: RepeatMatch) -> String {
        let items = match.unfinished.map { "\(match.earlier):\($0.number) \($0.text) (\($0.owner), due \($0.due.dateOnly))" }
        return "\(id) repeats \(match.earlier) (\(match.shared)): not done when it began: " + items.joined(separator: "; ")
    }

    /// `checkout-api availability: 56.9% of the 30d budget spent (INC-1) — Feature freeze review with Eng Manager`.
    static func describe(_ slo: SLOStatus) -> String {
        "\(slo.service) \(slo.sli): \(formatPercent(slo.consumedShare * 100)) of the \(slo.budget.window) budget spent"
            + (slo.counted.isEmpty ? "" : " (\(slo.counted.joined(separator: ", ")))") + " — \(slo.action)"
    }
}
