import ArgumentParser
import WarRoomCore

struct HypothesisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        table: "hypothesis", subcommands: [Add.self, Confirm.self, RuleOut.self, Extend.self, Escalate.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(table: "hypothesis add")
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
        @Argument(help: "The hypothesis number (as in `#2`).") var id: HypothesisNumber
        @Option(help: "Why, or what was found.") var note: String?
        @OptionGroup var at: AtOption
        @OptionGroup var output: JSONFlag

        func record(_ verdict: HypothesisVerdict, extendedBy: TimeSpan? = nil, markIdentified: Bool = true) throws {
            try Recording.run(global, at: at, json: output.json) { _ in
                .decideHypothesis(number: id.number, verdict: verdict, extendedBy: extendedBy, note: note,
                                  markIdentified: markIdentified)
            }
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(table: "hypothesis confirm")
        @OptionGroup var decision: Decision
        @Flag(help: "Do not move the status to identified.") var noIdentify = false
        func run() throws { try decision.record(.confirmed, markIdentified: !noIdentify) }
    }

    struct RuleOut: ParsableCommand {
        static let configuration = CommandConfiguration(table: "hypothesis rule-out")
        @OptionGroup var decision: Decision
        func run() throws { try decision.record(.ruledOut) }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(table: "hypothesis extend")
        @OptionGroup var decision: Decision
        @Option(help: ArgumentHelp("How much longer (default: its timebox again).", valueName: "span")) var by: String?
        func run() throws {
            try decision.record(.extended, extendedBy: try by.map { try parseSpan($0, option: "--by") })
        }
    }

    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(table: "hypothesis escalate")
        @OptionGroup var decision: Decision
        func run() throws { try decision.record(.escalated) }
    }
}
