import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomReports
import WarRoomText

struct PostmortemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        table: "postmortem", subcommands: [Set.self, Impact.self, Factor.self, Why.self, CauseCommand.self, ActionCommand.self, Status.self, Check.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(table: "postmortem set")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The section.") var section: PostmortemSection
        @Argument(help: "Its text.") var words: [String]
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            let text = words.joined(separator: " ")
            try Recording.run(global, at: at, json: output.json, command: .setPostmortemText(section, text: text))
        }
    }

    struct Impact: ParsableCommand {
        static let configuration = CommandConfiguration(table: "postmortem impact")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Users affected, as you want it written (\"30% of EU users\").") var usersAffected: String?
        @Option(help: "Revenue impact (\"~$12k\", \"N/A\").") var revenue: String?
        @Option(help: "Share of the monthly error budget consumed (\"45%\").") var sloBudget: String?
        @Option(help: "Support tickets created.") var supportTickets: Int?
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            let impact = PostmortemImpact(usersAffected: usersAffected, revenue: revenue, sloBudget: sloBudget,
                                          supportTickets: supportTickets)
            try Recording.run(global, at: at, json: output.json, command: .setPostmortemImpact(impact))
        }
    }

    struct Factor: ParsableCommand {
        static let configuration = CommandConfiguration(table: "postmortem factor")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "How deep it lies.") var level: FactorLevel
        @Argument(help: "The factor.") var words: [String]
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            let text = words.joined(separator: " ")
            try Recording.run(global, at: at, json: output.json, command: .setFactor(level, text: text))
        }
    }

    struct Why: ParsableCommand {
        static let configuration = CommandConfiguration(table: "postmortem why")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The answer.") var words: [String]
        @Option(help: ArgumentHelp("Replace answer N (1–5) instead of appending.", valueName: "n")) var amend: Int?
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            let text = words.joined(separator: " ")
            try Recording.run(global, at: at, json: output.json) { _ in
                if let amend { return .amendWhy(number: amend, text: text) }
                return .addWhy(text)
            }
        }
    }

    struct ActionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(table: "postmortem action", subcommands: [Add.self, Edit.self, ListItems.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(table: "postmortem action add")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "What to do (default with --todo: the entry's text).") var words: [String] = []
            @Option(help: "Who owns it.") var owner: String
            @Option(help: "How urgent.") var priority: ActionPriority
            @Option(help: ArgumentHelp("Due date: YYYY-MM-DD or +7d.", valueName: "date")) var due: String
            @Option(help: ArgumentHelp("The number of a proposed TODO: entry (see `postmortem action list`).", valueName: "n"))
            var todo: Int?
            @Flag(help: "Accept a due date before today.") var force = false
            @OptionGroup var at: AtOption
            @OptionGroup var output: JSONFlag

            func run() throws {
                let typed = words.joined(separator: " ")
                let dueDate = try TimeExpression.date(due, now: try SystemClock.now())
                try Recording.run(global, at: at, json: output.json) { state in
                    var text = typed
                    var entry: UUID?
                    if let todo {
                        let proposal = try Self.proposal(todo, in: state)
                        entry = proposal.entry.id
                        if text.isEmpty { text = Self.stripTodo(proposal.entry.text) }
                    }
                    return .addActionItem(text: text, owner: owner, priority: priority, due: dueDate, fromEntry: entry,
                                          force: force)
                }
            }

            /// TODO proposal `number`, if it is still waiting; else why not, with the ones that are.
            static func proposal(_ number: Int, in state: IncidentState) throws -> TodoProposal {
                let all = state.todoProposals
                let open = all.filter(\.isOpen).map { "\($0.number)" }
                let waiting = open.isEmpty ? "no TODO: entry is waiting to become an action item"
                    : "waiting: \(open.joined(separator: ", ")) (`warroom postmortem action list`)"
                guard number >= 1, number <= all.count else {
                    throw UserFacingError(all.isEmpty ? "no TODO \(number): no timeline entry starts with TODO: yet"
                        : "no TODO \(number): the TODO: entries are 1…\(all.count); \(waiting)")
                }
                let proposal = all[number - 1]
                if let adopted = proposal.adoptedAs {
                    throw UserFacingError("TODO \(number) is already action item \(state.id):\(adopted); \(waiting)")
                }
                if proposal.entry.isRetracted {
                    throw UserFacingError("TODO \(number) was retracted; \(waiting)")
                }
                guard proposal.isOpen else {
                    throw UserFacingError("TODO \(number) was amended and no longer starts with TODO:; \(waiting)")
                }
                return proposal
            }

            static func stripTodo(_ text: String) -> String {
                let trimmed = text.drop { $0 == " " }
                return String(trimmed.dropFirst(5)).trimmingCharacters(in: .whitespaces)
            }
        }

        struct Edit: ParsableCommand {
            static let configuration = CommandConfiguration(table: "postmortem action edit")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "INC-3:2, or the item number with --incident or one open incident.") var id: String
            @Option(help: "The new text.") var text: String?
            @Option(help: "The new owner.") var owner: String?
            @Option(help: "The new priority.") var priority: ActionPriority?
            @Option(help: ArgumentHelp("The new due date: YYYY-MM-DD or +7d.", valueName: "date")) var due: String?
            @Flag(help: "Accept a due date before today.") var force = false
            @OptionGroup var at: AtOption
            @OptionGroup var output: JSONFlag

            func run() throws {
                guard text != nil || owner != nil || priority != nil || due != nil else {
                    throw UserFacingError("nothing to change: give --text, --owner, --priority or --due")
                }
                let (options, number) = try Actions.target(id, global)
                let dueDate = try due.map { try TimeExpression.date($0, now: try SystemClock.now()) }
                try Recording.run(options, at: at, json: output.json) { _ in
                    .editActionItem(number: number, text: text, owner: owner, priority: priority, due: dueDate, force: force)
                }
            }
        }

        struct ListItems: ParsableCommand {
            static let configuration = CommandConfiguration(table: "postmortem action list")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: JSONFlag

            func run() throws {
                let session = try Session(global, readOnly: true)
                let (state, _) = try session.load(try session.resolveIncident(global.incident))
                if output.json {
                    let proposals = state.todoProposals.map { proposal in
                        JSONValue.object([
                            ("number", .number(Int64(proposal.number))), ("entry", .number(Int64(proposal.entry.number))),
                            ("text", .string(proposal.entry.text)), ("author", .string(proposal.entry.author)),
                            ("open", .bool(proposal.isOpen)), ("retracted", .bool(proposal.entry.isRetracted)),
                            ("adoptedAs", proposal.adoptedAs.map { .string("\(state.id):\($0)") } ?? .null),
                        ])
                    }
                    print(JSONValue.object([
                        ("incident", .string(state.id)),
                        ("items", .array(state.postmortem.actionItems.map { Actions.json(state.id, $0, now: session.now) })),
                        ("proposals", .array(proposals)),
                    ]).rendered())
                    return
                }
                for item in state.postmortem.actionItems {
                    print(Actions.row(state.id, item, now: session.now))
                }
                // Every TODO: keeps its number for the incident's life: adopted and retracted ones
                // are listed as such, so `--todo N` never shifts under the user.
                let proposals = state.todoProposals
                if proposals.contains(where: \.isOpen) {
                    print("Proposed from the timeline (add with --todo N):")
                } else if !proposals.isEmpty {
                    print("Proposed from the timeline (none waiting):")
                }
                for proposal in proposals {
                    let item = proposal.entry
                    let line = "  \(proposal.number). \(item.at.clockTime) \(Sanitizer.clean(item.author)): \(Sanitizer.clean(item.text))"
                    if let adopted = proposal.adoptedAs {
                        print(line + "  [adopted as \(state.id):\(adopted)]")
                    } else if item.isRetracted {
                        print(line + "  [retracted]")
                    } else if !proposal.isOpen {
                        print(line + "  [no longer a TODO]")
                    } else {
                        print(line)
                    }
                }
                if state.postmortem.actionItems.isEmpty && proposals.isEmpty { print("No action items yet.") }
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(table: "postmortem status")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Where the document stands.") var status: PostmortemStatus
        @Flag(help: "Mark it final although fields are unfilled or sentences blame a person (the document says so).")
        var force = false
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            let session = try Session(global)
            let when = try at.resolve(now: session.now)
            let incident = try session.resolveIncident(global.incident)
            // Read before the write: the SLO file and the other incidents decide whether a P1 action item is owed.
            let budgets = status == .final
                ? try SLOCommand.budgets(of: try session.load(incident).0, session: session, environment: ProcessInfo.processInfo.environment)
                : []
            do {
                let (state, written) = try session.record(incident: incident, at: when) { state in
                    guard status == .final else { return .setPostmortemStatus(status) }
                    let gaps = PostmortemReadiness.gaps(state, policy: session.policy, now: session.now, budgets: budgets)
                    guard gaps.isEmpty || force else { throw NotReady(gaps: gaps) }
                    return .setPostmortemStatus(.final, forced: gaps.isEmpty ? nil : gaps)
                }
                Recording.confirm(state, written, json: output.json)
                if !output.json, let forced = state.postmortem.forcedFinal {
                    try? FileHandle.standardError.write(contentsOf: Data(("warroom: marked final with --force; the document lists the "
                        + "\(forced.count) thing\(forced.count == 1 ? "" : "s") still missing at the top\n").utf8))
                }
            } catch let notReady as NotReady {
                // One gap a line: the usual one-line error would run the list together.
                let text = "warroom: " + PostmortemReadiness.refusal(notReady.gaps)
                try? FileHandle.standardError.write(contentsOf: Data((Sanitizer.clean(text, newlines: .keep) + "\n").utf8))
                throw ExitCode.failure
            }
        }
    }

    /// What keeps the post-mortem from being final, thrown out of the recording closure.
    struct NotReady: Error {
        var gaps: [String]
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(table: "postmortem check")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: JSONFlag

        func run() throws {
            let session = try Session(global, readOnly: true)
            let (state, _) = try session.load(try session.resolveIncident(global.incident))
            let findings = BlamelessCheck.findings(in: state)
            if output.json {
                print(JSONValue.array(findings.map { finding in
                    JSONValue.object([("where", .optional(finding.location)), ("sentence", .string(finding.sentence)),
                                      ("person", .optional(finding.person)), ("phrase", .string(finding.phrase)),
                                      ("suggestion", .string(finding.suggestion))])
                }).rendered())
                return
            }
            if findings.isEmpty { print("No blaming sentences found.") }
            for finding in findings { print(Self.describe(finding)) }
        }

        static func describe(_ finding: BlamelessFinding) -> String {
            let place = finding.location.map { "\($0): " } ?? ""
            return "\(place)\"\(Sanitizer.clean(finding.sentence))\" — \(Sanitizer.clean(finding.suggestion))"
        }

        /// Blameless warnings on stderr, after an export: the document is written regardless.
        static func warn(_ findings: [BlamelessFinding]) {
            guard !findings.isEmpty else { return }
            var text = "warroom: blameless check: \(findings.count) sentence\(findings.count == 1 ? " blames" : "s blame") a person "
                + "(`warroom postmortem check` lists them):\n"
            for finding in findings.prefix(5) { text += "  " + describe(finding) + "\n" }
            try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
        }
    }
}
