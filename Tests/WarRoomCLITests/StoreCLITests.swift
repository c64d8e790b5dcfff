import Foundation
import Testing
import WarRoomCore
@testable import WarRoomStore

/// The store never becomes unreadable through the CLI; damage stays local and is named.
@Suite("Store through the CLI")
struct StoreCLITests {
    /// An event body as an older warroom wrote it for `--at 0000-01-01T00:00:00+01:00`
    /// (`-0001-12-31T23:00:00Z`, which no reader accepts), inserted behind the store's back.
    static func damage(_ path: String, incident: IncidentID, sequence: Int64) throws {
        let store = try SQLiteEventStore(path: path)
        let event = Event(id: UUID(), incident: incident, at: Timestamp(millis: -62_167_222_800_000),
                          recordedAt: Timestamp(iso8601: "2026-11-28T14:09:00Z")!, author: "alice",
                          payload: .entry(Entry(kind: .note, text: "ancient")))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = String(decoding: try encoder.encode(event), as: UTF8.self)
        try store.executeRawSQL("""
            INSERT INTO events (incident, seq, id, at, recorded_at, author, type, body)
            VALUES ('\(incident)', \(sequence), '\(event.id.uuidString)', 0, 0, 'alice', 'entry', '\(body)')
            """)
    }

    static func eventCount(_ cli: CLI, _ incident: String = "INC-1") throws -> Int {
        try cli.ok("export", "jsonl", "--incident", incident).split(separator: "\n").count
    }

    @Test("A time before 1970 or far ahead is refused, and every command keeps reading the incident",
          arguments: [["--at", "0000-01-01T00:00:00+01:00"], ["--at=-999999999h"], ["--at=-999999999999999h"],
                      ["--at", "1969-12-31T23:59:59Z"], ["--at", "9999-12-31T23:59:59Z"], ["--at", "2026-11-30T00:00:00Z"],
                      ["--at=-20786d"]])
    func outOfRangeTimes(_ at: [String]) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        let result = try cli.run(["log", "x"] + at)
        #expect(result.status != 0 && result.out.isEmpty, "\(at) was accepted: \(result.out)")
        #expect(result.err.contains("nothing was recorded") || result.err.contains("cannot read"), "\(result.err)")
        #expect(try Self.eventCount(cli) == 1)
        for command in [["show"], ["timeline"], ["list"], ["export", "jsonl"], ["check"]] {
            let result = try cli.run(command)
            #expect(result.status == 0, "\(command) failed: \(result.err)")
        }
        try cli.ok("log", "still recording")
    }

    @Test("A declaration's --started-at or --detected-at before 1970 is refused; nothing is declared",
          arguments: [["--started-at", "1969-07-20T20:17:00Z"], ["--detected-at", "0000-01-01T00:00:00+01:00"],
                      ["--started-at=-999999999h"]])
    func declarationTimes(_ option: [String]) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["declare", "--title", "t", "--severity", "SEV2"] + option)
        #expect(result.status != 0, "\(option) was accepted")
        let listed = try cli.run(["list"])
        #expect(!listed.out.contains("INC-1"), "nothing was declared: \(listed.out)")
    }

    @Test("One unreadable event: list and the one-open-incident commands keep working and name it; check fails; writes to it are refused")
    func damageStaysLocal() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "healthy", "--severity", "SEV2", "--no-ic")
        try cli.ok("declare", "--title", "damaged", "--severity", "SEV3", "--no-ic")
        try Self.damage(cli.store, incident: "INC-2", sequence: 2)

        let listed = try cli.run(["list"])
        #expect(listed.status == 0, "\(listed.err)")
        #expect(listed.out.contains("INC-1") && listed.out.contains("healthy"))
        #expect(listed.err.contains("#2 of INC-2") && listed.err.contains("-0001-12-31T23:00:00Z"), "\(listed.err)")

        // INC-2 cannot be read, so INC-1 is the one open incident that can: commands without
        // --incident keep working, and say what they left out.
        let shown = try cli.run(["show"])
        #expect(shown.status == 0 && shown.out.contains("healthy"), "\(shown.err)")
        #expect(shown.err.contains("INC-2"))
        try cli.ok("log", "recorded into INC-1")
        #expect(try Self.eventCount(cli) == 2)

        let checked = try cli.run(["check"])
        #expect(checked.status == 2)
        #expect(checked.out.contains("INC-2 #2: cannot be read"), "\(checked.out)")
        #expect(checked.out.contains("INC-1: 2 events") && checked.out.contains("all readable"), "\(checked.out)")
        let json = try cli.run(["check", "--json"])
        #expect(json.status == 2, "--json fails as the text does")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(report["ok"] as? Bool == false)
        let rows = report["incidents"] as? [[String: Any]] ?? []
        let damaged = rows.first { $0["id"] as? String == "INC-2" }
        let bad = (damaged?["unreadable"] as? [[String: Any]])?.first
        #expect(bad?["sequence"] as? Int == 2 && (bad?["reason"] as? String)?.isEmpty == false, "\(json.out)")
        #expect(rows.first { $0["id"] as? String == "INC-1" }?["unreadable"] as? [Any] != nil)

        let refused = try cli.run(["log", "more", "--incident", "INC-2"])
        #expect(refused.status != 0)
        #expect(refused.err.contains("#2 of INC-2") && refused.err.contains("the store was not changed"), "\(refused.err)")
        // The raw export still works: the stored bodies as they are, for whoever repairs them.
        #expect(try cli.run(["export", "jsonl", "--incident", "INC-2"]).out.contains("-0001-12-31T23:00:00Z"))
        #expect(try SQLiteEventStore(path: cli.store).incidents().last?.lastSequence == 2, "nothing was added to INC-2")
    }

    @Test("check fails for an incident with no declaration (an import of old)")
    func checkFindsNoDeclaration() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        let store = try SQLiteEventStore(path: cli.store)
        try store.executeRawSQL("INSERT INTO incidents (id, number, created_at) VALUES ('INC-9', 9, 0)")
        _ = try store.append(to: "INC-9", knownSequence: 0) { _ in
            [Event(id: UUID(), incident: "INC-9", at: Timestamp(iso8601: "2026-11-28T14:00:00Z")!,
                   recordedAt: Timestamp(iso8601: "2026-11-28T14:00:00Z")!, author: "a", payload: .entry(Entry(kind: .note, text: "orphan")))]
        }
        let checked = try cli.run(["check"])
        #expect(checked.status == 2 && checked.out.contains("INC-9") && checked.out.contains("NO DECLARATION"), "\(checked.out)")
        let listed = try cli.run(["list"])
        #expect(listed.status == 0 && listed.err.contains("INC-9 has no declaration"), "\(listed.err)")
    }

    @Test("Importing another store's INC-1 into a store with its own INC-1: refused naming both; --as-new imports it as INC-2")
    func importClash() throws {
        let source = try CLI(), target = try CLI()
        defer { source.cleanUp(); target.cleanUp() }
        try source.ok("declare", "--title", "db down", "--severity", "SEV2", "--no-ic")
        try source.ok("log", "failover started")
        let file = target.directory.appendingPathComponent("inc1.jsonl").path
        try source.ok("export", "jsonl", "-o", file)
        try target.ok("declare", "--title", "payments slow", "--severity", "SEV3", "--no-ic")

        let refused = try target.run(["import", file])
        #expect(refused.status != 0)
        #expect(refused.err.contains("'db down'") && refused.err.contains("'payments slow'") && refused.err.contains("--as-new"),
                "\(refused.err)")
        #expect(refused.err.contains("inc1.jsonl:1:") && refused.err.contains("nothing was imported"))
        #expect(try Self.eventCount(target) == 1)

        let imported = try target.ok("import", "--as-new", file)
        #expect(imported.contains("INC-1 of the file is INC-2 in this store") && imported.contains("imported 2 new events of 2"),
                "\(imported)")
        #expect(try target.ok("show", "--incident", "INC-2").contains("db down"))
        #expect(try target.ok("show", "--incident", "INC-1").contains("payments slow"))
        #expect(try target.ok("import", "--as-new", file).contains("imported 0 new events of 2"))
        #expect(try target.ok("import", file).contains("imported 0 new events of 2"), "the same file again adds nothing")
        let again = try #require(try JSONSerialization.jsonObject(with: Data(target.ok("import", file, "--json").utf8)) as? [String: Any])
        #expect(again["added"] as? Int == 0 && again["events"] as? Int == 2, "\(again)")
    }

    @Test("An import whose events would be invisible is refused with the line number",
          arguments: ["drop-declaration", "declaration-last", "bad-id", "dot-dot"])
    func importInvisible(_ shape: String) throws {
        let source = try CLI(), target = try CLI()
        defer { source.cleanUp(); target.cleanUp() }
        try source.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        try source.ok("log", "one")
        try source.ok("log", "two")
        var lines = try source.ok("export", "jsonl").split(separator: "\n").map(String.init)
        switch shape {
        case "drop-declaration": lines.removeFirst()
        case "declaration-last": lines.append(lines.removeFirst())
        case "bad-id": lines = lines.map { $0.replacingOccurrences(of: "\"INC-1\"", with: "\"a/b\"") }
        default: lines = lines.map { $0.replacingOccurrences(of: "\"INC-1\"", with: "\"..\"") }
        }
        let file = target.directory.appendingPathComponent("x.jsonl").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let error = try target.fails("import", file)
        #expect(error.contains("x.jsonl:1:") && error.contains("nothing was imported"), "\(error)")
        #expect(try target.run(["list"]).out.contains("INC-1") == false)
    }

    @Test("A malformed line names the field, in the store's words", arguments: [
        ("\"id\":", "\"idx\":", "missing field 'id'"), ("\"type\":\"entry\"", "\"type\":\"entri\"", "unknown event type 'entri'"),
    ])
    func importMalformed(_ from: String, _ to: String, _ says: String) throws {
        let source = try CLI(), target = try CLI()
        defer { source.cleanUp(); target.cleanUp() }
        try source.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        try source.ok("log", "one")
        var lines = try source.ok("export", "jsonl").split(separator: "\n").map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: from, with: to)
        let file = target.directory.appendingPathComponent("x.jsonl").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let error = try target.fails("import", file)
        #expect(error.contains("x.jsonl:2: not a warroom event (") && error.contains(says) && error.contains("nothing was imported"), "\(error)")
    }

    @Test("An import with a time warroom would not record (before 1970, ahead of now) is refused with the line number",
          arguments: [(2, "\"at\":\"2026-11-28T14:10:00Z\"", "\"at\":\"1969-11-28T14:01:00Z\""),
                      (2, "\"at\":\"2026-11-28T14:10:00Z\"", "\"at\":\"2099-11-28T14:01:00Z\""),
                      (1, "\"title\":\"t\"", "\"impactStartedAt\":\"0000-01-01T00:00:00Z\",\"title\":\"t\"")])
    func importTimes(_ line: Int, _ from: String, _ to: String) throws {
        let source = try CLI(), target = try CLI()
        defer { source.cleanUp(); target.cleanUp() }
        try source.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        try source.ok("log", "one")
        var lines = try source.ok("export", "jsonl").split(separator: "\n").map(String.init)
        #expect(lines[line - 1].contains(from), "\(lines[line - 1])")
        lines[line - 1] = lines[line - 1].replacingOccurrences(of: from, with: to)
        let file = target.directory.appendingPathComponent("x.jsonl").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let error = try target.fails("import", file)
        #expect(error.contains("x.jsonl:\(line): the event its") && error.contains("nothing was imported"), "\(error)")
        #expect(try target.run(["list"]).out.contains("INC-1") == false)
    }

    @Test("--incident takes the safe alphabet only; a number still means INC-n",
          arguments: [("1", true), ("inc-1", true), ("INC-1", true), ("../x", false), ("a/b", false), ("..", false),
                      ("INC-1;rm", false), (String(repeating: "9", count: 40), false)])
    func incidentIDs(_ typed: String, _ accepted: Bool) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        let result = try cli.run(["show", "--incident", typed])
        if accepted {
            #expect(result.status == 0, "\(result.err)")
        } else {
            #expect(result.status != 0 && result.err.contains("is not an incident id") && result.err.contains("INC-12"), "\(result.err)")
        }
    }

    @Test("--store '' is an error, not the default store")
    func emptyStore() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        for command in [["declare", "--title", "t", "--severity", "SEV2"], ["list"], ["log", "x"]] {
            let result = try cli.run(command + ["--store", ""])
            #expect(result.status != 0 && result.err.contains("--store needs a path"), "\(command): \(result.err)")
            let equals = try cli.run(command + ["--store="])
            #expect(equals.status != 0 && equals.err.contains("'--store=' needs a value"), "\(command): \(equals.err)")
        }
        // `log x --store=` once took the text word as the store's path and made a store named "x".
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/x"))
        #expect(!FileManager.default.fileExists(atPath: cli.store), "the default store was not touched")
    }

    @Test("A read-only command at a mistyped path says no store is there and creates nothing",
          arguments: [["show"], ["list"], ["timeline"], ["export", "jsonl"], ["export", "postmortem"], ["check"], ["actions"],
                      ["actions", "list"], ["update"], ["postmortem", "check"], ["postmortem", "action", "list"]])
    func readOnlyCreatesNothing(_ command: [String]) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let typo = cli.directory.appendingPathComponent("tpyo").appendingPathComponent("w.db").path
        let result = try cli.run(command + ["--store", typo])
        #expect(result.status != 0)
        #expect(result.err.contains("no warroom store at \(typo)"), "\(command): \(result.err)")
        #expect(!FileManager.default.fileExists(atPath: typo))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("tpyo").path))
        // Recording still creates the store.
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic", "--store", typo)
        #expect(FileManager.default.fileExists(atPath: typo))
    }
}

/// `log --each-line` keeps its state between lines: what others write meanwhile is still seen.
@Suite("Each line")
struct StoreEachLineTests {
    @Test("Another writer between two lines: the second line's number follows theirs, and all three are in the timeline")
    func anotherWriterBetweenLines() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["log", "--each-line"]
        process.environment = cli.environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        func readLine() -> String {
            var data = Data()
            while !data.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                data.append(chunk)
            }
            return String(decoding: data, as: UTF8.self)
        }
        input.fileHandleForWriting.write(Data("one\n".utf8))
        let first = readLine() // committed before we go on
        try cli.ok("log", "other")
        input.fileHandleForWriting.write(Data("two\n".utf8))
        let second = readLine()
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(first.hasPrefix("INC-1 #2 ") && first.contains("one"), "\(first)")
        #expect(second.hasPrefix("INC-1 #4 ") && second.contains("two"), "\(second)")
        let timeline = try #require(try cli.state()["timeline"] as? [[String: Any]])
        #expect(timeline.dropFirst().map { $0["text"] as? String } == ["one", "other", "two"])
    }
}

@Suite("Sharing an incident whose id came from before ids were restricted")
struct ShareIDTests {
    @Test("share refuses an id that cannot name a tmux session, and starts nothing", arguments: ["..", "a b", "x;y"])
    func unsafeID(_ id: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        // Rename the incident as an older warroom could have imported it: the triggers guard
        // events, so the rows are rewritten with the triggers dropped, as an old file would be.
        let store = try SQLiteEventStore(path: cli.store)
        try store.executeRawSQL("""
            PRAGMA foreign_keys = OFF;
            DROP TRIGGER IF EXISTS events_append_only_update;
            UPDATE incidents SET id = '\(id)';
            UPDATE events SET incident = '\(id)', body = replace(body, '"incident":"INC-1"', '"incident":"\(id)"');
            """)
        let result = try cli.run(["share", "--dry-run"])
        #expect(result.status != 0, "\(result.out)")
        #expect(result.err.contains("cannot name a tmux session") && result.err.contains("nothing was started"), "\(result.err)")
        #expect(!result.out.contains("tmux"), "no command is offered: \(result.out)")
    }
}
