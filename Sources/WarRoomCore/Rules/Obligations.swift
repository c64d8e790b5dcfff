/// What the method says must happen by a deadline, discharged by recording it.
public enum ObligationKind: String, CaseIterable, Codable, Sendable {
    /// An Incident Commander in place within the level's response time.
    case commanderAssigned = "commander-assigned"
    /// The matrix's escalation column for SEV1 … SEV4.
    case notifySev1 = "notify-sev1"
    case notifySev2 = "notify-sev2"
    case notifySev3 = "notify-sev3"
    case notifySev4 = "notify-sev4"
    /// No root cause after the level's deadline: escalate to the next tier.
    case rootCauseEscalation = "root-cause-escalation"
    /// The post-mortem is due a fixed time after resolution.
    case postmortem

    /// The notify obligation of a severity level.
    public static func notify(_ severity: Severity) -> ObligationKind {
        switch severity {
        case .sev1: .notifySev1
        case .sev2: .notifySev2
        case .sev3: .notifySev3
        case .sev4: .notifySev4
        }
    }
}

/// An obligation that is owed now, with its deadline.
public struct Obligation: Hashable, Sendable {
    public var kind: ObligationKind
    /// What to do, in a few words: "Notify VP Eng + CTO".
    public var title: String
    public var deadline: Timestamp

    /// Time left before the deadline, or how long it has been overdue.
    public func timing(at now: Timestamp) -> Timing { Timing(deadline: deadline, now: now) }
}

/// How a deadline stands at an instant.
public enum Timing: Hashable, Sendable {
    /// The deadline is ahead: this much time is left.
    case due(in: TimeSpan)
    /// The deadline passed this long ago.
    case overdue(by: TimeSpan)

    public init(deadline: Timestamp, now: Timestamp) {
        self = now > deadline ? .overdue(by: now - deadline) : .due(in: deadline - now)
    }

    public var isOverdue: Bool {
        if case .overdue = self { return true }
        return false
    }
}

extension IncidentState {
    /// Every obligation not yet discharged, soonest deadline first.
    public func obligations(policy: Policy) -> [Obligation] {
        let policy = policy.paced(for: self)
        var owed: [Obligation] = []
        let rule = policy.rule(for: severity)
        if status.isActive {
            if roles[.commander] == nil {
                owed.append(Obligation(kind: .commanderAssigned, title: "Assign an Incident Commander",
                                       deadline: declaredAt + rule.responseTime))
            }
            let notify = ObligationKind.notify(severity)
            if let within = rule.escalateWithin, !isDischarged(notify) {
                owed.append(Obligation(kind: notify, title: "Notify \(rule.escalationTarget)",
                                       deadline: severitySince + within))
            }
            if let limit = rule.rootCauseDeadline, !rootCauseKnown, !isDischarged(.rootCauseEscalation) {
                owed.append(Obligation(kind: .rootCauseEscalation,
                                       title: "No root cause after \(limit.compact): escalate to the next tier",
                                       deadline: declaredAt + limit))
            }
        }
        if status == .resolved, postmortemStatus != .final, let resolvedAt, policy.requiresPostmortem(highestSeverity) {
            owed.append(Obligation(kind: .postmortem, title: "Post-mortem due",
                                   deadline: resolvedAt + policy.postmortemDue))
        }
        return owed.sorted { $0.deadline < $1.deadline }
    }

    /// The notification and escalation obligations owed now, soonest first: what a `notify` or
    /// `page` could clear. Screens and the CLI name them when a notification cleared nothing.
    public func owedNotifications(policy: Policy) -> [Obligation] {
        obligations(policy: policy).filter { obligation in
            switch obligation.kind {
            case .notifySev1, .notifySev2, .notifySev3, .notifySev4, .rootCauseEscalation: true
            case .commanderAssigned, .postmortem: false
            }
        }
    }

    /// The matrix's targets still owed a notification ("Eng Manager"), soonest first: what Tab
    /// offers after `/notify`.
    public func owedNotifyTargets(policy: Policy) -> [String] {
        owedNotifications(policy: policy).compactMap { obligation in
            Severity.allCases.first { ObligationKind.notify($0) == obligation.kind }.map { policy.rule(for: $0).escalationTarget }
        }
    }

    /// What to tell the person who recorded `record` when it cleared no obligation while some are
    /// owed: "Notified 'erin' cleared no obligation; still owed: Notify Eng Manager (due in 4m)".
    /// Nil when it cleared one, or nothing is owed. `self` is the state after recording it.
    public func notificationNotice(for record: NotificationRecord, policy: Policy, now: Timestamp) -> String? {
        guard record.obligation == nil else { return nil }
        let owed = owedNotifications(policy: policy)
        guard !owed.isEmpty else { return nil }
        let list = owed.map { "\($0.title) (\($0.timing(at: now).phrase))" }.joined(separator: "; ")
        return "'\(record.target)' cleared no obligation; still owed: \(list)"
    }

    /// Whether a recorded notification discharged `kind`. Once told, leadership stays told:
    /// a later return to the same level owes nothing new.
    public func isDischarged(_ kind: ObligationKind) -> Bool {
        notifications.contains { $0.record.obligation == kind }
    }
}
