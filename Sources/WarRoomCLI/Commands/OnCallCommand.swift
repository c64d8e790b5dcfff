import ArgumentParser
import Foundation
import WarRoomConfig
import WarRoomCore
import WarRoomText

/// `warroom oncall …`: the on-call schedules of `oncall.yaml`.
struct OnCallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "oncall", subcommands: [OnCallWho.self, OnCallScheduleCommand.self, OnCallCheckCommand.self,
                                                                                  OnCallHealthCommand.self, OnCallPagesCommand.self, OnCallHandoffCommand.self,
                                                                                  OnCallSurveyCommand.self, OnCallRestCommand.self],
                                                    defaultSubcommand: OnCallWho.self)
}

struct OnCallOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The on-call file (default: oncall.yaml beside the config file).", valueName: "path")) var file: String?
    @Option(help: ArgumentHelp("Only this schedule (by its name).", valueName: "name")) var schedule: String?

    /// The file's schedules (the one named, with --schedule), refusing the run when the file has
    /// a mistake: each is printed with file, line and key.
    func load(environment: [String: String]) throws -> [OnCallDefinition] {
        let path = file ?? OnCallFile.defaultPath(environment: environment)
        let definitions = try UserFile.read(path, kind: "on-call", section: "on-call", refused: "nothing was read from it", OnCallFile.read)
        guard let schedule else { return definitions }
        let chosen = definitions.filter { $0.schedule.name == schedule }
        guard !chosen.isEmpty else {
            let names = definitions.map(\.schedule.name)
            throw UserFacingError("no schedule '\(schedule)' in \(path)" + Suggestion.didYouMean(schedule, among: names)
                                  + ": it has \(names.joined(separator: ", "))")
        }
        return chosen
    }

    /// A time asked about, past or future: `now`, `+3d` or `-5h` from now, or ISO 8601 (UTC
    /// without an offset, as everywhere in warroom's command line).
    static func instant(_ text: String?, option: String, now: Timestamp) throws -> Timestamp {
        guard let text = text?.trimmingCharacters(in: .whitespaces) else { return now }
        if text.lowercased() == "now" { return now }
        if let sign = text.first, sign == "+" || sign == "-", let span = OnCallFile.span(String(text.dropFirst())), span.millis > 0 {
            return sign == "+" ? now + span : now - span
        }
        if let instant = Timestamp(iso8601: text) { return instant }
        throw UserFacingError("\(option) '\(text)' is not a time: write ISO 8601 (2026-12-24T10:00:00+01:00; UTC without an offset), "
                              + "now, or from now: +3d, -5h")
    }
}

/// `warroom oncall who [--at TIME]`.
struct OnCallWho: ParsableCommand {
    static let configuration = CommandConfiguration(table: "oncall who")
    @OptionGroup var options: OnCallOptions
    @Option(help: ArgumentHelp("The instant to ask about (default: now).", valueName: "time")) var at: String?
    @OptionGroup var output: JSONFlag

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let now = try SystemClock.now(environment: environment)
        let instant = try OnCallOptions.instant(at, option: "--at", now: now)
        let definitions = try options.load(environment: environment)
        if output.json {
            print(JSONValue.array(definitions.map { Self.json($0, at: instant) }).rendered())
            return
        }
        for definition in definitions {
            let schedule = definition.schedule
            let name = Sanitizer.clean(schedule.name)
            guard let shift = schedule.shift(at: instant) else {
                print("\(name): nobody yet — the rotation starts \(OnCallCheck.local(schedule, schedule.start)) with \(Sanitizer.clean(schedule.members.first?.name ?? "nobody"))")
                continue
            }
            let people = schedule.onCall(at: instant)
            let change = Self.nextChange(schedule, shift: shift, at: instant)
            let following = schedule.onCall(at: change)
            let next = following.isEmpty ? "nobody" : following.map { Sanitizer.clean($0) }.joined(separator: " and ")
            var line = "\(name): " + (people.isEmpty ? "NOBODY (an override removed \(Sanitizer.clean(shift.person)))" : people.map { Sanitizer.clean($0) }.joined(separator: " and "))
            line += " until \(OnCallCheck.local(schedule, change)), then \(next)"
            if people != [shift.person], !people.isEmpty { line += " (override; the rotation has \(Sanitizer.clean(shift.person)))" }
            print(line)
            // Who is paged when nobody acknowledges, and when.
            if !definition.escalation.isEmpty {
                let times = OnCallCheck.escalationTimes(definition.escalation)
                print("  escalation: " + zip(definition.escalation, times).map { level, after in
                    "\(level.level) \(Sanitizer.clean(level.target))" + (after.millis == 0 ? "" : " after \(after.compact)")
                }.joined(separator: " → "))
            }
        }
    }
}

extension OnCallWho {
    /// When who is on call next changes: the turn's end, or an override beginning or ending before it.
    static func nextChange(_ schedule: OnCallSchedule, shift: OnCallSchedule.Shift, at instant: Timestamp) -> Timestamp {
        let people = schedule.onCall(at: instant)
        let changes = ([shift.end] + schedule.overrides.flatMap { [$0.from, $0.to] }.filter { $0 > instant && $0 < shift.end }).sorted()
        return changes.first { schedule.onCall(at: $0) != people } ?? shift.end
    }

    /// One schedule for scripts: who is on call, the rotation's turn, until when and who follows,
    /// and when each escalation level is paged (seconds after the page).
    static func json(_ definition: OnCallDefinition, at instant: Timestamp) -> JSONValue {
        let schedule = definition.schedule
        let shift = schedule.shift(at: instant)
        let until = shift.map { nextChange(schedule, shift: $0, at: instant) }
        let times = OnCallCheck.escalationTimes(definition.escalation)
        return .object([
            ("schedule", .string(schedule.name)), ("timeZone", .string(schedule.zone.identifier)), ("at", .string(instant.iso8601)),
            ("onCall", .array(schedule.onCall(at: instant).map { .string($0) })),
            ("rotation", .optional(shift?.person)),
            ("until", .optional(until?.iso8601)),
            ("next", .array((until.map { schedule.onCall(at: $0) } ?? []).map { .string($0) })),
            ("startsAt", .string(schedule.start.iso8601)),
            ("escalation", .array(zip(definition.escalation, times).map { level, after in
                .object([("level", .number(Int64(level.level))), ("target", .string(level.target)), ("pagedAfterSeconds", .number(after.seconds))])
            })),
        ])
    }
}

/// `warroom oncall schedule [--weeks N] [--from TIME]`.
struct OnCallScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "oncall schedule")
    @OptionGroup var options: OnCallOptions
    @Option(help: ArgumentHelp("How many weeks ahead (1-104).", valueName: "n")) var weeks = 4
    @Option(help: ArgumentHelp("From this instant (default: now).", valueName: "time")) var from: String?
    @Option(help: "text, or ics for a calendar (one event per turn, overrides apart).") var format = OnCallFormat.text

    func run() throws {
        guard (1...104).contains(weeks) else { throw UserFacingError("--weeks \(weeks) is out of range: give 1 to 104 (4 unless told)") }
        let environment = ProcessInfo.processInfo.environment
        let now = try SystemClock.now(environment: environment)
        let start = try OnCallOptions.instant(from, option: "--from", now: now)
        let end = start + .hours(24 * 7) * Int64(weeks)
        let definitions = try options.load(environment: environment)
        if format == .ics {
            let calendar = OnCallCalendar.ics(definitions.map { ($0.schedule, $0.schedule.shifts(from: start, to: end)) }, stamp: now)
            FileHandle.standardOutput.write(Data(calendar.utf8))
            return
        }
        for (index, definition) in definitions.enumerated() {
            let schedule = definition.schedule
            if index > 0 { print("") }
            print("\(Sanitizer.clean(schedule.name)) (\(schedule.rotation.rawValue), \(schedule.zone.identifier)), \(weeks) week\(weeks == 1 ? "" : "s"):")
            let shifts = schedule.shifts(from: start, to: end)
            if shifts.isEmpty { print("  nobody: the rotation starts \(OnCallCheck.local(schedule, schedule.start))") }
            // A daily or hourly rotation over weeks is long: at most 200 rows.
            for shift in shifts.prefix(200) {
                print("  \(OnCallCheck.wallClock(schedule, shift.start)) → \(OnCallCheck.wallClock(schedule, shift.end))  \(Sanitizer.clean(shift.person))")
            }
            if shifts.count > 200 { print("  … \(shifts.count - 200) more turns: ask for fewer --weeks") }
            for override in schedule.overrides where override.to > start && override.from < end {
                let span = "\(OnCallCheck.local(schedule, override.from)) → \(OnCallCheck.local(schedule, override.to))"
                switch override.action {
                case .add(let person): print("  override \(span): \(Sanitizer.clean(person)) on call too")
                case .remove(let person): print("  override \(span): \(Sanitizer.clean(person)) off")
                case .replace(let person, let other): print("  override \(span): \(Sanitizer.clean(other)) instead of \(Sanitizer.clean(person))")
                }
            }
        }
    }
}

/// `warroom oncall check [--weeks N] [--from TIME]`: exit 1 when a rule is broken.
struct OnCallCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "oncall check")
    @OptionGroup var options: OnCallOptions
    @Option(help: ArgumentHelp("How many weeks ahead to check (1-520).", valueName: "n")) var weeks = 12
    @Option(help: ArgumentHelp("From this instant (default: now).", valueName: "time")) var from: String?

    func run() throws {
        guard (1...520).contains(weeks) else { throw UserFacingError("--weeks \(weeks) is out of range: give 1 to 520 (12 unless told)") }
        let environment = ProcessInfo.processInfo.environment
        let now = try SystemClock.now(environment: environment)
        let start = try OnCallOptions.instant(from, option: "--from", now: now)
        var broken = 0
        // The policy's SEV1 root-cause deadline, as the config file may set it, bounds the escalation.
        let total = Config.load(environment: environment).config.policy.rule(for: .sev1).rootCauseDeadline
        for definition in try options.load(environment: environment) {
            var rules = definition.rules
            rules.escalationTotal = total
            let problems = OnCallCheck.problems(definition.schedule, rules: rules, escalation: definition.escalation,
                                                from: start, to: start + .hours(24 * 7) * Int64(weeks))
            let name = Sanitizer.clean(definition.schedule.name)
            if problems.isEmpty {
                print("\(name): keeps every rule over the next \(weeks) week\(weeks == 1 ? "" : "s")")
            }
            for problem in problems { print("\(name): \(Sanitizer.clean(problem.message))") }
            broken += problems.count
        }
        if broken > 0 { throw ExitCode(1) }
    }
}

enum OnCallFormat: String, FormatArgument {
    case text, ics
}
