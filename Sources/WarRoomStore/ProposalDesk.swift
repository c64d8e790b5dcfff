import Foundation
import WarRoomCore

/// A proposal accepted: the incident it became, and its events.
public struct AcceptedProposal: Sendable {
    public var proposal: Proposal
    public var incident: IncidentID
    /// The incident's stored events this acceptance wrote (or found written by an earlier
    /// attempt whose answer was lost).
    public var events: [StoredEvent]
    /// The inbox could not record the acceptance (another IC dismissed it meanwhile): the
    /// incident stands, and this says so.
    public var inboxNote: String?
}

/// The IC's decisions about proposed incidents, for every front end (the war room, `warroom
/// proposals`): each decided against the latest inbox inside its write transaction.
extension EventStore {
    /// The whole inbox, folded, and what reading it found.
    public func proposalInbox() throws -> (inbox: ProposalInbox, read: InboxRead) {
        let read = try inboxEvents(after: 0)
        return (ProposalInbox(read.events.map(\.event)), read)
    }

    /// Declares the open proposal `reference` names as an incident: its declaration (detected,
    /// and impact started, when its first alert started), `commander` in the seat if given, and
    /// each of its alerts as the finding it would have been, with its key (so later deliveries of
    /// those alerts attach to the incident), then the acceptance in the inbox. Ids derive from the
    /// proposal, so a retry, or two ICs accepting at once, declares one incident.
    public func acceptProposal(_ reference: String, author: String, now: Timestamp, policy: Policy,
                               commander: String? = nil, routing: (any DeliveryRouting)? = nil) throws -> AcceptedProposal {
        let (inbox, read) = try proposalInbox()
        let proposal = try inbox.openProposal(reference, for: "accept")
        var counter = 0
        func nextID() -> UUID {
            defer { counter += 1 }
            return proposal.acceptanceID(counter)
        }
        let (incident, stored) = try declare { id in
            counter = 0
            var current: IncidentState?
            var events: [Event] = []
            func record(_ command: Command, at: Timestamp, by: String) throws {
                let decided = try Incident.record(command, incident: id, state: current, author: by, at: min(at, now),
                                                  now: now, policy: policy, makeID: nextID)
                let made = Outbox.queue(after: decided, onto: current, routing: routing, makeID: nextID)
                events += made
                current = IncidentState.fold(made, onto: current) ?? current
            }
            try record(.declare(proposal.declaration), at: now, by: author)
            if let commander { try record(.assignRole(.commander, person: commander), at: now, by: author) }
            for alert in proposal.alerts { try record(.log(alert.entry), at: alert.at, by: proposal.proposedBy) }
            return events
        }
        var note: String?
        _ = try appendInbox(knownSequence: read.last) { newer in
            var latest = inbox
            for stored in newer { latest.apply(stored.event) }
            switch latest.proposal(proposal.number)?.state {
            case .open?:
                return [InboxEvent(id: proposal.decisionID, at: now, recordedAt: now, author: author,
                                   payload: .accepted(ProposalAcceptance(proposal: proposal.number, incident: incident)))]
            case .dismissed(let reason, let by, _)?:
                note = "\(proposal.label) was dismissed by \(by) meanwhile (\(reason)); \(incident) stands: resolve it if it is not one"
                return []
            default:
                return []
            }
        }
        return AcceptedProposal(proposal: proposal, incident: incident, events: stored, inboxNote: note)
    }

    /// Records that the open proposal `reference` names is not an incident, and why.
    public func dismissProposal(_ reference: String, reason: String, author: String, now: Timestamp) throws -> Proposal {
        let (inbox, read) = try proposalInbox()
        var proposal = try inbox.openProposal(reference, for: "dismiss")
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw ProposalError.emptyReason(proposal.label) }
        _ = try appendInbox(knownSequence: read.last) { newer in
            var latest = inbox
            for stored in newer { latest.apply(stored.event) }
            proposal = try latest.openProposal(proposal.label, for: "dismiss")
            return [InboxEvent(id: proposal.decisionID, at: now, recordedAt: now, author: author,
                               payload: .dismissed(ProposalDismissal(proposal: proposal.number, reason: reason)))]
        }
        proposal.state = .dismissed(reason: reason, by: author, at: now)
        return proposal
    }
}
