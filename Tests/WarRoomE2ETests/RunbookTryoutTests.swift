import Foundation
import Testing

/// The runbook view played on the real binary in a private tmux server: the strip offers the
/// service's runbook, F2 opens it, Tab and Enter ask to run a block, y runs it on the terminal
/// (its colours through), a key brings the war room back, and the record has the opening and the
/// run. Ctrl-C during a step stops the step, not the war room.
@Suite("Runbooks in the war room, on a terminal", .serialized)
struct RunbookTryoutTests {
    static let runbook = """
        ---
        service: checkout-api
        owner: payments
        last_tested: 2026-11-20
        tested_by: carol
        ---
        # Checkout: roll back

        ## Mitigation

        ```bash
        echo STEP-ONE-RAN
        printf '\\033[32mGREEN\\033[0m\\n'
        ```

        ```bash
        echo WAITING-FOR-CTRL-C; sleep 30; echo NEVER
        ```
        """

    @Test("Offer, open, run a block after y, come back with a key; Ctrl-C stops a step and the war room stays")
    func playsARunbook() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox(now: "2026-11-28T14:10:00Z")
        defer { sandbox.cleanUp() }
        sandbox.declare()
        let folder = sandbox.directory.appendingPathComponent("runbooks")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.runbook.write(to: folder.appendingPathComponent("checkout-rollback.md"), atomically: true, encoding: .utf8)
        let configDirectory = (sandbox.config as NSString).appendingPathComponent("warroom")
        try FileManager.default.createDirectory(atPath: configDirectory, withIntermediateDirectories: true)
        try "runbooks = \"\(folder.path)\"\n".write(toFile: configDirectory + "/config.toml", atomically: true, encoding: .utf8)

        let tmux = try TmuxServer(sandbox, label: "runbook")
        defer { tmux.kill() }
        try tmux.start(sandbox.paneCommand(["open"]) + "; echo WARROOM-ENDED; sleep 30", width: 100, height: 30)
        tmux.waitForWarRoom()
        tmux.waitFor(text: "Runbook checkout-rollback (service checkout-api; last tested 2026-11-20): F2 opens it")
        tmux.keys("F2")
        tmux.waitFor(text: "┌ Runbook: checkout-rollback")
        tmux.keys("Tab")
        tmux.keys("Enter")
        tmux.waitFor(text: "y runs it · any other key does not")
        tmux.keys("y")
        tmux.waitFor(text: "Press any key to go back to the war room")
        let coloured = tmux.run(["capture-pane", "-p", "-e", "-t", TmuxServer.session]).out
        #expect(coloured.contains("\u{1B}[32mGREEN"), "the block's colour reached the terminal: \(coloured.debugDescription)")
        #expect(tmux.capture().text.contains("STEP-ONE-RAN") && tmux.capture().text.contains("warroom: exit 0 in"))
        tmux.keys("Space")
        tmux.waitFor(text: "Block 1 of checkout-rollback: exit 0")
        tmux.keys("Tab")
        tmux.keys("Enter")
        tmux.waitFor(text: "y runs it")
        tmux.keys("y")
        tmux.waitFor(text: "WAITING-FOR-CTRL-C")
        tmux.keys("C-c")
        tmux.waitFor(text: "killed by SIGINT")
        tmux.keys("Escape")
        tmux.waitFor(text: "┌ Runbook: checkout-rollback")
        #expect(!tmux.capture().text.contains("WARROOM-ENDED"), "Ctrl-C stopped the step, not the war room")
        tmux.keys("Escape")
        tmux.waitFor(text: "ran step 2 of runbook")
        tmux.keys("C-q")
        tmux.waitFor(text: "WARROOM-ENDED")

        let runbooks = try #require(try sandbox.state()["runbooks"] as? [[String: Any]])
        #expect(runbooks.count == 1 && runbooks.first?["name"] as? String == "checkout-rollback", "\(runbooks)")
        let openings = runbooks.first?["openings"] as? [[String: Any]] ?? []
        #expect(openings.count == 1 && openings.first?["person"] as? String == sandbox.author
                && openings.first?["lastTested"] as? String == "2026-11-20T00:00:00Z", "opened once, by its author: \(openings)")
        let rows = try sandbox.timeline()
        let texts = rows.compactMap { $0["text"] as? String }
        #expect(texts.contains("Opened runbook checkout-rollback (last tested 2026-11-20)"), "\(texts)")
        let first = try #require(rows.first { ($0["text"] as? String)?.hasPrefix("ran step 1 of runbook checkout-rollback: echo STEP-ONE-RAN (+1 line) — exit 0") == true },
                                 "\(texts)")
        let run = try #require(first["run"] as? [String: Any])
        #expect(run["command"] as? [String] == ["bash", "-c", "echo STEP-ONE-RAN\nprintf '\\033[32mGREEN\\033[0m\\n'"])
        #expect((run["head"] as? [String])?.contains("GREEN") == true, "recorded without its colour: \(run)")
        let second = try #require(rows.first { ($0["text"] as? String)?.hasPrefix("ran step 2 of runbook checkout-rollback") == true })
        #expect((second["run"] as? [String: Any])?["signal"] as? Int == 2, "\(second)")
    }
}
