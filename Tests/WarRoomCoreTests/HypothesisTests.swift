import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Hypothesis timeboxes")
struct HypothesisTests {
    @Test("Remaining time comes from the stored deadline (15 min default)")
    func remaining() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.openHypothesis(text: "bad config deploy", owner: "bob", timebox: nil))
        let hypothesis = try #require(scenario.s.hypothesis(number: 1))
        #expect(hypothesis.deadline == t0 + .minutes(15))
        scenario.advance(.minutes(6))
        let clock = try #require(scenario.s.hypothesisClocks(at: scenario.now).first)
        #expect(clock.timing == .due(in: .minutes(9)))
        #expect(abs(clock.fractionUsed - 0.4) < 0.0001)
        #expect(clock.decisionOwed.isEmpty)
    }

    @Test("An expired hypothesis owes a decision: pivot, extend once or escalate")
    func expired() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.openHypothesis(text: "cache stampede", owner: nil, timebox: .minutes(10)))
        scenario.advance(.minutes(12))
        let clock = try #require(scenario.s.hypothesisClocks(at: scenario.now).first)
        #expect(clock.isExpired)
        #expect(clock.decisionOwed == [.ruledOut, .extended, .escalated])
        let alert = try #require(scenario.alerts().first { $0.subject == .hypothesis(1) })
        #expect(alert.level == .critical)
        #expect(alert.message.contains("pivot") && alert.message.contains("extend once") && alert.message.contains("escalate"))
    }

    @Test("Extend once: the deadline moves, a second extension is refused")
    func extendOnce() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.openHypothesis(text: "DNS", owner: "bob", timebox: nil))
        scenario.advance(.minutes(16))
        scenario.must(.decideHypothesis(number: 1, verdict: .extended, extendedBy: nil, note: nil, markIdentified: true))
        #expect(scenario.s.hypothesis(number: 1)?.deadline == t0 + .minutes(31), "extended from now, since it had expired")
        #expect(throws: CommandError.alreadyExtended(number: 1)) {
            try scenario.run(.decideHypothesis(number: 1, verdict: .extended, extendedBy: nil, note: nil, markIdentified: true))
        }
        scenario.advance(.minutes(20))
        let clock = try #require(scenario.s.hypothesisClocks(at: scenario.now).first)
        #expect(clock.decisionOwed == [.ruledOut, .escalated], "once extended, the choices are pivot or escalate")
    }

    @Test("Ruling out or escalating stops the clock")
    func stopsClock() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.openHypothesis(text: "A", owner: nil, timebox: nil))
        scenario.must(.openHypothesis(text: "B", owner: nil, timebox: nil))
        scenario.must(.decideHypothesis(number: 1, verdict: .ruledOut, extendedBy: nil, note: "metrics clean", markIdentified: true))
        scenario.must(.decideHypothesis(number: 2, verdict: .escalated, extendedBy: nil, note: nil, markIdentified: true))
        scenario.advance(.hours(1))
        #expect(scenario.s.hypothesisClocks(at: scenario.now).isEmpty)
        #expect(!scenario.alerts().contains { if case .hypothesis = $0.subject { true } else { false } })
        #expect(scenario.s.hypothesis(number: 1)?.state == .ruledOut)
        #expect(scenario.s.hypothesis(number: 2)?.state == .escalated)
    }

    @Test("Confirming one marks the incident identified (unless asked not to)")
    func confirmIdentifies() {
        var scenario = Scenario.declared(.sev1)
        scenario.must(.openHypothesis(text: "bad config", owner: "bob", timebox: nil))
        scenario.advance(.minutes(4))
        scenario.must(.decideHypothesis(number: 1, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: true))
        #expect(scenario.s.status == .identified)
        #expect(scenario.s.identifiedAt == t0 + .minutes(4))
        #expect(scenario.s.rootCauseKnown)

        var quiet = Scenario.declared(.sev1)
        quiet.must(.openHypothesis(text: "bad config", owner: "bob", timebox: nil))
        quiet.must(.decideHypothesis(number: 1, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: false))
        #expect(quiet.s.status == .investigating)
        #expect(quiet.s.rootCauseKnown, "the root cause is known even without the status move")
    }

    @Test("Confirming while mitigating records the root cause without moving the status back")
    func confirmWhileMitigating() {
        var scenario = Scenario.declared(.sev1)
        scenario.must(.setStatus(.status(.mitigating), reason: "rolling back first", force: false))
        scenario.must(.openHypothesis(text: "bad config", owner: "bob", timebox: nil))
        scenario.must(.decideHypothesis(number: 1, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: true))
        #expect(scenario.s.status == .mitigating)
        #expect(scenario.s.rootCauseKnown)
        #expect(!scenario.s.obligations(policy: scenario.policy).contains { $0.kind == .rootCauseEscalation })
    }

    @Test("Unknown or decided hypotheses are refused with the valid choices")
    func refusals() {
        var scenario = Scenario.declared(.sev2)
        #expect(throws: CommandError.unknownHypothesis(1, valid: [])) {
            try scenario.run(.decideHypothesis(number: 1, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: true))
        }
        scenario.must(.openHypothesis(text: "A", owner: nil, timebox: nil))
        scenario.must(.openHypothesis(text: "B", owner: nil, timebox: nil))
        scenario.must(.decideHypothesis(number: 1, verdict: .ruledOut, extendedBy: nil, note: nil, markIdentified: true))
        #expect(throws: CommandError.unknownHypothesis(7, valid: [2])) {
            try scenario.run(.decideHypothesis(number: 7, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: true))
        }
        #expect(throws: CommandError.hypothesisNotOpen(number: 1, state: .ruledOut)) {
            try scenario.run(.decideHypothesis(number: 1, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: true))
        }
        #expect(CommandError.unknownHypothesis(7, valid: [2]).description == "no hypothesis #7: use one of #2")
    }

    @Test("Timeboxes must be positive and at most a day")
    func timeboxBounds() {
        var scenario = Scenario.declared(.sev2)
        #expect(throws: CommandError.invalidTimebox(.zero)) {
            try scenario.run(.openHypothesis(text: "A", owner: nil, timebox: .zero))
        }
        #expect(throws: CommandError.invalidTimebox(.hours(25))) {
            try scenario.run(.openHypothesis(text: "A", owner: nil, timebox: .hours(25)))
        }
    }
}
