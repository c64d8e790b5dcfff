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
