import Foundation
import Testing
import WarRoomCore
@testable import WarRoomStore

/// The incidents as the list loads them, on each backend: closed ones the index shows level with
/// their log are not folded (unless asked for); one the index lags is; nothing is folded twice.
@Suite struct IncidentDirectoryTests {
    static func append(_ store: any EventStore, _ id: IncidentID, _ payload: EventPayload, offset: Int64) throws {
        let last = try store.incidents().first { $0.id == id }?.lastSequence ?? 0
        _ = try store.append(to: id, knownSequence: last) { _ in [SearchStoreTests.event(id, payload, offset: offset)] }
    }

    @Test("Closed and indexed: left out without folding; asked for: listed; reopened: listed again", arguments: StoreBackend.all)
    func closedLeftOut(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let open = try LinkStoreTests.declare(store, "Checkout errors", offset: 0)
            let closed = try LinkStoreTests.declare(store, "Old DNS outage", offset: 10)
            try Self.append(store, closed, .postmortemStatusChanged(PostmortemStatusChange(status: .final)), offset: 20)
            for (n, status) in [IncidentStatus.monitoring, .resolved, .closed].enumerated() {
                try Self.append(store, closed, .statusChanged(StatusChange(to: status, reason: "done", overridden: true)), offset: 30 + Int64(n))
            }
            let directory = IncidentDirectory(store: store)
            let first = try directory.load(includeClosed: false)
            #expect(first.states.map(\.id) == [open], "the closed one is left out")
            #expect(try store.indexedStatuses()[closed]?.status == .closed, "the list brought the index level")
            #expect(try directory.load(includeClosed: true).states.map(\.id).sorted() == [open, closed].sorted())
            // Reopened: its document lags until the next refresh, and it is folded either way.
            try Self.append(store, closed, .statusChanged(StatusChange(to: .investigating, reopen: true, reason: "it is back")), offset: 100)
            let again = try directory.load(includeClosed: false)
            #expect(again.states.map(\.id).sorted() == [open, closed].sorted())
            #expect(again.states.first { $0.id == closed }?.status == .investigating)
        }
    }
}
