import WarRoomCore

/// An SLO measured live (error ratios read from Prometheus over windows ending `at`): the burn
/// rate of each window, which multiwindow burn-rate alerts would fire (the SRE workbook's rule:
/// both the short and the long window burn faster than the alert's rate), and the budget the
/// live ratio over the SLO's window has consumed, with the policy tier that leaves.
///
/// Pure arithmetic: the figures come in as `ratios` (window → error ratio, nil where the query
/// had no data), so the same maths are tested without a server.
public struct LiveSLOStatus: Hashable, Sendable {
    /// One alert pair: its burn rate over each window, and whether it would fire.
    public struct AlertState: Hashable, Sendable {
        public var alert: SLODefinition.BurnRateAlert
        public var shortBurn: Double?
        public var longBurn: Double?
        /// Both windows strictly above the alert's burn rate (no data in either: does not fire).
        public var fires: Bool
    }

    public var service: String
    public var sli: String
    public var budget: ErrorBudget
    public var at: Timestamp
    /// The error ratio over each window asked for, shortest first; nil: no data.
    public var ratios: [(window: TimeSpan, errorRatio: Double?)]
    public var alerts: [AlertState]
    /// The span the budget is measured over: the window's length (rolling), or the month so far.
    public var budgetSpan: TimeSpan
    /// The share of the budget the live error ratio over `budgetSpan` consumed (1.0 = all of it).
    public var consumedShare: Double?
    public var tier: BudgetTier?
    public var action: String?

    public var remainingShare: Double? { consumedShare.map { 1 - $0 } }

    /// The alerts that would fire, in the file's order.
    public var firing: [AlertState] { alerts.filter(\.fires) }

    /// The fast burn: the burn rate over the long window of the alert with the highest burn rate
    /// (the page, in the workbook's set: 14.4× over 1 h); nil without alerts or data.
    public var fastBurn: (window: TimeSpan, burnRate: Double)? {
        guard let alert = alerts.max(by: { $0.alert.burnRate < $1.alert.burnRate }), let burn = alert.longBurn else { return nil }
        return (alert.alert.longWindow, burn)
    }

    /// The windows to measure for `objective` at `at`: every alert's short and long window, and
    /// the budget's span, each once, shortest first.
    public static func windows(for objective: SLODefinition.Objective, at: Timestamp) -> [TimeSpan] {
        var spans = Set(objective.burnRateAlerts.flatMap { [$0.shortWindow, $0.longWindow] })
        spans.insert(budgetSpan(objective.budget, at: at))
        return spans.filter { $0.millis > 0 }.sorted { $0.millis < $1.millis }
    }

    /// A rolling window's length; a calendar month's time so far (at least a minute).
    public static func budgetSpan(_ budget: ErrorBudget, at: Timestamp) -> TimeSpan {
        switch budget.window {
        case .rolling(let span): return span
        case .calendarMonth:
            let elapsed = at - budget.window.start(endingAt: at)
            return elapsed.millis >= 60_000 ? elapsed : TimeSpan(millis: 60_000)
        }
    }

    /// The status from measured `ratios` (window → error ratio; a missing or nil entry: no data).
    public init(_ definition: SLODefinition, _ objective: SLODefinition.Objective, at: Timestamp,
                ratios measured: [TimeSpan: Double?]) {
        service = definition.service
        sli = objective.sli
        budget = objective.budget
        self.at = at
        let windows = Self.windows(for: objective, at: at)
        func ratio(_ window: TimeSpan) -> Double? {
            guard let value = measured[window] ?? nil, value.isFinite else { return nil }
            return value
        }
        ratios = windows.map { ($0, ratio($0)) }
        let budget = objective.budget
        alerts = objective.burnRateAlerts.map { alert in
            let short = ratio(alert.shortWindow).map(budget.burnRate(errorRatio:))
            let long = ratio(alert.longWindow).map(budget.burnRate(errorRatio:))
            let fires = (short.map { $0 > alert.burnRate } ?? false) && (long.map { $0 > alert.burnRate } ?? false)
            return AlertState(alert: alert, shortBurn: short, longBurn: long, fires: fires)
        }
        budgetSpan = Self.budgetSpan(budget, at: at)
        if let spanRatio = ratio(budgetSpan) {
            let consumed = budget.consumed(burnRate: budget.burnRate(errorRatio: max(0, spanRatio)), for: budgetSpan, at: at)
            consumedShare = consumed
            let tier = BudgetTier.tier(remaining: 1 - consumed)
            self.tier = tier
            action = definition.policy[tier] ?? tier.defaultAction
        } else {
            consumedShare = nil
            tier = nil
            action = nil
        }
    }

    public static func == (lhs: LiveSLOStatus, rhs: LiveSLOStatus) -> Bool {
        lhs.service == rhs.service && lhs.sli == rhs.sli && lhs.budget == rhs.budget && lhs.at == rhs.at
            && lhs.ratios.map(\.window) == rhs.ratios.map(\.window) && lhs.ratios.map(\.errorRatio) == rhs.ratios.map(\.errorRatio)
            && lhs.alerts == rhs.alerts && lhs.budgetSpan == rhs.budgetSpan && lhs.consumedShare == rhs.consumedShare
            && lhs.tier == rhs.tier && lhs.action == rhs.action
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(service)
        hasher.combine(sli)
        hasher.combine(at)
        hasher.combine(consumedShare)
    }
}
