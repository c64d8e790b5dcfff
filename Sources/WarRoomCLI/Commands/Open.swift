import ArgumentParser
import Foundation
import WarRoomHTTP
import WarRoomOutbox
import WarRoomPrometheus
import WarRoomScreen
import WarRoomApp
import WarRoomConfig
import WarRoomCore
import WarRoomStore
import WarRoomTerminal
import WarRoomText
import WarRoomUI

/// Options of the screen.
struct ScreenOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Theme: dark, light, high-contrast, monochrome, or a user theme.", valueName: "name"))
    var theme: String?

    @Flag(help: "A wall display: shows everything live, records nothing.")
    var readOnly = false
}

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(table: "open")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var screen: ScreenOptions
    @Argument(help: "The incident (default: the one open incident).") var id: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        try Terminal.preflight(environment: environment)
        let session = try Session(global, screen: true, readOnly: screen.readOnly)
        // A user the store lets only read (a PostgreSQL role without INSERT) gets a wall display.
        var screen = screen
        screen.readOnly = screen.readOnly || session.store.readOnlyReason != nil
        let incident: IncidentID
        var similar: String?
        // How many are open, as the list counts them: the closed incidents the index shows level
        // are not folded (a store of thousands of past incidents answers in tens of milliseconds).
        let open = id ?? global.incident == nil
            ? try IncidentDirectory(store: session.store).load(includeClosed: false).states.filter { $0.status != .closed }.count : 0
        if let explicit = id ?? global.incident {
            incident = try session.resolveIncident(explicit)
        } else if open > 1 {
            // Several fires: the list, Enter opens one, leaving it comes back here.
            return try IncidentListLauncher.run(session: session, screen: screen, environment: environment)
        } else if try session.allIncidents().contains(where: { $0.0.status != .closed }) {
            incident = try session.resolveIncident(nil)
        } else if let refusal = DeclarePrompt.refusal(readOnly: screen.readOnly, store: Sanitizer.clean(session.storeName)) {
            throw UserFacingError(refusal)
        } else {
            incident = try Self.declareInteractively(session)
            // Just declared: what the organisation already learned, said when the room opens.
            if let state = try? session.load(incident).0 { similar = SimilarText.notice(state, session: session) }
        }
        if try WarRoomLauncher.run(session: session, incident: incident, screen: screen, environment: environment, notice: similar) {
            try IncidentListLauncher.run(session: session, screen: screen, environment: environment, selected: incident)
        }
    }

    /// With proposals waiting, lists them and asks for one to accept (you command it): the
    /// incident it declares, or nil when Enter asks to declare another. Asks again after a typo.
    static func acceptOffered(_ session: Session) throws -> IncidentID? {
        guard let waiting = try? session.store.proposalInbox().inbox.open, let first = waiting.first else { return nil }
        print("No open incident in \(Sanitizer.clean(session.storeName)), but alerts propose "
              + (waiting.count == 1 ? "one:" : "\(waiting.count):"))
        for proposal in waiting.prefix(9) { print("  " + ProposalText.line(proposal, now: session.now)) }
        if waiting.count > 9 { print("  … and \(waiting.count - 9) more: warroom proposals") }
        while true {
            print("Accept one (\(first.label)\(waiting.count > 1 ? "…" : "")), or press Enter to declare another (Ctrl-D cancels): ", terminator: "")
            fflush(nil)
            guard let line = readLine() else { throw UserFacingError("cancelled: nothing was declared") }
            let typed = line.trimmingCharacters(in: .whitespaces)
            if typed.isEmpty { return nil }
            do {
                try session.tick()
                let accepted = try session.store.acceptProposal(typed, author: session.author, now: session.now, policy: session.policy,
                                                                commander: session.author, routing: session.routing)
                print("\(accepted.incident) declared from \(accepted.proposal.label); you are Incident Commander.")
                if let note = accepted.inboxNote { print(Sanitizer.clean(note)) }
                return accepted.incident
            } catch let error as ProposalError {
                print(Sanitizer.clean(error.description) + "; nothing was declared")
            }
        }
    }

    /// Asks on the plain terminal (before the screen starts) for what a declaration needs.
    static func declareInteractively(_ session: Session) throws -> IncidentID {
        // Alerts may have proposed the very incident: offered before asking for a new one.
        if let accepted = try acceptOffered(session) { return accepted }
        print("No open incident in \(Sanitizer.clean(session.storeName)). Declare one now (Ctrl-D cancels).")
        let prompt = DeclarePrompt(author: session.author, now: session.now)
        let answers = prompt.run(read: { readLine() }, write: { print(Sanitizer.clean($0, newlines: .keep), terminator: "") })
        guard let answers else { throw UserFacingError("cancelled: nothing was declared") }
        try session.tick()
        // The declarer commands unless they named someone else or nobody (`-`), in the same
        // transaction as the declaration.
        let (state, _) = try session.declare(answers.declaration, at: session.now, commander: answers.commander)
        return state.id
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(table: "demo")

    @OptionGroup var screen: ScreenOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        try Terminal.preflight(environment: environment)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warroom-demo-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = try GlobalOptions.parse([])
        options.store = directory.appendingPathComponent("demo.db").path
        options.author = "you"
        let session = try Session(options, screen: true)
        let (id, _) = try session.store.declare { id in
            try DemoIncident.events(incident: id, now: session.now, policy: session.policy)
        }
        // The demo keeps its drafts and logs with its store, so nothing of it outlives the run.
        var demoEnvironment = environment
        demoEnvironment["XDG_STATE_HOME"] = directory.appendingPathComponent("state").path
        try WarRoomLauncher.run(session: session, incident: id, screen: screen, environment: demoEnvironment, demo: true)
        print("The demo store \(directory.path) was removed.")
    }
}

/// Starts the screen for a session and reports how it ended.
/// The war room's live budget pane: with `prometheus_url` and an SLO file, the budgets of the
/// incident's service read from Prometheus (a failed read says so, and the pane keeps what it had).
enum LiveBudgetSource {
    static func reader(session: Session, environment: [String: String]) -> (@Sendable (String?) -> LiveBudgets)? {
        guard let url = session.prometheusURL,
              let definitions = try? SLOCommand.tolerant(nil, environment: environment, leftOut: "the war room's budget pane leaves that service out"),
              !definitions.isEmpty else { return nil }
        let client = PrometheusClient(baseURL: url, timeout: 5)
        return { service in
            guard let service = service?.lowercased() else { return LiveBudgets(statuses: []) }
            let mine = definitions.filter { $0.service.lowercased() == service }
            guard !mine.isEmpty else { return LiveBudgets(statuses: []) }
            let outcomes = LiveSLOEvaluator.evaluate(mine, client: client, at: (try? SystemClock.now()) ?? Timestamp(millis: 0))
            if let failed = outcomes.first(where: \.failed) {
                return LiveBudgets(statuses: [], problem: Sanitizer.clean(failed.problems.first ?? "Prometheus did not answer"))
            }
            return LiveBudgets(statuses: outcomes.map(\.status), problem: outcomes.flatMap(\.problems).first.map { Sanitizer.clean($0) })
        }
    }
}

/// The incident list (`warroom` with several incidents open): Enter opens a war room, leaving it
/// comes back to the list with that incident selected, q leaves.
enum IncidentListLauncher {
    static func run(session: Session, screen: ScreenOptions, environment: [String: String], selected first: IncidentID? = nil) throws {
        var selected = first
        while true {
            let (theme, noColor, _) = WarRoomLauncher.theme(session: session, requested: screen.theme, environment: environment)
            let list = IncidentListRuntime(IncidentListRuntime.Setup(
                store: session.store, policy: session.policy, storeName: Sanitizer.clean(session.storeName), theme: theme,
                noColor: noColor, clock: { (try? SystemClock.now()) ?? Timestamp(millis: 0) }, selected: selected))
            switch try list.run() {
            case .quit: return
            case .signal(let number):
                try? FileHandle.standardError.write(contentsOf: Data("warroom: stopped by signal \(number)\n".utf8))
                Terminal.endProcess(bySignal: number)
            case .open(let id):
                try WarRoomLauncher.run(session: session, incident: id, screen: screen, environment: environment)
                selected = id
            }
        }
    }
}

enum WarRoomLauncher {
    /// The theme asked for (`--theme`, the config's, else dark), with NO_COLOR and what was wrong
    /// with the theme files.
    static func theme(session: Session, requested named: String?, environment: [String: String]) -> (Theme, noColor: Bool, problems: [String]) {
        let paths = Config.paths(environment: environment)
        let requested = named ?? session.configuredTheme ?? "dark"
        let loaded = ThemeCatalog.load(name: requested, userThemesDirectory: paths.themes)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return (ThemeCatalog.effectiveTheme(requested: loaded.theme, environment: environment), noColor, loaded.diagnostics.map(\.description))
    }

    /// The on-call file beside the config file, when there is one: the schedules it could read,
    /// and its mistakes (nil when it has none). No file: nil, and `/page` records text as typed.
    static func onCallRoster(environment: [String: String]) -> (OnCallRoster?, [String]?) {
        let path = OnCallFile.defaultPath(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else { return (nil, nil) }
        let (definitions, problems) = OnCallFile.read(path: path)
        let roster = definitions.isEmpty ? nil
            : OnCallRoster(definitions.map { ($0.schedule, $0.escalation) }, version: path + ":\(definitions.count)")
        return (roster, problems.isEmpty ? nil : problems.map(\.description))
    }

    /// The runbook folder the config names, with the tests the store recorded, and its files'
    /// mistakes; why there are none when the folder cannot be read; nothing without one.
    static func runbookLibrary(session: Session, environment: [String: String])
        -> (library: RunbookLibrary?, unavailable: String?, problems: [String]) {
        guard let folder = Config.load(environment: environment).config.runbooks else { return (nil, nil, []) }
        guard let reading = RunbookFolder.read(folder) else {
            return (nil, "the folder \(folder) (runbooks in the config file) does not exist", [])
        }
        let tested = RunbookOptions.withRecordedTests(reading, store: session.store)
        return (tested.library, nil, reading.problems.map(\.description))
    }

    /// Runs the war room of `incident`; true when it was left for the incident list (`/incidents`).
    @discardableResult
    static func run(session: Session, incident: IncidentID, screen: ScreenOptions, environment: [String: String],
                    demo: Bool = false, notice extra: String? = nil) throws -> Bool {
        let paths = Config.paths(environment: environment)
        let log = DiagnosticLog(directory: paths.state)
        var notices = session.configProblems
        let (theme, noColor, themeProblems) = Self.theme(session: session, requested: screen.theme, environment: environment)
        notices += themeProblems
        for line in notices { _ = log.write(line, at: session.now.iso8601) }
        var notice = notices.isEmpty ? nil
            : "\(notices.count) config/theme problem\(notices.count == 1 ? "" : "s") (what each got wrong is left out): see \(log.path)"
        if let reason = session.store.readOnlyReason {
            notice = "Read-only: \(Sanitizer.clean(reason))" + (notice.map { "; " + $0 } ?? "")
        }
        if let extra { notice = extra + (notice.map { "; " + $0 } ?? "") }
        var setup = WarRoomRuntime.Setup(
            store: session.store, incident: incident, author: session.author, policy: session.policy, theme: theme,
            noColor: noColor, readOnly: screen.readOnly, drafts: DraftStore(stateDirectory: paths.state, store: session.store.identity), log: log,
            startNotice: notice,
            updatesDirectory: session.updatesDirectory,
            clock: { (try? SystemClock.now()) ?? Timestamp(millis: 0) })
        setup.routing = session.routing
        setup.budgets = LiveBudgetSource.reader(session: session, environment: environment)
        let (onCall, onCallProblems) = Self.onCallRoster(environment: environment)
        setup.onCall = onCall
        if let problems = onCallProblems {
            for line in problems { _ = log.write(line, at: session.now.iso8601) }
            setup.startNotice = (setup.startNotice.map { $0 + "; " } ?? "")
                + "the on-call file has \(problems.count) mistake\(problems.count == 1 ? "" : "s") (warroom oncall check lists them)"
        }
        let runbooks = Self.runbookLibrary(session: session, environment: environment)
        setup.runbooks = runbooks.library
        setup.runbooksUnavailable = runbooks.unavailable
        if !runbooks.problems.isEmpty {
            for line in runbooks.problems { _ = log.write("runbooks: " + line, at: session.now.iso8601) }
            setup.startNotice = (setup.startNotice.map { $0 + "; " } ?? "")
                + "\(runbooks.problems.count) runbook file problem\(runbooks.problems.count == 1 ? "" : "s") (warroom runbook check lists them)"
        }
        // A runbook's code block runs on this terminal, lent to it (a wall display runs none).
        if !screen.readOnly { setup.runCommand = RunbookStepRunner.run }
        // The outbox is sent from here too while the war room is open (a wall display sends nothing):
        // on a thread of its own, through a connection of its own, so a silent vendor never holds a key.
        if !screen.readOnly, !session.integrations.isEmpty {
            do {
                let workerStore = try session.location.open(create: false)
                let worker = OutboxWorker(store: workerStore,
                                          catalog: DestinationCatalog(integrations: session.integrations, environment: environment),
                                          sender: HTTPClient(), worker: OutboxWorker.processWorkerID,
                                          lease: (try? OutboxDeliver.lease(environment)) ?? OutboxWorker.defaultLease,
                                          clock: { (try? SystemClock.now()) ?? Timestamp(millis: 0) })
                let clock: @Sendable () -> Timestamp = { (try? SystemClock.now()) ?? Timestamp(millis: 0) }
                setup.delivery = BackgroundDelivery(clock: clock, log: { line in _ = log.write(line, at: clock().iso8601) }) {
                    do {
                        let pass = try worker.pass(incident: incident)
                        return .init(nextDue: pass.nextDue, lines: pass.handled.map { "outbox: \($0)" })
                    } catch {
                        return .init(nextDue: nil, lines: ["outbox: \(error)"])
                    }
                }
            } catch {
                _ = log.write("outbox: not delivering from this war room: \(error)", at: session.now.iso8601)
            }
        }
        // Entries typed while the server cannot be reached are kept here (a wall display types none).
        if !screen.readOnly, session.store.identity.localDirectory == nil {
            do { setup.spool = try Spool(stateDirectory: paths.state, store: session.store.identity) } catch {
                _ = log.write("offline spool unavailable: \(error)", at: session.now.iso8601)
            }
        }
        let runtime = WarRoomRuntime(setup)
        return try WarRoomFarewell.report(try runtime.run(), incident: incident, demo: demo) == .showIncidents
    }
}
