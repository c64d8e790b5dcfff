/// The status-update clock: when the next update is owed, and why.
public struct UpdateCountdown: Hashable, Sendable {
    /// When the next update is due.
    public var nextDue: Timestamp
    /// The cadence of the current severity.
    public var cadence: TimeSpan
    /// The latest update posted, if any.
    public var lastPosted: PostedUpdate?
    /// True while the initial notification has not gone out.
    public var isInitial: Bool

    /// Time left, or how long the update is overdue.
    public func timing(at now: Timestamp) -> Timing { Timing(deadline: nextDue, now: now) }
}

extension IncidentState {
    /// The status-update countdown; nil once resolved (the resolved message ends the cadence).
    ///
    /// The first update is due the level's initial-notification time after declaration (one cadence
    /// when the level has none); then one cadence after the latest update posted; a severity change
    /// pulls the due time in to `min(current due, change + new cadence)`. Anchors are replayed in
    /// `at` order, so a backdated update or severity change lands where it happened.
    public func updateCountdown(policy: Policy) -> UpdateCountdown? {
        guard status.isActive else { return nil }
        let ordered = updateAnchors.enumerated().sorted {
            ($0.element.at, $0.offset) < ($1.element.at, $1.offset)
        }
        var current = severity
        var due = declaredAt + policy.rule(for: severity).firstUpdateAfter
        for (_, anchor) in ordered {
            switch anchor.kind {
            case .declared(let level):
                current = level
                due = anchor.at + policy.rule(for: level).firstUpdateAfter
            case .posted:
                due = anchor.at + policy.rule(for: current).updateCadence
            case .severity(let level):
                current = level
                due = min(due, anchor.at + policy.rule(for: level).updateCadence)
            }
        }
        let last = updates.max { ($0.at) < ($1.at) }
        return UpdateCountdown(nextDue: due, cadence: policy.rule(for: severity).updateCadence,
                               lastPosted: last, isInitial: updates.isEmpty)
    }
}
