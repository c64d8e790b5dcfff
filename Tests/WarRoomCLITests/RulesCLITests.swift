import Foundation
import Testing

@Suite("CLI: incident facts, the declarer as IC, notifications, role titles")
struct RulesCLITests {
    @Test("The declarer is Incident Commander, in the declaration's transaction; --ic names another, --no-ic nobody")
    func declarerIsCommander() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2")
        var roles = try #require(try cli.state()["roles"] as? [String: Any])
        #expect(roles["commander"] as? String == "alice")
        let timeline = try cli.ok("timeline", "--incident", "INC-1")
        #expect(timeline.contains("alice is Incident Commander"), "\(timeline)")

        try cli.ok("declare", "--title", "Search slow", "--severity", "SEV3", "--ic", "bob")
        roles = try #require(try cli.state(incident: "INC-2")["roles"] as? [String: Any])
        #expect(roles["commander"] as? String == "bob")

        try cli.ok("declare", "--title", "Batch late", "--severity", "SEV4", "--no-ic")
        roles = try #require(try cli.state(incident: "INC-3")["roles"] as? [String: Any])
        #expect(roles["commander"] is NSNull)

        let both = try cli.fails("declare", "--title", "x", "--severity", "SEV4", "--ic", "bob", "--no-ic")
        #expect(both.contains("--ic and --no-ic contradict each other"), "\(both)")
        let blank = try cli.fails("declare", "--title", "x", "--severity", "SEV4", "--ic", " ")
        #expect(blank.contains("--ic needs a name"), "\(blank)")
        #expect(try cli.ok("list").components(separatedBy: "\n").filter { $0.contains("INC-") }.count == 3,
                "a refused declaration declares nothing")
    }

    @Test("service, started and detected set the facts later, and correct them")
    func facts() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2")
        #expect(try cli.ok("service", "checkout", "api").contains("facts        Facts: service checkout api"))
        try cli.ok("started", "13:50")
        try cli.ok("detected", "-5m")
        var state = try cli.state()
        #expect(state["service"] as? String == "checkout api")
        #expect(state["impactStartedAt"] as? String == "2026-11-28T13:50:00Z")
        #expect(state["detectedAt"] as? String == "2026-11-28T14:05:00Z")
        let metrics = try #require(state["metrics"] as? [String: Any])
        #expect(metrics["timeToDetect"] as? Int == 15 * 60)

        try cli.ok("service", "checkout-api")
        try cli.ok("detected", "2026-11-28T13:58:00Z")
        state = try cli.state()
        #expect(state["service"] as? String == "checkout-api")
        #expect(state["detectedAt"] as? String == "2026-11-28T13:58:00Z")
        let timeline = try cli.ok("timeline")
        #expect(timeline.contains("Facts: service checkout-api (was checkout api)"), "\(timeline)")
        #expect(timeline.contains("Facts: detected 13:58:00 (was 14:05:00)"), "\(timeline)")
    }

    @Test("Facts out of order, unreadable or missing are refused and change nothing", arguments: [
        (["detected", "2026-11-28T14:20:00Z"], "is in the future"),
        (["started", "14:09"], "impact starts at or before detection"),
        (["detected", "13:40"], "impact starts at or before detection"),
        (["started", "soon"], "soon"),
        (["started"], "give one time, e.g. warroom started 13:50"),
        (["detected", "13:50", "13:55"], "give one time"),
        (["service"], "give the service or feature affected, e.g. warroom service checkout-api"),
        (["service", "search"], "the service is already 'search'"),
    ])
    func refused(_ args: [String], _ fragment: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2", "--service", "search",
                   "--started-at", "13:45", "--detected-at", "14:00")
        let before = try cli.ok("show", "--json")
        let result = try cli.run(args)
        #expect(result.status != 0)
        #expect(result.err.contains(fragment), "\(result.err)")
        #expect(try cli.ok("show", "--json") == before)
    }

    @Test("A notification that clears nothing says what is still owed; a forgiving one clears it")
    func notify() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2")
        let vague = try cli.ok("notify", "erin")
        #expect(vague.contains("note: 'erin' cleared no obligation; still owed: Notify Eng Manager (due in 15m)"), "\(vague)")
        let json = try cli.run(["notify", "erin again", "--json"])
        #expect(json.status == 0)
        #expect(json.err.contains("still owed: Notify Eng Manager"), "on stderr, so stdout stays JSON: \(json.err)")
        #expect((try? JSONSerialization.jsonObject(with: Data(json.out.utf8))) != nil)
        let good = try cli.ok("notify", "Eng Manager (erin) by phone")
        #expect(!good.contains("still owed"))
        let show = try cli.ok("show")
        #expect(!show.contains("Notify Eng Manager"), "\(show)")
    }

    @Test("Role titles are accepted in any case; a typo gets a suggestion", arguments: [
        ("Incident Commander", "commander"), ("Communications Lead", "comms"), ("technical lead", "tech"),
        ("TECH-LEAD", "tech"), ("comms_lead", "comms"),
    ])
    func roleTitles(_ title: String, _ key: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2", "--no-ic")
        try cli.ok("role", "assign", title, "bob")
        let roles = try #require(try cli.state()["roles"] as? [String: Any])
        #expect(roles[key] as? String == "bob")
        let typo = try cli.fails("role", "assign", "incident comander", "bob")
        #expect(typo.contains("did you mean 'incident commander'?"), "\(typo)")
    }

    @Test("show lists each audience's update; after resolution the all-clear is owed")
    func audiences() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2")
        try cli.ok("update", "--audience", "engineering", "--text", "investigating")
        var show = try cli.ok("show")
        #expect(show.contains("Initial notification to executives: due in 30:00"), "\(show)")
        #expect(show.contains("Next update to engineering: due in 30:00"), "\(show)")
        try cli.ok("status", "resolved", "--force", "--reason", "false positive")
        show = try cli.ok("show")
        #expect(show.contains("All-clear to engineering: due in 15:00"), "\(show)")
        #expect(show.contains("mitigate —"), "a false positive was never mitigated: \(show)")
        let state = try cli.state()
        let owed = try #require(state["updatesOwed"] as? [[String: Any]])
        #expect(owed.map { $0["purpose"] as? String } == ["all-clear", "all-clear"])
        #expect(state["nextUpdateAudience"] as? String == "engineering")
    }
}

extension CLI {
    /// `show --json` of one incident, parsed.
    func state(incident: String) throws -> [String: Any] {
        let text = try ok("show", "--json", "--incident", incident)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

@Suite("Times of another day in show and the post-mortem")
struct OtherDayCLITests {
    @Test("An impact start of yesterday carries its date; after resolution show gives the total, not a running T+")
    func dates() throws {
        let cli = try CLI() // now is 2026-11-28T14:10:00Z
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV3", "--detected-at", "-20m")
        try cli.ok("started", "2026-11-27T13:50:00Z")
        let shown = try cli.ok("show")
        #expect(shown.contains("impact since 2026-11-27 13:50:00") && shown.contains("detected 13:50:00"), "\(shown)")
        #expect(shown.contains("T+00:20:00 since detection"), "\(shown)")
        #expect(try cli.ok("export", "postmortem").contains("**Duration**: 2026-11-27 13:50 UTC – [ongoing]"))
        try cli.ok("status", "resolved", "--force", "--reason", "false positive")
        let resolved = try cli.ok("show")
        #expect(resolved.contains("resolved after 00:20:00 from detection") && !resolved.contains("T+"), "\(resolved)")
    }
}

@Suite("Messages found in review")
struct ReviewMessageTests {
    @Test("A mistyped post-mortem section gets a did-you-mean and records nothing")
    func section() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV3", "--no-ic")
        let error = try cli.fails("postmortem", "set", "sumary", "x")
        #expect(error.contains("unknown section 'sumary' (did you mean 'summary'?)") && error.contains("nothing was recorded"), "\(error)")
    }
}
