import Foundation
import Testing

/// `warroom exec` in a real terminal (a private tmux server): the command runs on a terminal of
/// its own sized like ours, its colours reach the screen, Ctrl-C typed reaches it, and whatever
/// way it ends the terminal is given back cooked and the entry records how.
@Suite("warroom exec on a terminal", .serialized)
struct ExecTerminalTests {
    /// The pane's shell line: `warroom exec -- ARGS…`, then its exit status and the terminal's
    /// modes as the shell sees them afterwards.
    static func shellLine(_ sandbox: Sandbox, _ command: [String]) -> String {
        "ulimit -c 0; " + sandbox.paneCommand(["exec", "--"] + command)
            + "; echo EXITED $?; echo MODES $(stty -a | tr -s ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig)'); sleep 30"
    }

    /// What a pane showed once `warroom exec -- command` and the shell after it were done, and
    /// the run the entry recorded.
    struct Ended {
        var screen: Screen?
        var run: [String: Any]
        var text: String { screen?.text ?? "" }
        var lines: [String] { screen?.lines.map { $0.trimmingCharacters(in: .whitespaces) } ?? [] }
        /// The modes line shows a cooked terminal again.
        var cooked: Bool {
            let modes = screen?.row(containing: "MODES")?.split(separator: " ") ?? []
            return modes.contains("icanon") && modes.contains("echo") && modes.contains("isig")
        }
    }

    /// Runs `warroom exec -- command` in a pane of a private tmux server on a store with INC-1;
    /// `meanwhile` acts on it once `ready` is on screen.
    static func exec(_ command: [String], label: String, width: Int = 120, height: Int = 40, ready: String? = nil,
                     meanwhile: (TmuxServer) throws -> Void = { _ in },
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> Ended {
        try Sandbox.requireBinary(sourceLocation: sourceLocation)
        let sandbox = try Sandbox(now: "2026-11-28T14:10:00Z")
        defer { sandbox.cleanUp() }
        sandbox.declare(sourceLocation: sourceLocation)
        let tmux = try TmuxServer(sandbox, label: label)
        defer { tmux.kill() }
        try tmux.start(shellLine(sandbox, command), width: width, height: height, sourceLocation: sourceLocation)
        if let ready { tmux.waitFor(text: ready, sourceLocation: sourceLocation) }
        try meanwhile(tmux)
        let screen = tmux.waitFor(text: "MODES", sourceLocation: sourceLocation)
        let row = try #require(try sandbox.timeline(sourceLocation: sourceLocation).last, sourceLocation: sourceLocation)
        let run = try #require(row["run"] as? [String: Any], "the last row records no command: \(row)", sourceLocation: sourceLocation)
        return Ended(screen: screen, run: run)
    }

    @Test("The command sees a terminal sized like ours, and its colours reach the screen unchanged")
    func terminalAndColours() throws {
        let script = "[ -t 0 ] && [ -t 1 ] && echo ON-A-TERMINAL; stty size; printf '\\033[31mRED\\033[0m\\n'; sleep 1"
        var coloured = ""
        let ended = try Self.exec(["sh", "-c", script], label: "exec", width: 100, height: 30, ready: "RED") { tmux in
            coloured = tmux.run(["capture-pane", "-p", "-e", "-t", TmuxServer.session]).out
        }
        // Whole lines: the confirmation quotes the command, words and all.
        #expect(ended.lines.contains("ON-A-TERMINAL") && ended.lines.contains("30 100"), "its own terminal, our size:\n\(ended.text)")
        #expect(ended.text.contains("EXITED 0") && ended.cooked, "\(ended.text)")
        #expect(coloured.contains("\u{1B}[31mRED"), "the colour reached the terminal: \(coloured.debugDescription)")
        #expect(ended.run["exitStatus"] as? Int == 0)
        #expect((ended.run["head"] as? [String])?.contains("RED") == true, "recorded without its colour: \(ended.run)")
    }

    @Test("Ctrl-C typed reaches the command, whose trap runs; the entry records its exit and the terminal is cooked again")
    func controlCReachesTheCommand() throws {
        let ended = try Self.exec(["sh", "-c", "trap \"echo got INT; exit 130\" INT; echo armed; sleep 30"], label: "exec-int",
                                  ready: "armed") { $0.keys("C-c") }
        // The terminal echoes the Ctrl-C as `^C` before the trap's line, as any terminal does.
        #expect(ended.lines.contains { $0 == "got INT" || $0 == "^Cgot INT" } && ended.text.contains("EXITED 130"), "\(ended.text)")
        #expect(ended.text.contains("warroom: INC-1 #") && ended.text.contains("exit 130"), "the entry is confirmed: \(ended.text)")
        #expect(ended.cooked, "the terminal is cooked again: \(ended.text)")
        #expect(ended.run["exitStatus"] as? Int == 130 && ended.run["signal"] is NSNull)
        #expect((ended.run["durationMillis"] as? Int).map { $0 < 25_000 } == true)
    }

    @Test("Ctrl-C ends a command that does not catch it: recorded as killed by SIGINT, warroom exits 130")
    func controlCKills() throws {
        let ended = try Self.exec(["sh", "-c", "echo sleeping; exec sleep 30"], label: "exec-kill", ready: "sleeping") { $0.keys("C-c") }
        #expect(ended.text.contains("EXITED 130") && ended.text.contains("killed by SIGINT"), "\(ended.text)")
        #expect(ended.cooked, "\(ended.text)")
        #expect(ended.run["signal"] as? Int == Int(SIGINT))
    }

    @Test("SIGTERM sent to warroom is passed on; the terminal is given back and the entry records it")
    func terminatedWarroom() throws {
        let ended = try Self.exec(["sh", "-c", "echo waiting; exec sleep 30"], label: "exec-term", ready: "waiting") { tmux in
            let shell = try #require(pid_t(tmux.display("#{pane_pid}")))
            let warroom = try #require(TmuxServer.descendants(of: shell).first, "no warroom under the pane's shell")
            kill(warroom, SIGTERM)
        }
        #expect(ended.text.contains("EXITED 143") && ended.text.contains("killed by SIGTERM"), "\(ended.text)")
        #expect(ended.cooked, "\(ended.text)")
        #expect(ended.run["signal"] as? Int == Int(SIGTERM))
    }
}
