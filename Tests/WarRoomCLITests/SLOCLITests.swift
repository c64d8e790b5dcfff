import Foundation
import Testing

/// `warroom slo check` and `slo status` through the real binary, on the method's example file.
@Suite struct SLOCLITests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WarRoomConfigTests/Fixtures/slo.yaml").path

    @Test("check says what the file defines, budgets computed; status says what an incident spent and the tier it leaves")
    func checkAndStatus() throws {
        var cli = try CLI(now: "2026-11-28T14:05:00Z")
        defer { cli.cleanUp() }
        let check = try cli.ok("slo", "check", "--file", Self.fixture)
        #expect(check.contains("1 service, 3 SLOs, no mistake"), "\(check)")
        #expect(check.contains("checkout-api availability: 99.95% over 30d, error budget 21m36s; page at 14.4× over 5m and 1h (exhausts it in 2d2h)"),
                "\(check)")
        try cli.ok("declare", "--title", "checkout 500s", "--severity", "SEV2", "--service", "checkout-api",
                   "--started-at", "2026-11-28T14:00:00Z", "--detected-at", "2026-11-28T14:02:00Z")
        try cli.ok("impact", "--users-affected", "30")
        cli.environment["WARROOM_NOW"] = "2026-11-28T14:41:00Z"
        try cli.ok("status", "mitigating")
        try cli.ok("status", "monitoring")
        let status = try cli.ok("slo", "status", "--file", Self.fixture, "--at", "2026-11-28T15:00:00Z")
        #expect(status.contains("checkout-api availability 99.95% over 30d: 56.9% of the 21m36s budget spent by INC-1 — Feature freeze review with Eng Manager"),
                "30% failing for 41 minutes: \(status)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("slo", "status", "--file", Self.fixture, "--json").utf8))
            as? [[String: Any]])
        #expect(json.first?["tier"] as? String == "featureFreezeReview" && json.first?["budgetSeconds"] as? Int == 1_296)
    }

    @Test("The post-mortem's impact states the budget spent from slo.yaml in the config directory; final is refused until a P1 action item exists")
    func postmortemBudget() throws {
        var cli = try CLI(now: "2026-11-28T14:05:00Z")
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "checkout 500s", "--severity", "SEV2", "--service", "checkout-api",
                   "--started-at", "2026-11-28T14:00:00Z", "--detected-at", "2026-11-28T14:02:00Z")
        let before = try cli.ok("export", "postmortem")
        #expect(before.contains("- **SLO budget consumed**: [X% of monthly error budget]"), "no SLO file, the template's placeholder: \(before)")
        let config = cli.directory.appendingPathComponent(".config/warroom")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: config.appendingPathComponent("slo.yaml").path)
        let unknown = try cli.ok("export", "postmortem")
        #expect(unknown.contains("- **SLO budget consumed**: [X% of the 30d budget of checkout-api availability, 30d budget of checkout-api latency, "),
                "\(unknown)")
        try cli.ok("impact", "--users-affected", "30")
        cli.environment["WARROOM_NOW"] = "2026-11-28T14:41:00Z"
        try cli.ok("status", "mitigating")
        try cli.ok("status", "monitoring")
        let exported = try cli.ok("export", "postmortem")
        #expect(exported.contains("- **SLO budget consumed**: 56.9% of the 30d budget of checkout-api availability (feature-freeze review tier); "), "\(exported)")
        let refused = try cli.run(["postmortem", "status", "final"])
        #expect(refused.status == 1 && refused.err.contains("the SLO policy asks for a P1 action item:"), "\(refused.err)")
        #expect(refused.err.contains("  - Action Items: 56.9% of the 30d budget of checkout-api availability was spent, more than the 20% one incident may spend"),
                "\(refused.err)")
        try cli.ok("postmortem", "action", "add", "Canary config pushes", "--owner", "bob", "--priority", "P1", "--due", "+7d")
        let again = try cli.run(["postmortem", "status", "final"])
        #expect(again.status == 1 && !again.err.contains("P1 action item"), "the P1 is there; only unfilled fields remain: \(again.err)")

        // A broken file: said on stderr, the export still written from what reads.
        try "service: checkout-api\nslos:\n  - sli: availability\n    taget: 99.95%\n    window: 30d\n"
            .write(to: config.appendingPathComponent("slo.yaml"), atomically: true, encoding: .utf8)
        let broken = try cli.run(["export", "postmortem"])
        #expect(broken.status == 0 && broken.out.contains("- **SLO budget consumed**: [X% of monthly error budget]"), "\(broken.out)")
        #expect(broken.err.contains("slo.yaml:4: key 'taget' in [checkout-api.slos]: is not a key here (did you mean 'target'?)")
                && broken.err.contains("(the post-mortem's SLO budget leaves that service out)"), "\(broken.err)")
    }

    @Test("A file with mistakes: each on its own line with file, line and key, nothing checked, exit 1; no file: where to put one")
    func mistakes() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let bad = cli.directory.appendingPathComponent("bad.yaml").path
        try "service: a\nslos:\n  - sli: x\n    target: 101%\n    windw: 30d\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try cli.run(["slo", "check", "--file", bad])
        #expect(result.status == 1 && result.out.isEmpty)
        #expect(result.err.contains("warroom: \(bad):5: key 'windw' in [a.slos]: is not a key here (did you mean 'window'?)"), "\(result.err)")
        #expect(result.err.contains("\(bad):4: key 'target' in [a.slos]: '101%' is not a target"), "\(result.err)")
        #expect(result.err.hasSuffix("mistakes in \(bad); nothing was checked against it\n"), "\(result.err)")
        let none = try cli.run(["slo", "status"])
        #expect(none.status == 1 && none.err.contains("no SLO file at ") && none.err.contains("/.config/warroom/slo.yaml: write one"),
                "\(none.err)")
    }
}
