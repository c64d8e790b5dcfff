import Testing
import WarRoomTestSupport
@testable import WarRoomCore

@Suite("Paging: /page resolved by the schedule, acknowledged, escalated on the policy's timeouts")
struct PagingTests {
    static func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    static func schedule(_ name: String, _ people: [String]) -> OnCallSchedule {
        OnCallSchedule(name: name, zone: FixedZone(), rotation: .weekly, handoffHour: 10, handoffWeekday: 1,
                       members: people.map { OnCallSchedule.Member($0) }, start: at("2026-11-23T10:00:00Z"))
    }

    static let policy = [
        EscalationLevel(level: 1, target: "on-call-primary", timeout: .minutes(5)),
        EscalationLevel(level: 2, target: "on-call-secondary", timeout: .minutes(10)),
        EscalationLevel(level: 3, target: "engineering-manager", timeout: .minutes(15)),
        EscalationLevel(level: 4, target: "vp-engineering", timeout: .zero),
    ]

    static let roster = OnCallRoster([(schedule("backend-primary", ["alice", "bob", "carol", "dave"]), policy),
                                      (schedule("backend-secondary", ["erin", "frank", "grace", "heidi"]), [])], version: "test")

    static func declared() -> Scenario {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.assignRole(.commander, person: "zoe"))
        return scenario
    }

    static func page(_ words: String, _ scenario: inout Scenario) throws -> [Event] {
        let target = try roster.resolve(words, state: scenario.s, at: scenario.now)
        return try scenario.run(.page(target.record()))
    }

    @Test("Each level resolves to whoever its schedule has on call; a target naming no schedule is paged as named")
    func levels() {
        let now = Scenario.declared(.sev2).now
        #expect(Self.roster.target(Self.policy[0], at: now)?.person == "alice")
        #expect(Self.roster.target(Self.policy[1], at: now)?.person == "erin")
        #expect(Self.roster.target(Self.policy[1], at: now + .hours(24 * 7))?.person == "frank", "the next week's secondary")
        #expect(Self.roster.target(Self.policy[2], at: now)?.person == "engineering-manager")
        #expect(Self.roster.target(Self.policy[2], at: now)?.schedule == nil)
        #expect(Self.roster.target(Self.policy[2], at: now)?.description == "engineering-manager (level 3)", "its name once")
        #expect(Self.roster.target(Self.policy[1], at: now)?.description == "erin (level 2 on-call-secondary)")
        var named = Self.policy[1]
        named.target = "db-team"
        named.schedule = "backend-primary"
        #expect(Self.roster.target(named, at: now)?.person == "alice", "schedule: wins over the target's words")
    }

    @Test("What the words after /page name: the next tier, a level by number or word, a schedule, a person")
    func resolution() throws {
        let scenario = Self.declared()
        let state = scenario.s, now = scenario.now
        func person(_ words: String) throws -> String { try Self.roster.resolve(words, state: state, at: now).person }
        // zoe (IC) holds a role, and is on no schedule: the next tier is level 1, alice.
        #expect(try person("") == "alice")
        #expect(try person("next") == "alice")
        #expect(try person("2") == "erin")
        #expect(try person("level 2") == "erin")
        #expect(try person("L3") == "engineering-manager")
        #expect(try person("secondary") == "erin")
        #expect(try person("Secondary") == "erin")
        #expect(try person("manager") == "engineering-manager")
        #expect(try person("vp") == "vp-engineering")
        #expect(try person("backend-secondary") == "erin")
        #expect(try person("@carol") == "carol", "a person of a schedule, even off call")
        #expect(try Self.roster.resolve("carol", state: state, at: now).level == nil, "carol is on no level now")
        #expect(try Self.roster.resolve("erin", state: state, at: now).level?.level == 2)
    }

    @Test("A typo, a level that is not there, or words that name two levels are refused, saying what would do")
    func refusals() {
        let scenario = Self.declared()
        func refusal(_ words: String) -> String {
            do { _ = try Self.roster.resolve(words, state: scenario.s, at: scenario.now); return "" } catch { return error.message }
        }
        #expect(refusal("secondry").contains("did you mean 'secondary'?"))
        #expect(refusal("secondry").contains("/page! secondry records it as typed"))
        #expect(refusal("7").contains("no level 7"))
        #expect(refusal("7").contains("2 on-call-secondary (erin)"))
        #expect(refusal("engineering").contains("names 2 levels"), "engineering-manager and vp-engineering")
        #expect(refusal("bobby").contains("did you mean 'bob'?"))
    }

    @Test("The next tier skips people in the room and goes past the highest level paged; none once the policy is spent")
    func nextTier() throws {
        var scenario = Self.declared()
        scenario.must(.assignRole(.tech, person: "alice"))
        #expect(Self.roster.nextTier(scenario.s, at: scenario.now)?.person == "erin", "alice is in the room")
        _ = try Self.page("2", &scenario)
        #expect(Self.roster.nextTier(scenario.s, at: scenario.now)?.person == "engineering-manager")
        _ = try Self.page("4", &scenario)
        #expect(Self.roster.nextTier(scenario.s, at: scenario.now) == nil, "level 4 was paged")
        #expect(throws: OnCallRoster.Refusal.self) { try Self.roster.resolve("next", state: scenario.s, at: scenario.now) }
    }

    @Test("An unanswered page escalates on each level's timeout, one step at a time, with a pinned clock")
    func escalationChain() throws {
        var scenario = Self.declared()
        let first = try Self.page("1", &scenario)
        let paged = scenario.now
        #expect(Self.roster.dueEscalations(scenario.s, now: paged + .minutes(5) - .seconds(1)).isEmpty, "not before 5m")
        let pending = Self.roster.pendingEscalations(scenario.s)
        #expect(pending.map(\.due) == [paged + .minutes(5)])
        #expect(pending.first?.target.person == "erin")
        // A war room steps the clock and records each due escalation, as the model does.
        var recorded: [String] = []
        for _ in 0..<(60 * 60) {
            scenario.advance(.seconds(1))
            for step in Self.roster.dueEscalations(scenario.s, now: scenario.now) {
                _ = try scenario.run(.page(step.target.record(escalates: step.page.id)))
                recorded.append("\(step.target.person)@\((scenario.now - paged).compact)")
            }
        }
        #expect(recorded == ["erin@5m", "engineering-manager@15m", "vp-engineering@30m"])
        #expect(scenario.s.pages.count == 4)
        #expect(scenario.s.pages.first?.id == first.first?.id)
        #expect(scenario.s.pages.dropLast().allSatisfy { $0.escalatedBy != nil })
        #expect(Self.roster.pendingEscalations(scenario.s).isEmpty, "level 4 is the last")
        guard case .notification(let last)? = scenario.s.timeline.last?.detail else { Issue.record("no page row"); return }
        #expect(last.escalates != nil && last.level == 4 && last.person == "vp-engineering" && last.kind == .escalation)
    }

    @Test("An acknowledgement answers the whole chain, both ways; a second one, or an escalation after it, is refused")
    func acknowledgement() throws {
        var scenario = Self.declared()
        let first = try Self.page("1", &scenario)
        scenario.advance(.minutes(5))
        let step = try #require(Self.roster.dueEscalations(scenario.s, now: scenario.now).first)
        let second = try scenario.run(.page(step.target.record(escalates: step.page.id)))
        // Another war room's escalation of the same page, a moment later: refused.
        #expect(throws: CommandError.pageAlreadyEscalated) { try scenario.run(.page(step.target.record(escalates: step.page.id))) }
        scenario.advance(.minutes(2))
        // alice answers her page late: erin's page is answered too, and nothing escalates further.
        let ack = try scenario.run(.acknowledgePage(page: try #require(first.first?.id), person: "alice"))
        #expect(ack.count == 1)
        #expect(scenario.s.pages.allSatisfy { $0.acknowledged?.person == "alice" })
        #expect(Self.roster.pendingEscalations(scenario.s).isEmpty)
        #expect(throws: CommandError.pageAlreadyAcknowledged(person: "alice")) {
            try scenario.run(.acknowledgePage(page: try #require(second.first?.id), person: "erin"))
        }
        let number = scenario.s.timelineItem(for: first[0].id)?.number
        #expect(scenario.s.timeline.last?.detail == .pageAcknowledged(person: "alice", page: number, after: .minutes(7)))
        #expect(throws: CommandError.unknownPage) { try scenario.run(.acknowledgePage(page: testID(999), person: "x")) }
    }

    @Test("A resolved incident escalates nothing and shows no page waiting")
    func resolvedStops() throws {
        var scenario = Self.declared()
        _ = try Self.page("1", &scenario)
        scenario.must(.setStatus(.status(.mitigating), reason: nil, force: false))
        scenario.must(.setStatus(.status(.resolved), reason: "fixed", force: true))
        scenario.advance(.minutes(30))
        #expect(Self.roster.dueEscalations(scenario.s, now: scenario.now).isEmpty)
        #expect(Self.roster.alerts(scenario.s, now: scenario.now).isEmpty)
    }

    @Test("The strip says who is paged, how long ago, and whom the policy pages next and when")
    func alerts() throws {
        var scenario = Self.declared()
        _ = try Self.page("1", &scenario)
        scenario.advance(.minutes(2))
        let alert = try #require(Self.roster.alerts(scenario.s, now: scenario.now).first)
        #expect(alert.level == .warning)
        #expect(alert.message == "alice paged 2m ago, not acknowledged: erin (level 2 on-call-secondary) is paged in 3m (/ack when they answer)")
        _ = try Self.page("carol", &scenario)
        let carol = Self.roster.alerts(scenario.s, now: scenario.now).last
        #expect(carol?.level == .info, "carol is on no level: nothing escalates her page")
        #expect(carol?.message == "carol paged 0s ago, not acknowledged: /ack when they answer")
    }
}
