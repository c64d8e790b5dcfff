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
