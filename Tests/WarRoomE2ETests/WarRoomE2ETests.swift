import Foundation
import Testing

/// The real `warroom` binary in a real terminal: each test runs it in a private tmux server
/// (`tmux -L <unique>`, 120×40, TERM=tmux-256color) with its own store, HOME and XDG directories,
/// types and pastes into it, and reads the screen back with `capture-pane`, polling with a
/// deadline instead of sleeping.
@Suite("End to end under tmux", .serialized)
struct WarRoomE2ETests {
    // MARK: 1. Typing

    @Test("A line typed and entered shows in the timeline and is stored with its author")
    func typedEntryIsShownAndStored() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        let tmux = try TmuxServer(sandbox)
        defer { tmux.kill() }
        try tmux.start(sandbox.paneCommand(["open"]))
        tmux.waitForWarRoom()

        tmux.type("db primary failed over to replica-2")
        tmux.waitFor("the typed text in the input line") { $0.inputLine.contains("db primary failed over to replica-2") }
        tmux.keys("Enter")
        let screen = tmux.waitFor("the entry as a timeline row by alice") { screen in
            screen.lines.contains { $0.hasPrefix("│") && $0.contains("alice") && $0.contains("db primary failed over to replica-2") }
        }
        #expect(screen.map { !$0.inputLine.contains("db primary") } == true, "Enter empties the input line")

        let entries = try sandbox.timeline().filter { $0["text"] as? String == "db primary failed over to replica-2" }
        #expect(entries.count == 1, "stored exactly once")
        #expect(entries.first?["author"] as? String == "alice")
        #expect(entries.first?["kind"] as? String == "note")
    }

    // MARK: 2. Other writers

    @Test("An entry logged by another process appears on screen within about a second")
    func otherProcessEntryAppearsLive() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        let tmux = try TmuxServer(sandbox)
        defer { tmux.kill() }
        try tmux.start(sandbox.paneCommand(["open"]))
        tmux.waitForWarRoom()

        sandbox.ok("log", "from another shell", env: ["USER": "bob"])
        let committed = Date()
        let screen = tmux.waitFor("bob's entry from another process") { screen in
            screen.lines.contains { $0.contains("bob") && $0.contains("from another shell") }
        }
        let elapsed = Date().timeIntervalSince(committed)
        #expect(screen != nil)
        // The war room polls every 250 ms; allow for a loaded 2-core CI machine.
        #expect(elapsed < 2.0, "the entry took \(elapsed)s to show; the war room should pick it up within about a second")
    }

    // MARK: 3. Resize

    @Test("Shrinking to 40×12 shows the tab layout; growing back gives exactly a fresh 120×40 screen")
    func resizeRoundTripMatchesFreshStart() throws {
        try Sandbox.requireBinary()
        // A pinned clock makes every cell deterministic, so whole screens can be compared.
        let sandbox = try Sandbox(now: "2026-11-28T14:10:00Z")
        defer { sandbox.cleanUp() }
        sandbox.ok("declare", "--title", "Checkout errors", "--severity", "SEV2", "--service", "checkout-api",
                   "--started-at", "13:50", "--detected-at", "13:58") // alice, the declarer, is IC
        sandbox.ok("hypothesis", "add", "bad", "config", "deploy", "--owner", "bob", "--timebox", "15m")
        sandbox.ok("log", "rolled back to v41", "--kind", "action", "--at", "14:05")
        sandbox.ok("log", "error rate falling", "--kind", "finding", "--as", "carol")

        let tmux = try TmuxServer(sandbox)
        defer { tmux.kill() }
        try tmux.start(sandbox.paneCommand(["open"]))
        tmux.waitForWarRoom()

        tmux.resize(width: 40, height: 12)
        let small = tmux.waitFor("the one-pane layout with its tab bar") { $0.text.contains("1 Timeline") }
        #expect(small.map { $0.lines.allSatisfy { $0.count <= 40 } } == true, "nothing drawn past column 40:\n\(small?.text ?? "")")
        #expect(small?.lines.first?.hasPrefix(" INC-1") == true)

        tmux.resize(width: 120, height: 40)
        tmux.waitFor("the two-column layout again") { screen in
            !screen.text.contains("1 Timeline") && screen.text.contains("┌ Hypotheses") && screen.text.contains("┌ Roles")
                && screen.lines.count == 40
        }

        try tmux.start(sandbox.paneCommand(["open"]), session: "fresh")
        let fresh = try #require(tmux.waitForWarRoom(target: "fresh"))
        #expect(fresh.text.contains("rolled back to v41") && fresh.text.contains("error rate falling"))
        var resized = tmux.capture()
        let deadline = Date().addingTimeInterval(5)
        while resized != fresh && Date() < deadline {
            usleep(50_000)
            resized = tmux.capture()
        }
        let differing = zip(resized.lines, fresh.lines).enumerated().filter { $0.element.0 != $0.element.1 }
            .map { "row \($0.offset):\n  resized: \($0.element.0)\n  fresh:   \($0.element.1)" }
        #expect(resized == fresh, "after 40×12 → 120×40 the screen differs from a fresh start:\n\(differing.joined(separator: "\n"))")
    }

    // MARK: 4. Hostile text

    @Test("Escape sequences, carriage returns and bidi overrides, typed, pasted or logged, stay inert")
    func hostileTextStaysInert() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        let tmux = try TmuxServer(sandbox)
        defer { tmux.kill() }
        try tmux.start(sandbox.paneCommand(["open"]))
        tmux.waitForWarRoom()
        let titleBefore = tmux.display("#{pane_title}")

        // Pasted: OSC 0 (set the title), CSI 2 J (clear the screen), a bare CR and U+202E.
        tmux.paste("pasted\u{1B}]0;pwned\u{07} mid\u{1B}[2J x\ry \u{202E}evil")
        tmux.waitFor("the pasted text in the input line") { $0.inputLine.contains("pasted") && $0.inputLine.contains("evil") }
        tmux.keys("Enter")
        tmux.waitFor("the pasted entry as a row") { screen in
            screen.lines.contains { $0.hasPrefix("│") && $0.contains("pasted") && $0.contains("pwned") }
        }
        // Typed key by key: the override must not reorder the row.
        tmux.type("typed \u{202E}mirror")
        tmux.keys("Enter")
        tmux.waitFor(text: "typed <U+202E>mirror")
        // From another process, stored byte for byte.
        let hostile = "logged\u{1B}]0;pwned\u{07} a\u{1B}[2J b\rc \u{202E}rev"
        sandbox.ok("log", hostile, env: ["USER": "bob"])
        let screen = try #require(tmux.waitFor(text: "logged^[]0;pwned^G a^[[2J b^Mc <U+202E>rev"))

        #expect(tmux.display("#{pane_title}") == titleBefore, "an entry changed the terminal's title")
        #expect(screen.lines.count == 40)
        #expect(screen.lines.first?.hasPrefix(" INC-1") == true, "header lost:\n\(screen.text)")
        #expect(Self.boxesIntact(screen), "a pane border was overwritten:\n\(screen.text)")
        #expect(screen.text.contains("<U+202E>evil"), "the pasted override shows as <U+202E>:\n\(screen.text)")
        #expect(!screen.text.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B || $0.value == 0x0D },
                "a raw control or override reached the screen")

        // The drawn screen is what a fresh war room draws: nothing executed behind the app's back.
        try tmux.start(sandbox.paneCommand(["open", "--read-only"]), session: "fresh")
        let fresh = try #require(tmux.waitForWarRoom(target: "fresh"))
        #expect(Self.timelineBlock(tmux.capture()) == Self.timelineBlock(fresh),
                "the live timeline pane differs from a fresh draw of the same store")

        let stored = try sandbox.timeline()
        #expect(stored.contains { $0["text"] as? String == hostile && $0["author"] as? String == "bob" },
                "the logged text is stored byte-exact")
        #expect(stored.contains { $0["text"] as? String == "typed \u{202E}mirror" && $0["author"] as? String == "alice" })
        #expect(stored.contains { ($0["text"] as? String)?.hasPrefix("pasted") == true })
    }

    /// Every row of the body is framed: `│…│` between a top and a bottom border, 120 columns wide.
    static func boxesIntact(_ screen: Screen) -> Bool {
        let lines = screen.lines
        guard let top = lines.firstIndex(where: { $0.hasPrefix("┌ Timeline") }),
              let bottom = lines.firstIndex(where: { $0.hasPrefix("└") }), top < bottom else { return false }
        guard lines[top].hasSuffix("┐"), lines[top].count == 120, lines[bottom].hasSuffix("┘"),
              lines[bottom].count == 120 else { return false }
        return lines[(top + 1)..<bottom].allSatisfy { row in
            let characters = Array(row)
            // Timeline box │…│ at 0 and 79; the sidebar's boxes from 80 to 119.
            return characters.count == 120 && characters[0] == "│" && characters[79] == "│"
                && "│┌└".contains(characters[80]) && "│┐┘".contains(characters[119])
        }
    }

    /// The timeline pane, from its top border to its bottom border, columns 0..<80.
    static func timelineBlock(_ screen: Screen) -> [String] {
        let lines = screen.columns(0..<80)
        guard let top = lines.firstIndex(where: { $0.hasPrefix("┌ Timeline") }),
              let bottom = lines.firstIndex(where: { $0.hasPrefix("└") }) else { return [] }
        return Array(lines[top...bottom])
    }

    // MARK: 5. Quitting

    @Test("Ctrl-Q restores the terminal; with unsent text it asks, n stays, y keeps a draft that comes back")
    func quitRestoresTerminalAndKeepsDraft() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        let tmux = try TmuxServer(sandbox)
        defer { tmux.kill() }
        let shellLine = sandbox.paneCommand(["open"]) + "; echo EXITED $?; sleep 5"

        // An empty line: Ctrl-Q quits at once.
        try tmux.start(shellLine, session: "quit1")
        tmux.waitForWarRoom(target: "quit1")
        #expect(tmux.display("#{alternate_on}", target: "quit1") == "1", "the war room uses the alternate screen")
        let recording = sandbox.directory.appendingPathComponent("pane-bytes").path
        tmux.ok("pipe-pane", "-o", "-t", "quit1", "cat >> \(recording)")
        tmux.keys("C-q", target: "quit1")
        let after = tmux.waitFor("the shell's EXITED line", target: "quit1") { $0.text.contains("EXITED ") }
        #expect(after?.text.contains("EXITED 0") == true, "exit status 0 after Ctrl-Q:\n\(after?.text ?? "")")
        #expect(after.map { !$0.text.contains("┌ Timeline") } == true, "the war room is gone from the screen")
        #expect(tmux.display("#{alternate_on}", target: "quit1") == "0", "back on the normal screen")
        #expect(tmux.display("#{cursor_flag}", target: "quit1") == "1", "the cursor is visible again")
        let deadline = Date().addingTimeInterval(5)
        var bytes = ""
        while !bytes.contains("\u{1B}[?2004l") && Date() < deadline {
            usleep(50_000)
            bytes = FileManager.default.contents(atPath: recording).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        #expect(bytes.contains("\u{1B}[?2004l"), "bracketed paste is turned off on the way out")

        // Unsent text: asks first; n stays; y quits and keeps it as a draft.
        try tmux.start(shellLine, session: "quit2")
        tmux.waitForWarRoom(target: "quit2")
        tmux.type("half-typed status note", target: "quit2")
        tmux.waitFor("the text in the input line", target: "quit2") { $0.inputLine.contains("half-typed status note") }
        tmux.keys("C-q", target: "quit2")
        tmux.waitFor("the quit question", target: "quit2") { $0.footer.contains("Quit anyway?") }
        tmux.keys("n", target: "quit2")
        let stayed = tmux.waitFor("the question answered no", target: "quit2") { !$0.footer.contains("Quit anyway?") }
        #expect(stayed?.inputLine.contains("half-typed status note") == true, "n keeps the text in the line")
        #expect(stayed?.inputLine.contains("half-typed status noten") == false, "the n answers; it is not typed")
        #expect(tmux.display("#{alternate_on}", target: "quit2") == "1", "n stays in the war room")
        tmux.keys("C-q", target: "quit2")
        tmux.waitFor("the quit question again", target: "quit2") { $0.footer.contains("Quit anyway?") }
        tmux.keys("y", target: "quit2")
        let quit = tmux.waitFor("the shell's EXITED line", target: "quit2") { $0.text.contains("EXITED ") }
        #expect(quit?.text.contains("EXITED 0") == true)
        #expect(quit?.text.contains("unsent text was kept as a draft") == true, "says where the text went:\n\(quit?.text ?? "")")
        #expect(Array(sandbox.drafts.values) == ["half-typed status note"])

        // The next start offers it back; Enter records it and the draft goes.
        try tmux.start(sandbox.paneCommand(["open"]), session: "quit3")
        let restored = tmux.waitFor("the restored draft", target: "quit3") { $0.footer.contains("Restored the unsent text") }
        #expect(restored?.inputLine.contains("half-typed status note") == true, "the draft is back in the input line")
        tmux.keys("Enter", target: "quit3")
        tmux.waitFor("the draft recorded", target: "quit3") { screen in
            screen.lines.contains { $0.hasPrefix("│") && $0.contains("alice") && $0.contains("half-typed status note") }
        }
        #expect(try sandbox.timeline().contains { $0["text"] as? String == "half-typed status note" })
        #expect(sandbox.drafts.isEmpty, "a recorded draft is not offered again")
    }

    // MARK: 6. Terminal death

    @Test("Killing the terminal (SIGHUP) keeps unsent text as a draft and every acknowledged entry")
    func terminalDeathKeepsDraftAndEntries() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        let first = try TmuxServer(sandbox, label: "dies")
        defer { first.kill() }
        // `exec` so the pane's process is the war room itself.
        try first.start("exec " + sandbox.paneCommand(["open"]))
        first.waitForWarRoom()
        let acknowledged = ["paged the payments on-call", "disabled the canary", "cache hit rate down to 12%"]
        for entry in acknowledged {
            first.type(entry)
            first.keys("Enter")
            first.waitFor("“\(entry)” in the timeline") { screen in
                screen.lines.contains { $0.hasPrefix("│") && $0.contains(entry) }
            }
        }
        first.type("suspect the new connection pool")
        first.waitFor("the unsent text in the input line") { $0.inputLine.contains("suspect the new connection pool") }
        let pid = try #require(pid_t(first.display("#{pane_pid}")), "no pane pid")
        let command = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
        #expect(command == "warroom", "the pane's process is the war room itself, not \(command ?? "nothing")")

        first.kill()
        let deadline = Date().addingTimeInterval(10)
        while TmuxServer.isRunning(pid) && Date() < deadline { usleep(50_000) }
        #expect(!TmuxServer.isRunning(pid), "the war room (pid \(pid)) is still running 10 s after its terminal went away")

        let second = try TmuxServer(sandbox, label: "again")
        defer { second.kill() }
        try second.start(sandbox.paneCommand(["open"]))
        let restored = second.waitFor("the draft offered back") { $0.footer.contains("Restored the unsent text") }
        #expect(restored?.inputLine.contains("suspect the new connection pool") == true,
                "the unsent text is back in the input line:\n\(restored?.text ?? "")")
        let stored = try sandbox.timeline()
        for entry in acknowledged {
            #expect(stored.contains { $0["text"] as? String == entry && $0["author"] as? String == "alice" },
                    "acknowledged entry “\(entry)” is missing from the store")
        }
        #expect(!stored.contains { ($0["text"] as? String)?.contains("connection pool") == true }, "unsent text is not an entry")
    }

    @Test("Two war rooms on one incident keep their own drafts; a third is offered only the one whose terminal died")
    func twoWarRoomsTwoDrafts() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        let dies = try TmuxServer(sandbox, label: "dies2")
        defer { dies.kill() }
        let stays = try TmuxServer(sandbox, label: "stays")
        defer { stays.kill() }
        try dies.start("exec " + sandbox.paneCommand(["open"]))
        try stays.start(sandbox.paneCommand(["open"]))
        dies.waitForWarRoom()
        stays.waitForWarRoom()
        dies.type("alpha from the first terminal")
        stays.type("beta from the second terminal")
        dies.waitFor("alpha typed") { $0.inputLine.contains("alpha from the first terminal") }
        stays.waitFor("beta typed") { $0.inputLine.contains("beta from the second terminal") }
        let drafts = Set(sandbox.drafts.values)
        #expect(drafts == ["alpha from the first terminal", "beta from the second terminal"], "one draft each: \(drafts)")

        let pid = try #require(pid_t(dies.display("#{pane_pid}")), "no pane pid")
        dies.kill()
        let deadline = Date().addingTimeInterval(10)
        while TmuxServer.isRunning(pid) && Date() < deadline { usleep(50_000) }

        let third = try TmuxServer(sandbox, label: "third")
        defer { third.kill() }
        try third.start(sandbox.paneCommand(["open"]))
        let restored = third.waitFor("the dead war room's draft offered back") { $0.footer.contains("Restored the unsent text") }
        #expect(restored?.inputLine.contains("alpha from the first terminal") == true, "\(restored?.text ?? "")")
        #expect(restored?.inputLine.contains("beta") == false, "the running war room's draft stays its own")
        #expect(stays.capture().inputLine.contains("beta from the second terminal"), "the second war room still has its text")
    }

    // MARK: 7. Read-only

    @Test("--read-only shows READ-ONLY, records nothing and says why")
    func readOnlyRecordsNothing() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        let before = try sandbox.timeline()
        let tmux = try TmuxServer(sandbox)
        defer { tmux.kill() }
        try tmux.start(sandbox.paneCommand(["open", "--read-only"]))
        let screen = tmux.waitForWarRoom()
        #expect(screen?.lines.first?.contains("READ-ONLY") == true, "the header says READ-ONLY:\n\(screen?.text ?? "")")

        tmux.type("this must not be recorded")
        tmux.keys("Enter")
        let refused = tmux.waitFor("the footer's read-only explanation") { $0.footer.contains("read-only") }
        #expect(refused?.footer.contains("record from another terminal") == true, "footer: \(refused?.footer ?? "")")
        let after = try sandbox.timeline()
        #expect(after.count == before.count, "a read-only war room recorded something")
        #expect(!after.contains { ($0["text"] as? String)?.contains("must not be recorded") == true })
    }

    // MARK: 8. Multi-line paste

    @Test("A multi-line bracketed paste is one entry; a /command inside it does not run")
    func multiLinePasteIsOneEntry() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        let before = try sandbox.timeline()
        let tmux = try TmuxServer(sandbox)
        defer { tmux.kill() }
        try tmux.start(sandbox.paneCommand(["open"]))
        tmux.waitForWarRoom()

        tmux.paste("line one\nline two\n/sev 1 boom")
        tmux.waitFor("the whole paste in the input line") { $0.inputLine.contains("/sev 1 boom") }
        tmux.keys("Enter")
        tmux.waitFor("the pasted entry in the timeline") { screen in
            screen.lines.contains { $0.hasPrefix("│") && $0.contains("line one") }
        }

        let state = try sandbox.state()
        let after = try #require(state["timeline"] as? [[String: Any]])
        let added = after.filter { entry in !before.contains { $0["text"] as? String == entry["text"] as? String } }
        #expect(added.count == 1, "one paste, one entry; got \(added.map { $0["text"] ?? "" })")
        #expect(added.first?["text"] as? String == "line one\nline two\n/sev 1 boom")
        #expect(added.first?["author"] as? String == "alice")
        #expect(state["severity"] as? String == "SEV2", "the pasted /sev ran as a command")
    }

    // MARK: 9. Not a terminal

    @Test("With stdout not a terminal, warroom exits non-zero and points at warroom show")
    func notATerminal() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        for arguments in [["open"], []] {
            let output = sandbox.directory.appendingPathComponent("stdout-\(arguments.count)").path
            let result = sandbox.run(arguments, env: ["TERM": "xterm-256color"], stdout: output)
            let name = (["warroom"] + arguments).joined(separator: " ")
            #expect(!result.timedOut, "\(name) > file did not return")
            #expect(result.status != 0, "\(name) > file should fail: \(result)")
            #expect(result.err.contains("needs a terminal"), "\(name): \(result.err)")
            #expect(result.err.contains("warroom show"), "\(name) points at `warroom show`: \(result.err)")
            let written = FileManager.default.contents(atPath: output) ?? Data()
            #expect(written.isEmpty, "\(name) wrote to the non-terminal stdout: \(String(decoding: written, as: UTF8.self).debugDescription)")
        }
    }

    // MARK: 10. Sharing

    @Test("warroom share --socket starts the war room in a tmux session and prints the read-only attach command")
    func shareStartsSession() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        let tmux = try TmuxServer(sandbox, label: "share")
        defer { tmux.kill() }

        let result = sandbox.run(["share", "--socket", tmux.socket], timeout: 5)
        #expect(!result.timedOut, """
            `warroom share --socket \(tmux.socket)` had not returned after 5 s (it was killed) although it had \
            started the session: it must print the attach commands and exit
            """)
        #expect(result.status == 0, "share: \(result)")
        #expect(result.out.contains("tmux -L \(tmux.socket) attach -r -t warroom-INC-1"), "share printed: \(result.out)")

        let screen = tmux.waitForWarRoom(target: "warroom-INC-1")
        #expect(screen?.text.contains("Checkout errors") == true)
        #expect(tmux.display("#{window_width}x#{window_height}", target: "warroom-INC-1") == "120x40")
    }
}
