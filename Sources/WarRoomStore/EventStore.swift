import Foundation
import WarRoomCore

/// An event as stored: the event and its per-incident sequence number (1, 2, 3 … without gaps).
public struct StoredEvent: Hashable, Sendable {
    public var sequence: Int64
    public var event: Event

    public init(sequence: Int64, event: Event) {
        self.sequence = sequence
        self.event = event
    }
}

/// One incident known to the store.
public struct IncidentRecord: Hashable, Sendable {
    public var id: IncidentID
    /// The highest sequence number written for it.
    public var lastSequence: Int64

    public init(id: IncidentID, lastSequence: Int64) {
        self.id = id
        self.lastSequence = lastSequence
    }
}

/// What an append wrote.
public struct AppendResult: Hashable, Sendable {
    /// Every event of the incident after the caller's `knownSequence`, in sequence order:
    /// other writers' events first, then the ones this append wrote.
    public var events: [StoredEvent]
    /// How many of the caller's events were new (a retried append writes none).
    public var written: Int
}

/// The durable, append-only event log. Implementations: `SQLiteEventStore` (embedded, one host);
/// a later one for PostgreSQL.
///
/// Every write is one transaction that is durable when the call returns; an event whose id is
/// already stored is skipped, never duplicated; events are never updated or deleted.
public protocol EventStore: AnyObject {
    /// Appends to an existing incident in one write transaction. Inside it, `makeEvents` receives
    /// every event of the incident after `knownSequence` (fold them onto your state to decide
    /// against the latest truth) and returns the events to append, or throws to write nothing.
    func append(to incident: IncidentID, knownSequence: Int64,
                _ makeEvents: ([StoredEvent]) throws -> [Event]) throws -> AppendResult

    /// Creates an incident with the next free id (`INC-1`, `INC-2` …) in one write transaction;
    /// `makeEvents` receives the id and returns its first events (the declaration first).
    func declare(_ makeEvents: (IncidentID) throws -> [Event]) throws -> (IncidentID, [StoredEvent])

    /// Events of an incident with a sequence number above `sequence`, in order.
    func events(of incident: IncidentID, after sequence: Int64) throws -> [StoredEvent]

    /// Every incident, oldest first.
    func incidents() throws -> [IncidentRecord]

    /// Writes events from an export, all or nothing, in file order, skipping ids already stored.
    /// Returns how many were new.
    func importEvents(_ events: [Event]) throws -> Int

    /// True when another connection (any process) committed since the last call: cheap enough to
    /// poll several times a second, and reads no events.
    func hasExternalChanges() throws -> Bool
}
