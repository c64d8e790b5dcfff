import Foundation
import Testing

/// A private tmux server (`tmux -L NAME`), never the user's default one. `kill()` ends only it.
struct TmuxServer {
    let executable: String
    let socket: String
    /// The environment of every tmux client; the server started by the first one inherits it.
    let environment: [String: String]
    /// The session tests drive.
    static let session = "wr"

    /// Finds tmux or fails the test with what to install: these tests never skip silently.
    static func requireTmux(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(Subprocess.which("tmux"),
                     "tmux is not installed, and the end-to-end tests drive the war room through it: apt-get install -y tmux (.ci/run installs it)",
                     sourceLocation: sourceLocation)
    }

    /// A server with a unique name whose config lives in the sandbox (not ~/.tmux.conf).
    init(_ sandbox: Sandbox, label: String = "main") throws {
        executable = try Self.requireTmux()
        socket = "wr-e2e-\(getpid())-\(label)-\(UUID().uuidString.prefix(6))"
        environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": sandbox.home,
                       "LANG": "C.UTF-8", "SHELL": "/bin/sh", "TMPDIR": "/tmp"]
    }

    /// Runs `tmux -L SOCKET ARGS…`.
    @discardableResult
    func run(_ arguments: [String], timeout: Double = 10) -> Subprocess.Result {
        Subprocess.run(executable, ["-L", socket] + arguments, environment: environment, timeout: timeout)
    }

    /// Runs a tmux command that must succeed; returns its stdout.
    @discardableResult
    func ok(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let result = run(arguments)
        #expect(result.status == 0 && !result.timedOut, "tmux \(arguments.joined(separator: " ")) failed: \(result)",
                sourceLocation: sourceLocation)
        return result.out
    }

    /// Starts a detached `width`×`height` session running `command` (a shell command line). The
    /// first one starts the server, with a config that keeps a dead pane on screen so a crash's
    /// last words can be captured.
    func start(_ command: String, session: String = TmuxServer.session, width: Int = 120, height: Int = 40,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let config = "/tmp/\(socket).conf"
        try "set -g remain-on-exit on\nset -g history-limit 100\n".write(toFile: config, atomically: true, encoding: .utf8)
        defer { unlink(config) }
        let result = run(["-f", config, "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", command])
        try #require(result.status == 0 && !result.timedOut, "tmux new-session failed: \(result)", sourceLocation: sourceLocation)
    }

    /// Kills this server only (so every pane's process gets SIGHUP), then waits up to 5 s for
    /// those processes to end, so that none writes its draft or log into a sandbox being removed.
    func kill() {
        let panes = run(["list-panes", "-a", "-F", "#{pane_pid}"]).out.split(separator: "\n").compactMap { pid_t($0) }
        let processes = panes.flatMap { [$0] + Self.descendants(of: $0) }
        run(["kill-server"])
        let deadline = Date().addingTimeInterval(5)
        while processes.contains(where: Self.isRunning) && Date() < deadline { usleep(20_000) }
    }

    /// True while `pid` exists and is not a zombie (an orphan may wait a while to be reaped).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        // "pid (comm) S …": the state follows the last ')'.
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }

    /// Every process below `pid`, from /proc.
    static func descendants(of pid: pid_t) -> [pid_t] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        let children = tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { pid_t($0) }
        }
        return children.flatMap { [$0] + descendants(of: $0) }
    }

    // MARK: Driving a pane

    /// Types `text` literally, as keystrokes.
    func type(_ text: String, target: String = TmuxServer.session, sourceLocation: SourceLocation = #_sourceLocation) {
        ok("send-keys", "-t", target, "-l", text, sourceLocation: sourceLocation)
    }

    /// Sends named keys: `Enter`, `C-q`, `n` …
    func keys(_ keys: String..., target: String = TmuxServer.session, sourceLocation: SourceLocation = #_sourceLocation) {
        let result = run(["send-keys", "-t", target] + keys)
        #expect(result.status == 0, "tmux send-keys \(keys) failed: \(result)", sourceLocation: sourceLocation)
    }

    /// Pastes `text` as a bracketed paste (tmux brackets it because the war room turned the mode
    /// on; line feeds go as carriage returns, as a terminal sends them).
    func paste(_ text: String, target: String = TmuxServer.session, sourceLocation: SourceLocation = #_sourceLocation) {
        ok("set-buffer", "-b", "e2e", "--", text, sourceLocation: sourceLocation)
        ok("paste-buffer", "-p", "-d", "-b", "e2e", "-t", target, sourceLocation: sourceLocation)
    }

    /// The visible screen of the pane, one string per row (trailing blanks trimmed by tmux).
    func capture(target: String = TmuxServer.session) -> Screen {
        Screen(text: run(["capture-pane", "-p", "-t", target]).out)
    }

    /// A format of the pane: `#{pane_title}`, `#{alternate_on}`, `#{pane_pid}` …
    func display(_ format: String, target: String = TmuxServer.session) -> String {
        run(["display-message", "-p", "-t", target, format]).out.trimmingCharacters(in: .newlines)
    }

    func resize(width: Int, height: Int, target: String = TmuxServer.session,
                sourceLocation: SourceLocation = #_sourceLocation) {
        ok("resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)", sourceLocation: sourceLocation)
    }

    /// Polls the screen every 50 ms until `condition` holds (no fixed sleeps); after `timeout`
    /// seconds records a failure naming `what` with the last screen, and returns nil.
    @discardableResult
    func waitFor(_ what: String, target: String = TmuxServer.session, timeout: Double = 10,
                 sourceLocation: SourceLocation = #_sourceLocation, _ condition: (Screen) -> Bool) -> Screen? {
        let deadline = Date().addingTimeInterval(timeout)
        var last = Screen(text: "")
        while true {
            last = capture(target: target)
            if condition(last) { return last }
            if Date() > deadline { break }
            usleep(50_000)
        }
        Issue.record("timed out after \(timeout)s waiting for \(what); the screen was:\n\(last.text)",
                     sourceLocation: sourceLocation)
        return nil
    }

    /// Waits until the screen shows `text`.
    @discardableResult
    func waitFor(text: String, target: String = TmuxServer.session, timeout: Double = 10,
                 sourceLocation: SourceLocation = #_sourceLocation) -> Screen? {
        waitFor("“\(text)” on screen", target: target, timeout: timeout, sourceLocation: sourceLocation) { $0.text.contains(text) }
    }

    /// Waits for a war room's first frame: the header and the footer's key hints.
    @discardableResult
    func waitForWarRoom(target: String = TmuxServer.session, sourceLocation: SourceLocation = #_sourceLocation) -> Screen? {
        // Header, timeline and a footer: the footer's keys depend on the width (at 92 columns
        // "Ctrl-Q quit" no longer fits), so only its presence is checked.
        waitFor("the war room's first frame", target: target, sourceLocation: sourceLocation) {
            $0.lines.first?.hasPrefix(" INC-1") == true && $0.text.contains("┌ Timeline")
                && !$0.footer.trimmingCharacters(in: .whitespaces).isEmpty
        }
    }
}

/// A captured screen.
struct Screen: Equatable, CustomStringConvertible {
    var text: String
    var lines: [String] {
        var rows = text.components(separatedBy: "\n")
        if rows.last == "" { rows.removeLast() }
        return rows
    }
    var description: String { text }

    /// The footer (last row) and the input line (the one above it).
    var footer: String { lines.last ?? "" }
    var inputLine: String { lines.count >= 2 ? lines[lines.count - 2] : "" }

    /// The first row that contains `text`.
    func row(containing text: String) -> String? { lines.first { $0.contains(text) } }

    /// The columns `range` of every row (by character; box and block characters are one column).
    func columns(_ range: Range<Int>) -> [String] {
        lines.map { line in
            let characters = Array(line)
            guard range.lowerBound < characters.count else { return "" }
            return String(characters[range.lowerBound..<min(range.upperBound, characters.count)])
        }
    }
}
