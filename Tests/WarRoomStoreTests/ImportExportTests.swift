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
}
