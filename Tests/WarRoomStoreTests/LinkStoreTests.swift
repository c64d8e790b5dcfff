import Foundation
import Testing
import WarRoomCore
@testable import WarRoomStore

/// The links between incidents as each backend reads them: the link events alone, through the
/// index on the type, and the incidents on their other ends folded.
@Suite struct LinkStoreTests {
    static func declare(_ store: any EventStore, _ title: String, links: [IncidentLinkChange] = [], offset: Int64) throws -> IncidentID {
        try store.declare { id in
            ([.declared(Declaration(title: title, severity: .sev2))] + links.map { .incidentLinked($0) } as [EventPayload])
                .enumerated().map { SearchStoreTests.event(id, $0.element, offset: offset + Int64($0.offset)) }
        }.0
    }

    static func link(_ store: any EventStore, _ id: IncidentID, _ change: IncidentLinkChange, offset: Int64) throws {
        let last = try store.incidents().first { $0.id == id }?.lastSequence ?? 0
        _ = try store.append(to: id, knownSequence: last) { _ in [SearchStoreTests.event(id, .incidentLinked(change), offset: offset)] }
    }

    @Test("Only link events are read, each log in record order; the graph and the related incidents follow", arguments: StoreBackend.all)
    func graph(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let parent = try Self.declare(store, "Region outage", offset: 0)
            let payments = try Self.declare(store, "Payments backlog", links: [IncidentLinkChange(other: parent, kind: .related)], offset: 10)
            let checkout = try Self.declare(store, "Checkout errors", links: [IncidentLinkChange(other: parent, kind: .parent)], offset: 20)
            _ = try Self.declare(store, "Unrelated", offset: 30)
            // The kind changed, later, in another write.
            try Self.link(store, payments, IncidentLinkChange(other: parent, kind: .parent), offset: 40)
            try Self.link(store, checkout, IncidentLinkChange(other: "INC-404", kind: .causedBy), offset: 50)

            let events = try store.events(ofType: .incidentLinked)
            #expect(events.count == 4)
            #expect(events.allSatisfy { $0.payload.eventType == .incidentLinked })
            #expect(events.map(\.incident) == [checkout, checkout, payments, payments].sorted(), "by incident, then record order")

            let graph = try IncidentLinks.graph(in: store)
            #expect(graph.children(of: parent).sorted() == [checkout, payments].sorted())
            #expect(graph.links[payments] == [IncidentLink(other: parent, kind: .parent)], "the later kind")
            let related = try IncidentLinks.related(to: checkout, graph: graph, in: store)
            #expect(related.keys.sorted() == [parent], "INC-404 is not in this store: left out")
            #expect(related[parent]?.title == "Region outage")
            let children = try IncidentLinks.related(to: parent, graph: graph, in: store)
            #expect(children.mapValues(\.title) == [checkout: "Checkout errors", payments: "Payments backlog"])
            #expect(try store.events(ofType: .causeTagged).isEmpty)
        }
    }

    @Test("A store's events of a type come the same from the index as from reading every log", arguments: StoreBackend.all)
    func sameAsScan(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let first = try Self.declare(store, "One", links: [IncidentLinkChange(other: "INC-9", kind: .related)], offset: 0)
            _ = try Self.declare(store, "Two", links: [IncidentLinkChange(other: first, kind: .child),
                                                       IncidentLinkChange(other: first, kind: .child, removed: true)], offset: 10)
            let scanned = try store.incidents().sorted { $0.id < $1.id }.flatMap { record in
                try store.events(of: record.id, after: 0).map(\.event).filter { $0.payload.eventType == .incidentLinked }
            }
            #expect(try store.events(ofType: .incidentLinked) == scanned)
            #expect(scanned.count == 3)
            #expect(try IncidentLinks.graph(in: store).relations(of: first).map(\.other) == ["INC-9"], "the child link was taken off")
        }
    }
}
