import Foundation
import Testing

/// Text that starts with `-`, option values that start with `-`, and typos: exit 0 means recorded,
/// and a mistake is refused with a suggestion from the real command tree.
@Suite("CLI arguments")
struct CLIArgumentTests {
    static func texts(_ cli: CLI) throws -> [String] {
        try #require(try cli.state()["timeline"] as? [[String: Any]]).compactMap { $0["text"] as? String }
    }

    static let dashTexts = ["- rolled back the flag", "-5% error rate", "-> failover to eu-west", "-", "- h -h",
                            "-- the help -h", "—dash", "-rolled back the flag", "-é"]

    @Test("log records text that starts with '-', never the help", arguments: dashTexts)
    func logDashText(text: String) throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let result = try cli.run(["log", text, "--kind", "action"])
        #expect(result.status == 0, "\(result.err)")
        #expect(!result.out.contains("USAGE") && !result.out.contains("OVERVIEW"), "printed the help: \(result.out)")
        let timeline = try #require(try cli.state()["timeline"] as? [[String: Any]])
        #expect(timeline.contains { $0["text"] as? String == text && $0["kind"] as? String == "action" },
                "\(text.debugDescription) was not recorded: \(timeline)")
    }

    /// Each subcommand that takes free text, with the text in the place it goes.
    static let freeText: [(args: [String], recorded: String)] = [
        (["log", "-", "rolled", "back"], "- rolled back"),
        (["log", "first", "- then the flag"], "first - then the flag"),
        (["hypothesis", "add", "- bad config -h"], "- bad config -h"),
        (["notify", "- the help desk"], "- the help desk"),
        (["postmortem", "set", "impact", "-5% of checkouts failed"], "-5% of checkouts failed"),
        (["postmortem", "factor", "immediate", "- a config push"], "- a config push"),
        (["postmortem", "why", "- because the canary was skipped"], "- because the canary was skipped"),
        (["severity", "SEV1", "--reason", "-h all regions"], "-h all regions"),
        (["severity", "SEV1", "--reason", "-"], "-"),
        (["status", "mitigating", "--reason", "-x rolled back"], "-x rolled back"),
        (["update", "--text", "-x all clear"], "-x all clear"),
        (["log", "backdated", "--at", "-5m"], "backdated"),
    ]

    @Test("Every subcommand that takes text records text and option values that start with '-'",
          arguments: freeText.indices)
    func freeTextEverywhere(index: Int) throws {
        let (args, recorded) = Self.freeText[index]
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let result = try cli.run(args)
        #expect(result.status == 0, "warroom \(args): \(result.err)")
        #expect(!result.out.contains("USAGE"), "printed the help: \(result.out)")
        let stored = try cli.ok("export", "jsonl")
        #expect(stored.contains("\"\(recorded)\""), "warroom \(args) did not record \(recorded.debugDescription): \(stored)")
    }

    /// Words that look like options but are none are refused (non-zero), never recorded or taken as help.
    static let refused: [(args: [String], says: [String])] = [
        (["log", "-rolled", "back"], ["unknown option '-rolled'", "`warroom log -- -rolled back`"]),
        (["log", "--knd", "action", "x"], ["unknown option '--knd'", "did you mean '--kind'?"]),
        (["hypothesis", "add", "x", "--ownr", "bob"], ["did you mean '--owner'?"]),
        (["show", "--jsn"], ["unknown option '--jsn'", "did you mean '--json'?"]),
        (["--incdent", "1", "show"], ["unknown option '--incdent' for `warroom show`", "did you mean '--incident'?"]),
        (["timeline", "--formt", "csv"], ["did you mean '--format'?"]),
        (["postmortem", "why", "-because"], ["warroom postmortem why -- -because"]),
        (["log", "--\u{1B}]0;x\u{07}"], ["unknown option '--^[]0;x^G'"]),
        (["log", "detection", "--tag"], ["'--tag' needs a value"]),
        (["severity", "SEV1", "--reason", "--json"], ["'--reason' needs a value"]),
        (["log", "x", "--kind", "-h"], ["'--kind' needs a value"]),
        (["log", "--rolled-back"], ["unknown option '--rolled-back'", "`warroom log -- --rolled-back`"]),
        // The hint keeps the options that were understood: run as shown, it records where it was meant to.
        (["log", "-x", "rolled", "back", "--incident", "INC-1", "--kind", "action"],
         ["`warroom log --incident INC-1 --kind action -- -x rolled back`"]),
    ]

    @Test("Option-like words that are no option are refused with a suggestion or a hint to use --",
          arguments: refused.indices)
    func refusedOptions(index: Int) throws {
        let (args, says) = Self.refused[index]
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let before = try Self.texts(cli)
        let result = try cli.run(args)
        #expect(result.status != 0 && result.out.isEmpty, "warroom \(args): \(result.status) \(result.out)")
        for phrase in says { #expect(result.err.contains(phrase), "warroom \(args) said: \(result.err)") }
        #expect(try Self.texts(cli) == before, "nothing is recorded")
    }

    @Test("After --, every word is text, -h included")
    func terminator() throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        try cli.ok("log", "--kind", "decision", "--", "-h", "--kind", "-rolled")
        let timeline = try #require(try cli.state()["timeline"] as? [[String: Any]])
        #expect(timeline.contains { $0["text"] as? String == "-h --kind -rolled" && $0["kind"] as? String == "decision" })
    }

    @Test("Help stays reachable", arguments: [["log", "-h"], ["log", "--help"], ["--help"], ["-h"], ["help", "log"],
                                              ["postmortem", "set", "--help"], ["amend", "--help"], ["timeline", "--help"]])
    func help(args: [String]) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(args)
        #expect(result.status == 0 && result.out.contains("USAGE"), "warroom \(args): \(result.status) \(result.err)")
    }

    /// Typos of subcommands, at every level, with what must be suggested.
    static let typos: [(args: [String], suggests: String)] = [
        (["lgo", "hi"], "did you mean 'log'?"),
        (["tiemline"], "did you mean 'timeline'?"),
        (["shwo"], "did you mean 'show'?"),
        (["hypotesis", "add", "x"], "did you mean 'hypothesis'?"),
        (["postmortem", "sett", "impact", "x"], "did you mean 'set'?"),
        (["postmortem", "action", "ad", "x"], "did you mean 'add'?"),
        (["hypothesis", "confrim", "1"], "did you mean 'confirm'?"),
        (["actions", "dne", "INC-1:1"], "did you mean 'done'?"),
        (["export", "jsnl"], "did you mean 'jsonl'?"),
        (["role", "asign", "ic", "bob"], "did you mean 'assign'?"),
        (["amned", "2", "x"], "did you mean 'amend'?"),
    ]

    @Test("A mistyped subcommand fails with a did-you-mean, and records nothing", arguments: typos.indices)
    func typo(index: Int) throws {
        let (args, suggests) = Self.typos[index]
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        let before = try cli.ok("export", "jsonl")
        let result = try cli.run(args)
        #expect(result.status != 0 && result.out.isEmpty, "warroom \(args): \(result.status) \(result.out)")
        #expect(result.err.contains(suggests), "warroom \(args) said: \(result.err)")
        #expect(!result.err.contains("no incident"), "not read as an incident id: \(result.err)")
        #expect(try cli.ok("export", "jsonl") == before)
    }

    @Test("A typo's message is sanitized")
    func typoSanitized() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["l\u{1B}[Jg\u{202E}"])
        #expect(result.status != 0)
        #expect(!result.err.contains("\u{1B}") && result.err.contains("^["), "\(result.err.debugDescription)")
    }

    @Test("A first word that is an incident id still opens it", arguments: ["1", "INC-1", "inc-1"])
    func incidentWord(word: String) throws {
        let cli = try CLI.declared()
        defer { cli.cleanUp() }
        // Not a terminal: the war room refuses to start, after the word was read as an incident.
        let result = try cli.run([word])
        #expect(!result.err.contains("unknown command"), "\(result.err)")
    }
}
