import Foundation
import WarRoomAlertIntake
import WarRoomAlerts
import WarRoomCore
import WarRoomReports
import WarRoomStore
import WarRoomText

/// What the game master can do while a drill plays.
enum DrillControl: Equatable {
    /// Pause the script, or resume it.
    case pauseOrResume
    /// Skip the next inject: never played, its expectations not scored.
    case skip
    /// Play the next inject now.
    case playNow
    /// End the drill.
    case end
    /// Say the keys again.
    case help

    /// The key (or a line starting with it) that means each.
    static func read(_ byte: UInt8) -> DrillControl? {
        switch byte {
        case UInt8(ascii: "p"), UInt8(ascii: " "), UInt8(ascii: "r"): .pauseOrResume
        case UInt8(ascii: "s"): .skip
        case UInt8(ascii: "n"): .playNow
        case UInt8(ascii: "e"), UInt8(ascii: "q"): .end
        case UInt8(ascii: "h"), UInt8(ascii: "?"): .help
        default: nil
        }
    }

    static let keys = "keys: p pause/resume · n next inject now · s skip it · e end · h help"
}

/// Plays a scenario into a drill incident: declares it (marked DRILL, paced at the speed), plays
/// each inject at its time through the store (alerts through the intake's own entries), decides
/// each expectation when its time is up (playing the contingency of a missed one), obeys the game
/// master's controls, and at the end runs the stop commands and says the score. Everything it
/// writes is authored `drill`, so no expectation is met by the script itself. The clock, the
/// waiting and the commands come from `Hooks`: the CLI's are the system's, a test's are stepped.
final class DrillRunner {
    struct Hooks {
        /// The clock.
        var now: () throws -> Timestamp
        /// Waits up to the span for a control; nil when none came.
        var wait: (TimeSpan) -> DrillControl?
        /// A line for the game master.
        var say: (String) -> Void
        /// Runs one of the scenario's commands (in the foreground, its output passing through).
        var run: ([String]) -> CommandRun
    }

    let store: any EventStore
    let policy: Policy
    let routing: (any DeliveryRouting)?
    let scenario: DrillScenario
    let plan: DrillPlan
    let source: (name: String, file: String, text: String)
    let allowCommands: Bool
    let hooks: Hooks
    /// Who declared it: the game master.
    let gameMaster: String

    private(set) var incident: IncidentID = ""
    private(set) var state: IncidentState?
    private var last: Int64 = 0
    private var director: DrillDirector?
    /// The commands run so far that have a stop, in order: stopped in reverse at the end.
    private var toStop: [DrillCommand] = []
    private var alertsPlayed = 0

    init(store: any EventStore, policy: Policy, routing: (any DeliveryRouting)?, scenario: DrillScenario, speed: DrillSpeed,
         source: (name: String, file: String, text: String), allowCommands: Bool, gameMaster: String, hooks: Hooks) {
        self.store = store
        self.policy = policy
        self.routing = routing
        self.scenario = scenario
        plan = DrillPlan(scenario, speed: speed)
        self.source = source
        self.allowCommands = allowCommands
        self.gameMaster = gameMaster
        self.hooks = hooks
    }

    /// Declares the drill incident (no Incident Commander: assigning one is the players' first
    /// move) and marks its start with the scenario's text. Returns its id.
    @discardableResult
    func start(title: String?) throws -> IncidentID {
        let now = try hooks.now()
        let declaration = Declaration(title: title ?? scenario.title, severity: scenario.severity, summary: scenario.summary,
                                      service: scenario.service, isDrill: true, drillSpeed: plan.speed)
        let entry = SpoolEntry(incident: nil, knownSequence: 0, commands: [.declare(declaration)], author: gameMaster, at: now,
                               recordedAt: now, summary: "warroom drill run")
        let (id, stored) = try store.declare(entry, policy: policy, now: now, routing: routing)
        incident = id
        state = IncidentState.fold(stored.map(\.event))
        last = stored.last?.sequence ?? 0
        try write(.markDrill(DrillMark(action: .started, scenarioName: source.name, scenarioFile: source.file, scenarioText: source.text)))
        director = DrillDirector(plan: plan, start: now)
        return id
    }

    /// Plays until the scenario's end or the game master ends it; returns why it ended.
    @discardableResult
    func play() throws -> String {
        guard director != nil else { throw UserFacingError("the drill has not started") }
        var reason = "the scenario's \(scenario.duration.compact) are over"
        loop: while true {
            let now = try hooks.now()
            for cue in director!.due(at: now) { try handle(cue, now: now) }
            if director!.isOver { break }
            let wait = director!.nextDue().map { max(TimeSpan(millis: 1), $0 - now) } ?? .seconds(1)
            guard let control = hooks.wait(min(wait, .seconds(1))) else { continue }
            let at = try hooks.now()
            switch control {
            case .pauseOrResume:
                if director!.isPaused {
                    director!.resume(at: at)
                    try record(.markDrill(DrillMark(action: .resumed, offset: director!.scenarioTime(at: at))))
                    hooks.say("\(clock(at))RESUMED  the script runs again")
                } else {
                    director!.pause(at: at)
                    try record(.markDrill(DrillMark(action: .paused, offset: director!.scenarioTime(at: at))))
                    hooks.say("\(clock(at))PAUSED   the script waits (the war room's clocks keep running); p resumes")
                }
            case .skip:
                if let index = director!.skipNext() {
                    let inject = scenario.injects[index]
                    try record(.markDrill(DrillMark(action: .skipped, inject: index, offset: inject.offset)))
                    hooks.say("\(clock(at))SKIPPED  \(DrillOffset.text(inject.offset)) \(words(inject))")
                } else {
                    hooks.say("\(clock(at))no inject left to skip")
                }
            case .playNow:
                if director!.playNextNow(at: at) == nil { hooks.say("\(clock(at))no inject left to play") }
            case .end:
                reason = "ended by the game master at \(DrillOffset.text(director!.scenarioTime(at: at)))"
                director!.end()
                break loop
            case .help:
                hooks.say(DrillControl.keys)
            }
        }
        try finish(reason)
        return reason
    }

    /// The scenario time as the game master's lines start: `+00:12`, `+00:12:30`, padded so the
    /// words after it line up.
    private func clock(_ now: Timestamp) -> String {
        Self.stamp(director?.scenarioTime(at: now) ?? .zero)
    }

    static func stamp(_ offset: TimeSpan) -> String {
        let text = DrillOffset.text(offset)
        return text.count >= 9 ? text : text + String(repeating: " ", count: 9 - text.count)
    }

    private func words(_ inject: DrillInject) -> String {
        Sanitizer.clean(DrillCheck.wording(inject, scenario: scenario))
    }

    private func handle(_ cue: DrillPlan.Cue, now: Timestamp) throws {
        switch cue.what {
        case .inject(let index):
            let inject = scenario.injects[index]
            try record(.markDrill(DrillMark(action: .injected, inject: index, offset: inject.offset, text: DrillCheck.wording(inject, scenario: scenario))))
            hooks.say("\(Self.stamp(cue.offset))\(words(inject))")
            try perform(inject, now: now)
        case .deadline(let index, let number):
            guard let expectation = plan.expectation(for: cue), let playedAt = state?.drill?.played(index) else { return }
            let events = try store.events(of: incident, after: 0).map(\.event)
            let found = DrillScoring.firstMatch(expectation.action, in: events, from: playedAt, through: now)
            let mark = DrillMark(action: found == nil ? .missed : .met, inject: index, expectation: number, offset: cue.offset)
            try record(.markDrill(mark))
            let what = "\(expectation.role.rawValue) \(expectation.action.wording)"
            if let found {
                hooks.say("\(Self.stamp(cue.offset))MET      \(Sanitizer.clean(what)) (\(Sanitizer.clean(found.author)), \(expectation.points) points)")
            } else {
                hooks.say("\(Self.stamp(cue.offset))MISSED   \(Sanitizer.clean(what))")
                if let contingency = expectation.contingency {
                    try record(.markDrill(DrillMark(action: .contingency, inject: index, expectation: number, offset: cue.offset,
                                                    text: DrillCheck.wording(contingency, scenario: scenario))))
                    hooks.say("\(Self.stamp(cue.offset))\(words(contingency))  (contingency)")
                    try perform(contingency, now: now)
                }
            }
        case .end:
            break
        }
    }

    /// Records what an inject plays, as the war room records such things.
    private func perform(_ inject: DrillInject, now: Timestamp) throws {
        switch inject.kind {
        case .alert(let payload):
            let alerts = (try? AlertFormat.alertmanager.parse(Array(payload.utf8))) ?? []
            for var alert in alerts {
                // Now, not the payload's date; and a key of this drill's own, so a real alert with
                // the same labels later is never taken for one the drill already recorded.
                alert.startsAt = now
                if alert.status == .resolved { alert.endsAt = now }
                alert.dedupKey = "drill/\(incident)/" + alert.dedupKey
                let entry = AlertIntake.entry(for: alert, detection: alertsPlayed == 0)
                alertsPlayed += 1
                try record(.log(entry))
            }
        case .symptom(let text):
            try record(.log(Entry(kind: .finding, text: text)))
        case .stakeholderMessage(let from, let text):
            try record(.log(Entry(kind: .comms, text: "\(from): \(text)")))
        case .impact(let report):
            try record(.recordImpact(report))
        case .roleLeaves(let role, let reason):
            let holder = state?.roles[role]?.person
            let who = holder.map { "The \(role.title) (\($0))" } ?? "The \(role.title)"
            try record(.log(Entry(kind: .note, text: "\(who) has to leave now" + (reason.map { ": \($0)" } ?? "")
                                  + ". Hand the role over: /role \(role.rawValue) NAME")))
        case .hypothesisWrong(let hypothesis, let evidence):
            try record(.log(Entry(kind: .finding, text: "Evidence against '\(hypothesis)': \(evidence)")))
        case .command(let command):
            guard allowCommands else {
                hooks.say("           not run: commands run only with --allow-commands")
                return
            }
            try runRecorded(command.run, name: command.name)
            if command.stop != nil, !toStop.contains(command) { toStop.append(command) }
        }
    }

    /// Runs a scenario command and records it as `warroom exec` does.
    private func runRecorded(_ argv: [String], name: String) throws {
        let run = hooks.run(argv)
        try record(.log(Entry(kind: .action, text: TimelineWording.ran(run), run: run)))
        hooks.say("           \(Sanitizer.clean(name)): \(Sanitizer.clean(TimelineWording.ending(run)))")
    }

    /// Stops what the commands started, marks the end and says the score.
    private func finish(_ reason: String) throws {
        for command in toStop.reversed() {
            guard let stop = command.stop else { continue }
            hooks.say("           stopping \(Sanitizer.clean(command.name)): \(Sanitizer.clean(DrillCheck.words(stop)))")
            do { try runRecorded(stop, name: command.name + " (stop)") } catch {
                hooks.say("           the stop of \(Sanitizer.clean(command.name)) was not recorded: \(Exec.describe(error))")
            }
        }
        toStop = []
        try record(.markDrill(DrillMark(action: .ended, text: reason)))
        let now = try hooks.now()
        let events = try store.events(of: incident, after: 0).map(\.event)
        let score = DrillScoring.score(scenario, events: events, now: now, policy: policy)
        hooks.say("\(clock(now))END      \(reason)")
        hooks.say("Score: \(score.earned)/\(score.possible) (\(score.percent)%), \(score.met.count) met, \(score.missed.count) missed; "
                  + "the debrief: warroom drill score \(incident) --format markdown")
    }

    /// Records a command as the runner (author `drill`), against the latest state. A refusal or a
    /// store failure is said and the drill goes on (the game master can end it, and re-record by
    /// hand what matters); nothing the players wrote is touched.
    private func record(_ command: Command) throws {
        do { try write(command) } catch {
            hooks.say("warroom: \(Self.what(command)) was NOT recorded: \(Exec.describe(error)); the drill goes on")
        }
    }

    private static func what(_ command: Command) -> String {
        switch command {
        case .markDrill(let mark): "the drill's \(mark.action.rawValue) mark"
        case .log: "the inject's entry"
        case .recordImpact: "the inject's impact report"
        default: "the inject"
        }
    }

    private func write(_ command: Command) throws {
        guard let current = state else { return }
        let now = try hooks.now()
        let result = try store.record(incident: incident, onto: current, knownSequence: last, author: DrillMark.author, at: now, now: now,
                                      policy: policy, routing: routing) { _ in command }
        var folded = current
        for stored in result.events { folded.apply(stored.event) }
        state = folded
        last = result.events.last?.sequence ?? last
    }
}
