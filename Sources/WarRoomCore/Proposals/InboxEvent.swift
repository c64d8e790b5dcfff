#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One fact of the store's inbox, the store-wide log beside the incidents' logs: the incidents
/// alerts propose before anyone declares them and what the IC made of each, and the readiness
/// facts that belong to no incident (imported pages, survey answers, rest taken, runbook tests).
/// Like an incident's log, append-only: a proposal is opened, alerts join it, and it is accepted
/// (declared as an incident) or dismissed, never edited.
public struct InboxEvent: Identifiable, Hashable, Codable, Sendable {
    /// Derived from what caused it (an alert's key, a proposal's number), so a retried write is
    /// recognised and never duplicated.
    public var id: UUID
    /// When the fact happened.
    public var at: Timestamp
    /// When it was recorded.
    public var recordedAt: Timestamp
    /// Who recorded it (`alerts` for the intake, a person for a decision).
    public var author: String
    /// What happened.
    public var payload: InboxPayload

    public init(id: UUID, at: Timestamp, recordedAt: Timestamp, author: String, payload: InboxPayload) {
        self.id = id
        self.at = at
        self.recordedAt = recordedAt
        self.author = author
        self.payload = payload
    }

    private enum CodingKeys: String, CodingKey { case id, at, recordedAt, author, type, data }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(UUID.self, forKey: .id)
        at = try c.decode(Timestamp.self, forKey: .at)
        recordedAt = try c.decode(Timestamp.self, forKey: .recordedAt)
        author = try c.decode(String.self, forKey: .author)
        let type = try c.decode(String.self, forKey: .type)
        let data = try c.superDecoder(forKey: .data)
        switch type {
        case InboxPayload.openedType: payload = .opened(try ProposalOpening(from: data))
        case InboxPayload.alertType: payload = .alertAdded(try ProposalAlertAdded(from: data))
        case InboxPayload.acceptedType: payload = .accepted(try ProposalAcceptance(from: data))
        case InboxPayload.dismissedType: payload = .dismissed(try ProposalDismissal(from: data))
        case InboxPayload.pageType: payload = .page(try PageImported(from: data))
        case InboxPayload.surveyType: payload = .survey(try SurveyAnswer(from: data))
        case InboxPayload.restType: payload = .rest(try RestTaken(from: data))
        case InboxPayload.runbookTestType: payload = .runbookTested(try RunbookTest(from: data))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription:
                "unknown inbox event type '\(type)' (written by a newer warroom?); known: \(InboxPayload.types.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(at, forKey: .at)
        try c.encode(recordedAt, forKey: .recordedAt)
        try c.encode(author, forKey: .author)
        try c.encode(payload.type, forKey: .type)
        let data = c.superEncoder(forKey: .data)
        switch payload {
        case .opened(let value): try value.encode(to: data)
        case .alertAdded(let value): try value.encode(to: data)
        case .accepted(let value): try value.encode(to: data)
        case .dismissed(let value): try value.encode(to: data)
        case .page(let value): try value.encode(to: data)
        case .survey(let value): try value.encode(to: data)
        case .rest(let value): try value.encode(to: data)
        case .runbookTested(let value): try value.encode(to: data)
        }
    }
}

/// What an inbox event records.
public enum InboxPayload: Hashable, Sendable {
    /// An alert nobody's incident holds proposes one.
    case opened(ProposalOpening)
    /// Another alert joins an open proposal (the same service), or one of its alerts resolved.
    case alertAdded(ProposalAlertAdded)
    /// The IC declared the proposal as an incident.
    case accepted(ProposalAcceptance)
    /// The IC decided it is not an incident, and said why.
    case dismissed(ProposalDismissal)
    /// A page from a pager's export (`warroom oncall pages import`): on-call health counts it.
    case page(PageImported)
    /// An answer to the quarterly on-call satisfaction survey.
    case survey(SurveyAnswer)
    /// A responder took the rest a long SEV1 owed them.
    case rest(RestTaken)
    /// A runbook was tested (`warroom runbook tested`).
    case runbookTested(RunbookTest)

    static let openedType = "proposal.opened"
    static let alertType = "proposal.alert"
    static let acceptedType = "proposal.accepted"
    static let dismissedType = "proposal.dismissed"
    static let pageType = "oncall.page"
    static let surveyType = "oncall.survey"
    static let restType = "oncall.rest"
    static let runbookTestType = "runbook.tested"
    static let types = [openedType, alertType, acceptedType, dismissedType, pageType, surveyType, restType, runbookTestType]

    /// The stored type name.
    public var type: String {
        switch self {
        case .opened: Self.openedType
        case .alertAdded: Self.alertType
        case .accepted: Self.acceptedType
        case .dismissed: Self.dismissedType
        case .page: Self.pageType
        case .survey: Self.surveyType
        case .rest: Self.restType
        case .runbookTested: Self.runbookTestType
        }
    }

    /// The proposal the event is about; nil for the readiness facts the inbox also keeps.
    public var proposal: Int? {
        switch self {
        case .opened(let value): value.number
        case .alertAdded(let value): value.proposal
        case .accepted(let value): value.proposal
        case .dismissed(let value): value.proposal
        case .page, .survey, .rest, .runbookTested: nil
        }
    }
}

/// A page a pager sent (imported from its export): to whom, when, and when it was acknowledged.
/// The inbox event's `at` is when it was sent.
public struct PageImported: Hashable, Codable, Sendable {
    /// The person paged, as the export names them.
    public var person: String
    /// When they acknowledged it, if they did.
    public var acknowledgedAt: Timestamp?
    /// The pager's id of it (PagerDuty's incident number, Opsgenie's alert id): a second import
    /// of the same export records nothing twice.
    public var externalID: String
    /// The pager's title of it.
    public var title: String?
    /// The service, as the pager names it.
    public var service: String?
    /// The pager's name for the source (`pagerduty`, `opsgenie`, the file's name).
    public var source: String

    public init(person: String, acknowledgedAt: Timestamp? = nil, externalID: String, title: String? = nil, service: String? = nil,
                source: String) {
        self.person = person
        self.acknowledgedAt = acknowledgedAt
        self.externalID = externalID
        self.title = title
        self.service = service
        self.source = source
    }
}

/// One answer to the quarterly on-call survey: a score from 1 to 5, and what the person said.
public struct SurveyAnswer: Hashable, Codable, Sendable {
    public var score: Int
    public var comment: String?

    public init(score: Int, comment: String? = nil) {
        self.score = score
        self.comment = comment
    }
}

/// `person` took the rest `incident` owed them.
public struct RestTaken: Hashable, Codable, Sendable {
    public var person: String
    public var incident: IncidentID

    public init(person: String, incident: IncidentID) {
        self.person = person
        self.incident = incident
    }
}

/// Runbook `name` was tested (the event's `at`), by `by`, with notes.
public struct RunbookTest: Hashable, Codable, Sendable {
    public var name: String
    public var by: String
    public var notes: String?

    public init(name: String, by: String, notes: String? = nil) {
        self.name = name
        self.by = by
        self.notes = notes
    }
}

/// One alert of a proposal: the finding its incident gets on acceptance (its text, tags and
/// source, the alert's key among them), and the alert's name for lists.
public struct ProposalAlert: Hashable, Codable, Sendable {
    /// The alert's name (`HighErrorRate`), as the sender said: untrusted.
    public var name: String
    /// Whether the alert fired (false: it resolved).
    public var firing: Bool
    /// When it fired or resolved (never after it arrived): the time of its entry in the incident.
    public var at: Timestamp
    /// The entry the incident gets when the proposal is accepted.
    public var entry: Entry

    public init(name: String, firing: Bool, at: Timestamp, entry: Entry) {
        self.name = name
        self.firing = firing
        self.at = at
        self.entry = entry
    }

    /// The alert's dedup key.
    public var key: String? { entry.alert?.key }
}

/// Opens proposal `number` (P`number`), numbered in the store in the order proposals arrive.
public struct ProposalOpening: Hashable, Codable, Sendable {
    public var number: Int
    public var title: String
    public var severity: Severity
    public var service: String?
    public var summary: String?
    public var alert: ProposalAlert

    public init(number: Int, title: String, severity: Severity, service: String? = nil, summary: String? = nil,
                alert: ProposalAlert) {
        self.number = number
        self.title = title
        self.severity = severity
        self.service = service
        self.summary = summary
        self.alert = alert
    }
}

/// An alert joins proposal `proposal`, at the level its label maps to.
public struct ProposalAlertAdded: Hashable, Codable, Sendable {
    public var proposal: Int
    public var severity: Severity
    public var alert: ProposalAlert

    public init(proposal: Int, severity: Severity, alert: ProposalAlert) {
        self.proposal = proposal
        self.severity = severity
        self.alert = alert
    }
}

/// Proposal `proposal` became `incident`.
public struct ProposalAcceptance: Hashable, Codable, Sendable {
    public var proposal: Int
    public var incident: IncidentID

    public init(proposal: Int, incident: IncidentID) {
        self.proposal = proposal
        self.incident = incident
    }
}

/// Proposal `proposal` is not an incident, for `reason`.
public struct ProposalDismissal: Hashable, Codable, Sendable {
    public var proposal: Int
    public var reason: String

    public init(proposal: Int, reason: String) {
        self.proposal = proposal
        self.reason = reason
    }
}
