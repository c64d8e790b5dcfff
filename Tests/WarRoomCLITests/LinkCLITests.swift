import Foundation
import Testing

/// `warroom link` through the real binary: links checked against the store's incidents and the
/// links every incident records, listed from either end with the other incident as it stands.
@Suite struct LinkCLITests {
    @Test("A parent and its children: linked from either end, listed with each one's severity, status and next update, contradictions refused")
    func parentAndChildren() throws {
        var cli = try CLI(now: "2026-11-10T14:00:00Z")
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Region eu-west-1 degraded", "--severity", "SEV1")
        try cli.ok("declare", "--title", "Checkout 500s", "--severity", "SEV2", "--service", "checkout-api")
        try cli.ok("declare", "--title", "Payments backlog", "--severity", "SEV3")

        let linked = try cli.ok("link", "1", "parent", "--incident", "INC-2")
        #expect(linked.contains("INC-2 #"), "\(linked)")
        #expect(linked.contains("Linked: a child of INC-1"), "\(linked)")
        #expect(linked.contains("  a child of INC-1: SEV1 investigating, next update due in 10m — \"Region eu-west-1 degraded\""), "\(linked)")
        // From the parent's side this time.
        try cli.ok("link", "INC-3", "child", "--incident", "INC-1")

        cli.environment["WARROOM_NOW"] = "2026-11-10T14:35:00Z"
        let listed = try cli.ok("link", "--incident", "INC-1")
        #expect(listed == """
            INC-1 is:
              the parent of INC-3: SEV3 investigating, next update due in 1h25m — "Payments backlog"
              the parent of INC-2: SEV2 investigating, next update overdue by 5m — "Checkout 500s"

            """, "\(listed)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("link", "--incident", "INC-1", "--json").utf8))
            as? [String: Any])
        let links = try #require(json["links"] as? [[String: Any]])
        #expect(links.map { $0["incident"] as? String } == ["INC-3", "INC-2"])
        #expect(links.map { $0["relation"] as? String } == ["parentOf", "parentOf"])
        #expect(links.map { $0["recordedOn"] as? String } == ["INC-1", "INC-2"])
        #expect(links.map { $0["updateOverdue"] as? Bool } == [false, true])
        #expect(try cli.ok("link", "--incident", "INC-2").contains("a child of INC-1: SEV1 investigating"))

        // Refusals: each says what was wrong, and nothing is recorded.
        for (arguments, message) in [
            (["link", "INC-33", "related", "--incident", "INC-2"], "no incident INC-33 in the store (did you mean 'INC-3'?); nothing was recorded"),
            (["link", "INC-3", "parnet", "--incident", "INC-2"], "'parnet' is not a kind of link (did you mean 'parent'?)"),
            (["link", "INC-3", "--incident", "INC-2"], "say what INC-3 is to this incident: `warroom link INC-3 KIND`"),
            (["link", "INC-3", "parent", "--incident", "INC-2"], "INC-2 is a child of INC-1 already: an incident has one parent"),
            (["link", "INC-2", "parent", "--incident", "INC-1"], "INC-2 is below INC-1 already (INC-2 → INC-1), so INC-2 cannot also be its parent"),
            (["link", "INC-1", "parent", "--incident", "INC-3"], "INC-1 already records this incident as a child of INC-1"),
            (["link", "INC-2", "related", "--incident", "INC-2"], "INC-2 cannot be linked to itself"),
            (["link", "INC-3", "--remove", "--incident", "INC-1"], nil),
            (["link", "INC-1", "--remove", "--incident", "INC-3"], "no link to INC-1"),
            (["link", "INC-1", "--remove", "--incident", "INC-2"], nil),
            (["link", "INC-2", "--remove", "--incident", "INC-1"], "this incident has no link to INC-2"),
        ] as [([String], String?)] {
            let run = try cli.run(arguments)
            if let message {
                #expect(run.status != 0 && run.err.contains(message), "\(arguments): \(run.err)")
            } else {
                #expect(run.status == 0, "\(arguments): \(run.err)")
            }
        }
        #expect(try cli.ok("link", "--incident", "INC-1") == "INC-1 is linked to no incident: `warroom link INC-N KIND` links one (related|duplicate|caused-by|parent|child)\n")
        let timeline = try cli.ok("timeline", "--incident", "INC-2")
        #expect(timeline.contains("Linked: a child of INC-1") && timeline.contains("Link removed: no longer a child of INC-1"), "\(timeline)")
    }

    @Test("The other end's link is taken off there: the refusal says where and how")
    func otherEnd() throws {
        var cli = try CLI(now: "2026-11-10T14:00:00Z")
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "One", "--severity", "SEV3")
        try cli.ok("declare", "--title", "Two", "--severity", "SEV3")
        try cli.ok("link", "INC-1", "duplicate", "--incident", "INC-2")
        let run = try cli.run(["link", "INC-2", "--remove", "--incident", "INC-1"])
        #expect(run.status != 0)
        #expect(run.err.contains("the link (this incident is duplicated by INC-2) is recorded on INC-2: take it off there, with /link -INC-1 "
                                 + "in its war room or `warroom link INC-1 --remove --incident INC-2`; nothing was changed"), "\(run.err)")
        let dup = try cli.run(["link", "INC-2", "duplicate", "--incident", "INC-3"])
        #expect(dup.status != 0 && dup.err.contains("no incident 'INC-3'"), "\(dup.err)")
        try cli.ok("declare", "--title", "Three", "--severity", "SEV3")
        let chain = try cli.run(["link", "INC-2", "duplicate", "--incident", "INC-3"])
        #expect(chain.err.contains("INC-2 is itself a duplicate of INC-1: link INC-1, the incident being worked"), "\(chain.err)")
    }
}
