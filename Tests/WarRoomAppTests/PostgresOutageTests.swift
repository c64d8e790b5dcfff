import Foundation
import Testing
import WarRoomApp
import WarRoomCore
import WarRoomDevServer
import WarRoomScreen
import WarRoomStore
import WarRoomTestSupport
import WarRoomUI

/// The war room on a real PostgreSQL server that goes away while someone types: the issue's
/// reliability case, with the real backend, the real spool and the real change signal; only
/// the terminal and the clock are scripted.
@Suite("The war room through a PostgreSQL outage")
struct PostgresOutageTests {
    @Test("Typing while the server is down for 30 s: every entry arrives once, in order, with the time it was typed; a conflicting queued command is reported to its author")
    func typingThroughAnOutage() throws {
        let server = try PostgresDevServer(.init(durable: false))
        defer { try? server.shutdown() }
        let url = try server.createDatabase(name: "outage")
        let store = try PostgresEventStore(url: url)
        let declared = Scenario.declared(.sev2, title: "Checkout errors")
        _ = try store.declare { _ in declared.events }
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        let spool = try Spool(stateDirectory: h.stateDirectory, store: store.identity)
        let clock = h.clock

        typealias S = FakeTerminal.Step
        var script: [[S]] = [[.perform { try? server.stop(mode: .immediate) }]]
        for n in 1...5 { script += [S.type("entry \(n)"), [S.key(.enter), .wait(5_000)]] }
        script += [S.type("/resolve! fixed by the rollback"), [S.key(.enter), .wait(5_000)]]
        // The server is back after 30 s, and another responder resolves first.
        script += [[.perform {
            try? server.start()
            do {
                let other = try PostgresEventStore(url: url)
                let known = try other.events(of: "INC-1", after: 0)
                let state = try #require(IncidentState.fold(known.map(\.event)))
                _ = try other.record(incident: "INC-1", onto: state, knownSequence: known.last?.sequence ?? 0, author: "dana",
                                     at: clock.wall, now: clock.wall, policy: .standard) { _ in
                    .setStatus(.status(.resolved), reason: "failover done", force: true)
                }
            } catch {
                Issue.record("the other responder could not resolve: \(error)")
            }
        }, .wait(45_000), .snapshot("after"), S.key(.ctrl("q"))]]

        let terminal = FakeTerminal(script.flatMap { $0 }, clock: clock, size: (100, 30))
        var trace: [Message] = []
        var setup = WarRoomRuntime.Setup(
            store: store, incident: "INC-1", author: "carol", policy: .standard, theme: Theme(name: "plain", styles: [:]),
            noColor: false, readOnly: false, drafts: h.drafts, log: nil, startNotice: nil,
            updatesDirectory: h.updatesDirectory, clock: { clock.wall }, monotonicMillis: { clock.monotonic },
            openTerminal: { terminal }, observe: { message, _ in trace.append(message) })
        setup.spool = spool
        _ = try WarRoomRuntime(setup).run()

        let stored = try PostgresEventStore(url: url).events(of: "INC-1", after: 0).map(\.event)
        let entries = stored.filter { $0.author == "carol" }
        #expect(entries.map(\.payload) == (1...5).map { .entry(Entry(kind: .note, text: "entry \($0)")) },
                "each entry once, in order, nothing else of carol's: \(entries.map(\.payload))")
        let times = entries.map(\.at.millis)
        #expect(zip(times.dropFirst(), times).allSatisfy { $0 - $1 == 5_000 }, "the times they were typed: \(times)")
        #expect(stored.filter { if case .statusChanged = $0.payload { return true }; return false }.map(\.author) == ["dana"],
                "one resolution, dana's")
        let refused = trace.contains { if case .deliveryRefused = $0 { return true }; return false }
        #expect(refused, "carol's queued /resolve is refused on delivery")
        let after = terminal.snapshots["after"]?.joined(separator: "\n") ?? ""
        #expect(after.contains("Not recorded") && after.contains("resolve"), "shown to carol: \(after)")
        #expect(try spool.count() == 0)
        #expect(try PostgresEventStore(url: url).health().integrity == "ok")
    }
}
