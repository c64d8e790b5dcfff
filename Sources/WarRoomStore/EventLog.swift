import Foundation
import WarRoomCore

/// The rows a backend's write transaction reads and writes: all the shared rules of `EventLog`
/// need. Every call runs inside the one transaction the backend opened for the operation.
protocol EventLogRows: AnyObject {
    /// How errors name the store (`StoreError`'s `path`).
    var storeName: String { get }
    /// Whether the incident exists. A backend shared across hosts locks its row here until the
    /// transaction ends, so that appends to one incident take turns and sequences stay gapless.
    func incidentExists(_ incident: IncidentID) throws -> Bool
    /// The incident that holds the event with this id, if any does.
    func incidentOfEvent(_ id: UUID) throws -> IncidentID?
    /// The highest sequence number of the incident (0 when it has none).
    func lastSequence(of incident: IncidentID) throws -> Int64
    /// The highest `INC-n` number in use (0 when none).
    func highestIncidentNumber() throws -> Int64
    /// Whether some incident has this number.
    func incidentNumberTaken(_ number: Int64) throws -> Bool
    /// Creates the incident row.
    func insertIncident(_ incident: IncidentID, number: Int64, createdAt: Int64) throws
    /// Inserts one event, its body encoded by `EventLog.Coder`; false when its id was already
    /// stored (then nothing is written).
    func insertEvent(_ event: Event, sequence: Int64) throws -> Bool
    /// The incident's events after `sequence`, decoded; the first that does not decode is a
    /// `StoreError.corruptEvent`.
    func readEvents(of incident: IncidentID, after sequence: Int64) throws -> [StoredEvent]
}

/// The store contract's write rules, once for every backend: how an append decides against the
/// latest truth, how a declaration numbers its incident, how an import is checked and placed.
/// A backend supplies the transaction and its rows (`EventLogRows`).
enum EventLog {
    /// How far back an event's `recordedAt` may go behind the one before it before an import
    /// counts as out of order: writers stamp `recordedAt` when they start, and one may wait for
    /// the write lock while another commits, so small inversions are normal in a genuine export.
    static let importClockSlack = TimeSpan.minutes(5)

    /// The encoding every backend stores: sorted keys, no escaped slashes, checked to read back.
    struct Coder {
        private let encoder: JSONEncoder
        /// Reads stored bodies; JSONDecoder decides whatever its fast path does not handle.
        var decoder = EventJSONDecoder()

        init() {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            self.encoder = encoder
        }

        /// The body of `event`. An event whose JSON would not read back as the same event is
        /// refused: one such body used to make its whole incident unreadable, so the check is
        /// here, below every path that writes.
        mutating func body(of event: Event, store: String) throws -> Data {
            let body: Data
            do {
                body = try encoder.encode(event)
            } catch {
                throw StoreError.encodingFailed(path: store, event: event.id, reason: "\(error)")
            }
            do {
                guard try decoder.decode(body) == event else {
                    throw StoreError.encodingFailed(path: store, event: event.id, reason: "it would not read back as written")
                }
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError.encodingFailed(path: store, event: event.id,
                                                reason: "it would not read back (\(DecodingErrorText.describe(error)))")
            }
            return body
        }
    }

    /// The highest incident number plus one. A store whose numbers ran out (an import of
    /// `INC-9223372036854775807` by an older warroom) is refused in words, never by a trap.
    static func nextNumber(_ rows: some EventLogRows) throws -> Int64 {
        let (next, overflow) = try rows.highestIncidentNumber().addingReportingOverflow(1)
        guard !overflow, next < Int64.max else {
            throw StoreError.cannotOpen(path: rows.storeName, reason: "its incident numbers ran out (an incident numbered "
                                        + "\(Int64.max) was imported); export the incidents and import them into a new store")
        }
        return next
    }

    /// The highest `INC-n` number an import keeps as it is: beyond it, the incident takes the next
    /// free number, so no file can exhaust the numbers.
    static let highestImportedNumber: Int64 = 1 << 40

    // MARK: Append and declare

    /// `EventStore.append`, inside the backend's write transaction.
    static func append(_ rows: some EventLogRows, to incident: IncidentID, knownSequence: Int64,
                       _ makeEvents: ([StoredEvent]) throws -> [Event]) throws -> AppendResult {
        guard try rows.incidentExists(incident) else {
            throw StoreError.unknownIncident(path: rows.storeName, incident: incident)
        }
        let others = try rows.readEvents(of: incident, after: knownSequence)
        let events = try makeEvents(others)
        var next = try (others.last?.sequence ?? rows.lastSequence(of: incident)) + 1
        var written: [StoredEvent] = []
        for event in events {
            guard event.incident == incident else {
                throw StoreError.incidentMismatch(path: rows.storeName, event: event.id, expected: incident,
                                                  found: event.incident)
            }
            if try rows.insertEvent(event, sequence: next) {
                written.append(StoredEvent(sequence: next, event: event))
                next += 1
            }
        }
        return AppendResult(events: others + written, written: written.count)
    }

    /// `EventStore.declare`, inside the backend's write transaction (which must keep two
    /// declarations from taking one number). When the first event's id is already stored (a
    /// retried declaration), nothing is created and the incident it was stored in is returned
    /// with those of the events that are stored.
    static func declare(_ rows: some EventLogRows,
                        _ makeEvents: (IncidentID) throws -> [Event]) throws -> (IncidentID, [StoredEvent]) {
        var number = try nextNumber(rows)
        while try rows.incidentExists("INC-\(number)") { number += 1 }
        let incident = "INC-\(number)"
        let events = try makeEvents(incident)

        if let first = events.first, let existing = try rows.incidentOfEvent(first.id) {
            let wanted = Set(events.map(\.id))
            let stored = try rows.readEvents(of: existing, after: 0).filter { wanted.contains($0.event.id) }
            return (existing, stored)
        }

        // An incident starts with its declaration, whose recording time is the incident's: the
        // store reads no clock of its own.
        guard let first = events.first, case .declared = first.payload else {
            throw StoreError.noDeclaration(path: rows.storeName)
        }
        try rows.insertIncident(incident, number: number, createdAt: first.recordedAt.millis)
        var stored: [StoredEvent] = []
        for event in events {
            guard event.incident == incident else {
                throw StoreError.incidentMismatch(path: rows.storeName, event: event.id, expected: incident,
                                                  found: event.incident)
            }
            let sequence = Int64(stored.count + 1)
            if try rows.insertEvent(event, sequence: sequence) {
                stored.append(StoredEvent(sequence: sequence, event: event))
            }
        }
        return (incident, stored)
    }
}
