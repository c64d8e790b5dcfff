/// What the reports need of one incident, and nothing else: its lifecycle instants, severity,
/// service, impact share, post-mortem state, action items, factors, cause tags and alerts. The
/// store keeps one beside each knowledge-base document, made by the same fold and at the same
/// sequence, so `warroom report` over thousands of incidents reads summaries instead of folding
/// every log. `IncidentSummary(state)` is the only way to make one from an incident: a summary
/// read back from the store must equal the summary of a full fold (`IncidentSummaryTests`).
public struct IncidentSummary: Hashable, Sendable {
    public var id: IncidentID
    public var title: String
    public var declaredAt: Timestamp
    public var severity: Severity
    public var status: IncidentStatus
    public var service: String?
    public var detectedAt: Timestamp
    public var impactStartedAt: Timestamp?
    public var acknowledgedAt: Timestamp?
    public var mitigatedAt: Timestamp?
    public var resolvedAt: Timestamp?
    /// The share of users affected, in percent (nil: never reported).
    public var usersAffectedPercent: Double?
    /// When the post-mortem was last made final; nil unless it is final now.
    public var postmortemFinalAt: Timestamp?
    public var actionItems: [ActionItem]
    public var factors: [FactorLevel: String]
    /// The cause tags, in the order they were put on.
    public var causes: [String]
    /// The fingerprints of every alert recorded (retracted entries too: the alert still fired).
    public var fingerprints: Set<String>
    /// Whether an entry that is not retracted carries an alert.
    public var hasAlerts: Bool
    /// The keys of the alerts on entries, not retracted, tagged as the detection.
    public var detectionAlertKeys: Set<String>
    /// Declared as a drill: the reports leave it out.
    public var isDrill: Bool

    public init(id: IncidentID, title: String, declaredAt: Timestamp, severity: Severity, status: IncidentStatus, service: String?,
                detectedAt: Timestamp, impactStartedAt: Timestamp? = nil, acknowledgedAt: Timestamp? = nil,
                mitigatedAt: Timestamp? = nil, resolvedAt: Timestamp? = nil, usersAffectedPercent: Double? = nil,
                postmortemFinalAt: Timestamp? = nil, actionItems: [ActionItem] = [], factors: [FactorLevel: String] = [:],
                causes: [String] = [], fingerprints: Set<String> = [], hasAlerts: Bool = false, detectionAlertKeys: Set<String> = [],
                isDrill: Bool = false) {
        self.id = id
        self.title = title
        self.declaredAt = declaredAt
        self.severity = severity
        self.status = status
        self.service = service
        self.detectedAt = detectedAt
        self.impactStartedAt = impactStartedAt
        self.acknowledgedAt = acknowledgedAt
        self.mitigatedAt = mitigatedAt
        self.resolvedAt = resolvedAt
        self.usersAffectedPercent = usersAffectedPercent
        self.postmortemFinalAt = postmortemFinalAt
        self.actionItems = actionItems
        self.factors = factors
        self.causes = causes
        self.fingerprints = fingerprints
        self.hasAlerts = hasAlerts
        self.detectionAlertKeys = detectionAlertKeys
        self.isDrill = isDrill
    }

    /// The summary of a folded incident.
    public init(_ state: IncidentState) {
        var hasAlerts = false
        var detection: Set<String> = []
        var finalAt: Timestamp?
        for item in state.timeline {
            if let alert = item.alert, !item.isRetracted {
                hasAlerts = true
                if item.tags.contains(.detection) { detection.insert(alert.key) }
            }
            if case .postmortemStatus(.final, _) = item.detail { finalAt = item.at }
        }
        self.init(id: state.id, title: state.title, declaredAt: state.declaredAt, severity: state.severity, status: state.status,
                  service: state.service, detectedAt: state.detectedAt, impactStartedAt: state.impactStartedAt,
                  acknowledgedAt: state.acknowledgedAt, mitigatedAt: state.mitigatedAt, resolvedAt: state.resolvedAt,
                  usersAffectedPercent: state.impact.usersAffectedPercent,
                  postmortemFinalAt: state.postmortemStatus == .final ? finalAt : nil,
                  actionItems: state.postmortem.actionItems, factors: state.postmortem.factors, causes: state.postmortem.causes,
                  fingerprints: state.alertFingerprints, hasAlerts: hasAlerts, detectionAlertKeys: detection,
                  isDrill: state.isDrill)
    }

    /// Time to detect, acknowledge, mitigate and resolve, as `IncidentState.metrics` computes them.
    public var metrics: IncidentMetrics {
        IncidentMetrics(impactStartedAt: impactStartedAt, detectedAt: detectedAt, declaredAt: declaredAt,
                        acknowledgedAt: acknowledgedAt, mitigatedAt: mitigatedAt, resolvedAt: resolvedAt)
    }
}
