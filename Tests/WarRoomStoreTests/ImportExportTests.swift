import Foundation
import Testing
import WarRoomCore
import WarRoomStore

@Suite struct ImportExportTests {
    /// Two incidents, interleaved as an export file might be.
    func batch() -> [Event] {
        [declaration("INC-3", title: "db down"), note("INC-3", "a", offset: 1),
         declaration("legacy-7", title: "old"), note("INC-3", "b", offset: 2),
         note("legacy-7", "c", offset: 3)]
    }

    @Test func importKeepsFileOrderAndIsIdempotent() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteEventStore(path: directory + "/warroom.db")
            let events = batch()
            #expect(try store.importEvents(events) == 5)
            #expect(try store.importEvents(events) == 0)
            #expect(try store.events(of: "INC-3", after: 0).map(\.event) == [events[0], events[1], events[3]])
            #expect(try store.events(of: "INC-3", after: 0).map(\.sequence) == [1, 2, 3])
            #expect(try store.events(of: "legacy-7", after: 0).map(\.event) == [events[2], events[4]])
            #expect(try store.incidents() == [IncidentRecord(id: "INC-3", lastSequence: 3),
                                              IncidentRecord(id: "legacy-7", lastSequence: 2)])
            // INC-3 kept its number and legacy-7 took the next one, so declaring continues after them.
            #expect(try declareIncident(store) == "INC-5")
            // A later export of the same incident adds only the new events, after the stored ones.
            let later = note("INC-3", "d", offset: 4)
            #expect(try store.importEvents(events + [later]) == 1)
            #expect(try store.events(of: "INC-3", after: 3).map(\.event) == [later])
        }
    }

    @Test func importIsAllOrNothing() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            let store = try SQLiteEventStore(path: path)
            // Make the third insert fail inside the transaction.
            try store.executeRawSQL("""
                CREATE TRIGGER test_refuse BEFORE INSERT ON events WHEN NEW.author = 'mallory'
                BEGIN SELECT RAISE(ABORT, 'refused by test'); END
                """)
            var events = batch()
            events[2].author = "mallory"
            do {
                _ = try store.importEvents(events)
                Issue.record("the import succeeded")
            } catch let error as StoreError {
                guard case .writeFailed(let named, _, _, let message) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(named == path && message.contains("refused by test"))
                #expect(error.description.hasSuffix("the transaction was rolled back, nothing was written"))
            }
            #expect(try store.incidents().isEmpty)
            #expect(throws: StoreError.unknownIncident(path: path, incident: "INC-3")) {
                _ = try store.events(of: "INC-3", after: 0)
            }
        }
    }

    @Test func exportLinesRoundTripThroughAFreshStore() throws {
        try withTemporaryDirectory { directory in
            let source = try SQLiteEventStore(path: directory + "/a.db")
            let id = try declareIncident(source, title: "paths / slashes & \"quotes\" ü")
            _ = try source.append(to: id, knownSequence: 1) { _ in [note(id, "https://example.com/x"), note(id, "y")] }
            let lines = try source.exportLines(of: id)
            #expect(lines.count == 3)
            #expect(lines[1].contains("https://example.com/x")) // slashes are not escaped
            #expect(lines.allSatisfy { !$0.contains("\n") })

            let decoder = JSONDecoder()
            let events = try lines.map { try decoder.decode(Event.self, from: Data($0.utf8)) }
            #expect(events == (try source.events(of: id, after: 0)).map(\.event))

            let target = try SQLiteEventStore(path: directory + "/b.db")
            #expect(try target.importEvents(events) == 3)
            #expect(try target.exportLines(of: id) == lines)
        }
    }
}
