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
        #expect(delivered.author == "carol" && delivered.at == t0 + .minutes(21) && delivered.recordedAt == t0 + .minutes(21))
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
}
