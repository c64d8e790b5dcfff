/// Every number the method sets, in one value with the method's defaults, so a team's config file
/// can override any of them. The core reads policy only from here.
public struct Policy: Hashable, Codable, Sendable {
    /// The severity matrix, one row per level.
    public var sev1: SeverityPolicy
    public var sev2: SeverityPolicy
    public var sev3: SeverityPolicy
    public var sev4: SeverityPolicy
    /// How long a new hypothesis may run before the IC owes a decision.
    public var hypothesisTimebox: TimeSpan
    /// How long an incident must stay in monitoring before it may be resolved without an override.
    public var monitoringWindow: TimeSpan
    /// How long after resolution the post-mortem is due.
    public var postmortemDue: TimeSpan
    /// The scope-doubles trigger fires only when the new share of users reaches this many percent
    /// (or the count reaches `doublingFloorUsers`): doubling 1 → 2 users is noise, not news.
    public var doublingFloorPercent: Double = 1
    /// The scope-doubles trigger fires only when the new count of users reaches this many.
    public var doublingFloorUsers: Int = 100
    /// Who is owed status updates and how often; an audience not listed is owed none.
    public var audiences: [Audience: AudienceCadence] = [.engineering: .severity, .executives: .severity]
    /// How soon after resolution the resolved message (all-clear) is owed to each audience.
    public var allClearWithin: TimeSpan = .minutes(15)
    /// The levels whose incidents need a final post-mortem before they close: the method's
    /// "100% of SEV1/SEV2". The most severe level an incident reached decides.
    public var postmortemRequired: Set<Severity> = [.sev1, .sev2]
    /// Other names people write for notification targets, as words to read in their place:
    /// `em` → `eng manager`. Keys and values are compared as lowercased words.
    public var notifyAliases: [String: String] = Policy.standardAliases
    /// The drill speed every span above was divided by (`paced(for:)`); nil for a real incident.
    public private(set) var pace: DrillSpeed?

    /// This policy for `state`: for a drill played at `--speed 10x`, every response time,
    /// cadence, deadline, timebox and window ten times shorter, so every countdown of that incident
    /// (and only that one) runs ten times faster; unchanged for a real incident. The one place
    /// time is scaled: the core's rules call it, so every screen, command and score agrees.
    /// Idempotent: a policy already paced is returned as it is.
    public func paced(for state: IncidentState?) -> Policy {
        guard pace == nil, let speed = state?.drillSpeed else { return self }
        var paced = self
        paced.pace = speed
        func row(_ rule: SeverityPolicy) -> SeverityPolicy {
            var rule = rule
            rule.responseTime = speed.wall(rule.responseTime)
            rule.updateCadence = speed.wall(rule.updateCadence)
            rule.initialNotification = rule.initialNotification.map(speed.wall)
            rule.escalateWithin = rule.escalateWithin.map(speed.wall)
            rule.rootCauseDeadline = rule.rootCauseDeadline.map(speed.wall)
            return rule
        }
        paced.sev1 = row(sev1)
        paced.sev2 = row(sev2)
        paced.sev3 = row(sev3)
        paced.sev4 = row(sev4)
        paced.hypothesisTimebox = speed.wall(hypothesisTimebox)
        paced.monitoringWindow = speed.wall(monitoringWindow)
        paced.postmortemDue = speed.wall(postmortemDue)
        paced.allClearWithin = speed.wall(allClearWithin)
        paced.audiences = audiences.mapValues { cadence in
            if case .every(let span) = cadence { return .every(speed.wall(span)) }
            return cadence
        }
        return paced
    }

    /// A span someone typed (a hypothesis timebox, an extension) as this policy's pace makes it:
    /// ten times shorter in a drill at 10×, unchanged otherwise.
    public func paced(_ span: TimeSpan) -> TimeSpan { pace.map { $0.wall(span) } ?? span }

    /// Common short names for the matrix's escalation targets.
    public static let standardAliases: [String: String] = [
        "em": "eng manager", "mgr": "manager", "vpe": "vp eng", "vpoe": "vp eng", "vp of eng": "vp eng",
    ]

    /// The cadence owed to `audience` at `severity`: nil when the audience is owed no updates.
    public func cadence(for audience: Audience, at severity: Severity) -> TimeSpan? {
        switch audiences[audience] {
        case nil: nil
        case .severity?: rule(for: severity).updateCadence
        case .every(let span)?: span
        }
    }

    /// When the first update to `audience` is owed after declaration at `severity`.
    public func firstUpdate(for audience: Audience, at severity: Severity) -> TimeSpan? {
        switch audiences[audience] {
        case nil: nil
        case .severity?: rule(for: severity).firstUpdateAfter
        case .every(let span)?: span
        }
    }

    /// Whether an incident that reached `severity` needs a final post-mortem to close.
    public func requiresPostmortem(_ severity: Severity) -> Bool { postmortemRequired.contains(severity) }

    /// The row of the matrix for a level.
    public func rule(for severity: Severity) -> SeverityPolicy {
        switch severity {
        case .sev1: sev1
        case .sev2: sev2
        case .sev3: sev3
        case .sev4: sev4
        }
    }

    /// The method's numbers: the severity matrix, 15-minute hypothesis timeboxes, a 15-minute
    /// monitoring window, the post-mortem within 48 hours.
    public static let standard = Policy(
        sev1: SeverityPolicy(
            responseTime: .minutes(5), updateCadence: .minutes(15), initialNotification: .minutes(10),
            escalationTarget: "VP Eng + CTO", escalateWithin: .zero, rootCauseDeadline: .minutes(30)),
        sev2: SeverityPolicy(
            responseTime: .minutes(15), updateCadence: .minutes(30), initialNotification: nil,
            escalationTarget: "Eng Manager", escalateWithin: .minutes(15), rootCauseDeadline: .hours(2)),
        sev3: SeverityPolicy(
            responseTime: .hours(1), updateCadence: .hours(2), initialNotification: nil,
            escalationTarget: "Team lead (next standup)", escalateWithin: nil, rootCauseDeadline: nil),
        // "Next business day": the core has no business calendar, so a day stands in for it.
        sev4: SeverityPolicy(
            responseTime: .hours(24), updateCadence: .hours(24), initialNotification: nil,
            escalationTarget: "Backlog triage", escalateWithin: nil, rootCauseDeadline: nil),
        hypothesisTimebox: .minutes(15),
        monitoringWindow: .minutes(15),
        postmortemDue: .hours(48))
}

/// One row of the severity matrix.
public struct SeverityPolicy: Hashable, Codable, Sendable {
    /// How soon an Incident Commander must be in place after declaration.
    public var responseTime: TimeSpan
    /// How often a status update is owed.
    public var updateCadence: TimeSpan
    /// When the first notification is owed after declaration; nil means one cadence.
    public var initialNotification: TimeSpan?
    /// Who must be told: the matrix's escalation column.
    public var escalationTarget: String
    /// How soon after the incident reaches this level they must be told; nil means no deadline
    /// (the matrix's "next standup" and "backlog triage").
    public var escalateWithin: TimeSpan?
    /// How long the incident may go without a root cause before escalating to the next tier;
    /// nil means no such trigger at this level.
    public var rootCauseDeadline: TimeSpan?

    /// When the first update is due, counted from declaration.
    public var firstUpdateAfter: TimeSpan { initialNotification ?? updateCadence }
}

/// How often an audience is owed a status update.
public enum AudienceCadence: Hashable, Codable, Sendable {
    /// The severity matrix's cadence (and initial notification) of the current level.
    case severity
    /// A fixed cadence, whatever the level.
    case every(TimeSpan)
}
