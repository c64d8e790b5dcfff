import Foundation
import Testing

/// `warroom exec -- CMD ARGS…` with its output on pipes (the terminal case is the end-to-end
/// suite's): the output passes through byte for byte, the exit status is the command's, and an
/// action entry records the command, how it ended, how long it took and a digest of its output.
@Suite("warroom exec")
struct ExecCLITests {
    /// The last timeline row of `show --json`, and its `run`.
    static func lastRow(_ cli: CLI, incident: String? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> (row: [String: Any], run: [String: Any]) {
        let text = try cli.run(["show", "--json"] + (incident.map { ["--incident", $0] } ?? [])).out
        let state = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let row = try #require((state["timeline"] as? [[String: Any]])?.last, "no timeline in \(text)", sourceLocation: sourceLocation)
        let run = try #require(row["run"] as? [String: Any], "the last row has no run: \(row)", sourceLocation: sourceLocation)
        return (row, run)
    }

    static func timelineCount(_ cli: CLI) throws -> Int {
        (try cli.state()["timeline"] as? [[String: Any]])?.count ?? -1
    }

    @Test("A command that succeeds: output passed through, status 0, the entry with command, status, counts and lines")
    func succeeds() throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let script = "echo hello; echo world"
        let result = try cli.run(["exec", "--", "sh", "-c", script])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "hello\nworld\n", "stdout carries the command's output and nothing else")
        #expect(result.err.contains("INC-1 #") && result.err.contains("ran sh -c"), "the entry is confirmed on stderr: \(result.err)")
        let (row, run) = try Self.lastRow(cli)
        #expect(row["kind"] as? String == "action")
        #expect(run["command"] as? [String] == ["sh", "-c", script])
        #expect(run["exitStatus"] as? Int == 0 && run["signal"] is NSNull && run["startError"] is NSNull)
        #expect(run["outputBytes"] as? Int == "hello\nworld\n".utf8.count && run["outputLines"] as? Int == 2)
        #expect(run["head"] as? [String] == ["hello", "world"] && run["tail"] as? [String] == [])
        #expect((run["durationMillis"] as? Int).map { $0 >= 0 && $0 < 60_000 } == true)
        let text = try #require(row["text"] as? String)
        #expect(text.hasPrefix("ran sh -c 'echo hello; echo world' — exit 0 in "), "\(text)")
        #expect(text.contains("2 lines, last: “world”"), "the timeline's words show the digest: \(text)")
        #expect(try cli.ok("timeline").contains("exit 0 in"))
    }

    @Test("A failing command: its status is warroom's, its stderr stays stderr, the entry says the status")
    func fails() throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let result = try cli.run(["exec", "--", "sh", "-c", "echo out; echo oops >&2; exit 3"])
        #expect(result.status == 3)
        #expect(result.out == "out\n")
        #expect(result.err.hasPrefix("oops\n"), "the command's stderr comes first, unchanged: \(result.err)")
        let (row, run) = try Self.lastRow(cli)
        #expect(run["exitStatus"] as? Int == 3 && run["signal"] is NSNull)
        #expect(Set(run["head"] as? [String] ?? []) == ["out", "oops"], "both streams are in the digest")
        #expect((row["text"] as? String)?.contains("— exit 3 in ") == true)
    }

    @Test("A command that cannot be started is recorded: not found, exit 127")
    func notFound() throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let result = try cli.run(["exec", "--", "warroom-no-such-command", "--flag"])
        #expect(result.status == 127)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("warroom-no-such-command: not found"), "\(result.err)")
        let (row, run) = try Self.lastRow(cli)
        #expect(run["exitStatus"] as? Int == 127 && run["startError"] as? String == "not found")
        #expect(run["command"] as? [String] == ["warroom-no-such-command", "--flag"])
        #expect((row["text"] as? String)?.hasPrefix("ran warroom-no-such-command --flag — not found (exit 127); no output") == true,
                "\(row["text"] ?? "")")
    }

    @Test("Colours and control sequences pass through unchanged and are recorded inert")
    func controlSequences() throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        // Red text, a window title, a screen clear, a bell and a backspace, then a bidi override
        // (U+202E as UTF-8): printf makes them, so the command line itself is plain.
        let printed = "\u{1B}[1;31mred\u{1B}[0m \u{1B}]0;owned\u{07}\u{1B}[2Jbell\u{07}\u{08}\n\u{202E}txt\n"
        let format = #"\033[1;31mred\033[0m \033]0;owned\007\033[2Jbell\007\010\n\342\200\256txt\n"#
        let result = try cli.run(["exec", "--", "printf", format])
        #expect(result.status == 0)
        #expect(Array(result.out.utf8) == Array(printed.utf8), "the output is passed through byte for byte")
        let (row, run) = try Self.lastRow(cli)
        let head = try #require(run["head"] as? [String])
        #expect(head == ["red bell^G^H", "<U+202E>txt"])
        let rowText = try #require(row["text"] as? String)
        for recorded in [rowText, try cli.ok("timeline"), try cli.ok("show")] {
            #expect(!recorded.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E },
                    "nothing the command printed can act on a terminal: \(recorded.debugDescription)")
        }
        #expect(!(try cli.ok("export", "jsonl")).contains("\\u001b"), "the escapes are not stored either")
    }

    @Test("A command killed by a signal: the entry records the signal, warroom exits 128+N")
    func killedBySignal() throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let result = try cli.run(["exec", "--", "sh", "-c", "echo going; kill -TERM $$"])
        #expect(result.status == 128 + SIGTERM)
        let (row, run) = try Self.lastRow(cli)
        #expect(run["signal"] as? Int == Int(SIGTERM) && run["exitStatus"] is NSNull)
        #expect((row["text"] as? String)?.contains("— killed by SIGTERM after ") == true, "\(row["text"] ?? "")")
    }

    @Test("SIGINT and SIGTERM sent to warroom reach the command, which ends by it, and it is recorded",
          arguments: [SIGINT, SIGTERM])
    func signalsArePassedOn(_ number: Int32) throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["exec", "--", "sh", "-c", "echo ready; exec sleep 30"]
        process.environment = cli.environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Waits for the command to run before signalling warroom.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("ready") {
            let more = out.fileHandleForReading.availableData
            if more.isEmpty { break }
            seen += more
        }
        kill(process.processIdentifier, number)
        _ = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + number, "\(errors)")
        let (_, run) = try Self.lastRow(cli)
        #expect(run["signal"] as? Int == Int(number), "\(run)")
        #expect((run["durationMillis"] as? Int).map { $0 < 25_000 } == true, "it did not wait for the sleep to end")
    }

    @Test("Large output passes through whole; the entry keeps counts, 5 first and 5 last lines, and caps a long line")
    func largeOutput() throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let result = try cli.run(["exec", "--", "seq", "1", "100000"])
        let expected = (1...100_000).map(String.init).joined(separator: "\n") + "\n"
        #expect(result.status == 0 && result.out == expected)
        let (_, run) = try Self.lastRow(cli)
        #expect(run["outputBytes"] as? Int == expected.utf8.count && run["outputLines"] as? Int == 100_000)
        #expect(run["head"] as? [String] == (1...5).map(String.init))
        #expect(run["tail"] as? [String] == (99_996...100_000).map(String.init))

        let long = try cli.run(["exec", "--", "sh", "-c", "head -c 50000 /dev/zero | tr '\\0' x; echo; echo end"])
        #expect(long.out.utf8.count == 50_000 + 5)
        let (_, capped) = try Self.lastRow(cli)
        let head = try #require(capped["head"] as? [String])
        #expect(head.count == 2 && head[1] == "end")
        #expect(head[0].count <= 200 && head[0].hasSuffix("…") && head[0].hasPrefix("xxxxxxxx"), "\(head[0].count)")
    }

    @Test("--save-output keeps the raw output beside the store, mode 0600, a new file each time")
    func savesOutput() throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let printed = "\u{1B}[32mgreen\u{1B}[0m\nsecond line\n"
        #expect(try cli.run(["exec", "--save-output", "--", "printf", "%s", printed]).status == 0)
        let (row, run) = try Self.lastRow(cli)
        let path = try #require(run["savedOutput"] as? String)
        #expect(path.hasPrefix(cli.directory.appendingPathComponent("outputs").path + "/INC-1-"), "\(path)")
        #expect(FileManager.default.contents(atPath: path) == Data(printed.utf8), "the whole output, raw")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect((row["text"] as? String)?.contains("output saved to \(path)") == true)
        // The clock is pinned: the second run has the same time, and gets its own file.
        #expect(try cli.run(["exec", "--save-output", "--", "echo", "again"]).status == 0)
        let second = try #require(try Self.lastRow(cli).run["savedOutput"] as? String)
        #expect(second != path && FileManager.default.contents(atPath: second) == Data("again\n".utf8))
        #expect(FileManager.default.contents(atPath: path) == Data(printed.utf8), "the first file is untouched")
    }

    @Test("No command after `--`: refused, nothing recorded", arguments: [["exec"], ["exec", "--"], ["exec", "--", ""]])
    func noCommand(_ arguments: [String]) throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let before = try Self.timelineCount(cli)
        let result = try cli.run(arguments)
        #expect(result.status == 64 && result.out.isEmpty)
        #expect(result.err.contains("give the command to run after `--`") && result.err.contains("nothing was run or recorded"),
                "\(result.err)")
        #expect(try Self.timelineCount(cli) == before)
    }

    @Test("The command's words are never warroom's, with or without `--`",
          arguments: [["exec", "--"], ["exec"], ["exec", "--incident", "INC-1", "--"], ["exec", "--incident", "INC-1"]])
    func lsLa(_ prefix: [String]) throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let command = ["ls", "-la", cli.directory.path]
        let result = try cli.run(prefix + command)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("warroom.db") && result.out.hasPrefix("total "), "ls -la's listing: \(result.out)")
        #expect(try Self.lastRow(cli).run["command"] as? [String] == command)
    }

    @Test("Options after the command are its own: grep -v, --store, -h, --incident")
    func optionsAreTheCommands() throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let grep = try cli.run(["exec", "--", "grep", "-v", "x"], input: "a\nx\nb\n")
        #expect(grep.status == 0 && grep.out == "a\nb\n", "stdin reaches the command: \(grep.err)")
        #expect(try Self.lastRow(cli).run["command"] as? [String] == ["grep", "-v", "x"])
        let words = ["--store", "/nonexistent/elsewhere.db", "-h", "--incident", "INC-9", "--help"]
        let echo = try cli.run(["exec", "printf", "%s\\n"] + words)
        #expect(echo.status == 0, "\(echo.err)")
        #expect(echo.out == words.joined(separator: "\n") + "\n")
        #expect(try Self.lastRow(cli).run["command"] as? [String] == ["printf", "%s\\n"] + words, "recorded in the default store")
    }

    @Test("With two open incidents and no --incident nothing runs; --incident picks one")
    func incidentChoice() throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Second", "--severity", "SEV3")
        let marker = cli.directory.appendingPathComponent("ran").path
        let refused = try cli.run(["exec", "--", "touch", marker])
        #expect(refused.status == 1 && refused.err.contains("2 incidents are open"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: marker), "the command did not run")
        #expect(try cli.run(["exec", "--incident", "2", "--", "touch", marker]).status == 0)
        #expect(FileManager.default.fileExists(atPath: marker))
        #expect(try Self.lastRow(cli, incident: "INC-2").run["command"] as? [String] == ["touch", marker])
    }

    @Test("On PostgreSQL: recorded, read back, and the saved output goes under the state directory")
    func postgres() throws {
        let server = try PostgresCLITests.server.get()
        var cli = try CLI()
        defer { cli.cleanUp() }
        let name = "exec_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        cli.environment["WARROOM_STORE"] = try server.createDatabase(name: String(name))
        cli.environment["XDG_STATE_HOME"] = cli.directory.appendingPathComponent("state").path
        try cli.ok("declare", "--title", "db down", "--severity", "SEV2")
        let result = try cli.run(["exec", "--save-output", "--", "sh", "-c", "echo failing over; exit 4"])
        #expect(result.status == 4 && result.out == "failing over\n", "\(result.err)")
        let (_, run) = try Self.lastRow(cli)
        #expect(run["exitStatus"] as? Int == 4 && run["head"] as? [String] == ["failing over"])
        let path = try #require(run["savedOutput"] as? String)
        #expect(path.hasPrefix(cli.directory.appendingPathComponent("state/warroom/outputs").path + "/"), "\(path)")
        #expect(FileManager.default.contents(atPath: path) == Data("failing over\n".utf8))
        #expect(try cli.ok("check").contains("ok"))
    }
}
