import WarRoomCore
import WarRoomText

/// Drafts the method's stakeholder messages — initial notification, status update, resolved — from
/// the record, for engineering, executives or customers. Pure: `now` is a parameter.
///
/// - Engineering gets the technical detail: the confirmed cause, findings, actions and decisions
///   since its last update (UTC times, authors), running hypotheses as next steps, role holders.
/// - Executives get impact in plain words, status, a one-line current understanding, decisions,
///   the ETA and what is owed (escalations, vacant roles).
/// - Customers get only impact in neutral words, the status and the next update time: no text
///   from the record at all — no title, service, names, hosts or hypotheses.
///
/// Every draft passes through the Sanitizer: it holds no control or bidi character.
public enum StatusUpdateDrafter {
    /// The message the incident owes now for `audience` (see `UpdateDraft.Kind`). The next-update
    /// time is one cadence of the current severity after `now`, the moment the draft is posted.
    public static func draft(_ state: IncidentState, audience: Audience, policy: Policy, now: Timestamp) -> UpdateDraft {
        let kind = UpdateDraft.Kind(state)
        let facts = DraftFacts(state: state, policy: policy, now: now, audience: audience)
        let subject: String
        let lines: [String]
        switch audience {
        case .engineering:
            subject = internalSubject(kind, facts)
            lines = engineering(kind, facts)
        case .executives:
            subject = internalSubject(kind, facts)
            lines = executives(kind, facts)
        case .customers:
            subject = customerSubject(kind, state)
            lines = customers(kind, facts)
        }
        return UpdateDraft(kind: kind, audience: audience, subject: Sanitizer.clean(subject, newlines: .mark),
                           body: Sanitizer.clean(lines.joined(separator: "\n"), newlines: .keep))
    }

    // MARK: - Subjects

    /// The method's subjects: `[SEV1] Service — impact`, `[SEV1 UPDATE] Service — state`,
    /// `[RESOLVED] Service — description`.
    static func internalSubject(_ kind: UpdateDraft.Kind, _ facts: DraftFacts) -> String {
        let level = facts.state.severity.label
        switch kind {
        case .initial:
            let share = facts.state.impact.usersAffectedPercent.map { " (\(ReportText.share($0)))" } ?? ""
            return "[\(level)] \(facts.service) — \(facts.title)\(share)"
        case .update:
            return "[\(level) UPDATE] \(facts.service) — \(facts.statusWord)"
        case .resolved:
            return "[RESOLVED] \(facts.service) — \(facts.title)"
        }
    }

    /// A customer subject names no service and quotes nothing from the record.
    static func customerSubject(_ kind: UpdateDraft.Kind, _ state: IncidentState) -> String {
        kind == .resolved ? "[RESOLVED] Service disruption" : "[\(customerStatus(state.status))] Service disruption"
    }

    // MARK: - Engineering

    static func engineering(_ kind: UpdateDraft.Kind, _ facts: DraftFacts) -> [String] {
        var lines: [String] = []
        switch kind {
        case .initial:
            lines.append("Current Status: \(facts.statusSentence)")
            lines.append("Impact: " + facts.impactSentences(past: false).joined(separator: " "))
            if let summary = facts.state.summary, !ReportText.isBlank(summary) {
                lines.append("Summary: \(ReportText.line(summary))")
            }
            lines += understanding(facts)
            let actions = facts.entriesSinceLastUpdate([.action, .decision, .notification])
            if !actions.isEmpty {
                lines.append("Actions Taken (so far):")
                lines += actions.map(facts.bullet)
            }
            lines += nextSteps(facts)
            lines.append("Roles: \(facts.rolesLine)")
            lines.append("Next Update: \(facts.nextUpdate) or when we have more information.")
        case .update:
            lines.append("Status: \(facts.statusWord) — \(facts.statusSentence)")
            lines += understanding(facts)
            let actions = facts.entriesSinceLastUpdate([.action, .decision, .notification])
            lines.append("Actions Taken (\(sinceLabel(facts))):")
            lines += actions.isEmpty ? ["- [what has been done since the last update]"] : actions.map(facts.bullet)
            lines += nextSteps(facts)
            lines.append("Impact: " + facts.impactSentences(past: false).joined(separator: " "))
            lines.append("Roles: \(facts.rolesLine)")
            lines.append("Next Update: \(facts.nextUpdate).")
        case .resolved:
            lines.append("Resolution:")
            lines += facts.repairs.isEmpty ? ["- [what fixed the issue]"] : facts.repairs.map(facts.bullet)
            lines.append("Root Cause: \(facts.causeLine ?? "[root cause, if known]")")
            lines.append("Duration: \(facts.duration)")
            lines.append("Impact Summary: " + facts.impactSentences(past: true).joined(separator: " "))
            lines.append("Follow-up: \(facts.followUp)")
        }
        return lines
    }

    /// The cause, then the findings this audience has not heard of.
    static func understanding(_ facts: DraftFacts) -> [String] {
        var lines = ["Current Understanding: \(facts.causeLine.map { "Root cause: \($0)" } ?? "[cause not yet identified]")"]
        lines += facts.entriesSinceLastUpdate([.finding]).suffix(5).map(facts.bullet)
        return lines
    }

    /// Running hypotheses, escalations, the monitoring window; a placeholder when the record
    /// says nothing about what comes next.
    static func nextSteps(_ facts: DraftFacts) -> [String] {
        var steps = facts.running.map { "- Testing " + facts.hypothesisLine($0) }
        steps += facts.escalated.map { "- With the next tier: hypothesis #\($0.number): \(ReportText.line($0.text))" }
        if let end = facts.monitoringEnds {
            steps.append("- Watching the service until the monitoring window ends at \(facts.time(end)); resolving if the fix holds.")
        }
        if steps.isEmpty {
            steps.append(facts.state.status == .identified
                ? "- [mitigation plan: rollback, scale, failover or feature flag]"
                : "- [next steps: what the team is doing next]")
        }
        return ["Next Steps:"] + steps
    }

    /// "since the last update at 14:08 UTC", or "so far" before this audience's first update.
    static func sinceLabel(_ facts: DraftFacts) -> String {
        facts.lastUpdate.map { "since the last update at \(facts.time($0.at))" } ?? "so far"
    }

    // MARK: - Executives

    static func executives(_ kind: UpdateDraft.Kind, _ facts: DraftFacts) -> [String] {
        var lines: [String] = []
        switch kind {
        case .initial, .update:
            lines.append(kind == .initial ? "Current Status: \(facts.statusSentence)"
                                          : "Status: \(facts.statusWord) — \(facts.statusSentence)")
            lines.append("Impact: " + facts.impactSentences(past: false).joined(separator: " "))
            lines.append("Current Understanding: \(executiveUnderstanding(facts))")
            let decisions = facts.entriesSinceLastUpdate([.decision])
            if !decisions.isEmpty {
                lines.append("Decisions (\(sinceLabel(facts))):")
                lines += decisions.map(facts.bullet)
            }
            lines.append("ETA: \(eta(facts))")
            lines.append("Asks / Escalations:")
            lines += asks(facts)
            lines.append(kind == .initial ? "Next Update: \(facts.nextUpdate) or when we have more information."
                                          : "Next Update: \(facts.nextUpdate).")
        case .resolved:
            let fix = facts.repairs.map { ReportText.line($0.text) }.joined(separator: "; ")
            lines.append("Resolution: \(fix.isEmpty ? "[what fixed the issue]" : fix)")
            lines.append("Root Cause: \(facts.causeLine ?? "[root cause, if known]")")
            lines.append("Duration: \(facts.duration)")
            lines.append("Impact Summary: " + facts.impactSentences(past: true).joined(separator: " "))
            lines.append("Follow-up: \(facts.followUp)")
        }
        return lines
    }

    /// One line: the cause when known, else a placeholder and how many lines of inquiry are open.
    static func executiveUnderstanding(_ facts: DraftFacts) -> String {
        if let cause = facts.causeLine { return "Cause identified: \(cause)" }
        let open = facts.running.count + facts.escalated.count
        switch open {
        case 0: return "[cause not yet identified]"
        case 1: return "[cause not yet identified] 1 line of investigation is open."
        default: return "[cause not yet identified] \(open) lines of investigation are open."
        }
    }

    /// The end of the monitoring window is the only ETA the record can give.
    static func eta(_ facts: DraftFacts) -> String {
        if let end = facts.monitoringEnds {
            return "Resolution expected when the monitoring window ends at \(facts.time(end)), if the fix holds."
        }
        return "[no ETA yet]"
    }

    /// Obligations owed (with their timing) and vacant roles, or "None right now."
    static func asks(_ facts: DraftFacts) -> [String] {
        var lines = facts.state.obligations(policy: facts.policy).map { obligation in
            "- \(obligation.title) — \(obligation.timing(at: facts.now).phrase)"
        }
        if facts.state.status.isActive {
            lines += facts.state.roleGaps.map { "- \(ReportText.line($0.message))" }
        }
        return lines.isEmpty ? ["- None right now."] : lines
    }

    // MARK: - Customers

    /// Built only from structured fields and fixed wording: nothing typed into the record.
    static func customers(_ kind: UpdateDraft.Kind, _ facts: DraftFacts) -> [String] {
        let state = facts.state
        let percent = state.impact.usersAffectedPercent.flatMap { $0 > 0 ? $0 : nil }
        switch kind {
        case .initial, .update:
            let who = percent.map { $0 >= 100 ? "All users" : "About \(formatPercent($0)) of users" } ?? "Some users"
            var lines = [
                "Status: \(customerStatus(state.status)) — \(customerSentence(state.status))",
                "Impact: \(who) may be experiencing errors or degraded service.",
            ]
            lines.append(kind == .initial ? "Next Update: \(facts.nextUpdate) or when we have more information."
                                          : "Next Update: \(facts.nextUpdate).")
            return lines
        case .resolved:
            let who = percent.map { $0 >= 100 ? "All users" : "About \(formatPercent($0)) of users" } ?? "Some users"
            return [
                "Status: Resolved — \(customerSentence(.resolved))",
                "Duration: \(facts.duration).",
                "Impact: \(who) experienced errors or degraded service during this time.",
                "We apologize for the disruption and thank you for your patience.",
            ]
        }
    }

    /// The status in customer words.
    static func customerStatus(_ status: IncidentStatus) -> String {
        switch status {
        case .investigating: "Investigating"
        case .identified: "Identified"
        case .mitigating: "Mitigating"
        case .monitoring: "Monitoring"
        case .resolved, .closed: "Resolved"
        }
    }

    /// One neutral sentence per status.
    static func customerSentence(_ status: IncidentStatus) -> String {
        switch status {
        case .investigating: "We are investigating an issue affecting our service."
        case .identified: "We have identified the cause of the issue and are working on a fix."
        case .mitigating: "We are applying a fix."
        case .monitoring: "A fix has been applied and we are monitoring the results."
        case .resolved, .closed: "The issue has been resolved and the service is operating normally."
        }
    }
}
