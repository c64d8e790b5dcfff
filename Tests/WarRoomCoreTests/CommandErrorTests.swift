import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Invalid commands")
struct CommandErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let command: Command
        let error: CommandError
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "same severity", command: .setSeverity(.sev2, reason: nil), error: .sameSeverity(.sev2),
             message: "the incident is already SEV2"),
        Case(name: "downgrade without reason", command: .setSeverity(.sev3, reason: "  "),
             error: .downgradeNeedsReason(from: .sev2, to: .sev3), message: "a downgrade from SEV2 to SEV3 needs a reason"),
        Case(name: "empty entry", command: .log(Entry(kind: .note, text: " \n ")), error: .emptyText(field: "entry"),
             message: "the entry is empty: write some text"),
        Case(name: "percent over 100", command: .recordImpact(ImpactReport(usersAffectedPercent: 130)),
             error: .invalidPercent(130), message: "users affected must be a share from 0 to 100%, not 130.0"),
        Case(name: "infinite percent", command: .recordImpact(ImpactReport(usersAffectedPercent: .infinity)),
             error: .invalidPercent(.infinity), message: "users affected must be a share from 0 to 100%, not inf"),
        Case(name: "negative count", command: .recordImpact(ImpactReport(usersAffectedCount: -3)),
             error: .invalidCount(-3), message: "users affected must be a count of 0 or more, not -3"),
        Case(name: "empty impact", command: .recordImpact(ImpactReport()), error: .emptyImpact,
             message: "the impact report says nothing: give users affected or a flag"),
        Case(name: "empty role holder", command: .assignRole(.commander, person: ""), error: .emptyText(field: "person's name"),
             message: "the person's name is empty: write some text"),
        Case(name: "second declaration", command: .declare(Declaration(title: "again", severity: .sev1)),
             error: .alreadyDeclared("INC-1"), message: "incident INC-1 is already declared"),
        Case(name: "same status", command: .setStatus(.reopen, reason: nil, force: false), error: .alreadyInvestigating,
             message: "the incident is already investigating: there is nothing to reopen"),
        Case(name: "closing while investigating", command: .setStatus(.status(.closed), reason: nil, force: false),
             error: .invalidTransition(from: .investigating, to: .closed,
                                       allowed: [.identified, .mitigating, .monitoring, .resolved]),
             message: "cannot go from investigating to closed: from investigating use identified, mitigating, monitoring, resolved"),
        Case(name: "empty notification target", command: .notify(target: " ", kind: nil, tier: nil),
             error: .emptyText(field: "notification target"), message: "the notification target is empty: write some text"),
    ]

    @Test("Refused with a message that names the problem; state unchanged", arguments: cases)
    func refused(_ c: Case) {
        var scenario = Scenario.declared(.sev2)
        let before = scenario.state
        #expect(throws: c.error) { try scenario.run(c.command) }
        #expect(c.error.description == c.message)
        #expect(scenario.state == before)
        #expect(scenario.events.count == 1)
    }

    @Test("A NaN share of users is refused (NaN equals nothing, so the message is what is compared)")
    func nanPercent() {
        var scenario = Scenario.declared(.sev2)
        let before = scenario.state
        do {
            try scenario.run(.recordImpact(ImpactReport(usersAffectedPercent: .nan)))
            Issue.record("a NaN share was recorded")
        } catch {
            #expect(error.description == "users affected must be a share from 0 to 100%, not nan")
        }
        #expect(scenario.state == before)
        #expect(scenario.events.count == 1)
    }

    @Test("Nothing but a declaration without an incident")
    func noIncident() {
        var scenario = Scenario()
        #expect(throws: CommandError.noIncident) { try scenario.run(.log(Entry(kind: .note, text: "hello"))) }
    }

    @Test("A time in the future is refused")
    func future() {
        var scenario = Scenario.declared(.sev2)
        #expect(throws: CommandError.futureTime(at: t0 + .minutes(1), now: t0)) {
            try scenario.run(.log(Entry(kind: .note, text: "later")), at: t0 + .minutes(1))
        }
    }

    @Test("Severity, status and updates cannot be dated before the declaration; entries can",
          arguments: [
              (Command.setSeverity(.sev1, reason: nil), "a severity change", "declare with the right severity, or date the change"),
              (.setStatus(.status(.mitigating), reason: nil, force: false), "a status change", "date it"),
              (.postUpdate(audience: .engineering, text: "looking"), "a status update", "date it"),
          ])
    func beforeDeclaration(_ command: Command, _ what: String, _ instead: String) throws {
        var scenario = Scenario.declared(.sev2)
        scenario.advance(.minutes(10))
        let before = scenario.state
        let early = t0 - .minutes(3)
        let message = "times out of order: \(what) at 2026-11-28T13:57:00Z is before the declaration at "
            + "2026-11-28T14:00:00Z: \(instead) at or after the declaration"
        #expect(throws: CommandError.timesOutOfOrder(String(message.dropFirst("times out of order: ".count)))) {
            try scenario.run(command, at: early)
        }
        #expect(scenario.state == before)
        _ = try scenario.run(command, at: t0) // at the declaration itself: accepted
        _ = try scenario.run(.log(Entry(kind: .finding, text: "alert fired")), at: early)
    }

    @Test("An impact report dated before the declaration may not raise the severity; one that does not is kept")
    func impactBeforeDeclaration() throws {
        var scenario = Scenario.declared(.sev3)
        scenario.advance(.minutes(10))
        let early = t0 - .minutes(3)
        #expect(throws: CommandError.timesOutOfOrder("an impact report that raises the severity to SEV1 at "
            + "2026-11-28T13:57:00Z is before the declaration at 2026-11-28T14:00:00Z: date it at or after the declaration")) {
            try scenario.run(.recordImpact(ImpactReport(dataIntegrity: true)), at: early)
        }
        #expect(scenario.s.severity == .sev3)
        let kept = try scenario.run(.recordImpact(ImpactReport(usersAffectedPercent: 1)), at: early)
        #expect(kept.count == 1, "no upgrade: recorded as dated")
        _ = try scenario.run(.recordImpact(ImpactReport(dataIntegrity: true)), at: t0)
        #expect(scenario.s.severity == .sev1)
    }

    @Test("An author is required")
    func author() {
        var scenario = Scenario.declared(.sev2)
        #expect(throws: CommandError.emptyText(field: "author")) {
            try scenario.run(.log(Entry(kind: .note, text: "x")), by: "  ")
        }
    }

    @Test("Entry kinds", arguments: EntryKind.allCases)
    func entryKinds(_ kind: EntryKind) throws {
        #expect(try EntryKind.parse(kind.rawValue.uppercased()) == kind)
        #expect(throws: CommandError.unknownEntryKind("rant")) { try EntryKind.parse("rant") }
    }
}
