import Foundation
import Testing
@testable import WarRoomCLI
import WarRoomCore
@testable import WarRoomStore
import WarRoomTestSupport

/// CLI commands while the store's server cannot be reached: they queue what was typed and end
/// with exit status 75, and the next command that reaches the server delivers it.
@Suite("CLI offline")
struct CLIOfflineTests {
    let directory = NSTemporaryDirectory() + "warroom-cli-offline-\(UUID().uuidString.prefix(8))"
    var environment: [String: String] { ["XDG_STATE_HOME": directory + "/state", "HOME": directory] }
    func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }

    func session(_ store: MemoryEventStore, author: String = "carol", at minute: Int64 = 20) -> Session {
        Session(store: store, location: .postgreSQL(url: "postgresql://db.example/warroom"), author: author,
                now: t0 + .minutes(minute), environment: environment)
    }

    static let log = Command.log(Entry(kind: .note, text: "rolled back"))

    /// What `Recording.run` does, without printing.
    func run(_ session: Session, _ command: Command, incident: String? = nil) throws -> [StoredEvent] {
        try session.record(incident: try session.resolveIncident(incident), at: session.now, offline: command) { _ in command }.1
    }

    @Test("Offline, a command is queued with a clear message and exit status 75; the next command delivers it")
    func queueThenDeliver() throws {
        defer { cleanUp() }
        let store = MemoryEventStore(Scenario.declared(.sev2).events)
        _ = try session(store).resolveIncident(nil) // seen open once: remembered for offline commands
        store.unreachable = true
        let offline = session(store, at: 21)
        #expect {
            _ = try run(offline, Self.log)
        } throws: { error in
            guard let queued = error as? QueuedOffline else { return false }
            return queued.description.hasPrefix("server unreachable: queued #1 INC-1 14:21:00")
                && queued.description.contains("will be delivered by the next warroom command that reaches the server")
                && queued.description.contains("exit status 75")
        }
        #expect(QueuedOffline.exitCode == 75)
        #expect(store.stored["INC-1"]?.count == 1, "nothing written while down")
        store.unreachable = false
        // Another process, later: any command delivers first.
        let later = session(store, author: "dan", at: 30)
        let delivered = try #require(store.stored["INC-1"]?.last?.event)
        #expect(delivered.payload == .entry(Entry(kind: .note, text: "rolled back")))
        #expect(delivered.author == "carol" && delivered.at == t0 + .minutes(21) && delivered.recordedAt == t0 + .minutes(30))
        #expect(try Spool(stateDirectory: later.stateDirectory, store: store.identity).count() == 0)
    }

    @Test("Offline with no incident known here and no --incident: refused, nothing queued")
    func noIncidentKnown() throws {
        defer { cleanUp() }
        let store = MemoryEventStore(Scenario.declared(.sev2).events)
        store.unreachable = true
        let offline = session(store)
        #expect {
            _ = try run(offline, Self.log)
        } throws: { error in
            "\(error)".contains("name it with --incident") && "\(error)".contains("nothing was queued")
        }
        #expect(try Spool(stateDirectory: offline.stateDirectory, store: store.identity).count() == 0)
        // Named, it is queued.
        #expect(throws: QueuedOffline.self) { _ = try run(offline, Self.log, incident: "1") }
    }

    @Test("An append whose answer was lost is queued with its ids and delivered without a duplicate")
    func lostAnswer() throws {
        defer { cleanUp() }
        let store = MemoryEventStore(Scenario.declared(.sev2).events)
        store.answersLost = 1
        #expect(throws: QueuedOffline.self) { _ = try run(session(store), Self.log, incident: "INC-1") }
        #expect(store.stored["INC-1"]?.count == 2, "it did land")
        _ = session(store, at: 25)
        #expect(store.stored["INC-1"]?.count == 2, "and is not written again")
    }

    @Test("A declaration offline is queued and declared once by the next command, its IC with it")
    func declareOffline() throws {
        defer { cleanUp() }
        let store = MemoryEventStore([])
        store.unreachable = true
        #expect(throws: QueuedOffline.self) {
            _ = try session(store).declare(Declaration(title: "DB down", severity: .sev1), at: t0 + .minutes(20), commander: "carol")
        }
        store.unreachable = false
        _ = session(store, at: 22)
        let events = try #require(store.stored["INC-1"]).map(\.event)
        #expect(events.count == 2 && events[1].payload == .roleAssigned(RoleAssignment(role: .commander, person: "carol")))
    }

    @Test("A refusal on delivery is kept for its author and shown once (then gone)")
    func refusalKeptForAuthor() throws {
        defer { cleanUp() }
        let declared = Scenario.declared(.sev2)
        let store = MemoryEventStore(declared.events)
        let resolve = Command.setStatus(.status(.resolved), reason: "false positive", force: true)
        store.unreachable = true
        #expect(throws: QueuedOffline.self) { _ = try run(session(store), resolve, incident: "INC-1") }
        store.unreachable = false
        store.appendAsAnotherProcess(try Incident.record(resolve, incident: "INC-1", state: declared.s, author: "dan",
                                                         at: t0 + .minutes(21), now: t0 + .minutes(21), policy: .standard,
                                                         makeID: { testID(600) }))
        let dans = session(store, author: "dan", at: 25) // delivers; the refusal is carol's, kept for her
        let spool = try Spool(stateDirectory: dans.stateDirectory, store: store.identity)
        #expect(try spool.refusals().map(\.author) == ["carol"])
        _ = session(store, author: "carol", at: 26) // shows it to carol (on stderr)
        #expect(try spool.refusals().isEmpty)
    }

    @Test("Lines piped in (`log --each-line`) after one was queued queue behind it, even if the server answers again: order kept")
    func eachLineKeepsOrder() throws {
        defer { cleanUp() }
        let store = MemoryEventStore(Scenario.declared(.sev2).events)
        let session = session(store)
        var (state, last) = try session.load("INC-1")
        store.unreachable = true
        for (n, text) in ["one", "two", "three"].enumerated() {
            if n == 1 { store.unreachable = false } // back between lines: "two" must still not overtake "one"
            #expect(throws: QueuedOffline.self) {
                _ = try session.record(incident: "INC-1", state: &state, last: &last, at: session.now) { _ in
                    .log(Entry(kind: .note, text: text))
                }
            }
        }
        #expect(store.stored["INC-1"]?.count == 1)
        _ = self.session(store, at: 25)
        let texts = (store.stored["INC-1"] ?? []).dropFirst().compactMap { stored -> String? in
            if case .entry(let entry) = stored.event.payload { entry.text } else { nil }
        }
        #expect(texts == ["one", "two", "three"])
    }

    @Test("What is kept as typed never holds the store's URL (it may carry a password)",
          arguments: [["log", "--store", "postgresql://u:pw@db/w", "hi"], ["--store=postgresql://u:pw@db/w", "log", "hi"]])
    func typedLeavesStoreOut(arguments: [String]) {
        #expect(Session.typed(arguments) == "log hi")
    }
}

extension CLIOfflineTests {
    @Test("A store down when the command opens it: the stand-in queues the entry under that store's spool")
    func downAtOpen() throws {
        defer { cleanUp() }
        let store = MemoryEventStore(Scenario.declared(.sev2).events)
        let down = UnreachableStore(identity: store.identity, error: .unreachable(
            location: "memory", operation: "connecting", reason: "connection refused", mayHaveCommitted: false))
        let offline = Session(store: down, location: .postgreSQL(url: "postgresql://db.example/warroom"), author: "carol",
                              now: t0 + .minutes(20), environment: environment)
        #expect(throws: QueuedOffline.self) { _ = try run(offline, Self.log, incident: "INC-1") }
        _ = session(store, at: 22)
        #expect(store.stored["INC-1"]?.last?.event.payload == .entry(Entry(kind: .note, text: "rolled back")))
    }

    @Test("After a declaration is queued offline, an entry without --incident is refused, not sent to the incident open before")
    func declarationQueuedNeedsIncident() throws {
        defer { cleanUp() }
        let store = MemoryEventStore(Scenario.declared(.sev2).events)
        _ = try session(store).resolveIncident(nil) // yesterday's INC-1, still open: remembered
        store.unreachable = true
        let offline = session(store, at: 21)
        #expect(throws: QueuedOffline.self) {
            _ = try offline.declare(Declaration(title: "DB down", severity: .sev1), at: offline.now, commander: "carol")
        }
        // The same process, and the next one: neither guesses INC-1.
        for typing in [offline, session(store, at: 22)] {
            #expect {
                _ = try run(typing, Self.log)
            } throws: { error in
                "\(error)".contains("name the incident with --incident: a declaration is queued and has no id yet")
                    && "\(error)".contains("nothing was queued")
            }
        }
        let spool = try Spool(stateDirectory: offline.stateDirectory, store: store.identity)
        #expect(try spool.pending().map(\.incident) == [nil], "only the declaration is queued")
        #expect(try spool.rememberedOpenIncident() == nil, "the open incident of before is forgotten")
        // Named, an entry is queued for that incident.
        #expect(throws: QueuedOffline.self) { _ = try run(offline, Self.log, incident: "INC-1") }
        #expect(try spool.pending().map(\.incident) == [nil, "INC-1"])
    }

    @Test("A reachable store builds the command inside the write transaction, from the latest state, not the one read before")
    func commandBuiltFromLatestState() throws {
        defer { cleanUp() }
        let declared = Scenario.declared(.sev2)
        let store = MemoryEventStore(declared.events)
        let session = session(store)
        var (state, last) = try session.load("INC-1")
        // Between the read and the write, dan raises the severity from another machine.
        store.appendAsAnotherProcess(try Incident.record(.setSeverity(.sev1, reason: "worse"), incident: "INC-1",
                                                         state: declared.s, author: "dan", at: t0 + .minutes(19),
                                                         now: t0 + .minutes(19), policy: .standard, makeID: { testID(700) }))
        var seen: [Severity] = []
        let written = try session.record(incident: "INC-1", state: &state, last: &last, at: session.now) { current in
            seen.append(current.severity)
            return .log(Entry(kind: .note, text: "seen at \(current.severity.label)"))
        }
        #expect(seen == [.sev1], "built once, against dan's change")
        #expect(written.map(\.event.payload) == [.entry(Entry(kind: .note, text: "seen at SEV1"))])
        #expect(state.severity == .sev1 && last == 3)
    }

    @Test("An entry delivered 10 minutes after it was typed keeps its time, is recorded when delivered, and the incident exports and imports cleanly")
    func lateDeliveryKeepsRecordingOrder() throws {
        defer { cleanUp() }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let source = try SQLiteEventStore(path: directory + "/source.db")
        let location = StoreLocation.sqlite(path: directory + "/source.db")
        func at(_ minute: Int64, _ author: String = "dan") -> Session {
            Session(store: source, location: location, author: author, now: t0 + .minutes(minute), environment: environment)
        }
        let declaring = at(0)
        _ = try declaring.declare(Declaration(title: "DB down", severity: .sev2), at: declaring.now, commander: "dan")
        // carol's entry, typed at minute 10 while her link was down, waits in her spool.
        let typed = SpoolEntry(incident: "INC-1", knownSequence: 2, commands: [Self.log], author: "carol",
                               at: t0 + .minutes(10), recordedAt: t0 + .minutes(10), summary: "log rolled back")
        try Spool(stateDirectory: declaring.stateDirectory, store: source.identity).enqueue(typed)
        // Meanwhile dan records (his sessions deliver nothing: the spool is carol's, on her machine).
        for minute: Int64 in [12, 16, 19] {
            let dan = Session(store: source, location: location, author: "dan", now: t0 + .minutes(minute),
                              environment: ["XDG_STATE_HOME": directory + "/dan", "HOME": directory])
            _ = try dan.record(incident: "INC-1", at: dan.now) { _ in .log(Entry(kind: .note, text: "minute \(minute)")) }
        }
        _ = at(20, "carol") // her next command delivers
        let events = try source.events(of: "INC-1", after: 0).map(\.event)
        let delivered = try #require(events.first { $0.id == typed.firstID })
        #expect(delivered.at == t0 + .minutes(10), "the timeline shows when it was typed")
        #expect(delivered.recordedAt == t0 + .minutes(20), "recorded when the store received it")
        #expect(events.last?.id == typed.firstID)
        let fresh = try SQLiteEventStore(path: directory + "/fresh.db")
        let outcome = try StoreCopy.copy("INC-1", from: source, named: "source.db", to: fresh, now: t0 + .minutes(21))
        #expect(outcome.kind == .copied && outcome.added == events.count, "\(outcome.note ?? "")")
    }
}
