import Foundation
import Testing
import WarRoomCore
import WarRoomStore

/// Deliveries are queued inside the append of the event that causes them, on every backend and
/// every record path: the CLI's and the war room's records, declarations, and the spool's
/// deliveries (whose ids are fixed, so a retry after a lost answer queues nothing twice).
@Suite struct DeliveryQueueingTests {
    /// Every status update and declaration goes to `slack` and `pager`.
    struct Routing: DeliveryRouting {
        func orders(for event: Event, before: IncidentState?, after: IncidentState) -> [DeliveryOrder] {
            switch event.payload {
            case .updatePosted, .declared:
                ["slack", "pager"].map { DeliveryOrder(destination: $0, cause: event.id, notice: "n", key: "\($0)-\(event.id)") }
            default: []
            }
        }
    }

    func queued(_ events: [StoredEvent]) -> [(String, UUID)] {
        events.compactMap {
            if case .delivery(let record) = $0.event.payload, let order = record.order { (order.destination, order.cause) } else { nil }
        }
    }

    @Test("A recorded update and its deliveries are one append; a note queues nothing", arguments: StoreBackend.all)
    func recordQueues(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let entry = SpoolEntry(incident: nil, knownSequence: 0, commands: [.declare(Declaration(title: "t", severity: .sev2))],
                                   author: "alice", at: baseTime, recordedAt: baseTime, summary: "declare")
            let (id, declared) = try store.declare(entry, policy: .standard, now: baseTime, routing: Routing())
            #expect(queued(declared).map(\.0) == ["slack", "pager"], "the declaration's deliveries are in its transaction")
            #expect(queued(declared).allSatisfy { $0.1 == declared[0].event.id })
            let state = try #require(IncidentState.fold(declared.map(\.event)))
            let last = declared.last?.sequence ?? 0
            let note = try store.record(incident: id, onto: state, knownSequence: last, author: "alice", at: baseTime, now: baseTime,
                                        policy: .standard, routing: Routing()) { _ in .log(Entry(kind: .note, text: "looking")) }
            #expect(note.written == 1 && queued(note.events).isEmpty)
            let noted = IncidentState.fold(note.events.map(\.event), onto: state) ?? state
            let update = try store.record(incident: id, onto: noted, knownSequence: note.events.last?.sequence ?? last, author: "alice",
                                          at: baseTime, now: baseTime, policy: .standard, firstID: UUID(), routing: Routing()) { _ in
                .postUpdate(audience: .customers, text: "We are on it.")
            }
            #expect(update.written == 3, "the update and two queued deliveries")
            let cause = try #require(update.events.first { if case .updatePosted = $0.event.payload { true } else { false } })
            #expect(queued(update.events).map(\.0) == ["slack", "pager"] && queued(update.events).allSatisfy { $0.1 == cause.event.id })
            let stored = try store.events(of: id, after: 0)
            let folded = try #require(IncidentState.fold(stored.map(\.event)))
            #expect(folded.outbox.deliveries.count == 4 && folded.anomalies.isEmpty)
        }
    }

    @Test("A spool entry delivered twice (its first answer lost) queues its deliveries once", arguments: StoreBackend.all)
    func spoolRetryQueuesOnce(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let id = try declareIncident(store)
            let state = try #require(IncidentState.fold(try store.events(of: id, after: 0).map(\.event)))
            let entry = SpoolEntry(incident: id, knownSequence: 1, commands: [.postUpdate(audience: .engineering, text: "Rolling back.")],
                                   author: "bob", at: baseTime, recordedAt: baseTime, summary: "/update")
            let first = try store.record(entry, onto: state, knownSequence: 1, policy: .standard, now: baseTime, routing: Routing())
            #expect(first.written == 3)
            let again = try store.record(entry, onto: state, knownSequence: 1, policy: .standard, now: baseTime, routing: Routing())
            #expect(again.written == 0, "found written: nothing decided or queued again")
            let folded = try #require(IncidentState.fold(try store.events(of: id, after: 0).map(\.event)))
            #expect(folded.outbox.deliveries.map(\.destination) == ["slack", "pager"])
            // The queued steps' ids come from the entry's, so any retry would carry the same ones.
            let ids = try store.events(of: id, after: 0).map(\.event.id)
            #expect(ids.contains(entry.eventID(1)) && ids.contains(entry.eventID(2)))
        }
    }
}
