import WarRoomCore

/// Keeps the knowledge base's documents level with the log: every incident whose document lags
/// its last event (or has none: a store from before schema 3, an import, another process's
/// writes) is folded again and indexed, in batches. The index is a cache; this is the only way in.
public enum SearchIndex {
    /// What a refresh did.
    public struct Refresh: Sendable, Equatable {
        /// Documents made or remade.
        public var indexed: Int
        /// Incidents whose documents lag and could not be remade: the store is read-only for this
        /// user, or their events do not read back. Their latest changes are not searched.
        public var behind: [IncidentID]
        /// Why `behind` could not be indexed, for the message (nil when nothing is behind).
        public var reason: String?
    }

    /// What to tell the user when a refresh left incidents behind (nil when it did not):
    /// `3 incidents are not searched as they are now: not indexed yet: …`.
    /// What to say when a search ranked only the last added `query.rankedAtMost` of its matches
    /// (it returned `shown` of at most `limit`): nil when it ranked them all.
    public static func cutNote(_ store: any EventStore, _ query: SearchQuery, shown: Int, limit: Int) throws -> String? {
        let cap = query.rankedAtMost
        guard shown > 0, shown >= min(limit, cap), cap < Int.max, try store.wordMatches(query, upTo: cap + 1) > cap else { return nil }
        return "More than \(cap) incidents match: these are the best of the \(cap) added last. Add a word to narrow it"
    }

    public static func behindNote(_ refresh: Refresh) -> String? {
        let count = refresh.behind.count
        guard count > 0 else { return nil }
        return "\(count) incident\(count == 1 ? " is" : "s are") not searched as \(count == 1 ? "it is" : "they are") now ("
            + (refresh.reason ?? "not indexed") + "): " + refresh.behind.prefix(10).joined(separator: ", ") + (count > 10 ? " …" : "")
    }

    /// Brings every lagging document level, `batch` incidents per write transaction; with
    /// `atMost`, only that many of them, the newest first (what a declaration can afford to wait
    /// for; the rest are left for the next refresh, and counted in `behind`).
    public static func refresh(_ store: any EventStore, batch: Int = 200, atMost: Int? = nil) throws -> Refresh {
        let (mark, lagging) = try store.searchBacklog()
        let stale = atMost.map { Array(lagging.suffix($0).reversed()) } ?? lagging
        let deferred = lagging.count - stale.count
        guard !stale.isEmpty else {
            // Level: said (once per change), so the next search skips the look; ignored when it cannot be said.
            if let mark, store.readOnlyReason == nil { try? store.recordSearchIndexed(through: mark) }
            return Refresh(indexed: 0, behind: [], reason: nil)
        }
        if deferred > 0 {
            var result = try refresh(store, batch: batch, stale: stale)
            result.behind += lagging.prefix(deferred).map(\.id)
            result.reason = result.reason ?? "not indexed yet: `warroom search` indexes them all"
            return result
        }
        let result = try refresh(store, batch: batch, stale: stale)
        if let mark, result.behind.isEmpty { try? store.recordSearchIndexed(through: mark) }
        return result
    }

    private static func refresh(_ store: any EventStore, batch: Int, stale: [IncidentRecord]) throws -> Refresh {
        if let reason = store.readOnlyReason { return Refresh(indexed: 0, behind: stale.map(\.id), reason: reason) }
        var documents: [SearchDocument] = []
        var done = 0
        var behind: [IncidentID] = []
        var written: Set<IncidentID> = []
        // A role granted before the index existed may read it but not write it: searched as it is, and said.
        func write() throws -> Bool {
            do {
                try store.index(documents)
            } catch StoreError.readOnly {
                return false
            }
            done += documents.count
            written.formUnion(documents.map(\.incident))
            documents.removeAll()
            return true
        }
        let denied = "this user may not update the search index (`warroom store init` prints the grants a writer needs)"
        for record in stale {
            let events: [StoredEvent]
            do { events = try store.events(of: record.id, after: 0) } catch StoreError.corruptEvent {
                behind.append(record.id)
                continue
            }
            guard let state = IncidentState.fold(events.map(\.event)) else { behind.append(record.id); continue }
            documents.append(SearchDocument(state, sequence: events.last?.sequence ?? record.lastSequence))
            if documents.count >= batch, try !write() {
                return Refresh(indexed: done, behind: stale.map(\.id).filter { !written.contains($0) }, reason: denied)
            }
        }
        if !documents.isEmpty, try !write() {
            return Refresh(indexed: done, behind: stale.map(\.id).filter { !written.contains($0) }, reason: denied)
        }
        return Refresh(indexed: done, behind: behind, reason: behind.isEmpty ? nil : "some of their events do not read back (`warroom check` lists them)")
    }
}
