import Foundation
import Testing

/// `warroom search` through the real binary: the knowledge base as a user reads it.
@Suite struct SearchCLITests {
    @Test("Best match first with a snippet, matches in brackets off a terminal; JSON with the matched words; later writes found")
    func search() throws {
        var cli = try CLI(now: "2026-11-28T14:05:00Z")
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout 502s after deploy", "--severity", "SEV2", "--service", "checkout-api")
        try cli.ok("log", "pool logged ECONNRESET from pg-primary-2")
        cli.environment["WARROOM_NOW"] = "2026-11-28T15:00:00Z"
        try cli.ok("declare", "--title", "Search latency", "--severity", "SEV3", "--service", "search")
        try cli.ok("log", "--incident", "INC-2", "the deploy of the indexer saturated the disks")
        let out = try cli.ok("search", "deploy")
        #expect(out == """
            2 incidents matching \u{201C}deploy\u{201D}, best first:
            INC-1  SEV2  investigating  2026-11-28  checkout-api  Checkout 502s after deploy
                checkout-api \u{B7} pool logged ECONNRESET from pg-primary-2
            INC-2  SEV3  investigating  2026-11-28  search  Search latency
                search \u{B7} the [deploy] of the indexer saturated the disks

            """, "the title match first: \(out)")
        let reset = try cli.ok("search", "econnres")
        #expect(reset.contains("INC-1") && reset.contains("pool logged [ECONNRES]ET from"), "\(reset)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("search", "disks", "--json").utf8)) as? [[String: Any]])
        #expect(json.count == 1 && json[0]["incident"] as? String == "INC-2" && json[0]["match"] as? String == "words")
        #expect(json[0]["matched"] as? [String] == ["disks"] && (json[0]["snippet"] as? String)?.contains("saturated the disks") == true)
        try cli.ok("log", "--incident", "INC-2", "zookeeper sessions expired")
        #expect(try cli.ok("search", "zookeeper").contains("INC-2"), "a later entry is found: the index catches up")
        #expect(try cli.ok("search", "zookeeper", "checkout") == "No incident matches \u{201C}zookeeper\u{201D} \u{201C}checkout\u{201D}. Every word must match: try fewer.\n")
        #expect(try cli.ok("search", "--limit", "1", "deploy").hasPrefix("The first 1 incident matching"))
    }

    @Test("A search most incidents match ranks the last added --rank-recent of them, and says so when it left matches out")
    func rankRecent() throws {
        var cli = try CLI(now: "2026-11-28T14:05:00Z")
        defer { cli.cleanUp() }
        // The two oldest have the word in their title (bm25 ranks them first); four later ones in an entry.
        for n in 1...6 {
            cli.environment["WARROOM_NOW"] = "2026-11-28T14:\(10 + n):00Z"
            try cli.ok("declare", "--title", n <= 2 ? "Timeout storm \(n)" : "Disk pressure \(n)", "--severity", "SEV3")
            try cli.ok("log", "--incident", "INC-\(n)", "a timeout seen among many other words of the log")
        }
        let all = try cli.ok("search", "timeout", "--limit", "2")
        #expect(Set(all.split(separator: "\n").filter { $0.hasPrefix("INC-") }.map { String($0.prefix(5)) }) == ["INC-1", "INC-2"], "\(all)")
        #expect(!all.contains("More than"), "every match ranked: \(all)")
        let recent = try cli.ok("search", "timeout", "--limit", "2", "--rank-recent", "3")
        #expect(recent.split(separator: "\n").filter { $0.hasPrefix("INC-") }.allSatisfy { ["INC-4", "INC-5", "INC-6"].contains(String($0.prefix(5))) },
                "\(recent)")
        #expect(recent.contains("(More than 3 incidents match: these are the best of the 3 added last. "
                                + "Add a word to narrow it, or --rank-recent 0 to rank every match.)"), "\(recent)")
        #expect(try cli.ok("search", "timeout", "--limit", "2", "--rank-recent", "0") == all, "0 ranks every match")
        let few = try cli.ok("search", "timeout", "--limit", "5", "--rank-recent", "3")
        #expect(few.hasPrefix("3 incidents matching") && few.contains("(More than 3 incidents match"),
                "fewer ranked than the limit: those, and said: \(few)")
        #expect(!(try cli.ok("search", "timeout", "--limit", "2", "--rank-recent", "6")).contains("More than"), "exactly 6 match")
    }

    @Test("declare names similar past incidents on stderr, with cause and open action items; stdout keeps only the id")
    func similarOnDeclare() throws {
        let cli = try CLI(now: "2026-11-28T14:05:00Z")
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "Checkout 502s after config push", "--severity", "SEV2", "--service", "checkout-api")
        try cli.ok("postmortem", "factor", "immediate", "a config push without canary")
        try cli.ok("postmortem", "action", "add", "canary config pushes", "--owner", "platform", "--priority", "P1", "--due", "2026-11-20", "--force")
        let first = try cli.run(["declare", "--title", "Disk full on logs", "--severity", "SEV3"])
        #expect(first.out == "INC-2\n" && first.err.isEmpty, "nothing like it: \(first.err)")
        let declared = try cli.run(["declare", "--title", "Checkout errors spiking", "--severity", "SEV2", "--service", "checkout-api"])
        #expect(declared.status == 0 && declared.out == "INC-3\n", "scripts still read the id alone: \(declared.out)")
        #expect(declared.err == """
            warroom: INC-3 looks like a past incident (warroom show INC-1 reads one):
              INC-1  SEV2  investigating  2026-11-28  checkout-api  Checkout 502s after config push
                  cause: a config push without canary · open action item: #1 canary config pushes (platform, due 2026-11-20, overdue)

            """, "\(declared.err)")
    }

    @Test("Refusals say what to type, and print nothing on stdout", arguments: [
        ([], "search needs words to find"),
        (["\"\""], "search needs words to find"),
        (["--limit", "0", "x"], "--limit 0 is out of range: give 1 to 500"),
        (["--limit", "501", "x"], "--limit 501 is out of range"),
        (["--rank-recent", "-1", "x"], "--rank-recent -1 is not a number of incidents: give 0 (rank every match) or more (2000 unless told)"),
    ])
    func refusals(_ arguments: [String], _ message: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV3")
        let result = try cli.run(["search"] + arguments)
        #expect(result.status != 0 && result.out.isEmpty && result.err.contains(message), "\(arguments): \(result.err)")
    }
}
