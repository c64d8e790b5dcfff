import Foundation
import Testing

@Suite("CLI")
struct CLITests {
    @Test("declare prints the id; show --json has the documented fields")
    func declareAndShow() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2", "--service", "checkout-api",
                           "--started-at", "13:58", "--detected-at", "-6m", "--no-ic") == "INC-1\n")
        try cli.ok("role", "assign", "ic", "alice")
        try cli.ok("hypothesis", "add", "bad", "config", "deploy", "--owner", "bob", "--timebox", "15m")
        try cli.ok("log", "rolled back to v41", "--kind", "action", "--at", "14:09")
        let state = try cli.state()
        #expect(state["id"] as? String == "INC-1")
        #expect(state["title"] as? String == "Checkout errors")
        #expect(state["severity"] as? String == "SEV2")
        #expect(state["status"] as? String == "investigating")
        let roles = try #require(state["roles"] as? [String: Any])
        #expect(roles["commander"] as? String == "alice")
        #expect(roles["comms"] is NSNull && roles["tech"] is NSNull && roles["scribe"] is NSNull)
        #expect(state["nextUpdateDue"] as? String == "2026-11-28T14:40:00Z")
        #expect(state["updateOverdue"] as? Bool == false)
        let hypotheses = try #require(state["hypotheses"] as? [[String: Any]])
        #expect(hypotheses.count == 1)
        #expect(hypotheses.first?["id"] as? Int == 1)
        #expect(hypotheses.first?["owner"] as? String == "bob")
        #expect(hypotheses.first?["state"] as? String == "open")
        #expect(hypotheses.first?["deadline"] as? String == "2026-11-28T14:25:00Z")
        let alerts = try #require(state["alerts"] as? [String])
        #expect(alerts.contains("Notify Eng Manager — due in 15m"))
        let timeline = try #require(state["timeline"] as? [[String: Any]])
        #expect(timeline.map { $0["text"] as? String } == [
            "rolled back to v41", "Declared SEV2: Checkout errors [checkout-api]", "alice is Incident Commander",
            "Hypothesis #1 (bob, 15m): bad config deploy",
        ], "the backdated entry sorts by when it happened, before the declaration at 14:10")
        #expect(timeline[0]["at"] as? String == "2026-11-28T14:09:00Z")
        #expect(timeline[0]["kind"] as? String == "action")
        #expect(timeline[0]["author"] as? String == "alice")
        let metrics = try #require(state["metrics"] as? [String: Any])
        #expect(metrics["timeToDetect"] as? Int == 6 * 60)
        #expect(metrics["timeToAcknowledge"] as? Int == 0)
        #expect(metrics["timeToMitigate"] is NSNull)
        #expect(metrics["timeToResolve"] is NSNull)
    }

    @Test("Every recording subcommand takes --at, in each accepted form")
    func backfill() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "sev3", "--at", "2026-11-28T13:00:00Z", "--no-ic")
        try cli.ok("severity", "SEV2", "--reason", "key feature down", "--at", "13:05")
        try cli.ok("role", "assign", "commander", "bob", "--at", "-60m")
        try cli.ok("hypothesis", "add", "cache", "--at", "13:20")
        try cli.ok("status", "mitigating", "--at", "13:30:30")
        try cli.ok("notify", "Eng Manager", "--at", "13:31")
        try cli.ok("impact", "--users-affected", "30%", "--at", "13:32")
        let timeline = try #require(try cli.state()["timeline"] as? [[String: Any]])
        #expect(timeline.map { $0["at"] as? String } == [
            "2026-11-28T13:00:00Z", "2026-11-28T13:05:00Z", "2026-11-28T13:10:00Z", "2026-11-28T13:20:00Z",
            "2026-11-28T13:30:30Z", "2026-11-28T13:31:00Z", "2026-11-28T13:32:00Z",
        ])
    }

    @Test("Errors go to stderr, exit non-zero, say what is expected, and change nothing")
    func errors() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.fails("log", "hello").contains("no incident in"))
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        #expect(try cli.fails("severity", "SEV7") == "warroom: unknown severity 'SEV7': use SEV1, SEV2, SEV3 or SEV4\n")
        #expect(try cli.fails("role", "assign", "dictator", "bob").contains("use commander (ic), deputy, comms (cl), tech (tl) or scribe"))
        #expect(try cli.fails("hypothesis", "confirm", "7").contains("no hypothesis #7"))
        #expect(try cli.fails("status", "resolved").contains("wait, or force it with a reason"))
        #expect(try cli.fails("status", "resolved", "--force").contains("an override needs a reason"))
        #expect(try cli.fails("log", "x", "--at", "25:99").contains("cannot read the time '25:99'"))
        #expect(try cli.fails("log", "x", "--kind", "rant").contains("use note, action, decision, finding or comms"))
        let timeline = try #require(try cli.state()["timeline"] as? [[String: Any]])
        #expect(timeline.count == 1, "nothing was recorded by the refused commands")
        try cli.ok("status", "resolved", "--force", "--reason", "false positive")
        #expect(try cli.state()["status"] as? String == "resolved")
    }

    @Test("The default incident is the one open incident; several open is a clear error")
    func incidentChoice() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "first", "--severity", "SEV3")
        try cli.ok("declare", "--title", "second", "--severity", "SEV2")
        let error = try cli.fails("log", "which one?")
        #expect(error.contains("2 incidents are open") && error.contains("INC-1") && error.contains("INC-2"))
        try cli.ok("log", "this one", "--incident", "INC-2")
        try cli.ok("log", "short id", "--incident", "1")
        #expect(try cli.fails("log", "x", "--incident", "INC-9").contains("known incidents are INC-1, INC-2"))
        let list = try cli.ok("list")
        #expect(list.contains("INC-1\tSEV3\tinvestigating") && list.contains("INC-2\tSEV2\tinvestigating"))
    }

    @Test("Hostile text prints inert: no escape, CR, BEL or bidi control reaches the terminal")
    func sanitizedOutput() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t\u{1B}]0;pwned\u{07}", "--severity", "SEV2")
        try cli.ok("log", "a\u{1B}[2Jb\rc\u{08}d\u{202E}e\u{9B}f")
        for args in [["show"], ["list"], ["timeline"], ["timeline", "--format", "markdown"], ["timeline", "--format", "csv"],
                     ["show", "--json"]] {
            let out = try cli.run(args).out
            let bad = out.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
            }
            #expect(bad.isEmpty, "warroom \(args.joined(separator: " ")) printed \(bad.map { String($0.value, radix: 16) })")
        }
        #expect(try cli.ok("timeline").contains("a^[[2Jb^Mc^Hd<U+202E>e<U+009B>f"))
        let export = try cli.ok("export", "jsonl")
        #expect(export.contains(#"a\u001b[2Jb\rc\bd"#) || export.contains(#"a\u001B[2Jb\rc\bd"#), "the stored text stays byte-exact; the export escapes it as JSON")
    }

    @Test("Timeline formats: markdown escapes cells, csv quotes and defuses formulas")
    func formats() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2")
        try cli.ok("log", "a | b <script> # c")
        try cli.ok("log", "=HYPERLINK(\"x\"), fine")
        let markdown = try cli.ok("timeline", "--format", "markdown")
        #expect(markdown.contains(##"a \| b &lt;script&gt; \# c"##))
        #expect(markdown.hasPrefix("| # | Time (UTC) | Author | Kind | Event |"))
        let csv = try cli.ok("timeline", "--format", "csv")
        #expect(csv.contains(#"alice,note,"'=HYPERLINK(""x""), fine",false,false,,"#))
        #expect(csv.hasPrefix("number,at,author,kind,text,retracted,amended,retraction_reason,previous_texts\n"))
    }

    @Test("Export → import into an empty store → export gives identical lines; import is idempotent")
    func exportImport() throws {
        let source = try CLI()
        let target = try CLI()
        defer { source.cleanUp(); target.cleanUp() }
        try source.ok("declare", "--title", "Checkout errors", "--severity", "SEV1", "--summary", "日本語 and emoji 👩‍👩‍👧", "--no-ic")
        try source.ok("log", "with \"quotes\" and \\ and \u{1B}")
        try source.ok("impact", "--users-affected", "12.5", "--paying-accounts", "--customer-reported")
        try source.ok("hypothesis", "add", "x", "--timebox", "20m")
        let first = try source.ok("export", "jsonl")
        let file = target.directory.appendingPathComponent("incident.jsonl")
        try Data(first.utf8).write(to: file)
        #expect(try target.ok("import", file.path).hasPrefix("imported 4 new events of 4"))
        #expect(try target.ok("import", file.path).hasPrefix("imported 0 new events of 4"))
        #expect(try target.ok("export", "jsonl") == first)
        #expect(first.split(separator: "\n").count == 4)
    }

    @Test("A malformed line is reported with its number and nothing is imported")
    func malformedImport() throws {
        let source = try CLI()
        let target = try CLI()
        defer { source.cleanUp(); target.cleanUp() }
        try source.ok("declare", "--title", "t", "--severity", "SEV2")
        try source.ok("log", "one")
        var lines = try source.ok("export", "jsonl").split(separator: "\n").map(String.init)
        lines.insert("{\"not\": \"an event\"}", at: 1)
        let file = target.directory.appendingPathComponent("bad.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let error = try target.fails("import", file.path)
        #expect(error.contains("bad.jsonl:2:") && error.contains("nothing was imported"))
        #expect(try target.fails("list").contains("no warroom store"), "nothing was imported, no store was created")
    }

    @Test("--each-line appends one entry per line, each confirmed after its commit")
    func eachLine() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        let out = try cli.ok("log", "--each-line", "--json", input: "one\n\ntwo\nthree\n")
        #expect(out.split(separator: "\n").count == 3)
        let timeline = try #require(try cli.state()["timeline"] as? [[String: Any]])
        #expect(timeline.dropFirst().map { $0["text"] as? String } == ["one", "two", "three"])
    }

    @Test("A foreign file at the store path is refused by name and left byte-for-byte untouched")
    func foreignStore() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let bytes = Data("this is my shopping list\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: cli.store))
        let error = try cli.fails("list")
        #expect(error.contains(cli.store) && error.contains("not a warroom store"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.store)) == bytes)
        #expect(!FileManager.default.fileExists(atPath: cli.store + "-wal"))
    }

    @Test("The store location: --store, then WARROOM_STORE, then XDG_DATA_HOME; created with mode 0600")
    func location() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let xdg = cli.directory.appendingPathComponent("xdg").path
        let result = try cli.run(["declare", "--title", "t", "--severity", "SEV4"],
                                 env: ["WARROOM_STORE": "", "XDG_DATA_HOME": xdg])
        #expect(result.status == 0, "\(result.err)")
        let path = xdg + "/warroom/warroom.db"
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let explicit = cli.directory.appendingPathComponent("explicit.db").path
        try cli.ok("declare", "--title", "t", "--severity", "SEV4", "--store", explicit)
        #expect(FileManager.default.fileExists(atPath: explicit))
    }
}
