import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Doubling floor")
struct DoublingFloorTests {
    /// Impact figures reported one after another from `start`, and the level they must end at.
    struct Walk: Sendable, CustomTestStringConvertible {
        var name: String
        var start: Severity
        var reports: [ImpactReport]
        var expected: Severity
        var testDescription: String { name }
    }

    static func counts(_ values: Int...) -> [ImpactReport] { values.map { ImpactReport(usersAffectedCount: $0) } }
    static func shares(_ values: Double...) -> [ImpactReport] { values.map { ImpactReport(usersAffectedPercent: $0) } }

    static let walks: [Walk] = [
        Walk(name: "1 → 2 → 4 → 8 users stays SEV4", start: .sev4, reports: counts(1, 2, 4, 8), expected: .sev4),
        Walk(name: "3 → 6 → 12 → 24 → 48 → 96 users stays SEV3", start: .sev3, reports: counts(3, 6, 12, 24, 48, 96),
             expected: .sev3),
        Walk(name: "50 → 100 users reaches the floor: one level", start: .sev3, reports: counts(50, 100), expected: .sev2),
        Walk(name: "1 → 2 → 200 users: one level, measured from the first", start: .sev4, reports: counts(1, 2, 200),
             expected: .sev3),
        Walk(name: "200 → 400 → 800 users: one level each time", start: .sev4, reports: counts(200, 400, 800),
             expected: .sev2),
        Walk(name: "0.1% → 0.2% → 0.4% → 0.8% stays SEV4", start: .sev4, reports: shares(0.1, 0.2, 0.4, 0.8), expected: .sev4),
        Walk(name: "0.5% → 1% reaches the floor: one level", start: .sev3, reports: shares(0.5, 1), expected: .sev2),
        Walk(name: "10% → 20% above the floor: one level", start: .sev3, reports: shares(10, 20), expected: .sev2),
        Walk(name: "0 → 500 users: nothing to double from", start: .sev3, reports: counts(0, 500), expected: .sev3),
    ]

    @Test("Scope doubling upgrades only at or above 1% or 100 users", arguments: walks)
    func walk(_ walk: Walk) {
        var scenario = Scenario.declared(walk.start)
        for report in walk.reports {
            scenario.advance(.minutes(1))
            scenario.must(.recordImpact(report))
        }
        #expect(scenario.s.severity == walk.expected)
    }

    @Test("The floor is the policy's", arguments: [(0, Severity.sev1), (5, .sev3), (1_000, .sev4)])
    func configurable(_ floor: Int, _ expected: Severity) {
        var scenario = Scenario.declared(.sev4)
        scenario.policy.doublingFloorUsers = floor
        for count in [1, 2, 4, 8] { scenario.must(.recordImpact(ImpactReport(usersAffectedCount: count))) }
        #expect(scenario.s.severity == expected)
    }

    @Test("A percent floor of zero lets any doubling count")
    func zeroPercentFloor() {
        var scenario = Scenario.declared(.sev4)
        scenario.policy.doublingFloorPercent = 0
        for share in [0.1, 0.2] { scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: share))) }
        #expect(scenario.s.severity == .sev3)
    }
}

@Suite("Post-mortem policy and false positives")
struct PostmortemPolicyTests {
    @Test("Which levels need a final post-mortem to close", arguments: [
        (Severity.sev1, true), (.sev2, true), (.sev3, false), (.sev4, false),
    ])
    func required(_ level: Severity, _ needed: Bool) {
        var scenario = Scenario.declared(level)
        scenario.must(.setStatus(.status(.resolved), reason: "fixed", force: true))
        #expect(scenario.s.obligations(policy: scenario.policy).contains { $0.kind == .postmortem } == needed)
        let closed = Result { () throws(CommandError) in try scenario.run(.setStatus(.status(.closed), reason: nil, force: false)) }
        if needed {
            #expect(throws: CommandError.postmortemNotFinal(nil)) { try closed.get() }
        } else {
            #expect((try? closed.get()) != nil)
            #expect(scenario.s.status == .closed)
        }
    }

    @Test("The most severe level reached decides: a SEV1 downgraded to SEV3 still needs one")
    func highestLevel() {
        var scenario = Scenario.declared(.sev1)
        scenario.must(.setSeverity(.sev3, reason: "contained"))
        scenario.must(.setStatus(.status(.resolved), reason: "fixed", force: true))
        #expect(scenario.s.highestSeverity == .sev1)
        #expect(throws: CommandError.postmortemNotFinal(nil)) {
            try scenario.run(.setStatus(.status(.closed), reason: nil, force: false))
        }
    }

    @Test("A team may require one for every level")
    func everyLevel() {
        var scenario = Scenario.declared(.sev4)
        scenario.policy.postmortemRequired = Set(Severity.allCases)
        scenario.must(.setStatus(.status(.resolved), reason: "fixed", force: true))
        #expect(throws: CommandError.postmortemNotFinal(nil)) {
            try scenario.run(.setStatus(.status(.closed), reason: nil, force: false))
        }
    }

    @Test("A forced false positive from investigating has no time to mitigate", arguments: [
        IncidentStatus.investigating,
    ])
    func falsePositive(_ from: IncidentStatus) {
        var scenario = Scenario.declared(.sev2)
        scenario.advance(.minutes(3))
        scenario.must(.setStatus(.status(.resolved), reason: "false positive", force: true))
        #expect(scenario.s.mitigatedAt == nil)
        #expect(scenario.s.metrics.timeToMitigate == nil)
        #expect(scenario.s.metrics.timeToResolve == .minutes(3))
    }

    @Test("Resolving from identified or mitigating counts as mitigated at resolution", arguments: [
        IncidentStatus.identified, .mitigating,
    ])
    func mitigatedAtResolution(_ from: IncidentStatus) {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.setStatus(.status(from), reason: nil, force: false))
        scenario.advance(.minutes(7))
        scenario.must(.setStatus(.status(.resolved), reason: "fixed", force: true))
        #expect(scenario.s.metrics.timeToMitigate == .minutes(7))
    }
}

@Suite("Notification matching")
struct NotifyMatchTests {
    @Test("A SEV2 notification clears 'Notify Eng Manager' whatever the wording", arguments: [
        "Eng Manager", "eng manager", "Eng Manager (erin) by phone", "EM", "em (erin)", "EM: erin, by Slack",
        "Engineering Manager", "the engineering manager, erin", "Manager, Eng", "eng-manager", "Eng Mgr",
        "ENG MANAGER!!!",
    ])
    func clears(_ target: String) {
        var scenario = Scenario.declared(.sev2)
        let events = scenario.must(.notify(target: target, kind: nil, tier: nil))
        guard case .notified(let record)? = events.first?.payload else { Issue.record("no notification"); return }
        #expect(record.obligation == .notifySev2)
        #expect(!scenario.s.obligations(policy: scenario.policy).contains { $0.kind == .notifySev2 })
    }

    @Test("Words that do not name the target clear nothing", arguments: [
        "erin", "Eng", "Manager", "VP Eng", "the on-call", "E M",
    ])
    func doesNotClear(_ target: String) {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.notify(target: target, kind: nil, tier: nil))
        #expect(scenario.s.obligations(policy: scenario.policy).contains { $0.kind == .notifySev2 })
    }

    @Test("SEV1 needs every word of 'VP Eng + CTO'", arguments: [
        ("VP Eng + CTO", true), ("vpe and cto", true), ("CTO, VP Engineering", true), ("VPE & CTO (paged)", true),
        ("VP Eng", false), ("CTO", false), ("VPE", false),
    ])
    func sev1(_ target: String, _ cleared: Bool) {
        var scenario = Scenario.declared(.sev1)
        scenario.must(.notify(target: target, kind: nil, tier: nil))
        #expect(scenario.s.isDischarged(.notifySev1) == cleared)
    }

    @Test("Remarks in parentheses are not words to match: 'Team lead (next standup)'")
    func remarks() {
        var scenario = Scenario.declared(.sev3)
        scenario.must(.notify(target: "team lead (dave)", kind: nil, tier: nil))
        #expect(scenario.s.isDischarged(.notifySev3))
    }

    @Test("The policy's aliases are the team's")
    func customAlias() {
        var scenario = Scenario.declared(.sev2)
        scenario.policy.notifyAliases["boss"] = "Eng Manager"
        scenario.must(.notify(target: "boss", kind: nil, tier: nil))
        #expect(scenario.s.isDischarged(.notifySev2))
        #expect(NotifyTarget.names("Eng Manager", in: "EM", policy: Policy.standard))
        var bare = Policy.standard
        bare.notifyAliases = [:]
        #expect(!NotifyTarget.names("Eng Manager", in: "EM", policy: bare))
    }

    @Test("A notification that clears nothing says what is still owed")
    func notice() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.advance(.minutes(5))
        let events = scenario.must(.notify(target: "erin", kind: nil, tier: nil))
        guard case .notified(let record)? = events.first?.payload else { Issue.record("no notification"); return }
        let notice = try #require(scenario.s.notificationNotice(for: record, policy: scenario.policy, now: scenario.now))
        #expect(notice.contains("'erin' cleared no obligation; still owed: Notify Eng Manager (due in 10m)"), "\(notice)")
        #expect(scenario.s.owedNotifications(policy: scenario.policy).map(\.kind) == [.notifySev2, .rootCauseEscalation])
        #expect(scenario.s.owedNotifyTargets(policy: scenario.policy) == ["Eng Manager"])
        let cleared = scenario.must(.notify(target: "EM", kind: nil, tier: nil))
        guard case .notified(let good)? = cleared.first?.payload else { Issue.record("no notification"); return }
        #expect(scenario.s.notificationNotice(for: good, policy: scenario.policy, now: scenario.now) == nil)
    }
}
