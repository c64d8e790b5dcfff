import ArgumentParser
import WarRoomCore

struct HypothesisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hypothesis", abstract: "Open a timeboxed hypothesis, or decide one.",
        subcommands: [Add.self, Confirm.self, RuleOut.self, Extend.self, Escalate.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a hypothesis with a timebox (default 15m).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The hypothesis.") var words: [String]
        @Option(help: "Who is checking it.") var owner: String?
        @Option(help: ArgumentHelp("How long before a decision is owed: 15m, 1h.", valueName: "span")) var timebox: String?
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func run() throws {
            let span = try timebox.map { try parseSpan($0, option: "--timebox") }
            let text = words.joined(separator: " ")
            try Recording.run(global, at: at, json: output.json) { _ in
                .openHypothesis(text: text, owner: owner, timebox: span)
            }
        }
    }

    /// Options every decision takes.
    struct Decision: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The hypothesis number (as in `#2`).") var id: String
        @Option(help: "Why, or what was found.") var note: String?
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func number() throws -> Int {
            let digits = id.hasPrefix("#") ? String(id.dropFirst()) : id
            guard let number = Int(digits), number > 0 else {
                throw UserFacingError("'\(id)' is not a hypothesis number: use the number shown as #N, such as 2")
            }
            return number
        }

        func record(_ verdict: HypothesisVerdict, extendedBy: TimeSpan? = nil, markIdentified: Bool = true) throws {
            let number = try number()
            try Recording.run(global, at: at, json: output.json) { _ in
                .decideHypothesis(number: number, verdict: verdict, extendedBy: extendedBy, note: note,
                                  markIdentified: markIdentified)
            }
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Confirm a hypothesis: the root cause is known (marks the incident identified while investigating).")
        @OptionGroup var decision: Decision
        @Flag(help: "Do not move the status to identified.") var noIdentify = false
        func run() throws { try decision.record(.confirmed, markIdentified: !noIdentify) }
    }

    struct RuleOut: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rule-out", abstract: "Rule a hypothesis out (pivot).")
        @OptionGroup var decision: Decision
        func run() throws { try decision.record(.ruledOut) }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Extend a hypothesis's timebox, once.")
        @OptionGroup var decision: Decision
        @Option(help: ArgumentHelp("How much longer (default: its timebox again).", valueName: "span")) var by: String?
        func run() throws {
            try decision.record(.extended, extendedBy: try by.map { try parseSpan($0, option: "--by") })
        }
    }

    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Escalate a hypothesis to the next tier.")
        @OptionGroup var decision: Decision
        func run() throws { try decision.record(.escalated) }
    }
}
