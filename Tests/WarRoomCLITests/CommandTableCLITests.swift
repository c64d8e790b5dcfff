import Foundation
import Testing
import WarRoomCore

/// The executable's subcommands and typed arguments against the core's tables.
@Suite("CLI command table")
struct CommandTableCLITests {
    /// One subcommand as `warroom --experimental-dump-help` describes it.
    struct Described: Equatable {
        var abstract: String
        var discussion: String
    }

    /// Every visible subcommand of the real binary, by path (`hypothesis confirm`).
    static func subcommands() throws -> [String: Described] {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let dump = try cli.ok("--experimental-dump-help")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
        var found: [String: Described] = [:]
        func walk(_ command: [String: Any], path: [String]) {
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, sub["shouldDisplay"] as? Bool ?? true, name != "help" else { continue }
                let here = path + [name]
                found[here.joined(separator: " ")] = Described(abstract: sub["abstract"] as? String ?? "",
                                                               discussion: sub["discussion"] as? String ?? "")
                walk(sub, path: here)
            }
        }
        walk(try #require(root["command"] as? [String: Any]), path: [])
        return found
    }

    @Test("Every subcommand has its row in the command table, and every row with a subcommand is one, with the same help")
    func everySubcommandInTable() throws {
        let real = try Self.subcommands()
        let table = Dictionary(CommandTable.cliCommands.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let onlyInBinary = Set(real.keys).subtracting(table.keys), onlyInTable = Set(table.keys).subtracting(real.keys)
        #expect(onlyInBinary.isEmpty && onlyInTable.isEmpty, "only in the binary: \(onlyInBinary); only in the table: \(onlyInTable)")
        #expect(CommandTable.cliCommands.count == table.count, "a path has two rows")
        for (path, described) in real {
            guard let row = table[path] else { continue }
            #expect(!row.abstract.isEmpty, "warroom \(path) has no abstract")
            #expect(described == Described(abstract: row.abstract, discussion: row.discussion), "warroom \(path)")
        }
    }

    /// Typed arguments and the vocabulary whose choices `--help` must list, computed from the core.
    static let typed: [(help: [String], label: String, choices: [String])] = [
        (["role", "assign", "--help"], "<role>", Role.allCases.flatMap { [$0.rawValue] + ($0.alias.map { [$0] } ?? []) }),
        (["severity", "--help"], "<level>", Severity.allCases.map(\.label)),
        (["declare", "--help"], "--severity <severity>", Severity.allCases.map(\.label)),
        (["status", "--help"], "<target>", IncidentStatus.allCases.map(\.rawValue) + ["reopen"]),
        (["update", "--help"], "--audience <audience>", Audience.allCases.map(\.rawValue)),
        (["log", "--help"], "--kind <kind>", EntryKind.allCases.map(\.rawValue)),
        (["log", "--help"], "--tag <tag>", EntryTag.allCases.map(\.rawValue)),
        (["postmortem", "set", "--help"], "<section>", PostmortemSection.allCases.map(\.rawValue)),
        (["postmortem", "factor", "--help"], "<level>", FactorLevel.allCases.map(\.rawValue)),
        (["postmortem", "status", "--help"], "<status>", PostmortemStatus.allCases.map(\.rawValue)),
        (["postmortem", "action", "add", "--help"], "--priority <priority>", ActionPriority.allCases.map(\.rawValue)),
        (["postmortem", "action", "edit", "--help"], "--priority <priority>", ActionPriority.allCases.map(\.rawValue)),
    ]

    @Test("--help of each typed argument lists exactly the choices of its vocabulary table", arguments: typed.indices)
    func helpListsChoices(index: Int) throws {
        let (help, label, choices) = Self.typed[index]
        let cli = try CLI()
        defer { cli.cleanUp() }
        // Help wraps at the terminal's width: read it as one line.
        let result = try cli.run(help)
        #expect(result.status == 0, "\(help): \(result.err)")
        let text: String = result.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // The label's last mention is its own entry (the first is the usage line).
        let entry = try #require(text.range(of: label + " ", options: .backwards), "\(label) missing from \(help)")
        let after = text[entry.upperBound...]
        let values = try #require(after.range(of: "(values: "), "\(label) lists no values: \(after.prefix(200))")
        let list = after[values.upperBound...].prefix { $0 != ")" && $0 != ";" }
        #expect(list.components(separatedBy: ", ") == choices, "\(help.joined(separator: " ")) \(label)")
    }

    /// Mistyped values and the refusal the person sees, exactly as before the arguments were typed.
    static let refusals: [(args: [String], message: String)] = [
        (["severity", "SEV7"], CommandError.unknownSeverity("SEV7").description),
        (["role", "assign", "captain", "bob"], CommandError.unknownRole("captain").description),
        (["role", "assign", "comander", "bob"], CommandError.unknownRole("comander").description),
        (["status", "mitigatd"], CommandError.unknownStatus("mitigatd").description),
        (["update", "--audience", "execs"], CommandError.unknownAudience("execs").description),
        (["log", "x", "--kind", "rant"], CommandError.unknownEntryKind("rant").description),
        (["declare", "--title", "t", "--severity", "5"], CommandError.unknownSeverity("5").description),
        (["postmortem", "action", "add", "x", "--owner", "a", "--priority", "P7", "--due", "+7d"],
         CommandError.unknownPriority("P7").description),
        (["log", "x", "--tag", "root"], "unknown tag 'root': use detection, diagnosis, repair, key-moment or deploy"),
        (["postmortem", "set", "sumary", "x"], "unknown section 'sumary' (did you mean 'summary'?): use "
            + "summary, impact, what-happened, went-well, went-poorly or lessons; nothing was recorded"),
        (["postmortem", "factor", "deep", "x"], "unknown factor 'deep': use immediate, underlying or systemic"),
        (["postmortem", "status", "finale"], "unknown post-mortem status 'finale': use draft, review or final (did you mean 'final'?)"),
        (["hypothesis", "confirm", "abc"], "'abc' is not a hypothesis number: use the number shown as #N, such as 2"),
        (["timeline", "--format", "cvs"], "unknown format 'cvs' (did you mean 'csv'?): use text, markdown or csv (or --json)"),
    ]

    @Test("A mistyped vocabulary value gets the vocabulary's refusal and exit status 1, not ArgumentParser's wording",
          arguments: refusals.indices)
    func refusal(index: Int) throws {
        let (args, message) = Self.refusals[index]
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        let result = try cli.run(args)
        #expect(result.status == 1, "\(args): \(result.err)")
        #expect(result.err == "warroom: \(message)\n")
        #expect(result.out.isEmpty)
        let timeline = try #require(try cli.state()["timeline"] as? [[String: Any]])
        #expect(timeline.count == 1, "nothing was recorded")
    }

    @Test("Every spelling a vocabulary reads is accepted as a typed argument", arguments: [
        ["severity", "sev1", "--reason", "worse"], ["severity", "1"], ["role", "assign", "IC", "bob"],
        ["role", "assign", "tech-lead", "carol"], ["status", "mitigated"], ["update", "--audience", "Executives", "--post"],
        ["log", "x", "--kind", "ACTION", "--tag", "Repair"], ["postmortem", "status", " review "],
    ])
    func acceptedSpellings(args: [String]) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "t", "--severity", "SEV2", "--no-ic")
        let result = try cli.run(args)
        #expect(result.status == 0, "\(args): \(result.err)")
    }
}
