import Foundation
import Testing

/// `warroom drill list|check` through the real binary: the shipped scenarios, a team's folder, the
/// README's example, and files with mistakes.
@Suite struct DrillCLITests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WarRoomConfigTests/Fixtures/drills/checkout-latency.yaml").path

    /// A folder of scenarios under the test's directory.
    static func write(_ files: [String: String], in cli: CLI, folder: String = "drills") throws -> String {
        let directory = cli.directory.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return directory.path
    }

    static let small = """
        title: Small drill
        objectives: [practise]
        severity: SEV3
        duration: 20m
        injects:
          - at: +00:02
            symptom: Checkout is slow
            expect:
              - {role: ic, action: severity-set, within: 5m, points: 10}

        """

    @Test("list: the shipped scenarios, a row each; the default subcommand; --json for scripts")
    func list() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let out = try cli.ok("drill", "list")
        #expect(out == """
            NAME                   TITLE                                                         SEVERITY  DURATION  INJECTS  POINTS  FROM
            bad-config-deploy      Edge 502s everywhere after a WAF rule deploy                  SEV2      45m       7        115     shipped
            cloud-provider-outage  Uploads fail while the cloud provider's object store is down  SEV3      1h        8        115     shipped
            database-failover      Stale and missing data after an automatic database failover   SEV2      1h        7        110     shipped
            3 shipped; warroom drill check NAME prints one's timeline

            """, "\(out)")
        #expect(try cli.ok("drill") == out, "list is the default")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("drill", "list", "--json").utf8)) as? [[String: Any]])
        #expect(json.map { $0["name"] as? String } == ["bad-config-deploy", "cloud-provider-outage", "database-failover"])
        #expect(json[0]["durationSeconds"] as? Int == 2_700 && json[0]["shipped"] as? Bool == true && json[0]["mistakes"] as? Int == 0)
        #expect(json[2]["service"] as? String == "orders-db" && json[2]["runsCommands"] as? Bool == false)
    }

    @Test("list with a team folder (--dir, or drills = in the config): its scenarios after the shipped ones, one with mistakes counted")
    func teamFolder() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let folder = try Self.write(["small.yaml": Self.small, "broken.yaml": "title: [\n", "notes.md": "no"], in: cli)
        let out = try cli.ok("drill", "list", "--dir", folder)
        #expect(out.contains("\nbroken                 1 mistake: warroom drill check \(folder)/broken.yaml"), "\(out)")
        #expect(out.contains("\nsmall                  Small drill  "), "\(out)")
        #expect(out.hasSuffix("3 shipped, 2 in \(folder); warroom drill check NAME prints one's timeline\n"))
        let config = cli.directory.appendingPathComponent(".config/warroom")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "drills = \"../../drills\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let configured = try cli.ok("drill", "list")
        #expect(configured.contains("\nsmall                  Small drill  ") && configured.contains("  \(config.path)/../../drills/small.yaml\n")
                && configured.hasSuffix("3 shipped, 2 in \(config.path)/../../drills; warroom drill check NAME prints one's timeline\n"),
                "the config's folder, relative to it: \(configured)")
        #expect(try cli.ok("drill", "check", "small").hasPrefix("small — Small drill\n  file:       \(config.path)/../../drills/small.yaml\n"))
        #expect(try cli.fails("drill", "list", "--dir", cli.directory.appendingPathComponent("none").path)
                == "warroom: no scenario folder at \(cli.directory.path)/none: name the folder that holds the team's NAME.yaml scenarios\n")
        #expect(try cli.fails("drill", "list", "--dir", folder + "/small.yaml").hasPrefix("warroom: no scenario folder at \(folder)/small.yaml:"), "a file is no folder")
    }

    @Test("check a shipped scenario at 10×: its facts, then each inject, deadline and contingency at its offset and wall time")
    func checkShipped() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let out = try cli.ok("drill", "check", "bad-config-deploy", "--speed", "10x")
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(4)) == [
            "bad-config-deploy — Edge 502s everywhere after a WAF rule deploy",
            "  file:       bad-config-deploy (shipped)",
            "  based on:   https://blog.cloudflare.com/details-of-the-cloudflare-outage-on-july-2-2019/",
            "  declared:   SEV2 on edge-proxy, marked DRILL",
        ], "\(out)")
        #expect(lines.contains("  duration:   45m at 1×, 4m30s at 10×"))
        #expect(lines.contains("  expects:    10 actions for 115 points, 3 with a contingency"))
        #expect(lines.contains("  AT       AT 10×   WHAT"))
        #expect(lines.contains("  +00:00   00:00    ALERT    EdgeHTTP502RateHigh, EdgeCPUSaturated (firing)"))
        #expect(lines.contains("  +00:05   00:30    DUE      commander sets the severity (SEV1 or more severe) within 5m of +00:00: 15 points"))
        #expect(lines.contains("                             missed: MESSAGE  from VP Engineering: Every dashboard I have is red, in every region. Is this not a SEV1?"))
        #expect(lines.contains("  +00:20   02:00    IMPACT   customer-reported, paying accounts, 80% of users (every proxied site, paying plans included) "
                               + "→ at least SEV2: customer-reported on paying accounts"))
        #expect(lines.contains("  +00:10   01:00    WRONG    'a DDoS attack is saturating the edge': Request rates are at their normal level in every region; "
                               + "the profiles show the CPU spent in the WAF's regex engine, not in connection handling."))
        #expect(lines.suffix(2) == ["  +00:45   04:30    END      the drill ends", ""])
        let deadlines = lines.filter { $0.contains(" DUE ") }.count
        #expect(deadlines == 10, "one row per expectation")
        let real = try cli.ok("drill", "check", "bad-config-deploy")
        #expect(real.contains("\n  AT       WHAT\n  +00:00   ALERT    EdgeHTTP502RateHigh") && real.contains("  duration:   45m at 1×\n"), "1×: no second column")
        for name in ["cloud-provider-outage", "database-failover"] {
            #expect(try cli.ok("drill", "check", name, "--speed", "60x").contains("END      the drill ends"))
        }
        let failover = try cli.ok("drill", "check", "database-failover", "--speed", "60x")
        #expect(failover.contains("  +00:08   00:08    IMPACT   data-integrity concern, 12% of users (writes were accepted on both primaries for about 40 s; "
                                  + "the two disagree) → at least SEV1: data-integrity concern"), "\(failover)")
        #expect(failover.contains("  +00:20   00:20    LEAVES   the Technical Lead leaves (the technical lead is pulled into a security incident): a handoff is needed"))
    }

    @Test("check the README's example: commands listed for confirmation, every kind of inject in offset order")
    func checkExample() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let out = try cli.ok("drill", "check", Self.example, "--speed", "2.5x")
        #expect(out.contains("""
              commands:   add-latency: tc qdisc add dev eth0 root netem delay 300ms; stop: tc qdisc del dev eth0 root netem
                          run only with drill run --allow-commands, after a yes
            """), "\(out)")
        let kinds = out.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            return words.count > 2 && words[0].hasPrefix("+") ? String(words[2]) : nil
        }
        #expect(kinds == ["COMMAND", "ALERT", "SYMPTOM", "DUE", "WRONG", "DUE", "IMPACT", "MESSAGE", "DUE", "LEAVES", "DUE", "DUE", "DUE", "END"], "\(kinds)")
        #expect(out.contains("  +00:40   16:00    END"), "40 minutes at 2.5×")
    }

    @Test("check a file with mistakes: each on stderr with file, line and key; nothing on stdout; exit 1")
    func checkMistakes() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let text = Self.small.replacingOccurrences(of: "at: +00:02", with: "at: +5:00x")
            .replacingOccurrences(of: "action: severity-set", with: "action: sevrity-set")
        let folder = try Self.write(["bad.yaml": text], in: cli)
        let result = try cli.run(["drill", "check", folder + "/bad.yaml"])
        #expect(result.status == 1 && result.out.isEmpty)
        #expect(result.err == """
            warroom: \(folder)/bad.yaml:6: key 'at' in [inject 1]: '+5:00x' is not an offset: write +HH:MM after the start (+00:05 is five minutes), or +90s, +1h30m
            warroom: 1 mistake in \(folder)/bad.yaml: nothing can be played from it until it is fixed

            """, "\(result.err)")
        let late = Self.small.replacingOccurrences(of: "action: severity-set", with: "action: sevrity-set")
            .replacingOccurrences(of: "within: 5m", with: "within: 25m")
        try late.write(toFile: folder + "/late.yaml", atomically: true, encoding: .utf8)
        let err = try cli.fails("drill", "check", folder + "/late.yaml")
        #expect(err.contains("late.yaml:9: key 'action' in [inject 1 at +00:02, expect 1]: 'sevrity-set' is not an action (did you mean 'severity-set'?)"), "\(err)")
        #expect(err.contains("late.yaml:9: key 'within' in [inject 1 at +00:02, expect 1]: ends at +00:27, after the drill's end at +00:20"), "\(err)")
        #expect(err.hasSuffix("warroom: 2 mistakes in \(folder)/late.yaml: nothing can be played from it until they are fixed\n"))
        let alert = Self.small.replacingOccurrences(of: "symptom: Checkout is slow", with: "alert: '{\"version\": \"4\", \"groupKey\": \"g\", \"status\": \"firing\", \"alerts\": []}'")
        try alert.write(toFile: folder + "/alert.yaml", atomically: true, encoding: .utf8)
        #expect(try cli.fails("drill", "check", folder + "/alert.yaml").contains(
            "alert.yaml:7: key 'alert' in [inject 1 at +00:02]: is not an Alertmanager payload the intake accepts: its alerts list is empty"))
        let missing = try cli.fails("drill", "check", folder + "/none.yaml")
        #expect(missing.hasPrefix("warroom: \(folder)/none.yaml: is not there"), "\(missing)")
    }

    @Test("An unknown name gets a did-you-mean; a bad speed is refused before anything is read")
    func refusals() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.fails("drill", "check", "bad-config") == "warroom: no scenario 'bad-config' (did you mean 'bad-config-deploy'?): warroom drill list shows "
                + "them (bad-config-deploy, cloud-provider-outage and database-failover); a file is named by its path (./bad-config.yaml)\n")
        #expect(try cli.fails("drill", "check", "bad-config-deploy", "--speed", "100x")
                == "warroom: --speed '100x' is outside 1x to 60x: a drill plays from real time (1x) to an hour a minute (60x), such as 10x\n")
        #expect(try cli.fails("drill", "check", "bad-config-deploy", "--speed", "fast").contains("'fast' is not a speed: write a factor from 1x to 60x"))
        #expect(try cli.fails("drill", "check", "bad-config-deploy", "--speed", "0.5x").contains("outside 1x to 60x"))
        #expect(try cli.fails("drill", "chek", "x").contains("did you mean 'check'"), "the subcommand's own did-you-mean")
    }
}

/// `warroom drill run` and `drill score` through the real binary (the stepped-clock plays are in
/// WarRoomAppTests/DrillRunnerTests): refusals declare nothing; a drill ended at once by the game
/// master is marked DRILL and scores.
@Suite struct DrillRunCLITests {
    @Test("bad arguments are refused with what to do, and nothing is declared")
    func refusals() throws {
        let cli = try CLI(now: nil)
        defer { cli.cleanUp() }
        #expect(try cli.fails("drill", "run", "bad-config-deploi").contains("no scenario 'bad-config-deploi' (did you mean 'bad-config-deploy'?): warroom drill list shows them; nothing was declared"))
        #expect(try cli.fails("drill", "run", "bad-config-deploy", "--speed", "100x")
            .contains("--speed '100x' is outside 1x to 60x"))
        #expect(try cli.fails("drill", "run", "bad-config-deploy", "--incident-title", " ").contains("--incident-title needs a title"))
        let folder = try DrillCLITests.write(["broken.yaml": DrillCLITests.small.replacingOccurrences(of: "severity-set", with: "severty-set")], in: cli)
        let broken = try cli.fails("drill", "run", folder + "/broken.yaml")
        #expect(broken.contains("broken.yaml:9: key 'action'") && broken.contains("1 mistake in \(folder)/broken.yaml: nothing was declared"), "\(broken)")
        var pinned = cli
        pinned.environment["WARROOM_NOW"] = "2026-11-28T14:10:00Z"
        #expect(try pinned.fails("drill", "run", "bad-config-deploy").contains("pins the clock, and a drill plays on a running one"))
        let list = try cli.run(["list"])
        #expect(list.status != 0 && list.err.contains("no warroom store at"), "nothing was declared, not even a store: \(list.err)")
    }

    @Test("drill run prints the id first, obeys the game master's e, and the drill is marked DRILL and scored")
    func runAndScore() throws {
        let cli = try CLI(now: nil)
        defer { cli.cleanUp() }
        let result = try cli.run(["drill", "run", "bad-config-deploy", "--speed", "60x"], input: "e\n")
        #expect(result.status == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "INC-1")
        #expect(Array(lines.dropFirst().prefix(2)) == ["Drill INC-1: Edge 502s everywhere after a WAF rule deploy",
                                                      "  SEV2 on edge-proxy, marked DRILL, at 60×: 45m of scenario in 45s"], "\(result.out)")
        #expect(lines.contains("+00:00   ALERT    EdgeHTTP502RateHigh, EdgeCPUSaturated (firing)"), "\(result.out)")
        #expect(lines.contains { $0.hasSuffix("END      ended by the game master at +00:00") }, "\(result.out)")
        #expect(lines.last?.hasPrefix("Score: 0/") == true && lines.last?.hasSuffix("the debrief: warroom drill score INC-1 --format markdown") == true)
        #expect(try cli.ok("show").hasPrefix("INC-1  DRILL  SEV2"))
        let score = try cli.ok("drill", "score", "INC-1")
        #expect(score.hasPrefix("INC-1  DRILL  Edge 502s everywhere after a WAF rule deploy\n  scenario: bad-config-deploy\n"), "\(score)")
        #expect(score.contains("  ended:    ended by the game master at +00:00\n"))
        let markdown = try cli.ok("drill", "score", "INC-1", "--format", "markdown")
        #expect(markdown.hasPrefix("# Drill debrief: INC-1 — Edge 502s everywhere after a WAF rule deploy\n"))
        #expect(markdown.contains("\n## What went poorly\n") && markdown.contains("\n## The method's rules\n"))
    }

    @Test("drill score refuses a real incident and a drill no scenario played")
    func scoreRefusals() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2")
        #expect(try cli.fails("drill", "score", "INC-1").contains("INC-1 is not a drill: only a drill is scored"))
        try cli.ok("declare", "--title", "Rehearsal", "--severity", "SEV3", "--drill")
        #expect(try cli.fails("drill", "score", "INC-2").contains("a drill without a scenario"))
        #expect(try cli.fails("drill", "score", "INC-9").contains("no incident 'INC-9'"))
    }
}
