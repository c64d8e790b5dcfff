import Foundation
import Testing
import WarRoomCore
import WarRoomStore

@Suite struct WritingTests {
    @Test func sequencesAreGaplessAcrossAppends() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteEventStore(path: directory + "/warroom.db")
            let id = try declareIncident(store)
            var known: Int64 = 1
            for round in 0..<5 {
                let result = try store.append(to: id, knownSequence: known) { others in
                    #expect(others.isEmpty)
                    return (0...round).map { note(id, "round \(round) #\($0)") }
                }
                #expect(result.written == round + 1)
                #expect(result.events.map(\.sequence) == Array((known + 1)...(known + Int64(round) + 1)))
                known = result.events.last?.sequence ?? known
            }
            #expect(try store.events(of: id, after: 0).map(\.sequence) == Array(1...16))
            #expect(try store.incidents() == [IncidentRecord(id: id, lastSequence: 16)])
            #expect(try store.events(of: id, after: 14).map(\.sequence) == [15, 16])
            #expect(try store.events(of: id, after: 16).isEmpty)
        }
    }

    @Test func appendSeesOtherWritersEventsFirst() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            let a = try SQLiteEventStore(path: path)
            let b = try SQLiteEventStore(path: path)
            let id = try declareIncident(a)
            let theirs = note(id, "from b")
            _ = try b.append(to: id, knownSequence: 1) { _ in [theirs] }
            let mine = note(id, "from a")
            let result = try a.append(to: id, knownSequence: 1) { others in
                #expect(others.map(\.event) == [theirs])
                #expect(others.map(\.sequence) == [2])
                return [mine]
            }
            #expect(result.events == [StoredEvent(sequence: 2, event: theirs), StoredEvent(sequence: 3, event: mine)])
            #expect(result.written == 1)
        }
    }

    @Test func theSameEventIDIsStoredOnce() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteEventStore(path: directory + "/warroom.db")
            let id = try declareIncident(store)
            let event = note(id, "once")
            var written: [Int] = []
            for _ in 0..<3 {
                written.append(try store.append(to: id, knownSequence: 1) { _ in [event] }.written)
            }
            #expect(written == [1, 0, 0])
            // Twice in one batch, too; the duplicate takes no sequence number.
            let other = note(id, "twice")
            let result = try store.append(to: id, knownSequence: 2) { _ in [other, other, note(id)] }
            #expect(result.written == 2)
            let stored = try store.events(of: id, after: 0)
            #expect(stored.map(\.sequence) == [1, 2, 3, 4])
            #expect(stored.filter { $0.event.id == event.id }.count == 1)
            #expect(stored.filter { $0.event.id == other.id }.count == 1)
        }
    }

    @Test func declareNumbersIncidentsInOrder() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteEventStore(path: directory + "/warroom.db")
            let (first, firstEvents) = try store.declare { id in [declaration(id), note(id)] }
            let second = try declareIncident(store)
            #expect(first == "INC-1")
            #expect(second == "INC-2")
            #expect(firstEvents.map(\.sequence) == [1, 2])
            #expect(firstEvents.allSatisfy { $0.event.incident == "INC-1" })
            #expect(try store.incidents() == [IncidentRecord(id: "INC-1", lastSequence: 2),
                                              IncidentRecord(id: "INC-2", lastSequence: 1)])
        }
    }

    @Test func aRetriedDeclarationCreatesNoSecondIncident() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteEventStore(path: directory + "/warroom.db")
            let declarationID = UUID()
            let (first, _) = try store.declare { [declaration($0, id: declarationID)] }
            let (again, events) = try store.declare { [declaration($0, id: declarationID)] }
            #expect(first == "INC-1")
            #expect(again == "INC-1")
            #expect(events.map(\.sequence) == [1])
            #expect(try store.incidents().map(\.id) == ["INC-1"])
        }
    }

    @Test func appendingToAnUnknownIncidentFails() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            let store = try SQLiteEventStore(path: path)
            try declareIncident(store)
            var called = false
            #expect(throws: StoreError.unknownIncident(path: path, incident: "INC-9")) {
                _ = try store.append(to: "INC-9", knownSequence: 0) { _ in
                    called = true
                    return [note("INC-9")]
                }
            }
            #expect(!called)
            #expect(throws: StoreError.unknownIncident(path: path, incident: "INC-9")) {
                _ = try store.events(of: "INC-9", after: 0)
            }
            #expect(StoreError.unknownIncident(path: path, incident: "INC-9").description.contains("INC-9"))
        }
    }

    @Test func anEventForAnotherIncidentIsRefused() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            let store = try SQLiteEventStore(path: path)
            let one = try declareIncident(store)
            let two = try declareIncident(store)
            let stray = note(two)
            #expect(throws: StoreError.incidentMismatch(path: path, event: stray.id, expected: one, found: two)) {
                _ = try store.append(to: one, knownSequence: 1) { _ in [note(one), stray] }
            }
            #expect(try store.events(of: one, after: 0).count == 1)
        }
    }

    @Test func whenMakeEventsThrowsNothingIsWrittenAndTheErrorIsTheCallers() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteEventStore(path: directory + "/warroom.db")
            let id = try declareIncident(store)
            #expect(throws: CallerError()) {
                _ = try store.append(to: id, knownSequence: 1) { _ in throw CallerError() }
            }
            #expect(throws: CallerError()) {
                _ = try store.declare { _ in throw CallerError() }
            }
            #expect(try store.incidents() == [IncidentRecord(id: id, lastSequence: 1)])
            // The store is usable afterwards: no transaction was left open.
            #expect(try store.append(to: id, knownSequence: 1) { _ in [note(id)] }.written == 1)
            #expect(try declareIncident(store) == "INC-2")
        }
    }

    @Test("An incident starts with its declaration: no events, or another event first, creates nothing")
    func declareNeedsADeclaration() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            let store = try SQLiteEventStore(path: path)
            #expect(throws: StoreError.noDeclaration(path: path)) { _ = try store.declare { _ in [] } }
            #expect(throws: StoreError.noDeclaration(path: path)) { _ = try store.declare { id in [note(id), declaration(id)] } }
            #expect(try store.incidents().isEmpty)
            #expect(try declareIncident(store) == "INC-1", "no number was used up")
        }
    }

    @Test func theSchemaRefusesUpdateAndDelete() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            let store = try SQLiteEventStore(path: path)
            let id = try declareIncident(store)
            let before = try store.exportLines(of: id)
            for sql in ["UPDATE events SET author = 'mallory'", "DELETE FROM events"] {
                do {
                    try store.executeRawSQL(sql)
                    Issue.record("\(sql) succeeded")
                } catch {
                    #expect("\(error)".contains("events are append-only"))
                }
                // Another program's connection is refused too: the rule lives in the file.
                do {
                    try rawSQL(path, sql)
                    Issue.record("\(sql) succeeded")
                } catch {
                    #expect("\(error)".contains("events are append-only"))
                }
            }
            #expect(try store.exportLines(of: id) == before)
        }
    }

    @Test func anUndecodableBodyIsReportedWithItsSequence() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            let store = try SQLiteEventStore(path: path)
            let id = try declareIncident(store)
            _ = try store.append(to: id, knownSequence: 1) { _ in [note(id), note(id)] }
            try rawSQL(path, """
                DROP TRIGGER events_append_only_update;
                UPDATE events SET body = '{"id": 7}' WHERE seq = 2;
                """)
            do {
                _ = try store.events(of: id, after: 0)
                Issue.record("a damaged event decoded")
            } catch let error as StoreError {
                guard case .corruptEvent(let named, let incident, let sequence, _) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(named == path && incident == id && sequence == 2)
            }
            #expect(try store.events(of: id, after: 2).map(\.sequence) == [3])
        }
    }

    @Test func externalChangesAreDetectedAcrossInstances() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            let a = try SQLiteEventStore(path: path)
            let b = try SQLiteEventStore(path: path)
            #expect(try !a.hasExternalChanges())
            let id = try declareIncident(a)
            #expect(try !a.hasExternalChanges()) // its own writes are not external
            #expect(try b.hasExternalChanges())
            #expect(try !b.hasExternalChanges())
            _ = try b.append(to: id, knownSequence: 1) { _ in [note(id)] }
            #expect(try a.hasExternalChanges())
            #expect(try !a.hasExternalChanges())
        }
    }

    @Test func concurrentWritersNeverSeeBusyAndKeepSequencesGapless() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            let id = try declareIncident(try SQLiteEventStore(path: path))
            let failures = Failures()
            let perWriter = 60
            DispatchQueue.concurrentPerform(iterations: 2) { writer in
                do {
                    let store = try SQLiteEventStore(path: path)
                    var known: Int64 = 1
                    for n in 0..<perWriter {
                        let result = try store.append(to: id, knownSequence: known) { _ in
                            [note(id, "writer \(writer) #\(n)")]
                        }
                        known = result.events.last?.sequence ?? known
                    }
                } catch {
                    failures.add("\(error)")
                }
            }
            #expect(failures.all.isEmpty)
            let stored = try SQLiteEventStore(path: path).events(of: id, after: 0)
            #expect(stored.map(\.sequence) == Array(1...Int64(1 + 2 * perWriter)))
        }
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}

@Suite struct LargeIncidentTests {
    @Test func manyEventsLoadInOrderAndABadOneIsNamedBySequence() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            let store = try SQLiteEventStore(path: path)
            let events = [declaration("INC-1")] + (1..<5_000).map { note("INC-1", "n\($0)", offset: Int64($0)) }
            #expect(try store.importEvents(events) == 5_000)
            let loaded = try store.events(of: "INC-1", after: 0)
            #expect(loaded.map(\.event) == events)
            #expect(loaded.map(\.sequence) == Array(1...5_000))
            #expect(try store.events(of: "INC-1", after: 4_990).map(\.sequence) == Array(4_991...5_000))

            try rawSQL(path, """
                DROP TRIGGER events_append_only_update;
                UPDATE events SET body = 'not json' WHERE seq = 4321;
                """)
            #expect(throws: StoreError.self) { _ = try store.events(of: "INC-1", after: 0) }
            do {
                _ = try store.events(of: "INC-1", after: 0)
            } catch let StoreError.corruptEvent(named, incident, sequence, _) {
                #expect(named == path && incident == "INC-1" && sequence == 4321)
            }
        }
    }
}
