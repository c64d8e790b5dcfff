/// Every number the method sets, in one value with the seed's defaults, so a team's config file
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

    /// The row of the matrix for a level.
    public func rule(for severity: Severity) -> SeverityPolicy {
        switch severity {
        case .sev1: sev1
        case .sev2: sev2
        case .sev3: sev3
        case .sev4: sev4
        }
    }

    /// The seed's numbers: the severity matrix, 15-minute hypothesis timeboxes, a 15-minute
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
