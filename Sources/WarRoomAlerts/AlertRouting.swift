import WarRoomCore

/// An incident still open, as routing sees it.
public struct OpenIncident: Equatable, Sendable {
    /// Its id (`INC-1`).
    public var id: IncidentID
    /// Its service, if set.
    public var service: String?
    /// Its current severity.
    public var severity: Severity

    /// An open incident.
    public init(id: IncidentID, service: String?, severity: Severity) {
        self.id = id
        self.service = service
        self.severity = severity
    }
}

/// What one alert does to the incidents.
public enum AlertAction: Equatable, Sendable {
    /// Its dedup key is already recorded: nothing to do (answer 2xx all the same).
    case duplicate
    /// Record a finding on this incident (`asDetection`: tagged detection, for a firing alert).
    case attach(IncidentID, asDetection: Bool)
    /// Record the resolution as a finding on this incident.
    case resolvedFinding(IncidentID)
    /// Declare a new incident at this level, detected at the alert's `startsAt`.
    case declare(severity: Severity, detectedAt: Timestamp)
    /// List a proposed incident at this level for the IC to accept or dismiss.
    case propose(severity: Severity)
    /// Record nothing, for this reason (shown by `alerts ingest` and in the server's log).
    case ignore(String)
}

/// The pure decision from an alert to an action.
public enum AlertRouting {
    /// Decides what `alert` does. Order: already recorded → `.duplicate`; a service matching an
    /// open incident (ignoring case and surrounding spaces; several: the most severe, then the
    /// first listed) → attach or resolution finding; else by the policy's rule for its severity
    /// label. A resolved or updated alert never declares: it only follows an incident already open.
    public static func decide(_ alert: InboundAlert, openIncidents: [OpenIncident], alreadyRecorded: Set<String>,
                              policy: AlertPolicy) -> AlertAction {
        if alreadyRecorded.contains(alert.dedupKey) { return .duplicate }
        let match = matchingIncident(for: alert, among: openIncidents)
        switch alert.status {
        case .firing:
            if let match { return .attach(match.id, asDetection: true) }
            switch policy.rule(for: alert.severityLabel) {
            case .declare(let level): return .declare(severity: level, detectedAt: alert.startsAt)
            case .propose(let level): return .propose(severity: level)
            case .ignore: return .ignore("\(describe(alert)) has severity '\(alert.severityLabel ?? "")', which the alert policy ignores")
            }
        case .resolved:
            if let match { return .resolvedFinding(match.id) }
            return .ignore("resolved \(describe(alert)) matches no open incident")
        case .updated:
            if let match { return .attach(match.id, asDetection: false) }
            return .ignore("update to \(describe(alert)) matches no open incident")
        }
    }

    /// The open incident of the alert's service, if any.
    public static func matchingIncident(for alert: InboundAlert, among incidents: [OpenIncident]) -> OpenIncident? {
        guard let service = alert.service.map(normalized), !service.isEmpty else { return nil }
        var best: OpenIncident?
        for incident in incidents where incident.service.map(normalized) == service {
            if best == nil || incident.severity.isMoreSevere(than: best?.severity ?? .sev4) { best = incident }
        }
        return best
    }

    private static func normalized(_ service: String) -> String { String(service.trimmingSpaces).lowercased() }

    private static func describe(_ alert: InboundAlert) -> String {
        "alert '\(AlertEntryText.oneLine(alert.name, limit: 80))'" + (alert.service.map { " on '\(AlertEntryText.oneLine($0, limit: 80))'" } ?? "")
    }
}

extension AlertRouting {
    /// `decide` for open incidents given as tuples (disfavoured, so a literal `[]` picks the other).
    @_disfavoredOverload
    public static func decide(_ alert: InboundAlert, openIncidents: [(id: IncidentID, service: String?, severity: Severity)],
                              alreadyRecorded: Set<String>, policy: AlertPolicy) -> AlertAction {
        decide(alert, openIncidents: openIncidents.map { OpenIncident(id: $0.id, service: $0.service, severity: $0.severity) },
               alreadyRecorded: alreadyRecorded, policy: policy)
    }
}
