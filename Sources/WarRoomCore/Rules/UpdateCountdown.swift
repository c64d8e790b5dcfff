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
    /// pulls the due time in to `min(current due, change + new cadence)`. Anchors are kept in `at`
    /// order, so a backdated update or severity change lands where it happened.
    public func updateCountdown(policy: Policy) -> UpdateCountdown? {
        guard status.isActive else { return nil }
        // `updateAnchors` is kept in time order, so only the tail matters: the latest declaration
        // or posted update, then the severity changes after it. The cost follows that tail,
        // not the length of the incident.
        var start = updateAnchors.endIndex
        while start > updateAnchors.startIndex {
            start -= 1
            if case .severity = updateAnchors[start].kind { continue }
            break
        }
        var current = severity
        var due = declaredAt + policy.rule(for: severity).firstUpdateAfter
        if start < updateAnchors.endIndex {
            let anchor = updateAnchors[start]
            switch anchor.kind {
            case .declared(let level), .severity(let level):
                current = level
                due = anchor.at + policy.rule(for: level).firstUpdateAfter
            case .posted:
                // The severity in force when it went out: the nearest declaration or change before it.
                var probe = start
                while probe > updateAnchors.startIndex {
                    probe -= 1
                    if case .declared(let level) = updateAnchors[probe].kind { current = level; break }
                    if case .severity(let level) = updateAnchors[probe].kind { current = level; break }
                }
                due = anchor.at + policy.rule(for: current).updateCadence
            }
            for change in updateAnchors[(start + 1)...] {
                if case .severity(let level) = change.kind {
                    current = level
                    due = min(due, change.at + policy.rule(for: level).updateCadence)
                }
            }
        }
        return UpdateCountdown(nextDue: due, cadence: policy.rule(for: severity).updateCadence,
                               lastPosted: latestUpdate, isInitial: updates.isEmpty)
    }
}
