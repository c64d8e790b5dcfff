import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomReports
import WarRoomText

struct PostmortemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postmortem",
        abstract: "Write the blameless post-mortem: sections, impact, factors, the 5 whys, action items, status.",
        subcommands: [Set.self, Impact.self, Factor.self, Why.self, ActionCommand.self, Status.self, Check.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a section: summary, impact, what-happened, went-well, went-poorly or lessons (replaces it).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The section.") var section: String
        @Argument(help: "Its text.") var words: [String]
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            guard let section = PostmortemSection(rawValue: section.lowercased()) else {
                throw UserFacingError("unknown section '\(self.section)': use \(PostmortemSection.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let text = words.joined(separator: " ")
            try Recording.run(global, at: at, json: output.json) { _ in .setPostmortemText(section, text: text) }
        }
    }

    struct Impact: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the impact figures of the post-mortem.")
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
            try Recording.run(global, at: at, json: output.json) { _ in .setPostmortemImpact(impact) }
        }
    }

    struct Factor: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a contributing factor: immediate, underlying or systemic.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "immediate, underlying or systemic.") var level: String
        @Argument(help: "The factor.") var words: [String]
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            guard let level = FactorLevel(rawValue: level.lowercased()) else {
                throw UserFacingError("unknown factor '\(self.level)': use immediate, underlying or systemic")
            }
            let text = words.joined(separator: " ")
            try Recording.run(global, at: at, json: output.json) { _ in .setFactor(level, text: text) }
        }
    }

    struct Why: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Append the next answer of the 5 whys.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The answer.") var words: [String]
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            let text = words.joined(separator: " ")
            try Recording.run(global, at: at, json: output.json) { _ in .addWhy(text) }
        }
    }

    struct ActionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "action", abstract: "Add follow-up action items; list them with the ones proposed by TODO: entries.",
            subcommands: [Add.self, ListItems.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add an action item (--todo N turns the N-th proposed TODO: entry into one).")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "What to do (default with --todo: the entry's text).") var words: [String] = []
            @Option(help: "Who owns it.") var owner: String
            @Option(help: "P1, P2 or P3.") var priority: String
            @Option(help: ArgumentHelp("Due date: YYYY-MM-DD or +7d.", valueName: "date")) var due: String
            @Option(help: ArgumentHelp("The number of a proposed TODO: entry (see `postmortem action list`).", valueName: "n"))
            var todo: Int?
            @OptionGroup var at: AtOption
            @OptionGroup var output: JSONFlag

            func run() throws {
                let priority = try ActionPriority.parse(priority)
                let typed = words.joined(separator: " ")
                let dueDate = try TimeExpression.date(due, now: try SystemClock.now())
                try Recording.run(global, at: at, json: output.json) { state in
                    var text = typed
                    var entry: UUID?
                    if let todo {
                        let proposals = state.proposedActionItems
                        guard todo >= 1, todo <= proposals.count else {
                            throw UserFacingError(proposals.isEmpty ? "no TODO: entries are waiting to become action items"
                                : "no proposed item \(todo): use 1…\(proposals.count) (`warroom postmortem action list`)")
                        }
                        entry = proposals[todo - 1].id
                        if text.isEmpty { text = Self.stripTodo(proposals[todo - 1].text) }
                    }
                    return .addActionItem(text: text, owner: owner, priority: priority, due: dueDate, fromEntry: entry)
                }
            }

            static func stripTodo(_ text: String) -> String {
                let trimmed = text.drop { $0 == " " }
                return String(trimmed.dropFirst(5)).trimmingCharacters(in: .whitespaces)
            }
        }

        struct ListItems: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "This incident's action items and proposals.")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = try Session(global, readOnly: true)
                let (state, _) = try session.load(try session.resolveIncident(global.incident))
                for item in state.postmortem.actionItems {
                    print(Actions.row(state.id, item, now: session.now))
                }
                let proposals = state.proposedActionItems
                if !proposals.isEmpty {
                    print("Proposed from the timeline (add with --todo N):")
                    for (index, item) in proposals.enumerated() {
                        print("  \(index + 1). \(item.at.clockTime) \(Sanitizer.clean(item.author)): \(Sanitizer.clean(item.text))")
                    }
                }
                if state.postmortem.actionItems.isEmpty && proposals.isEmpty { print("No action items yet.") }
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark the post-mortem draft, review or final.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "draft, review or final.") var status: String
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            guard let status = PostmortemStatus(rawValue: status.lowercased()) else {
                throw UserFacingError("unknown post-mortem status '\(status)': use draft, review or final")
            }
            try Recording.run(global, at: at, json: output.json) { _ in .setPostmortemStatus(status) }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Flag sentences that blame a person, with a system-framed suggestion; warns, never blocks.")
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
            var text = "warroom: blameless check: \(findings.count) sentence\(findings.count == 1 ? "" : "s") blame a person "
                + "(`warroom postmortem check` lists them):\n"
            for finding in findings.prefix(5) { text += "  " + describe(finding) + "\n" }
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}
