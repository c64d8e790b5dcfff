import Testing
import WarRoomCore
import WarRoomUI

/// The input line's commands against the one command table.
@Suite("Command table")
struct CommandTableTests {
    @Test("Every /command has its row in the table and every row with a /command has a parser, in help order")
    func slashCommandsMatchTable() {
        #expect(SlashCommands.all.map(\.name) == CommandTable.slashCommands.map(\.name))
        let names = CommandTable.slashCommands.flatMap { [$0.name] + $0.aliases }
        #expect(Set(names).count == names.count, "a name or alias names two commands")
    }

    @Test("Every /command's usage, help line and completion come from its row", arguments: SlashCommands.all.map(\.name))
    func derivedFromRow(name: String) throws {
        let command = try #require(SlashCommands.named(name))
        let row = try #require(CommandTable.slash(name))
        #expect(command.form == row)
        #expect(!row.summary.isEmpty, "/\(name) has no help line")
        // The help screen shows the usage and the help line the table gives.
        var screen = model()
        screen.mode = .help
        let help = WarRoomView.render(screen).grid.lines.joined(separator: "\n")
        let key = (["/" + row.name] + row.aliases.map { "/" + $0 }).joined(separator: " ") + (row.usage.isEmpty ? "" : " " + row.usage)
        #expect(help.contains(key), "/\(name): \(key) missing from the help screen")
        #expect(help.contains(row.summary), "/\(name): its summary is missing from the help screen")
    }

    @Test("The usage lines and completions the table derives read as people type them", arguments: [
        ("role", "ic|deputy|cl|tl|scribe NAME", CommandCompletion.roles),
        ("sev", "1-4 REASON…", .nothing),
        ("extend", "N [SPAN]", .hypotheses),
        ("hyp", "TEXT… [@OWNER] [15m]", .people),
        ("amend", "N NEW TEXT…", .entries),
        ("status", "STATUS [REASON…]", .statuses),
        ("note", "TEXT…", .nothing),
    ])
    func derivedUsage(_ name: String, _ usage: String, _ completion: CommandCompletion) throws {
        let command = try #require(SlashCommands.named(name))
        #expect(command.usage == usage)
        #expect(command.completes == completion)
    }

    @Test("A vocabulary's usage names every value of its table (a new role shows by itself)")
    func vocabularyUsage() throws {
        let role = try #require(SlashCommands.named("role"))
        let shown = try #require(role.usage.split(separator: " ").first).split(separator: "|").map(String.init)
        #expect(shown == Role.allCases.map { $0.alias ?? $0.rawValue })
        let severity = try #require(SlashCommands.named("sev"))
        #expect(severity.usage.hasPrefix("\(Severity.sev1.rawValue)-\(Severity.allCases.count) "))
    }

    /// Wide and tall enough that the help screen shows every command on one line.
    func model() -> WarRoomModel {
        let script = Script.checkoutOutage()
        return WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: 200, height: 300)
    }

    @Test("Tab after each /command offers what its first completing argument names", arguments: SlashCommands.all.map(\.name))
    func tabFollowsTable(name: String) throws {
        let command = try #require(SlashCommands.named(name))
        var m = model()
        m.input.replace(with: "/\(name) ")
        let offered = m.completions()
        switch command.completes {
        case .roles: #expect(offered == Role.allCases.map { $0.alias ?? $0.rawValue })
        case .statuses: #expect(offered == IncidentStatus.allCases.map(\.rawValue) + ["reopen"])
        case .audiences: #expect(offered == Audience.allCases.map { $0.rawValue + ":" })
        case .hypotheses: #expect(offered == m.incident.hypotheses.filter(\.isUndecided).map { String($0.number) })
        case .people: #expect(offered.allSatisfy { $0.hasPrefix("@") } && !offered.isEmpty)
        case .entries: #expect(!offered.isEmpty && offered.allSatisfy { Int($0) != nil })
        case .causeTags:
            #expect(offered.isEmpty, "no other incident carries a tag yet")
            _ = m.update(.causesLookedUp(CauseFacts(known: ["config-push": ["INC-1"], "dns": ["INC-1", "INC-2"]])))
            #expect(m.completions() == ["dns", "config-push"], "the most used first")
        case .links:
            #expect(offered.isEmpty, "nothing before the store's incidents are looked up")
            _ = m.update(.linksLookedUp(LinkFacts(known: ["INC-1", m.incident.id, "INC-3"])))
            #expect(m.completions() == ["INC-3", "INC-1"].filter { $0 != m.incident.id }, "the newest first, not this one")
            m.input.replace(with: "/\(name) INC-3 ")
            #expect(m.completions() == LinkKind.allCases.map(\.rawValue))
            _ = m.update(.linksLookedUp(LinkFacts(graph: LinkGraph(["INC-3": [IncidentLink(other: m.incident.id, kind: .parent)]]),
                                                  known: ["INC-1", m.incident.id, "INC-3"])))
            m.input.replace(with: "/\(name) ")
            #expect(m.completions() == ["INC-1"], "INC-3 is linked already, from its end")
        case .runbooks:
            #expect(offered.isEmpty, "no runbook folder")
            m.runbooks = RunbookLibrary([Runbook(name: "zeta", file: "z.md"), Runbook(name: "alpha", file: "a.md")])
            #expect(m.completions() == ["alpha", "zeta"])
        case .notifyTargets, .nothing:
            if command.completes == .nothing { #expect(offered.isEmpty, "/\(name) offers \(offered)") }
        }
    }
}
