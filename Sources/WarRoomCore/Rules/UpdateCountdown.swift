/// One audience's status-update clock: when its next update is owed, and why.
public struct UpdateCountdown: Hashable, Sendable {
    /// What the owed update is.
    public enum Purpose: Hashable, Sendable {
        /// The first update: nothing has gone to this audience yet.
        case initial
        /// The next update of the cadence.
        case regular
        /// The resolved message (all-clear), owed once the incident is resolved.
        case allClear
    }

    /// Who the update is owed to.
    public var audience: Audience
    /// When the next update is due.
    public var nextDue: Timestamp
    /// The audience's cadence at the current severity.
    public var cadence: TimeSpan
    /// The latest update posted to this audience, if any.
    public var lastPosted: PostedUpdate?
    /// What is owed.
    public var purpose: Purpose

    /// True while the initial notification to this audience has not gone out.
    public var isInitial: Bool { purpose == .initial }
    /// True when the owed update is the resolved message.
    public var isAllClear: Bool { purpose == .allClear }

    /// "Initial notification", "Next update" or "All-clear", for labels.
    public var what: String {
        switch purpose {
        case .initial: "Initial notification"
        case .regular: "Next update"
        case .allClear: "All-clear"
        }
    }

    /// "Next update to executives": what is owed and to whom.
    public var title: String { "\(what) to \(audience.rawValue)" }

    /// "Next: executives", for narrow boxes: the audience survives where `title` would be cut.
    public var shortTitle: String {
        switch purpose {
        case .initial: "Initial: \(audience.rawValue)"
        case .regular: "Next: \(audience.rawValue)"
        case .allClear: "All-clear: \(audience.rawValue)"
        }
    }

    /// Time left, or how long the update is overdue.
    public func timing(at now: Timestamp) -> Timing { Timing(deadline: nextDue, now: now) }
}

extension IncidentState {
    /// The most urgent update owed (the earliest due; ties in audience order), or nil when nothing
    /// is owed: an audience is owed updates while the incident is active (`policy.audiences`), and
    /// the all-clear once it is resolved until one is posted to it.
    public func updateCountdown(policy: Policy) -> UpdateCountdown? {
        updateCountdowns(policy: policy).min { $0.nextDue < $1.nextDue }
    }

    /// Every update owed, one per audience, in audience order (engineering, executives, customers).
    ///
    /// While active, each audience the policy names has its own clock: the first update is due its
    /// initial-notification time after declaration, then one cadence after the latest update
    /// posted *to that audience*; a severity change pulls the due time in to
    /// `min(current due, change + new cadence)`. Anchors are kept in `at` order, so a backdated
    /// update or severity change lands where it happened.
    ///
    /// Once resolved, the all-clear is owed `policy.allClearWithin` after resolution to every
    /// audience the policy names and every audience that was sent an update, until an update
    /// recorded after the resolution, and dated at or after it, goes to it. Closing ends every
    /// obligation to update.
    public func updateCountdowns(policy: Policy) -> [UpdateCountdown] {
        let policy = policy.paced(for: self)
        if status.isActive {
            return Audience.allCases.compactMap { activeCountdown(for: $0, policy: policy) }
        }
        guard status == .resolved, let resolvedAt else { return [] }
        return Audience.allCases.compactMap { audience in
            let last = latestUpdates[audience]
            guard policy.audiences[audience] != nil || last != nil else { return nil }
            if allClearSent.contains(audience) { return nil }
            return UpdateCountdown(audience: audience, nextDue: resolvedAt + policy.allClearWithin,
                                   cadence: policy.cadence(for: audience, at: severity) ?? policy.rule(for: severity).updateCadence,
                                   lastPosted: last, purpose: .allClear)
        }
    }

    private func activeCountdown(for audience: Audience, policy: Policy) -> UpdateCountdown? {
        guard let cadence = policy.cadence(for: audience, at: severity) else { return nil }
        // `updateAnchors` is kept in time order, so only the tail matters: the latest declaration
        // or update posted to this audience, then the severity changes after it. The cost follows
        // that tail, not the length of the incident.
        var start = updateAnchors.endIndex
        while start > updateAnchors.startIndex {
            start -= 1
            switch updateAnchors[start].kind {
            case .declared: break
            case .posted(let to) where to == audience: break
            default: continue
            }
            break
        }
        var current = severity
        var due = declaredAt + (policy.firstUpdate(for: audience, at: severity) ?? cadence)
        if start < updateAnchors.endIndex {
            let anchor = updateAnchors[start]
            switch anchor.kind {
            case .declared(let level), .severity(let level):
                current = level
                due = anchor.at + (policy.firstUpdate(for: audience, at: level) ?? cadence)
            case .posted:
                // The severity in force when it went out: the nearest declaration or change before it.
                var probe = start
                while probe > updateAnchors.startIndex {
                    probe -= 1
                    if case .declared(let level) = updateAnchors[probe].kind { current = level; break }
                    if case .severity(let level) = updateAnchors[probe].kind { current = level; break }
                }
                due = anchor.at + (policy.cadence(for: audience, at: current) ?? cadence)
            }
            for change in updateAnchors[(start + 1)...] {
                if case .severity(let level) = change.kind {
                    current = level
                    due = min(due, change.at + (policy.cadence(for: audience, at: level) ?? cadence))
                }
            }
        }
        return UpdateCountdown(audience: audience, nextDue: due, cadence: cadence, lastPosted: latestUpdates[audience],
                               purpose: latestUpdates[audience] == nil ? .initial : .regular)
    }
}
