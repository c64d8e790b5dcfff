// Shared by the `command` and `jsonl` harnesses (Fuzz/run compiles it into both).
import WarRoomCore

/// Everything the war room and `warroom status` compute from a state, with every instant formatted
/// as they show it.
func evaluateRules(_ state: IncidentState, now: Timestamp) {
    for alert in state.alerts(policy: .standard, now: now) { _ = alert.deadline?.clockTime }
    _ = state.mostUrgentAlert(policy: .standard, now: now)
    for obligation in state.obligations(policy: .standard) {
        _ = obligation.timing(at: now)
        _ = obligation.deadline.iso8601
    }
    for clock in state.hypothesisClocks(at: now) { _ = clock.hypothesis.deadline.iso8601 }
    for hypothesis in state.hypotheses { _ = hypothesis.deadline.iso8601 }
    _ = state.metrics
}
