import ArgumentParser
import Foundation
import WarRoomConfig
import WarRoomCore
import WarRoomStore
import WarRoomText

/// `warroom runbook …`: the team's runbook folder, each runbook's facts and body, and the
/// method's rules for them.
struct RunbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "runbook", subcommands: [RunbookList.self, RunbookShow.self, RunbookCheckCommand.self, RunbookTested.self],
                                                    defaultSubcommand: RunbookList.self)
}

struct RunbookOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The runbook folder (default: runbooks = \"PATH\" in the config file).", valueName: "path")) var dir: String?

    /// The folder and what it holds. `sayConfig`: whether to say the config file's mistakes (a
    /// command that opens a session has them said by it).
    func load(environment: [String: String], sayConfig: Bool) throws -> (folder: String, reading: RunbookFolder.Reading) {
        let config = Config.load(environment: environment)
        if sayConfig { for problem in config.diagnostics { warn("config: " + problem.description) } }
        let configFile = Config.paths(environment: environment).config
        let folder: String
        let from: String
        if let dir {
            guard !dir.isEmpty else { throw UserFacingError("--dir needs a path (it was given an empty one)") }
            folder = dir
            from = ""
        } else if let configured = config.config.runbooks {
            folder = configured
            from = " (runbooks in \(configFile))"
        } else {
            throw UserFacingError("no runbook folder: name it with --dir PATH, or write runbooks = \"PATH\" in \(configFile) "
                                  + "(see the README's runbooks section)")
        }
        guard let reading = RunbookFolder.read(folder) else {
            throw UserFile.missing("runbook folder", at: folder + from, section: "runbooks", option: "--dir PATH")
        }
        return (folder, reading)
    }

    /// The day of the last test, how long ago, and whether that is stale, as the list says it:
    /// `2026-09-14 (75 days ago)`, `2026-05-02 (210 days ago) STALE`, `never STALE`.
    static func tested(_ runbook: Runbook, now: Timestamp) -> String {
        guard let date = runbook.facts.lastTested?.dateOnly, let ago = runbook.testedAgo(now: now) else { return "never STALE" }
        return "\(date) (\(ago))" + (runbook.isStale(now: now) ? " STALE" : "")
    }

    /// A runbook's facts for scripts.
    static func facts(_ runbook: Runbook, now: Timestamp) -> [(String, JSONValue)] {
        let facts = runbook.facts
        return [
            ("name", .string(runbook.name)), ("file", .string(runbook.file)), ("title", .optional(runbook.title)),
            ("service", .optional(facts.service)), ("owner", .optional(facts.owner)),
            ("alerts", .array(facts.alerts.map(JSONValue.string))), ("dashboards", .array(facts.dashboards.map(JSONValue.string))),
            ("lastTested", .optional(facts.lastTestedText)), ("testedBy", .optional(facts.testedBy)),
            ("daysSinceTested", runbook.daysSinceTested(now: now).map(JSONValue.number) ?? .null),
            ("stale", .bool(runbook.isStale(now: now))), ("hasFrontMatter", .bool(runbook.hasFrontMatter)),
            ("hasMitigation", .bool(runbook.hasMitigation)),
        ]
    }
}

/// `warroom runbook list`: a row per runbook.
struct RunbookList: ParsableCommand {
    static let configuration = CommandConfiguration(table: "runbook list")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: RunbookOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let now = try SystemClock.now(environment: environment)
        let (folder, reading) = try options.loadTested(global, environment: environment)
        let runbooks = reading.library.runbooks
        UserFile.say(reading.problems)
        if output.json {
            print(JSONValue.array(runbooks.map { .object(RunbookOptions.facts($0, now: now)) }).rendered())
            return
        }
        guard !runbooks.isEmpty else {
            print("no runbooks in \(Sanitizer.clean(folder)): write NAME.md files there (see the README's runbooks section)")
            return
        }
        var rows = [["NAME", "SERVICE", "OWNER", "LAST TESTED", "ALERTS"]]
        for runbook in runbooks {
            rows.append([runbook.name, runbook.facts.service ?? "-", runbook.facts.owner ?? "-", RunbookOptions.tested(runbook, now: now),
                         String(runbook.facts.alerts.count)].map { Sanitizer.clean($0) })
        }
        print(TextTable.render(rows))
        let stale = runbooks.filter { $0.isStale(now: now) }.count
        var footer = "\(RunbookCheck.count(runbooks.count, "runbook")) in \(Sanitizer.clean(folder))"
        if stale > 0 { footer += "; \(stale) STALE (never tested, or more than \(Runbook.quarterDays) days ago): warroom runbook check says what to do" }
        if !reading.problems.isEmpty { footer += "; \(RunbookCheck.count(reading.problems.count, "mistake")) in the files (above)" }
        print(footer)
    }
}

/// `warroom runbook show NAME`: the facts, then the body.
struct RunbookShow: ParsableCommand {
    static let configuration = CommandConfiguration(table: "runbook show")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: RunbookOptions
    @Argument(help: ArgumentHelp("The runbook: its file name without .md.", valueName: "name")) var name: String
    @OptionGroup var output: JSONFlag

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let now = try SystemClock.now(environment: environment)
        let (folder, reading) = try options.loadTested(global, environment: environment)
        let library = reading.library
        let typed = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        guard let runbook = library.named(typed) else {
            let place = Sanitizer.clean(folder)
            guard !library.runbooks.isEmpty else { throw UserFacingError("no runbook '\(Sanitizer.clean(typed))': \(place) holds none") }
            throw UserFacingError("no runbook '\(Sanitizer.clean(typed))' in \(place)" + Suggestion.didYouMean(typed, among: library.names)
                                  + ": warroom runbook list shows them all")
        }
        UserFile.say(reading.problems.filter { $0.file == runbook.file })
        if output.json {
            print(JSONValue.object(RunbookOptions.facts(runbook, now: now) + [
                ("sections", .array(runbook.sections.map { section in
                    .object([("title", .string(section.title)), ("level", .number(Int64(section.level))), ("line", .number(Int64(section.line))),
                             ("text", .string(section.text))])
                })),
                ("codeBlocks", .array(runbook.codeBlocks.map { block in
                    .object([("language", .optional(block.language)), ("section", .string(block.section)), ("line", .number(Int64(block.line))),
                             ("text", .string(block.text))])
                })),
            ]).rendered())
            return
        }
        print(Self.page(runbook, now: now), terminator: "")
    }

    /// The facts a responder needs first, then the body as written, every text made inert.
    static func page(_ runbook: Runbook, now: Timestamp) -> String {
        let facts = runbook.facts
        func clean(_ text: String) -> String { Sanitizer.clean(text) }
        var lines = [clean(runbook.name) + (runbook.title.map { " — " + clean($0) } ?? "")]
        func fact(_ label: String, _ values: [String], none: String) {
            let head = "  " + (label + ":").padding(toLength: 13, withPad: " ", startingAt: 0)
            guard let first = values.first else { return lines.append(head + none) }
            lines.append(head + clean(first))
            for value in values.dropFirst() { lines.append(String(repeating: " ", count: head.count) + clean(value)) }
        }
        fact("service", facts.service.map { [$0] } ?? [], none: "unknown")
        fact("owner", facts.owner.map { [$0] } ?? [], none: "unknown")
        fact("alerts", facts.alerts.isEmpty ? [] : [facts.alerts.joined(separator: ", ")], none: "none listed")
        fact("dashboards", facts.dashboards, none: "none listed")
        var tested: String
        if let date = facts.lastTestedText, let ago = runbook.testedAgo(now: now) {
            tested = date + (facts.testedBy.map { " by " + $0 } ?? "") + ", " + ago
            if runbook.isStale(now: now) { tested += " — STALE: more than a quarter (\(Runbook.quarterDays) days) ago; test it again" }
        } else {
            tested = "never — STALE: an untested runbook is a false sense of security"
        }
        fact("last tested", [tested], none: "")
        fact("file", [runbook.file], none: "")
        let body = RunbookShow.trimmedBlankLines(runbook.body)
        return lines.joined(separator: "\n") + "\n" + (body.isEmpty ? "" : "\n" + Sanitizer.clean(body, newlines: .keep) + "\n")
    }

    static func trimmedBlankLines(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let first = lines.first, first.trimmingSpaces.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmingSpaces.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

/// `warroom runbook check`: exit 1 when something is flagged.
struct RunbookCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "runbook check")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: RunbookOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        // The store's incidents: their services and their alerts' runbook_url. No store yet (a
        // checkout of the runbooks in CI, say) checks the folder alone, and says so.
        var session: Session?
        do {
            session = try Session(global, readOnly: true, environment: environment)
        } catch StoreError.noStore(let path) where global.store == nil {
            warn("no store at \(path): the services and alerts of incidents were not checked (--store names one)")
        }
        let now = try session?.now ?? SystemClock.now(environment: environment)
        let (folder, read) = try options.load(environment: environment, sayConfig: session == nil)
        let reading = RunbookOptions.withRecordedTests(read, store: session?.store)
        var summaries: [IncidentSummary] = []
        var links: [RunbookCheck.AlertLink] = []
        if let session {
            summaries = try session.allSummaries()
            links = try Self.alertLinks(session, counted: Set(summaries.filter { !$0.isDrill }.map(\.id)))
        }
        let library = reading.library
        let findings = RunbookCheck.findings(library, now: now, incidents: summaries, links: links)
        // Each file's mistakes and findings together, in path order; then the store's.
        var own: [(file: String, line: Int, text: String)] = reading.problems.map { ($0.file ?? "", $0.line ?? 0, $0.description) }
        own += findings.filter { $0.file != nil }.map { ($0.file ?? "", $0.line ?? Int.max, $0.description) }
        for line in own.enumerated().sorted(by: { ($0.element.file, $0.offset) < ($1.element.file, $1.offset) }) {
            print(Sanitizer.clean(line.element.text))
        }
        for finding in findings where finding.file == nil { print(Sanitizer.clean(finding.description)) }
        var problems = reading.problems.count + findings.filter { !$0.isWarning }.count
        let warnings = findings.filter(\.isWarning).count
        let place = Sanitizer.clean(folder)
        if library.runbooks.isEmpty {
            print("\(place) holds no runbooks: write one per service or alert, NAME.md (see the README's runbooks section)")
            problems += 1
        }
        let counted = "\(RunbookCheck.count(library.runbooks.count, "runbook")) in \(place)"
        if problems == 0 && warnings == 0 {
            print("\(counted): each tested within a quarter, with its Mitigation"
                  + (session == nil ? "" : "; every service with incidents has one, and every alert's runbook_url names one"))
        } else {
            print("\(counted): \(RunbookCheck.count(problems, "problem")), \(RunbookCheck.count(warnings, "warning"))")
        }
        if problems > 0 { throw ExitCode(1) }
    }

    /// Every alert's `runbook_url` recorded on the incidents `counted` (drills are not), through
    /// the store's index of entries; a store with an unreadable entry has each incident folded
    /// instead, the damaged ones left out (and named once).
    static func alertLinks(_ session: Session, counted: Set<IncidentID>) throws -> [RunbookCheck.AlertLink] {
        func link(_ incident: IncidentID, _ alert: AlertSource?) -> RunbookCheck.AlertLink? {
            guard counted.contains(incident), let alert, let url = alert.runbookURL, !url.trimmingSpaces.isEmpty else { return nil }
            return RunbookCheck.AlertLink(incident: incident, alert: alert.name, url: url)
        }
        do {
            return try session.store.events(ofType: .entry).compactMap { event in
                guard case .entry(let entry) = event.payload else { return nil }
                return link(event.incident, entry.alert)
            }
        } catch StoreError.corruptEvent {
            return try session.allIncidents().flatMap { state, _ in state.timeline.compactMap { link(state.id, $0.alert) } }
        }
    }
}

/// `warroom runbook tested NAME [--by PERSON] [--at TIME] [--notes TEXT] [--write]`: a test of a
/// runbook, recorded in the store's history; the file's front matter is rewritten only with --write.
struct RunbookTested: ParsableCommand {
    static let configuration = CommandConfiguration(table: "runbook tested")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: RunbookOptions
    @Argument(help: ArgumentHelp("The runbook: its file name without .md.", valueName: "name")) var name: String
    @Option(help: ArgumentHelp("Who tested it (default: who is recording).", valueName: "person")) var by: String?
    @OptionGroup var at: AtOption
    @Option(help: ArgumentHelp("What the test found.", valueName: "text")) var notes: String?
    @Flag(help: "Also set last_tested and tested_by in the runbook's front matter.") var write = false

    func run() throws {
        let session = try Session(global)
        let when = try at.resolve(now: session.now)
        let (folder, reading) = try options.load(environment: session.environment, sayConfig: false)
        let typed = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        guard let runbook = reading.library.named(typed) else {
            throw UserFacingError("no runbook '\(Sanitizer.clean(typed))' in \(Sanitizer.clean(folder))"
                                  + Suggestion.didYouMean(typed, among: reading.library.names) + "; nothing was recorded")
        }
        guard when <= session.now else { throw UserFacingError("--at \(when.iso8601) is after now: a test is recorded once it happened; nothing was recorded") }
        let person = (by ?? session.author).trimmingCharacters(in: .whitespaces)
        guard !person.isEmpty else { throw UserFacingError("--by needs who tested it; nothing was recorded") }
        var updated: String?
        if write {
            let text: String
            do { text = try String(contentsOfFile: runbook.file, encoding: .utf8) } catch {
                throw UserFacingError("\(runbook.file) cannot be read (\(error.localizedDescription)); nothing was recorded")
            }
            guard let rewritten = Self.frontMatter(text, lastTested: when.dateOnly, testedBy: person) else {
                throw UserFacingError("\(runbook.file) has no front matter to write into (--- at its top); nothing was recorded: "
                                      + "record it without --write, or add last_tested and tested_by yourself")
            }
            updated = rewritten
        }
        try session.appendReadiness(.runbookTested(RunbookTest(name: runbook.name, by: person, notes: notes?.nilIfEmpty)), id: UUID(), at: when)
        if let updated {
            do { try updated.write(toFile: runbook.file, atomically: true, encoding: .utf8) } catch {
                throw UserFacingError("the test is recorded, but \(runbook.file) could not be written (\(error.localizedDescription)): "
                                      + "set last_tested: \(when.dateOnly) yourself")
            }
        }
        print("Recorded: \(Sanitizer.clean(runbook.name)) tested \(when.dateOnly) by \(Sanitizer.clean(person))"
              + (updated == nil ? " (in the store; --write also sets its front matter)" : "; \(Sanitizer.clean(runbook.file)) now says so"))
    }

    /// `text` with `last_tested` and `tested_by` set in its front matter (replaced where written,
    /// added before the closing `---` where not), every other byte as it was; nil without front matter.
    static func frontMatter(_ text: String, lastTested: String, testedBy: String) -> String? {
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: newline)
        let bom = lines.first?.hasPrefix("\u{FEFF}") == true
        guard let first = lines.first, (bom ? String(first.dropFirst()) : first).trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" }) else { return nil }
        let quoted = "\"" + testedBy.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        var closing = end
        for (key, value) in [("last_tested", lastTested), ("tested_by", quoted)] {
            if let place = lines[1..<closing].firstIndex(where: { $0.hasPrefix(key + ":") }) {
                lines[place] = "\(key): \(value)"
            } else {
                lines.insert("\(key): \(value)", at: closing)
                closing += 1
            }
        }
        return lines.joined(separator: newline)
    }
}

extension RunbookOptions {
    /// The runbooks with the tests the store recorded (`warroom runbook tested`): a later one than
    /// the front matter's `last_tested` counts, so a test recorded without --write is not called stale.
    static func withRecordedTests(_ reading: RunbookFolder.Reading, store: (any EventStore)?) -> RunbookFolder.Reading {
        guard let store, let inbox = try? store.inboxEvents(after: 0) else { return reading }
        var latest: [String: (at: Timestamp, by: String)] = [:]
        for stored in inbox.events {
            guard case .runbookTested(let test) = stored.event.payload else { continue }
            if latest[test.name].map({ stored.event.at > $0.at }) ?? true { latest[test.name] = (stored.event.at, test.by) }
        }
        guard !latest.isEmpty else { return reading }
        var result = reading
        result.library = RunbookLibrary(reading.library.runbooks.map { runbook in
            guard let test = latest[runbook.name], runbook.facts.lastTested.map({ test.at > $0 }) ?? true else { return runbook }
            var updated = runbook
            updated.facts.lastTested = test.at
            updated.facts.testedBy = test.by
            return updated
        })
        return result
    }

    /// `load`, with the tests the store recorded, when there is a store (none yet: the files alone).
    func loadTested(_ global: GlobalOptions, environment: [String: String]) throws -> (folder: String, reading: RunbookFolder.Reading) {
        let (folder, reading) = try load(environment: environment, sayConfig: true)
        let store = (try? Session(global, readOnly: true, environment: environment))?.store
        return (folder, Self.withRecordedTests(reading, store: store))
    }
}
