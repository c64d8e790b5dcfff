import ArgumentParser
import Foundation
import WarRoomAlerts
import WarRoomConfig
import WarRoomCore
import WarRoomStore
import WarRoomScreen
import WarRoomText

/// `warroom oncall health [--since TIME] [--until TIME]`: pages per engineer and per turn against
/// the method's line, when they landed, how fast they were acknowledged, weeks in a row on call,
/// after-hours incident time, rest owed after a long SEV1, and the survey's average.
struct OnCallHealthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "oncall health")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: OnCallOptions
    @Option(help: ArgumentHelp("From this instant (default: a quarter ago, -13w).", valueName: "time")) var since: String?
    @Option(help: ArgumentHelp("Up to this instant (default: now).", valueName: "time")) var until: String?
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try Session(global)
        let now = session.now
        let from = try OnCallOptions.instant(since ?? "-13w", option: "--since", now: now)
        let to = try OnCallOptions.instant(until, option: "--until", now: now)
        guard from < to else { throw UserFacingError("--since \(from.iso8601) is not before --until \(to.iso8601): nothing to report") }
        let definitions = try options.load(environment: session.environment)
        let roster = OnCallRoster(definitions.map { ($0.schedule, $0.escalation) }, version: "")
        let records = try OnCallRecords.read(session.store, roster: roster)
        for damage in records.damaged { session.warn("\(damage.id) is left out: \(damage.problem)") }
        let health = OnCallHealth(schedules: definitions.map(\.schedule), rules: definitions.first?.health ?? OnCallHealthRules(),
                                  pages: records.pages, incidents: records.incidents, rested: records.rested,
                                  survey: records.survey.filter { $0.at >= from && $0.at <= to }.map(\.score),
                                  from: from, to: to, zoneOf: OnCallOptions.zones(definitions))
        if output.json {
            print(Self.json(health).rendered())
        } else {
            print(Self.text(health), terminator: "")
        }
    }

    static func text(_ health: OnCallHealth) -> String {
        let days = (health.to - health.from).millis / 86_400_000
        var out = "On-call health, \(health.from.dateOnly) → \(health.to.dateOnly) (\(days) day\(days == 1 ? "" : "s")); the line: "
            + "at most \(health.rules.pagesPerWeek) pages an engineer a week\n"
        let people = health.people
        if people.isEmpty {
            out += "\nNo pages and nobody on call in this span.\n"
        } else {
            let header = ["Engineer", "Pages", "Worst week", "Business", "Off", "Sleep", "Ack p50", "Unacked", "Weeks in a row", "After hours", "Zone"]
            let rows = people.map { person -> [String] in
                let worst = person.weeks.max { ($0.value, $1.key) < ($1.value, $0.key) }
                return [Sanitizer.clean(person.name), "\(person.pages)",
                        worst.map { "\($0.value) (\($0.key.dateOnly))" + ($0.value > health.rules.pagesPerWeek ? " !" : "") } ?? "-",
                        "\(person.hours[.business] ?? 0)", "\(person.hours[.off] ?? 0)", "\(person.hours[.sleep] ?? 0)",
                        person.medianAcknowledge.map { TimeSpan.seconds($0.seconds).compact } ?? "-", "\(person.unacknowledged)",
                        "\(person.consecutiveWeeks)", person.afterHours.millis == 0 ? "-" : TimeSpan.seconds(person.afterHours.seconds / 60 * 60).compact,
                        person.zone]
            }
            out += "\n" + Self.table([header] + rows, left: [0, 2, 10])
            out += "Business 08:00–18:00 Mon–Fri, off 18:00–22:00 and weekends, sleep 22:00–08:00, each in the engineer's time zone; "
                + "after hours: incident time outside business hours, for the incidents they responded to.\n"
        }
        let busiest = health.turns.max { ($0.pages, $1.start) < ($1.pages, $0.start) }
        out += "\nTurns: \(health.turns.count)"
        if let busiest, busiest.pages > 0 {
            out += "; the busiest: \(Sanitizer.clean(busiest.person)) on \(Sanitizer.clean(busiest.schedule)) from \(busiest.start.dateOnly), \(busiest.pages) page\(busiest.pages == 1 ? "" : "s")"
            let average = Double(health.turns.map(\.pages).reduce(0, +)) / Double(max(1, health.turns.count))
            out += "; \(OnCallHealth.oneDecimal(average)) pages a turn on average"
        }
        out += "\n"
        if health.rules.restAfterLongSEV1 {
            out += "\nRest after a SEV1 of \(health.rules.longSEV1.compact) or more (\(health.rules.rest.compact) each responder): "
            if health.restOwed.isEmpty { out += "none owed\n" } else {
                out += "\(health.restOwed.count) owed\n"
                for rest in health.restOwed {
                    out += "  \(Sanitizer.clean(rest.person)) after \(rest.incident) (ended \(rest.since.iso8601)): "
                        + "warroom oncall rest \(Sanitizer.clean(rest.person)) --incident \(rest.incident) records it taken\n"
                }
            }
        }
        out += "\nSurvey: " + (health.surveyAverage.map {
            "\(OnCallHealth.oneDecimal($0)) out of 5 from \(health.survey.count) answer\(health.survey.count == 1 ? "" : "s") (the method's target: above 4)"
        } ?? "no answers in this span (warroom oncall survey --score 1..5 records one)") + "\n"
        out += "\n" + (health.alerts.isEmpty ? "Within the method's line.\n"
            : "Over the method's line (\(health.alerts.count)):\n" + health.alerts.map { "  ! \(Sanitizer.clean($0))\n" }.joined())
        return out
    }

    /// Columns padded to their widest cell: the `left` ones left-aligned, the figures right.
    static func table(_ rows: [[String]], left: Set<Int>) -> String {
        guard let first = rows.first else { return "" }
        let widths = first.indices.map { column in rows.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, widths[column] - DisplayWidth.of(cell)))
                return left.contains(column) ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }.joined()
    }

    static func json(_ health: OnCallHealth) -> JSONValue {
        .object([
            ("from", .string(health.from.iso8601)), ("to", .string(health.to.iso8601)),
            ("pagesPerWeekLine", .number(Int64(health.rules.pagesPerWeek))),
            ("engineers", .array(health.people.map { person in
                .object([
                    ("name", .string(person.name)), ("timeZone", .string(person.zone)), ("pages", .number(Int64(person.pages))),
                    ("weeks", .array(person.weeks.sorted { $0.key < $1.key }.map {
                        .object([("week", .string($0.key.dateOnly)), ("pages", .number(Int64($0.value)))])
                    })),
                    ("business", .number(Int64(person.hours[.business] ?? 0))), ("off", .number(Int64(person.hours[.off] ?? 0))),
                    ("sleep", .number(Int64(person.hours[.sleep] ?? 0))),
                    ("acknowledgeSecondsMedian", person.medianAcknowledge.map { .number($0.seconds) } ?? .null),
                    ("unacknowledged", .number(Int64(person.unacknowledged))),
                    ("consecutiveWeeks", .number(Int64(person.consecutiveWeeks))),
                    ("afterHoursSeconds", .number(person.afterHours.seconds)),
                ])
            })),
            ("turns", .array(health.turns.map {
                .object([("schedule", .string($0.schedule)), ("person", .string($0.person)), ("start", .string($0.start.iso8601)),
                         ("end", .string($0.end.iso8601)), ("pages", .number(Int64($0.pages)))])
            })),
            ("restOwed", .array(health.restOwed.map {
                .object([("person", .string($0.person)), ("incident", .string($0.incident)), ("since", .string($0.since.iso8601)),
                         ("restSeconds", .number($0.length.seconds))])
            })),
            ("survey", .object([("answers", .number(Int64(health.survey.count))),
                                ("average", health.surveyAverage.map { .double($0) } ?? .null)])),
            ("alerts", .array(health.alerts.map { .string($0) })),
        ])
    }
}

extension OnCallOptions {
    /// Each person's time zone: their own (`time_zone`), else their first schedule's; UTC for
    /// someone no schedule names (an imported page's person).
    static func zones(_ definitions: [OnCallDefinition]) -> (String) -> any ZoneRules {
        var zones: [String: any ZoneRules] = [:]
        for definition in definitions.reversed() {
            let schedule = definition.schedule
            for member in schedule.members {
                zones[member.name] = member.timeZone.flatMap { SystemZone($0) } ?? schedule.zone
            }
            for person in schedule.overrides.compactMap(\.incoming) where zones[person] == nil { zones[person] = schedule.zone }
        }
        return { zones[$0] ?? FixedZone() }
    }
}

/// `warroom oncall survey --score 1..5 [--comment TEXT]`: one answer to the quarterly survey.
struct OnCallSurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "oncall survey")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("How on call feels, 1 (unbearable) to 5 (fine).", valueName: "1..5")) var score: Int
    @Option(help: ArgumentHelp("What would make it better.", valueName: "text")) var comment: String?

    func run() throws {
        guard (1...5).contains(score) else { throw UserFacingError("--score \(score) is not on the survey's scale: give 1 to 5; nothing was recorded") }
        let session = try Session(global)
        let answer = SurveyAnswer(score: score, comment: comment?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty)
        try session.appendReadiness(.survey(answer), id: UUID())
        print("Recorded a survey answer of \(score) out of 5; warroom oncall health shows the quarter's average")
    }
}

/// `warroom oncall rest PERSON --incident INC`: the rest a long SEV1 owed was taken.
struct OnCallRestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "oncall rest")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Who took the rest.") var person: String

    func run() throws {
        let session = try Session(global)
        guard let name = person.trimmingCharacters(in: .whitespaces).nilIfEmpty else { throw UserFacingError("name who took the rest") }
        guard let typed = global.incident else {
            throw UserFacingError("--incident INC names the SEV1 whose rest \(name) took (warroom oncall health lists what is owed)")
        }
        let id = try session.resolveIncident(typed)
        let (state, _) = try session.load(id)
        let people = Set(state.roleHistory.map(\.person) + state.pages.compactMap { $0.acknowledged?.person })
        guard people.contains(name) else {
            throw UserFacingError("\(Sanitizer.clean(name)) did not respond to \(id)" + Suggestion.didYouMean(name, among: Array(people))
                                  + (people.isEmpty ? "" : ": its responders are \(people.sorted().map { Sanitizer.clean($0) }.joined(separator: ", "))")
                                  + "; nothing was recorded")
        }
        try session.appendReadiness(.rest(RestTaken(person: name, incident: id)), id: UUID())
        print("Recorded: \(Sanitizer.clean(name)) took the rest \(id) owed")
    }
}

extension Session {
    /// Appends one readiness fact to the store's inbox, at now, by the session's author; false
    /// when its id was stored already.
    @discardableResult
    func appendReadiness(_ payload: InboxPayload, id: UUID, at: Timestamp? = nil) throws -> Bool {
        let written = try store.appendInbox(knownSequence: 0) { _ in
            [InboxEvent(id: id, at: at ?? now, recordedAt: now, author: author, payload: payload)]
        }.written
        return written == 1
    }
}

extension String {
    /// Nil when empty.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// `warroom oncall pages import FILE`: a pager's export, for on-call health.
struct OnCallPagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "oncall pages", subcommands: [OnCallPagesImport.self])
}

struct OnCallPagesImport: ParsableCommand {
    static let configuration = CommandConfiguration(table: "oncall pages import")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The export: CSV (PagerDuty's or Opsgenie's incidents) or JSON.") var file: String
    @Option(help: ArgumentHelp("The pager's name, kept with each page (default: the file's name).", valueName: "name")) var source: String?

    func run() throws {
        let session = try Session(global)
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw UserFacingError("\(file) cannot be read (\(error.localizedDescription)); nothing was imported")
        }
        let name = source ?? (file as NSString).lastPathComponent
        let (rows, problems) = PagerExport.parse(text, file: file, source: name)
        if !problems.isEmpty {
            for problem in problems.prefix(20) { session.warn(Sanitizer.clean(problem.description)) }
            if problems.count > 20 { session.warn("… and \(problems.count - 20) more") }
            throw UserFacingError("\(problems.count) row\(problems.count == 1 ? "" : "s") of \(file) cannot be read; nothing was imported "
                                  + "(fix them, or remove them, and import again: rows already imported are recognised)")
        }
        guard !rows.isEmpty else { throw UserFacingError("\(file) holds no pages; nothing was imported") }
        let now = session.now
        let late = rows.filter { $0.at > now }
        if let first = late.first {
            throw UserFacingError("\(file):\(first.line): sent at \(first.at.iso8601), after now: \(late.count) row\(late.count == 1 ? "" : "s") "
                                  + "from the future (a wrong offset?); nothing was imported")
        }
        let written = try session.store.appendInbox(knownSequence: 0) { _ in
            rows.map { row in
                InboxEvent(id: Self.id(source: name, externalID: row.page.externalID), at: row.at, recordedAt: now, author: session.author,
                           payload: .page(row.page))
            }
        }.written
        let skipped = rows.count - written
        print("Imported \(written) page\(written == 1 ? "" : "s") from \(Sanitizer.clean(name))"
              + (skipped > 0 ? " (\(skipped) already imported, skipped)" : "") + "; warroom oncall health counts them")
    }

    /// The same page of the same pager has one id, so importing an export twice adds nothing.
    static func id(source: String, externalID: String) -> UUID {
        DedupKey.uuid(["warroom pager import", source, externalID])
    }
}

/// `warroom oncall handoff [--at TIME]`: the outgoing turn's summary for the incoming person —
/// incidents and their state, pages, open action items the outgoing person owns, and what is
/// still owed.
struct OnCallHandoffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "oncall handoff")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: OnCallOptions
    @Option(help: ArgumentHelp("The moment of the handoff (default: now): the turn running then is the outgoing one.", valueName: "time")) var at: String?

    func run() throws {
        let session = try Session(global)
        let instant = try OnCallOptions.instant(at, option: "--at", now: session.now)
        let definitions = try options.load(environment: session.environment)
        let roster = OnCallRoster(definitions.map { ($0.schedule, $0.escalation) }, version: "")
        let reading = try IncidentSummaries.read(session.store)
        let records = try OnCallRecords.read(session.store, roster: roster)
        let rules = definitions.first?.health ?? OnCallHealthRules()
        for (index, definition) in definitions.enumerated() {
            if index > 0 { print("") }
            let schedule = definition.schedule
            guard let shift = schedule.shift(at: instant) else {
                print("\(Sanitizer.clean(schedule.name)): no turn at \(instant.iso8601): the rotation starts \(OnCallCheck.local(schedule, schedule.start))")
                continue
            }
            let outgoing = schedule.onCall(at: instant).first ?? shift.person
            let incoming = schedule.onCall(at: shift.end).first ?? "nobody"
            print("Handoff on \(Sanitizer.clean(schedule.name)): \(Sanitizer.clean(outgoing)) → \(Sanitizer.clean(incoming)) at \(OnCallCheck.local(schedule, shift.end))")
            print("Turn: \(OnCallCheck.wallClock(schedule, shift.start)) → \(OnCallCheck.wallClock(schedule, shift.end)) (\(schedule.zone.identifier))")
            try summarize(session: session, summaries: reading.summaries.filter { !$0.isDrill }, records: records, rules: rules,
                          person: outgoing, from: shift.start, to: instant)
        }
    }

    /// The runbooks opened or linked in `state` during the turn, one line each: `checkout-rollback
    /// (INC-1, first 2026-12-08T11:05:00Z): opened by alice, bob; last tested 2026-11-20`.
    static func runbooksUsed(_ state: IncidentState, from: Timestamp, to: Timestamp) -> [String] {
        state.runbooks.compactMap { record in
            let marks = (record.linked.map { [$0] } ?? []) + record.openings
            let during = marks.filter { $0.at >= from && $0.at < to }
            guard let first = during.min(by: { $0.at < $1.at }) else { return nil }
            var people: [String] = []
            for mark in record.openings where mark.at >= from && mark.at < to && !people.contains(mark.person) { people.append(mark.person) }
            let tested = marks.compactMap(\.lastTested).max().map { "last tested \($0.dateOnly)" } ?? "never tested"
            let how = (people.isEmpty ? "" : "opened by " + people.joined(separator: ", ") + "; ")
                + (record.linked.map { "linked by \($0.person); " } ?? "")
            return Sanitizer.clean("\(record.name) (\(state.id), first \(first.at.iso8601)): \(how)\(tested)")
        }
    }

    private func summarize(session: Session, summaries: [IncidentSummary], records: OnCallRecords, rules: OnCallHealthRules,
                           person: String, from: Timestamp, to: Timestamp) throws {
        let during = summaries.filter { $0.declaredAt < to && ($0.resolvedAt ?? to) >= from }.sorted { $0.declaredAt < $1.declaredAt }
        print("\nIncidents during the turn (\(during.count)):" + (during.isEmpty ? " none" : ""))
        var owed: [String] = []
        var runbooks: [String] = []
        for summary in during {
            let open = summary.status.isActive
            print("  \(summary.id) \(summary.severity.label) \(summary.status.rawValue)  \(Sanitizer.clean(summary.title))"
                  + (summary.service.map { " [\(Sanitizer.clean($0))]" } ?? "") + "  declared \(summary.declaredAt.iso8601)"
                  + (open ? "  ← still open: the incoming person takes it over" : ""))
            let (state, _) = try session.load(summary.id)
            runbooks += Self.runbooksUsed(state, from: from, to: to)
            guard open else { continue }
            for alert in state.alerts(policy: session.policy, now: session.now) where alert.level <= .warning {
                owed.append("\(summary.id): \(Sanitizer.clean(alert.message))")
            }
        }
        print("\nRunbooks used (\(runbooks.count))" + (runbooks.isEmpty ? ": none" : ":"))
        for line in runbooks { print("  \(line)") }
        let pages = records.pages.filter { $0.person == person && $0.at >= from && $0.at < to }
        let acknowledged = pages.compactMap { page in page.acknowledgedAt.map { $0 - page.at } }.sorted()
        print("\nPages to \(Sanitizer.clean(person)) (\(pages.count))" + (pages.isEmpty ? ": none" : ": \(acknowledged.count) acknowledged"
            + (acknowledged.isEmpty ? "" : " (median \(TimeSpan.seconds(acknowledged[(acknowledged.count - 1) / 2].seconds).compact))")
            + (pages.count > acknowledged.count ? ", \(pages.count - acknowledged.count) not" : "")))
        for page in pages.suffix(10) {
            print("  \(page.at.iso8601) \(page.source.rawValue)" + (page.incident.map { " \($0)" } ?? "")
                  + (page.acknowledgedAt.map { ", acknowledged after \(TimeSpan.seconds(($0 - page.at).seconds).compact)" } ?? ", not acknowledged"))
        }
        let items = summaries.flatMap { summary in summary.actionItems.filter { $0.isOpen && $0.owner == person }.map { (summary.id, $0) } }
        print("\nOpen action items \(Sanitizer.clean(person)) owns (\(items.count))" + (items.isEmpty ? ": none" : ":"))
        for (id, item) in items.sorted(by: { $0.1.due < $1.1.due }) {
            print("  \(id) #\(item.number) (\(item.priority.rawValue), due \(item.due.dateOnly)): \(Sanitizer.clean(item.text))")
        }
        let rest = OnCallHealth.restOwed(incidents: records.incidents, rules: rules, rested: records.rested, from: from - .hours(24 * 14), to: to)
            .filter { $0.person == person }
        owed += rest.map { "\(Sanitizer.clean($0.person)) is owed \($0.length.compact) of rest after \($0.incident)" }
        print("\nStill owed" + (owed.isEmpty ? ": nothing" : " (\(owed.count)):"))
        for line in owed { print("  \(line)") }
    }
}
