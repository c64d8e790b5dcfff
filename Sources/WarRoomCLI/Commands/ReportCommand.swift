import ArgumentParser
import Foundation
import WarRoomApp
import WarRoomCore
import WarRoomReports
import WarRoomTerminal
import WarRoomText

/// `warroom report`: trends across every incident of the store, and the method's scorecard.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "report")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Incidents declared on or after this day (YYYY-MM-DD, UTC).", valueName: "date")) var since: String?
    @Option(help: ArgumentHelp("Incidents declared before this day (YYYY-MM-DD, UTC).", valueName: "date")) var until: String?
    @Option(help: ArgumentHelp("One calendar quarter, UTC: 2026Q4 (compares time to resolve with the quarter before).",
                               valueName: "quarter")) var quarter: String?
    @Option(help: ArgumentHelp("Only this service (any case; repeat for several).", valueName: "name")) var service: [String] = []
    @Option(help: ArgumentHelp("Only these levels, as incidents stand now: SEV1,SEV2.", valueName: "levels")) var severity: String?
    @Option(help: "How to print it.") var format = ReportFormat.text
    @Flag(help: "Sparklines in braille, two months a character (text reports in a UTF-8 locale).") var braille = false
    @Flag(help: "Show the text report full screen (the war room's themes; ↑/↓, PgUp/PgDn scroll, q quits).") var screen = false
    @Option(help: ArgumentHelp("Theme of --screen: dark, light, high-contrast, monochrome, or a user theme.", valueName: "name"))
    var theme: String?

    func validate() throws {
        if screen, format != .text { throw ValidationError("--screen shows the text report: leave out --format \(format.rawValue)") }
        if theme != nil, !screen { throw ValidationError("--theme is for --screen") }
        if braille, format != .text { throw ValidationError("--braille is for the text report: leave out --format \(format.rawValue)") }
    }
    @Option(help: ArgumentHelp("The SLO file for the error-budget score (default: slo.yaml beside the config file, if any).",
                               valueName: "path")) var sloFile: String?

    func run() throws {
        let session = try Session(global, readOnly: true)
        var filter = ReportFilter(services: service.map { String($0.trimmingSpaces) }.filter { !$0.isEmpty },
                                  severities: try Self.levels(severity))
        var period: String?
        var previous: ReportFilter?
        var previousName: String?
        if let quarter {
            guard since == nil, until == nil else { throw UserFacingError(ReportError.periodConflict.description) }
            let named: Quarter
            do { named = try Quarter.parse(quarter) } catch { throw UserFacingError(error.description) }
            filter.since = named.start
            filter.until = named.end
            period = "\(named) (declared \(named.start.dateOnly) to \((named.end - .minutes(1)).dateOnly))"
            var before = filter
            before.since = named.previous.start
            before.until = named.previous.end
            previous = before
            previousName = named.previous.description
        } else {
            do {
                filter.since = try since.map { try TimeExpression.date($0, now: session.now) }
                filter.until = try until.map { try TimeExpression.date($0, now: session.now) }
            } catch { throw UserFacingError("\(error) (--since and --until take a day: 2026-10-01)") }
            if let from = filter.since, let to = filter.until, from >= to {
                throw UserFacingError(ReportError.emptyPeriod(since: from, until: to).description)
            }
        }
        let all = try session.allSummaries()
        // The alert audit needs the proposal inbox; a store that will not show it (a role granted
        // before it existed) still gets the rest of the report, and is told.
        var inbox: ProposalInbox?
        do { inbox = try session.store.proposalInbox().inbox } catch {
            try? FileHandle.standardError.write(contentsOf: Data(
                "warroom: the proposal inbox cannot be read (\(Sanitizer.clean("\(error)"))): the report has no alert audit\n".utf8))
        }
        let previousIncidents = previous.map { before in all.filter(before.includes) }
        let slos = try SLOCommand.tolerant(sloFile, environment: ProcessInfo.processInfo.environment,
                                           leftOut: "the report's error-budget score leaves that service out")
        let trends = IncidentTrends(all, filter: filter, now: session.now, previous: previousIncidents, inbox: inbox, slos: slos)
        // With --quarter, the quarterly review: what changed, overdue action items, the factors.
        let review = previousIncidents.map { QuarterlyReview(trends, previous: $0, now: session.now) }
        switch format {
        case .text:
            let environment = ProcessInfo.processInfo.environment
            let unicode = Self.utf8Locale(environment)
            if braille, !unicode {
                try? FileHandle.standardError.write(contentsOf: Data(
                    "warroom: --braille needs a UTF-8 locale and this one is not (try LANG=C.UTF-8): the charts are in plain ASCII\n".utf8))
            }
            var text = TrendsDocument.text(trends, period: period, unicode: unicode, braille: braille)
            if let review, let previousName { text += "\n" + review.text(previousPeriod: previousName) }
            guard screen else { return print(Sanitizer.clean(text, newlines: .keep), terminator: "") }
            try Terminal.preflight(environment: environment)
            let (theme, noColor, _) = WarRoomLauncher.theme(session: session, requested: self.theme, environment: environment)
            let title = "warroom report · " + (period ?? TrendsDocument.scope(trends, period: nil))
            if case .signal(let number) = try ReportScreenRuntime(text: text, title: title, theme: theme, noColor: noColor).run() {
                Terminal.endProcess(bySignal: number)
            }
        case .markdown:
            var text = TrendsDocument.markdown(trends, period: period)
            if let review, let previousName { text += "\n" + review.markdown(previousPeriod: previousName) }
            print(text, terminator: "")
        case .csv: print(TrendsDocument.csv(trends), terminator: "")
        case .json: print(ReportJSON.render(trends, period: period).rendered())
        }
    }

    /// Whether the locale that applies (LC_ALL, else LC_CTYPE, else LANG) is UTF-8: charts then
    /// use block elements, else plain ASCII.
    static func utf8Locale(_ environment: [String: String]) -> Bool {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    /// `SEV1,SEV2`, `1,2` or `sev1 sev2`; refused naming the word that is not a level.
    static func levels(_ text: String?) throws -> Set<Severity> {
        guard let text else { return [] }
        var levels: Set<Severity> = []
        for word in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            do { levels.insert(try Severity.parse(String(word))) } catch { throw UserFacingError("--severity: \(error)") }
        }
        guard !levels.isEmpty else { throw UserFacingError("--severity needs at least one level: SEV1,SEV2") }
        return levels
    }
}

/// `report --format text|markdown|csv|json`.
enum ReportFormat: String, FormatArgument {
    case text, markdown, csv, json
}

/// The report as JSON: durations in seconds, each metric with the clocks it measures between.
enum ReportJSON {
    static func render(_ trends: IncidentTrends, period: String?) -> JSONValue {
        func seconds(_ span: TimeSpan?) -> JSONValue { span.map { .number($0.seconds) } ?? .null }
        return .object([
            ("scope", .string(TrendsDocument.scope(trends, period: period))),
            ("generatedAt", .string(trends.generatedAt.iso8601)),
            ("since", .optional(trends.filter.since?.iso8601)),
            ("until", .optional(trends.filter.until?.iso8601)),
            ("incidents", .array(trends.incidents.map { .string($0.id) })),
            ("bySeverity", .object(trends.bySeverity.map { ($0.0.label, .number(Int64($0.1))) })),
            ("byService", .object(trends.byService.map { ($0.0, .number(Int64($0.1))) })),
            ("byMonth", .object(trends.byMonth.map { ($0.0, .number(Int64($0.1))) })),
            ("metrics", .array(trends.metrics.map { metric in
                let d = metric.distribution
                return .object([("name", .string(metric.name)), ("between", .string(metric.clocks)), ("n", .number(Int64(d.count))),
                                ("p50Seconds", seconds(d.p50)), ("medianLowSeconds", seconds(d.medianInterval?.lowerBound)),
                                ("medianHighSeconds", seconds(d.medianInterval?.upperBound)), ("p90Seconds", seconds(d.p90)),
                                ("maxSeconds", seconds(d.max))])
            })),
            ("alerts", trends.alerts.map { audit in
                .object([("alertsIntoIncidents", .number(Int64(audit.alertsIntoIncidents))),
                         ("incidentsWithAlerts", .number(Int64(audit.incidentsWithAlerts))),
                         ("incidentsDetectedByAlert", .number(Int64(audit.incidentsDetectedByAlert))),
                         ("proposalsAccepted", .number(Int64(audit.proposalsAccepted))),
                         ("proposalsDismissed", .number(Int64(audit.proposalsDismissed))),
                         ("proposalsWaiting", .number(Int64(audit.proposalsWaiting))),
                         ("alertsDismissed", .number(Int64(audit.alertsDismissed))),
                         ("noisiest", .array(audit.noisiest.map { noise in
                             .object([("alert", .string(noise.alert)), ("service", .optional(noise.service)),
                                      ("dismissed", .number(Int64(noise.dismissed))), ("fired", .number(Int64(noise.fired)))])
                         }))])
            } ?? .null),
            ("slos", trends.slos.map { .array($0.map(SLOText.json)) } ?? .null),
            ("repeats", .array(trends.repeats.flatMap { id, matches in
                matches.map { match in
                    let start = trends.incidents.first { $0.id == id }?.declaredAt ?? trends.generatedAt
                    return .object([("incident", .string(id)), ("repeats", RepeatText.json(match, start: start))])
                }
            })),
            ("scorecard", .array(trends.scorecard.map { score in
                .object([("name", .string(score.name)), ("target", .string(score.target)), ("value", .string(score.value)),
                         ("verdict", .string(score.verdict.rawValue))])
            })),
        ])
    }
}
