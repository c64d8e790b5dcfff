import Testing
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomReports

/// What one incident spent of the SLOs on its service, in its post-mortem.
@Suite("SLOs: an incident's budget in its post-mortem")
struct IncidentBudgetTests {
    static let start = Timestamp(iso8601: "2026-11-28T14:00:00Z")!
    static let objective = SLODefinition.Objective(sli: "availability", budget: ErrorBudget(target: 0.9995, window: .rolling(.hours(24 * 30))),
                                                   burnRateAlerts: [], line: nil)
    static func definition(threshold: Double = SLODefinition.defaultSingleIncidentP1Share,
                           objectives: [SLODefinition.Objective] = [objective]) -> SLODefinition {
        SLODefinition(service: "checkout-api", owner: nil, slis: [], objectives: objectives, policy: [:], singleIncidentP1Share: threshold)
    }

    /// INC-1 on checkout-api: `percent` of users for `minutes` from 14:00, then mitigated.
    static func scenario(_ id: IncidentID = "INC-1", service: String = "checkout-api", percent: Double?, minutes: Int64 = 41,
                         from start: Timestamp = start) -> Scenario {
        var s = Scenario(now: start, incident: id)
        s.must(.declare(Declaration(title: "Checkout errors", severity: .sev2, service: service, impactStartedAt: start, detectedAt: start)))
        if let percent { s.must(.recordImpact(ImpactReport(usersAffectedPercent: percent))) }
        s.now = start + .minutes(minutes)
        s.must(.setStatus(.status(.mitigating), reason: nil, force: false))
        s.must(.setStatus(.status(.monitoring), reason: nil, force: false))
        return s
    }

    static func budgetLine(_ markdown: String) -> String? {
        markdown.split(separator: "\n").first { $0.hasPrefix("- **SLO budget consumed**: ") }
            .map { String($0.dropFirst("- **SLO budget consumed**: ".count)) }
    }

    @Test("30% failing for 41 minutes against 99.95% over 30 days: 56.9%, written into the impact with the tier it leaves")
    func workbookExample() throws {
        let s = Self.scenario(percent: 30)
        let state = try #require(s.state)
        let uses = IncidentBudget.uses(of: (state).summarized, definitions: [Self.definition()], incidents: [state].summarized, now: s.now + .hours(2))
        let use = try #require(uses.first)
        #expect(uses.count == 1 && use.impact == .minutes(41) && use.budgetTime == TimeSpan(millis: 21_600 * 60))
        #expect(((use.consumedShare ?? 0) * 1000).rounded() / 10 == 56.9 && use.tier == .featureFreezeReview && use.needsP1ActionItem)
        let markdown = PostmortemDocument.markdown(state, policy: .standard, now: s.now, budgets: uses)
        #expect(Self.budgetLine(markdown)
                == "56.9% of the 30d budget of checkout-api availability (feature-freeze review tier), from 30% of users for 41 minutes")
        #expect(Self.budgetLine(PostmortemDocument.markdown(state, policy: .standard, now: s.now)) == "[X% of monthly error budget]",
                "without an SLO file the template's placeholder stays")
    }

    @Test("Each SLO on the service gets its figure; a calendar-month budget is that month's length; other services and windows spend nothing")
    func severalObjectives() throws {
        let month = SLODefinition.Objective(sli: "latency", budget: ErrorBudget(target: 0.999, window: .calendarMonth), burnRateAlerts: [], line: nil)
        let s = Self.scenario(percent: 30)
        let state = try #require(s.state)
        let uses = IncidentBudget.uses(of: (state).summarized, definitions: [Self.definition(objectives: [Self.objective, month])], incidents: [state].summarized, now: s.now)
        #expect(uses.map(\.sli) == ["availability", "latency"])
        // November has 30 days: 0.1% of 43,200 minutes is 43.2; 12.3 bad minutes is 28.5%.
        #expect(uses[1].budgetTime == .minutes(43) + TimeSpan(millis: 12_000) && ((uses[1].consumedShare ?? 0) * 1000).rounded() / 10 == 28.5)
        let markdown = PostmortemDocument.markdown(state, policy: .standard, now: s.now, budgets: uses)
        #expect(Self.budgetLine(markdown)?.contains("; 28.5% of the calendar month budget of checkout-api latency (normal tier), from") == true)

        let elsewhere = try #require(Self.scenario(service: "search", percent: 100).state)
        #expect(IncidentBudget.uses(of: (elsewhere).summarized, definitions: [Self.definition()], incidents: [elsewhere].summarized, now: s.now).isEmpty)
        let mixedCase = try #require(Self.scenario(service: "Checkout-API", percent: 30).state)
        #expect(IncidentBudget.uses(of: (mixedCase).summarized, definitions: [Self.definition()], incidents: [mixedCase].summarized, now: s.now).count == 1,
                "services compare without case, as everywhere else")
    }

    @Test("The tier counts every incident in the window; the incident's own figure counts only itself")
    func tierFromAllIncidents() throws {
        let earlier = try #require(Self.scenario("INC-1", percent: 30, minutes: 40, from: Self.start - .hours(48)).state)
        let s = Self.scenario("INC-2", percent: 30)
        let state = try #require(s.state)
        let use = try #require(IncidentBudget.uses(of: (state).summarized, definitions: [Self.definition()], incidents: [earlier, state].summarized, now: s.now).first)
        #expect(((use.consumedShare ?? 0) * 1000).rounded() / 10 == 56.9)
        #expect(use.tier == .freezeDeploys, "INC-1's 55.6% and INC-2's 56.9% exhaust the budget together")
    }

    @Test("Without a share of users affected the line says what to record, and final is refused for it")
    func unknownShare() throws {
        let s = Self.scenario(percent: nil)
        let state = try #require(s.state)
        let uses = IncidentBudget.uses(of: (state).summarized, definitions: [Self.definition()], incidents: [state].summarized, now: s.now)
        #expect(uses.first?.consumedShare == nil && uses.first?.needsP1ActionItem == false)
        let line = try #require(Self.budgetLine(PostmortemDocument.markdown(state, policy: .standard, now: s.now, budgets: uses)))
        #expect(line.hasPrefix("[X% of the 30d budget of checkout-api availability: record the share of users affected"))
        let gaps = PostmortemReadiness.gaps(state, policy: .standard, now: s.now, budgets: uses)
        #expect(gaps.contains { $0.hasPrefix("Impact — SLO budget consumed: [X% of the 30d budget") })
    }

    @Test("More than the policy's share owes a P1 action item: refused until one is added; a P2 does not count; a higher threshold or a written line changes it")
    func p1Rule() throws {
        var s = Self.scenario(percent: 30)
        let uses = IncidentBudget.uses(of: (try #require(s.state)).summarized, definitions: [Self.definition()], incidents: [try #require(s.state)].summarized, now: s.now)
        func owed(_ state: IncidentState?, _ uses: [IncidentBudgetUse]) throws -> [String] {
            PostmortemReadiness.gaps(try #require(state), policy: .standard, now: s.now, budgets: uses).filter { $0.contains("P1 action item") }
        }
        let first = try owed(s.state, uses)
        #expect(first == ["Action Items: 56.9% of the 30d budget of checkout-api availability was spent, more than the 20% one incident may spend: "
                          + "add at least one P1 action item (`warroom postmortem action add TEXT --priority P1 --owner NAME --due DAY`)"])
        let refusal = PostmortemReadiness.refusal(PostmortemReadiness.gaps(try #require(s.state), policy: .standard, now: s.now, budgets: uses))
        #expect(refusal.contains("and the SLO policy asks for a P1 action item:"))

        s.must(.addActionItem(text: "Alert on checkout 5xx", owner: "bob", priority: .p2, due: s.now + .hours(24 * 7), fromEntry: nil, force: false))
        #expect(try owed(s.state, uses).count == 1, "a P2 is not the P1 the policy asks for")
        s.must(.addActionItem(text: "Canary the config push", owner: "bob", priority: .p1, due: s.now + .hours(24 * 7), fromEntry: nil, force: false))
        #expect(try owed(s.state, uses).isEmpty)

        let fresh = Self.scenario(percent: 30)
        let lenient = IncidentBudget.uses(of: (try #require(fresh.state)).summarized, definitions: [Self.definition(threshold: 0.6)],
                                          incidents: [try #require(fresh.state)].summarized, now: fresh.now)
        #expect(try owed(fresh.state, lenient).isEmpty, "56.9% is under a 60% threshold")
        let small = Self.scenario(percent: 5)
        let under = IncidentBudget.uses(of: (try #require(small.state)).summarized, definitions: [Self.definition()], incidents: [try #require(small.state)].summarized, now: small.now)
        #expect(try owed(small.state, under).isEmpty, "5% for 41 minutes spends 9.5%, under 20%")
    }

    @Test("A line someone wrote is kept over the computed one")
    func writtenLineWins() throws {
        var s = Self.scenario(percent: 30)
        s.must(.setPostmortemImpact(PostmortemImpact(sloBudget: "about half of the monthly budget")))
        let state = try #require(s.state)
        let uses = IncidentBudget.uses(of: (state).summarized, definitions: [Self.definition()], incidents: [state].summarized, now: s.now)
        #expect(Self.budgetLine(PostmortemDocument.markdown(state, policy: .standard, now: s.now, budgets: uses)) == "about half of the monthly budget")
    }
}
