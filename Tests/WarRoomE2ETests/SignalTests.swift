import Foundation
import Testing

/// Signals sent to a running war room: every one whose default action ends the process gives the
/// terminal back (normal screen, cooked modes), keeps the draft, and ends the process by that
/// signal; a draft that cannot be saved is said on screen and printed on the way out.
@Suite("Signals and drafts under tmux", .serialized)
struct SignalTests {
    /// The shell line of a pane: no core files, the war room, then its exit status and the
    /// terminal's modes as the shell sees them afterwards.
    static func shellLine(_ sandbox: Sandbox, env: [String: String] = [:]) -> String {
        "ulimit -c 0; " + sandbox.paneCommand(["open"], env: env)
            + "; echo EXITED $?; echo MODES $(stty -a | tr -s ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig|opost)'); sleep 30"
    }

    /// The war room process of the pane (the shell's child).
    static func warroomPID(_ tmux: TmuxServer, target: String = TmuxServer.session) throws -> pid_t {
        let shell = try #require(pid_t(tmux.display("#{pane_pid}", target: target)))
        return try #require(TmuxServer.descendants(of: shell).first, "no war room under the pane's shell")
    }

    static let signals: [(name: String, number: Int32)] = [
        ("SIGUSR1", SIGUSR1), ("SIGUSR2", SIGUSR2), ("SIGALRM", SIGALRM), ("SIGPIPE", SIGPIPE),
        ("SIGVTALRM", SIGVTALRM), ("SIGPROF", SIGPROF), ("SIGXCPU", SIGXCPU), ("SIGXFSZ", SIGXFSZ),
        ("SIGIO", SIGIO), ("SIGPWR", SIGPWR), ("SIGRTMIN+3", __libc_current_sigrtmin() + 3),
        ("SIGTERM", SIGTERM), ("SIGHUP", SIGHUP), ("SIGINT", SIGINT), ("SIGQUIT", SIGQUIT),
    ]

    @Test("A fatal signal restores the terminal, keeps the draft and ends the process by that signal",
          arguments: signals.indices)
    func fatalSignal(index: Int) throws {
        let (name, number) = Self.signals[index]
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        let tmux = try TmuxServer(sandbox, label: "sig")
        defer { tmux.kill() }
        try tmux.start(Self.shellLine(sandbox))
        tmux.waitForWarRoom()
        #expect(tmux.display("#{alternate_on}") == "1")
        tmux.type("draft before \(name)")
        tmux.waitFor("the text in the input line") { $0.inputLine.contains("draft before \(name)") }
        kill(try Self.warroomPID(tmux), number)
        let after = tmux.waitFor("the shell's MODES line after \(name)") { $0.text.contains("MODES") }
        let text = after?.text ?? ""
        #expect(text.contains("EXITED \(128 + number)"), "\(name): the shell sees death by that signal:\n\(text)")
        #expect(tmux.display("#{alternate_on}") == "0", "\(name): back on the normal screen")
        #expect(tmux.display("#{cursor_flag}") == "1", "\(name): the cursor is visible again")
        let modes = text.split(separator: "\n").first { $0.hasPrefix("MODES") } ?? ""
        #expect(modes.split(separator: " ").contains("icanon") && modes.split(separator: " ").contains("echo"),
                "\(name): cooked mode and echo are back: \(modes)")
        #expect(text.contains("stopped by signal \(number)") && text.contains("unsent text kept as a draft"), "\(text)")
        #expect(Array(sandbox.drafts.values) == ["draft before \(name)"], "\(name): the draft is kept")
    }

    /// The screen's rows joined into one line: a long notice wraps above the input line, at words.
    static func notice(_ screen: String) -> String {
        screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    @Test("A draft that cannot be saved is said in the footer, printed on SIGTERM, and said again when saving works")
    func unsavableDraft() throws {
        try Sandbox.requireBinary()
        let sandbox = try Sandbox()
        defer { sandbox.cleanUp() }
        sandbox.declare()
        // A file where a directory must be: no draft can be written under it, even as root.
        let blocker = sandbox.directory.appendingPathComponent("blocked").path
        FileManager.default.createFile(atPath: blocker, contents: Data())
        let tmux = try TmuxServer(sandbox, label: "full")
        defer { tmux.kill() }
        try tmux.start(Self.shellLine(sandbox, env: ["XDG_STATE_HOME": blocker + "/state"]), session: "lost")
        tmux.waitForWarRoom(target: "lost")
        tmux.type("precious words", target: "lost")
        let warned = tmux.waitFor("the footer's warning", target: "lost") {
            $0.inputLine.contains("precious words") && Self.notice($0.text).contains("Your draft is NOT saved")
        }
        #expect(warned.map { Self.notice($0.text).contains("is not a directory") } == true, "\(warned?.text ?? "")")
        kill(try Self.warroomPID(tmux, target: "lost"), SIGTERM)
        let after = tmux.waitFor("the shell's MODES line", target: "lost") { $0.text.contains("MODES") }
        let text = after?.text ?? ""
        #expect(!text.contains("kept as a draft"), "it was not kept, so it must not say so:\n\(text)")
        #expect(text.contains("could NOT be saved as a draft") && text.contains("----- unsent text -----\nprecious words\n----- end -----"),
                "the text itself is printed:\n\(text)")
        #expect(text.contains("EXITED \(128 + SIGTERM)"))

        // Saving comes back: the footer says so once the way is clear.
        try tmux.start(Self.shellLine(sandbox, env: ["XDG_STATE_HOME": blocker + "/state"]), session: "back")
        tmux.waitForWarRoom(target: "back")
        tmux.type("second try", target: "back")
        // All of the text first: a key typed after saving works again clears the notice.
        tmux.waitFor("the footer's warning", target: "back") {
            $0.inputLine.contains("second try") && Self.notice($0.text).contains("Your draft is NOT saved")
        }
        // The war room tries again by itself, and says so when it worked.
        try FileManager.default.removeItem(atPath: blocker)
        tmux.waitFor("the footer saying it works again", target: "back") { Self.notice($0.text).contains("Your draft is saved again") }
        tmux.keys("C-q", target: "back")
        tmux.waitFor("the quit question", target: "back") { $0.footer.contains("Quit anyway?") }
        tmux.keys("y", target: "back")
        let quit = tmux.waitFor("the shell's EXITED line", target: "back") { $0.text.contains("EXITED ") }
        #expect(quit?.text.contains("EXITED 0") == true && quit?.text.contains("unsent text was kept as a draft") == true)
        let drafts = blocker + "/state/warroom/drafts"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: drafts)) ?? []
        let texts = names.filter { $0.hasSuffix(".txt") }.compactMap { FileManager.default.contents(atPath: drafts + "/" + $0) }
        #expect(texts.map { String(decoding: $0, as: UTF8.self) } == ["second try"])
    }
}
