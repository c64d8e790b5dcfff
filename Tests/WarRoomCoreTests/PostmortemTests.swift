import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Post-mortem record")
struct PostmortemTests {
    @Test("Sections, impact, factors: the latest setting wins; impact figures merge")
    func sections() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.setPostmortemText(.summary, text: "first"))
        scenario.must(.setPostmortemText(.summary, text: "Checkout failed for 30% of users for 40 minutes."))
        scenario.must(.setPostmortemImpact(PostmortemImpact(usersAffected: "30%", supportTickets: 41)))
        scenario.must(.setPostmortemImpact(PostmortemImpact(revenue: "~$12k")))
        scenario.must(.setFactor(.immediate, text: "config v42 enabled payments.v2"))
        let pm = scenario.s.postmortem
        #expect(pm.texts[.summary] == "Checkout failed for 30% of users for 40 minutes.")
        #expect(pm.impact == PostmortemImpact(usersAffected: "30%", revenue: "~$12k", supportTickets: 41))
        #expect(pm.factors == [.immediate: "config v42 enabled payments.v2"])
        #expect(pm.lastAuthor == "alice")
    }

    @Test("The 5 whys append in order, and stop at five")
    func whys() {
        var scenario = Scenario.declared(.sev2)
        for n in 1...5 { scenario.must(.addWhy("answer \(n)")) }
        #expect(scenario.s.postmortem.whys == (1...5).map { "answer \($0)" })
        #expect(throws: CommandError.tooManyWhys) { try scenario.run(.addWhy("sixth")) }
    }

    @Test("Action items: numbered, done once, on time or overdue by their due day")
    func actionItems() throws {
        var scenario = Scenario.declared(.sev2)
        let due = try TimeExpression.date("2026-11-30", now: t0)
        scenario.must(.addActionItem(text: "Validate config in CI", owner: "platform", priority: .p1, due: due, fromEntry: nil))
        scenario.must(.addActionItem(text: "Canary config deploys", owner: "platform", priority: .p2, due: due, fromEntry: nil))
        let items = scenario.s.postmortem.actionItems
        #expect(items.map(\.number) == [1, 2])
        #expect(items[0].due.iso8601 == "2026-11-30T00:00:00Z")
        scenario.advance(.hours(24))
        scenario.must(.completeActionItem(number: 1))
        #expect(throws: CommandError.actionItemAlreadyDone(1)) { try scenario.run(.completeActionItem(number: 1)) }
        #expect(throws: CommandError.unknownActionItem(7, valid: [2])) { try scenario.run(.completeActionItem(number: 7)) }
        let done = scenario.s.postmortem.actionItems[0]
        #expect(done.isDone && done.doneOnTime)
        let open = scenario.s.postmortem.actionItems[1]
        #expect(!open.isOverdue(at: due + .hours(23)))
        #expect(open.isOverdue(at: due + .hours(24)), "overdue once its due day has ended")
        #expect(throws: CommandError.unknownPriority("P9")) { try ActionPriority.parse("P9") }
    }

    @Test("Timeline entries starting with TODO: are proposed action items until one is made from them")
    func proposed() throws {
        var scenario = Scenario.declared(.sev2)
        let todo = try #require(scenario.must(.log(Entry(kind: .note, text: "todo: add an alert on config drift"))).first)
        scenario.must(.log(Entry(kind: .note, text: "not a todo")))
        #expect(scenario.s.proposedActionItems.map(\.id) == [todo.id])
        scenario.must(.addActionItem(text: "Alert on config drift", owner: "sre", priority: .p2, due: t0, fromEntry: todo.id))
        #expect(scenario.s.proposedActionItems.isEmpty)
    }

    @Test("Post-mortem work and action items may still be recorded on a closed incident")
    func afterClose() {
        var scenario = Scenario.declared(.sev3)
        scenario.must(.addActionItem(text: "x", owner: "o", priority: .p3, due: t0, fromEntry: nil))
        scenario.must(.setStatus(.status(.resolved), reason: "fixed", force: true))
        scenario.must(.setPostmortemStatus(.final))
        scenario.must(.setStatus(.status(.closed), reason: nil, force: false))
        scenario.must(.completeActionItem(number: 1))
        scenario.must(.setPostmortemText(.lessons, text: "late lesson"))
        #expect(scenario.s.postmortem.actionItems[0].isDone)
    }

    @Test("Due dates: YYYY-MM-DD or +Nd", arguments: [("2026-12-01", "2026-12-01T00:00:00Z"), ("+3d", "2026-12-01T00:00:00Z")])
    func dates(_ text: String, _ expected: String) throws {
        #expect(try TimeExpression.date(text, now: t0) == Timestamp(iso8601: expected))
    }

    @Test("Bad due dates are refused", arguments: ["2026-13-01", "tomorrow", "2026-1-1", "+d"])
    func badDates(_ text: String) {
        #expect(throws: CommandError.invalidDate(text)) { try TimeExpression.date(text, now: t0) }
    }
}
