import Testing
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI

/// `/page` and `/ack` in the war room with an on-call file, and the war room escalating an
/// unanswered page on the policy's timeouts.
@Suite("Input line: paging the next tier and acknowledging")
struct PageInputTests {
    static func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }
    static func schedule(_ name: String, _ people: [String]) -> OnCallSchedule {
        OnCallSchedule(name: name, zone: FixedZone(), rotation: .weekly, handoffHour: 10, handoffWeekday: 1,
                       members: people.map { OnCallSchedule.Member($0) }, start: at("2026-11-23T10:00:00Z"))
    }
    static let roster = OnCallRoster([
        (schedule("backend-primary", ["alice", "bob", "carol", "dave"]),
         [EscalationLevel(level: 1, target: "on-call-primary", timeout: .minutes(5)),
          EscalationLevel(level: 2, target: "on-call-secondary", timeout: .minutes(10), schedule: "backend-secondary"),
          EscalationLevel(level: 3, target: "engineering-manager", timeout: .zero)]),
        (schedule("backend-secondary", ["erin", "frank"]), []),
    ], version: "test")

    static func scenario() -> Scenario {
        var scenario = Scenario.declared(.sev1)
        scenario.must(.assignRole(.commander, person: "zoe"))
        return scenario
    }

    static func parse(_ line: String, _ scenario: Scenario, roster: OnCallRoster? = roster) throws -> Command? {
        guard case .record(let command, _) = try SlashCommands.parse(line, context: InputContext(state: scenario.s, now: scenario.now, onCall: roster))
        else { return nil }
        return command
    }

    @Test("/page names the next tier, a level, a schedule or a person through the file; without one, or with !, the words as typed", arguments: [
        ("/page", "alice", 1), ("/page next", "alice", 1), ("/page 2", "erin", 2), ("/page secondary", "erin", 2),
        ("/page level 3", "engineering-manager", 3), ("/page @bob", "bob", nil), ("/page backend-secondary", "erin", 2),
    ] as [(String, String, Int?)])
    func page(_ line: String, _ person: String, _ level: Int?) throws {
        let command = try Self.parse(line, Self.scenario())
        guard case .page(let record)? = command else { Issue.record("\(String(describing: command))"); return }
        #expect(record.person == person && record.level == level && record.kind == .escalation && record.escalates == nil)
    }

    @Test("Without an on-call file, and with /page!, the words are recorded as typed, paging nobody")
    func asTyped() throws {
        #expect(try Self.parse("/page DBA lead", Self.scenario(), roster: nil) == .notify(target: "DBA lead", kind: .escalation, tier: nil))
        #expect(try Self.parse("/page! secondry", Self.scenario()) == .notify(target: "secondry", kind: .escalation, tier: nil))
        #expect(throws: InputError.self) { try Self.parse("/page", Self.scenario(), roster: nil) }
    }

    @Test("A /page that names nobody is refused with the suggestion and the levels; nothing is recorded")
    func refused() {
        do {
            _ = try Self.parse("/page secondry", Self.scenario())
            Issue.record("recorded")
        } catch {
            let message = (error as? InputError)?.message ?? "\(error)"
            #expect(message.hasPrefix("/page: 'secondry' names no escalation level, schedule or person of the on-call file (did you mean 'secondary'?)"))
            #expect(message.contains("levels: 1 on-call-primary (alice), 2 on-call-secondary (erin), 3 engineering-manager"))
        }
    }

    @Test("/ack answers the one page waiting, #N, or the one to a person; refused when none or several wait")
    func acknowledge() throws {
        var scenario = Self.scenario()
        #expect(throws: InputError.self) { try Self.parse("/ack", scenario) }
        let alice = try scenario.run(.page(Self.roster.resolve("1", state: scenario.s, at: scenario.now).record()))
        #expect(try Self.parse("/ack", scenario) == .acknowledgePage(page: alice[0].id, person: "alice"))
        let carol = try scenario.run(.page(Self.roster.resolve("carol", state: scenario.s, at: scenario.now).record()))
        do {
            _ = try Self.parse("/ack", scenario)
            Issue.record("two pages wait")
        } catch {
            let message = (error as? InputError)?.message ?? "\(error)"
            #expect(message.contains("2 pages are waiting") && message.contains("carol"))
        }
        #expect(try Self.parse("/ack carol", scenario) == .acknowledgePage(page: carol[0].id, person: "carol"))
        let number = try #require(scenario.s.timelineItem(for: alice[0].id)?.number)
        #expect(try Self.parse("/ack #\(number) frank", scenario) == .acknowledgePage(page: alice[0].id, person: "frank"))
        #expect(throws: InputError.self) { try Self.parse("/ack #1", scenario) }
        #expect(throws: InputError.self) { try Self.parse("/ack karol", scenario) }
    }

    static func model(_ scenario: Scenario, readOnly: Bool = false) -> WarRoomModel {
        var model = WarRoomModel(incident: scenario.s, policy: .standard, now: scenario.now, author: "zoe", readOnly: readOnly, width: 120, height: 40)
        model.onCall = roster
        return model
    }

    static func escalations(_ effects: [Effect]) -> [NotificationRecord] {
        effects.compactMap { effect in
            if case .record(.page(let record), _, .escalation) = effect { return record }
            return nil
        }
    }

    @Test("The war room escalates an unanswered page at its level's timeout, once; a wall display leaves it to others")
    func escalates() throws {
        var scenario = Self.scenario()
        let page = try scenario.run(.page(Self.roster.resolve("1", state: scenario.s, at: scenario.now).record()))
        var model = Self.model(scenario)
        #expect(Self.escalations(model.update(.tick(scenario.now + .minutes(5) - .seconds(1)))).isEmpty)
        let effects = model.update(.tick(scenario.now + .minutes(5)))
        let records = Self.escalations(effects)
        #expect(records.map(\.person) == ["erin"] && records.first?.escalates == page[0].id && records.first?.level == 2)
        #expect(model.notice?.text == "No acknowledgement from alice in 5m: paging erin (level 2 on-call-secondary)")
        #expect(Self.escalations(model.update(.tick(scenario.now + .minutes(6)))).isEmpty, "asked once while the record is on its way")
        // Another war room got there first: its refusal is expected and says nothing.
        _ = model.update(.recordFailed("not recorded: " + CommandError.pageAlreadyEscalated.description,
                                       source: .escalation(page: page[0].id, text: "x")))
        #expect(model.notice?.text.contains("not recorded") != true)
        var wall = Self.model(scenario, readOnly: true)
        #expect(Self.escalations(wall.update(.tick(scenario.now + .minutes(30)))).isEmpty)
        var answered = scenario
        _ = try answered.run(.acknowledgePage(page: page[0].id, person: "alice"))
        var calm = Self.model(answered)
        #expect(Self.escalations(calm.update(.tick(scenario.now + .minutes(30)))).isEmpty, "answered: nobody else is woken")
    }

    @Test("An escalation the store refuses is tried again after 5 s, then 10 s, 20 s …, not every tick")
    func escalationBackoff() throws {
        var scenario = Self.scenario()
        let page = try scenario.run(.page(Self.roster.resolve("1", state: scenario.s, at: scenario.now).record()))
        var model = Self.model(scenario)
        var at = scenario.now + .minutes(5)
        #expect(Self.escalations(model.update(.tick(at))).count == 1)
        var asked: [Int64] = []
        // The store fails every try; a tick each second for three minutes.
        for _ in 0..<180 {
            if !Self.escalations(model.update(.tick(at))).isEmpty { asked.append((at - scenario.now - .minutes(5)).millis / 1000) }
            if model.escalationsAsked.contains(page[0].id) {
                _ = model.update(.recordFailed("not recorded: disk I/O error", source: .escalation(page: page[0].id, text: "the escalation")))
            }
            at = at + .seconds(1)
        }
        // Failed at 0 s (asked by the first tick); tried again 5, 10, 20, 40, 80 s after each failure.
        #expect(asked == [5, 15, 35, 75, 155], "\(asked)")
        #expect(model.notice?.text == "not recorded: disk I/O error — the escalation was not recorded; retrying in 2m")
        #expect(EscalationRetry.wait(after: 1) == .seconds(5) && EscalationRetry.wait(after: 6) == .seconds(120)
                && EscalationRetry.wait(after: 60) == .seconds(120))
    }

    @Test("The strip names the page waiting and whom the policy pages next; the escalation owed names the next tier")
    func strip() throws {
        var scenario = Self.scenario()
        _ = try scenario.run(.page(Self.roster.resolve("1", state: scenario.s, at: scenario.now).record()))
        var model = Self.model(scenario)
        _ = model.update(.tick(scenario.now + .minutes(2)))
        #expect(model.alerts.contains { $0.message == "alice paged 2m ago, not acknowledged: erin (level 2 on-call-secondary) is paged in 3m (/ack when they answer)" })
        // SEV1: no root cause after 30m owes an escalation; it names who the next tier is.
        var late = Self.model(Self.scenario())
        _ = late.update(.tick(scenario.now + .minutes(31)))
        let owed = late.alerts.first { $0.subject == .obligation(.rootCauseEscalation) }
        #expect(owed?.message.hasSuffix(": /page pages alice (level 1 on-call-primary)") == true, "\(String(describing: owed?.message))")
    }

    @Test("A page typed says to /ack and when the next level is paged; the war room's own escalation keeps its notice")
    func notices() throws {
        var scenario = Self.scenario()
        var model = Self.model(scenario)
        let page = try scenario.run(.page(Self.roster.resolve("1", state: scenario.s, at: scenario.now).record()), by: "zoe")
        _ = model.update(.recorded(page, source: .line("/page")))
        #expect(model.notice?.text == "Paged alice: /ack when they answer; erin (level 2 on-call-secondary) is paged at \((scenario.now + .minutes(5)).clockTime) if nobody does")
        scenario.advance(.minutes(5))
        let effects = model.update(.tick(scenario.now))
        guard case .record(let command, _, _)? = effects.first(where: { if case .record = $0 { true } else { false } }) else {
            Issue.record("no escalation")
            return
        }
        let escalation = try scenario.run(command, by: "zoe")
        _ = model.update(.recorded(escalation, source: .escalation(page: page[0].id, text: "x")))
        #expect(model.notice?.text == "No acknowledgement from alice in 5m: paging erin (level 2 on-call-secondary)")
    }
}
