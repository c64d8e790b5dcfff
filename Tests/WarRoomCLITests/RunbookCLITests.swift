import Foundation
import Testing

/// `warroom runbook list|show|check` through the real binary, on the fixture folder (the README's
/// example and one more) and on folders and stores made here.
@Suite struct RunbookCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let folder = fixtures.appendingPathComponent("WarRoomConfigTests/Fixtures/runbooks").path
    static let alerts = fixtures.appendingPathComponent("WarRoomAlertIntakeTests/Fixtures")

    /// A folder of runbooks under the test's directory.
    static func write(_ files: [String: String], in cli: CLI, folder: String = "runbooks") throws -> String {
        let directory = cli.directory.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return directory.path
    }

    @Test("list: a row per runbook with how long ago it was tested, STALE after a quarter; --json for scripts")
    func list() throws {
        let cli = try CLI(now: "2026-11-28T14:10:00Z")
        defer { cli.cleanUp() }
        #expect(try cli.ok("runbook", "list", "--dir", Self.folder) == """
            NAME                       SERVICE    OWNER                        LAST TESTED                      ALERTS
            checkout-high-error-rate   checkout   payments (#payments-oncall)  2026-09-14 (75 days ago)         2
            orders-db-replication-lag  orders-db  dba (#dba-oncall)            2026-05-02 (209 days ago) STALE  1
            2 runbooks in \(Self.folder); 1 STALE (never tested, or more than 91 days ago): warroom runbook check says what to do

            """)
        #expect(try cli.ok("runbook", "--dir", Self.folder) == cli.ok("runbook", "list", "--dir", Self.folder), "list is the default")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("runbook", "list", "--dir", Self.folder, "--json").utf8))
                                as? [[String: Any]])
        #expect(json.map { $0["name"] as? String } == ["checkout-high-error-rate", "orders-db-replication-lag"])
        #expect(json[0]["service"] as? String == "checkout" && json[0]["alerts"] as? [String] == ["CheckoutHighErrorRate", "CheckoutLatencyP99"])
        #expect(json[0]["lastTested"] as? String == "2026-09-14" && json[0]["testedBy"] as? String == "alice" && json[0]["daysSinceTested"] as? Int == 75)
        #expect(json[0]["stale"] as? Bool == false && json[1]["stale"] as? Bool == true && json[1]["lastTested"] as? String == "2026-05-02T15:30:00Z")
        // The boundary, through the binary: 91 days after 2026-09-14 is fresh, 92 stale.
        let fresh = try CLI(now: "2026-12-14T23:59:00Z")
        defer { fresh.cleanUp() }
        #expect(try fresh.ok("runbook", "list", "--dir", Self.folder).contains("2026-09-14 (91 days ago)         2"))
        let stale = try CLI(now: "2026-12-15T00:00:00Z")
        defer { stale.cleanUp() }
        #expect(try stale.ok("runbook", "list", "--dir", Self.folder).contains("2026-09-14 (92 days ago) STALE"))
    }

    @Test("show: the facts first, then the body as written; --json gives sections and code blocks in order")
    func show() throws {
        let cli = try CLI(now: "2026-11-28T14:10:00Z")
        defer { cli.cleanUp() }
        let page = try cli.ok("runbook", "show", "checkout-high-error-rate", "--dir", Self.folder)
        #expect(page.hasPrefix("""
            checkout-high-error-rate — Checkout: high error rate
              service:     checkout
              owner:       payments (#payments-oncall)
              alerts:      CheckoutHighErrorRate, CheckoutLatencyP99
              dashboards:  https://grafana.example.com/d/checkout-overview
              last tested: 2026-09-14 by alice, 75 days ago
              file:        \(Self.folder)/checkout-high-error-rate.md

            # Checkout: high error rate

            ## Meaning
            """), "\(page)")
        #expect(page.hasSuffix("kubectl scale deployment/checkout-api -n production --replicas=12\n```\n"))
        #expect(try cli.ok("runbook", "show", "checkout-high-error-rate.md", "--dir", Self.folder) == page, "NAME.md names it too")
        #expect(try cli.ok("runbook", "show", "orders-db-replication-lag", "--dir", Self.folder).contains(
            "  last tested: 2026-05-02T15:30:00Z by bob, 209 days ago — STALE: more than a quarter (91 days) ago; test it again\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("runbook", "show", "checkout-high-error-rate", "--dir", Self.folder,
                                                                                        "--json").utf8)) as? [String: Any])
        let sections = try #require(json["sections"] as? [[String: Any]])
        #expect(sections.map { $0["title"] as? String } == ["Checkout: high error rate", "Meaning", "Impact", "Diagnosis", "Mitigation"])
        #expect(sections[2]["text"] as? String == "Customers cannot pay. Paying accounts are affected: at least SEV2.")
        let blocks = try #require(json["codeBlocks"] as? [[String: Any]])
        #expect(blocks.map { $0["language"] as? String } == ["bash", "bash", "bash"] && blocks.map { $0["section"] as? String } == ["Diagnosis", "Mitigation", "Mitigation"])
        #expect(blocks[1]["text"] as? String == "kubectl rollout undo deployment/checkout-api -n production\nkubectl rollout status deployment/checkout-api -n production")
        #expect(json["service"] as? String == "checkout" && json["hasMitigation"] as? Bool == true)
    }

    @Test("show makes a file's control characters inert, says its front-matter mistakes on stderr and still shows it")
    func showHostile() throws {
        let cli = try CLI(now: "2026-11-28T14:10:00Z")
        defer { cli.cleanUp() }
        let folder = try Self.write(["evil.md": "---\nownr: me\n---\n# Evil \u{1B}[2J title\n\u{202E}reversed\r\nbell\u{7}\r\n"], in: cli)
        let result = try cli.run(["runbook", "show", "evil", "--dir", folder])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.hasPrefix("evil — Evil ^[[2J title\n  service:     unknown\n  owner:       unknown\n"), "\(result.out)")
        #expect(result.out.contains("  last tested: never — STALE: an untested runbook is a false sense of security\n"))
        #expect(result.out.hasSuffix("\n# Evil ^[[2J title\n<U+202E>reversed\nbell^G\n"), "CRLF read as line ends, not ^M: \(result.out)")
        #expect(!result.out.contains("\u{1B}") && !result.out.contains("\u{202E}") && !result.out.contains("\r"))
        #expect(result.err == "warroom: \(folder)/evil.md:2: key 'ownr' in [front matter]: is not a key here (did you mean 'owner'?): "
                + "known keys are service, owner, alerts, dashboards, last_tested, tested_by, title\n", "\(result.err)")
    }

    @Test("Refusals say what to type", arguments: [
        (["runbook", "show", "checkout"], "no runbook 'checkout' in FOLDER (did you mean 'checkout-high-error-rate'?): warroom runbook list shows them all"),
        (["runbook", "show", "orders-db-replication-lg"], "(did you mean 'orders-db-replication-lag'?)"),
        (["runbook", "list", "--dir", "/nonexistent/runbooks"], "no runbook folder at /nonexistent/runbooks: write one (see the README's runbooks section) or name it with --dir PATH"),
        (["runbook", "list", "--dir", ""], "--dir needs a path (it was given an empty one)"),
        (["runbook", "show"], "Missing expected argument '<name>'"),
    ])
    func refusals(_ arguments: [String], _ message: String) throws {
        let cli = try CLI(now: "2026-11-28T14:10:00Z")
        defer { cli.cleanUp() }
        let result = try cli.run(arguments.contains("--dir") ? arguments : arguments + ["--dir", Self.folder])
        #expect(result.status != 0 && result.out.isEmpty && result.err.contains(message.replacingOccurrences(of: "FOLDER", with: Self.folder)), "\(result.err)")
    }

    @Test("The folder from the config file: runbooks = \"PATH\" relative to its folder, ~ under HOME; none at all says where to write it")
    func configured() throws {
        let cli = try CLI(now: "2026-11-28T14:10:00Z")
        defer { cli.cleanUp() }
        let config = cli.directory.appendingPathComponent(".config/warroom")
        let none = try cli.run(["runbook", "list"])
        #expect(none.status != 0 && none.err == "warroom: no runbook folder: name it with --dir PATH, or write runbooks = \"PATH\" in "
                + "\(config.path)/config.toml (see the README's runbooks section)\n", "\(none.err)")
        _ = try Self.write(["a.md": "# A\n## Mitigation\nRestart.\n"], in: cli, folder: ".config/warroom/team-runbooks")
        try "runbooks = \"team-runbooks\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        #expect(try cli.ok("runbook", "list").hasPrefix("NAME  SERVICE  OWNER  LAST TESTED  ALERTS\na     -        -      never STALE  0\n"))
        _ = try Self.write(["b.md": "# B\n"], in: cli, folder: "elsewhere")
        try "runbooks = \"~/elsewhere\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        #expect(try cli.ok("runbook", "list").contains("\nb     -"))
        try "runbooks = \"~/missing\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        #expect(try cli.fails("runbook", "list").contains("no runbook folder at \(cli.directory.path)/missing (runbooks in \(config.path)/config.toml)"))
    }

    @Test("check on the folder alone: the stale runbook flagged with its line, exit 1; the store's absence said")
    func checkFolder() throws {
        let cli = try CLI(now: "2026-11-28T14:10:00Z")
        defer { cli.cleanUp() }
        let result = try cli.run(["runbook", "check", "--dir", Self.folder])
        #expect(result.status == 1 && result.out == """
            \(Self.folder)/orders-db-replication-lag.md:5: last tested 2026-05-02T15:30:00Z by bob, 209 days ago: more than a quarter (91 days); test it again (a game day or drill) and update last_tested
            2 runbooks in \(Self.folder): 1 problem, 0 warnings

            """, "\(result.out)")
        #expect(result.err == "warroom: no store at \(cli.store): the services and alerts of incidents were not checked (--store names one)\n", "\(result.err)")
        let explicit = try cli.run(["runbook", "check", "--dir", Self.folder, "--store", cli.directory.appendingPathComponent("typo.db").path])
        #expect(explicit.status != 0 && explicit.out.isEmpty && explicit.err.contains("no warroom store at"), "a store named and missing is an error")
    }

    @Test("check against a store: a service with incidents and no runbook, an alert's runbook_url naming none, drills left out")
    func checkStore() throws {
        let cli = try CLI(now: "2026-11-28T14:10:00Z")
        defer { cli.cleanUp() }
        try cli.ok("alerts", "ingest", Self.alerts.appendingPathComponent("alertmanager-checkout-firing.json").path)
        try cli.ok("declare", "--title", "Payments time out", "--severity", "SEV3", "--service", "payments")
        try cli.ok("declare", "--title", "game day: inventory failover", "--severity", "SEV1", "--service", "inventory", "--drill")
        let fresh = "---\nservice: checkout\nowner: payments\nlast_tested: 2026-11-01\ntested_by: alice\n---\n# Checkout\n## Mitigation\nRoll back.\n"
        let folder = try Self.write(["checkout.md": fresh, "notes.md": "---\nservice: search\nlast_tested: 2026-11-20\n---\n# Search notes\n"], in: cli)
        let result = try cli.run(["runbook", "check", "--dir", folder])
        #expect(result.status == 1 && result.out == """
            \(folder)/notes.md: warning: no Mitigation section: add ## Mitigation with the steps that stop the impact (the sections are Meaning, Impact, Diagnosis, Mitigation)
            service 'payments' had 1 incident (INC-2) and no runbook: write one with service: payments in its front matter
            alert CheckoutHighErrorRate on INC-1 has runbook_url https://runbooks.example.com/checkout/high-error-rate, which names no runbook ('high-error-rate'): add high-error-rate.md to the folder, or point the alert's runbook_url annotation at one
            2 runbooks in \(folder): 2 problems, 1 warning

            """, "\(result.out)")
        #expect(result.err.isEmpty, "\(result.err)")

        // Every flag fixed: the runbook the URL names, one for payments; warnings alone pass.
        _ = try Self.write(["high-error-rate.md": fresh, "payments.md": fresh.replacingOccurrences(of: "service: checkout", with: "service: Payments")], in: cli)
        let fixed = try cli.run(["runbook", "check", "--dir", folder])
        #expect(fixed.status == 0 && fixed.out.hasSuffix("4 runbooks in \(folder): 0 problems, 1 warning\n"), "\(fixed.out)")
        try FileManager.default.removeItem(atPath: folder + "/notes.md")
        #expect(try cli.ok("runbook", "check", "--dir", folder) == "3 runbooks in \(folder): each tested within a quarter, with its Mitigation; "
                + "every service with incidents has one, and every alert's runbook_url names one\n")
    }

    @Test("check: front-matter mistakes with their lines, no front matter, an empty folder; each file's lines together")
    func checkMistakes() throws {
        let cli = try CLI(now: "2026-11-28T14:10:00Z")
        defer { cli.cleanUp() }
        let empty = try Self.write([:], in: cli, folder: "empty")
        let none = try cli.run(["runbook", "check", "--dir", empty])
        #expect(none.status == 1 && none.out == "\(empty) holds no runbooks: write one per service or alert, NAME.md (see the README's runbooks section)\n"
                + "0 runbooks in \(empty): 1 problem, 0 warnings\n", "\(none.out)")
        let folder = try Self.write(["a.md": "---\nservice: a\nlast_tested: 2026-13-01\n---\n## Mitigation\nx\n", "b.md": "# B\n## Mitigation\ny\n"], in: cli)
        let result = try cli.run(["runbook", "check", "--dir", folder])
        #expect(result.status == 1 && result.out == """
            \(folder)/a.md:3: key 'last_tested' in [front matter]: '2026-13-01' is not a date: write YYYY-MM-DD (2026-09-14) or an ISO 8601 instant (2026-09-14T10:00:00Z)
            \(folder)/a.md: never tested (no last_tested): test it in a game day or drill, then write last_tested: YYYY-MM-DD and tested_by — an untested runbook is a false sense of security
            \(folder)/b.md: never tested, service unknown (no front matter): test it, then open the file with --- and service, owner, alerts, last_tested and tested_by, then --- (see the README's runbooks section)
            2 runbooks in \(folder): 3 problems, 0 warnings

            """, "\(result.out)")
    }

    @Test("tested: recorded in the store, so list no longer calls it stale; --write sets the front matter and keeps every other byte")
    func tested() throws {
        let cli = try CLI(now: "2026-11-28T14:10:00Z")
        defer { cli.cleanUp() }
        let original = try String(contentsOfFile: Self.folder + "/orders-db-replication-lag.md", encoding: .utf8)
        let folder = try Self.write(["orders-db-replication-lag.md": original], in: cli)
        _ = try cli.ok("declare", "--severity", "SEV3", "--title", "store exists")
        #expect(try cli.ok("runbook", "list", "--dir", folder).contains("STALE"))
        #expect(try cli.ok("runbook", "tested", "orders-db-replication-lag", "--dir", folder, "--by", "bob", "--notes", "failover drill")
                == "Recorded: orders-db-replication-lag tested 2026-11-28 by bob (in the store; --write also sets its front matter)\n")
        let listed = try cli.ok("runbook", "list", "--dir", folder)
        #expect(listed.contains("2026-11-28 (today)") && !listed.contains("STALE"), "\(listed)")
        #expect(try String(contentsOfFile: folder + "/orders-db-replication-lag.md", encoding: .utf8) == original, "not rewritten without --write")
        let miss = try cli.run(["runbook", "tested", "orders-db-replication", "--dir", folder])
        #expect(miss.status != 0 && miss.err.contains("(did you mean 'orders-db-replication-lag'?); nothing was recorded"), "\(miss.err)")
        _ = try cli.ok("runbook", "tested", "orders-db-replication-lag", "--dir", folder, "--by", "carol", "--write")
        let rewritten = try String(contentsOfFile: folder + "/orders-db-replication-lag.md", encoding: .utf8)
        #expect(rewritten.contains("last_tested: 2026-11-28\n") && rewritten.contains("tested_by: \"carol\"\n"), "\(rewritten)")
        let kept = rewritten.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("last_tested:") && !$0.hasPrefix("tested_by:") }
        let before = original.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("last_tested:") && !$0.hasPrefix("tested_by:") }
        #expect(kept == before, "every other line as it was")
    }
}
