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
        #expect(!list.contains("Proposed"), "the TODO: entry is no longer proposed once it became an item")
        #expect(try cli.fails("postmortem", "action", "add", "x", "--owner", "o", "--priority", "P7", "--due", "+1d")
            .contains("unknown priority 'P7': use P1, P2 or P3"))
        #expect(try cli.fails("postmortem", "set", "gossip", "x").contains("use summary, impact, what-happened"))
    }

    @Test("actions lists open items across incidents, filters, closes one, and reports the on-time share")
    func actions() throws {
        var cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "one", "--severity", "SEV3")
        try cli.ok("postmortem", "action", "add", "Fix alerting", "--owner", "bob", "--priority", "P2", "--due", "2026-11-27")
        try cli.ok("postmortem", "action", "add", "Write runbook", "--owner", "carol", "--priority", "P3", "--due", "2026-12-05")
        try cli.ok("status", "resolved", "--force", "--reason", "fixed")
        try cli.ok("postmortem", "status", "final")
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
}
