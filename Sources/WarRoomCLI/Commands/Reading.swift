import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomReports
import WarRoomStore
import WarRoomText

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(table: "show")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag
    @Option(help: "How many recent timeline rows to show.") var recent = 10

    func run() throws {
        let session = try Session(global, readOnly: true)
        let (state, _) = try session.load(try session.resolveIncident(global.incident))
        if output.json {
            print(StateJSON.render(state, policy: session.policy, now: session.now).rendered())
        } else {
            print(StateText.render(state, policy: session.policy, now: session.now, recent: max(0, recent)))
        }
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(table: "list")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try Session(global, readOnly: true)
        let states = try session.allIncidents().map(\.0)
        if output.json {
            print(JSONValue.array(states.map { StateJSON.summary($0, policy: session.policy, now: session.now) }).rendered())
            return
        }
        if states.isEmpty {
            print("No incidents in \(Sanitizer.clean(session.storeName)). Declare one: warroom declare --title TEXT --severity SEV2")
            return
        }
        for state in states {
            var line = "\(state.id)\t\(state.severity.label)\t\(state.status.rawValue)\t"
                + "\(state.declaredAt.dateOnly) \(state.declaredAt.hourMinute)\t\(state.isDrill ? "[DRILL] " : "")\(Sanitizer.clean(state.title))"
            if let due = state.obligations(policy: session.policy).first(where: { $0.kind == .postmortem }) {
                line += "\t(post-mortem \(due.timing(at: session.now).phrase))"
            }
            print(line)
        }
    }
}

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "timeline")
    @OptionGroup var global: GlobalOptions
    @Option(help: "How to print it.") var format = TimelineFormat.text
    @Flag(help: "Keep running and print rows as other processes record them.") var follow = false
    @OptionGroup var output: JSONFlag

    func run() throws {
        if output.json, format != .text {
            throw UserFacingError("--json and --format \(format.rawValue) are two formats: give one")
        }
        let session = try Session(global, readOnly: true)
        let id = try session.resolveIncident(global.incident)
        // Seen before the load, so a commit during it is read by the first look, not missed.
        if follow { _ = try session.store.hasExternalChanges() }
        var (state, last) = try session.load(id)
        if !output.json {
            print(format.render(state))
        } else if follow {
            for item in state.timeline { print(TimelineFormat.json(item).rendered(pretty: false)) }
        } else {
            print(JSONValue.array(state.timeline.map(TimelineFormat.json)).rendered())
        }
        guard follow else { return }
        fflush(nil)
        // Woken by the store's change signal; without one, polled every 100 ms as before.
        let watch = StoreChangeWatch(store: session.store, pollMillis: 100) { line in
            try? FileHandle.standardError.write(contentsOf: Data("warroom: \(line)\n".utf8))
        }
        var away = false
        var looked = false
        while true {
            // The first look is at once: a commit between the load and the watch woke nothing.
            if looked { watch.wait() }
            looked = true
            let newer: [StoredEvent]
            do {
                // After an outage, read whatever came meanwhile even if nothing looks changed.
                guard try session.store.hasExternalChanges() || away else { continue }
                newer = try session.store.events(of: id, after: last)
                if away {
                    away = false
                    try? FileHandle.standardError.write(contentsOf: Data("warroom: the store answers again; following\n".utf8))
                }
            } catch let error as StoreError where error.isUnreachable {
                // A server blip does not end the follow: say it once, and keep trying at a calm pace.
                if !away {
                    away = true
                    try? FileHandle.standardError.write(contentsOf: Data("warroom: \(Sanitizer.clean(error.description)); still following, retrying\n".utf8))
                }
                Thread.sleep(forTimeInterval: 1)
                continue
            }
            guard !newer.isEmpty else { continue }
            state = IncidentState.fold(newer.map(\.event), onto: state) ?? state
            last = newer.last?.sequence ?? last
            for stored in newer {
                guard let item = Self.row(changedBy: stored.event, in: state) else { continue }
                print(output.json ? TimelineFormat.json(item).rendered(pretty: false) : TimelineFormat.numberedRow(item))
            }
            fflush(nil)
        }
    }

    /// The row an event adds, or the earlier row it amends or retracts (printed again, as it is now).
    static func row(changedBy event: Event, in state: IncidentState) -> TimelineItem? {
        switch event.payload {
        case .entryAmended(let amendment): state.timelineItem(for: amendment.entry)
        case .entryRetracted(let retraction): state.timelineItem(for: retraction.entry)
        default: state.timelineItem(for: event.id)
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(table: "export", subcommands: [JSONL.self, Postmortem.self])

    /// `-o FILE` and `--force`, for every export.
    struct Destination: ParsableArguments {
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to a file instead of stdout (created with mode 0600).", valueName: "file"))
        var output: String?
        @Flag(help: "Replace FILE if it exists (its mode is kept).") var force = false
    }

    struct Postmortem: ParsableCommand {
        static let configuration = CommandConfiguration(table: "export postmortem")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var destination: Destination

        func run() throws {
            let session = try Session(global, readOnly: true)
            let (state, _) = try session.load(try session.resolveIncident(global.incident))
            let budgets = try SLOCommand.budgets(of: state, session: session, environment: ProcessInfo.processInfo.environment)
            let repeats = try KnownCauses.repeats(of: state, in: session.store)
            let markdown = PostmortemDocument.markdown(state, policy: session.policy, now: session.now, budgets: budgets, repeats: repeats)
            try Export.write(markdown, to: destination)
            PostmortemCommand.Check.warn(BlamelessCheck.findings(in: state))
        }
    }

    struct JSONL: ParsableCommand {
        static let configuration = CommandConfiguration(table: "export jsonl")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var destination: Destination

        func run() throws {
            let session = try Session(global, readOnly: true)
            let id = try session.resolveIncident(global.incident)
            // The stored bodies, with bidi controls, C1 controls and DEL escaped as \uXXXX (JSONEncoder
            // escapes only C0): the same JSON, but inert when printed to a terminal.
            let text = try session.store.exportLines(of: id).map { JSONValue.inert($0) + "\n" }.joined()
            try Export.write(text, to: destination)
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(table: "import")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Import an incident whose id this store already uses for another one under the next free id.")
    var asNew = false
    @Argument(help: "The .jsonl file.") var file: String
    @OptionGroup var output: JSONFlag

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw UserFacingError("cannot read \(file); nothing was imported")
        }
        let (events, lines) = try Self.decode(data, name: file)
        let session = try Session(global)
        try Self.checkTimes(events, lines: lines, name: file, now: session.now)
        let result: ImportResult
        do {
            result = try session.store.importEvents(events, lines: lines, asNew: asNew)
        } catch let refusal as ImportRefusal {
            throw UserFacingError((refusal.line.map { "\(file):\($0): " } ?? "\(file): ") + refusal.reason
                + (refusal.suggestedID == nil ? "" : " (`warroom import --as-new \(file)`)") + "; nothing was imported")
        }
        let renamed = result.renamed.sorted(by: { $0.key < $1.key })
        if output.json {
            print(JSONValue.object([
                ("file", .string(file)), ("events", .number(Int64(events.count))), ("added", .number(Int64(result.added))),
                ("renamed", .object(renamed.map { ($0.key, .string($0.value)) })),
            ]).rendered())
            return
        }
        for (from, to) in renamed {
            print("\(from) of the file is \(to) in this store")
        }
        print("imported \(result.added) new event\(result.added == 1 ? "" : "s") of \(events.count) from \(Sanitizer.clean(file))")
    }

    static func reason(_ error: any Error) -> String { DecodingErrorText.describe(error) }

    /// The events of export lines (`name` for messages), with the line number of each, blank lines
    /// skipped: what `import` reads and `store copy` reuses. Throws at the first line that is not a
    /// warroom event or names an incident id outside the rule, saying `consequence`.
    static func decode(_ data: Data, name: String, consequence: String = "nothing was imported") throws -> (events: [Event], lines: [Int]) {
        let decoder = JSONDecoder()
        var events: [Event] = []
        var lines: [Int] = []
        var number = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                events.append(try decoder.decode(Event.self, from: Data(line)))
                lines.append(number)
            } catch {
                throw UserFacingError("\(name):\(number): not a warroom event (\(Self.reason(error))); \(consequence)")
            }
            // Incident ids are printed bare everywhere (lists, confirmations, tmux session names).
            if let last = events.last, !IncidentIDRule.isValid(last.incident) {
                throw UserFacingError("\(name):\(number): \(IncidentIDError(text: last.incident)); \(consequence)")
            }
        }
        return (events, lines)
    }

    /// What the store would accept from a person, it accepts from a file: no time before 1970
    /// or ahead of now, or the incident reads "impact since 00:00" and durations of centuries.
    static func checkTimes(_ events: [Event], lines: [Int], name: String, now: Timestamp,
                           consequence: String = "nothing was imported") throws {
        for (event, line) in zip(events, lines) {
            if let problem = TimeBounds.problem(in: event, now: now) {
                throw UserFacingError("\(name):\(line): the event \(problem); \(consequence)")
            }
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(table: "check")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag

    func run() throws {
        let session = try Session(global, readOnly: true)
        let health = try session.store.health()
        var problems = health.integrity == "ok" ? 0 : 1
        var rows: [JSONValue] = []
        if !output.json { print("\(Sanitizer.clean(session.storeName)): integrity \(Sanitizer.clean(health.integrity))") }
        for incident in health.incidents {
            let gapless = incident.count == incident.maxSequence
            if !gapless { problems += 1 }
            let unreadable = try session.store.unreadableEvents(of: incident.id)
            var folds = true
            if unreadable.isEmpty {
                folds = IncidentState.fold(try session.store.events(of: incident.id, after: 0).map(\.event)) != nil
            }
            if !unreadable.isEmpty || !folds { problems += 1 }
            if output.json {
                rows.append(.object([
                    ("id", .string(incident.id)), ("events", .number(incident.count)),
                    ("maxSequence", .number(incident.maxSequence)), ("gapless", .bool(gapless)), ("declared", .bool(folds)),
                    ("unreadable", .array(unreadable.map { .object([("sequence", .number($0.sequence)), ("reason", .string($0.reason))]) })),
                ]))
                continue
            }
            print("\(incident.id): \(incident.count) events, sequence 1…\(incident.maxSequence) "
                + (gapless ? "without gaps" : "WITH GAPS")
                + (unreadable.isEmpty ? (folds ? ", all readable" : ", NO DECLARATION: it cannot be shown")
                    : ", \(unreadable.count) UNREADABLE"))
            for bad in unreadable {
                print("\(incident.id) #\(bad.sequence): cannot be read: \(Sanitizer.clean(bad.reason))")
            }
        }
        if output.json {
            print(JSONValue.object([
                ("store", .string(session.storeName)), ("integrity", .string(health.integrity)), ("ok", .bool(problems == 0)),
                ("incidents", .array(rows)),
            ]).rendered())
        }
        if problems > 0 { throw ExitCode(2) }
    }
}
