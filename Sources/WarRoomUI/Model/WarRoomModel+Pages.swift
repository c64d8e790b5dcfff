import WarRoomCore

extension WarRoomModel {
    /// The pages nobody acknowledged within their level's timeout, escalated to the next level
    /// now: one record each, asked once (the store refuses a second war room's, and an answer
    /// that came first). A wall display, or a war room offline, leaves it to one that can write.
    mutating func escalateIfDue() -> [Effect] {
        guard let onCall, !readOnly, !offline else { return [] }
        let due = onCall.dueEscalations(incident, now: now).filter { escalation in
            !escalationsAsked.contains(escalation.page.id) && escalationRetries[escalation.page.id].map { $0.due <= now } ?? true
        }
        guard !due.isEmpty else { return [] }
        var effects: [Effect] = []
        for escalation in due {
            escalationsAsked.insert(escalation.page.id)
            let from = escalation.page.record.person ?? escalation.page.record.target
            let timeout = escalation.page.record.level.flatMap { level in onCall.policy.first { $0.level == level }?.timeout }
            let text = "the escalation from \(from) to \(escalation.target.person)"
            notice = Notice(.info, "No acknowledgement from \(from)" + (timeout.map { " in \($0.compact)" } ?? "")
                + ": paging \(escalation.target.description)")
            effects.append(.record(.page(escalation.target.record(escalates: escalation.page.id)), at: nil,
                                   source: .escalation(page: escalation.page.id, text: text)))
            effects.append(.log("escalating page \(escalation.page.id) of \(from) to \(escalation.target.description)"))
        }
        return effects
    }
}
