import ArgumentParser
import Foundation
import WarRoomConfig
import WarRoomCore
import WarRoomReports
import WarRoomText

/// `warroom slo …`: the SLO file, and what the incidents spent of each error budget.
struct SLOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "slo", subcommands: [SLOCheck.self, SLOStatusCommand.self],
                                                    defaultSubcommand: SLOStatusCommand.self)

    /// The file named, else `slo.yaml` beside the config file; its definitions, refusing the
    /// run when any has a mistake (each printed with file, line and key).
    static func load(_ file: String?, environment: [String: String]) throws -> (path: String, definitions: [SLODefinition]) {
        let path = file ?? SLOFile.defaultPath(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            throw UserFacingError("no SLO file at \(path): write one (see the README's SLO section) or name it with --file PATH")
        }
        let (definitions, problems) = SLOFile.read(path: path)
        guard problems.isEmpty else {
            for problem in problems { warn(problem.description) }
            throw UserFacingError("\(problems.count) mistake\(problems.count == 1 ? "" : "s") in \(path); nothing was checked against it")
        }
        return (path, definitions)
    }
}

extension SLOCommand {
    /// What the incident spent of the SLOs on its service, for its post-mortem: from `slo.yaml`
    /// beside the config file when there is one (nothing when not). A file with mistakes is used
    /// for the services it reads without one; each mistake is said on stderr, once. The incident
    /// is loaded only when there is a file to check it against.
    static func budgets(of incident: @autoclosure () throws -> IncidentState, session: Session,
                        environment: [String: String]) throws -> [IncidentBudgetUse] {
        guard FileManager.default.fileExists(atPath: SLOFile.defaultPath(environment: environment)) else { return [] }
        let state = try incident()
        guard state.service != nil,
              let definitions = try tolerant(nil, environment: environment, leftOut: "the post-mortem's SLO budget leaves that service out"),
              definitions.contains(where: { $0.service.lowercased() == state.service?.lowercased() }) else { return [] }
        let incidents = try session.allIncidents().map(\.0)
        return IncidentBudget.uses(of: state, definitions: definitions, incidents: incidents, now: session.now)
    }
}

extension SLOCommand {
    /// The definitions of the file named (refused when it is missing), else of `slo.yaml` beside
    /// the config file (nil when there is none): for commands that use SLOs on the side, so a
    /// mistake is said on stderr, followed by `leftOut`, and the rest of the file is used.
    static func tolerant(_ file: String?, environment: [String: String], leftOut: String) throws -> [SLODefinition]? {
        let path = file ?? SLOFile.defaultPath(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            if file != nil { throw UserFacingError("no SLO file at \(path): check the path given to --slo-file") }
            return nil
        }
        let (definitions, problems) = SLOFile.read(path: path)
        for problem in problems { warn(problem.description + " (\(leftOut))") }
        return definitions
    }
}

struct SLOFileOption: ParsableArguments {
    @Option(help: ArgumentHelp("The SLO file (default: slo.yaml beside the config file).", valueName: "path")) var file: String?
}

/// `warroom slo check [--file PATH]`.
struct SLOCheck: ParsableCommand {
    static let configuration = CommandConfiguration(table: "slo check")
    @OptionGroup var file: SLOFileOption

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let now = try SystemClock.now(environment: environment)
        let (path, definitions) = try SLOCommand.load(file.file, environment: environment)
        let count = definitions.map(\.objectives.count).reduce(0, +)
        print("\(Sanitizer.clean(path)): \(definitions.count) service\(definitions.count == 1 ? "" : "s"), \(count) SLO\(count == 1 ? "" : "s"), no mistake")
        for definition in definitions {
            for objective in definition.objectives {
                let budget = objective.budget
                var line = "  \(Sanitizer.clean(definition.service)) \(Sanitizer.clean(objective.sli)): \(SLOText.percent(budget.target)) over \(budget.window)"
                    + ", error budget \(budget.budget(at: now).compact)"
                for alert in objective.burnRateAlerts {
                    line += "; \(Sanitizer.clean(alert.severity)) at \(SLOText.number(alert.burnRate))× over \(alert.shortWindow.compact) and \(alert.longWindow.compact)"
                        + " (exhausts it in \(budget.exhaustion(burnRate: alert.burnRate, at: now)?.compact ?? "—"))"
                }
                print(line)
            }
        }
    }
}

/// `warroom slo status [--file PATH] [--at TIME] [--json]`.
struct SLOStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "slo status")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var file: SLOFileOption
    @Option(help: ArgumentHelp("The instant the windows end at (default: now).", valueName: "time")) var at: String?
    @OptionGroup var output: JSONFlag

    func run() throws {
        // The file first: without one there is nothing to ask the store.
        let (_, definitions) = try SLOCommand.load(file.file, environment: ProcessInfo.processInfo.environment)
        let session = try Session(global, readOnly: true)
        let instant = try at.map { try TimeExpression.parse($0, now: session.now) } ?? session.now
        let incidents = try session.allIncidents().map(\.0)
        let statuses = definitions.flatMap { definition in
            definition.objectives.map { SLOStatus(definition, $0, incidents: incidents, at: instant) }
        }
        if output.json {
            print(JSONValue.array(statuses.map(SLOText.json)).rendered())
            return
        }
        for status in statuses {
            var line = "\(Sanitizer.clean(status.service)) \(Sanitizer.clean(status.sli)) \(SLOText.percent(status.budget.target)) over \(status.budget.window): "
                + "\(SLOText.share(status.consumedShare)) of the \(status.budgetTime.compact) budget spent"
                + (status.counted.isEmpty ? "" : " by \(status.counted.joined(separator: ", "))")
                + " — \(Sanitizer.clean(status.action))"
            if !status.unknownShare.isEmpty {
                line += " (not counted, no share of users affected recorded: \(status.unknownShare.joined(separator: ", ")); /impact 30% or impact --users-affected 30 records one)"
            }
            print(line)
        }
    }
}

/// How SLO figures are written.
enum SLOText {
    /// One SLO's status, as `slo status --json` and `report --format json` give it.
    static func json(_ status: SLOStatus) -> JSONValue {
        .object([("service", .string(status.service)), ("sli", .string(status.sli)), ("target", .double(status.budget.target)),
                 ("window", .string(status.budget.window.description)), ("budgetSeconds", .number(status.budgetTime.seconds)),
                 ("spentSeconds", .number(status.spent.seconds)), ("consumed", .double(status.consumedShare)),
                 ("tier", .string(status.tier.rawValue)), ("action", .string(status.action)),
                 ("incidents", .array(status.counted.map { .string($0) })),
                 ("unknownShare", .array(status.unknownShare.map { .string($0) }))])
    }

    /// `99.95%`.
    static func percent(_ share: Double) -> String { number(share * 100) + "%" }
    /// `56.9%`, one decimal.
    static func share(_ value: Double) -> String { number((value * 1000).rounded() / 10) + "%" }
    /// `14.4`, `6`: no trailing zeros.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
