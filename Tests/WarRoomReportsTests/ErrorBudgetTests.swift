import Testing
import WarRoomCore
@testable import WarRoomReports
import WarRoomTestSupport

/// The error-budget arithmetic against the SRE workbook's numbers and the method's examples.
@Suite("SLOs: error budgets")
struct ErrorBudgetTests {
    static let at = Timestamp(iso8601: "2026-11-28T14:00:00Z")!

    @Test("Budgets are computed from the window, never copied: 30 d at 99.95 % is 21.6 min, 28 d 20.16 min, 30 d at 99 % 7.2 h")
    func budgets() throws {
        let thirty = try #require(SLOWindow.parse("30d")), twentyEight = try #require(SLOWindow.parse("28d"))
        #expect(ErrorBudget(target: 0.9995, window: thirty).budget(at: Self.at) == .seconds(1_296))
        #expect(ErrorBudget(target: 0.9995, window: twentyEight).budget(at: Self.at) == TimeSpan(millis: 1_209_600))
        #expect(ErrorBudget(target: 0.99, window: thirty).budget(at: Self.at) == .hours(7) + .minutes(12))
        #expect(ErrorBudget(target: 0.9999, window: thirty).budget(at: Self.at) == TimeSpan(millis: 259_200))
        #expect(SLOWindow.parse("4w") == twentyEight && SLOWindow.parse("720h") == thirty)
        for bad in ["30", "d", "-3d", "0d", "30m", "1y", "thirty days", ""] { #expect(SLOWindow.parse(bad) == nil, "\(bad)") }
    }

    @Test("A calendar month's budget follows its length: February 2026 is shorter than March")
    func calendarMonth() {
        let budget = ErrorBudget(target: 0.9995, window: .calendarMonth)
        let february = budget.budget(at: Timestamp(iso8601: "2026-02-10T00:00:00Z")!)
        let march = budget.budget(at: Timestamp(iso8601: "2026-03-10T00:00:00Z")!)
        #expect(february == TimeSpan(millis: 1_209_600) && march == TimeSpan(millis: 1_339_200))
        #expect(SLOWindow.calendarMonth.length(at: Timestamp(iso8601: "2026-12-31T23:00:00Z")!) == .hours(24 * 31))
        #expect(SLOWindow.calendarMonth.start(endingAt: Timestamp(iso8601: "2026-03-10T12:00:00Z")!) == Timestamp(iso8601: "2026-03-01T00:00:00Z"),
                "a calendar month's spending starts on the first")
        #expect(SLOWindow.rolling(.hours(24)).start(endingAt: Timestamp(iso8601: "2026-03-10T12:00:00Z")!) == Timestamp(iso8601: "2026-03-09T12:00:00Z"))
    }

    @Test("30 % of requests failing for 41 minutes against 99.95 % over 30 days consumes 56.9 % of the budget")
    func methodExample() {
        let budget = ErrorBudget(target: 0.9995, window: .rolling(.hours(24 * 30)))
        let consumed = budget.consumed(badShare: 0.30, for: .minutes(41), at: Self.at)
        #expect((consumed * 1000).rounded() / 10 == 56.9, "\(consumed)")
        #expect(budget.consumed(badShare: 1, for: .seconds(1_296), at: Self.at) == 1.0, "a total outage for the budget spends all of it")
        #expect(budget.consumed(badShare: 1.7, for: .minutes(1), at: Self.at) == budget.consumed(badShare: 1, for: .minutes(1), at: Self.at),
                "a share above 100 % is 100 %")
    }

    @Test("Burn rate: 14.4 for an hour consumes 2 % of a 30-day budget and would exhaust it in 50 h; 6 for 6 h, 5 %")
    func burnRates() {
        let budget = ErrorBudget(target: 0.9995, window: .rolling(.hours(24 * 30)))
        #expect(abs(budget.burnRate(errorRatio: 0.0072) - 14.4) < 1e-9)
        #expect(abs(budget.consumed(burnRate: 14.4, for: .hours(1), at: Self.at) - 0.02) < 1e-12)
        #expect(abs(budget.consumed(burnRate: 6, for: .hours(6), at: Self.at) - 0.05) < 1e-12)
        #expect(budget.exhaustion(burnRate: 14.4, at: Self.at) == .hours(50))
        #expect(budget.exhaustion(burnRate: 0, at: Self.at) == nil)
    }

    @Test("Overlapping impact is counted once, at the largest share failing then")
    func overlap() {
        let t = Self.at
        let spans = [ImpactSpan(start: t, end: t + .minutes(30), badShare: 0.2),
                     ImpactSpan(start: t + .minutes(10), end: t + .minutes(20), badShare: 0.5),
                     ImpactSpan(start: t + .minutes(60), end: t + .minutes(70), badShare: 1)]
        // 10 min at 20 %, 10 at 50 %, 10 at 20 %, then 10 at 100 %: 2 + 5 + 2 + 10 = 19 minutes of bad events.
        #expect(ImpactSpan.badTime(spans) == .minutes(19))
        #expect(ImpactSpan.badTime([spans[0], spans[0]]) == .minutes(6), "the same impact twice is spent once")
        #expect(ImpactSpan.badTime([]) == .zero)
    }

    @Test("The policy's tiers by budget left: above 50 % normal, 25–50 % freeze review, below 25 % all hands, exhausted freeze",
          arguments: [(1.0, BudgetTier.normal), (0.51, .normal), (0.5, .featureFreezeReview), (0.25, .featureFreezeReview),
                      (0.2499, .allHandsOnReliability), (0.0001, .allHandsOnReliability), (0, .freezeDeploys), (-0.4, .freezeDeploys)])
    func tiers(_ remaining: Double, _ tier: BudgetTier) {
        #expect(BudgetTier.tier(remaining: remaining) == tier)
    }
}

/// What incidents spent of an SLO's budget.
@Suite("SLOs: status from incidents")
struct SLOStatusTests {
    @Test("An incident spends its share of users affected over its impact; overlaps once; one without a share is named, not counted")
    func status() {
        let at = Timestamp(iso8601: "2026-11-28T15:00:00Z")!
        let definition = SLODefinition(service: "checkout-api", owner: nil, slis: [], objectives: [
            SLODefinition.Objective(sli: "availability", budget: ErrorBudget(target: 0.9995, window: .rolling(.hours(24 * 30))),
                                    burnRateAlerts: [], line: nil)], policy: [.featureFreezeReview: "review it"])
        func incident(_ id: IncidentID, service: String, start: Timestamp, percent: Double?, mitigated: Timestamp?) -> IncidentState {
            var s = Scenario(now: start, incident: id)
            s.must(.declare(Declaration(title: "t", severity: .sev2, service: service, impactStartedAt: start, detectedAt: start)))
            if let percent { s.must(.recordImpact(ImpactReport(usersAffectedPercent: percent))) }
            if let mitigated {
                s.now = mitigated
                s.must(.setStatus(.status(.mitigating), reason: nil, force: false))
                s.must(.setStatus(.status(.monitoring), reason: nil, force: false))
            }
            return s.state!
        }
        let start = Timestamp(iso8601: "2026-11-28T14:00:00Z")!
        let incidents = [
            incident("INC-1", service: "checkout-api", start: start, percent: 30, mitigated: start + .minutes(41)),
            incident("INC-2", service: "Checkout-API", start: start + .minutes(10), percent: 10, mitigated: start + .minutes(20)),
            incident("INC-3", service: "checkout-api", start: start, percent: nil, mitigated: nil),
            incident("INC-4", service: "search", start: start, percent: 100, mitigated: nil),
        ]
        let status = SLOStatus(definition, definition.objectives[0], incidents: incidents.summarized, at: at)
        #expect(status.counted == ["INC-1", "INC-2"] && status.unknownShare == ["INC-3"])
        #expect(status.spent == TimeSpan(millis: Int64((0.3 * 41 * 60_000).rounded())), "INC-2's smaller share inside INC-1's is spent once")
        #expect((status.consumedShare * 1000).rounded() / 10 == 56.9)
        #expect(status.tier == .featureFreezeReview && status.action == "review it")
        let later = SLOStatus(definition, definition.objectives[0], incidents: incidents.summarized, at: at + .hours(24 * 31))
        #expect(later.counted.isEmpty && later.tier == .normal, "outside the window, nothing is spent")
    }
}
