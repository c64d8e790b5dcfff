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

/// What a health check found: the backend's own integrity check and, per incident, whether its
/// sequence numbers run 1…N without a gap.
public struct StoreHealth: Hashable, Sendable {
    /// `ok`, or the backend's list of problems.
    public var integrity: String
    /// Per incident: how many events, and the highest sequence number.
    public var incidents: [(id: IncidentID, count: Int64, maxSequence: Int64)]

    public init(integrity: String, incidents: [(id: IncidentID, count: Int64, maxSequence: Int64)]) {
        self.integrity = integrity
        self.incidents = incidents
    }

    public static func == (lhs: StoreHealth, rhs: StoreHealth) -> Bool {
        lhs.integrity == rhs.integrity && lhs.incidents.map(\.id) == rhs.incidents.map(\.id)
            && lhs.incidents.map(\.count) == rhs.incidents.map(\.count)
            && lhs.incidents.map(\.maxSequence) == rhs.incidents.map(\.maxSequence)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(integrity) }
}

/// The durable, append-only event log: everything the CLI and the war room ask of a store, so they
/// hold `any EventStore` and never a backend's type. Implementations: `SQLiteEventStore`
/// (embedded, one host); a later one for PostgreSQL. `StoreLocation` opens one from `--store`.
///
/// Every write is one transaction that is durable when the call returns; an event whose id is
/// already stored is skipped, never duplicated; events are never updated or deleted.
///
/// Synchronous on purpose: the war room's loop blocks on the terminal with a timeout and the CLI's
/// commands run top to bottom, and `append`'s closure decides inside the write transaction. A
/// backend whose driver is asynchronous (postgres-nio) waits for its futures inside these calls,
/// on its own event loop, so no caller changes. Use an instance from one thread at a time.
public protocol EventStore: AnyObject {
    /// Which store this is: what drafts and update copies are kept under, and how messages name it
    /// (its `name` is also the `path` of every `StoreError` it throws).
    var identity: StoreIdentity { get }

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

    /// Writes the events of an export, all or nothing, in file order, skipping ids already stored;
    /// `lines[i]` is the file line of `events[i]`, for messages. Refuses (an `ImportRefusal`,
    /// nothing written) what would merge two incidents or be stored and never shown; with `asNew`
    /// a clashing incident is stored under the next free id instead.
    func importEvents(_ events: [Event], lines: [Int], asNew: Bool) throws -> ImportResult

    /// The stored JSON of every event of `incident`, in sequence order, exactly as written: one
    /// line each for an export file.
    func exportLines(of incident: IncidentID) throws -> [String]

    /// Why this user may only read the store (a PostgreSQL role without INSERT), or nil when it can
    /// write: the war room then opens read-only and says this, and recording commands refuse.
    var readOnlyReason: String? { get }

    /// True when another connection (any process) committed since the last call: cheap enough to
    /// poll several times a second, and reads no events.
    func hasExternalChanges() throws -> Bool

    /// A descriptor that wakes a waiter when another connection may have committed (see
    /// `StoreChangeSignal`), or nil when this backend offers none and must be polled. Each call
    /// makes a new signal, owned by the caller; `hasExternalChanges()` stays the truth.
    func makeChangeSignal() throws -> (any StoreChangeSignal)?

    /// The backend's integrity check and each incident's event count and highest sequence; reads only.
    func health() throws -> StoreHealth

    /// Every stored event of `incident` that does not read back, by sequence number, with the
    /// reason: `events(of:after:)` stops at the first, `warroom check` wants them all.
    func unreadableEvents(of incident: IncidentID) throws -> [(sequence: Int64, reason: String)]

    /// The proposal inbox (the incidents alerts propose, store-wide) after `sequence`: every
    /// event that decodes, and each row that does not, with why.
    func inboxEvents(after sequence: Int64) throws -> InboxRead

    /// Appends to the proposal inbox in one write transaction. Inside it, `makeEvents` receives
    /// the inbox's events after `knownSequence` (fold them to decide against the latest truth)
    /// and returns the events to append, or throws to write nothing; an id already stored is
    /// skipped, never duplicated.
    func appendInbox(knownSequence: Int64,
                     _ makeEvents: ([StoredInboxEvent]) throws -> [InboxEvent]) throws -> InboxAppendResult

    // The knowledge base: one search document per incident, derived from its events (a cache
    // that `SearchIndex.refresh` rebuilds whenever it lags the log; never the truth).

    /// The sequence each indexed incident's document was made at.
    func indexedSequences() throws -> [IncidentID: Int64]

    /// The incidents whose documents lag their last event (or are missing), oldest first, and a
    /// mark of where the log stood, to give `recordSearchIndexed(through:)` once they are indexed:
    /// cheap (no scan of the incidents, and a nil mark) when nothing was written since the last
    /// mark recorded. A backend that keeps no mark always answers nil.
    func searchBacklog() throws -> (mark: Int64?, lagging: [IncidentRecord])

    /// Every document was level with the log at `mark` (from `searchBacklog`).
    func recordSearchIndexed(through mark: Int64) throws

    /// Stores the documents in one write transaction, each replacing its incident's unless that one
    /// was made at a later sequence.
    func index(_ documents: [SearchDocument]) throws

    /// The incidents whose documents hold every term of `query`: by words (stemmed), best first,
    /// then those only a substring of a word matches, newest first; at most `limit`.
    func search(_ query: SearchQuery, limit: Int) throws -> [SearchHit]

    /// How many incidents `query`'s words match (substrings aside), counted no further than `cap`:
    /// past `query.rankedAtMost`, a search ranked only the last added that many.
    func wordMatches(_ query: SearchQuery, upTo cap: Int) throws -> Int

    /// The indexed incidents whose documents carry any of `causes` or of `fingerprints` (exact,
    /// whole values): the candidates a new incident may repeat.
    func incidentsSharing(causes: [String], fingerprints: [String]) throws -> [IncidentID]

    /// Every cause tag in the index, with the incidents that carry it.
    func causeTags() throws -> [String: [IncidentID]]

    /// Every event of `type` in the store, each incident's in record order (incidents in id
    /// order): the links between incidents, without reading every log.
    func events(ofType type: EventType) throws -> [Event]

    /// Each indexed incident's status as its document has it, with the sequence the document is
    /// level with (the incident list leaves out the closed ones without folding them).
    func indexedStatuses() throws -> [IncidentID: (sequence: Int64, status: IncidentStatus)]

    // The report's summaries: one `IncidentSummary` per incident, with the sequence it was made
    // at (a cache kept by writers and by `IncidentSummaries.read`; never the truth).

    /// Every stored summary that reads, with its sequence (one of another version is left out).
    func storedSummaries() throws -> [IncidentID: (sequence: Int64, summary: IncidentSummary)]

    /// Stores the summaries in one write transaction, each replacing its incident's unless that one
    /// was made at a later sequence.
    func storeSummaries(_ summaries: [(summary: IncidentSummary, sequence: Int64)]) throws
}

extension EventStore {
    /// None: a store that keeps no summaries has every incident folded by the report.
    public func storedSummaries() throws -> [IncidentID: (sequence: Int64, summary: IncidentSummary)] { [:] }
    public func storeSummaries(_ summaries: [(summary: IncidentSummary, sequence: Int64)]) throws {}

    /// None: a store without a knowledge base has every incident folded by the list.
    public func indexedStatuses() throws -> [IncidentID: (sequence: Int64, status: IncidentStatus)] { [:] }

    /// Every incident's log read through: for stores without an index on the type (the test
    /// stores); the SQLite and PostgreSQL stores answer from one.
    public func events(ofType type: EventType) throws -> [Event] {
        try incidents().sorted { $0.id < $1.id }.flatMap { record in
            try events(of: record.id, after: 0).map(\.event).filter { $0.payload.eventType == type }
        }
    }
}

extension SearchDocument {
    /// `\nconfig-push\ndb/lag\n`: how a list of whole values is kept in one column, so a
    /// search for `\nVALUE\n` matches a whole value only ('' when the list is empty).
    static func framed(_ values: [String]) -> String {
        values.isEmpty ? "" : "\n" + values.joined(separator: "\n") + "\n"
    }

    static func unframed(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }
}

extension EventStore {
    /// `importEvents(_:lines:asNew:)` without renaming, lines numbered 1, 2, 3 … in array order;
    /// returns how many events were new.
    public func importEvents(_ events: [Event]) throws -> Int {
        try importEvents(events, lines: events.indices.map { $0 + 1 }, asNew: false).added
    }
}
