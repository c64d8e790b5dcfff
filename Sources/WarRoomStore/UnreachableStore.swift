import Foundation
import WarRoomCore

/// Stands in for a store whose server could not be reached when it was opened: every call throws
/// that `StoreError.unreachable`, so a command still knows which store it meant (its identity
/// keys the offline spool) and queues what was typed instead of failing before it could.
public final class UnreachableStore: EventStore {
    public let identity: StoreIdentity
    /// The error opening it gave, thrown again by every call.
    public let error: StoreError

    /// A stand-in for the store `identity` names, failing with `error`.
    public init(identity: StoreIdentity, error: StoreError) {
        self.identity = identity
        self.error = error
    }

    public func append(to incident: IncidentID, knownSequence: Int64,
                       _ makeEvents: ([StoredEvent]) throws -> [Event]) throws -> AppendResult { throw error }
    public func declare(_ makeEvents: (IncidentID) throws -> [Event]) throws -> (IncidentID, [StoredEvent]) { throw error }
    public func events(of incident: IncidentID, after sequence: Int64) throws -> [StoredEvent] { throw error }
    public func incidents() throws -> [IncidentRecord] { throw error }
    public func importEvents(_ events: [Event], lines: [Int], asNew: Bool) throws -> ImportResult { throw error }
    public func exportLines(of incident: IncidentID) throws -> [String] { throw error }
    public var readOnlyReason: String? { nil }
    public func makeChangeSignal() throws -> (any StoreChangeSignal)? { nil }
    public func hasExternalChanges() throws -> Bool { throw error }
    public func health() throws -> StoreHealth { throw error }
    public func unreadableEvents(of incident: IncidentID) throws -> [(sequence: Int64, reason: String)] { throw error }
    public func inboxEvents(after sequence: Int64) throws -> InboxRead { throw error }
    public func appendInbox(knownSequence: Int64,
                            _ makeEvents: ([StoredInboxEvent]) throws -> [InboxEvent]) throws -> InboxAppendResult { throw error }
    public func indexedSequences() throws -> [IncidentID: Int64] { throw error }
    public func index(_ documents: [SearchDocument]) throws { throw error }
    public func searchBacklog() throws -> (mark: Int64?, lagging: [IncidentRecord]) { throw error }
    public func recordSearchIndexed(through mark: Int64) throws { throw error }
    public func search(_ query: SearchQuery, limit: Int) throws -> [SearchHit] { throw error }
    public func wordMatches(_ query: SearchQuery, upTo cap: Int) throws -> Int { throw error }
    public func incidentsSharing(causes: [String], fingerprints: [String]) throws -> [IncidentID] { throw error }
    public func causeTags() throws -> [String: [IncidentID]] { throw error }
}

extension StoreLocation {
    /// The identity the store at this location has, known without reaching it: what lets a command
    /// queue entries when the server is down at open. It must equal the opened store's `identity`
    /// (the spool file is named by its key). Nil when it cannot be known offline; then an
    /// unreachable server at open fails the command as before.
    public var offlineIdentity: StoreIdentity? {
        switch self {
        case .sqlite(let path): .sqlite(path: path)
        case .postgreSQL(let url): try? PostgresEventStore.identity(url: url)
        }
    }
}
