import Foundation
import Testing
@testable import WarRoomCLI
import WarRoomConfig
import WarRoomCore
import WarRoomReports
@testable import WarRoomStore
import WarRoomTestSupport

/// `DrillRunner` playing the shipped bad-config-deploy scenario at 60× on a pinned clock stepped a
/// second at a time, into a real SQLite store, while scripted players record into the same store:
/// injects land at their offsets, expectations are decided from the record, contingencies play,
/// and the debrief of a passive, a scripted and a perfect team matches its golden file.
@Suite struct DrillRunnerTests {
    static let t0 = Timestamp(millis: 1_796_392_800_000) // 2026-12-04T14:00:00Z
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    /// One player's move, `second` wall-clock seconds after the start.
    struct Move {
        var second: Int64
        var author: String
        var command: Command
    }

    /// What a played drill left.
    struct Played {
        var id: IncidentID
        var events: [Event]
        var lines: [String]
        var scenario: DrillScenario
        var runner: DrillRunner
    }

    static func scenario(_ name: String = "bad-config-deploy") throws -> (DrillScenario, String) {
        let entry = try #require(DrillScenarioCatalog.builtIn(name, checkAlert: DrillGroup.checkAlert))
        guard case .success(let source) = DrillScenarioCatalog.source(of: entry, checkAlert: DrillGroup.checkAlert) else {
            Issue.record("the shipped \(name) does not read")
            throw CancellationError()
        }
        return (source.scenario, source.text)
    }

    /// Plays `scenario` at `speed` with a clock stepped by `step`, the players' `moves` recorded
    /// as their times come, and `controls` given at their seconds.
    static func play(_ moves: [Move], speed: Int = 60, step: TimeSpan = .seconds(1), controls: [Int64: DrillControl] = [:],
                     scenario: (DrillScenario, String)? = nil) throws -> Played {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteEventStore(path: directory.path + "/drill.db")
        let (played, text) = try scenario ?? Self.scenario()
        var now = t0
        var lines: [String] = []
        var pending = moves.sorted { $0.second < $1.second }
        var given = controls
        var id: IncidentID = ""
        func act() throws {
            while let move = pending.first, t0 + .seconds(move.second) <= now {
                pending.removeFirst()
                let stored = try store.events(of: id, after: 0)
                let state = try #require(IncidentState.fold(stored.map(\.event)))
                _ = try store.record(incident: id, onto: state, knownSequence: stored.last?.sequence ?? 0, author: move.author, at: now,
                                     now: now, policy: .standard) { _ in move.command }
            }
        }
        let runner = DrillRunner(
            store: store, policy: .standard, routing: nil, scenario: played, speed: try #require(DrillSpeed(factor: speed)),
            source: (played.name, DrillScenarioCatalog.builtInLabel(played.name), text), allowCommands: false, gameMaster: "gm",
            hooks: DrillRunner.Hooks(
                now: { now },
                wait: { _ in
                    now = now + step
                    do { try act() } catch { Issue.record("a player's move was refused: \(error)") }
                    let second = (now - t0).millis / 1000
                    return (now - t0).millis % 1000 == 0 ? given.removeValue(forKey: second) : nil
                },
                say: { lines.append($0) },
                run: { argv in CommandRun(command: argv, exitStatus: 0, durationMillis: 0) }))
        id = try runner.start(title: nil)
        try runner.play()
        let events = try store.events(of: id, after: 0).map(\.event)
        return Played(id: id, events: events, lines: lines, scenario: played, runner: runner)
    }

    static func debrief(_ played: Played) throws -> String {
        let state = try #require(IncidentState.fold(played.events))
        let drill = try #require(state.drill)
        let score = DrillScoring.score(played.scenario, events: played.events, now: drill.ended ?? t0)
        return DrillDebrief.markdown(score, facts: DrillDebrief.Facts(
            incident: played.id, title: state.title, scenario: played.scenario, started: drill.started, ended: drill.ended,
            endReason: drill.endReason, speed: state.drillSpeed ?? .realTime))
    }

    // MARK: Teams

    static func move(_ second: Int64, _ author: String, _ command: Command) -> Move { Move(second: second, author: author, command: command) }

    /// Every expectation met in time, every rule of the method kept (60×: a wall second is a
    /// scenario minute).
    static let perfect: [Move] = [
        move(1, "alice", .assignRole(.commander, person: "alice")),
        move(1, "alice", .setSeverity(.sev1, reason: "every region is down")),
        move(2, "alice", .assignRole(.comms, person: "carol")),
        move(2, "alice", .assignRole(.tech, person: "dave")),
        move(2, "alice", .assignRole(.scribe, person: "erin")),
        move(4, "carol", .postUpdate(audience: .engineering, text: "Edge answers 502 everywhere; SEV1; roles assigned.")),
        move(7, "dave", .openHypothesis(text: "a DDoS attack is saturating the edge", owner: "dave", timebox: nil)),
        move(7, "dave", .openHypothesis(text: "the WAF rule release burns the CPU", owner: "dave", timebox: nil)),
        move(8, "dave", .useRunbook(RunbookUse(runbook: "edge-config-rollback", action: .opened))),
        move(9, "alice", .setStatus(.status(.mitigating), reason: "WAF managed rules off globally", force: false)),
        move(12, "alice", .decideHypothesis(number: 1, verdict: .ruledOut, extendedBy: nil, note: "request rates normal", markIdentified: false)),
        move(16, "carol", .postUpdate(audience: .executives, text: "Mitigated by switching the WAF rules off; ETA for full service: minutes.")),
        move(20, "alice", .decideHypothesis(number: 2, verdict: .confirmed, extendedBy: nil, note: "profiles show the regex", markIdentified: false)),
        move(21, "carol", .postUpdate(audience: .customers, text: "Sites behind our edge answered 502 errors; fixed, monitoring.")),
        move(31, "alice", .setStatus(.status(.monitoring), reason: "502 ratio back to normal", force: false)),
        move(33, "carol", .postUpdate(audience: .engineering, text: "Monitoring; the rule is rolled back.")),
    ]

    /// Some in time, some late, some never: a team that has not practised.
    static let scripted: [Move] = [
        move(2, "alice", .assignRole(.commander, person: "alice")),
        move(6, "dave", .openHypothesis(text: "a DDoS attack is saturating the edge", owner: "dave", timebox: nil)),
        move(8, "alice", .setSeverity(.sev1, reason: "every region is down")),
        move(9, "alice", .assignRole(.tech, person: "dave")),
        move(12, "carol", .postUpdate(audience: .engineering, text: "Looking into 502s.")),
        move(17, "carol", .postUpdate(audience: .executives, text: "No ETA yet.")),
        move(26, "alice", .decideHypothesis(number: 1, verdict: .ruledOut, extendedBy: nil, note: nil, markIdentified: false)),
        move(27, "dave", .useRunbook(RunbookUse(runbook: "edge-config-rollback", action: .opened))),
        move(28, "alice", .setStatus(.status(.mitigating), reason: nil, force: false)),
    ]

    // MARK: Tests

    @Test("at 60× on a clock stepped a second: every inject lands at its offset within one step, and the drill ends on time")
    func injectsOnTime() throws {
        let played = try Self.play([])
        let state = try #require(IncidentState.fold(played.events))
        let drill = try #require(state.drill)
        let start = try #require(drill.started)
        let plan = DrillPlan(played.scenario, speed: try #require(DrillSpeed(factor: 60)))
        #expect(state.isDrill && state.drillSpeed == DrillSpeed(factor: 60))
        for (index, inject) in played.scenario.injects.enumerated() {
            let at = try #require(drill.played(index), "inject \(index) was not played")
            let late = at - (start + plan.wall(inject.offset))
            #expect(late >= .zero && late <= .seconds(1), "inject \(index) at \(DrillOffset.text(inject.offset)) landed \(late.millis) ms late")
        }
        let ended = try #require(drill.ended)
        #expect(ended - start >= plan.wallDuration && ended - start <= plan.wallDuration + .seconds(1))
        #expect(drill.endReason == "the scenario's 45m are over")
        // The runner's own rows are authored `drill`; the first alert is tagged detection, its key the drill's own.
        let alerts = played.events.compactMap { event -> Entry? in
            if case .entry(let entry) = event.payload, entry.alert != nil { return entry }
            return nil
        }
        #expect(alerts.count == 2 && alerts[0].tags == [.detection] && alerts[1].tags.isEmpty)
        #expect(alerts.allSatisfy { $0.alert?.key.hasPrefix("drill/\(played.id)/") == true && $0.alert?.startsAt == start })
        #expect(played.events.dropFirst().allSatisfy { $0.author == DrillMark.author })
    }

    @Test("a passive team: every expectation missed, each contingency played, the golden debrief")
    func passiveTeam() throws {
        let played = try Self.play([])
        let state = try #require(IncidentState.fold(played.events))
        let contingencies = state.drill?.marks.filter { $0.mark.action == .contingency }.count
        #expect(contingencies == played.scenario.expectations.filter { $0.expectation.contingency != nil }.count)
        #expect(played.lines.contains("+00:05   MISSED   commander sets the severity (SEV1 or more severe)"), "\(played.lines)")
        #expect(played.lines.last?.hasPrefix("Score: 0/") == true)
        GoldenFile.check(try Self.debrief(played), directory: Self.goldens, name: "drill-debrief-passive.md", suite: "DrillRunnerTests")
    }

    @Test("a scripted team: the score and the evidence of each item from the record, the golden debrief")
    func scriptedTeam() throws {
        let played = try Self.play(Self.scripted)
        let score = DrillScoring.score(played.scenario, events: played.events, now: Self.t0 + .minutes(5))
        let byTitle = Dictionary(score.items.map { ($0.title, $0) }, uniquingKeysWith: { first, _ in first })
        let severity = try #require(byTitle["commander sets the severity (SEV1 or more severe) within 5m of +00:00"])
        #expect(severity.outcome == .missed && severity.evidence.contains("done later, at 14:00:08 by alice"), "\(severity.evidence)")
        let hypothesis = try #require(byTitle["tech records a hypothesis with its timebox within 8m of +00:06"])
        #expect(hypothesis.outcome == .met && hypothesis.evidence.contains("by dave (holding no role) at 14:00:06"), "\(hypothesis.evidence)")
        let roles = try #require(byTitle[DrillRule.rolesBeforeHypothesis.title])
        #expect(roles.outcome == .missed && roles.evidence.hasPrefix("no Communications Lead, Technical Lead, Scribe"), "\(roles.evidence)")
        #expect(score.earned > 0 && score.earned < score.possible)
        GoldenFile.check(try Self.debrief(played), directory: Self.goldens, name: "drill-debrief-scripted.md", suite: "DrillRunnerTests")
    }

    @Test("a perfect team: every expectation met and every rule that applies kept, no contingency, the golden debrief")
    func perfectTeam() throws {
        let played = try Self.play(Self.perfect)
        let score = DrillScoring.score(played.scenario, events: played.events, now: Self.t0 + .minutes(5))
        #expect(score.missed.map(\.title) == [], "\(score.missed.map { "\($0.title): \($0.evidence)" })")
        #expect(score.earned == score.possible && score.possible >= played.scenario.possiblePoints)
        #expect(score.runbooksUsed == ["edge-config-rollback"])
        #expect(score.players == ["alice (commander)", "carol (comms)", "dave (tech)", "erin (scribe)"])
        let state = try #require(IncidentState.fold(played.events))
        #expect(state.drill?.marks.contains { $0.mark.action == .contingency } == false)
        GoldenFile.check(try Self.debrief(played), directory: Self.goldens, name: "drill-debrief-perfect.md", suite: "DrillRunnerTests")
    }

    @Test("scoring an ended drill records a test of each runbook the players opened, by its first user, once per drill")
    func runbooksTested() throws {
        let played = try Self.play(Self.perfect)
        let score = DrillScoring.score(played.scenario, events: played.events, now: Self.t0 + .minutes(5))
        let tests = DrillScoreCommand.runbookTests(score, incident: played.id, events: played.events, earlier: [], fallback: "gm")
        #expect(tests == [RunbookTest(name: "edge-config-rollback", by: "dave", notes: "drill \(played.id)")])
        #expect(DrillScoreCommand.runbookTests(score, incident: played.id, events: played.events, earlier: tests, fallback: "gm").isEmpty)
        // Another drill's test of it does not count as this one's.
        let other = RunbookTest(name: "edge-config-rollback", by: "zoe", notes: "drill INC-99")
        #expect(DrillScoreCommand.runbookTests(score, incident: played.id, events: played.events, earlier: [other], fallback: "gm") == tests)
        let passive = try Self.play([])
        let none = DrillScoring.score(passive.scenario, events: passive.events, now: Self.t0 + .minutes(5))
        #expect(DrillScoreCommand.runbookTests(none, incident: passive.id, events: passive.events, earlier: [], fallback: "gm").isEmpty)
    }

    @Test("the game master's controls: a pause holds the script, skip drops an inject unscored, play-now jumps to the next, end stops")
    func controls() throws {
        // Pause at 2 s for 5 s: the +00:03 inject lands at 8 s, not 3 s; skip the +00:06 one;
        // play the +00:10 one now at 10 s (it was due at 15 s after the pause), so the +00:15 one
        // keeps its distance and lands at 15 s; end at 20 s, as the +00:20 one falls due.
        let played = try Self.play([], controls: [2: .pauseOrResume, 7: .pauseOrResume, 9: .skip, 10: .playNow, 20: .end])
        let state = try #require(IncidentState.fold(played.events))
        let drill = try #require(state.drill)
        let start = try #require(drill.started)
        #expect(drill.played(1).map { $0 - start } == .seconds(8))
        #expect(drill.skipped(2) && drill.played(2) == nil)
        #expect(drill.played(3).map { $0 - start } == .seconds(10))
        #expect(drill.played(4).map { $0 - start } == .seconds(15))
        #expect(drill.played(5) == nil)
        #expect(drill.endReason?.hasPrefix("ended by the game master at +00:") == true)
        // Every mark was recorded (a pause's offset is whole seconds, as a span is stored).
        #expect(!played.lines.contains { $0.contains("NOT recorded") }, "\(played.lines)")
        let holds: [DrillMark.Action] = drill.marks.map(\.mark.action).filter { $0 == .paused || $0 == .resumed }
        #expect(holds == [.paused, .resumed])
        let score = DrillScoring.score(played.scenario, events: played.events, now: start + .seconds(30))
        let skipped = score.items.filter { if case .expectation(2, _) = $0.source { true } else { false } }
        #expect(skipped.count == 3 && skipped.allSatisfy { $0.outcome == .notScored && $0.evidence == "the inject was skipped by the game master" })
        let unplayed = score.items.filter { if case .expectation(5, _) = $0.source { true } else { false } }
        #expect(!unplayed.isEmpty && unplayed.allSatisfy { $0.outcome == .notScored && $0.evidence == "the drill ended before the inject was played" })
        #expect(played.lines.contains { $0.contains("PAUSED") } && played.lines.contains { $0.contains("SKIPPED  +00:06") })
    }

    @Test("at 10× the drill's own countdowns run ten times faster, a real incident's not at all")
    func pacedCountdowns() throws {
        var drillScenario = Scenario(now: Self.t0)
        drillScenario.must(.declare(Declaration(title: "drill", severity: .sev1, isDrill: true, drillSpeed: DrillSpeed(factor: 10))))
        var realScenario = Scenario(now: Self.t0)
        realScenario.must(.declare(Declaration(title: "real", severity: .sev1)))
        let drill = try #require(drillScenario.state), real = try #require(realScenario.state)
        #expect(drill.updateCountdown(policy: .standard)?.nextDue == Self.t0 + .minutes(1))
        #expect(real.updateCountdown(policy: .standard)?.nextDue == Self.t0 + .minutes(10))
        #expect(drill.obligations(policy: .standard).first { $0.kind == .rootCauseEscalation }?.deadline == Self.t0 + .minutes(3))
        #expect(real.obligations(policy: .standard).first { $0.kind == .rootCauseEscalation }?.deadline == Self.t0 + .minutes(30))
    }
}
