import Foundation
import Testing
import WarRoomCore
import WarRoomStore

@Suite struct WritingTests {
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
