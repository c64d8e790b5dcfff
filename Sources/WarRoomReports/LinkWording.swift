import WarRoomCore
import WarRoomText

/// How a linked incident is said, by the CLI and the war room alike: what it is to this one, its
/// severity and status, and when its next status update is due.
public enum LinkWording {
    /// When the linked incident's next update is due, at `now`: `due in 4m`, `overdue by 2m`,
    /// `none owed` (resolved and all-clear sent, or closed).
    public static func nextUpdate(_ state: IncidentState, policy: Policy, now: Timestamp) -> (text: String, overdue: Bool) {
        guard let (span, overdue) = nextUpdateClock(state, policy: policy, now: now) else { return ("none owed", false) }
        return (overdue ? "overdue by \(span)" : "due in \(span)", overdue)
    }

    /// How long until the next update is due (`10m`, rounded up: 9m59s left is 10m) or how late it
    /// is (`3m`, rounded down), in whole minutes from a minute on; nil when none is owed.
    public static func nextUpdateClock(_ state: IncidentState, policy: Policy, now: Timestamp) -> (String, overdue: Bool)? {
        guard let countdown = state.updateCountdown(policy: policy) else { return nil }
        return clock(until: countdown.nextDue, now: now)
    }

    /// The time left until `deadline` (or how late it is), in `minutes`' rounding.
    public static func clock(until deadline: Timestamp, now: Timestamp) -> (String, overdue: Bool) {
        switch Timing(deadline: deadline, now: now) {
        case .due(let left): (minutes(left, overdue: false), false)
        case .overdue(let late): (minutes(late, overdue: true), true)
        }
    }

    /// A clock in whole minutes from a minute on: time left rounded up (9m59s is 10m), time late
    /// rounded down, so neither says more than is true; seconds under a minute.
    public static func minutes(_ span: TimeSpan, overdue: Bool) -> String {
        let seconds = max(0, span.seconds)
        guard seconds >= 60 else { return "\(seconds)s" }
        let minutes = overdue ? seconds / 60 : (seconds + 59) / 60
        return TimeSpan.seconds(minutes * 60).compact
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
