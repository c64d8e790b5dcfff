import WarRoomCore

/// What one incident spent of one SLO on its service: the figure the post-mortem's impact
/// states ("56.9% of the 30d budget of checkout-api availability"), the tier the service was left
/// in, and whether the spend is large enough that the post-mortem owes a P1 action item.
public struct IncidentBudgetUse: Hashable, Sendable {
    public var service: String
    public var sli: String
    public var budget: ErrorBudget
    /// The window's budget at the incident's end, and the bad-event time the incident spent of it.
    public var budgetTime: TimeSpan
    public var spent: TimeSpan
    /// The incident's impact: how long, and the share of users affected (nil: not recorded, so
    /// nothing can be computed and the post-mortem says how to record it).
    public var impact: TimeSpan
    public var badShare: Double?
    /// Where the service stood when the incident ended, counting every incident in the window.
    public var tier: BudgetTier
    public var action: String
    /// The share of the budget above which one incident needs a P1 action item.
    public var p1Threshold: Double

    public var consumedShare: Double? {
        guard badShare != nil else { return nil }
        return budgetTime.millis > 0 ? Double(spent.millis) / Double(budgetTime.millis) : 1
    }
    /// More than the policy's share spent by this one incident.
    public var needsP1ActionItem: Bool { (consumedShare ?? 0) > p1Threshold }
    /// `30d budget of checkout-api availability`.
    public var budgetName: String { "\(budget.window) budget of \(service) \(sli)" }
}

public enum IncidentBudget {
    /// Every SLO on the incident's service (compared without case), each with what the incident
    /// spent of it: its share of users affected over its impact, from impact start (else
    /// detection) to mitigation (else resolution, else `now`), clipped to the window ending then.
    /// `incidents` are all the store's, for the tier the service was left in.
    public static func uses(of incident: IncidentSummary, definitions: [SLODefinition], incidents: [IncidentSummary],
                            now: Timestamp) -> [IncidentBudgetUse] {
        guard let service = incident.service?.lowercased() else { return [] }
        let end = incident.mitigatedAt ?? incident.resolvedAt ?? now
        var uses: [IncidentBudgetUse] = []
        for definition in definitions where definition.service.lowercased() == service {
            for objective in definition.objectives {
                let span = ImpactSpan(incident, windowStart: objective.budget.window.start(endingAt: end), at: end)
                let status = SLOStatus(definition, objective, incidents: incidents, at: end)
                uses.append(IncidentBudgetUse(service: definition.service, sli: objective.sli, budget: objective.budget,
                                              budgetTime: objective.budget.budget(at: end),
                                              spent: span.map { ImpactSpan.badTime([$0]) } ?? TimeSpan(millis: 0),
                                              impact: span.map { $0.end - $0.start } ?? TimeSpan(millis: 0),
                                              badShare: incident.usersAffectedPercent.map { $0 / 100 },
                                              tier: status.tier, action: status.action,
                                              p1Threshold: definition.singleIncidentP1Share))
            }
        }
        return uses
    }
}

extension ImpactSpan {
    /// The incident's impact inside a window from `windowStart` to `at`, at its share of users
    /// affected (0 when unknown); nil when none of it falls in the window.
    init?(_ incident: IncidentSummary, windowStart: Timestamp, at: Timestamp) {
        let start = max(incident.impactStartedAt ?? incident.detectedAt, windowStart)
        let end = min(incident.mitigatedAt ?? incident.resolvedAt ?? at, at)
        guard end > start else { return nil }
        self.init(start: start, end: end, badShare: (incident.usersAffectedPercent ?? 0) / 100)
    }
}
