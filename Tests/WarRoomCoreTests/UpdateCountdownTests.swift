import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Status-update countdown")
struct UpdateCountdownTests {
    func due(_ scenario: Scenario) -> Timestamp? { scenario.s.updateCountdown(policy: scenario.policy)?.nextDue }

    @Test("Initial notification: 10 minutes for SEV1, one cadence otherwise",
          arguments: [(Severity.sev1, TimeSpan.minutes(10)), (.sev2, .minutes(30)), (.sev3, .hours(2)), (.sev4, .hours(24))])
    func initial(_ level: Severity, _ first: TimeSpan) throws {
        let scenario = Scenario.declared(level)
        let countdown = try #require(scenario.s.updateCountdown(policy: scenario.policy))
        #expect(countdown.nextDue == t0 + first)
        #expect(countdown.isInitial)
    }

    /// The countdown owed to one audience.
    func owed(_ scenario: Scenario, _ audience: Audience) -> UpdateCountdown? {
        scenario.s.updateCountdowns(policy: scenario.policy).first { $0.audience == audience }
    }

    @Test("After an update, that audience's next is due one cadence later")
    func afterUpdate() {
        var scenario = Scenario.declared(.sev1)
        scenario.advance(.minutes(8))
        scenario.must(.postUpdate(audience: .executives, text: "Investigating checkout errors"))
        #expect(owed(scenario, .executives)?.nextDue == t0 + .minutes(8 + 15))
        #expect(owed(scenario, .executives)?.isInitial == false)
        scenario.must(.postUpdate(audience: .engineering, text: "Investigating checkout errors"))
        #expect(due(scenario) == t0 + .minutes(8 + 15))
        #expect(scenario.s.updateCountdown(policy: scenario.policy)?.isInitial == false)
    }

    @Test("Overdue is a state with its duration, and raises a critical alert")
    func overdue() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.advance(.minutes(33))
        let countdown = try #require(scenario.s.updateCountdown(policy: scenario.policy))
        #expect(countdown.timing(at: scenario.now) == .overdue(by: .minutes(3)))
        let alert = try #require(scenario.alerts().first { $0.subject == .statusUpdate })
        #expect(alert.level == .critical)
        #expect(alert.message == "Initial notification to engineering (and executives) — overdue by 3m")
    }

    @Test("An upgrade pulls the due time in: min(current due, change + new cadence)")
    func upgradePullsIn() {
        var scenario = Scenario.declared(.sev3) // due t0+2h
        scenario.advance(.minutes(10))
        scenario.must(.setSeverity(.sev1, reason: "outage spreading")) // t0+10m+15m
        #expect(due(scenario) == t0 + .minutes(25))
    }

    @Test("A downgrade keeps the earlier due time")
    func downgradeKeeps() {
        var scenario = Scenario.declared(.sev1) // due t0+10m
        scenario.advance(.minutes(2))
        scenario.must(.setSeverity(.sev3, reason: "contained to one region"))
        #expect(due(scenario) == t0 + .minutes(10))
        scenario.advance(.minutes(9))
        scenario.must(.postUpdate(audience: .engineering, text: "contained"))
        #expect(owed(scenario, .engineering)?.nextDue == t0 + .minutes(11) + .hours(2),
                "after the update the SEV3 cadence applies")
        #expect(due(scenario) == t0 + .minutes(10), "the executives were not updated: theirs is still due")
    }

    @Test("A backdated update counts from when it went out")
    func backdatedUpdate() {
        var scenario = Scenario.declared(.sev2)
        scenario.advance(.minutes(20))
        scenario.must(.postUpdate(audience: .engineering, text: "sent from the bridge"), at: t0 + .minutes(5))
        #expect(owed(scenario, .engineering)?.nextDue == t0 + .minutes(35))
    }

    @Test("The last update shown is the audience's latest sent, not the latest recorded; the first of two sent together")
    func lastPostedByTime() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.advance(.minutes(20))
        scenario.must(.postUpdate(audience: .executives, text: "at 20"))
        scenario.must(.postUpdate(audience: .executives, text: "backdated to 5"), at: t0 + .minutes(5))
        #expect(owed(scenario, .executives)?.lastPosted?.text == "at 20")
        scenario.must(.postUpdate(audience: .executives, text: "also at 20"), at: t0 + .minutes(20))
        #expect(owed(scenario, .executives)?.lastPosted?.text == "at 20")
        scenario.advance(.minutes(1))
        scenario.must(.postUpdate(audience: .engineering, text: "eng at 21"))
        #expect(owed(scenario, .executives)?.lastPosted?.text == "at 20", "another audience's update is not theirs")
        scenario.must(.postUpdate(audience: .executives, text: "at 21"))
        let last = try #require(owed(scenario, .executives)?.lastPosted)
        #expect(last.text == "at 21")
        #expect(last == scenario.s.updates.filter { $0.audience == .executives }.max { $0.at < $1.at },
                "the same as searching every update")
    }

    @Test("Once resolved, the cadence stops and the all-clear is owed to each audience until posted")
    func allClearWhenResolved() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.advance(.minutes(5))
        scenario.must(.postUpdate(audience: .customers, text: "we are looking into it"))
        scenario.advance(.minutes(5))
        scenario.must(.setStatus(.status(.resolved), reason: "false alarm", force: true))
        let owed = scenario.s.updateCountdowns(policy: scenario.policy)
        #expect(owed.map(\.audience) == [.engineering, .executives, .customers],
                "the configured audiences, and customers because they were told")
        #expect(owed.allSatisfy { $0.isAllClear && $0.nextDue == t0 + .minutes(10) + .minutes(15) })
        #expect(try #require(scenario.s.updateCountdown(policy: scenario.policy)).title == "All-clear to engineering")
        scenario.advance(.minutes(20))
        let alert = try #require(scenario.alerts().first { $0.subject == .statusUpdate })
        #expect(alert.message == "All-clear to engineering (and executives, customers) — overdue by 5m")
        scenario.must(.postUpdate(audience: .engineering, text: "resolved"))
        scenario.must(.postUpdate(audience: .customers, text: "resolved"))
        #expect(scenario.s.updateCountdowns(policy: scenario.policy).map(\.audience) == [.executives])
        scenario.must(.postUpdate(audience: .executives, text: "resolved"))
        #expect(scenario.s.updateCountdown(policy: scenario.policy) == nil, "nothing more is owed")
    }

    @Test("An update posted before the resolution is not the all-clear; closing ends what is owed")
    func allClearNeedsAPostAfterResolution() {
        var scenario = Scenario.declared(.sev3)
        scenario.must(.postUpdate(audience: .engineering, text: "fixing"))
        scenario.advance(.minutes(1))
        scenario.must(.setStatus(.status(.resolved), reason: "fixed", force: true))
        #expect(scenario.s.updateCountdowns(policy: scenario.policy).map(\.audience) == [.engineering, .executives])
        scenario.must(.setStatus(.status(.closed), reason: nil, force: false))
        #expect(scenario.s.updateCountdowns(policy: scenario.policy).isEmpty)
    }

    @Test("Posting to engineering does not restart the executives' clock")
    func audiencesHaveTheirOwnClocks() throws {
        var scenario = Scenario.declared(.sev2) // both due t0+30m
        scenario.advance(.minutes(25))
        scenario.must(.postUpdate(audience: .engineering, text: "still investigating"))
        #expect(owed(scenario, .engineering)?.nextDue == t0 + .minutes(55))
        #expect(owed(scenario, .executives)?.nextDue == t0 + .minutes(30))
        let next = try #require(scenario.s.updateCountdown(policy: scenario.policy))
        #expect(next.audience == .executives, "the most urgent is the executives' update")
        #expect(next.title == "Initial notification to executives")
        scenario.advance(.minutes(10))
        let alert = try #require(scenario.alerts().first { $0.subject == .statusUpdate })
        #expect(alert.message == "Initial notification to executives — overdue by 5m")
    }

    @Test("The policy says which audiences are owed updates and how often", arguments: [
        ([Audience.engineering: AudienceCadence.severity], [Audience.engineering], [TimeSpan.minutes(30)]),
        ([.engineering: .severity, .executives: .every(.hours(1))], [.engineering, .executives], [.minutes(30), .hours(1)]),
        ([.customers: .every(.minutes(45))], [.customers], [.minutes(45)]),
        ([:], [], []),
    ])
    func configuredAudiences(_ audiences: [Audience: AudienceCadence], _ expected: [Audience], _ first: [TimeSpan]) {
        var scenario = Scenario.declared(.sev2)
        scenario.policy.audiences = audiences
        let owed = scenario.s.updateCountdowns(policy: scenario.policy)
        #expect(owed.map(\.audience) == expected)
        #expect(owed.map { $0.nextDue - t0 } == first)
    }

    @Test("Countdown follows a team's own cadence")
    func customCadence() {
        var scenario = Scenario.declared(.sev2)
        scenario.policy.sev2.updateCadence = .minutes(20)
        #expect(due(scenario) == t0 + .minutes(20))
    }
}
