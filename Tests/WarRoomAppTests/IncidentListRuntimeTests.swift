import Foundation
import Testing
import WarRoomApp
import WarRoomCore
import WarRoomScreen
import WarRoomTestSupport

/// The incident list, run on a fake terminal over a store in memory: live as other processes
/// declare and change incidents, each folded again only when its log grew.
@Suite("Runtime: incident list")
struct IncidentListRuntimeTests {
    static func declared(_ id: IncidentID, _ title: String, _ severity: Severity, at: Timestamp) -> [Event] {
        var scenario = Scenario(now: at, incident: id)
        scenario.must(.declare(Declaration(title: title, severity: severity)))
        return scenario.events
    }

    @Test("Another process's incident appears within a poll; Enter opens the selected one; q quits")
    func live() throws {
        let store = MemoryEventStore(Self.declared("INC-1", "Checkout errors", .sev2, at: t0)
                                     + Self.declared("INC-2", "Search latency", .sev3, at: t0 + .minutes(1)))
        let clock = FakeClock(wall: t0 + .minutes(10))
        let third = Self.declared("INC-3", "Region down", .sev1, at: t0 + .minutes(9))
        let terminal = FakeTerminal([.wait(10), .snapshot("before"), .perform { store.appendAsAnotherProcess(third) },
                                     .wait(1_000), .snapshot("after"), .input(.key(.down)), .input(.key(.enter))],
                                    clock: clock, size: (100, 20))
        let runtime = IncidentListRuntime(IncidentListRuntime.Setup(
            store: store, policy: .standard, storeName: "memory", theme: Theme(name: "plain", styles: [:]), noColor: false,
            clock: { clock.wall }, monotonicMillis: { clock.monotonic }, openTerminal: { terminal }))
        #expect(try runtime.run() == .open("INC-2"), "the row below INC-1, which stayed selected when INC-3 (SEV1) came first")
        let before = try #require(terminal.snapshots["before"])
        let after = try #require(terminal.snapshots["after"])
        #expect(before[0].contains("2 open incidents"), "\(before[0])")
        #expect(after[0].contains("3 open incidents"), "\(after[0])")
        #expect(after[2].hasPrefix("  INC-3") && after[2].contains("Region down"), "the most severe first: \(after[2])")
        #expect(after[3].hasPrefix("› INC-1"), "the selection stays on INC-1: \(after[3])")
        #expect(terminal.isShutDown)

        let quitting = FakeTerminal([.input(.key(.character("q")))], clock: clock)
        let again = IncidentListRuntime(IncidentListRuntime.Setup(
            store: store, policy: .standard, storeName: "memory", theme: Theme(name: "plain", styles: [:]), noColor: false,
            clock: { clock.wall }, monotonicMillis: { clock.monotonic }, openTerminal: { quitting }, selected: "INC-2"))
        #expect(try again.run() == .quit)
        #expect(quitting.screen.contains { $0.hasPrefix("› INC-2") }, "the incident just left is selected: \(quitting.screen)")
    }

    @Test("Rows: an incident is folded again only when its log grew; a child carries its parent")
    func foldsOnlyWhatGrew() throws {
        var child = Scenario(now: t0 + .minutes(2), incident: "INC-2")
        child.must(.declare(Declaration(title: "Payments backlog", severity: .sev3)))
        child.must(.link(IncidentLink(other: "INC-1", kind: .parent)))
        let store = MemoryEventStore(Self.declared("INC-1", "Region down", .sev1, at: t0) + child.events)
        let runtime = IncidentListRuntime(IncidentListRuntime.Setup(
            store: store, policy: .standard, storeName: "memory", theme: Theme(name: "plain", styles: [:]), noColor: false,
            clock: { t0 + .minutes(5) }))
        let first = try runtime.rows(now: t0 + .minutes(5))
        #expect(first.map(\.id).sorted() == ["INC-1", "INC-2"])
        #expect(first.first { $0.id == "INC-2" }?.parent == "INC-1")
        let reads = store.reads
        _ = try runtime.rows(now: t0 + .minutes(6))
        #expect(store.reads == reads, "nothing grew: nothing read again")
        var more = Scenario(now: t0 + .minutes(6), incident: "INC-1")
        more.state = IncidentState.fold(try store.events(of: "INC-1", after: 0).map(\.event))
        more.nextID = 500
        let reading = store.reads
        store.appendAsAnotherProcess(more.must(.setSeverity(.sev2, reason: "contained")))
        let rows = try runtime.rows(now: t0 + .minutes(7))
        #expect(store.reads == reading + 2, "only INC-1, which grew: once to index it, once to fold it")
        #expect(rows.first { $0.id == "INC-1" }?.severity == .sev2)
    }
}
