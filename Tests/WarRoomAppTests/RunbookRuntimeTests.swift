import Foundation
import Testing
import WarRoomApp
import WarRoomConfig
import WarRoomCore
import WarRoomTestSupport
import WarRoomUI
import WarRoomScreen

/// The runbook view in the running war room: the opening is recorded in the store, and a code
/// block confirmed with y runs on the terminal lent to it (suspended, then taken back) and is
/// recorded as an action entry with its run.
@Suite("Runtime: runbooks")
struct RunbookRuntimeTests {
    typealias S = FakeTerminal.Step

    static let runbook = RunbookFile.parse("""
        ---
        service: checkout-api
        last_tested: 2026-11-20
        ---
        # Roll back

        ```bash
        kubectl rollout undo deployment/checkout-api
        ```
        """, name: "checkout-rollback", file: "runbooks/checkout-rollback.md").runbook

    @Test("F2, Tab, Enter, y: the step runs with the terminal lent to it, and the store has the opening and the entry")
    func runsAStep() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        var steps: [RunbookStep] = []
        var suspendedWhileRunning = false
        let run = CommandRun(command: ["bash", "-c", "kubectl rollout undo deployment/checkout-api"], exitStatus: 0,
                             durationMillis: 1_250, outputBytes: 38, outputLines: 1, head: ["deployment.apps/checkout-api rolled back"], tail: [])
        h.configure = { setup in
            setup.runbooks = RunbookLibrary([Self.runbook])
            setup.runCommand = { step in
                steps.append(step)
                suspendedWhileRunning = h.terminal?.suspensions == 1 && h.terminal?.resumptions == 0
                return run
            }
        }
        let outcome = try h.run([[S.key(.function(2)), S.key(.tab), S.key(.enter), S.key(.character("y")), .snapshot("after"),
                                  S.key(.escape), S.key(.ctrl("q"))]])
        #expect(outcome == .quit(.none))
        let script = "kubectl rollout undo deployment/checkout-api"
        #expect(steps == [RunbookStep(runbook: "checkout-rollback", block: 1, section: "Roll back", arguments: ["bash", "-c", script],
                                      script: script)])
        #expect(suspendedWhileRunning)
        #expect(h.terminal?.suspensions == 1 && h.terminal?.resumptions == 1)
        let stored = h.storedEvents.suffix(2).map(\.payload)
        #expect(stored == [
            .runbookUsed(RunbookUse(runbook: "checkout-rollback", action: .opened, lastTested: Timestamp(iso8601: "2026-11-20T00:00:00Z"))),
            .entry(Entry(kind: .action, text: "ran step 1 of runbook checkout-rollback: \(script) — exit 0 in 1.2 s", run: run)),
        ])
        let after = try #require(h.terminal?.snapshots["after"])
        #expect(after.last?.hasPrefix(" Block 1 of checkout-rollback: exit 0 in 1.2 s; recorded as #") == true, "\(after.joined(separator: "\n"))")
    }

    @Test("Without a runner (a wall display), Enter says so and nothing is lent or run")
    func noRunner() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        h.configure = { setup in setup.runbooks = RunbookLibrary([Self.runbook]) }
        _ = try h.run([[S.key(.function(2)), S.key(.tab), S.key(.enter), S.key(.character("y")), .snapshot("refused"), S.key(.ctrl("q"))]])
        #expect(h.terminal?.suspensions == 0)
        #expect(!h.storedEvents.contains { if case .entry = $0.payload { true } else { false } })
        let refused = try #require(h.terminal?.snapshots["refused"])
        #expect(refused.last?.contains("This war room cannot run commands") == true, "\(refused.joined(separator: "\n"))")
    }
}
