import Foundation
import Testing

/// `warroom report` through the real binary: filters, formats, and refusals that say the form.
@Suite struct ReportCLITests {
    /// Two incidents in November, one resolved: declared with known impact starts, an IC each.
    static func store() throws -> CLI {
        var cli = try CLI(now: "2026-11-28T14:10:00Z")
        try cli.ok("declare", "--title", "checkout 500s", "--severity", "SEV1", "--service", "checkout",
                   "--started-at", "2026-11-28T13:50:00Z", "--detected-at", "2026-11-28T13:54:00Z", "--at", "13:55")
        try cli.ok("status", "resolved", "--force", "--reason", "rolled back", "--incident", "INC-1")
        cli.environment["WARROOM_NOW"] = "2026-11-28T14:20:00Z"
        try cli.ok("declare", "--title", "search lag", "--severity", "SEV3", "--service", "Search",
                   "--started-at", "2026-11-28T14:00:00Z", "--detected-at", "2026-11-28T14:10:00Z")
        return cli
    }

    @Test("The text report counts, gives each response time as a distribution with its clocks, and the scorecard")
    func text() throws {
        let cli = try Self.store()
        defer { cli.cleanUp() }
        let out = try cli.ok("report")
        #expect(out.hasPrefix("Incidents: 2, every incident (as of 2026-11-28T14:20:00Z)\n"), "\(out)")
        #expect(out.contains("By severity: SEV1 1 · SEV2 0 · SEV3 1 · SEV4 0"), "\(out)")
        #expect(out.contains("time to detect") && out.contains("impact started → detected") && out.contains("n=2  median 4m"), "\(out)")
        #expect(out.contains("time to resolve") && out.contains("n=1  median 16m"), "detected 13:54, resolved 14:10: \(out)")
        #expect(out.contains("met      MTTD, SEV1 and SEV2") && out.contains("median 4m over 1 incident"), "\(out)")
        #expect(out.contains("no data  Error budgets within policy"), "\(out)")
        #expect(out.contains("Incidents per month, 2026-11 to 2026-11: █") && out.contains("  checkout  ██████████████████████████████ 1"),
                "charts in block elements in a UTF-8 locale: \(out)")
        let ascii = try cli.run(["report"], env: ["LANG": "C", "LC_ALL": ""])
        #expect(ascii.out.contains("Incidents per month, 2026-11 to 2026-11: @") && !ascii.out.contains("█"),
                "plain ASCII where the locale is not UTF-8: \(ascii.out)")
        // Braille where asked for and the locale is UTF-8; else ASCII, and said.
        #expect(try cli.ok("report", "--braille").contains("Incidents per month, 2026-11 to 2026-11: \u{2847}\n"))
        let refused = try cli.run(["report", "--braille"], env: ["LANG": "C", "LC_ALL": ""])
        #expect(refused.status == 0 && refused.out == ascii.out, "\(refused.out)")
        #expect(refused.err == "warroom: --braille needs a UTF-8 locale and this one is not (try LANG=C.UTF-8): the charts are in plain ASCII\n")
        let json = try cli.run(["report", "--braille", "--format", "json"])
        #expect(json.status != 0 && json.out.isEmpty && json.err.contains("--braille is for the text report: leave out --format json"), "\(json.err)")
    }

    @Test("A drill (declare --drill) runs as an incident, says so, and is left out of every report and filter")
    func drillsLeftOut() throws {
        let cli = try Self.store()
        defer { cli.cleanUp() }
        let before = try cli.ok("report", "--format", "json")
        try cli.ok("declare", "--title", "game day: checkout failover", "--severity", "SEV1", "--service", "checkout", "--drill",
                   "--started-at", "2026-11-28T14:00:00Z", "--detected-at", "2026-11-28T14:01:00Z")
        try cli.ok("status", "resolved", "--force", "--reason", "rehearsed", "--incident", "INC-3")
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("show", "--incident", "INC-3", "--json").utf8))
            as? [String: Any])
        #expect(shown["drill"] as? Bool == true)
        let real = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("show", "--incident", "INC-1", "--json").utf8))
            as? [String: Any])
        #expect(real["drill"] as? Bool == false)
        // Said wherever an incident is listed or shown, so nobody takes it for the real thing.
        let listed = try cli.ok("list").split(separator: "\n")
        #expect(listed.filter { $0.contains("[DRILL]") }.map { String($0.prefix(5)) } == ["INC-3"], "\(listed)")
        #expect(try cli.ok("show", "--incident", "INC-3").hasPrefix("INC-3  DRILL  SEV1"))
        #expect(!(try cli.ok("show", "--incident", "INC-1")).contains("DRILL"))
        #expect(try cli.ok("timeline", "--incident", "INC-3").contains("Declared SEV1 drill: game day: checkout failover"))
        #expect(try cli.ok("timeline", "--incident", "INC-1").contains("Declared SEV"))
        #expect(!(try cli.ok("timeline", "--incident", "INC-1")).contains("drill"))
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("list", "--json").utf8)) as? [[String: Any]])
        #expect(rows.map { $0["drill"] as? Bool } == [false, false, true])
        #expect(try cli.ok("report", "--format", "json") == before, "the report is the one before the drill")
        #expect(try cli.ok("report").hasPrefix("Incidents: 2, every incident"))
        let sev1 = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("report", "--severity", "SEV1", "--format", "json").utf8))
            as? [String: Any])
        #expect(sev1["incidents"] as? [String] == ["INC-1"], "the SEV1 drill on checkout is not counted")
        #expect(!(try cli.ok("report", "--service", "checkout", "--format", "csv")).contains("INC-3"))
    }

    @Test("Filters and formats: --severity, --service in any case, --quarter, JSON with seconds, CSV, Markdown")
    func filtersAndFormats() throws {
        let cli = try Self.store()
        defer { cli.cleanUp() }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("report", "--severity", "sev3", "--format", "json").utf8))
            as? [String: Any])
        #expect(json["incidents"] as? [String] == ["INC-2"])
        let metrics = try #require(json["metrics"] as? [[String: Any]])
        #expect(metrics.first?["name"] as? String == "time to detect" && metrics.first?["p50Seconds"] as? Int == 600)
        #expect(try cli.ok("report", "--service", "search", "--format", "json").contains("\"INC-2\""))
        #expect(!(try cli.ok("report", "--service", "SEARCH", "--format", "json")).contains("\"INC-1\""))
        #expect(try cli.ok("report", "--quarter", "2026Q4").hasPrefix("Incidents: 2, 2026Q4 (declared 2026-10-01 to 2026-12-31)"))
        #expect(try cli.ok("report", "--quarter", "2026Q3").hasPrefix("Incidents: 0, 2026Q3"))
        let review = try cli.ok("report", "--quarter", "2026Q4", "--format", "markdown")
        #expect(review.contains("## What changed since 2026Q3") && review.contains("| incidents | 2 | 0 |")
                && review.contains("## Action items overdue, by owner") && review.contains("## Contributing factors"), "\(review)")
        #expect(!(try cli.ok("report", "--format", "markdown")).contains("What changed since"), "a review needs --quarter")
        #expect(try cli.ok("report", "--since", "2026-11-29").hasPrefix("Incidents: 0, declared since 2026-11-29"))
        #expect(try cli.ok("report", "--format", "csv").hasPrefix("section,name,detail,n,p50_seconds"))
        #expect(try cli.ok("report", "--format", "markdown").hasPrefix("# Incident report: every incident"))
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("report", "--format", "json").utf8)) as? [String: Any])
        #expect(plain["slos"] is NSNull, "no SLO file, no SLOs")
    }

    @Test("The error-budget score and the review's tiers come from --slo-file, else slo.yaml beside the config, else say there is none")
    func budgets() throws {
        let cli = try Self.store()
        defer { cli.cleanUp() }
        let fixture = SLOCLITests.fixture
        let out = try cli.ok("report", "--slo-file", fixture)
        #expect(out.contains("met      Error budgets within policy") && out.contains("3 SLOs: 3 normal"), "checkout-api has no incident: \(out)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("report", "--slo-file", fixture, "--format", "json").utf8))
            as? [String: Any])
        #expect((json["slos"] as? [[String: Any]])?.map { $0["sli"] as? String } == ["availability", "latency", "correctness"])
        let review = try cli.ok("report", "--quarter", "2026Q4", "--format", "markdown", "--slo-file", fixture)
        #expect(review.contains("## SLOs by error-budget policy tier\n\n- **normal**: checkout-api availability: 0% of the 30d budget spent"), "\(review)")
        let config = cli.directory.appendingPathComponent(".config/warroom")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture, toPath: config.appendingPathComponent("slo.yaml").path)
        #expect(try cli.ok("report").contains("3 SLOs: 3 normal"), "the default file is read when there is one")
        let missing = try cli.run(["report", "--slo-file", "/nonexistent/slo.yaml"])
        #expect(missing.status == 1 && missing.out.isEmpty && missing.err.contains("no SLO file at /nonexistent/slo.yaml"), "\(missing.err)")
    }

    @Test("Refusals say what was wrong and the form that works, and print nothing on stdout", arguments: [
        (["report", "--quarter", "2026Q5"], "'2026Q5' is not a quarter: write it as 2026Q4"),
        (["report", "--quarter", "2026Q4", "--since", "2026-10-01"], "--quarter names the period itself"),
        (["report", "--since", "2026-12-01", "--until", "2026-11-01"], "is not before --until"),
        (["report", "--since", "yesterday"], "--since and --until take a day: 2026-10-01"),
        (["report", "--severity", "SEV9"], "--severity: unknown severity 'SEV9'"),
        (["report", "--severity", ","], "--severity needs at least one level"),
        (["report", "--format", "jsno"], "did you mean 'json'?"),
    ])
    func refusals(_ arguments: [String], _ message: String) throws {
        let cli = try Self.store()
        defer { cli.cleanUp() }
        let result = try cli.run(arguments)
        #expect(result.status != 0 && result.out.isEmpty, "\(arguments): \(result.out)")
        #expect(result.err.contains(message), "\(arguments): \(result.err)")
    }
}
