import ArgumentParser
import Foundation
import WarRoomConfig
import WarRoomCore
import WarRoomPrometheus
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
        return (path, try UserFile.read(path, kind: "SLO", section: "SLO", refused: "nothing was checked against it", SLOFile.read))
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
        let incidents = try session.allSummaries()
        return IncidentBudget.uses(of: IncidentSummary(state), definitions: definitions, incidents: incidents, now: session.now)
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

/// `warroom slo status [--file PATH] [--at TIME] [--prometheus-url URL] [--json]`.
struct SLOStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "slo status")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var file: SLOFileOption
    @Option(help: ArgumentHelp("The instant the windows end at (default: now).", valueName: "time")) var at: String?
    @Option(name: .customLong("prometheus-url"),
            help: ArgumentHelp("Read each SLI live from this Prometheus (default: the config's prometheus_url).", valueName: "url"))
    var prometheusURL: String?
    @OptionGroup var output: JSONFlag

    func run() throws {
        if let url = prometheusURL, let problem = PrometheusURL.problem(with: url) {
            throw UserFacingError("--prometheus-url " + Sanitizer.clean(problem))
        }
        // The file first: without one there is nothing to ask the store.
        let (_, definitions) = try SLOCommand.load(file.file, environment: ProcessInfo.processInfo.environment)
        let session = try Session(global, readOnly: true)
        let instant = try at.map { try TimeExpression.parse($0, now: session.now) } ?? session.now
        let incidents = try session.allSummaries()
        let statuses = definitions.flatMap { definition in
            definition.objectives.map { SLOStatus(definition, $0, incidents: incidents, at: instant) }
        }
        // Live figures when a Prometheus is named: one outcome per objective, in the same order.
        let server = prometheusURL ?? session.prometheusURL
        let client = server.map { PrometheusClient(baseURL: $0) }
        let live = client.map { LiveSLOEvaluator.evaluate(definitions, client: $0, at: instant) }
        if output.json {
            print(JSONValue.array(statuses.enumerated().map { index, status in
                guard let live, let client, index < live.count, case .object(var fields) = SLOText.json(status) else { return SLOText.json(status) }
                fields.append(("live", SLOText.json(live[index], url: client.shownURL)))
                return .object(fields)
            }).rendered())
        } else {
            for (index, status) in statuses.enumerated() {
                var line = "\(Sanitizer.clean(status.service)) \(Sanitizer.clean(status.sli)) \(SLOText.percent(status.budget.target)) over \(status.budget.window): "
                    + "\(SLOText.share(status.consumedShare)) of the \(status.budgetTime.compact) budget spent"
                    + (status.counted.isEmpty ? "" : " by \(status.counted.joined(separator: ", "))")
                    + " — \(Sanitizer.clean(status.action))"
                if !status.unknownShare.isEmpty {
                    line += " (not counted, no share of users affected recorded: \(status.unknownShare.joined(separator: ", ")); /impact 30% or impact --users-affected 30 records one)"
                }
                print(line)
                if let live, index < live.count {
                    for text in SLOText.liveLines(live[index]) { print("  " + text) }
                }
            }
        }
        guard let live else { return }
        var failed = false
        for outcome in live {
            // What the lines above could not say (an SLI without a query is said on its line).
            if !outcome.queries.isEmpty { for problem in outcome.problems { warn(Sanitizer.clean(problem)) } }
            failed = failed || outcome.failed
        }
        if failed {
            warn("the live figures above are incomplete: Prometheus did not answer every query (the incident-based status is complete)")
            throw ExitCode(2)
        }
    }
}

extension SLOText {
    /// The live lines under an SLO's status: the error ratio over each window, the burn rate of
    /// each alert pair (⚠ on one that would fire), and the budget the live ratio leaves.
    static func liveLines(_ outcome: LiveSLOOutcome) -> [String] {
        let status = outcome.status
        // An SLI that gives no query: said here, once, rather than as a row of "no data".
        if outcome.queries.isEmpty, !outcome.problems.isEmpty {
            return ["live: not measured: " + Sanitizer.clean(outcome.problems.joined(separator: "; "))]
        }
        let ratios = status.ratios.map { "\($0.errorRatio.map(ratio) ?? "no data") over \(duration($0.window))" }
        var lines = ["live error ratio: " + ratios.joined(separator: ", ")]
        for alert in status.alerts {
            let burns = "\(alert.shortBurn.map { number($0) + "×" } ?? "no data") over \(duration(alert.alert.shortWindow)), "
                + "\(alert.longBurn.map { number($0) + "×" } ?? "no data") over \(duration(alert.alert.longWindow))"
            let head = alert.fires ? "⚠ \(Sanitizer.clean(alert.alert.severity)) would fire" : "\(Sanitizer.clean(alert.alert.severity)) quiet"
            lines.append("\(head): burn \(burns) (fires above \(number(alert.alert.burnRate))× in both)")
        }
        if let consumed = status.consumedShare, let tier = status.tier {
            lines.append("live budget: \(share(max(0, 1 - consumed))) left (\(share(consumed)) spent over \(duration(status.budgetSpan)))"
                + " — \(Sanitizer.clean(status.action ?? tier.defaultAction))")
        } else {
            lines.append("live budget: no data over \(duration(status.budgetSpan))")
        }
        return lines
    }

    /// `1.5%`, `0.0583%`: an error ratio, up to four decimals of a percent.
    static func ratio(_ value: Double) -> String { number(value * 100) + "%" }
    /// `5m`, `1h`, `30d`.
    static func duration(_ span: TimeSpan) -> String { SLIQuery.promDuration(span) }

    /// An SLO's live figures for `--json`.
    static func json(_ outcome: LiveSLOOutcome, url: String) -> JSONValue {
        let status = outcome.status
        func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.double) ?? .null }
        let queries = Dictionary(outcome.queries.map { ($0.window, $0.query) }, uniquingKeysWith: { first, _ in first })
        return .object([
            ("prometheus", .string(url)), ("at", .string(status.at.iso8601)),
            ("windows", .array(status.ratios.map { entry in
                .object([("window", .string(duration(entry.window))), ("seconds", .number(entry.window.seconds)),
                         ("query", JSONValue.optional(queries[entry.window])), ("errorRatio", optional(entry.errorRatio))])
            })),
            ("alerts", .array(status.alerts.map { alert in
                .object([("severity", .string(alert.alert.severity)), ("burnRate", .double(alert.alert.burnRate)),
                         ("shortWindow", .string(duration(alert.alert.shortWindow))), ("longWindow", .string(duration(alert.alert.longWindow))),
                         ("shortBurn", optional(alert.shortBurn)), ("longBurn", optional(alert.longBurn)), ("fires", .bool(alert.fires))])
            })),
            ("budgetWindow", .string(duration(status.budgetSpan))), ("consumed", optional(status.consumedShare)),
            ("remaining", optional(status.remainingShare)), ("tier", JSONValue.optional(status.tier?.rawValue)),
            ("action", JSONValue.optional(status.action)),
            ("problems", .array(outcome.problems.map { .string($0) })), ("failed", .bool(outcome.failed)),
        ])
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
