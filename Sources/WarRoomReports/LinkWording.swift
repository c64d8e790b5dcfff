import WarRoomCore
import WarRoomText

/// How a linked incident is said, by the CLI and the war room alike: what it is to this one, its
/// severity and status, and when its next status update is due.
public enum LinkWording {
    /// When the linked incident's next update is due, at `now`: `due in 4m`, `overdue by 2m`,
    /// `none owed` (resolved and all-clear sent, or closed).
    public static func nextUpdate(_ state: IncidentState, policy: Policy, now: Timestamp) -> (text: String, overdue: Bool) {
        guard let countdown = state.updateCountdown(policy: policy) else { return ("none owed", false) }
        switch countdown.timing(at: now) {
        case .due(let left): return ("due in \(TimeSpan.seconds(max(0, left.seconds)).compact)", false)
        case .overdue(let late): return ("overdue by \(TimeSpan.seconds(max(0, late.seconds)).compact)", true)
        }
    }

    /// `the parent of INC-9: SEV2 mitigated, next update due in 4m — "Payments queue backlog"`;
    /// `related to INC-2 (not in this store)` when the other incident cannot be read here.
    public static func line(_ relation: LinkGraph.Relation, state: IncidentState?, policy: Policy, now: Timestamp) -> String {
        let head = "\(relation.view.phrase) \(relation.other)"
        guard let state else { return Sanitizer.clean(head + " (not in this store)") }
        let update = nextUpdate(state, policy: policy, now: now).text
        return Sanitizer.clean(head + ": \(state.severity.label) \(state.status.rawValue), next update \(update) — \"\(state.title)\"")
    }
}
