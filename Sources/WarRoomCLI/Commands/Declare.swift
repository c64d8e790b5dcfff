import ArgumentParser
import WarRoomCore

struct Declare: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Declare a new incident and print its id.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "What is wrong, in a few words.") var title: String
    @Option(help: "SEV1, SEV2, SEV3 or SEV4.") var severity: String
    @Option(help: "A sentence or two on the impact.") var summary: String?
    @Option(help: "The affected service.") var service: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When user impact began.", valueName: "time")) var startedAt: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("When the problem was detected (default: the declaration time).", valueName: "time"))
    var detectedAt: String?
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        let level = try Severity.parse(severity)
        let session = try Session(global)
        let when = try at.resolve(now: session.now)
        let declaration = Declaration(
            title: title, severity: level, summary: summary, service: service,
            impactStartedAt: try startedAt.map { try TimeExpression.parse($0, now: session.now) },
            detectedAt: try detectedAt.map { try TimeExpression.parse($0, now: session.now) })
        let (state, _) = try session.declare(declaration, at: when)
        if output.json {
            print(StateJSON.render(state, policy: session.policy, now: session.now).rendered())
        } else {
            print(state.id)
        }
    }
}
