import Foundation
import Testing

/// `warroom amend N TEXT` and `warroom retract N --reason TEXT`, and how every output shows them.
@Suite("CLI amend and retract")
struct CLIAmendTests {
    /// INC-1 with entries #2 (note), #3 (action), and a severity change #4.
    static func incident() throws -> CLI {
        let cli = try CLI()
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2", "--no-ic")
        #expect(try cli.ok("log", "rolled back to v14").hasPrefix("INC-1 #2 "))
        #expect(try cli.ok("log", "paged the db team", "--kind", "action").hasPrefix("INC-1 #3 "))
        try cli.ok("severity", "SEV1", "--reason", "all regions")
        return cli
    }

    static func rows(_ cli: CLI, _ args: String...) throws -> [[String: Any]] {
        if args.first == "show" { return try #require(try cli.state()["timeline"] as? [[String: Any]]) }
        let result = try cli.run(args)
        #expect(result.status == 0, "\(args): \(result.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
    }

    @Test("N as warroom log prints it", arguments: ["2", "#2", "INC-1#2", "INC-1 #2", "inc-1 #2", " #2 "])
    func references(reference: String) throws {
        let cli = try Self.incident()
        defer { cli.cleanUp() }
        let out = try cli.ok("amend", reference, "rolled back to v41")
        #expect(out == "INC-1 #5 amended #2: rolled back to v41\n")
        let row = try #require(try Self.rows(cli, "timeline", "--json").first { $0["number"] as? Int == 2 })
        #expect(row["text"] as? String == "rolled back to v41")
        #expect(row["amended"] as? Bool == true)
        #expect(row["previousTexts"] as? [String] == ["rolled back to v14"])
    }

    @Test("amend INC-1 #2 TEXT, unquoted, reads the two words as one reference")
    func unquotedReference() throws {
        let cli = try Self.incident()
        defer { cli.cleanUp() }
        try cli.ok("amend", "INC-1", "#2", "rolled", "back", "to", "v41")
        let row = try #require(try Self.rows(cli, "timeline", "--json").first { $0["number"] as? Int == 2 })
        #expect(row["text"] as? String == "rolled back to v41")
    }

    /// Wrong references and texts: refused, nothing recorded, the message says what is accepted.
    static let refusals: [(args: [String], says: String)] = [
        (["amend", "9", "x"], "INC-1 has no #9; entries near it: #3, #2"),
        (["amend", "4", "x"], "#4 of INC-1 is a recorded severity change"),
        (["amend", "1", "x"], "not an entry"),
        (["amend", "0", "x"], "from 1"),
        (["amend", "two", "x"], "cannot read entry 'two'"),
        (["amend", "#", "x"], "cannot read entry '#'"),
        (["amend", "2"], "amended text"),
        (["amend", "INC-2 #2", "x"], "no incident 'INC-2'"),
        (["amend", "INC-1 #2", "x", "--incident", "INC-7"], "the entry names INC-1 but --incident says INC-7"),
        (["retract", "2"], "--reason"),
        (["retract", "2", "--reason", " "], "--reason is empty"),
        (["retract", "3", "extra", "--reason", "x"], "unexpected 'extra'"),
        (["retract", "99999999999999999999", "--reason", "x"], "cannot read entry"),
    ]

    @Test("Bad references are refused with what is accepted", arguments: refusals.indices)
    func refused(index: Int) throws {
        let (args, says) = Self.refusals[index]
        let cli = try Self.incident()
        defer { cli.cleanUp() }
        let before = try cli.ok("export", "jsonl")
        let result = try cli.run(args)
        #expect(result.status != 0 && result.out.isEmpty, "warroom \(args): \(result.out)")
        #expect(result.err.contains(says), "warroom \(args) said: \(result.err)")
        #expect(try cli.ok("export", "jsonl") == before)
    }

    @Test("A retracted entry can be neither amended nor retracted again")
    func retractedIsFinal() throws {
        let cli = try Self.incident()
        defer { cli.cleanUp() }
        #expect(try cli.ok("retract", "3", "--reason", "wrong team") == "INC-1 #5 retracted #3: paged the db team (reason: wrong team)\n")
        // The war room's rule and words: which entry, its reason, and that nothing was recorded.
        for error in [try cli.fails("amend", "3", "x"), try cli.fails("retract", "3", "--reason", "again")] {
            #expect(error.contains("#3 of INC-1 was already retracted (wrong team)") && error.contains("nothing was recorded"), "\(error)")
        }
        // A retracted entry is not offered as one to change.
        #expect(try !cli.fails("amend", "9", "x").contains("#3"))
    }

    @Test("Every output shows the latest text, that it was amended, the retraction and its reason, and #N")
    func outputs() throws {
        let cli = try Self.incident()
        defer { cli.cleanUp() }
        try cli.ok("amend", "2", "rolled back to v41")
        try cli.ok("amend", "#2", "rolled back to v40")
        try cli.ok("retract", "INC-1#3", "--reason", "it was the cache team")

        let text = try cli.ok("timeline")
        #expect(text.contains("#2 2026-11-28 14:10:00 alice      note         rolled back to v40 (amended 2 times)"), "\(text)")
        #expect(text.contains("#3 2026-11-28 14:10:00 alice      action       [retracted: it was the cache team] paged the db team"))
        #expect(text.contains("#1 2026-11-28 14:10:00 alice      declared"))
        #expect(!text.contains("v14"), "the old text is not shown as current")

        let shown = try cli.ok("show")
        #expect(shown.contains("  #2 14:10:00 alice      note         rolled back to v40 (amended 2 times)"), "\(shown)")
        #expect(shown.contains("  #3 14:10:00 alice      action       [retracted: it was the cache team] paged the db team"))

        let markdown = try cli.ok("timeline", "--format", "markdown")
        #expect(markdown.contains("| 2 | 2026-11-28 14:10:00 | alice | note | rolled back to v40 (amended 2 times) |"), "\(markdown)")
        #expect(markdown.contains("| 3 | 2026-11-28 14:10:00 | alice | action | ~~paged the db team~~ (retracted: it was the cache team) |"))

        let csv = try cli.ok("timeline", "--format", "csv").split(separator: "\n").map(String.init)
        #expect(csv.first == "number,at,author,kind,text,retracted,amended,retraction_reason,previous_texts")
        #expect(csv.contains("2,2026-11-28T14:10:00Z,alice,note,rolled back to v40,false,true,,\"rolled back to v14\nrolled back to v41\"")
            || csv.contains { $0.hasPrefix("2,2026-11-28T14:10:00Z,alice,note,rolled back to v40,false,true,,") }, "\(csv)")
        #expect(csv.contains("3,2026-11-28T14:10:00Z,alice,action,paged the db team,true,false,it was the cache team,"))

        for rows in [try Self.rows(cli, "timeline", "--json"), try Self.rows(cli, "show", "--json")] {
            let amended = try #require(rows.first { $0["number"] as? Int == 2 })
            #expect(amended["text"] as? String == "rolled back to v40")
            #expect(amended["amended"] as? Bool == true)
            #expect(amended["previousTexts"] as? [String] == ["rolled back to v14", "rolled back to v41"])
            #expect(amended["retracted"] as? Bool == false)
            #expect(amended["retractionReason"] is NSNull)
            let retracted = try #require(rows.first { $0["number"] as? Int == 3 })
            #expect(retracted["retracted"] as? Bool == true)
            #expect(retracted["retractionReason"] as? String == "it was the cache team")
            #expect(retracted["text"] as? String == "paged the db team")
            #expect(rows.map { $0["number"] as? Int }.contains(4))
            #expect(!rows.contains { ($0["number"] as? Int ?? 0) > 4 }, "amendments and retractions have no row")
        }
        let export = try cli.ok("export", "jsonl")
        #expect(export.contains("\"entryAmended\"") || export.contains("amend"), "the events are exported")
    }

    @Test("amend --json confirms the event written")
    func json() throws {
        let cli = try Self.incident()
        defer { cli.cleanUp() }
        let out = try cli.ok("amend", "2", "v41", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(object["incident"] as? String == "INC-1")
        #expect((object["events"] as? [[String: Any]])?.first?["sequence"] as? Int == 5)
    }

    /// The next line `descriptor` prints, or nil after `deadline`.
    static func line(_ descriptor: Int32, _ buffer: inout [UInt8], deadline: Date) -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return nil }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(remaining, 1) * 1000)) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &chunk, chunk.count)
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }

    @Test("timeline --follow --json prints one row per line, and a row again when it is amended or retracted")
    func follow() throws {
        let cli = try Self.incident()
        defer { cli.cleanUp() }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["timeline", "--follow", "--json"]
        process.environment = cli.environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // SIGKILL: the test process may hand its children SIGTERM blocked.
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        let descriptor = out.fileHandleForReading.fileDescriptor
        var buffer: [UInt8] = []
        let deadline = Date().addingTimeInterval(30)
        func next() throws -> [String: Any] {
            let line = try #require(Self.line(descriptor, &buffer, deadline: deadline), "timeline --follow printed nothing more")
            return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not one JSON object: \(line)")
        }
        let first = try (0..<4).map { _ in try next()["number"] as? Int }
        #expect(first == [1, 2, 3, 4])
        try cli.ok("amend", "2", "rolled back to v41")
        let amended = try next()
        #expect(amended["number"] as? Int == 2 && amended["text"] as? String == "rolled back to v41" && amended["amended"] as? Bool == true)
        try cli.ok("retract", "3", "--reason", "wrong team")
        let retracted = try next()
        #expect(retracted["number"] as? Int == 3 && retracted["retractionReason"] as? String == "wrong team")
        try cli.ok("log", "a new entry")
        #expect(try next()["number"] as? Int == 7)
    }
}
