import WarRoomCore

/// Whether an alert is happening or over.
public enum AlertStatus: String, Codable, Sendable, CaseIterable {
    /// Alertmanager/Grafana `firing`; PagerDuty `incident.triggered` and `incident.reopened`.
    case firing
    /// Alertmanager/Grafana `resolved`; PagerDuty `incident.resolved`.
    case resolved
    /// A PagerDuty change that neither starts nor ends it (acknowledged, priority updated,
    /// escalated, …): worth a finding on an incident it belongs to, never a declaration.
    case updated
}

/// One label, `name=value`.
public struct AlertLabel: Hashable, Codable, Sendable {
    /// The label name (`severity`).
    public var name: String
    /// Its value (`critical`).
    public var value: String

    /// A label.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One alert from any of the three formats, normalized. Every text is the sender's, untrusted:
/// kept as data (cut to `AlertLimits.maxTextLength`), sanitized by whoever prints it.
public struct InboundAlert: Hashable, Codable, Sendable {
    /// The format it came in.
    public var format: AlertFormat
    /// What makes two deliveries the same record; see `DedupKey`. Unique per episode and status:
    /// a re-sent firing group and a retried delivery map to keys already recorded.
    public var dedupKey: String
    /// Alertmanager/Grafana `groupKey`; PagerDuty: the incident id.
    public var groupKey: String
    /// Firing, resolved or updated.
    public var status: AlertStatus
    /// `alertname` label, or the PagerDuty incident title.
    public var name: String
    /// The service it is about: label `service`, else `app`, else `application`, else `job`, else
    /// `namespace` (most specific first); PagerDuty: the service summary.
    public var service: String?
    /// The `severity` label (PagerDuty: the priority name, else the urgency), lowercased.
    public var severityLabel: String?
    /// The `summary` annotation (else the group's common one; Grafana: else the notification title).
    public var summary: String?
    /// The `description` annotation (else the common one; Grafana: else `valueString`).
    public var description: String?
    /// When it started: the alert's `startsAt` (PagerDuty: the incident's `created_at`, else the
    /// event's `occurred_at`). The detection time of an incident it declares.
    public var startsAt: Timestamp
    /// When it ended, nil while firing (`0001-01-01T00:00:00Z` on the wire; PagerDuty: the
    /// `occurred_at` of `incident.resolved`).
    public var endsAt: Timestamp?
    /// Link back to the source: `generatorURL`, PagerDuty's incident `html_url`.
    public var generatorURL: String?
    /// The `runbook_url` annotation, kept on the entry.
    public var runbookURL: String?
    /// Grafana's `dashboardURL` (else `panelURL`).
    public var dashboardURL: String?
    /// The labels in name order, at most `AlertLimits.maxLabels`.
    public var labels: [AlertLabel]

    /// An alert; parsers build these, tests too.
    public init(format: AlertFormat, dedupKey: String, groupKey: String, status: AlertStatus, name: String,
                service: String?, severityLabel: String?, summary: String?, description: String?,
                startsAt: Timestamp, endsAt: Timestamp?, generatorURL: String?, runbookURL: String?,
                dashboardURL: String? = nil, labels: [AlertLabel]) {
        self.format = format
        self.dedupKey = dedupKey
        self.groupKey = groupKey
        self.status = status
        self.name = name
        self.service = service
        self.severityLabel = severityLabel
        self.summary = summary
        self.description = description
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
        self.runbookURL = runbookURL
        self.dashboardURL = dashboardURL
        self.labels = labels
    }

    /// The value of label `name`, if any.
    public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }

    /// Labels tried, in order, for the service: the most specific name first; `job` (a scrape job,
    /// often named after the service) before `namespace` (often several services).
    public static let serviceLabels = ["service", "app", "application", "job", "namespace"]
}
