import Foundation
import Testing

@Suite("CLI: post-mortem and action items")
struct PostmortemCLITests {
    @Test("Sections, factors, whys and action items are recorded; TODO: entries become items with --todo")
    func record() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout", "--severity", "SEV2")
        try cli.ok("log", "TODO: alert on config drift")
        try cli.ok("postmortem", "set", "what-happened", "config v42 enabled payments.v2")
        try cli.ok("postmortem", "factor", "systemic", "no config validation in CI")
        try cli.ok("postmortem", "why", "the config was not validated")
        try cli.ok("postmortem", "impact", "--users-affected", "30% of EU users", "--support-tickets", "41")
        try cli.ok("postmortem", "action", "add", "Validate config in CI", "--owner", "platform", "--priority", "P1", "--due", "2026-11-30")
        let proposals = try cli.ok("postmortem", "action", "list")
        #expect(proposals.contains("1. ") && proposals.contains("TODO: alert on config drift"))
        try cli.ok("postmortem", "action", "add", "--todo", "1", "--owner", "sre", "--priority", "p2", "--due", "+3d")
        let list = try cli.ok("postmortem", "action", "list")
        #expect(list.contains("INC-1:2\tP2\tdue 2026-12-01\tsre\talert on config drift\t[open]"))
        #expect(list.contains("Proposed from the timeline (none waiting):"))
        #expect(list.contains("TODO: alert on config drift  [adopted as INC-1:2]"), "adopted, and keeps its number")
        #expect(try cli.fails("postmortem", "action", "add", "x", "--owner", "o", "--priority", "P7", "--due", "+1d")
            .contains("unknown priority 'P7': use P1, P2 or P3"))
        #expect(try cli.fails("postmortem", "set", "gossip", "x").contains("use summary, impact, what-happened"))
    }

    @Test("actions lists open items across incidents, filters, closes one, and reports the on-time share")
    func actions() throws {
        var cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "one", "--severity", "SEV3")
        try cli.ok("postmortem", "action", "add", "Fix alerting", "--owner", "bob", "--priority", "P2", "--due", "2026-11-27", "--force")
        try cli.ok("postmortem", "action", "add", "Write runbook", "--owner", "carol", "--priority", "P3", "--due", "2026-12-05")
        try cli.ok("status", "resolved", "--force", "--reason", "fixed")
        try cli.ok("postmortem", "status", "final", "--force")
        try cli.ok("status", "closed")
        try cli.ok("declare", "--title", "two", "--severity", "SEV2")
        try cli.ok("postmortem", "action", "add", "Add canary", "--owner", "bob", "--priority", "P1", "--due", "2026-12-01")
        let open = try cli.ok("actions")
        #expect(open.contains("INC-1:1") && open.contains("INC-1:2") && open.contains("INC-2:1"))
        #expect(open.contains("INC-1:1\tP2\tdue 2026-11-27\tbob\tFix alerting\t[OVERDUE]"))
        let bobs = try cli.ok("actions", "--owner", "BOB")
        #expect(bobs.contains("INC-1:1") && bobs.contains("INC-2:1") && !bobs.contains("INC-1:2"))
        let overdue = try cli.ok("actions", "--overdue")
        #expect(overdue.contains("INC-1:1") && !overdue.contains("INC-2:1"))
        try cli.ok("actions", "done", "INC-1:2")
        #expect(!(try cli.ok("actions")).contains("INC-1:2"), "done items leave the open list, even on a closed incident")
        cli.environment["WARROOM_NOW"] = "2026-12-06T10:00:00Z"
        let json = try cli.ok("actions", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["dueCount"] as? Int == 3)
        #expect((object["completedOnTimeShare"] as? Double).map { abs($0 - 1.0 / 3.0) < 0.001 } == true)
        #expect(try cli.fails("actions", "done", "INC-1:2").contains("action item 2 is already done"))
        #expect(try cli.fails("actions", "done", "nonsense").contains("use INC-3:2"))
    }

    @Test("Action items are edited and moved to in progress, done or dropped; the listing, the share and the document follow")
    func editAndStatus() throws {
        var cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout", "--severity", "SEV2")
        try cli.ok("postmortem", "action", "add", "Validate config", "--owner", "platform", "--priority", "P1", "--due", "2026-11-30")
        try cli.ok("postmortem", "action", "add", "Canary deploys", "--owner", "platform", "--priority", "P2", "--due", "2026-11-30")
        try cli.ok("postmortem", "action", "add", "Runbook for pgbouncer", "--owner", "sre", "--priority", "P3", "--due", "2026-12-01")
        try cli.ok("postmortem", "action", "edit", "INC-1:1", "--text", "Validate config in CI", "--owner", "alice",
                   "--priority", "P2", "--due", "2026-12-02")
        let past = try cli.fails("postmortem", "action", "edit", "1", "--due", "2026-11-01")
        #expect(past.contains("the due date 2026-11-01 is before today (2026-11-28, UTC)") && past.contains("--force"))
        #expect(try cli.fails("postmortem", "action", "add", "x", "--owner", "o", "--priority", "P1", "--due", "2026-11-20")
            .contains("before today (2026-11-28"))
        #expect(try cli.fails("postmortem", "action", "edit", "INC-1:1").contains("give --text, --owner, --priority or --due"))
        #expect(try cli.fails("postmortem", "action", "edit", "INC-1:9", "--owner", "x").contains("no action item 9: this incident has 1…3"))
        try cli.ok("actions", "start", "INC-1:1")
        #expect(try cli.fails("actions", "drop", "INC-1:2").contains("needs a reason"))
        try cli.ok("actions", "drop", "INC-1:2", "--reason", "covered by the CI check")
        try cli.ok("actions", "done", "INC-1:3")
        let list = try cli.ok("postmortem", "action", "list")
        #expect(list.contains("INC-1:1\tP2\tdue 2026-12-02\talice\tValidate config in CI\t[in progress]"))
        #expect(list.contains("INC-1:2\tP2\tdue 2026-11-30\tplatform\tCanary deploys\t[dropped: covered by the CI check]"))
        let open = try cli.ok("actions")
        #expect(open.contains("INC-1:1") && !open.contains("INC-1:2") && !open.contains("INC-1:3"), "dropped and done are not open")
        #expect(try cli.ok("actions", "--all").contains("INC-1:2"))
        let document = try cli.ok("export", "postmortem")
        #expect(document.contains("| 1 | Validate config in CI | @alice | P2 | 2026-12-02 | In Progress |"))
        #expect(document.contains("| 2 | Canary deploys | @platform | P2 | 2026-11-30 | Dropped: covered by the CI check |"))
        #expect(document.contains("| 3 | Runbook for pgbouncer | @sre | P3 | 2026-12-01 | Done |"))
        // A week on: the done item was on time, the dropped one counts neither way, the open one is late.
        cli.environment["WARROOM_NOW"] = "2026-12-08T10:00:00Z"
        let json = try cli.ok("actions", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["dueCount"] as? Int == 2)
        #expect((object["completedOnTimeShare"] as? Double).map { abs($0 - 0.5) < 0.001 } == true)
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.first?["status"] as? String == "inProgress")
        #expect(try cli.ok("actions").contains("Completed by their due date: 1 of 2 (50%; the target is 90%)"))
        // Reopened and done again: `actions done` keeps working.
        try cli.ok("actions", "reopen", "INC-1:3")
        try cli.ok("actions", "done", "INC-1:3")
        #expect(try cli.fails("actions", "done", "INC-1:3").contains("action item 3 is already done"))
    }

    @Test("actions --overdue says how many are open when none is overdue")
    func overdueWording() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout", "--severity", "SEV2")
        #expect(try cli.ok("actions", "--overdue").contains("No overdue action items (none open)."))
        try cli.ok("postmortem", "action", "add", "a", "--owner", "o", "--priority", "P1", "--due", "+3d")
        try cli.ok("postmortem", "action", "add", "b", "--owner", "o", "--priority", "P1", "--due", "+3d")
        let none = try cli.ok("actions", "--overdue")
        #expect(none.contains("No overdue action items (2 open).") && !none.contains("No open action items"))
    }

    @Test("The 5 whys can be amended; the post-mortem shows the latest text")
    func amendWhy() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout", "--severity", "SEV2")
        try cli.ok("postmortem", "why", "the pool ran out")
        try cli.ok("postmortem", "why", "--amend", "1", "the connection pool was exhausted")
        #expect(try cli.fails("postmortem", "why", "--amend", "4", "x").contains("no why #4: the whys written are 1…1"))
        let document = try cli.ok("export", "postmortem")
        #expect(document.contains("1. Why did the service go down? → the connection pool was exhausted"))
        #expect(!document.contains("the pool ran out"))
    }

    @Test("--todo N keeps meaning the same entry after other proposals are adopted")
    func stableTodo() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout", "--severity", "SEV2")
        for text in ["TODO: one", "TODO: two", "TODO: three", "TODO: four"] { try cli.ok("log", text) }
        try cli.ok("postmortem", "action", "add", "--todo", "3", "--owner", "sre", "--priority", "P2", "--due", "+3d")
        try cli.ok("postmortem", "action", "add", "--todo", "4", "--owner", "sre", "--priority", "P2", "--due", "+3d")
        let list = try cli.ok("postmortem", "action", "list")
        #expect(list.contains("INC-1:1\tP2\tdue 2026-12-01\tsre\tthree\t[open]"))
        #expect(list.contains("INC-1:2\tP2\tdue 2026-12-01\tsre\tfour\t[open]"), "TODO 4 is still four, not a shifted number")
        #expect(list.contains("  3. ") && list.contains("TODO: three  [adopted as INC-1:1]"))
        #expect(list.contains("  1. ") && list.contains("  2. "))
        let again = try cli.fails("postmortem", "action", "add", "--todo", "3", "--owner", "sre", "--priority", "P2", "--due", "+3d")
        #expect(again.contains("TODO 3 is already action item INC-1:1") && again.contains("waiting: 1, 2"))
        #expect(try cli.fails("postmortem", "action", "add", "--todo", "5", "--owner", "o", "--priority", "P2", "--due", "+3d")
            .contains("the TODO: entries are 1…4"))
        let document = try cli.ok("export", "postmortem")
        #expect(document.contains("- TODO 2, 2026-11-28 14:10 UTC: TODO: two") && !document.contains("TODO: three"))
    }

    @Test("final is refused while fields are unfilled or sentences blame; --force records it and the document says so")
    func finalGuard() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout", "--severity", "SEV2")
        try cli.ok("postmortem", "set", "went-poorly", "Bob pushed a bad config.")
        let refused = try cli.fails("postmortem", "status", "final")
        #expect(refused.contains("cannot be marked final"))
        #expect(refused.contains("Executive Summary: [2-3 sentences"))
        #expect(refused.contains("5 Whys — answer 1: [answer]"))
        #expect(refused.contains("Blaming sentence in What Went Poorly: \u{201C}Bob pushed a bad config.\u{201D}"))
        #expect(refused.contains("--force") && refused.contains("Nothing was recorded"))
        #expect(!(try cli.ok("export", "postmortem")).contains("**Status**: Final"))
        try cli.ok("postmortem", "status", "review")
        try cli.ok("postmortem", "status", "final", "--force")
        let document = try cli.ok("export", "postmortem")
        #expect(document.contains("**Status**: Final"))
        #expect(document.contains("> **Warning**: marked final with `--force` while"))
        #expect(document.contains("> - Executive Summary: \\[2-3 sentences"))
        #expect(document.contains("> - Blaming sentence in What Went Poorly"))
        #expect(try cli.fails("postmortem", "status", "finale").contains("did you mean 'final'?"))
    }
}
