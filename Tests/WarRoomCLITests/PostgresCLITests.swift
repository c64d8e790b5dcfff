import Foundation
import Testing
import WarRoomDevServer

/// The real binary on a PostgreSQL store: the same commands as on SQLite, a role that may only
/// read, and `share`, which must never put the password where `ps` shows it.
@Suite("The CLI on a PostgreSQL store", .serialized)
struct PostgresCLITests {
    /// One server for this suite, removed when the test process exits.
    static let server: Result<PostgresDevServer, any Error> = {
        do {
            let server = try PostgresDevServer(.init(durable: false))
            atexit { if case .success(let server) = PostgresCLITests.server { try? server.shutdown() } }
            return .success(server)
        } catch {
            return .failure(error)
        }
    }()

    /// A CLI whose default store is a new database of the suite's server.
    func cli() throws -> (CLI, PostgresDevServer, String) {
        let server = try Self.server.get()
        let name = "cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        var cli = try CLI()
        cli.environment["WARROOM_STORE"] = try server.createDatabase(name: String(name))
        return (cli, server, String(name))
    }

    @Test("declare, log, show, timeline, check and export work as on SQLite")
    func everydayCommands() throws {
        let (cli, _, _) = try cli()
        defer { cli.cleanUp() }
        #expect(try cli.ok("declare", "--title", "db down", "--severity", "SEV2").trimmingCharacters(in: .whitespacesAndNewlines) == "INC-1")
        try cli.ok("log", "failover started")
        #expect(try cli.ok("show").contains("db down"))
        #expect(try cli.ok("timeline").contains("failover started"))
        #expect(try cli.ok("check").contains("integrity ok"))
        #expect(try cli.ok("export", "jsonl").split(separator: "\n").count == 3)
    }

    @Test("A role that may only read: reading works, recording fails saying why, nothing is written")
    func readOnlyRole() throws {
        let (cli, server, name) = try cli()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "wall", "--severity", "SEV3")
        let role = "ro_" + name.suffix(8)
        let url = try server.createRole(name: role, password: "ro-secret-1", database: name)
        try server.adminSQL("GRANT SELECT ON warroom_schema, incidents, events TO \(role);", database: name)
        #expect(try cli.run(["show", "--store", url]).out.contains("wall"))
        let refused = try cli.run(["log", "from the wall", "--store", url])
        #expect(refused.status != 0)
        #expect(refused.err.contains("may only read") && refused.err.contains("nothing was written"), "\(refused.err)")
        #expect(!refused.err.contains("ro-secret-1"))
        #expect(!(try cli.ok("timeline")).contains("from the wall"))
    }

    @Test("share passes the password in a 0600 password file, never in an argument")
    func shareKeepsThePasswordOutOfArguments() throws {
        let (cli, server, name) = try cli()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "shared", "--severity", "SEV2")
        let password = "share-secret-\(UUID().uuidString.prefix(8))"
        let role = "sh_" + name.suffix(8)
        let url = try server.createRole(name: role, password: password, database: name)
        try server.adminSQL(
            "GRANT SELECT ON warroom_schema, incidents, events TO \(role); GRANT INSERT ON incidents, events TO \(role); "
                + "GRANT UPDATE (last_seq) ON incidents TO \(role);", database: name)
        let socket = "wr-share-\(UUID().uuidString.prefix(8))"
        var paneProcesses: [Int32] = []
        defer {
            if paneProcesses.isEmpty { paneProcesses = Self.paneProcesses(socket) }
            _ = try? Process.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["tmux", "-L", socket, "kill-server"]).waitUntilExit()
            // A hang-up ends the war room (it used to stay, polling its store, for ever, when its
            // farewell on a dead terminal trapped in Foundation's FileHandle.write). The tmux server
            // of this test does not always close the pane when killed from here, so the hang-up
            // is also sent as the kernel would; anything left after that is killed, so no test
            // leaves a process behind.
            var left = Self.waitForExit(paneProcesses, seconds: 3)
            for pid in left { kill(pid, SIGHUP) }
            left = Self.waitForExit(left, seconds: 10)
            #expect(left.isEmpty, "the war room outlived a hang-up: \(left)")
            for pid in left { kill(pid, SIGKILL) }
        }
        let out = try cli.run(["share", "--socket", socket, "--store", url], env: ["XDG_STATE_HOME": cli.directory.path + "/state"])
        #expect(out.status == 0, "\(out.err)")
        #expect(!out.out.contains(password) && !out.err.contains(password))

        let file = cli.directory.path + "/state/warroom/share-INC-1.pgpass"
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains(password))

        // Give the war room a moment to start, then look at every process's arguments.
        Thread.sleep(forTimeInterval: 1)
        var leaks: [String] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int(entry) != nil {
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let arguments = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            if arguments.contains(password) && !arguments.contains("swift-testing") && !arguments.contains("xctest") {
                leaks.append(arguments)
            }
        }
        #expect(leaks.isEmpty, "the password is in the arguments of: \(leaks)")
        // And the war room did reach the store with the file: the tmux pane shows the incident.
        let capture = Process()
        capture.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        capture.arguments = ["tmux", "-L", socket, "capture-pane", "-p", "-t", "warroom-INC-1"]
        let pane = Pipe()
        capture.standardOutput = pane
        try capture.run()
        let screen = String(decoding: pane.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        capture.waitUntilExit()
        #expect(screen.contains("shared"), "\(screen)")
        paneProcesses = Self.paneProcesses(socket)
        #expect(paneProcesses.count >= 1, "no process in the shared pane")
    }

    /// The processes of a private tmux server's panes and their children.
    static func paneProcesses(_ socket: String) -> [Int32] {
        let list = Process()
        list.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        list.arguments = ["tmux", "-L", socket, "list-panes", "-a", "-F", "#{pane_pid}"]
        let out = Pipe()
        list.standardOutput = out
        list.standardError = FileHandle.nullDevice
        guard (try? list.run()) != nil else { return [] }
        let panes = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").compactMap { Int32($0) }
        list.waitUntilExit()
        var found = Set(panes)
        for _ in 0..<3 {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = Int32(entry), let parent = parentOf(pid), found.contains(parent) else { continue }
                found.insert(pid)
            }
        }
        return found.sorted()
    }

    /// The parent of `pid` (field 4 of /proc/PID/stat, after the parenthesised name).
    static func parentOf(_ pid: Int32) -> Int32? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }

    /// Waits until none of `pids` runs (gone, or a zombie); returns those still running.
    static func waitForExit(_ pids: [Int32], seconds: Int) -> [Int32] {
        func running(_ pid: Int32) -> Bool {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return false }
            let text = String(decoding: data, as: UTF8.self)
            guard let close = text.lastIndex(of: ")") else { return false }
            return text[text.index(after: close)...].split(separator: " ").first != "Z"
        }
        for _ in 0..<(seconds * 10) {
            if !pids.contains(where: running) { return [] }
            usleep(100_000)
        }
        return pids.filter(running)
    }

    @Test("store copy moves every incident SQLite → PostgreSQL → SQLite losslessly, and again adds nothing")
    func storeCopyBothWays() throws {
        let (cli, _, _) = try cli()
        defer { cli.cleanUp() }
        let first = cli.directory.path + "/first.db", back = cli.directory.path + "/back.db"
        let postgres = try #require(cli.environment["WARROOM_STORE"])
        for (title, severity) in [("db down", "SEV1"), ("slow search", "SEV3")] {
            let id = try cli.run(["declare", "--title", title, "--severity", severity, "--store", first]).out
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try cli.run(["log", "note for \(title)", "--store", first, "--incident", id]).status == 0)
            #expect(try cli.run(["hypothesis", "add", "the cache for \(title)", "--store", first, "--incident", id]).status == 0)
        }
        let there = try cli.run(["store", "copy", "--from", first, "--to", postgres])
        #expect(there.status == 0, "\(there.err)")
        let again = try cli.run(["store", "copy", "--from", first, "--to", postgres])
        #expect(again.status == 0 && !again.out.contains("copied INC"), "\(again.out)")
        let home = try cli.run(["store", "copy", "--from", postgres, "--to", back])
        #expect(home.status == 0, "\(home.err)")
        for id in ["INC-1", "INC-2"] {
            let original = try cli.run(["export", "jsonl", "--store", first, "--incident", id]).out
            #expect(!original.isEmpty)
            #expect(try cli.run(["export", "jsonl", "--store", postgres, "--incident", id]).out == original, "\(id) on PostgreSQL")
            #expect(try cli.run(["export", "jsonl", "--store", back, "--incident", id]).out == original, "\(id) back on SQLite")
        }
    }

    @Test("store init creates the schema once, says who may record, and prints the grants")
    func storeInit() throws {
        let (cli, server, name) = try cli()
        defer { cli.cleanUp() }
        let made = try cli.run(["store", "init"])
        #expect(made.status == 0 && made.out.contains("ready, 0 incidents; you may record"), "\(made.out) \(made.err)")
        #expect(made.out.contains("GRANT INSERT ON incidents, events") && made.out.contains("GRANT INSERT, UPDATE ON search_docs, incident_summaries"))
        #expect(try server.adminSQL("SELECT version FROM warroom_schema;", database: name) == "6")
        #expect(try server.adminSQL("SELECT count(*) FROM pg_indexes WHERE tablename = 'search_docs';", database: name) == "3",
                "the primary key, the words and (pg_trgm being there) the trigrams")
        #expect(try cli.run(["store", "init"]).status == 0, "running it again changes nothing")
    }
}
