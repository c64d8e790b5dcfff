import Foundation
import Testing

/// `warroom postmortem cause` through the real binary: tags checked against those in use, and a
/// repeat said on tagging, in the post-mortem and in the report's scorecard and review.
@Suite struct CauseCLITests {
    @Test("A tag is recorded; a likely typo of one in use is refused until --new; a repeat is said, listed, exported and scored")
    func causeAndRepeat() throws {
        var cli = try CLI(now: "2026-11-10T14:05:00Z")
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout 502s after config push", "--severity", "SEV2", "--service", "checkout-api")
        let first = try cli.ok("postmortem", "cause", "Config-Push")
        #expect(first.contains("Cause tag: config-push") && first.contains("config-push is a new cause tag"), "\(first)")
        try cli.ok("postmortem", "action", "add", "validate configs before push", "--owner", "platform", "--priority", "P1",
                   "--due", "2026-11-14")
        try cli.ok("status", "resolved", "--force", "--reason", "rolled back")

        cli.environment["WARROOM_NOW"] = "2026-11-20T09:00:00Z"
        try cli.ok("declare", "--title", "Checkout 500s again", "--severity", "SEV2", "--service", "checkout-api")
        let typo = try cli.run(["postmortem", "cause", "--incident", "INC-2", "config-psuh"])
        #expect(typo.status != 0 && typo.out.isEmpty)
        #expect(typo.err.contains("no incident is tagged 'config-psuh' yet, but others are tagged 'config-push': did you mean 'config-push'?"
                                  + " Nothing was recorded; to record 'config-psuh' as a new tag, repeat with --new"), "\(typo.err)")
        let words = try cli.run(["postmortem", "cause", "--incident", "INC-2", "config push"])
        #expect(words.status != 0 && words.err.contains("a cause tag is one word; did you mean 'config-push'?"), "\(words.err)")
        #expect(try cli.ok("show", "--incident", "INC-2").contains("Cause tag") == false, "nothing was recorded")

        let tagged = try cli.ok("postmortem", "cause", "--incident", "INC-2", "config-push")
        #expect(tagged.contains("""
            Repeat of INC-1 "Checkout 502s after config push" (cause config-push): not done when this incident began: \
            INC-1:1 "validate configs before push" (platform, due 2026-11-14, late)
            """), "\(tagged)")
        let forced = try cli.ok("postmortem", "cause", "--incident", "INC-2", "config-psuh", "--new")
        #expect(forced.contains("Cause tag: config-psuh"))
        try cli.ok("postmortem", "cause", "--incident", "INC-2", "config-psuh", "--remove")

        let listed = try cli.ok("postmortem", "cause", "--incident", "INC-2")
        #expect(listed.hasPrefix("INC-2 cause tags: config-push\nRepeat of INC-1"), "\(listed)")
        #expect(listed.hasSuffix("Tags in use:\n  config-push  1 incident (INC-1)\n"), "\(listed)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("postmortem", "cause", "--incident", "INC-2", "--json").utf8))
            as? [String: Any])
        let repeats = try #require(json["repeats"] as? [[String: Any]])
        #expect(repeats.count == 1 && repeats[0]["earlier"] as? String == "INC-1")
        #expect((repeats[0]["unfinished"] as? [[String: Any]])?.first?["late"] as? Bool == true)

        let bad = try cli.run(["postmortem", "cause", "--incident", "INC-2", "--remove"])
        #expect(bad.status != 0 && bad.err.contains("--remove and --new need a TAG"), "\(bad.err)")

        let exported = try cli.ok("export", "postmortem", "--incident", "INC-2")
        #expect(exported.contains("**Cause tags**: `config-push`"), "\(exported)")
        #expect(exported.contains("""
            ### A repeat

            The cause was known: an earlier incident's action items were not done when this one began.

            - INC-1 (2026-11-10) Checkout 502s after config push, cause config-push:
              - INC-1:1 validate configs before push (P1, platform, due 2026-11-14, already late)
            """), "\(exported)")
        let first1 = try cli.ok("export", "postmortem", "--incident", "INC-1")
        #expect(!first1.contains("### A repeat"), "the first one repeats nothing")

        let report = try cli.ok("report", "--since", "2026-11-01")
        #expect(report.contains("Repeat incidents") && report.contains("1: INC-2 of INC-1 (2 of 2 tagged with a cause)"), "\(report)")
        let review = try cli.ok("report", "--quarter", "2026Q4", "--format", "markdown")
        #expect(review.contains("## Top causes\n\n- `config-push`: 2 incidents (INC-1, INC-2)"), "\(review)")
        #expect(review.contains("## Repeats\n\n- INC-2 repeats INC-1 (cause config-push): not done when it began: "
                                + "INC-1:1 validate configs before push (platform, due 2026-11-14)"), "\(review)")
        let reportJSON = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("report", "--since", "2026-11-01", "--format", "json").utf8))
            as? [String: Any])
        #expect((reportJSON["repeats"] as? [[String: Any]])?.first?["incident"] as? String == "INC-2")
    }
}
