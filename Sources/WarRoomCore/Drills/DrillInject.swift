/// One scripted event of a drill, played into the drill incident at `offset` after the start.
public struct DrillInject: Hashable, Sendable {
    /// When it is played, in scenario time (at 1×) after the drill starts.
    public var offset: TimeSpan
    /// What is played.
    public var kind: Kind
    /// What the players are expected to do about it, each within its time, with points.
    public var expectations: [DrillExpectation]
    /// For the game master only (why this inject, what good looks like); never shown to players.
    public var note: String?

    /// An inject at `offset`.
    public init(offset: TimeSpan, kind: Kind, expectations: [DrillExpectation] = [], note: String? = nil) {
        self.offset = offset
        self.kind = kind
        self.expectations = expectations
        self.note = note
    }

    /// What an inject plays, in the war room's own vocabulary.
    public enum Kind: Hashable, Sendable {
        /// An alert: the raw Alertmanager (version 4) webhook body, fed through the same intake as
        /// a real one, so detection and the alerts strip work as at 3 AM.
        case alert(payload: String)
        /// A symptom someone notices (a support ticket, a graph), recorded as a finding.
        case symptom(String)
        /// A stakeholder asks something ("CEO asks for an ETA"): the comms lead is expected to answer.
        case stakeholderMessage(from: String, text: String)
        /// An impact report, recorded as the core's `ImpactReport`: customer-reported on paying
        /// accounts, a data-integrity concern… trigger the core's automatic upgrades.
        case impact(ImpactReport)
        /// The holder of a role must leave (end of shift, paged elsewhere): a handoff is needed.
        case roleLeaves(Role, reason: String?)
        /// The confirmation the players expect does not come: the evidence that rules `hypothesis` out.
        case hypothesisWrong(hypothesis: String, evidence: String)
        /// One of the scenario's declared commands is run (a real fault), its `stop` at the end.
        case command(DrillCommand)

        /// The word the file uses for this kind (`alert`, `symptom`, `message`, `impact`,
        /// `role_leaves`, `hypothesis_wrong`, `command`).
        public var key: String {
            switch self {
            case .alert: "alert"
            case .symptom: "symptom"
            case .stakeholderMessage: "message"
            case .impact: "impact"
            case .roleLeaves: "role_leaves"
            case .hypothesisWrong: "hypothesis_wrong"
            case .command: "command"
            }
        }

        /// Every kind's word, in the order the README lists them.
        public static let keys = ["alert", "symptom", "message", "impact", "role_leaves", "hypothesis_wrong", "command"]

        /// The command this inject runs, if it runs one.
        public var command: DrillCommand? {
            if case .command(let command) = self { return command }
            return nil
        }
    }

    /// The automatic upgrade an impact inject triggers on a drill still at `severity` (the core's
    /// own rule, `ImpactState.upgrade`): data integrity → SEV1, customer-reported on paying
    /// accounts → at least SEV2. Nil for other kinds, or when nothing is triggered.
    public func upgrade(from severity: Severity, policy: Policy = .standard) -> (Severity, UpgradeTrigger)? {
        guard case .impact(let report) = kind else { return nil }
        return ImpactState().upgrade(for: report, current: severity, policy: policy)
    }
}
