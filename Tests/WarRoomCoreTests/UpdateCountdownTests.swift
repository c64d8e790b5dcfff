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

    @Test("After an update, the next is due one cadence later")
    func afterUpdate() {
        var scenario = Scenario.declared(.sev1)
        scenario.advance(.minutes(8))
        scenario.must(.postUpdate(audience: .executives, text: "Investigating checkout errors"))
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
        #expect(alert.message == "Initial notification — overdue by 3m")
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
        #expect(due(scenario) == t0 + .minutes(11) + .hours(2), "after the update the SEV3 cadence applies")
    }

    @Test("A backdated update counts from when it went out")
    func backdatedUpdate() {
        var scenario = Scenario.declared(.sev2)
        scenario.advance(.minutes(20))
        scenario.must(.postUpdate(audience: .engineering, text: "sent from the bridge"), at: t0 + .minutes(5))
        #expect(due(scenario) == t0 + .minutes(35))
    }

    @Test("The last update shown is the latest sent, not the latest recorded; the first of two sent together")
    func lastPostedByTime() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.advance(.minutes(20))
        scenario.must(.postUpdate(audience: .engineering, text: "at 20"))
        scenario.must(.postUpdate(audience: .customers, text: "backdated to 5"), at: t0 + .minutes(5))
        #expect(scenario.s.updateCountdown(policy: scenario.policy)?.lastPosted?.text == "at 20")
        scenario.must(.postUpdate(audience: .executives, text: "also at 20"), at: t0 + .minutes(20))
        #expect(scenario.s.updateCountdown(policy: scenario.policy)?.lastPosted?.text == "at 20")
        scenario.advance(.minutes(1))
        scenario.must(.postUpdate(audience: .executives, text: "at 21"))
        let last = try #require(scenario.s.updateCountdown(policy: scenario.policy)?.lastPosted)
        #expect(last.text == "at 21")
        #expect(last == scenario.s.updates.max { $0.at < $1.at }, "the same as searching every update")
    }

    @Test("No countdown once resolved")
    func stopsWhenResolved() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.setStatus(.status(.resolved), reason: "false alarm", force: true))
        #expect(scenario.s.updateCountdown(policy: scenario.policy) == nil)
    }

    @Test("Countdown follows a team's own cadence")
    func customCadence() {
        var scenario = Scenario.declared(.sev2)
        scenario.policy.sev2.updateCadence = .minutes(20)
        #expect(due(scenario) == t0 + .minutes(20))
    }
}
