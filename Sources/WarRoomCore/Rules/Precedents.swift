/// What an earlier incident taught, as a new one needs it at once: its cause, its runbook, what
/// it left undone. Shown for the past incidents like a new one (`SimilarIncident`) and for those
/// that had the same alert as one just attached (`AlertPrecedent`).
extension IncidentState {
    /// The cause the post-mortem named (immediate, else underlying, else systemic), else the
    /// hypothesis confirmed during the incident.
    public var learnedCause: String? {
        postmortem.factors[.immediate] ?? postmortem.factors[.underlying] ?? postmortem.factors[.systemic]
            ?? hypotheses.last { $0.state == .confirmed }?.text
    }

    /// The first runbook its alerts linked to.
    public var alertRunbook: String? { timeline.lazy.compactMap { $0.alert?.runbookURL }.first }

    /// Its action items neither done nor dropped, by number.
    public var unfinishedActionItems: [ActionItem] {
        postmortem.actionItems.filter { $0.status != .done && $0.status != .dropped && $0.doneAt == nil }
    }
}

/// An earlier incident that had the same alert (by the sender's fingerprint) as this one.
public struct AlertPrecedent: Hashable, Sendable {
    public var incident: IncidentID
    public var title: String
    public var declaredAt: Timestamp
    public var cause: String?
    public var runbook: String?
    public var unfinished: Int

    public init(_ state: IncidentState) {
        incident = state.id
        title = state.title
        declaredAt = state.declaredAt
        cause = state.learnedCause
        runbook = state.alertRunbook
        unfinished = state.unfinishedActionItems.count
    }

    /// Among `earlier`, those that share an alert with `state` and began before it, newest first.
    public static func of(_ state: IncidentState, among earlier: [IncidentState], limit: Int = 3) -> [AlertPrecedent] {
        let fingerprints = state.alertFingerprints
        guard !fingerprints.isEmpty else { return [] }
        return earlier.filter { $0.id != state.id && $0.declaredAt < state.declaredAt && !$0.alertFingerprints.isDisjoint(with: fingerprints) }
            .sorted { $0.declaredAt > $1.declaredAt }.prefix(limit).map(AlertPrecedent.init)
    }
}
