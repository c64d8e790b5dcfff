import Foundation
import Testing

@Suite("CLI: updates and the post-mortem export")
struct ReportsCLITests {
    @Test("update drafts for an audience; --post records it, restarts the countdown and saves a copy")
    func update() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout 500s", "--severity", "SEV1", "--service", "checkout-api")
        try cli.ok("log", "bob restarted db-17.prod.internal", "--kind", "action")
        let engineering = try cli.ok("update")
        #expect(engineering.hasPrefix("[SEV1] checkout-api"))
        #expect(engineering.contains("db-17.prod.internal"))
        let customers = try cli.ok("update", "--audience", "customers")
        #expect(!customers.contains("db-17") && !customers.contains("bob") && !customers.contains("checkout-api"))
        #expect(try cli.state()["updateOverdue"] as? Bool == false)
        let posted = try cli.ok("update", "--audience", "customers", "--post")
        #expect(posted.contains("Posted to customers. Initial notification to engineering due 14:20:00 UTC."),
                "customers have their own clock; engineering's initial notification is the most urgent")
        let copies = try FileManager.default.contentsOfDirectory(atPath: cli.directory.appendingPathComponent("updates").path)
        #expect(copies == ["INC-1-20261128T141000Z-customers.txt"])
        #expect(try cli.state()["nextUpdateDue"] as? String == "2026-11-28T14:20:00Z")
        #expect(try cli.fails("update", "--audience", "press").contains("unknown audience 'press'"))
    }

    @Test("export postmortem writes the template with placeholders; the blameless check warns on stderr")
    func export() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout 500s", "--severity", "SEV2") // alice, the author, is IC
        try cli.ok("role", "assign", "tech", "bob")
        try cli.ok("postmortem", "set", "went-poorly", "bob forgot to renew the certificate")
        let result = try cli.run(["export", "postmortem"])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("# Post-Mortem: Checkout 500s"))
        #expect(result.out.contains("## Action Items") && result.out.contains("[Detailed technical explanation of the failure chain]"))
        #expect(result.err.contains("blameless check: 1 sentence"))
        let file = cli.directory.appendingPathComponent("pm.md").path
        try cli.ok("export", "postmortem", "-o", file)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == result.out)
        let check = try cli.ok("postmortem", "check")
        #expect(check.contains("bob forgot to renew the certificate"))
    }
}
