import ArgumentParser
import Foundation
import WarRoomAlerts
import WarRoomConfig
import WarRoomCore
import WarRoomText

/// `warroom drill …`: game days. `list` and `check` read scenarios; `run` plays one into a drill
/// incident (`DrillRunner`); `score` scores it from the record (`DrillScoring`, `DrillDebrief`).
struct DrillGroup: ParsableCommand {
    static let configuration = CommandConfiguration(table: "drill", subcommands: [DrillList.self, DrillCheck.self, DrillRun.self, DrillScoreCommand.self],
                                                    defaultSubcommand: DrillList.self)

    /// An alert inject's payload against the intake's own Alertmanager parser: nil when it takes
    /// it and it holds at least one alert, else why not.
    static func checkAlert(_ payload: String) -> String? {
        do {
            let alerts = try AlertFormat.alertmanager.parse(Array(payload.utf8))
            return alerts.isEmpty ? "its alerts list is empty: an alert inject plays at least one alert" : nil
        } catch {
            // The parser speaks to a webhook sender ("nothing was recorded"); here nothing was sent.
            var text = error.description
            for tail in ["; nothing was recorded"] where text.hasSuffix(tail) { text = String(text.dropLast(tail.count)) }
            return text
        }
    }

    /// The alerts a payload plays, as a timeline names them: `EdgeHTTP502RateHigh, EdgeCPUSaturated (firing)`.
    static func alertNames(_ payload: String) -> String {
        guard let alerts = try? AlertFormat.alertmanager.parse(Array(payload.utf8)), !alerts.isEmpty else { return "an alert" }
        let statuses = Set(alerts.map(\.status.rawValue)).sorted()
        return alerts.map(\.name).joined(separator: ", ") + " (\(statuses.joined(separator: ", ")))"
    }
}

struct DrillOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The team's scenario folder (default: drills = \"PATH\" in the config file).", valueName: "path")) var dir: String?

    /// The folder named by --dir or the config, and where that came from; nil when neither names one.
    func folder(environment: [String: String]) throws -> (path: String, fromConfig: Bool)? {
        if let dir {
            guard !dir.isEmpty else { throw UserFacingError("--dir needs a path (it was given an empty one)") }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder), isFolder.boolValue else {
                throw UserFacingError("no scenario folder at \(dir): name the folder that holds the team's NAME.yaml scenarios")
            }
            return (dir, false)
        }
        let config = Config.load(environment: environment)
        for problem in config.diagnostics { warn("config: " + problem.description) }
        return config.config.drills.map { ($0, true) }
    }
}

/// `warroom drill list`: the shipped scenarios, then the team's.
struct DrillList: ParsableCommand {
    static let configuration = CommandConfiguration(table: "drill list")
    @OptionGroup var options: DrillOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var entries = DrillScenarioCatalog.builtInNames.compactMap { DrillScenarioCatalog.builtIn($0, checkAlert: DrillGroup.checkAlert) }
        var place: String?
        if let folder = try options.folder(environment: environment) {
            if let own = DrillScenarioCatalog.folder(folder.path, checkAlert: DrillGroup.checkAlert) {
                entries += own
                place = folder.path
            } else {
                warn("no scenario folder at \(folder.path) (drills in \(Config.paths(environment: environment).config)): only the shipped scenarios are listed")
            }
        }
        if output.json {
            print(JSONValue.array(entries.map { entry in
                let scenario = entry.scenario
                return .object([
                    ("name", .string(entry.name)), ("file", .string(entry.file)), ("shipped", .bool(entry.isBuiltIn)),
                    ("title", .optional(scenario?.title)), ("severity", .optional(scenario?.severity.label)),
                    ("service", .optional(scenario?.service)),
                    ("durationSeconds", scenario.map { .number($0.duration.seconds) } ?? .null),
                    ("injects", scenario.map { .number(Int64($0.injects.count)) } ?? .null),
                    ("points", scenario.map { .number(Int64($0.possiblePoints)) } ?? .null),
                    ("runsCommands", scenario.map { .bool($0.runsCommands) } ?? .null),
                    ("mistakes", .number(Int64(entry.problems.count))),
                ])
            }).rendered())
            return
        }
        var rows = [["NAME", "TITLE", "SEVERITY", "DURATION", "INJECTS", "POINTS", "FROM"]]
        for entry in entries {
            let from = entry.isBuiltIn ? "shipped" : entry.file
            if let scenario = entry.scenario {
                rows.append([entry.name, scenario.title, scenario.severity.label, scenario.duration.compact, String(scenario.injects.count),
                             String(scenario.possiblePoints), from].map { Sanitizer.clean($0) })
            } else {
                let count = entry.problems.count
                rows.append([entry.name, "\(count) mistake\(count == 1 ? "" : "s"): warroom drill check \(entry.file)", "-", "-", "-", "-", from]
                    .map { Sanitizer.clean($0) })
            }
        }
        print(TextTable.render(rows))
        let shipped = entries.filter(\.isBuiltIn).count
        var footer = "\(shipped) shipped"
        if let place { footer += ", \(entries.count - shipped) in \(Sanitizer.clean(place))" }
        print(footer + "; warroom drill check NAME prints one's timeline")
    }
}

/// `warroom drill check FILE|NAME [--speed FACTOR]`: every mistake with file, line and key, or
/// the timeline of injects, deadlines and the end at that speed.
struct DrillCheck: ParsableCommand {
    static let configuration = CommandConfiguration(table: "drill check")
    @OptionGroup var options: DrillOptions
    @Argument(help: ArgumentHelp("A scenario file, or the name of one (warroom drill list).", valueName: "file|name")) var scenario: String
    @Option(help: ArgumentHelp("How fast it would play: 1x (real time) to 60x.", valueName: "factor")) var speed = "1x"

    func run() throws {
        let factor: DrillSpeed
        do { factor = try DrillSpeed.parse(speed) } catch { throw UserFacingError("--speed " + error.description) }
        let environment = ProcessInfo.processInfo.environment
        let folder = try options.folder(environment: environment)
        let (found, names) = DrillScenarioCatalog.find(scenario, folder: folder?.path, checkAlert: DrillGroup.checkAlert)
        guard let entry = found else {
            throw UserFacingError("no scenario '\(scenario)'" + Suggestion.didYouMean(scenario, among: names)
                                  + ": warroom drill list shows them (\(Choices.list(names, last: "and"))); a file is named by its path (./\(scenario).yaml)")
        }
        guard let plan = entry.scenario.map({ DrillPlan($0, speed: factor) }), entry.problems.isEmpty else {
            UserFile.say(entry.problems)
            let count = entry.problems.count
            throw UserFacingError("\(count) mistake\(count == 1 ? "" : "s") in \(entry.file): nothing can be played from it until \(count == 1 ? "it is" : "they are") fixed")
        }
        print(Self.page(plan, file: entry.file), terminator: "")
    }

    /// The scenario's facts, then one row per cue of the plan.
    static func page(_ plan: DrillPlan, file: String) -> String {
        let scenario = plan.scenario
        func clean(_ text: String) -> String { Sanitizer.clean(text) }
        var lines = ["\(clean(scenario.name)) — \(clean(scenario.title))"]
        func fact(_ label: String, _ values: [String]) {
            let head = "  " + (label + ":").padding(toLength: 12, withPad: " ", startingAt: 0)
            for (index, value) in values.enumerated() {
                lines.append((index == 0 ? head : String(repeating: " ", count: head.count)) + clean(value))
            }
        }
        fact("file", [file])
        if let basedOn = scenario.basedOn { fact("based on", [basedOn]) }
        fact("declared", ["\(scenario.severity.label)" + (scenario.service.map { " on \($0)" } ?? "") + ", marked DRILL"])
        fact("roles", [scenario.roles.map(\.title).joined(separator: ", ")])
        fact("duration", ["\(scenario.duration.compact) at 1×" + (plan.speed == .realTime ? "" : ", \(plan.wallDuration.compact) at \(plan.speed)")])
        fact("objectives", scenario.objectives.map { "- " + $0 })
        let expectations = scenario.expectations
        fact("expects", ["\(expectations.count) action\(expectations.count == 1 ? "" : "s") for \(scenario.possiblePoints) points, "
                         + "\(expectations.filter { $0.expectation.contingency != nil }.count) with a contingency"])
        if scenario.commands.isEmpty {
            fact("commands", ["none"])
        } else {
            fact("commands", scenario.commands.map { command in
                "\(command.name): \(Self.words(command.run))" + (command.stop.map { "; stop: \(Self.words($0))" } ?? "; no stop")
            } + ["run only with drill run --allow-commands, after a yes"])
        }
        lines.append("")
        lines.append("  " + "AT".padding(toLength: 9, withPad: " ", startingAt: 0)
                     + (plan.speed == .realTime ? "" : "AT \(plan.speed)".padding(toLength: 9, withPad: " ", startingAt: 0)) + "WHAT")
        for cue in plan.cues {
            let at = DrillOffset.text(cue.offset).padding(toLength: 9, withPad: " ", startingAt: 0)
            let wall = plan.speed == .realTime ? "" : cue.wall.clock.padding(toLength: 9, withPad: " ", startingAt: 0)
            let indent = String(repeating: " ", count: 2 + at.count + wall.count)
            switch cue.what {
            case .inject(let index):
                let inject = scenario.injects[index]
                lines.append("  " + at + wall + clean(Self.wording(inject, scenario: scenario)))
            case .deadline(let index, _):
                guard let expectation = plan.expectation(for: cue) else { continue }
                let from = DrillOffset.text(scenario.injects[index].offset)
                lines.append("  " + at + wall + clean("DUE      \(expectation.role.rawValue) \(expectation.action.wording) within "
                                                      + "\(expectation.within.compact) of \(from): \(expectation.points) points"))
                if let contingency = expectation.contingency {
                    lines.append(indent + "         " + clean("missed: " + Self.wording(contingency, scenario: scenario)))
                }
            case .end:
                lines.append("  " + at + wall + "END      the drill ends")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One inject in a few words, its kind first.
    static func wording(_ inject: DrillInject, scenario: DrillScenario) -> String {
        func label(_ word: String) -> String { word.padding(toLength: 9, withPad: " ", startingAt: 0) }
        switch inject.kind {
        case .alert(let payload): return label("ALERT") + DrillGroup.alertNames(payload)
        case .symptom(let text): return label("SYMPTOM") + text
        case .stakeholderMessage(let from, let text): return label("MESSAGE") + "from \(from): \(text)"
        case .impact(let report):
            var facts: [String] = []
            if report.customerReported { facts.append("customer-reported") }
            if report.payingAccounts { facts.append("paying accounts") }
            if report.dataIntegrity { facts.append("data-integrity concern") }
            if report.securityBreach { facts.append("security breach") }
            if let share = report.usersAffectedPercent { facts.append((share.rounded() == share ? String(Int(share)) : String(share)) + "% of users") }
            if let count = report.usersAffectedCount { facts.append("\(count) users") }
            var text = label("IMPACT") + facts.joined(separator: ", ") + (report.note.map { " (\($0))" } ?? "")
            if let (level, trigger) = inject.upgrade(from: .sev4) { text += " → at least \(level.label): \(trigger.reason)" }
            return text
        case .roleLeaves(let role, let reason):
            return label("LEAVES") + "the \(role.title) leaves" + (reason.map { " (\($0))" } ?? "") + ": a handoff is needed"
        case .hypothesisWrong(let hypothesis, let evidence): return label("WRONG") + "'\(hypothesis)': \(evidence)"
        case .command(let command): return label("COMMAND") + "\(command.name): \(Self.words(command.run))"
        }
    }

    /// A command's words as typed: `/bin/sh -c LINE` as the line alone.
    static func words(_ argv: [String]) -> String {
        if argv.count == 3, argv[0] == "/bin/sh", argv[1] == "-c" { return argv[2] }
        return argv.map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}
