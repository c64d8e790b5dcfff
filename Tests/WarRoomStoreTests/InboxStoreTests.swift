import Foundation
import Testing
import WarRoomCore
@testable import WarRoomStore

/// The proposal inbox as a store keeps it: append-only, ids never stored twice, sequences in
/// order under racing writers, and a schema-1 store (before the inbox) migrated on opening.
@Suite struct InboxStoreTests {
    static let t0 = Timestamp(iso8601: "2026-11-28T14:00:00Z")!

    static func opening(_ number: Int, id: UUID = UUID()) -> InboxEvent {
        let entry = Entry(kind: .finding, text: "Alert firing: A\(number)", tags: [.detection],
                          alert: AlertSource(key: "k\(number)", format: "alertmanager", startsAt: t0))
        return InboxEvent(id: id, at: t0, recordedAt: t0, author: "alerts", payload: .opened(ProposalOpening(
            number: number, title: "A\(number) on s", severity: .sev3, service: "s",
            alert: ProposalAlert(name: "A\(number)", firing: true, at: t0, entry: entry))))
    }

    @Test("Appends get the next sequence, see what others wrote meanwhile, and skip an id already stored", arguments: StoreBackend.all)
    func appendAndRead(_ backend: StoreBackend) throws {
        try backend.withStore { store, location in
            let first = Self.opening(1)
            let written = try store.appendInbox(knownSequence: 0) { newer in
                #expect(newer.isEmpty)
                return [first]
            }
            #expect(written.written == 1 && written.read.last == 1)
            let other = try location.open()
            _ = try other.appendInbox(knownSequence: 1) { _ in [Self.opening(2)] }
            let again = try store.appendInbox(knownSequence: 1) { newer in
                #expect(newer.map(\.sequence) == [2], "the other writer's event is seen inside the transaction")
                return [first, Self.opening(3)]
            }
            #expect(again.written == 1, "the id already stored is skipped")
            let all = try store.inboxEvents(after: 0)
            #expect(all.events.map(\.sequence) == [1, 2, 3] && all.unreadable.isEmpty && all.last == 3)
            #expect(all.events.map(\.event.payload.proposal) == [1, 2, 3])
            #expect(all.events.first?.event == first, "read back exactly as written")
            #expect(try store.inboxEvents(after: 2).events.map(\.sequence) == [3])
            // A store that changed only in its inbox is seen to have changed (the war room polls this).
            _ = try other.hasExternalChanges()
            _ = try store.appendInbox(knownSequence: 3) { _ in [Self.opening(4)] }
            #expect(try other.hasExternalChanges())
        }
    }

    @Test("The inbox refuses UPDATE and DELETE like the event log (SQLite)")
    func appendOnly() throws {
        try StoreBackend.sqlite.withLocation { location in
            guard case .sqlite(let path) = location else { return }
            let store = try location.open()
            _ = try store.appendInbox(knownSequence: 0) { _ in [Self.opening(1)] }
            #expect(throws: RawSQLError.self) { try rawSQL(path, "UPDATE inbox SET author = 'x';") }
            #expect(throws: RawSQLError.self) { try rawSQL(path, "DELETE FROM inbox;") }
            #expect(try store.inboxEvents(after: 0).events.count == 1)
        }
    }

    @Test("A schema-1 store (before the inbox) is migrated on opening, its incidents kept")
    func migratesFromSchemaOne() throws {
        try StoreBackend.sqlite.withLocation { location in
            guard case .sqlite(let path) = location else { return }
            do {
                let store = try location.open()
                _ = try declareIncident(store, title: "kept")
            }
            try rawSQL(path, "DROP TABLE inbox; DROP TABLE search_words; DROP TABLE search_trigrams; DROP TABLE search_docs; DROP TRIGGER events_counted; DROP TABLE search_mark; DROP TABLE incident_summaries; PRAGMA user_version = 1;")
            let store = try SQLiteEventStore(path: path)
            #expect(try store.pragma("user_version") == String(SQLiteEventStore.schemaVersion))
            #expect(SQLiteEventStore.schemaVersion == 6)
            #expect(try store.incidents().map(\.id) == ["INC-1"])
            _ = try store.appendInbox(knownSequence: 0) { _ in [Self.opening(1)] }
            #expect(try store.proposalInbox().inbox.open.map(\.label) == ["P1"])
        }
    }

    @Test("A schema-1 PostgreSQL store is migrated on opening, its incidents kept, the inbox's triggers in place")
    func migratesPostgresFromSchemaOne() throws {
        try StoreBackend.postgreSQL.withLocation { location in
            do {
                let store = try location.open()
                _ = try declareIncident(store, title: "kept")
            }
            let name = try #require(TestPostgres.database(of: location))
            _ = try TestPostgres.running().adminSQL(
                "DROP TABLE inbox; DROP FUNCTION warroom_inbox_inserted(); DROP TABLE search_docs; UPDATE warroom_schema SET version = 1;", database: name)
            let store = try location.open()
            #expect(try store.incidents().map(\.id) == ["INC-1"])
            _ = try store.appendInbox(knownSequence: 0) { _ in [Self.opening(1)] }
            #expect(try store.proposalInbox().inbox.open.map(\.label) == ["P1"])
            #expect(throws: (any Error).self) {
                _ = try TestPostgres.running().adminSQL("DELETE FROM inbox;", database: name)
            }
            #expect(try store.inboxEvents(after: 0).events.count == 1)
        }
    }
}
