import WarRoomCore

/// One service's SLOs as the SLO file describes them (the method's YAML shape).
public struct SLODefinition: Hashable, Sendable {
    /// An SLI: what is measured (PromQL in `metric`), and what a good and a valid event are.
    public struct SLI: Hashable, Sendable {
        public var name: String
        public var description: String?
        public var metric: String?
        public var goodEvent: String?
        public var validEvent: String?
        public var threshold: String?

        public init(name: String, description: String? = nil, metric: String? = nil, goodEvent: String? = nil,
                    validEvent: String? = nil, threshold: String? = nil) {
            self.name = name
            self.description = description
            self.metric = metric
            self.goodEvent = goodEvent
            self.validEvent = validEvent
            self.threshold = threshold
        }
    }

    /// A multiwindow burn-rate alert: fire when both windows burn faster than `burnRate`.
    public struct BurnRateAlert: Hashable, Sendable {
        public var severity: String
        public var shortWindow: TimeSpan
        public var longWindow: TimeSpan
        public var burnRate: Double

        public init(severity: String, shortWindow: TimeSpan, longWindow: TimeSpan, burnRate: Double) {
            self.severity = severity
            self.shortWindow = shortWindow
            self.longWindow = longWindow
            self.burnRate = burnRate
        }
    }

    /// One objective on one SLI.
    public struct Objective: Hashable, Sendable {
        public var sli: String
        public var budget: ErrorBudget
        public var burnRateAlerts: [BurnRateAlert]
        /// The file's line, for messages.
        public var line: Int?

        public init(sli: String, budget: ErrorBudget, burnRateAlerts: [BurnRateAlert], line: Int?) {
            self.sli = sli
            self.budget = budget
            self.burnRateAlerts = burnRateAlerts
            self.line = line
        }
    }

    public var service: String
    public var owner: String?
    public var slis: [SLI]
    public var objectives: [Objective]
    /// The policy's words per tier (the method's defaults where the file says nothing).
    public var policy: [BudgetTier: String]
    /// One incident spending more than this share of a budget owes a post-mortem with at least
    /// one P1 action item (the SRE workbook's example policy: 20 %).
    public var singleIncidentP1Share: Double

    public static let defaultSingleIncidentP1Share = 0.2

    public init(service: String, owner: String?, slis: [SLI], objectives: [Objective], policy: [BudgetTier: String],
                singleIncidentP1Share: Double = SLODefinition.defaultSingleIncidentP1Share) {
        self.service = service
        self.owner = owner
        self.slis = slis
        self.objectives = objectives
        self.policy = policy
        self.singleIncidentP1Share = singleIncidentP1Share
    }
}

/// What an SLO's budget looks like at an instant, from the incidents on its service.
public struct SLOStatus: Sendable {
    public var service: String
    public var sli: String
    public var budget: ErrorBudget
    /// The window's budget, and the bad-event time the incidents in it spent.
    public var budgetTime: TimeSpan
    public var spent: TimeSpan
    /// Incidents in the window whose share of users affected is known, and those it is not
    /// (they spend budget warroom cannot count: said, never guessed).
    public var counted: [IncidentID]
    public var unknownShare: [IncidentID]
    public var tier: BudgetTier
    public var action: String

    public var consumedShare: Double { budgetTime.millis > 0 ? Double(spent.millis) / Double(budgetTime.millis) : 1 }
    public var remainingShare: Double { 1 - consumedShare }

    /// The status of `objective` of `definition` at `at`, from the incidents on its service
    /// (compared without case) whose impact falls in the window: each spans impact start (else
    /// detection) to mitigation (else resolution, else `at`), at its share of users affected.
    public init(_ definition: SLODefinition, _ objective: SLODefinition.Objective, incidents: [IncidentSummary], at: Timestamp) {
        service = definition.service
        sli = objective.sli
        budget = objective.budget
        budgetTime = objective.budget.budget(at: at)
        let windowStart = objective.budget.window.start(endingAt: at)
        var spans: [ImpactSpan] = [], counted: [IncidentID] = [], unknown: [IncidentID] = []
        for incident in incidents where incident.service?.lowercased() == definition.service.lowercased() {
            guard let span = ImpactSpan(incident, windowStart: windowStart, at: at) else { continue }
            guard incident.usersAffectedPercent != nil else { unknown.append(incident.id); continue }
            spans.append(span)
            counted.append(incident.id)
        }
        spent = ImpactSpan.badTime(spans)
        self.counted = counted
        unknownShare = unknown
        let remaining = budgetTime.millis > 0 ? 1 - Double(spent.millis) / Double(budgetTime.millis) : 0
        tier = BudgetTier.tier(remaining: remaining)
        action = definition.policy[tier] ?? tier.defaultAction
    }
}
