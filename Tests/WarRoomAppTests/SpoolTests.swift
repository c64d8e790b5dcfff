import Foundation
import Testing
import WarRoomCore
@testable import WarRoomStore
import WarRoomTestSupport
import WarRoomUI

/// The offline spool: a durable queue of what was typed while the store's server could not be
/// reached, delivered once it can, in order, each entry once.
@Suite("Spool")
struct SpoolTests {
    let directory = NSTemporaryDirectory() + "warroom-spool-\(UUID().uuidString.prefix(8))"
    var state: String { directory + "/state" }

    func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }

    /// When the tests deliver: after every entry they queue was typed.
    static let deliveredAt = t0 + .minutes(30)

    static let resolve = Command.setStatus(.status(.resolved), reason: "false positive", force: true)

    /// A store holding INC-1 (SEV2, declared at t0 by alice), and its state.
    func declaredStore() -> (MemoryEventStore, IncidentState) {
        let declared = Scenario.declared(.sev2)
        return (MemoryEventStore(declared.events), declared.s)
    }

    func entry(_ command: Command, at minute: Int64, by author: String = "carol", known: Int64 = 1,
               incident: IncidentID? = "INC-1") -> SpoolEntry {
        SpoolEntry(incident: incident, knownSequence: known, commands: [command], author: author,
                   at: t0 + .minutes(minute), recordedAt: t0 + .minutes(minute) + .seconds(5), summary: "\(command)")
    }

    static func log(_ text: String) -> Command { .log(Entry(kind: .note, text: text)) }

    @Test("The spool file is private (0600 in a 0700 directory), survives a reopen and keeps queue order")
    func fileIsPrivateAndDurable() throws {
        defer { cleanUp() }
        let (store, _) = declaredStore()
        let first = try Spool(stateDirectory: state, store: store.identity)
        let queued = [entry(Self.log("one"), at: 11), entry(Self.resolve, at: 12), entry(Self.log("three"), at: 13)]
        for item in queued { try first.enqueue(item) }
        var info = stat()
        #expect(stat(first.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(stat((first.path as NSString).deletingLastPathComponent, &info) == 0 && info.st_mode & 0o777 == 0o700)
        let reopened = try Spool(stateDirectory: state, store: store.identity)
        let read = try reopened.pending()
        #expect(read.map(\.commands) == queued.map(\.commands))
        #expect(read.map(\.firstID) == queued.map(\.firstID))
        #expect(read.map(\.at) == queued.map(\.at) && read.map(\.recordedAt) == queued.map(\.recordedAt))
        #expect(read.map(\.position) == read.map(\.position).sorted() && Set(read.map(\.position)).count == 3)
        #expect(try reopened.count() == 3)
    }

    @Test("Another store's spool is another file")
    func onePerStore() throws {
        defer { cleanUp() }
        let a = StoreIdentity(key: "/srv/a.db", name: "a.db"), b = StoreIdentity(key: "postgresql://db:5432/w", name: "w")
        #expect(Spool.path(stateDirectory: state, store: a) != Spool.path(stateDirectory: state, store: b))
        try Spool(stateDirectory: state, store: a).enqueue(entry(Self.log("for a"), at: 11))
        #expect(try Spool(stateDirectory: state, store: b).count() == 0)
    }

    @Test("A spool of a newer format is refused naming the file and its format, and left as it was")
    func newerFormatRefused() throws {
        defer { cleanUp() }
        let identity = StoreIdentity(key: "/srv/w.db", name: "w.db")
        let spool = try Spool(stateDirectory: state, store: identity)
        try spool.enqueue(entry(Self.log("kept"), at: 11))
        try spool.connection.execute("PRAGMA user_version = \(Spool.formatVersion + 1)", "test")
        let before = try Data(contentsOf: URL(fileURLWithPath: spool.path))
        #expect {
            _ = try Spool(stateDirectory: state, store: identity)
        } throws: { error in
            let text = "\(error)"
            return text.contains(spool.path) && text.contains("newer warroom")
                && text.contains("spool format \(Spool.formatVersion + 1)") && text.contains("left untouched")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: spool.path)) == before)
    }

    @Test("A damaged spool (not SQLite, truncated, another program's database) is refused with a message and kept",
          arguments: ["garbage", "truncated", "foreign"])
    func damagedRefusedAndKept(kind: String) throws {
        defer { cleanUp() }
        let identity = StoreIdentity(key: "/srv/w.db", name: "w.db")
        let path = Spool.path(stateDirectory: state, store: identity)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        switch kind {
        case "garbage": try Data("not a database at all\n".utf8).write(to: URL(fileURLWithPath: path))
        case "truncated": try Data("SQLite format 3\0".utf8 + [1, 2, 3]).write(to: URL(fileURLWithPath: path))
        default:
            _ = try SQLiteEventStore(path: path) // a warroom store: an SQLite file, but no spool
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            _ = try Spool(stateDirectory: state, store: identity)
        } throws: { error in
            let text = "\(error)"
            return text.contains(path) && (text.contains("kept as it is") || text.contains("left untouched"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("A command keeps its meaning through the spool's encoding, every case",
          arguments: [
            Command.declare(Declaration(title: "Checkout", severity: .sev1, summary: "s", service: "api",
                                        impactStartedAt: t0, detectedAt: t0 + .seconds(1))),
            .setSeverity(.sev3, reason: "contained"), .setSeverity(.sev1, reason: nil),
            .recordImpact(ImpactReport(usersAffectedPercent: 2.5, usersAffectedCount: 40, customerReported: true,
                                       payingAccounts: true, dataIntegrity: false, securityBreach: true, note: "n")),
            .assignRole(.scribe, person: "dan"), .log(Entry(kind: .action, text: "rolled back", tags: [.detection])),
            .amend(entry: testID(3), text: "v40"), .retract(entry: testID(3), reason: nil),
            .openHypothesis(text: "bad deploy", owner: "bob", timebox: TimeSpan(millis: 90_500)),
            .openHypothesis(text: "dns", owner: nil, timebox: nil),
            .decideHypothesis(number: 2, verdict: .extended, extendedBy: .minutes(10), note: "more", markIdentified: false),
            .notify(target: "VP Eng", kind: .escalation, tier: "2"), .notify(target: "EM", kind: nil, tier: nil),
            .setStatus(.reopen, reason: "came back", force: false), resolve,
            .postUpdate(audience: .executives, text: "mitigated"),
            .setPostmortemStatus(.final, forced: ["summary"]), .setPostmortemStatus(.review),
            .setPostmortemText(.summary, text: "t"), .setPostmortemImpact(PostmortemImpact(usersAffected: "3%", supportTickets: 4)),
            .setFactor(FactorLevel.allCases[0], text: "f"), .addWhy("why"),
            .addActionItem(text: "alerting", owner: "bob", priority: ActionPriority.allCases[0], due: t0 + .hours(48),
                           fromEntry: testID(9), force: true),
            .completeActionItem(number: 1), .setFacts(IncidentFacts(service: "db", impactStartedAt: t0, detectedAt: nil)),
            .editActionItem(number: 1, text: nil, owner: "eve", priority: nil, due: t0 + .hours(1), force: false),
            .setActionItemStatus(number: 2, status: .dropped, reason: "dup"), .amendWhy(number: 1, text: "w"),
            .useRunbook(RunbookUse(runbook: "checkout-rollback", action: .opened, lastTested: t0)),
            .useRunbook(RunbookUse(runbook: "db-failover", action: .linked)),
          ])
    func commandRoundTrip(command: Command) throws {
        let data = try JSONEncoder().encode([command])
        #expect(try JSONDecoder().decode([Command].self, from: data) == [command])
    }

    @Test("The spool's encoding is stable: a command stored by this version reads back after any refactor")
    func encodingIsPinned() throws {
        let stored = #"{"command":"setStatus","force":true,"reason":"false positive","status":"resolved"}"#
        #expect(try JSONDecoder().decode(Command.self, from: Data(stored.utf8)) == Self.resolve)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(Self.log("hi")), as: UTF8.self)
                == #"{"command":"log","entry":{"kind":"note","tags":[],"text":"hi"}}"#)
    }

    @Test("Delivery after the store is back: every entry once, in order, with its original time, author and ids")
    func deliversInOrder() throws {
        defer { cleanUp() }
        let (store, _) = declaredStore()
        store.unreachable = true
        let spool = try Spool(stateDirectory: state, store: store.identity)
        let queued = [entry(Self.log("one"), at: 11), entry(.setSeverity(.sev1, reason: "worse"), at: 12, by: "dan"),
                      entry(Self.log("three"), at: 13)]
        for item in queued { try spool.enqueue(item) }
        let offline = spool.deliver(to: store, policy: .standard, now: Self.deliveredAt)
        #expect(offline.offline && offline.delivered.isEmpty && offline.remaining == 3 && store.stored["INC-1"]?.count == 1)
        store.unreachable = false
        let report = spool.deliver(to: store, policy: .standard, now: Self.deliveredAt)
        #expect(report.delivered.map(\.entry.firstID) == queued.map(\.firstID) && report.remaining == 0 && report.stoppedBy == nil)
        let events = (store.stored["INC-1"] ?? []).dropFirst().map(\.event)
        #expect(events.map(\.id) == queued.map(\.firstID))
        #expect(events.map(\.author) == ["carol", "dan", "carol"])
        // Typed then, recorded when the store received it: recording times never go back.
        #expect(events.map(\.at) == queued.map(\.at) && events.map(\.recordedAt) == Array(repeating: Self.deliveredAt, count: 3))
        #expect(report.newEvents["INC-1"]?.map(\.event) == events)
        #expect(try spool.count() == 0)
        // Nothing left: a second pass writes nothing.
        let again = spool.deliver(to: store, policy: .standard, now: Self.deliveredAt)
        #expect(again.delivered.isEmpty && store.stored["INC-1"]?.count == 4)
    }

    @Test("An append that committed but lost its answer is neither duplicated nor refused when delivered",
          arguments: [SpoolTests.log("rolled back"), SpoolTests.resolve])
    func lostAnswerNotDuplicated(command: Command) throws {
        defer { cleanUp() }
        let (store, state0) = declaredStore()
        let spool = try Spool(stateDirectory: state, store: store.identity)
        let item = entry(command, at: 11)
        store.answersLost = 1
        // The first attempt, with the entry's ids, commits and then loses its answer: queued.
        #expect { try store.record(item, onto: state0, knownSequence: 1, policy: .standard, now: item.recordedAt) } throws: {
            ($0 as? StoreError)?.isUnreachable == true
        }
        try spool.enqueue(item)
        let stored = store.stored["INC-1"]?.count
        let report = spool.deliver(to: store, policy: .standard, now: Self.deliveredAt)
        #expect(report.refused.isEmpty, "a resolve that landed is not re-decided and refused as already resolved")
        #expect(report.delivered.map(\.entry.firstID) == [item.firstID])
        #expect(store.stored["INC-1"]?.count == stored, "nothing written twice")
        #expect(store.stored["INC-1"]?.filter { $0.event.id == item.firstID }.count == 1)
        #expect(try spool.count() == 0 && spool.refusals().isEmpty)
    }

    @Test("A declaration queued offline is delivered once, even when its first answer was lost")
    func declarationDeliveredOnce() throws {
        defer { cleanUp() }
        let store = MemoryEventStore([])
        let spool = try Spool(stateDirectory: state, store: store.identity)
        let item = SpoolEntry(incident: nil, knownSequence: 0,
                              commands: [.declare(Declaration(title: "DB down", severity: .sev1)),
                                         .assignRole(.commander, person: "carol")],
                              author: "carol", at: t0, recordedAt: t0, summary: "declare DB down")
        store.answersLost = 1
        #expect(throws: StoreError.self) { try store.declare(item, policy: .standard, now: item.recordedAt) }
        try spool.enqueue(item)
        let report = spool.deliver(to: store, policy: .standard, now: Self.deliveredAt)
        #expect(report.delivered.map(\.incident) == ["INC-1"] && store.stored.count == 1)
        #expect(store.stored["INC-1"]?.map(\.event.id) == [item.eventID(0), item.eventID(1)])
        #expect(item.eventID(0) == item.firstID && item.eventID(1) != item.firstID)
    }

    @Test("A queued command that is refused on delivery (someone resolved first) is kept with the reason, shown once")
    func conflictReported() throws {
        defer { cleanUp() }
        let (store, state0) = declaredStore()
        let spool = try Spool(stateDirectory: state, store: store.identity)
        let mine = entry(Self.resolve, at: 12)
        try spool.enqueue(mine)
        try spool.enqueue(entry(Self.log("after"), at: 13))
        // Meanwhile dan resolved from another machine.
        let dans = try Incident.record(Self.resolve, incident: "INC-1", state: state0, author: "dan", at: t0 + .minutes(11),
                                       now: t0 + .minutes(11), policy: .standard, makeID: { testID(500) })
        store.appendAsAnotherProcess(dans)
        let resolved = try #require(IncidentState.fold(dans, onto: state0))
        let expected: String
        do {
            _ = try Incident.decide(Self.resolve, state: resolved, at: mine.at, now: Self.deliveredAt, policy: .standard)
            Issue.record("resolving twice was not refused")
            return
        } catch { expected = error.description }
        let report = spool.deliver(to: store, policy: .standard, now: Self.deliveredAt)
        #expect(report.refused.map(\.reason) == [expected])
        #expect(report.delivered.count == 1, "the entry after it is still delivered")
        #expect(try spool.refusals().map(\.summary) == [mine.summary])
        #expect(try spool.takeRefusals(of: "someone else").isEmpty)
        let shown = try spool.takeRefusals(of: "carol")
        #expect(shown.count == 1 && shown[0].message.contains(mine.at.iso8601) && shown[0].message.contains(expected))
        #expect(try spool.refusals().isEmpty, "shown once, then gone")
    }

    static let lastingFailures: [StoreError] = [
        .encodingFailed(path: "memory", event: testID(1), reason: "not valid UTF-8"),
        .incidentMismatch(path: "memory", event: testID(2), expected: "INC-1", found: "INC-2"),
        .corruptEvent(path: "memory", incident: "INC-1", sequence: 1, reason: "truncated"),
        .readOnly(location: "memory", reason: "the role may only read"),
        .server(location: "memory", operation: "appending", code: "23514", message: "check constraint violated"),
    ]

    @Test("An entry the store refuses for a lasting reason moves to the refusals with the reason; those behind it are delivered",
          arguments: SpoolTests.lastingFailures)
    func lastingFailureDoesNotBlock(failure: StoreError) throws {
        defer { cleanUp() }
        let (store, _) = declaredStore()
        let spool = try Spool(stateDirectory: state, store: store.identity)
        let bad = entry(Self.log("bad"), at: 11), after = entry(Self.log("after"), at: 12)
        try spool.enqueue(bad)
        try spool.enqueue(after)
        store.appendErrors = [failure]
        let report = spool.deliver(to: store, policy: .standard, now: Self.deliveredAt)
        #expect(report.refused.map(\.id) == [bad.firstID] && report.refused.map(\.reason) == [failure.description])
        #expect(report.delivered.map(\.entry.firstID) == [after.firstID])
        #expect(!report.offline && report.stoppedBy == nil && report.remaining == 0)
        #expect(store.stored["INC-1"]?.last?.event.id == after.firstID)
        #expect(try spool.takeRefusals(of: "carol").map(\.message) == [
            "queued INC-1 entry of \(bad.at.iso8601) (\(bad.summary)) was not recorded: \(failure.description)",
        ])
    }

    @Test("An entry for an incident the store does not hold (a typo offline) is refused, not retried forever")
    func unknownIncidentRefused() throws {
        defer { cleanUp() }
        let (store, _) = declaredStore()
        let spool = try Spool(stateDirectory: state, store: store.identity)
        let typo = entry(Self.log("failover started"), at: 11, incident: "INC-99")
        let after = entry(Self.log("after"), at: 12)
        try spool.enqueue(typo)
        try spool.enqueue(after)
        let report = spool.deliver(to: store, policy: .standard, now: Self.deliveredAt)
        let expected = StoreError.unknownIncident(path: store.identity.name, incident: "INC-99").description
        #expect(report.refused.map(\.reason) == [expected] && report.refused.map(\.incident) == ["INC-99"])
        #expect(report.delivered.map(\.entry.firstID) == [after.firstID] && !report.offline && report.remaining == 0)
        #expect(try spool.count() == 0 && spool.refusals().map(\.id) == [typo.firstID])
    }

    @Test("Unreachable or busy: the entry is kept and delivery stops, to retry; only unreachable means offline",
          arguments: [StoreError.busy(path: "memory", seconds: 5),
                      .unreachable(location: "memory", operation: "appending", reason: "reset", mayHaveCommitted: false)])
    func passingFailureKeeps(failure: StoreError) throws {
        defer { cleanUp() }
        let (store, _) = declaredStore()
        let spool = try Spool(stateDirectory: state, store: store.identity)
        try spool.enqueue(entry(Self.log("one"), at: 11))
        try spool.enqueue(entry(Self.log("two"), at: 12))
        store.appendErrors = [failure]
        let report = spool.deliver(to: store, policy: .standard, now: Self.deliveredAt)
        #expect(report.offline == failure.isUnreachable && report.stoppedBy == failure.description)
        #expect(report.refused.isEmpty && report.delivered.isEmpty && report.remaining == 2)
        #expect(try spool.count() == 2 && spool.refusals().isEmpty)
    }

    @Test("A second process on the same state directory delivers what the first queued")
    func secondProcessDelivers() throws {
        defer { cleanUp() }
        let (store, _) = declaredStore()
        do {
            let first = try Spool(stateDirectory: state, store: store.identity)
            try first.enqueue(entry(Self.log("typed offline"), at: 11, known: 1))
        }
        let second = try Spool(stateDirectory: state, store: store.identity)
        let report = second.deliver(to: store, policy: .standard, now: Self.deliveredAt)
        #expect(report.delivered.count == 1 && store.stored["INC-1"]?.last?.event.payload == .entry(Entry(kind: .note, text: "typed offline")))
    }

    @Test("While one process delivers, another does not deliver the same spool at once")
    func oneDelivererAtATime() throws {
        defer { cleanUp() }
        let (store, _) = declaredStore()
        let spool = try Spool(stateDirectory: state, store: store.identity)
        try spool.enqueue(entry(Self.log("x"), at: 11))
        let lock = open(spool.path + ".lock", O_RDWR | O_CREAT, 0o600)
        defer { close(lock) }
        // flock locks belong to the open file description: this one stands for another process.
        #expect(flock(lock, LOCK_EX | LOCK_NB) == 0)
        let report = spool.deliver(to: store, policy: .standard, now: Self.deliveredAt)
        #expect(report.busyElsewhere && report.delivered.isEmpty && report.remaining == 1)
    }

    static let backoffTable: [(failures: Int, seconds: Int64)] = [
        (0, 0), (1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (6, 30), (7, 30), (100, 30), (Int.max, 30),
    ]

    @Test("Backoff: 1 s, 2 s, 4 s … doubling, capped at 30 s", arguments: SpoolTests.backoffTable)
    func backoff(failures: Int, seconds: Int64) {
        #expect(DeliveryBackoff.delay(afterFailures: failures) == .seconds(seconds))
    }
}
