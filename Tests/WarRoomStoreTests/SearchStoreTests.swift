import Foundation
import Testing
import WarRoomCore
@testable import WarRoomStore

/// The knowledge base as each backend keeps it: documents derived from the log and refreshed
/// when they lag, every term required, words ranked (a title match first), substrings of
/// identifiers found, typed text never run as query syntax.
@Suite struct SearchStoreTests {
    static func event(_ incident: IncidentID, _ payload: EventPayload, id: UUID = UUID(), offset: Int64 = 0) -> Event {
        let at = Timestamp(millis: baseTime.millis + offset)
        return Event(id: id, incident: incident, at: at, recordedAt: at, author: "alice", payload: payload)
    }

    /// Declares an incident with `entries` as notes.
    @discardableResult
    static func incident(_ store: any EventStore, title: String, service: String? = nil, summary: String? = nil,
                         entries: [String] = [], offset: Int64 = 0) throws -> IncidentID {
        try store.declare { id in
            [event(id, .declared(Declaration(title: title, severity: .sev2, summary: summary, service: service)), offset: offset)]
                + entries.enumerated().map { event(id, .entry(Entry(kind: .note, text: $0.element)), offset: offset + Int64($0.offset + 1)) }
        }.0
    }

    static func search(_ store: any EventStore, _ text: String, limit: Int = 20) throws -> [SearchHit] {
        _ = try SearchIndex.refresh(store)
        return try store.search(SearchQuery(text), limit: limit)
    }

    @Test("Words are stemmed and all required; a title match ranks first; a phrase matches as written", arguments: StoreBackend.all)
    func words(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let body = try Self.incident(store, title: "Search latency", service: "search",
                                         entries: ["checkout requests failed while the replica lagged"], offset: 10)
            let title = try Self.incident(store, title: "Checkout failing after deploy", service: "checkout-api",
                                          entries: ["rolled back the config push"], offset: 20)
            try Self.incident(store, title: "Disk full on logs", entries: ["nothing about the other words"], offset: 30)
            let hits = try Self.search(store, "checkout failed")
            #expect(hits.map(\.incident) == [title, body], "stemmed: failing and failed; the title match first: \(hits)")
            #expect(hits.allSatisfy { $0.match == .words })
            #expect(hits.first?.title == "Checkout failing after deploy" && hits.first?.service == "checkout-api"
                    && hits.first?.severity == .sev2 && hits.first?.status == .investigating)
            let snippet = try #require(hits.last?.snippet)
            #expect(snippet.contains(SearchQuery.highlightStart + "failed" + SearchQuery.highlightEnd), "\(snippet)")
            #expect(try Self.search(store, "checkout disk").isEmpty, "every term must match")
            #expect(try Self.search(store, "\"replica lagged\"").map(\.incident) == [body])
            #expect(try Self.search(store, "\"lagged replica\"").isEmpty, "a phrase keeps its order")
            #expect(try Self.search(store, "checkout", limit: 1).count == 1)
        }
    }

    @Test("A query most incidents match ranks the last added rankedAtMost; wordMatches counts to a cap", arguments: StoreBackend.all)
    func rankedRecent(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            // The oldest three have the word in the title, so bm25 puts them first when it ranks every match.
            var older: [IncidentID] = [], newer: [IncidentID] = []
            for n in 0..<8 {
                let id = try Self.incident(store, title: n < 3 ? "Timeout storm \(n)" : "Disk pressure \(n)",
                                           entries: ["a timeout seen among many other words of the log"], offset: Int64(n) * 10)
                if n < 3 { older.append(id) } else { newer.append(id) }
            }
            _ = try SearchIndex.refresh(store)
            var query = SearchQuery("timeout")
            #expect(Set(try store.search(query, limit: 3).map(\.incident)) == Set(older), "every match ranked: the titles first")
            query.rankedAtMost = 5
            let recent = try store.search(query, limit: 20)
            #expect(Set(recent.map(\.incident)) == Set(newer) && recent.count == 5, "only the 5 added last: \(recent.map(\.incident))")
            query.rankedAtMost = 8
            #expect(Set(try store.search(query, limit: 3).map(\.incident)) == Set(older), "8 match: all ranked")
            #expect(try store.wordMatches(query, upTo: 100) == 8 && store.wordMatches(query, upTo: 3) == 3)
            #expect(try SearchIndex.cutNote(store, query, shown: 8, limit: 20) == nil, "all 8 ranked: nothing to say")
            query.rankedAtMost = 5
            #expect(try SearchIndex.cutNote(store, query, shown: 5, limit: 20)
                    == "More than 5 incidents match: these are the best of the 5 added last. Add a word to narrow it")
            #expect(try SearchIndex.cutNote(store, query, shown: 3, limit: 3) != nil, "a full page of the 5")
            #expect(try SearchIndex.cutNote(store, query, shown: 0, limit: 20) == nil)
            query.rankedAtMost = 8
            #expect(try store.wordMatches(SearchQuery("zookeeper"), upTo: 100) == 0)
            #expect(try store.wordMatches(SearchQuery("timeout storm"), upTo: 100) == 3, "every word must match")
            #expect(try store.wordMatches(SearchQuery("\"storm timeout\""), upTo: 100) == 0, "a phrase keeps its order")
        }
    }

    @Test("Identifiers and error strings are found by any part of them, after the word matches, with a snippet", arguments: StoreBackend.all)
    func substrings(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let logged = try Self.incident(store, title: "Checkout 502s", entries: ["pool logged ECONNRESET from pg-primary-2 at 14:02"])
            let word = try Self.incident(store, title: "Pool exhausted", entries: ["we reset the pool by hand"], offset: 10)
            let reset = try Self.search(store, "reset")
            #expect(reset.map(\.incident) == [word, logged], "\(reset)")
            #expect(reset.map(\.match) == [.words, .substring], "the word first, then the one inside ECONNRESET")
            let snippet = try #require(reset.last?.snippet)
            #expect(snippet.contains("ECONN" + SearchQuery.highlightStart + "RESET" + SearchQuery.highlightEnd + " from"), "\(snippet)")
            #expect(try Self.search(store, "econnres zz").isEmpty, "a short term still has to occur")
        }
    }

    @Test("Typed text is searched for, never run as query syntax", arguments: StoreBackend.all)
    func noSyntax(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let id = try Self.incident(store, title: "Cache NOT warming", entries: ["keys like user:* OR session:* expired; he said \"why\""])
            for query in ["NOT", "OR", "user:*", "\"", "'", "*", "checkout-api -x", "(", "NEAR(a b)", "a AND", "\\", "%", "_",
                          "title:cache", "^cache", "\u{7}", "ünïcödé"] {
                let hits = try Self.search(store, query)
                #expect(hits.allSatisfy { $0.incident == id }, "\(query): \(hits)")
            }
            #expect(try Self.search(store, "NOT warming").map(\.incident) == [id], "NOT is a word")
            #expect(try Self.search(store, "user:*").map(\.incident) == [id])
            #expect(try Self.search(store, "%").isEmpty && Self.search(store, "_").isEmpty, "LIKE wildcards are literal")
        }
    }

    @Test("A document lags until refreshed: appends, amendments and retractions show; what was retracted or reworded is gone", arguments: StoreBackend.all)
    func refresh(_ backend: StoreBackend) throws {
        try backend.withStore { store, location in
            let id = try Self.incident(store, title: "Checkout 502s", entries: ["first guess: the load balancer"])
            #expect(try SearchIndex.refresh(store) == SearchIndex.Refresh(indexed: 1, behind: [], reason: nil))
            #expect(try SearchIndex.refresh(store).indexed == 0, "nothing lags")
            #expect(try store.searchBacklog().lagging.isEmpty)
            if case .sqlite = location {
                #expect(try store.searchBacklog().mark == nil, "level and said so: nothing to look at, nothing to record")
            }
            // Another connection's write is seen, whatever mark this one recorded.
            _ = try location.open().append(to: id, knownSequence: 2) { _ in [Self.event(id, .entry(Entry(kind: .note, text: "kafka lag")), offset: 4)] }
            #expect(try store.searchBacklog().lagging.map(\.id) == [id])
            #expect(try SearchIndex.refresh(store).indexed == 1 && store.search(SearchQuery("kafka"), limit: 5).map(\.incident) == [id])
            let entry = UUID()
            _ = try store.append(to: id, knownSequence: 2) { _ in
                [Self.event(id, .entry(Entry(kind: .finding, text: "the canary shows zookeeper timeouts")), id: entry, offset: 5)]
            }
            #expect(try store.search(SearchQuery("zookeeper"), limit: 5).isEmpty, "not indexed yet")
            #expect(try SearchIndex.refresh(store).indexed == 1)
            #expect(try store.search(SearchQuery("zookeeper"), limit: 5).map(\.incident) == [id])
            _ = try store.append(to: id, knownSequence: 3) { _ in
                [Self.event(id, .entryAmended(EntryAmendment(entry: entry, text: "the canary shows etcd timeouts")), offset: 6)]
            }
            #expect(try Self.search(store, "zookeeper").isEmpty && Self.search(store, "etcd").map(\.incident) == [id])
            _ = try store.append(to: id, knownSequence: 4) { _ in
                [Self.event(id, .entryRetracted(EntryRetraction(entry: entry, reason: "wrong incident")), offset: 7)]
            }
            #expect(try Self.search(store, "etcd").isEmpty, "a retracted entry is not searched")
            _ = try store.append(to: id, knownSequence: 5) { _ in
                [Self.event(id, .postmortemTextSet(PostmortemText(section: .lessons, text: "stage config pushes behind a canary")), offset: 8),
                 Self.event(id, .factorSet(ContributingFactor(level: .systemic, text: "no staged rollout")), offset: 9),
                 Self.event(id, .actionItemAdded(ActionItemAdded(text: "add a rollout gate", owner: "bob", priority: .p1, due: baseTime)), offset: 10)]
            }
            for word in ["staged", "rollout gate", "canary"] {
                #expect(try Self.search(store, word).map(\.incident) == [id], "\(word)")
            }
            #expect(try store.indexedSequences() == [id: 9])
        }
    }

    @Test("A bounded refresh indexes the newest first and counts the rest as behind; the next full one catches up", arguments: StoreBackend.all)
    func boundedRefresh(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            for n in 1...5 { try Self.incident(store, title: "incident \(n)", offset: Int64(n)) }
            let bounded = try SearchIndex.refresh(store, atMost: 2)
            #expect(bounded.indexed == 2 && bounded.behind == ["INC-1", "INC-2", "INC-3"] && bounded.reason?.contains("warroom search") == true,
                    "\(bounded)")
            #expect(Set(try store.indexedSequences().keys) == ["INC-4", "INC-5"])
            #expect(SearchIndex.behindNote(bounded)
                    == "3 incidents are not searched as they are now (not indexed yet: `warroom search` indexes them all): INC-1, INC-2, INC-3")
            #expect(SearchIndex.behindNote(SearchIndex.Refresh(indexed: 1, behind: [], reason: nil)) == nil)
            #expect(try SearchIndex.refresh(store) == SearchIndex.Refresh(indexed: 3, behind: [], reason: nil))
        }
    }

    @Test("An older document never replaces a newer one (two processes refreshing at once)", arguments: StoreBackend.all)
    func olderLoses(_ backend: StoreBackend) throws {
        try backend.withStore { store, location in
            let id = try Self.incident(store, title: "Checkout 502s", entries: ["zookeeper"])
            _ = try SearchIndex.refresh(store)
            let stale = SearchDocument(incident: id, sequence: 1, declaredAt: baseTime, severity: .sev2, status: .investigating,
                                       service: nil, title: "Checkout 502s", body: "etcd")
            try location.open().index([stale])
            #expect(try store.indexedSequences() == [id: 2])
            #expect(try store.search(SearchQuery("zookeeper"), limit: 5).map(\.incident) == [id])
            #expect(try store.search(SearchQuery("etcd"), limit: 5).isEmpty)
        }
    }

    @Test("A schema-2 store (before the knowledge base) is migrated on opening and indexed on the first search", arguments: StoreBackend.all)
    func migratesFromSchemaTwo(_ backend: StoreBackend) throws {
        try backend.withLocation { location in
            do {
                let store = try location.open()
                try Self.incident(store, title: "Checkout 502s", entries: ["zookeeper timeouts"])
            }
            switch location {
            case .sqlite(let path):
                try rawSQL(path, "DROP TABLE search_words; DROP TABLE search_trigrams; DROP TABLE search_docs; DROP TRIGGER events_counted; DROP TABLE search_mark; PRAGMA user_version = 2;")
            case .postgreSQL:
                let name = try #require(TestPostgres.database(of: location))
                _ = try TestPostgres.running().adminSQL("DROP TABLE search_docs; UPDATE warroom_schema SET version = 2;", database: name)
            }
            let store = try location.open()
            #expect(try store.indexedSequences().isEmpty)
            #expect(try Self.search(store, "zookeeper").map(\.incident) == ["INC-1"])
        }
    }

    @Test("Similar incidents: any of the new one's words, the same service first, each with its cause and open action items", arguments: StoreBackend.all)
    func similar(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let elsewhere = try Self.incident(store, title: "Checkout page slow in the search results", service: "search", offset: 10)
            let same = try store.declare { id in
                [Self.event(id, .declared(Declaration(title: "Checkout 502s after config push", severity: .sev1, service: "Checkout-API"))),
                 Self.event(id, .factorSet(ContributingFactor(level: .immediate, text: "a config push without canary")), offset: 1),
                 Self.event(id, .actionItemAdded(ActionItemAdded(text: "canary config pushes", owner: "platform", priority: .p1, due: baseTime)), offset: 2),
                 Self.event(id, .entry(Entry(kind: .finding, text: "Alert firing: CheckoutErrors", alert: AlertSource(
                     key: "k", format: "alertmanager", startsAt: baseTime, runbookURL: "https://runbooks.example/checkout"))), offset: 3)]
            }.0
            try Self.incident(store, title: "Disk full on logs", service: "logging", offset: 20)
            let now = try store.declare { id in
                [Self.event(id, .declared(Declaration(title: "Checkout errors spiking", severity: .sev2, service: "checkout-api")), offset: 30)]
            }.0
            let state = try #require(IncidentState.fold(try store.events(of: now, after: 0).map(\.event)))
            let similar = try SimilarIncident.find(for: state, in: store, now: Timestamp(millis: baseTime.millis + 60_000))
            #expect(similar.map(\.hit.incident) == [same, elsewhere], "the same service first; itself and the unrelated left out")
            #expect(similar.first?.sameService == true && similar.last?.sameService == false)
            #expect(similar.first?.cause == "a config push without canary")
            #expect(similar.first?.runbook == "https://runbooks.example/checkout")
            #expect(similar.first?.openActionItems.map(\.text) == ["canary config pushes"])
            var untitled = state
            untitled.title = "the and of"
            untitled.service = nil
            #expect(try SimilarIncident.find(for: untitled, in: store, now: baseTime).isEmpty, "no word worth searching: none")
        }
    }
}
