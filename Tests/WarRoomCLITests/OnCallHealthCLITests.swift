import Foundation
import Testing

/// `warroom oncall health|pages import|handoff|survey|rest` through the real binary, on the team
/// file (a primary and a secondary schedule).
@Suite struct OnCallHealthCLITests {
    static let team = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WarRoomConfigTests/Fixtures/oncall-team.yaml").path

    /// alice takes six pages the week of 2026-11-30 (one over the line), bob one.
    static let export = """
        id,title,service_name,created_on,assigned_to,acknowledged_at
        P1,"DB lag, replica 2",db,2026-12-01T02:14:00Z,alice,2026-12-01T02:17:00Z
        P2,Checkout 5xx,checkout,2026-12-01T19:30:00+01:00,alice,
        P3,Disk full,db,2026-12-02T10:00:00Z,alice,2026-12-02T10:01:30Z
        P4,Disk full,db,2026-12-03T10:00:00Z,alice,2026-12-03T10:04:00Z
        P5,Disk full,db,2026-12-04T23:00:00Z,alice,2026-12-04T23:02:00Z
        P6,Disk full,db,2026-12-05T13:00:00Z,alice,2026-12-05T13:20:00Z
        P7,Latency,api,2026-12-08T11:00:00Z,bob,2026-12-08T11:03:00Z

        """

    @Test("Import counts what is new; health shows the week over the line, the hours, rest owed until taken, the survey")
    func health() throws {
        let cli = try CLI(now: "2026-12-10T12:00:00Z")
        defer { cli.cleanUp() }
        let file = cli.directory.appendingPathComponent("pd.csv").path
        try Self.export.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try cli.ok("oncall", "pages", "import", file) == "Imported 7 pages from pd.csv; warroom oncall health counts them\n")
        #expect(try cli.ok("oncall", "pages", "import", file, "--source", "pd.csv")
                == "Imported 0 pages from pd.csv (7 already imported, skipped); warroom oncall health counts them\n")
        _ = try cli.ok("declare", "--severity", "SEV1", "--title", "Checkout down", "--at", "2026-12-09T20:00:00Z")
        _ = try cli.ok("role", "assign", "tech", "alice")
        _ = try cli.ok("status", "mitigating", "--at", "2026-12-10T01:00:00Z")
        _ = try cli.ok("status", "resolved", "--reason", "fixed", "--force")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("oncall", "health", "--file", Self.team, "--since", "-3w", "--json").utf8))
                                as? [String: Any])
        let engineers = try #require(json["engineers"] as? [[String: Any]])
        let alice = try #require(engineers.first { $0["name"] as? String == "alice" })
        #expect(alice["pages"] as? Int == 6 && alice["unacknowledged"] as? Int == 1 && alice["acknowledgeSecondsMedian"] as? Int == 180)
        // In Berlin: 03:14 Tue and 00:00 Sat are sleep; 19:30 Mon and 14:00 Sat off; 11:00 Wed and Thu business.
        #expect(alice["sleep"] as? Int == 2 && alice["off"] as? Int == 2 && alice["business"] as? Int == 2, "\(alice)")
        let owed = try #require(json["restOwed"] as? [[String: Any]])
        #expect(Set(owed.compactMap { $0["person"] as? String }) == ["alice"], "alice took part (tech lead); the IC declared from the CLI as alice too")
        let text = try cli.ok("oncall", "health", "--file", Self.team, "--since", "-3w")
        #expect(text.contains("! alice had 6 pages the week of 2026-11-30: more than 5 a week"), "\(text)")
        #expect(text.contains("warroom oncall rest alice --incident INC-1 records it taken"), "\(text)")
        #expect(try cli.ok("oncall", "rest", "alice", "--incident", "INC-1") == "Recorded: alice took the rest INC-1 owed\n")
        #expect(try cli.ok("oncall", "health", "--file", Self.team, "--since", "-3w").contains("none owed"))
        #expect(try cli.ok("oncall", "survey", "--score", "3", "--comment", "too many disk alerts")
                == "Recorded a survey answer of 3 out of 5; warroom oncall health shows the quarter's average\n")
        #expect(try cli.ok("oncall", "health", "--file", Self.team).contains("! the on-call survey averages 3.0 out of 5: below the method's 4"))
    }

    @Test("Refused, nothing recorded: a bad row names its line, a score off the scale, rest for someone who did not respond")
    func refused() throws {
        let cli = try CLI(now: "2026-12-10T12:00:00Z")
        defer { cli.cleanUp() }
        let file = cli.directory.appendingPathComponent("bad.csv").path
        try (Self.export + "P8,x,db,tomorrow,alice,\nP9,x,db,2026-12-20T00:00:00Z,alice,\n").write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try cli.run(["oncall", "pages", "import", file])
        #expect(bad.status == 1 && bad.err.contains("bad.csv:9: 'tomorrow' is not a time") && bad.err.contains("nothing was imported"), "\(bad.err)")
        try (Self.export + "P9,x,db,2026-12-20T00:00:00Z,alice,\n").write(toFile: file, atomically: true, encoding: .utf8)
        let future = try cli.run(["oncall", "pages", "import", file])
        #expect(future.status == 1 && future.err.contains("bad.csv:9: sent at 2026-12-20T00:00:00Z, after now"), "\(future.err)")
        let score = try cli.run(["oncall", "survey", "--score", "7"])
        #expect(score.status != 0 && score.err.contains("--score 7 is not on the survey's scale: give 1 to 5; nothing was recorded"))
        _ = try cli.ok("declare", "--severity", "SEV1", "--title", "Checkout down")
        let rest = try cli.run(["oncall", "rest", "alicia", "--incident", "INC-1"])
        #expect(rest.status != 0 && rest.err.contains("alicia did not respond to INC-1 (did you mean 'alice'?)"), "\(rest.err)")
        let health = try JSONSerialization.jsonObject(with: Data(try cli.ok("oncall", "health", "--file", Self.team, "--json").utf8)) as? [String: Any]
        #expect((health?["survey"] as? [String: Any])?["answers"] as? Int == 0, "nothing was recorded")
    }

    @Test("handoff: the outgoing turn's incidents, pages, open action items and what is owed, for the incoming person")
    func handoff() throws {
        let cli = try CLI(now: "2026-12-10T12:00:00Z")
        defer { cli.cleanUp() }
        let file = cli.directory.appendingPathComponent("pd.csv").path
        try Self.export.write(toFile: file, atomically: true, encoding: .utf8)
        _ = try cli.ok("oncall", "pages", "import", file)
        _ = try cli.ok("declare", "--severity", "SEV2", "--title", "Latency", "--at", "2026-12-08T11:00:00Z")
        _ = try cli.ok("postmortem", "action", "add", "Add a p99 alert", "--owner", "bob", "--priority", "P1", "--due", "2026-12-20")
        let out = try cli.ok("oncall", "handoff", "--file", Self.team, "--schedule", "backend-primary")
        #expect(out.hasPrefix("Handoff on backend-primary: bob → carol at 2026-12-14 10:00 Europe/Berlin\n"), "\(out)")
        #expect(out.contains("INC-1 SEV2 investigating  Latency  declared 2026-12-08T11:00:00Z  ← still open: the incoming person takes it over"), "\(out)")
        #expect(out.contains("Pages to bob (1): 1 acknowledged (median 3m)"), "\(out)")
        #expect(out.contains("INC-1 #1 (P1, due 2026-12-20): Add a p99 alert"), "\(out)")
        #expect(out.contains("INC-1: "), "the open incident's overdue obligations: \(out)")
    }

    @Test("handoff: the runbooks opened or linked during the turn, by whom, with their last test; those of other turns left out")
    func handoffRunbooks() throws {
        let source = try CLI(now: "2026-12-10T12:00:00Z")
        defer { source.cleanUp() }
        _ = try source.ok("declare", "--severity", "SEV2", "--title", "Latency", "--at", "2026-12-08T11:00:00Z")
        var lines = try source.ok("export", "jsonl").split(separator: "\n").map(String.init)
        func use(_ n: Int, _ at: String, _ author: String, _ runbook: String, _ action: String, tested: String?) -> String {
            let lastTested = tested.map { #","lastTested":"\#($0)""# } ?? ""
            return #"{"at":"\#(at)","author":"\#(author)","data":{"action":"\#(action)"\#(lastTested),"runbook":"\#(runbook)"},"#
                + #""id":"00000000-0000-0000-0000-00000000010\#(n)","incident":"INC-1","recordedAt":"2026-12-10T12:00:00Z","type":"runbookUsed"}"#
        }
        lines += [use(1, "2026-12-08T11:05:00Z", "bob", "checkout-rollback", "opened", tested: "2026-11-20T00:00:00Z"),
                  use(2, "2026-12-08T11:20:00Z", "alice", "checkout-rollback", "opened", tested: "2026-11-20T00:00:00Z"),
                  use(3, "2026-12-08T11:30:00Z", "bob", "db-failover", "linked", tested: nil),
                  use(4, "2026-12-01T09:00:00Z", "bob", "search-capacity", "opened", tested: nil)]
        let file = source.directory.appendingPathComponent("incident.jsonl").path
        try lines.joined(separator: "\n").appending("\n").write(toFile: file, atomically: true, encoding: .utf8)
        let cli = try CLI(now: "2026-12-10T12:00:00Z")
        defer { cli.cleanUp() }
        _ = try cli.ok("import", file)
        let out = try cli.ok("oncall", "handoff", "--file", Self.team, "--schedule", "backend-primary")
        #expect(out.contains("""

            Runbooks used (2):
              checkout-rollback (INC-1, first 2026-12-08T11:05:00Z): opened by bob, alice; last tested 2026-11-20
              db-failover (INC-1, first 2026-12-08T11:30:00Z): linked by bob; never tested
            """), "\(out)")
        #expect(!out.contains("search-capacity"), "opened before the turn: \(out)")
    }
}
