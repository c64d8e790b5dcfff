#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An incident an alert proposed, as the inbox's events made it.
public struct Proposal: Hashable, Sendable {
    /// What the IC made of it.
    public enum State: Hashable, Sendable {
        case open
        case accepted(incident: IncidentID, by: String, at: Timestamp)
        case dismissed(reason: String, by: String, at: Timestamp)
    }

    /// P`number`.
    public var number: Int
    /// The id of the event that opened it: what the ids of its acceptance derive from, so one
    /// proposal is never declared twice.
    public var openingID: UUID
    /// Who recorded the opening (the intake's author, `alerts`): the author of the findings an
    /// acceptance records from its alerts.
    public var proposedBy: String
    public var title: String
    /// The most severe level its alerts map to.
    public var severity: Severity
    public var service: String?
    public var summary: String?
    /// When the first alert arrived.
    public var openedAt: Timestamp
    /// Its alerts, firing and resolved, in arrival order.
    public var alerts: [ProposalAlert]
    public var state: State

    /// `P3`.
    public var label: String { Self.label(number) }
    public static func label(_ number: Int) -> String { "P\(number)" }

    public var isOpen: Bool { state == .open }

    public init(number: Int, openingID: UUID, proposedBy: String, title: String, severity: Severity, service: String?,
                summary: String?, openedAt: Timestamp, alerts: [ProposalAlert], state: State) {
        self.number = number
        self.openingID = openingID
        self.proposedBy = proposedBy
        self.title = title
        self.severity = severity
        self.service = service
        self.summary = summary
        self.openedAt = openedAt
        self.alerts = alerts
        self.state = state
    }

    /// When the earliest alert started, as its sender said: the incident's detection time.
    public var firingSince: Timestamp {
        alerts.compactMap { $0.entry.alert?.startsAt }.min() ?? openedAt
    }

    /// How many of its alerts fired, and how many of those have resolved since.
    public var firingCount: Int { alerts.filter(\.firing).count }
    public var resolvedCount: Int { alerts.filter { !$0.firing }.count }

    /// What an acceptance makes of its alerts, for messages: "its alert as a finding", "its 3 alerts as findings".
    public var findingsPhrase: String {
        alerts.count == 1 ? "its alert as a finding" : "its \(alerts.count) alerts as findings"
    }

    /// Every alert that fired has resolved since.
    public var allResolved: Bool { firingCount > 0 && resolvedCount >= firingCount }

    /// The id of event `index` of its acceptance: the opening's id with one byte flipped and its
    /// last four XORed with the index, the same in every process.
    public func acceptanceID(_ index: Int) -> UUID { openingID.derived(index, marker: 0xA5) }

    /// The id of the inbox event that records its acceptance or dismissal.
    public var decisionID: UUID { openingID.derived(0, marker: 0x5A) }

    /// The declaration an acceptance records: detected, and impact started, when the earliest
    /// alert started, so time to detect is real.
    public var declaration: Declaration {
        Declaration(title: title, severity: severity, summary: summary, service: service,
                    impactStartedAt: firingSince, detectedAt: firingSince)
    }
}

extension Proposal {
    /// The alerts strip's line for each waiting proposal (a warning: the IC owes a decision):
    /// "P2 proposed by alerts — /accept P2 or /dismiss P2 WHY: SEV3 HighLatency on checkout (2 alerts, since 03:12:00)":
    /// what to do first, so a narrow row cuts the details, not the way out.
    public static func alerts(_ proposals: [Proposal]) -> [Alert] {
        proposals.filter(\.isOpen).map { proposal in
            let resolved = proposal.allResolved ? ", all resolved" : proposal.resolvedCount > 0 ? ", \(proposal.resolvedCount) resolved" : ""
            let count = proposal.firingCount == 1 ? "1 alert" : "\(proposal.firingCount) alerts"
            return Alert(level: .warning, subject: .proposal(proposal.number),
                         message: "\(proposal.label) proposed by alerts — /accept \(proposal.label) or /dismiss \(proposal.label) WHY: "
                            + "\(proposal.severity.label) \(proposal.title) (\(count)\(resolved), since \(proposal.firingSince.clockTime))",
                         deadline: nil)
        }
    }
}

/// The inbox folded: every proposal, and every alert key it holds.
public struct ProposalInbox: Hashable, Sendable {
    /// By number, in order.
    public private(set) var proposals: [Proposal] = []
    /// Every alert key some proposal holds, and which.
    public private(set) var keys: [String: Int] = [:]

    public init() {}

    public init(_ events: some Sequence<InboxEvent>) {
        for event in events { apply(event) }
    }

    /// Folds one event in. An event about a proposal that does not exist, or that is no longer
    /// open, changes nothing (two IC decisions racing: the first one counts).
    public mutating func apply(_ event: InboxEvent) {
        switch event.payload {
        case .opened(let opening):
            guard proposal(opening.number) == nil else { return }
            proposals.append(Proposal(number: opening.number, openingID: event.id, proposedBy: event.author, title: opening.title, severity: opening.severity,
                                      service: opening.service, summary: opening.summary, openedAt: event.at,
                                      alerts: [opening.alert], state: .open))
            proposals.sort { $0.number < $1.number }
            index(opening.alert, in: opening.number)
        case .alertAdded(let added):
            guard let place = place(added.proposal) else { return }
            proposals[place].alerts.append(added.alert)
            proposals[place].severity = min(proposals[place].severity, added.severity)
            index(added.alert, in: added.proposal)
        case .accepted(let acceptance):
            guard let place = place(acceptance.proposal), proposals[place].isOpen else { return }
            proposals[place].state = .accepted(incident: acceptance.incident, by: event.author, at: event.at)
        case .dismissed(let dismissal):
            guard let place = place(dismissal.proposal), proposals[place].isOpen else { return }
            proposals[place].state = .dismissed(reason: dismissal.reason, by: event.author, at: event.at)
        case .page, .survey, .rest, .runbookTested:
            // Readiness facts: on-call health and the runbooks read them.
            break
        }
    }

    private mutating func index(_ alert: ProposalAlert, in number: Int) {
        if let key = alert.key, keys[key] == nil { keys[key] = number }
    }

    private func place(_ number: Int) -> Int? { proposals.firstIndex { $0.number == number } }

    /// Proposal P`number`.
    public func proposal(_ number: Int) -> Proposal? { place(number).map { proposals[$0] } }

    /// The proposals waiting for the IC, oldest first.
    public var open: [Proposal] { proposals.filter(\.isOpen) }

    /// The number the next proposal gets.
    public var nextNumber: Int { (proposals.map(\.number).max() ?? 0) + 1 }

    /// The open proposal an alert for `service` joins: the newest open one for the same service
    /// (compared without case or surrounding spaces). An alert without a service joins none.
    public func openProposal(forService service: String?) -> Proposal? {
        guard let wanted = Self.serviceKey(service) else { return nil }
        return proposals.last { $0.isOpen && Self.serviceKey($0.service) == wanted }
    }

    static func serviceKey(_ service: String?) -> String? {
        service?.nonBlank?.lowercased()
    }

    // MARK: Decisions

    /// The proposal `reference` names (`P3`, `p3`, `3`, `#3`), for `decision` ("accept",
    /// "dismiss"): refused, with what was wrong and what would do, when there is none by that
    /// number or it was decided already.
    public func openProposal(_ reference: String, for decision: String) throws(ProposalError) -> Proposal {
        guard let number = Self.number(reference) else {
            throw .notAReference(reference, open: open.map(\.label))
        }
        guard let proposal = proposal(number) else {
            throw .unknown(Proposal.label(number), open: open.map(\.label))
        }
        switch proposal.state {
        case .open: return proposal
        case .accepted(let incident, let by, let at): throw .alreadyAccepted(proposal.label, incident: incident, by: by, at: at)
        case .dismissed(let reason, let by, let at):
            throw .alreadyDismissed(proposal.label, reason: reason, by: by, at: at, decision: decision)
        }
    }

    /// The number in `P3`, `p3`, `#3` or `3`; nil for anything else.
    public static func number(_ reference: String) -> Int? {
        var text = Substring(reference.nonBlank ?? "")
        if text.first == "P" || text.first == "p" || text.first == "#" { text = text.dropFirst() }
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text),
              number > 0 else { return nil }
        return number
    }
}

/// Why a decision about a proposal was refused; nothing was written.
public enum ProposalError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAReference(String, open: [String])
    case unknown(String, open: [String])
    case alreadyAccepted(String, incident: IncidentID, by: String, at: Timestamp)
    case alreadyDismissed(String, reason: String, by: String, at: Timestamp, decision: String)
    case emptyReason(String)

    public var description: String {
        switch self {
        case .notAReference(let typed, let open):
            "'\(typed)' is not a proposal: name one as P3 (or 3)" + Self.openList(open)
        case .unknown(let label, let open):
            "there is no proposal \(label)" + Self.openList(open)
        case .alreadyAccepted(let label, let incident, let by, let at):
            "\(label) was already accepted as \(incident) by \(by) at \(at.clockTime): open it with `warroom open \(incident)`"
        case .alreadyDismissed(let label, let reason, let by, let at, let decision):
            "\(label) was dismissed by \(by) at \(at.clockTime) (\(reason)), so it cannot be \(decision == "accept" ? "accepted" : "dismissed") again"
                + (decision == "accept" ? ": declare the incident by hand if it is one" : "")
        case .emptyReason(let label):
            "dismissing \(label) needs a reason (say why it is not an incident: it stays in the record); nothing was written"
        }
    }

    private static func openList(_ open: [String]) -> String {
        open.isEmpty ? "; no proposal is waiting" : "; waiting: " + open.joined(separator: ", ")
    }
}
