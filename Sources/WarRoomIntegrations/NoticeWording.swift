import WarRoomCore

/// The words every destination shows for a notice, plain text (each builder escapes them for
/// its own format), so Slack, Teams and the pagers say the same thing.
enum NoticeWording {
    /// One line: `INC-1 SEV2 declared: Checkout errors`.
    static func headline(_ notice: OutboundNotice, destination: String) -> String {
        let incident = notice.incident
        let prefix = "\(incident.id) \(incident.severity.label)"
        switch notice.kind {
        case .declared: return "\(prefix) declared: \(incident.title)"
        case .severityChanged(let from, let to):
            return "\(incident.id) \(to.isMoreSevere(than: from) ? "upgraded" : "downgraded") \(from.label) → \(to.label): \(incident.title)"
        case .statusUpdate(let audience, _): return "\(prefix) status update (\(audience.rawValue)): \(incident.title)"
        case .statusChanged(let status): return "\(prefix) \(status.rawValue): \(incident.title)"
        case .page(let target, _): return "\(prefix) paging \(target): \(incident.title)"
        case .acknowledged(let target, let by): return "\(prefix) \(target) acknowledged by \(by): \(incident.title)"
        case .deploy(let summary): return "\(incident.id) deploy: \(summary)"
        case .test: return "warroom test message for \(destination)"
        }
    }

    /// The message's text, without the headline.
    static func body(_ notice: OutboundNotice, destination: String) -> String {
        let incident = notice.incident
        switch notice.kind {
        case .declared:
            return "\(incident.id) was declared at \(incident.severity.label) (\(incident.severity.name)) at \(notice.at.clockTime) UTC."
        case .severityChanged(let from, let to):
            return "Severity changed from \(from.label) (\(from.name)) to \(to.label) (\(to.name)) at \(notice.at.clockTime) UTC."
        case .statusUpdate(_, let text): return text
        case .statusChanged(let status):
            return "Status changed to \(status.rawValue) at \(notice.at.clockTime) UTC."
        case .page(let target, let reason):
            return reason.isEmpty ? "Paged \(target)." : "Paged \(target): \(reason)"
        case .acknowledged(let target, let by): return "The page to \(target) was acknowledged: \(by) took the role."
        case .deploy(let summary): return summary
        case .test:
            return "This is a test from warroom (`warroom integrations test \(destination)`). Nothing is wrong; no incident is open because of it."
        }
    }

    /// `Status investigating · Service checkout · IC Ana`: the facts line.
    static func facts(_ incident: IncidentSnapshot) -> [(String, String)] {
        var facts = [("Severity", "\(incident.severity.label) (\(incident.severity.name))"), ("Status", incident.status.rawValue)]
        if let service = incident.service { facts.append(("Service", service)) }
        facts.append(("Commander", incident.commander ?? "unassigned"))
        return facts
    }
}
