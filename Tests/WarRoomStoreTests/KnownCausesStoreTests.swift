import Foundation
import Testing
import WarRoomCore
@testable import WarRoomStore

/// Cause tags and alert fingerprints as each backend keeps them on the knowledge base's
/// documents: whole values only, and the earlier incidents a new one repeats.
@Suite struct KnownCausesStoreTests {
    static func alert(_ fingerprint: String) -> AlertSource {
        AlertSource(key: "alertmanager|{}:{alertname=\"CheckoutErrors\"}|\(fingerprint)|2026-11-28T14:00:00Z|firing",
                    format: "alertmanager", startsAt: baseTime)
    }

    /// An incident declared `offset` ms after the base time, with `tags`, an alert if given, and
    /// one action item still open when `open`.
    @discardableResult
    static func incident(_ store: any EventStore, title: String, tags: [String], alert: AlertSource? = nil, open: Bool = true,
                         offset: Int64) throws -> IncidentID {
        try store.declare { id in
            var payloads: [EventPayload] = [.declared(Declaration(title: title, severity: .sev2))]
            payloads += tags.map { .causeTagged(CauseTagChange(tag: $0)) }
            if let alert { payloads.append(.entry(Entry(kind: .finding, text: "alert fired", alert: alert))) }
            if open {
                payloads.append(.actionItemAdded(ActionItemAdded(text: "Validate configs", owner: "sre", priority: .p1,
                                                                 due: baseTime.startOfDay + .hours(72))))
            }
            return payloads.enumerated().map { SearchStoreTests.event(id, $0.element, offset: offset + Int64($0.offset)) }
        }.0
    }

    @Test("Tags and fingerprints match whole values only; the tags in use leave the asking incident out", arguments: StoreBackend.all)
    func sharing(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let push = try Self.incident(store, title: "Config push", tags: ["config-push", "dns"], offset: 0)
            let alerted = try Self.incident(store, title: "Alerted", tags: [], alert: Self.alert("5f1c0a"), offset: 10)
            let other = try Self.incident(store, title: "Other", tags: ["config"], offset: 20)
            _ = try SearchIndex.refresh(store)
            #expect(try store.incidentsSharing(causes: ["config-push"], fingerprints: []) == [push])
            #expect(try store.incidentsSharing(causes: ["config"], fingerprints: []) == [other], "not a part of config-push")
            #expect(try store.incidentsSharing(causes: ["push"], fingerprints: []).isEmpty)
            #expect(try store.incidentsSharing(causes: [], fingerprints: ["alertmanager:5f1c0a"]) == [alerted])
            #expect(try store.incidentsSharing(causes: [], fingerprints: ["alertmanager:5f1c"]).isEmpty)
            #expect(try store.incidentsSharing(causes: ["dns", "config"], fingerprints: ["alertmanager:5f1c0a"]).sorted()
                    == [push, alerted, other].sorted())
            #expect(try store.incidentsSharing(causes: ["x%", "_", "'"], fingerprints: ["\n"]).isEmpty, "nothing typed is a pattern")
            #expect(try store.causeTags() == ["config-push": [push], "dns": [push], "config": [other]])
            #expect(try KnownCauses.tags(in: store, except: push) == ["config": [other]])
        }
    }

    @Test("A new incident repeats the earlier one it shares a tag or an alert with, found through the index", arguments: StoreBackend.all)
    func repeats(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let first = try Self.incident(store, title: "Config push broke checkout", tags: ["config-push"], offset: 0)
            try Self.incident(store, title: "Fixed already", tags: ["config-push"], open: false, offset: 5)
            let alerted = try Self.incident(store, title: "Same alert", tags: [], alert: Self.alert("5f1c0a"), offset: 10)
            let id = try Self.incident(store, title: "Checkout 500s again", tags: ["config-push"], alert: Self.alert("5f1c0a"), offset: 1_000)
            let state = try #require(IncidentState.fold(try store.events(of: id, after: 0).map(\.event)))
            let found = try KnownCauses.repeats(of: state, in: store)
            #expect(found.map(\.earlier) == [first, alerted], "the one whose item was done is no repeat: \(found)")
            #expect(found.first?.causes == ["config-push"] && found.last?.fingerprints == ["alertmanager:5f1c0a"])
        }
    }

    @Test("An alert seen before: its incidents found as precedents, newest first, and ranked first among the similar ones",
          arguments: StoreBackend.all)
    func precedents(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let older = try Self.incident(store, title: "Ledger sync stalled", tags: [], alert: Self.alert("77aa01"), offset: 0)
            try Self.incident(store, title: "Checkout 500s after deploy", tags: [], offset: 5)
            let newer = try Self.incident(store, title: "Disk full on db-3", tags: [], alert: Self.alert("77aa01"), open: false, offset: 10)
            try Self.incident(store, title: "Other alert", tags: [], alert: Self.alert("99bb02"), offset: 20)
            let id = try Self.incident(store, title: "Checkout 500s", tags: [], alert: Self.alert("77aa01"), offset: 1_000)
            let later = try Self.incident(store, title: "Later, same alert", tags: [], alert: Self.alert("77aa01"), offset: 2_000)
            let state = try #require(IncidentState.fold(try store.events(of: id, after: 0).map(\.event)))
            let found = try KnownCauses.precedents(of: state, in: store)
            #expect(found.map(\.incident) == [newer, older], "newest first; none declared after it (\(later)), none with another alert")
            #expect(found.map(\.unfinished) == [0, 1])
            #expect(found.last?.title == "Ledger sync stalled")
            // Similar incidents: the shared alerts outrank the shared words ("Checkout 500s").
            let similar = try SimilarIncident.find(for: state, in: store, now: Timestamp(millis: baseTime.millis + 3_000))
            #expect(Set(similar.map(\.hit.incident)) == [older, newer, later], "\(similar.map(\.hit.incident))")
            #expect(similar.allSatisfy { $0.sharedAlert })
            #expect(similar.first { $0.hit.incident == older }?.openActionItems.map(\.text) == ["Validate configs"])
            #expect(!similar.contains { $0.hit.title == "Checkout 500s after deploy" }, "words alone rank below three shared alerts")
            let quiet = try #require(IncidentState.fold(try store.events(of: "INC-2", after: 0).map(\.event)))
            #expect(try KnownCauses.precedents(of: quiet, in: store).isEmpty, "no alert, no precedent")
        }
    }

    @Test("A schema-3 store gets the columns on opening, and its incidents with alerts are indexed again with their fingerprints",
          arguments: StoreBackend.all)
    func migratesFromSchemaThree(_ backend: StoreBackend) throws {
        try backend.withLocation { location in
            do {
                let store = try location.open()
                try Self.incident(store, title: "Alerted", tags: [], alert: Self.alert("abc"), offset: 0)
                try Self.incident(store, title: "Quiet", tags: [], offset: 10)
                _ = try SearchIndex.refresh(store)
            }
            switch location {
            case .sqlite(let path):
                try rawSQL(path, "ALTER TABLE search_docs DROP COLUMN causes; ALTER TABLE search_docs DROP COLUMN fingerprints; "
                           + "UPDATE search_mark SET indexed = written; PRAGMA user_version = 3;")
            case .postgreSQL:
                let name = try #require(TestPostgres.database(of: location))
                _ = try TestPostgres.running().adminSQL(
                    "ALTER TABLE search_docs DROP COLUMN causes, DROP COLUMN fingerprints; UPDATE warroom_schema SET version = 3;", database: name)
            }
            let store = try location.open()
            #expect(Set(try store.indexedSequences().keys) == ["INC-2"], "the alerted incident's document is made again")
            _ = try SearchIndex.refresh(store)
            #expect(try store.incidentsSharing(causes: [], fingerprints: ["alertmanager:abc"]) == ["INC-1"])
        }
    }
}
