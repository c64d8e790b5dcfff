import Foundation
import WarRoomCore
@testable import WarRoomStore

/// An event store in memory with failures on demand: the store of the runtime tests. It numbers
/// events per incident without gaps and skips ids already stored, as every store must, but it is
/// no backend: imports do not refuse merges and it cannot export, so it is not in the contract
/// suite's `StoreBackend.all`.
final class MemoryEventStore: EventStore {
    /// A failure the test asked for.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var stored: [IncidentID: [StoredEvent]] = [:]
    /// Reasons the next reads of events fail with, one read each.
    var failingReads: [String] = []
    /// Reasons the next appends fail with (before any event is made), one append each.
    var failingAppends: [String] = []
    /// Store errors the next appends fail with (before any event is made), one append each.
    var appendErrors: [StoreError] = []
    /// Calls of `hasExternalChanges`: the store polls.
    private(set) var changeChecks = 0
    /// Calls of `events(of:after:)`, failed ones included.
    private(set) var reads = 0
    /// Another process committed since the last `hasExternalChanges`.
    private var externalChange = false
    /// The server cannot be reached: every call throws `StoreError.unreachable` (nothing written).
    var unreachable = false
    /// The next this many appends or declarations commit, then lose their answer: the events are
    /// stored and the call throws `unreachable` with `mayHaveCommitted`.
    var answersLost = 0
    /// Calls of `append`/`declare` that reached the store (the unreachable ones not counted).
    private(set) var writes = 0

    private func checkReachable(_ operation: String) throws {
        if unreachable {
            throw StoreError.unreachable(location: "memory", operation: operation, reason: "connection refused",
                                         mayHaveCommitted: false)
        }
    }

    private func loseAnswer(_ operation: String) throws {
        guard answersLost > 0 else { return }
        answersLost -= 1
        throw StoreError.unreachable(location: "memory", operation: operation, reason: "connection reset after COMMIT",
                                     mayHaveCommitted: true)
    }

    init(_ events: [Event]) {
        for event in events { add(event) }
    }

    private func add(_ event: Event) {
        var list = stored[event.incident] ?? []
        guard !list.contains(where: { $0.event.id == event.id }) else { return }
        list.append(StoredEvent(sequence: Int64(list.count + 1), event: event))
        stored[event.incident] = list
    }

    /// What another process writes: stored, and signalled to the next `hasExternalChanges`.
    func appendAsAnotherProcess(_ events: [Event]) {
        for event in events { add(event) }
        externalChange = true
        changeSignal?.fire()
    }

    func append(to incident: IncidentID, knownSequence: Int64,
                _ makeEvents: ([StoredEvent]) throws -> [Event]) throws -> AppendResult {
        try checkReachable("appending to \(incident)")
        writes += 1
        if !failingAppends.isEmpty { throw Failure(description: failingAppends.removeFirst()) }
        if !appendErrors.isEmpty { throw appendErrors.removeFirst() }
        guard let existing = stored[incident] else { throw Failure(description: "no incident \(incident)") }
        let newer = existing.filter { $0.sequence > knownSequence }
        let made = try makeEvents(newer)
        for event in made { add(event) }
        try loseAnswer("committing to \(incident)")
        let after = stored[incident] ?? []
        return AppendResult(events: Array(after.dropFirst(Int(knownSequence))), written: after.count - existing.count)
    }

    func declare(_ makeEvents: (IncidentID) throws -> [Event]) throws -> (IncidentID, [StoredEvent]) {
        try checkReachable("declaring an incident")
        writes += 1
        let id = "INC-\(stored.count + 1)"
        let events = try makeEvents(id)
        // A retried declaration whose first event is stored is not made twice, as in every store.
        if let first = events.first, let existing = stored.first(where: { $0.value.contains { $0.event.id == first.id } }) {
            return (existing.key, existing.value)
        }
        for event in events { add(event) }
        try loseAnswer("declaring \(id)")
        return (id, stored[id] ?? [])
    }

    func events(of incident: IncidentID, after sequence: Int64) throws -> [StoredEvent] {
        reads += 1
        try checkReachable("reading \(incident)")
        if !failingReads.isEmpty { throw Failure(description: failingReads.removeFirst()) }
        return (stored[incident] ?? []).filter { $0.sequence > sequence }
    }

    /// Uncounted in `reads`: the links are read from an index, not a log.
    func events(ofType type: EventType) throws -> [Event] {
        try checkReachable("reading the \(type.rawValue) events")
        return stored.keys.sorted().flatMap { (stored[$0] ?? []).map(\.event).filter { $0.payload.eventType == type } }
    }

    func incidents() throws -> [IncidentRecord] {
        try checkReachable("listing incidents")
        return stored.keys.sorted().map { IncidentRecord(id: $0, lastSequence: Int64(stored[$0]?.count ?? 0)) }
    }

    /// The report's summaries writers kept (`keepSummary`), newest sequence wins as in the backends.
    private(set) var summaries: [IncidentID: (sequence: Int64, summary: IncidentSummary)] = [:]

    func storedSummaries() throws -> [IncidentID: (sequence: Int64, summary: IncidentSummary)] { summaries }

    func storeSummaries(_ kept: [(summary: IncidentSummary, sequence: Int64)]) throws {
        for (summary, sequence) in kept where sequence >= summaries[summary.id]?.sequence ?? 0 {
            summaries[summary.id] = (sequence, summary)
        }
    }

    /// One store in memory per instance: drafts of two fakes never mix.
    let identity = StoreIdentity(key: "memory:\(UUID().uuidString)", name: "memory")

    func importEvents(_ events: [Event], lines: [Int], asNew: Bool) throws -> ImportResult {
        let before = stored.values.reduce(0) { $0 + $1.count }
        for event in events { add(event) }
        return ImportResult(added: stored.values.reduce(0) { $0 + $1.count } - before, renamed: [:])
    }

    /// The runtime never exports; a test that needs it would say so.
    func exportLines(of incident: IncidentID) throws -> [String] {
        throw Failure(description: "the memory store does not export")
    }

    func health() throws -> StoreHealth {
        StoreHealth(integrity: "ok", incidents: stored.keys.sorted().map {
            (id: $0, count: Int64(stored[$0]?.count ?? 0), maxSequence: Int64(stored[$0]?.count ?? 0))
        })
    }

    func unreadableEvents(of incident: IncidentID) throws -> [(sequence: Int64, reason: String)] { [] }

    /// The proposal inbox, in memory: ids already stored are skipped.
    private(set) var inbox: [StoredInboxEvent] = []

    func inboxEvents(after sequence: Int64) throws -> InboxRead {
        try checkReachable("reading the proposal inbox")
        let events = inbox.filter { $0.sequence > sequence }
        return InboxRead(events: events, last: max(sequence, inbox.last?.sequence ?? 0))
    }

    func appendInbox(knownSequence: Int64,
                     _ makeEvents: ([StoredInboxEvent]) throws -> [InboxEvent]) throws -> InboxAppendResult {
        try checkReachable("appending to the proposal inbox")
        var read = try inboxEvents(after: knownSequence)
        var written = 0
        for event in try makeEvents(read.events) where !inbox.contains(where: { $0.event.id == event.id }) {
            let stored = StoredInboxEvent(sequence: (inbox.last?.sequence ?? 0) + 1, event: event)
            inbox.append(stored)
            read.events.append(stored)
            read.last = stored.sequence
            written += 1
        }
        return InboxAppendResult(read: read, written: written)
    }

    /// The search index, by incident: matched by substring only (the real stores' ranking is
    /// theirs to test).
    private var documents: [IncidentID: SearchDocument] = [:]

    func indexedSequences() throws -> [IncidentID: Int64] {
        try checkReachable("reading the search index")
        return documents.mapValues(\.sequence)
    }

    func searchBacklog() throws -> (mark: Int64?, lagging: [IncidentRecord]) {
        let indexed = try indexedSequences()
        return (nil, try incidents().filter { indexed[$0.id] != $0.lastSequence })
    }

    func recordSearchIndexed(through mark: Int64) throws {}

    func index(_ documents: [SearchDocument]) throws {
        try checkReachable("updating the search index")
        for document in documents where (self.documents[document.incident]?.sequence ?? 0) < document.sequence {
            self.documents[document.incident] = document
        }
    }

    func search(_ query: SearchQuery, limit: Int) throws -> [SearchHit] {
        try checkReachable("searching")
        return documents.values.sorted { $0.declaredAt > $1.declaredAt }
            .filter { document in
                let text = document.title + "\n" + document.body
                return query.requireAll ? query.allOccur(in: text) : query.terms.contains { text.lowercased().contains($0.lowercased()) }
            }.prefix(limit)
            .map { SearchHit(incident: $0.incident, title: $0.title, severity: $0.severity, status: $0.status, service: $0.service,
                             declaredAt: $0.declaredAt, snippet: query.snippet(title: $0.title, body: $0.body), match: .substring, score: 0) }
    }

    func wordMatches(_ query: SearchQuery, upTo cap: Int) throws -> Int {
        try checkReachable("counting the matches")
        return min(cap, documents.values.filter { query.allOccur(in: $0.title + "\n" + $0.body) }.count)
    }

    func incidentsSharing(causes: [String], fingerprints: [String]) throws -> [IncidentID] {
        try checkReachable("finding incidents with the same cause")
        return documents.values.sorted { $0.declaredAt < $1.declaredAt }
            .filter { !Set($0.causes).isDisjoint(with: causes) || !Set($0.fingerprints).isDisjoint(with: fingerprints) }
            .map(\.incident)
    }

    func causeTags() throws -> [String: [IncidentID]] {
        try checkReachable("reading the cause tags")
        var tags: [String: [IncidentID]] = [:]
        for document in documents.values.sorted(by: { $0.declaredAt < $1.declaredAt }) {
            for tag in document.causes { tags[tag, default: []].append(document.incident) }
        }
        return tags
    }

    var readOnlyReason: String? { nil }

    /// The change signal the store offers (fired by `appendAsAnotherProcess`); nil: poll only.
    var changeSignal: PipeChangeSignal?
    /// Calls of `makeChangeSignal`.
    private(set) var changeSignalsMade = 0

    func makeChangeSignal() throws -> (any StoreChangeSignal)? {
        changeSignalsMade += 1
        return changeSignal
    }

    func hasExternalChanges() throws -> Bool {
        changeChecks += 1
        try checkReachable("checking for changes")
        defer { externalChange = false }
        return externalChange
    }
}
