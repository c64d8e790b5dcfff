import Testing
import Foundation
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

    // MARK: - Editing action items, their status, the 5 whys

    static func withItems() throws -> Scenario {
        var scenario = Scenario.declared(.sev2)
        let due = try TimeExpression.date("2026-11-30", now: t0)
        scenario.must(.addActionItem(text: "Validate config in CI", owner: "platform", priority: .p1, due: due, fromEntry: nil))
        scenario.must(.addActionItem(text: "Canary config deploys", owner: "platform", priority: .p2, due: due, fromEntry: nil))
        return scenario
    }

    @Test("An action item's text, owner, priority and due date can be edited; only what changes is recorded")
    func editActionItem() throws {
        var scenario = try Self.withItems()
        let due = try TimeExpression.date("2026-12-10", now: t0)
        let events = scenario.must(.editActionItem(number: 2, text: "Canary every config deploy", owner: "sre",
                                                   priority: .p1, due: due, force: false))
        #expect(events.map(\.payload) == [.actionItemUpdated(ActionItemUpdate(
            item: scenario.s.postmortem.actionItems[1].id, text: "Canary every config deploy", owner: "sre",
            priority: .p1, due: due))])
        let item = scenario.s.postmortem.actionItems[1]
        #expect(item.text == "Canary every config deploy" && item.owner == "sre" && item.priority == .p1)
        #expect(item.due.iso8601 == "2026-12-10T00:00:00Z")
        #expect(scenario.s.people.contains("sre"))
        // Only the owner changes: the event names only the owner.
        let owner = scenario.must(.editActionItem(number: 1, text: "Validate config in CI", owner: "alice", priority: .p1,
                                                  due: nil, force: false))
        #expect(owner.map(\.payload) == [.actionItemUpdated(ActionItemUpdate(item: scenario.s.postmortem.actionItems[0].id,
                                                                             owner: "alice"))])
        #expect(throws: CommandError.actionItemUnchanged(1)) {
            try scenario.run(.editActionItem(number: 1, text: nil, owner: "alice", priority: nil, due: nil, force: false))
        }
        #expect(throws: CommandError.emptyText(field: "action item's owner")) {
            try scenario.run(.editActionItem(number: 1, text: nil, owner: "  ", priority: nil, due: nil, force: false))
        }
        #expect(throws: CommandError.noSuchActionItem(3, count: 2)) {
            try scenario.run(.editActionItem(number: 3, text: "x", owner: nil, priority: nil, due: nil, force: false))
        }
        #expect(throws: CommandError.noSuchActionItem(0, count: 2)) {
            try scenario.run(.setActionItemStatus(number: 0, status: .done, reason: nil))
        }
    }

    @Test("A due date before today is refused, saying the date and today, unless forced")
    func pastDueDate() throws {
        var scenario = try Self.withItems()
        let yesterday = try TimeExpression.date("2026-11-27", now: t0)
        let error = CommandError.dueDateInPast(due: yesterday, today: t0.startOfDay)
        #expect(throws: error) {
            try scenario.run(.addActionItem(text: "x", owner: "o", priority: .p3, due: yesterday, fromEntry: nil))
        }
        #expect(throws: error) {
            try scenario.run(.editActionItem(number: 1, text: nil, owner: nil, priority: nil, due: yesterday, force: false))
        }
        #expect(error.description.contains("2026-11-27") && error.description.contains("today (2026-11-28")
                && error.description.contains("--force"))
        // Today is not in the past, whatever the hour.
        scenario.must(.addActionItem(text: "today", owner: "o", priority: .p3, due: t0.startOfDay, fromEntry: nil))
        scenario.must(.addActionItem(text: "late", owner: "o", priority: .p3, due: yesterday, fromEntry: nil, force: true))
        scenario.must(.editActionItem(number: 1, text: nil, owner: nil, priority: nil, due: yesterday, force: true))
        #expect(scenario.s.postmortem.actionItems.map(\.due.dateOnly) == ["2026-11-27", "2026-11-30", "2026-11-28", "2026-11-27"])
        // Not even --force records a due date no reader would take for one.
        let ancient = try TimeExpression.date("0001-01-01", now: t0)
        #expect(throws: CommandError.dueDateOutOfRange(due: ancient, latest: t0.startOfDay + .hours(24 * 3660))) {
            try scenario.run(.addActionItem(text: "x", owner: "o", priority: .p3, due: ancient, fromEntry: nil, force: true))
        }
        #expect(throws: CommandError.self) {
            try scenario.run(.editActionItem(number: 1, text: nil, owner: nil, priority: nil,
                                             due: try TimeExpression.date("9999-12-31", now: t0), force: true))
        }
    }

    @Test("Action items move between not started, in progress, done and dropped; dropping needs a reason")
    func actionItemStatus() throws {
        var scenario = try Self.withItems()
        scenario.must(.setActionItemStatus(number: 1, status: .inProgress, reason: nil))
        #expect(scenario.s.postmortem.actionItems[0].status == .inProgress)
        #expect(scenario.s.postmortem.actionItems[0].isOpen)
        #expect(throws: CommandError.actionItemAlreadyInStatus(1, .inProgress)) {
            try scenario.run(.setActionItemStatus(number: 1, status: .inProgress, reason: nil))
        }
        #expect(throws: CommandError.dropNeedsReason(2)) {
            try scenario.run(.setActionItemStatus(number: 2, status: .dropped, reason: "  "))
        }
        scenario.advance(.hours(96))
        #expect(scenario.s.postmortem.actionItems[0].isOverdue(at: scenario.now), "in progress and past due is overdue")
        scenario.must(.setActionItemStatus(number: 2, status: .dropped, reason: "superseded by INC-9:1"))
        let dropped = scenario.s.postmortem.actionItems[1]
        #expect(dropped.isDropped && !dropped.isOpen && !dropped.isDone && dropped.statusReason == "superseded by INC-9:1")
        #expect(!dropped.isOverdue(at: scenario.now), "a dropped item is never overdue")
        scenario.must(.setActionItemStatus(number: 1, status: .done, reason: nil))
        #expect(scenario.s.postmortem.actionItems[0].doneAt == scenario.now)
        #expect(throws: CommandError.actionItemAlreadyInStatus(1, .done)) {
            try scenario.run(.setActionItemStatus(number: 1, status: .done, reason: nil))
        }
        // Reopened: no longer done, and done again later counts from then.
        scenario.must(.setActionItemStatus(number: 1, status: .notStarted, reason: "the check is flaky"))
        #expect(scenario.s.postmortem.actionItems[0].doneAt == nil && scenario.s.postmortem.actionItems[0].isOpen)
        let reopened = ActionItemStatusChange(item: scenario.s.postmortem.actionItems[0].id, status: .notStarted, reason: "the check is flaky")
        #expect(scenario.s.timeline.last?.detail == .actionItemStatus(number: 1, reopened, text: "Validate config in CI"))
        // The old `actionItemDone` event still completes an item.
        scenario.must(.completeActionItem(number: 2))
        #expect(scenario.s.postmortem.actionItems[1].status == .done && scenario.s.postmortem.actionItems[1].statusReason == nil)
    }

    @Test("Edits and status changes of unknown items, and amendments of unwritten whys, are anomalies")
    func foldAnomalies() throws {
        let scenario = try Self.withItems()
        let stray: [EventPayload] = [
            .actionItemUpdated(ActionItemUpdate(item: testID(900), text: "x")),
            .actionItemStatusChanged(ActionItemStatusChange(item: testID(901), status: .done)),
            .whyAmended(WhyAmendment(number: 3, text: "x")),
            .whyAmended(WhyAmendment(number: Int.min, text: "x")),
        ]
        let events = stray.enumerated().map { index, payload in
            Event(id: testID(800 + index), incident: "INC-1", at: t0, recordedAt: t0, author: "x", payload: payload)
        }
        let state = try #require(IncidentState.fold(events, onto: scenario.s))
        #expect(state.anomalies.count == 4)
        #expect(state.postmortem.actionItems == scenario.s.postmortem.actionItems)
        #expect(state.postmortem.whys.isEmpty)
    }

    @Test("An answer of the 5 whys can be amended; the post-mortem uses the latest text")
    func amendWhy() {
        var scenario = Scenario.declared(.sev2)
        #expect(throws: CommandError.unknownWhy(1, count: 0)) { try scenario.run(.amendWhy(number: 1, text: "x")) }
        scenario.must(.addWhy("The pool was exhausted"))
        scenario.must(.addWhy("Deploy 4411 doubled connections"))
        scenario.must(.amendWhy(number: 1, text: "The connection pool was exhausted"))
        #expect(scenario.s.postmortem.whys == ["The connection pool was exhausted", "Deploy 4411 doubled connections"])
        #expect(throws: CommandError.unknownWhy(3, count: 2)) { try scenario.run(.amendWhy(number: 3, text: "x")) }
        #expect(throws: CommandError.whyUnchanged(2)) { try scenario.run(.amendWhy(number: 2, text: " Deploy 4411 doubled connections ")) }
        #expect(throws: CommandError.emptyText(field: "answer")) { try scenario.run(.amendWhy(number: 2, text: " ")) }
        for n in 3...5 { scenario.must(.addWhy("answer \(n)")) }
        scenario.must(.amendWhy(number: 5, text: "No review gate for pool settings"), at: t0)
        #expect(scenario.s.postmortem.whys.last == "No review gate for pool settings")
    }

    @Test("Edits, status changes and amendments may be recorded on a closed incident")
    func editsAfterClose() throws {
        var scenario = try Self.withItems()
        scenario.must(.addWhy("why"))
        scenario.must(.setStatus(.status(.resolved), reason: "fixed", force: true))
        scenario.must(.setPostmortemStatus(.final))
        scenario.must(.setStatus(.status(.closed), reason: nil, force: false))
        scenario.must(.editActionItem(number: 1, text: "new text", owner: nil, priority: nil, due: nil, force: false))
        scenario.must(.setActionItemStatus(number: 2, status: .dropped, reason: "not needed"))
        scenario.must(.amendWhy(number: 1, text: "better why"))
        #expect(scenario.s.status == .closed)
    }

    @Test("TODO proposals keep their number for the incident's life: adopting one does not renumber the rest")
    func stableTodoNumbers() throws {
        var scenario = Scenario.declared(.sev2)
        var ids: [UUID] = []
        for text in ["TODO: one", "TODO: two", "not a todo", "TODO: three", "TODO: four"] {
            ids.append(try #require(scenario.must(.log(Entry(kind: .note, text: text))).first).id)
        }
        let todos = [ids[0], ids[1], ids[3], ids[4]]
        #expect(scenario.s.todoProposals.map(\.number) == [1, 2, 3, 4])
        #expect(scenario.s.todoProposals.map(\.entry.id) == todos)
        // Adopt TODO 3 ("three"): TODO 4 is still number 4, and 3 shows as adopted.
        scenario.must(.addActionItem(text: "three", owner: "o", priority: .p2, due: t0, fromEntry: ids[3]))
        #expect(scenario.s.todoProposals.map(\.number) == [1, 2, 3, 4])
        #expect(scenario.s.todoProposals.map(\.adoptedAs) == [nil, nil, 1, nil])
        #expect(scenario.s.todoProposals[3].entry.text == "TODO: four")
        #expect(scenario.s.proposedActionItems.map(\.id) == [ids[0], ids[1], ids[4]])
        // A retraction, or an amendment that drops the TODO:, closes a proposal without renumbering.
        scenario.must(.retract(entry: ids[0], reason: "duplicate"))
        scenario.must(.amend(entry: ids[1], text: "done already"))
        #expect(scenario.s.todoProposals.map(\.number) == [1, 2, 3, 4])
        #expect(scenario.s.todoProposals.map(\.isOpen) == [false, false, false, true])
        // A TODO dated earlier than all of them, and an old entry amended into a TODO, come last:
        // numbers follow when an entry became a proposal, not where its row sorts.
        let early = try #require(scenario.must(.log(Entry(kind: .note, text: "TODO: found earlier")), at: t0 - .minutes(30)).first).id
        scenario.must(.amend(entry: ids[2], text: "TODO: now a todo"))
        #expect(scenario.s.todoProposals.map(\.entry.id) == todos + [early, ids[2]])
        #expect(scenario.s.todoProposals.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(scenario.s.todoProposals[3].entry.text == "TODO: four", "TODO 4 is still 'four'")
    }

    @Test("Closing without a final post-mortem says what its status is, never 'not started'")
    func closeMessage() {
        let none = CommandError.postmortemNotFinal(nil).description
        #expect(!none.contains("not started") && none.contains("no status yet") && none.contains("postmortem status final"))
        let draft = CommandError.postmortemNotFinal(.draft).description
        #expect(draft.contains("(it is draft)") && draft.contains("postmortem status final"))
    }

    @Test("Marking final records what was forced; any later status clears it")
    func forcedFinal() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.setPostmortemStatus(.final, forced: ["Executive Summary: [2-3 sentences]", " "]))
        #expect(scenario.s.postmortem.forcedFinal == ["Executive Summary: [2-3 sentences]"])
        #expect(scenario.s.timeline.last?.detail == .postmortemStatus(.final, forced: true))
        scenario.must(.setPostmortemStatus(.review, forced: ["ignored"]))
        #expect(scenario.s.postmortem.forcedFinal == nil)
        scenario.must(.setPostmortemStatus(.final))
        #expect(scenario.s.postmortem.forcedFinal == nil)
    }

    @Test("Random edits, moves and amendments, valid or not, and raw events with bogus ids never trap", arguments: Array(UInt64(1)...20))
    func randomActionItemHistories(_ seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        var scenario = try Self.withItems()
        let numbers = [Int.min, -1, 0, 1, 2, 3, 5, Int.max]
        let dues = [t0, t0 - .hours(48), t0 + .hours(24 * 3650), Timestamp(millis: Int64.min / 4), Timestamp(millis: 0)]
        for step in 0..<120 {
            let number = numbers.randomElement(using: &rng) ?? 1
            let command: Command
            switch Int.random(in: 0..<5, using: &rng) {
            case 0:
                command = .editActionItem(number: number, text: Bool.random(using: &rng) ? "t\(step)" : nil,
                                          owner: Bool.random(using: &rng) ? "o\(step % 3)" : nil,
                                          priority: ActionPriority.allCases.randomElement(using: &rng),
                                          due: Bool.random(using: &rng) ? dues.randomElement(using: &rng) : nil,
                                          force: Bool.random(using: &rng))
            case 1:
                command = .setActionItemStatus(number: number, status: ActionItemStatus.allCases.randomElement(using: &rng) ?? .done,
                                               reason: Bool.random(using: &rng) ? "r" : nil)
            case 2: command = .amendWhy(number: number, text: "w\(step)")
            case 3: command = .addWhy("why \(step)")
            default: command = .completeActionItem(number: number)
            }
            _ = try? scenario.run(command)
            let items = scenario.s.postmortem.actionItems
            #expect(items.allSatisfy { ($0.doneAt != nil) == ($0.status == .done) }, "seed \(seed) step \(step)")
            #expect(items.allSatisfy { $0.status != .dropped || $0.statusReason != nil })
            #expect(scenario.s.postmortem.whys.count <= 5)
        }
        #expect(scenario.s.anomalies.isEmpty, "decide never writes what the fold cannot apply")
    }
}
