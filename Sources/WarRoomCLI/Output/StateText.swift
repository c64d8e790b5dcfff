import WarRoomCore
import WarRoomText

/// `show` as text: what an IC reads first, in the order they need it. Every piece of stored text
/// goes through the sanitizer.
enum StateText {
    static func render(_ state: IncidentState, policy: Policy, now: Timestamp, recent: Int = 10) -> String {
        let clean = { (text: String) in Sanitizer.clean(text) }
        var lines: [String] = []
        var title = "\(state.id)  \(state.isDrill ? "DRILL  " : "")\(state.severity.label) \(state.severity.name)  \(state.status.rawValue)  \(clean(state.title))"
        if let service = state.service { title += " [\(clean(service))]" }
        lines.append(title)
        if let summary = state.summary { lines.append("  " + clean(summary)) }
        // A time of another day than today carries its date: "13:50" alone reads as today's.
        func when(_ instant: Timestamp) -> String {
            instant.startOfDay == now.startOfDay ? instant.clockTime : "\(instant.dateOnly) \(instant.clockTime)"
        }
        // T+ stops at resolution: after it, the total.
        let elapsed = state.resolvedAt.map { "resolved after \(($0 - state.detectedAt).elapsedClock) from detection" }
            ?? "T+\((now - state.detectedAt).elapsedClock) since detection"
        var times = "Declared \(when(state.declaredAt)) UTC (\(elapsed))"
        times += " · detected \(when(state.detectedAt))"
        if let started = state.impactStartedAt { times += " · impact since \(when(started))" }
        lines.append(times)

        lines.append("Roles:  " + state.listedRoles.map { role in
            let label = role.label
            guard let holder = state.roles[role] else { return "\(label) — vacant" }
            return "\(label) \(clean(holder.person)) (since \(holder.since.hourMinute))"
        }.joined(separator: " · "))

        // Most urgent first: each audience has its own clock.
        for countdown in state.updateCountdowns(policy: policy).sorted(by: { $0.nextDue < $1.nextDue }) {
            let timing = countdown.timing(at: now)
            let when: String
            switch timing {
            case .due(let left): when = "due in \(left.clock) (at \(countdown.nextDue.clockTime))"
            case .overdue(let by): when = "OVERDUE by \(by.clock) (was due \(countdown.nextDue.clockTime))"
            }
            let last = countdown.lastPosted.map { "last \($0.at.clockTime)" } ?? "none posted yet"
            let cadence = countdown.isAllClear ? "" : " · cadence \(countdown.cadence.compact)"
            lines.append("\(countdown.title): \(when)\(cadence) · \(last)")
        }

        let clocks = state.hypothesisClocks(at: now)
        let decided = state.hypotheses.filter { !$0.isRunning }
        if !clocks.isEmpty || !decided.isEmpty {
            lines.append("Hypotheses:")
            for clock in clocks {
                let h = clock.hypothesis
                let owner = h.owner.map { " (\(clean($0)))" } ?? ""
                let timing: String
                switch clock.timing {
                case .due(let left): timing = "\(left.clock) left"
                case .overdue(let by):
                    timing = "EXPIRED \(by.clock) ago — decide: " + clock.decisionOwed.map(\.choiceName).joined(separator: ", ")
                }
                lines.append("  #\(h.number) \(clean(h.text))\(owner)  \(timing)")
            }
            for h in decided {
                lines.append("  #\(h.number) \(clean(h.text))  \(h.state.rawValue)")
            }
        }

        let alerts = state.alerts(policy: policy, now: now)
        if !alerts.isEmpty {
            lines.append("Alerts:")
            for alert in alerts {
                let mark = switch alert.level { case .critical: "!!"; case .warning: " !"; case .info: " ·" }
                lines.append("  \(mark) \(clean(alert.message))")
            }
        }

        let m = state.metrics
        lines.append("Metrics: detect \(m.timeToDetect?.compact ?? "—") · acknowledge \(m.timeToAcknowledge?.compact ?? "—")"
            + " · mitigate \(m.timeToMitigate?.compact ?? "—") · resolve \(m.timeToResolve?.compact ?? "—")")

        let shown = state.timeline.suffix(recent)
        lines.append("Timeline (last \(shown.count) of \(state.timeline.count); `warroom timeline` for all):")
        lines += shown.map { "  #\($0.number) " + TimelineFormat.textRow($0, dated: false) }
        return lines.joined(separator: "\n")
    }
}
