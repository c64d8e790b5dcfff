import Testing
import WarRoomCore
import WarRoomTestSupport

/// A drill scenario as data: offsets as written, speeds from 1× to 60×, and the plan a runner with
/// a stepped clock plays (what is due between two readings, each cue once, never early).
@Suite struct DrillPlanTests {
    /// A small scenario: injects given out of order, two at one offset, deadlines and a contingency.
    static let scenario = DrillScenario(
        name: "small", title: "Small", objectives: ["practise"], severity: .sev2, service: "checkout", duration: .minutes(30),
        injects: [
            DrillInject(offset: .minutes(10), kind: .symptom("second at 10"), expectations: [
                DrillExpectation(role: .comms, action: .updatePosted(.executives), within: .minutes(5), points: 10,
                                 contingency: DrillInject(offset: .minutes(15), kind: .stakeholderMessage(from: "CEO", text: "ETA?"))),
            ]),
            DrillInject(offset: .zero, kind: .alert(payload: "{}"), expectations: [
                DrillExpectation(role: .commander, action: .severitySet(.sev1), within: .minutes(10), points: 15),
                DrillExpectation(role: .commander, action: .roleAssigned(.comms), within: .minutes(5), points: 5),
            ]),
            DrillInject(offset: .minutes(10), kind: .symptom("third at 10")),
            DrillInject(offset: .seconds(90), kind: .impact(ImpactReport(customerReported: true, payingAccounts: true))),
        ])

    @Test("Offsets as a scenario writes them: +HH:MM (hours, minutes), with seconds, or a compact span", arguments: [
        ("+00:05", TimeSpan.minutes(5)), ("00:05", .minutes(5)), ("+01:30", .minutes(90)), ("+1:30", .minutes(90)),
        ("+00:12:30", .seconds(750)), ("+00:00", .zero), (" +00:05 ", .minutes(5)), ("+11:59:59", .seconds(43_199)),
        ("+5m", .minutes(5)), ("+90s", .seconds(90)), ("+1h30m", .minutes(90)), ("5m", .minutes(5)),
    ])
    func offsets(_ written: String, _ span: TimeSpan) {
        #expect(DrillOffset.parse(written) == span)
    }

    @Test("What is not an offset is refused, never guessed", arguments: [
        "+5:00x", "5", "+5", "+", "", "+00:60", "+00:5", "+00:05:7", "+1:2:3:4", "-00:05", "+abc", "+100:00", "+00::05",
        "+:05", "+00:05:60", "+5x", "++00:05", "+1h30", "+m", "+00:05 later", "+99999999999m",
    ])
    func badOffsets(_ written: String) {
        #expect(DrillOffset.parse(written) == nil, "\(written)")
    }

    @Test("Offsets read back as the timeline shows them")
    func offsetText() {
        #expect(DrillOffset.text(.zero) == "+00:00" && DrillOffset.text(.minutes(5)) == "+00:05" && DrillOffset.text(.seconds(90)) == "+00:01:30")
        #expect(DrillOffset.text(.hours(12)) == "+12:00" && DrillOffset.text(.seconds(-5)) == "+00:00" && DrillOffset.text(TimeSpan(millis: 1_999)) == "+00:00:01")
        for seconds in stride(from: Int64(0), through: 43_200, by: 97) {
            #expect(DrillOffset.parse(DrillOffset.text(.seconds(seconds))) == .seconds(seconds))
        }
    }

    @Test("Speeds from 1× to 60×, as typed", arguments: [
        ("1x", Int64(100)), ("60x", 6_000), ("10", 1_000), ("10X", 1_000), ("10×", 1_000), ("2.5x", 250), ("1.25x", 125),
        (" 10x ", 1_000), ("10 x", 1_000), ("60.00x", 6_000), ("1.0", 100), ("007x", 700),
    ])
    func speeds(_ written: String, _ hundredths: Int64) throws {
        #expect(try DrillSpeed.parse(written).hundredths == hundredths)
    }

    @Test("Other speeds are refused, each saying what to write", arguments: [
        ("0x", "outside 1x to 60x"), ("0.5x", "outside 1x to 60x"), ("0.99x", "outside 1x to 60x"), ("61x", "outside 1x to 60x"),
        ("60.01x", "outside 1x to 60x"), ("100x", "outside 1x to 60x"), ("1000000000x", "is not a speed"), ("-1x", "is not a speed"),
        ("x", "is not a speed"), ("", "is not a speed"), ("ten", "is not a speed"), ("1.234x", "more than two decimals"),
        ("1e1", "is not a speed"), ("1.x", "is not a speed"), (".5x", "is not a speed"), ("10xx", "is not a speed"), ("1,5x", "is not a speed"),
    ])
    func badSpeeds(_ written: String, _ message: String) {
        #expect(throws: DrillSpeedError.self) { try DrillSpeed.parse(written) }
        do {
            _ = try DrillSpeed.parse(written)
        } catch {
            #expect(error.description.contains(message) && error.description.hasPrefix("'\(written)'"), "\(error.description)")
        }
    }

    @Test("Whole factors: 1 to 60 and no other; the label")
    func factors() throws {
        #expect(DrillSpeed(factor: 0) == nil && DrillSpeed(factor: 61) == nil && DrillSpeed(factor: -10) == nil)
        #expect(DrillSpeed(factor: 1) == .realTime && DrillSpeed(factor: 60) == .fastest && DrillSpeed(factor: 10)?.hundredths == 1_000)
        #expect(try DrillSpeed.parse("10x").description == "10×" && DrillSpeed.parse("2.5x").description == "2.5×"
                && DrillSpeed.parse("1.25x").description == "1.25×" && DrillSpeed.parse("1.05").description == "1.05×")
        #expect(try DrillSpeed.parse("2x") < DrillSpeed.parse("2.5x"))
    }

    @Test("Scenario time to the wall clock: an hour in a minute at 60×, 45 minutes in 4m30s at 10×")
    func scaling() throws {
        #expect(DrillSpeed.fastest.wall(.hours(1)) == .minutes(1))
        #expect(try DrillSpeed.parse("10x").wall(.minutes(45)) == .seconds(270))
        #expect(DrillSpeed.realTime.wall(.minutes(45)) == .minutes(45))
        #expect(try DrillSpeed.parse("2.5x").wall(.minutes(10)) == .minutes(4))
        #expect(try DrillSpeed.parse("7x").wall(TimeSpan(millis: 1)) == TimeSpan(millis: 1), "rounded up, never early")
        #expect(try DrillSpeed.parse("7x").wall(TimeSpan(millis: 10)) == TimeSpan(millis: 2))
        #expect(try DrillSpeed.parse("7x").scenario(TimeSpan(millis: 2)) == TimeSpan(millis: 14))
        #expect(DrillSpeed.fastest.scenario(.seconds(1)) == .minutes(1))
        #expect(DrillSpeed.fastest.wall(TimeSpan(millis: .max)).millis > 0 && DrillSpeed.fastest.scenario(TimeSpan(millis: .max)).millis > 0,
                "held at the ends, no trap")
        #expect(DrillSpeed.fastest.wall(.seconds(-60)) == .seconds(-1))
    }

    @Test("At every speed the wall instant of an offset is the first at which scenario time has reached it", arguments: [
        "1x", "1.01x", "1.5x", "2x", "3x", "7x", "9.99x", "10x", "13x", "33.33x", "59.99x", "60x",
    ])
    func firstInstant(_ factor: String) throws {
        let speed = try DrillSpeed.parse(factor)
        var generator = SeededGenerator(seed: 16)
        for _ in 0..<500 {
            let offset = TimeSpan(millis: Int64.random(in: 0...DrillScenario.longest.millis, using: &generator))
            let wall = speed.wall(offset)
            #expect(speed.scenario(wall) >= offset, "\(offset.millis) ms at \(factor)")
            #expect(wall.millis == 0 || speed.scenario(wall - TimeSpan(millis: 1)) < offset, "\(offset.millis) ms at \(factor): not the first")
        }
    }

    @Test("The scenario keeps injects by offset, in the file's order among equal offsets; points and expectations counted")
    func scenarioOrder() {
        let s = Self.scenario
        #expect(s.injects.map(\.offset) == [.zero, .seconds(90), .minutes(10), .minutes(10)])
        #expect(s.injects[2].kind == .symptom("second at 10") && s.injects[3].kind == .symptom("third at 10"))
        #expect(s.possiblePoints == 30 && s.expectations.map { "\($0.inject).\($0.index)" } == ["0.0", "0.1", "2.0"])
        #expect(!s.runsCommands && s.roles == [.commander, .comms, .tech, .scribe])
        var withCommand = s
        withCommand.injects[1].expectations = [DrillExpectation(role: .tech, action: .mitigationRecorded, within: .minutes(1), points: 1,
                                                                contingency: DrillInject(offset: .minutes(3), kind: .command(DrillCommand(name: "x", run: ["true"]))))]
        #expect(withCommand.runsCommands, "a contingency's command counts too")
    }

    @Test("The plan: injects, then deadlines, then the end at one offset; wall times at the speed")
    func cues() throws {
        let plan = DrillPlan(Self.scenario, speed: try DrillSpeed.parse("10x"))
        #expect(plan.cues.map(\.what) == [.inject(0), .inject(1), .deadline(inject: 0, expectation: 1), .inject(2), .inject(3),
                                           .deadline(inject: 0, expectation: 0), .deadline(inject: 2, expectation: 0), .end])
        #expect(plan.cues.map(\.offset) == [.zero, .seconds(90), .minutes(5), .minutes(10), .minutes(10), .minutes(10), .minutes(15), .minutes(30)])
        #expect(plan.cues.map(\.wall) == [.zero, .seconds(9), .seconds(30), .minutes(1), .minutes(1), .minutes(1), .seconds(90), .minutes(3)])
        #expect(plan.wallDuration == .minutes(3) && plan.scenarioTime(atWall: .seconds(30)) == .minutes(5) && plan.wall(.minutes(20)) == .minutes(2))
        let deadline = try #require(plan.cues.first { $0.what == .deadline(inject: 2, expectation: 0) })
        #expect(plan.inject(for: deadline)?.kind == .stakeholderMessage(from: "CEO", text: "ETA?"), "a missed deadline plays the contingency")
        #expect(plan.expectation(for: deadline)?.points == 10 && plan.expectation(for: plan.cues[0]) == nil)
        #expect(plan.inject(for: plan.cues[0])?.kind == .alert(payload: "{}") && plan.inject(for: plan.cues[2]) == nil, "no contingency: nothing")
        #expect(plan.inject(for: try #require(plan.cues.last)) == nil)
        #expect(plan.inject(for: DrillPlan.Cue(offset: .zero, wall: .zero, what: .inject(99))) == nil, "an index from elsewhere: nothing, no trap")
        #expect(plan.inject(for: DrillPlan.Cue(offset: .zero, wall: .zero, what: .deadline(inject: 0, expectation: 7))) == nil)
    }

    @Test("Due between two readings: after excluded, through included, nil before the start")
    func boundaries() throws {
        let plan = DrillPlan(Self.scenario, speed: try DrillSpeed.parse("10x"))
        #expect(plan.due(after: nil, through: .zero).map(\.what) == [.inject(0)], "+00:00 is due at the start")
        #expect(plan.due(after: .zero, through: .zero).isEmpty)
        #expect(plan.due(after: .zero, through: .seconds(9)).map(\.what) == [.inject(1)], "exactly at its instant")
        #expect(plan.due(after: .zero, through: TimeSpan(millis: 8_999)).isEmpty, "a millisecond early: not yet")
        #expect(plan.due(after: .seconds(9), through: .minutes(1)).map(\.what)
                == [.deadline(inject: 0, expectation: 1), .inject(2), .inject(3), .deadline(inject: 0, expectation: 0)])
        #expect(plan.due(after: .minutes(1), through: .hours(5)).map(\.what) == [.deadline(inject: 2, expectation: 0), .end])
        #expect(plan.due(after: nil, through: .seconds(-1)).isEmpty && plan.due(after: .minutes(3), through: .hours(1)).isEmpty)
        #expect(plan.due(after: .minutes(2), through: .minutes(1)).isEmpty, "a clock read backwards plays nothing")
        #expect(plan.next(after: nil)?.what == .inject(0) && plan.next(after: .zero)?.what == .inject(1) && plan.next(after: .minutes(3)) == nil)
        let start = t0
        #expect(plan.due(start: start, after: start + .seconds(9), through: start + .minutes(1)) == plan.due(after: .seconds(9), through: .minutes(1)))
        #expect(plan.due(start: start, after: nil, through: start).map(\.what) == [.inject(0)])
        #expect(plan.instant(of: plan.cues[1], start: start) == start + .seconds(9))
    }

    @Test("A stepped clock plays every cue once, in order, never early and within one step", arguments: [
        ("1x", Int64(7_000)), ("10x", 1_000), ("10x", 333), ("60x", 250), ("60x", 1), ("2.5x", 9_999), ("60x", 600_000),
    ])
    func steppedClock(_ factor: String, _ stepMillis: Int64) throws {
        let plan = DrillPlan(Self.scenario, speed: try DrillSpeed.parse(factor))
        let step = TimeSpan(millis: stepMillis)
        var played: [(cue: DrillPlan.Cue, at: TimeSpan)] = []
        var last: TimeSpan?
        var now = TimeSpan.zero
        while last.map({ $0 <= plan.wallDuration }) ?? true {
            for cue in plan.due(after: last, through: now) { played.append((cue, now)) }
            last = now
            now = now + step
        }
        #expect(played.map(\.cue) == plan.cues, "each once, in the plan's order")
        for (cue, at) in played {
            #expect(at >= cue.wall && at - cue.wall < step, "\(cue.what) due at \(cue.wall.millis) ms, played at \(at.millis) ms")
        }
    }

    @Test("An impact inject names the core's automatic upgrade: data integrity SEV1, customer-reported on paying accounts SEV2")
    func upgrades() {
        func inject(_ report: ImpactReport) -> DrillInject { DrillInject(offset: .zero, kind: .impact(report)) }
        #expect(inject(ImpactReport(dataIntegrity: true)).upgrade(from: .sev3).map { [$0.0 == .sev1, $0.1 == .dataIntegrity] } == [true, true])
        #expect(inject(ImpactReport(customerReported: true, payingAccounts: true)).upgrade(from: .sev4).map { "\($0.0.label) \($0.1.rawValue)" }
                == "SEV2 customer-reported-paying-accounts")
        #expect(inject(ImpactReport(customerReported: true, payingAccounts: true)).upgrade(from: .sev1) == nil, "never a downgrade")
        #expect(inject(ImpactReport(customerReported: true)).upgrade(from: .sev4) == nil, "customer-reported alone is no trigger")
        #expect(inject(ImpactReport(usersAffectedPercent: 80)).upgrade(from: .sev3) == nil, "no baseline: nothing doubled")
        #expect(DrillInject(offset: .zero, kind: .symptom("x")).upgrade(from: .sev4) == nil)
    }

    @Test("The action vocabulary: one name per action, each detail key named once per action, the wording")
    func vocabulary() {
        #expect(Set(DrillAction.Kind.names).count == DrillAction.Kind.allCases.count)
        #expect(DrillAction.Kind.allCases.filter(\.needsDetail) == [.statusSet] && DrillAction.Kind.statusSet.detailKey == "status")
        let actions: [DrillAction] = [.severitySet(.sev1), .roleAssigned(.comms), .updatePosted(nil), .hypothesisRecorded, .hypothesisDecided(.ruledOut),
                                      .escalated(target: nil), .paged(target: "aws-support"), .runbookOpened("db"), .mitigationRecorded,
                                      .statusSet(.monitoring), .entryLogged(.decision), .impactRecorded]
        #expect(actions.map(\.kind) == DrillAction.Kind.allCases, "one sample per kind, in order")
        #expect(actions.map(\.wording) == [
            "sets the severity (SEV1 or more severe)", "assigns the Communications Lead", "posts a status update",
            "records a hypothesis with its timebox", "decides the hypothesis (ruled-out)", "escalates to the next tier", "pages aws-support",
            "opens the runbook db", "records mitigation (status mitigating)", "sets the status to monitoring", "logs a decision", "records the impact",
        ])
        #expect(DrillInject.Kind.keys == [DrillInject.Kind.alert(payload: ""), .symptom(""), .stakeholderMessage(from: "", text: ""), .impact(ImpactReport()),
                                          .roleLeaves(.tech, reason: nil), .hypothesisWrong(hypothesis: "", evidence: ""),
                                          .command(DrillCommand(name: "", run: []))].map(\.key))
    }
}
