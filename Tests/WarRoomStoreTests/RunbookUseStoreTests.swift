import Foundation
import Testing
import WarRoomCore
import WarRoomStore

/// Runbooks opened and linked in the war room, on every backend: recorded through the store's
/// deciding append, read back by a second connection exactly, and folded into the incident's
/// runbooks.
@Suite struct RunbookUseStoreTests {
    @Test("Openings and links are stored, read back exactly and folded; a second link is refused by the store's append",
          arguments: StoreBackend.all)
    func roundTrip(_ backend: StoreBackend) throws {
        try backend.withStore { store, location in
            let id = try declareIncident(store)
            let tested = Timestamp(millis: baseTime.millis - 8 * 86_400_000)
            let uses = [RunbookUse(runbook: "checkout-rollback", action: .opened, lastTested: tested),
                        RunbookUse(runbook: "db-failover", action: .linked),
                        RunbookUse(runbook: "café-ünïcode", action: .opened)]
            var events: [Event] = []
            for (index, use) in uses.enumerated() {
                let at = Timestamp(millis: baseTime.millis + Int64(index))
                let made = try store.append(to: id, knownSequence: 0) { stored in
                    try Incident.record(.useRunbook(use), incident: id, state: IncidentState.fold(stored.map(\.event)),
                                        author: index == 1 ? "bob" : "alice", at: at, now: at, policy: .standard, makeID: { UUID() })
                }
                events += made.events.suffix(made.written).map(\.event)
            }
            let read = try location.open().events(of: id, after: 1).map(\.event)
            #expect(events.count == 3 && Array(read.suffix(3)) == events)
            let state = try #require(IncidentState.fold(try store.events(of: id, after: 0).map(\.event)))
            #expect(state.runbooks.map(\.name) == ["checkout-rollback", "db-failover", "café-ünïcode"])
            #expect(state.runbooks[0].openings.first?.lastTested == tested && state.runbooks[1].linked?.person == "bob")
            #expect(throws: CommandError.runbookAlreadyLinked("db-failover")) {
                _ = try store.append(to: id, knownSequence: 0) { stored in
                    try Incident.record(.useRunbook(uses[1]), incident: id, state: IncidentState.fold(stored.map(\.event)), author: "carol",
                                        at: baseTime, now: baseTime, policy: .standard, makeID: { UUID() })
                }
            }
        }
    }
}
