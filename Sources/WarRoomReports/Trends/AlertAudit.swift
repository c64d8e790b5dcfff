import WarRoomCore

/// The alert audit the method asks for: alerts that fired into incidents against alerts that
/// only proposed one, what the IC made of those, and the alert rules and services whose
/// proposals were dismissed most — the noisy, non-actionable alerts to fix or remove.
public struct AlertAudit: Hashable, Sendable {
    /// An alert rule (by name, on a service) whose proposals were dismissed.
    public struct Noise: Hashable, Sendable {
        public var alert: String
        public var service: String?
        /// Dismissed proposals it was in, and how many times it fired in them.
        public var dismissed: Int
        public var fired: Int
    }

    /// Firing alerts recorded on the incidents counted (each alert key once).
    public var alertsIntoIncidents: Int
    /// Incidents that hold at least one alert, and those an alert detected (a detection finding).
    public var incidentsWithAlerts: Int
    public var incidentsDetectedByAlert: Int
    /// Proposals opened in the period that pass the filter, by what became of them.
    public var proposalsAccepted: Int
    public var proposalsDismissed: Int
    public var proposalsWaiting: Int
    /// Firing alerts in the dismissed proposals: alerts that led to no incident.
    public var alertsDismissed: Int
    /// The noisiest rules, most dismissed first (at most `noisiestShown`).
    public var noisiest: [Noise]

    public static let noisiestShown = 5

    /// The audit of `incidents` (already filtered) and of the proposals `filter` takes from `inbox`
    /// (opened in its period, on its services, at its levels).
    public init(incidents: [IncidentSummary], inbox: ProposalInbox, filter: ReportFilter) {
        var keys: Set<String> = []
        var withAlerts = 0, detected = 0
        for incident in incidents {
            if incident.hasAlerts { withAlerts += 1 }
            if !incident.detectionAlertKeys.isEmpty { detected += 1 }
            keys.formUnion(incident.detectionAlertKeys)
        }
        alertsIntoIncidents = keys.count
        incidentsWithAlerts = withAlerts
        incidentsDetectedByAlert = detected

        let proposals = inbox.proposals.filter { filter.includes(at: $0.openedAt, service: $0.service, severity: $0.severity) }
        var accepted = 0, dismissed = 0, waiting = 0, dismissedAlerts = 0
        var noise: [String: Noise] = [:]
        for proposal in proposals {
            switch proposal.state {
            case .open: waiting += 1
            case .accepted: accepted += 1
            case .dismissed:
                dismissed += 1
                var seen: Set<String> = []
                for alert in proposal.alerts where alert.firing {
                    dismissedAlerts += 1
                    let key = alert.name.lowercased() + "\u{0}" + (proposal.service?.lowercased() ?? "")
                    noise[key, default: Noise(alert: alert.name, service: proposal.service, dismissed: 0, fired: 0)].fired += 1
                    if seen.insert(key).inserted { noise[key]?.dismissed += 1 }
                }
            }
        }
        proposalsAccepted = accepted
        proposalsDismissed = dismissed
        proposalsWaiting = waiting
        alertsDismissed = dismissedAlerts
        noisiest = Array(noise.values.sorted {
            ($0.dismissed, $0.fired) != ($1.dismissed, $1.fired) ? ($0.dismissed, $0.fired) > ($1.dismissed, $1.fired)
                : ($0.alert, $0.service ?? "") < ($1.alert, $1.service ?? "")
        }.prefix(Self.noisiestShown))
    }

    /// "3 alerts fired into 2 incidents (2 detected by an alert) · 4 proposed: 1 accepted, 2 dismissed (5 alerts), 1 waiting".
    public var summary: String {
        let proposed = proposalsAccepted + proposalsDismissed + proposalsWaiting
        return "\(alertsIntoIncidents) alert\(alertsIntoIncidents == 1 ? "" : "s") fired into \(incidentsWithAlerts) "
            + "incident\(incidentsWithAlerts == 1 ? "" : "s") (\(incidentsDetectedByAlert) detected by an alert) · "
            + "\(proposed) proposed: \(proposalsAccepted) accepted, \(proposalsDismissed) dismissed "
            + "(\(alertsDismissed) alert\(alertsDismissed == 1 ? "" : "s") that led to no incident), \(proposalsWaiting) waiting"
    }
}
