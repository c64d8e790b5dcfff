/// A hypothesis's timebox at an instant.
public struct HypothesisClock: Hashable, Sendable {
    public var hypothesis: Hypothesis
    /// Time left, or how long the timebox has been expired.
    public var timing: Timing
    /// Share of the timebox used, 0…1, for progress bars (1 once expired).
    public var fractionUsed: Double
    /// The choices the IC owes once the timebox ran out; empty while time is left.
    public var decisionOwed: [HypothesisVerdict]

    /// True when the timebox ran out and no decision was recorded.
    public var isExpired: Bool { timing.isOverdue }
}

extension IncidentState {
    /// The clocks of running hypotheses, in number order.
    public func hypothesisClocks(at now: Timestamp) -> [HypothesisClock] {
        hypotheses.filter(\.isRunning).map { hypothesis in
            let timing = Timing(deadline: hypothesis.deadline, now: now)
            let total = hypothesis.deadline - hypothesis.openedAt
            let used = now - hypothesis.openedAt
            let fraction = total.millis > 0 ? min(1, max(0, Double(used.millis) / Double(total.millis))) : 1
            // The seed: pivot (rule it out), extend once, or escalate.
            let owed: [HypothesisVerdict] = timing.isOverdue
                ? (hypothesis.extended ? [.ruledOut, .escalated] : [.ruledOut, .extended, .escalated]) : []
            return HypothesisClock(hypothesis: hypothesis, timing: timing, fractionUsed: fraction, decisionOwed: owed)
        }
    }
}
