import ArgumentParser
import WarRoomCore

struct Declare: ParsableCommand {
    static let configuration = CommandConfiguration(table: "declare")

    @OptionGroup var global: GlobalOptions
    @Option(help: "What is wrong, in a few words.") var title: String
    @Option(help: "How severe (SEV2, sev2 or 2).") var severity: Severity
    @Option(help: "A sentence or two on the impact.") var summary: String?
    @Option(help: "The affected service.") var service: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When user impact began.", valueName: "time")) var startedAt: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When the problem was detected (default: the declaration time).", valueName: "time"))
    var detectedAt: String?
    @OptionGroup var commanderOptions: CommanderOptions
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try Session(global)
        let when = try at.resolve(now: session.now)
        let declaration = Declaration(
            title: title, severity: severity, summary: summary, service: service,
            impactStartedAt: try startedAt.map { try TimeExpression.parse($0, now: session.now) },
            detectedAt: try detectedAt.map { try TimeExpression.parse($0, now: session.now) })
        let commander = try commanderOptions.commander(author: session.author)
        let (state, _) = try session.declare(declaration, at: when, commander: commander)
        if output.json {
            print(StateJSON.render(state, policy: session.policy, now: session.now).rendered())
        } else {
            print(state.id)
        }
    }
}

/// `--ic NAME` / `--no-ic`: who commands a new incident (`declare`, `proposals accept`).
struct CommanderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Who is Incident Commander (default: you, the author).", valueName: "name"))
    var ic: String?
    @Flag(help: "Declare without an Incident Commander for now.") var noIc = false

    func validate() throws {
        if ic != nil && noIc {
            throw ValidationError("--ic and --no-ic contradict each other: give one of them (or neither: you are IC)")
        }
    }

    /// The commander: `--ic`'s name, nobody with `--no-ic`, else `author`; refused when blank.
    func commander(author: String) throws -> String? {
        let commander = noIc ? nil : (ic ?? author)
        if let commander, commander.allSatisfy(\.isWhitespace) {
            throw UserFacingError("--ic needs a name: --ic alice, or --no-ic to declare without an Incident Commander")
        }
        return commander
    }
}
