import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI

/// The links in a running war room: looked up before the first frame, and again a moment after
/// another process links this incident, so a parent sees a child join (and its clock) live.
@Suite("Runtime links")
struct LinkRuntimeTests {
    typealias S = FakeTerminal.Step

    @Test("A child linked by another process shows in the parent's pane within the refresh, with a notice")
    func childJoinsLive() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        var child = Scenario(now: t0 + .minutes(5), incident: "INC-2")
        child.must(.declare(Declaration(title: "Payments backlog", severity: .sev3)))
        h.store.appendAsAnotherProcess(child.events)
        var link = child
        let linked = link.must(.link(IncidentLink(other: "INC-1", kind: .parent)))
        _ = try h.run([[.wait(10), .snapshot("before"), .perform { h.store.appendAsAnotherProcess(linked) },
                        .wait(300), .snapshot("polled"), .wait(3_500), .snapshot("after"), S.key(.ctrl("q"))]], size: (120, 40))
        let lookUps = h.trace.filter { $0.effects.contains(.lookUpLinks) }
        #expect(lookUps.count >= 2, "at the start, and after the other process wrote: \(lookUps.map(\.message))")
        let answers = h.trace.compactMap { entry -> LinkFacts? in
            if case .linksLookedUp(let facts) = entry.message { return facts }
            return nil
        }
        #expect(answers.first?.known == ["INC-1", "INC-2"], "the store's incidents")
        #expect(answers.last?.related["INC-2"]?.title == "Payments backlog")
        let terminal = try #require(h.terminal)
        let before = try #require(terminal.snapshots["before"]).joined(separator: "\n")
        let after = try #require(terminal.snapshots["after"]).joined(separator: "\n")
        #expect(!before.contains("Children"), "\(before)")
        #expect(after.contains("Children (1)") && after.contains("INC-2 SEV3 investigating"), "\(after)")
        #expect(after.contains("PARENT of 1"), "\(after)")
        #expect(h.trace.contains { $0.message == .linksLookedUp(answers.last!) })
    }
}
