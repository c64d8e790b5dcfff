/// What the players are expected to do about an inject: `role` does `action` within `within` of
/// the inject, for `points`; missed, the game master plays `contingency` (HSEEP's contingency inject).
public struct DrillExpectation: Hashable, Sendable {
    /// Who is expected to act: one of the scenario's roles.
    public var role: Role
    /// What they are expected to do, in the war room's recorded vocabulary.
    public var action: DrillAction
    /// How long after the inject they have.
    public var within: TimeSpan
    /// What meeting it is worth in the score.
    public var points: Int
    /// Played at the deadline when the expectation was not met; its `offset` is that deadline
    /// (the inject's offset + `within`), and it carries no expectations of its own.
    public var contingency: DrillInject?

    /// An expectation; a contingency's `offset` should be the deadline (the reader sets it so).
    public init(role: Role, action: DrillAction, within: TimeSpan, points: Int, contingency: DrillInject? = nil) {
        self.role = role
        self.action = action
        self.within = within
        self.points = points
        self.contingency = contingency
    }

    /// The most points one expectation may be worth.
    public static let mostPoints = 1_000
    /// `10m` when nothing says otherwise: the method's first deadline (the SEV1 initial notification).
    public static let defaultWithin = TimeSpan.minutes(10)
}

/// The closed vocabulary of actions a drill expects, each one a thing the war room records (so a
/// scorer can find it in the incident's events), some narrowed by a detail the file may give.
public enum DrillAction: Hashable, Sendable {
    /// The severity is set by a person (`/sev`), to `severity` or more severe when given.
    case severitySet(Severity?)
    /// Someone is assigned a role, `role` when given (a handoff after `role_leaves` is one).
    case roleAssigned(Role?)
    /// A status update is posted, to `audience` when given.
    case updatePosted(Audience?)
    /// A hypothesis is recorded (`/hypothesis`, with its timebox).
    case hypothesisRecorded
    /// A hypothesis is decided, with `verdict` when given.
    case hypothesisDecided(HypothesisVerdict?)
    /// The next tier is brought in: a notification of kind escalation, or a hypothesis escalated;
    /// to `target` (words of the notify target) when given.
    case escalated(target: String?)
    /// Someone is paged (`/page`), `target` (a person, a schedule, a vendor) when given.
    case paged(target: String?)
    /// A runbook is opened, `runbook` (its name) when given.
    case runbookOpened(String?)
    /// Mitigation is recorded: the status is set to mitigating (mitigation may come before root cause).
    case mitigationRecorded
    /// The status is set to `status`.
    case statusSet(IncidentStatus)
    /// A timeline entry is written, of `kind` when given.
    case entryLogged(EntryKind?)
    /// An impact report is recorded.
    case impactRecorded

    /// The action's name in a scenario file, one per case.
    public enum Kind: String, CaseIterable, Sendable {
        case severitySet = "severity-set"
        case roleAssigned = "role-assigned"
        case updatePosted = "update-posted"
        case hypothesisRecorded = "hypothesis-recorded"
        case hypothesisDecided = "hypothesis-decided"
        case escalated
        case paged
        case runbookOpened = "runbook-opened"
        case mitigationRecorded = "mitigation-recorded"
        case statusSet = "status-set"
        case entryLogged = "entry-logged"
        case impactRecorded = "impact-recorded"

        /// The key that narrows this action in a file (`audience` for update-posted), if any.
        public var detailKey: String? {
            switch self {
            case .severitySet: "severity"
            case .roleAssigned: "assigns"
            case .updatePosted: "audience"
            case .hypothesisDecided: "verdict"
            case .escalated, .paged: "target"
            case .runbookOpened: "runbook"
            case .statusSet: "status"
            case .entryLogged: "kind"
            case .hypothesisRecorded, .mitigationRecorded, .impactRecorded: nil
            }
        }

        /// Whether the file must give the detail (status-set must say which status).
        public var needsDetail: Bool { self == .statusSet }

        /// The events of the record that meet it, for the README and a scorer.
        public var recordedAs: String {
            switch self {
            case .severitySet: "severityChanged without an automatic trigger"
            case .roleAssigned: "roleAssigned"
            case .updatePosted: "updatePosted"
            case .hypothesisRecorded: "hypothesisOpened"
            case .hypothesisDecided: "hypothesisDecided"
            case .escalated: "notified of kind escalation, or hypothesisDecided escalated"
            case .paged: "notified with a page"
            case .runbookOpened: "a runbook shown for the incident"
            case .mitigationRecorded: "statusChanged to mitigating"
            case .statusSet: "statusChanged"
            case .entryLogged: "entry written by a person"
            case .impactRecorded: "impactRecorded"
            }
        }

        /// The valid names, for messages: `severity-set, role-assigned, … or impact-recorded`.
        public static let choices = Choices.list(names)
    }

    /// Which of the vocabulary's actions this is.
    public var kind: Kind {
        switch self {
        case .severitySet: .severitySet
        case .roleAssigned: .roleAssigned
        case .updatePosted: .updatePosted
        case .hypothesisRecorded: .hypothesisRecorded
        case .hypothesisDecided: .hypothesisDecided
        case .escalated: .escalated
        case .paged: .paged
        case .runbookOpened: .runbookOpened
        case .mitigationRecorded: .mitigationRecorded
        case .statusSet: .statusSet
        case .entryLogged: .entryLogged
        case .impactRecorded: .impactRecorded
        }
    }

    /// What the expected role does, as a timeline says it: `posts an update to executives`.
    public var wording: String {
        switch self {
        case .severitySet(let level): "sets the severity" + (level.map { " (\($0.label) or more severe)" } ?? "")
        case .roleAssigned(let role): "assigns " + (role.map { "the \($0.title)" } ?? "a role")
        case .updatePosted(let audience): "posts a status update" + (audience.map { " to \($0.rawValue)" } ?? "")
        case .hypothesisRecorded: "records a hypothesis with its timebox"
        case .hypothesisDecided(let verdict): "decides the hypothesis" + (verdict.map { " (\($0.rawValue))" } ?? "")
        case .escalated(let target): "escalates" + (target.map { " to \($0)" } ?? " to the next tier")
        case .paged(let target): "pages " + (target ?? "someone")
        case .runbookOpened(let name): "opens the runbook" + (name.map { " \($0)" } ?? "")
        case .mitigationRecorded: "records mitigation (status mitigating)"
        case .statusSet(let status): "sets the status to \(status.rawValue)"
        case .entryLogged(let kind): "logs " + (kind.map { "a \($0.rawValue)" } ?? "an entry")
        case .impactRecorded: "records the impact"
        }
    }
}
