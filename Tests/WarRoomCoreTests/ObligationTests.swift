import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Obligations")
struct ObligationTests {
    func owed(_ scenario: Scenario) -> [ObligationKind] { scenario.s.obligations(policy: scenario.policy).map(\.kind) }

    @Test("SEV1: notify VP Eng + CTO immediately; overdue a moment later, discharged by the notification")
    func sev1Notify() throws {
        var scenario = Scenario.declared(.sev1)
        let obligation = try #require(scenario.s.obligations(policy: scenario.policy).first { $0.kind == .notifySev1 })
        #expect(obligation.title == "Notify VP Eng + CTO")
        #expect(obligation.deadline == t0)
        #expect(obligation.timing(at: t0) == .due(in: .zero))
        scenario.advance(.seconds(30))
        #expect(obligation.timing(at: scenario.now) == .overdue(by: .seconds(30)))
        #expect(scenario.alerts().contains { $0.subject == .obligation(.notifySev1) && $0.level == .critical })
        scenario.must(.notify(target: "vp eng and cto", kind: nil, tier: nil))
        #expect(!owed(scenario).contains(.notifySev1))
    }

    @Test("SEV2: notify the Eng Manager within 15 minutes")
    func sev2Notify() throws {
        var scenario = Scenario.declared(.sev2)
        let obligation = try #require(scenario.s.obligations(policy: scenario.policy).first { $0.kind == .notifySev2 })
        #expect(obligation.deadline == t0 + .minutes(15))
        scenario.advance(.minutes(14))
        #expect(!obligation.timing(at: scenario.now).isOverdue)
        scenario.advance(.minutes(2))
        #expect(obligation.timing(at: scenario.now) == .overdue(by: .minutes(1)))
        scenario.must(.notify(target: "Engineering Manager", kind: nil, tier: nil))
        #expect(!owed(scenario).contains(.notifySev2))
    }

    @Test("SEV3 and SEV4 owe no timed notification")
    func lowerLevels() {
        #expect(!owed(Scenario.declared(.sev3)).contains(.notifySev3))
        #expect(!owed(Scenario.declared(.sev4)).contains(.notifySev4))
    }

    @Test("An upgrade to SEV1 owes the SEV1 notification from the upgrade time")
    func upgradeOwes() throws {
        var scenario = Scenario.declared(.sev3)
        scenario.advance(.minutes(20))
        scenario.must(.setSeverity(.sev1, reason: "full outage"))
        let obligation = try #require(scenario.s.obligations(policy: scenario.policy).first { $0.kind == .notifySev1 })
        #expect(obligation.deadline == t0 + .minutes(20))
    }

    @Test("IC assigned within the level's response time",
          arguments: [(Severity.sev1, TimeSpan.minutes(5)), (.sev2, .minutes(15)), (.sev3, .hours(1)), (.sev4, .hours(24))])
    func commanderDeadline(_ level: Severity, _ response: TimeSpan) throws {
        var scenario = Scenario.declared(level)
        let obligation = try #require(scenario.s.obligations(policy: scenario.policy).first { $0.kind == .commanderAssigned })
        #expect(obligation.deadline == t0 + response)
        scenario.advance(response + .seconds(1))
        #expect(obligation.timing(at: scenario.now).isOverdue)
        scenario.must(.assignRole(.commander, person: "alice"))
        #expect(!owed(scenario).contains(.commanderAssigned))
    }

    @Test("No root cause after 30 min (SEV1): escalate to the next tier")
    func rootCauseSev1() throws {
        var scenario = Scenario.declared(.sev1)
        let obligation = try #require(scenario.s.obligations(policy: scenario.policy).first { $0.kind == .rootCauseEscalation })
        #expect(obligation.deadline == t0 + .minutes(30))
        scenario.advance(.minutes(31))
        #expect(scenario.alerts().contains { $0.subject == .obligation(.rootCauseEscalation) && $0.level == .critical })
        // Past the deadline, a notification to someone else is taken as the escalation.
        let events = scenario.must(.notify(target: "on-call secondary", kind: nil, tier: "tier 2"))
        guard case .notified(let record) = events.first?.payload else { Issue.record("not a notification"); return }
        #expect(record.kind == .escalation)
        #expect(record.obligation == .rootCauseEscalation)
        #expect(!owed(scenario).contains(.rootCauseEscalation))
    }

    @Test("No root cause after 2 h (SEV2); an identified root cause discharges it")
    func rootCauseSev2() throws {
        var scenario = Scenario.declared(.sev2)
        let obligation = try #require(scenario.s.obligations(policy: scenario.policy).first { $0.kind == .rootCauseEscalation })
        #expect(obligation.deadline == t0 + .hours(2))
        scenario.advance(.minutes(50))
        scenario.must(.setStatus(.status(.identified), reason: nil, force: false))
        #expect(!owed(scenario).contains(.rootCauseEscalation))
    }

    @Test("Before the root-cause deadline a plain notification is just a notification")
    func earlyNotification() {
        var scenario = Scenario.declared(.sev2)
        scenario.advance(.minutes(5))
        let events = scenario.must(.notify(target: "Support lead", kind: nil, tier: nil))
        guard case .notified(let record) = events.first?.payload else { Issue.record("not a notification"); return }
        #expect(record.obligation == nil)
        #expect(record.kind == .notification)
        #expect(owed(scenario).contains(.rootCauseEscalation))
    }

    @Test("Resolved and closed incidents owe no response obligations")
    func noneWhenResolved() {
        var scenario = Scenario.declared(.sev1)
        scenario.must(.setStatus(.status(.resolved), reason: "false alarm", force: true))
        #expect(!owed(scenario).contains(.notifySev1))
        #expect(!owed(scenario).contains(.commanderAssigned))
        #expect(owed(scenario) == [.postmortem])
    }

    @Test("The post-mortem is due 48 h after resolution until marked final")
    func postmortemDue() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.advance(.hours(1))
        scenario.must(.setStatus(.status(.resolved), reason: "fixed", force: true))
        let obligation = try #require(scenario.s.obligations(policy: scenario.policy).first { $0.kind == .postmortem })
        #expect(obligation.deadline == t0 + .hours(49))
        scenario.must(.setPostmortemStatus(.final))
        #expect(!owed(scenario).contains(.postmortem))
    }
}
