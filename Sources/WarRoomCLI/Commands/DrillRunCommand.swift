import ArgumentParser
import Foundation
import WarRoomConfig
import WarRoomCore
import WarRoomReports
import WarRoomStore
import WarRoomText

/// `warroom drill run FILE|NAME [--speed FACTOR] [--incident-title …] [--allow-commands] [--yes]`:
/// declares a drill incident, prints its id first, and plays the scenario into it in the
/// foreground while the players work in the war room; the game master's keys control it.
struct DrillRun: ParsableCommand {
    static let configuration = CommandConfiguration(table: "drill run")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: DrillOptions
    @Argument(help: ArgumentHelp("A scenario file, or the name of one (warroom drill list).", valueName: "file|name")) var scenario: String
    @Option(help: ArgumentHelp("How fast it plays: 1x (real time) to 60x; every deadline of the drill comes that much sooner.",
                               valueName: "factor")) var speed = "1x"
    @Option(help: ArgumentHelp("The drill incident's title (default: the scenario's).", valueName: "title")) var incidentTitle: String?
    @Flag(help: "Run the commands the scenario declares (real faults), after listing them for confirmation.") var allowCommands = false
    @Flag(help: "Confirm the commands without asking (with --allow-commands, for scripts).") var yes = false

    func run() throws {
        let factor: DrillSpeed
        do { factor = try DrillSpeed.parse(speed) } catch { throw UserFacingError("--speed " + error.description + "; nothing was declared") }
        if let incidentTitle, incidentTitle.allSatisfy(\.isWhitespace) {
            throw UserFacingError("--incident-title needs a title (it was given an empty one); nothing was declared")
        }
        let environment = ProcessInfo.processInfo.environment
        if let pinned = environment["WARROOM_NOW"], !pinned.isEmpty {
            throw UserFacingError("WARROOM_NOW=\(pinned) pins the clock, and a drill plays on a running one: unset it; nothing was declared")
        }
        let folder = try options.folder(environment: environment)
        let (found, names) = DrillScenarioCatalog.find(scenario, folder: folder?.path, checkAlert: DrillGroup.checkAlert)
        guard let entry = found else {
            throw UserFacingError("no scenario '\(scenario)'" + Suggestion.didYouMean(scenario, among: names)
                                  + ": warroom drill list shows them; nothing was declared")
        }
        guard entry.problems.isEmpty, entry.scenario != nil else {
            UserFile.say(entry.problems)
            let count = entry.problems.count
            throw UserFacingError("\(count) mistake\(count == 1 ? "" : "s") in \(entry.file): nothing was declared")
        }
        let source: (text: String, scenario: DrillScenario)
        switch DrillScenarioCatalog.source(of: entry, checkAlert: DrillGroup.checkAlert) {
        case .success(let read): source = read
        case .failure(let problem): throw UserFacingError(problem.message + "; nothing was declared")
        }
        let played = source.scenario
        if played.runsCommands && allowCommands {
            try confirmCommands(played)
        } else if played.runsCommands {
            warn("this scenario runs commands (\(played.commands.map(\.name).joined(separator: ", "))); without --allow-commands they are not run")
        }
        let session = try Session(global)
        let interactive = isatty(STDIN_FILENO) == 1
        let keys = DrillKeys(interactive: interactive)
        DrillKeys.catchInterrupt()
        let runner = DrillRunner(
            store: session.store, policy: session.policy, routing: session.routing, scenario: played, speed: factor,
            source: (entry.name, entry.file, source.text), allowCommands: allowCommands, gameMaster: session.author,
            hooks: DrillRunner.Hooks(
                now: { try SystemClock.now(environment: environment) },
                wait: { keys.wait($0) },
                say: { line in print(line); fflush(nil) },
                run: { argv in
                    keys.suspend()
                    defer { keys.resume() }
                    let outcome = CommandCapture(save: nil).run(argv)
                    return Exec.commandRun(outcome, command: argv, savedOutput: nil)
                }))
        let id = try runner.start(title: incidentTitle)
        print(id)
        print("Drill \(id): \(Sanitizer.clean(played.title))")
        print("  \(played.severity.label)" + (played.service.map { " on \(Sanitizer.clean($0))" } ?? "") + ", marked DRILL, at \(factor): "
              + "\(played.duration.compact) of scenario in \(DrillPlan(played, speed: factor).wallDuration.compact)")
        print("  players: warroom --incident \(id) (another terminal, or warroom share)")
        print("  " + (interactive ? DrillControl.keys : "keys: p, n, s, e, h, one a line on standard input"))
        fflush(nil)
        defer { keys.restore() }
        try runner.play()
    }

    /// Lists the commands the scenario may run and asks for a yes (or takes --yes).
    private func confirmCommands(_ scenario: DrillScenario) throws {
        var text = "This scenario runs real commands on this machine, as the game master (\(NSUserName())):\n"
        for command in scenario.commands {
            text += "  \(Sanitizer.clean(command.name)): \(Sanitizer.clean(DrillCheck.words(command.run)))\n"
            text += "      stop: " + (command.stop.map { Sanitizer.clean(DrillCheck.words($0)) } ?? "none") + "\n"
        }
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
        if yes { return }
        guard isatty(STDIN_FILENO) == 1 else {
            throw UserFacingError("the commands need a yes: answer at a terminal, or pass --yes; nothing was declared or run")
        }
        try? FileHandle.standardError.write(contentsOf: Data("Run them during the drill? [y/N] ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw UserFacingError("not confirmed; nothing was declared or run") }
    }
}

/// The game master's keys: single keys at a terminal (no echo, no Enter), lines otherwise; Ctrl-C
/// ends the drill like `e` (the stop commands still run).
final class DrillKeys {
    private let interactive: Bool
    private var saved: termios?
    /// Standard input reached its end: only the clock drives the drill now.
    private var closed = false

    nonisolated(unsafe) static var interrupted = false

    init(interactive: Bool) {
        self.interactive = interactive
        resume()
    }

    static func catchInterrupt() {
        signal(SIGINT) { _ in DrillKeys.interrupted = true }
        signal(SIGTERM) { _ in DrillKeys.interrupted = true }
    }

    /// Raw keys at a terminal.
    func resume() {
        guard interactive else { return }
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return }
        if saved == nil { saved = settings }
        settings.c_lflag &= ~tcflag_t(ICANON | ECHO)
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &settings)
    }

    /// The terminal as it was (before a command runs in it, and at the end).
    func suspend() {
        guard interactive, var settings = saved else { return }
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &settings)
    }

    func restore() { suspend() }

    /// Waits up to `span` for a key or a line.
    func wait(_ span: TimeSpan) -> DrillControl? {
        if DrillKeys.interrupted { return .end }
        let millis = Int32(clamping: max(1, span.millis))
        guard !closed else {
            usleep(useconds_t(clamping: Int64(millis) * 1000))
            return DrillKeys.interrupted ? .end : nil
        }
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, millis)
        if DrillKeys.interrupted { return .end }
        guard ready > 0 else { return nil }
        var byte: UInt8 = 0
        let count = read(STDIN_FILENO, &byte, 1)
        if count <= 0 {
            closed = true
            return nil
        }
        if !interactive {
            // A line: its first letter counts, the rest is read away.
            var rest: UInt8 = byte
            while rest != UInt8(ascii: "\n"), read(STDIN_FILENO, &rest, 1) == 1 {}
        }
        return DrillControl.read(byte)
    }
}

enum DrillScoreFormat: String, FormatArgument {
    case text, markdown
}

/// `warroom drill score [INC] [--format markdown] [--no-mark-tested]`: the drill scored from its
/// record against the scenario it played (kept in the record) and the method's rules.
struct DrillScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "drill score")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The drill incident (default: --incident, or the one open incident).", valueName: "incident"))
    var incident: String?
    @Option(help: "text, or markdown for the debrief.") var format = DrillScoreFormat.text
    @Flag(help: "Do not record the runbooks the players opened as tested.") var noMarkTested = false

    func run() throws {
        let session = try Session(global)
        let id = try session.resolveIncident(incident ?? global.incident)
        let events = try session.store.events(of: id, after: 0).map(\.event)
        guard let state = IncidentState.fold(events) else { throw UserFacingError("\(id) has no declaration; the store may be damaged") }
        guard state.isDrill else {
            throw UserFacingError("\(id) is not a drill: only a drill is scored (warroom drill run plays one)")
        }
        guard let record = state.drill, let text = record.scenarioText, let name = record.scenarioName else {
            throw UserFacingError("\(id) is a drill without a scenario (declared with declare --drill, not played by warroom drill run): "
                                  + "there is nothing to score it against")
        }
        let (parsed, problems) = DrillScenarioFile.parse(text, name: name, file: (record.scenarioFile ?? name) + " (as played)",
                                                          checkAlert: DrillGroup.checkAlert)
        guard let scenario = parsed else {
            UserFile.say(problems)
            throw UserFacingError("the scenario \(id) played no longer reads in this version of warroom; it cannot be scored")
        }
        let score = DrillScoring.score(scenario, events: events, now: session.now, policy: session.policy)
        var tested: [String] = []
        if record.ended != nil, !noMarkTested, !score.runbooksUsed.isEmpty {
            tested = try markTested(score, incident: id, events: events, session: session)
        }
        let facts = DrillDebrief.Facts(incident: id, title: state.title, scenario: scenario, started: record.started, ended: record.ended,
                                       endReason: record.endReason, speed: state.drillSpeed ?? .realTime, testedRunbooks: tested)
        switch format {
        case .text: print(DrillDebrief.text(score, facts: facts), terminator: "")
        case .markdown: print(DrillDebrief.markdown(score, facts: facts), terminator: "")
        }
    }

    /// Records a test of each runbook the players used (`runbookTests`); returns their names.
    private func markTested(_ score: DrillScore, incident: IncidentID, events: [Event], session: Session) throws -> [String] {
        let earlier = ((try? session.store.inboxEvents(after: 0).events) ?? []).compactMap { stored -> RunbookTest? in
            if case .runbookTested(let test) = stored.event.payload { return test }
            return nil
        }
        let at = min(events.last?.at ?? session.now, session.now)
        for test in Self.runbookTests(score, incident: incident, events: events, earlier: earlier, fallback: session.author) {
            _ = try session.appendReadiness(.runbookTested(test), id: UUID(), at: at)
        }
        return score.runbooksUsed
    }

    /// A test of each runbook the players used, by its first user, noted `drill INC-7`; none for a
    /// runbook this drill already recorded a test of (a second scoring records nothing again).
    static func runbookTests(_ score: DrillScore, incident: IncidentID, events: [Event], earlier: [RunbookTest],
                             fallback: String) -> [RunbookTest] {
        let note = "drill \(incident)"
        let done = Set(earlier.filter { $0.notes == note }.map(\.name))
        return score.runbooksUsed.filter { !done.contains($0) }.map { name in
            let user = events.first { event in
                if case .runbookUsed(let use) = event.payload { return use.runbook == name && event.author != DrillMark.author }
                return false
            }
            return RunbookTest(name: name, by: user?.author ?? fallback, notes: note)
        }
    }
}
