import Foundation
import PostgresNIO
import WarRoomCore

extension PostgresEventStore {
    /// The rows of one write transaction, counting what it wrote. An incident's `last_seq` read
    /// with its row lock stays true until the transaction ends (nobody else may append to it), so
    /// it is kept here and advanced by this transaction's inserts: an append whose caller has seen
    /// everything asks the server for nothing more than the lock and the insert.
    final class Rows: EventLogRows, InboxRows {
        let store: PostgresEventStore
        /// Events and incidents this transaction inserted.
        private(set) var written: Int64 = 0
        /// The last sequence of each incident this transaction locked or created.
        private var lastSequences: [IncidentID: Int64] = [:]

        init(store: PostgresEventStore) { self.store = store }

        var storeName: String { store.identity.name }
        private var link: PostgresLink { store.link }

        func incidentExists(_ incident: IncidentID) throws -> Bool {
            let result = try link.query("SELECT last_seq FROM incidents WHERE id = $1 FOR UPDATE",
                                        PostgresLink.binds(incident), operation: "locking \(incident)")
            guard let row = result.rows.first else { return false }
            lastSequences[incident] = try store.decode(row.makeRandomAccess()[0], Int64.self, "locking \(incident)")
            return true
        }

        func incidentOfEvent(_ id: UUID) throws -> IncidentID? {
            let result = try link.query("SELECT incident FROM events WHERE id = $1", PostgresLink.binds(id),
                                        operation: "looking up event \(id.uuidString)")
            return try result.rows.first.map { try store.decode($0.makeRandomAccess()[0], String.self, "looking up an event") }
        }

        func lastSequence(of incident: IncidentID) throws -> Int64 {
            if let known = lastSequences[incident] { return known }
            let result = try link.query("SELECT last_seq FROM incidents WHERE id = $1", PostgresLink.binds(incident),
                                        operation: "reading the last sequence of \(incident)")
            return try result.rows.first.map { try store.decode($0.makeRandomAccess()[0], Int64.self, "reading a sequence") } ?? 0
        }

        func highestIncidentNumber() throws -> Int64 {
            let result = try link.query("SELECT COALESCE(MAX(number), 0)::bigint FROM incidents",
                                        operation: "allocating an incident number")
            return try result.rows.first.map { try store.decode($0.makeRandomAccess()[0], Int64.self, "allocating a number") } ?? 0
        }

        func incidentNumberTaken(_ number: Int64) throws -> Bool {
            try !link.query("SELECT 1 FROM incidents WHERE number = $1", PostgresLink.binds(number),
                            operation: "looking up incident number \(number)").rows.isEmpty
        }

        func insertIncident(_ incident: IncidentID, number: Int64, createdAt: Int64) throws {
            try link.query("INSERT INTO incidents (id, number, created_at) VALUES ($1, $2, $3)",
                           PostgresLink.binds(incident, number, createdAt), operation: "creating incident \(incident)")
            lastSequences[incident] = 0
            written += 1
        }

        func insertEvent(_ event: Event, sequence: Int64) throws -> Bool {
            let body = try store.coder.body(of: event, store: storeName)
            let result = try link.query("""
                INSERT INTO events (incident, seq, id, at, recorded_at, author, type, body)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING
                """, PostgresLink.binds(event.incident, sequence, event.id, event.at.millis, event.recordedAt.millis,
                                        event.author, event.payload.type, String(decoding: body, as: UTF8.self)),
                operation: "inserting event \(event.id.uuidString)")
            guard result.metadata.rows == 1 else { return false }
            lastSequences[event.incident] = max(lastSequences[event.incident] ?? 0, sequence)
            written += 1
            return true
        }

        func readEvents(of incident: IncidentID, after sequence: Int64) throws -> [StoredEvent] {
            if let known = lastSequences[incident], known <= sequence { return [] }
            return try store.readEvents(of: incident, after: sequence)
        }

        func inboxRows(after sequence: Int64) throws -> [(sequence: Int64, body: String)] {
            try store.inboxRows(after: sequence)
        }

        func insertInboxRow(_ event: InboxEvent, sequence: Int64, body: String) throws -> Bool {
            let result = try link.query("""
                INSERT INTO inbox (seq, id, at, recorded_at, author, type, body)
                VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING
                """, PostgresLink.binds(sequence, event.id, event.at.millis, event.recordedAt.millis, event.author,
                                        event.payload.type, body),
                operation: "inserting inbox event \(event.id.uuidString)")
            guard result.metadata.rows == 1 else { return false }
            written += 1
            return true
        }

        func lastInboxSequence() throws -> Int64 {
            let result = try link.query("SELECT COALESCE(MAX(seq), 0)::bigint FROM inbox", operation: "reading the proposal inbox")
            return try result.rows.first.map { try store.decode($0.makeRandomAccess()[0], Int64.self, "reading the inbox") } ?? 0
        }
    }
}
