import WarRoomCore

/// What a status-update draft says, read off the state once: the facts every audience picks
/// from. User text comes out already on one line and sanitized (`ReportText.line`).
struct DraftFacts {
    let state: IncidentState
    let policy: Policy
    let now: Timestamp
    let audience: Audience

    /// The affected service as recorded, or what to fill in.
    var service: String {
        ReportText.isBlank(state.service) ? "[service or feature affected]" : ReportText.line(state.service ?? "")
    }

    /// The incident's title, on one line.
    var title: String { ReportText.line(state.title) }

    /// The latest update this audience was sent, if any.
    var lastUpdate: PostedUpdate? {
        state.updates.filter { $0.audience == audience }.max { $0.at < $1.at }
    }

    /// Live (not retracted) entries of `kinds`, in timeline order, that this audience has not
    /// heard of: those that happened, or were written down, after its last update.
    func entriesSinceLastUpdate(_ kinds: Set<TimelineItem.Kind>) -> [TimelineItem] {
        let cutoff = lastUpdate?.at
        return state.timeline.filter { item in
            kinds.contains(item.kind) && !item.isRetracted && !isAnomaly(item)
                && cutoff.map { item.at > $0 || item.recordedAt > $0 } ?? true
        }
    }

    /// Live entries tagged `repair`: what fixed the issue.
    var repairs: [TimelineItem] {
        state.timeline.filter { $0.kind.isEntry && !$0.isRetracted && $0.tags.contains(.repair) }
    }

    /// Whether the fold could not apply the row's event (it changed nothing).
    func isAnomaly(_ item: TimelineItem) -> Bool {
        state.anomalies.contains { $0.event == item.id }
    }

    var confirmed: [Hypothesis] { state.hypotheses.filter { $0.state == .confirmed } }
    var running: [Hypothesis] { state.hypotheses.filter(\.isRunning) }
    var escalated: [Hypothesis] { state.hypotheses.filter { $0.state == .escalated } }

    /// `14:40 UTC` relative to now.
    func time(_ instant: Timestamp) -> String { ReportText.time(instant, relativeTo: now) }

    /// "In 15 minutes (at 14:40 UTC)": one cadence of this audience at the current severity from
    /// now, when its countdown restarts because this draft is posted.
    var nextUpdate: String {
        let cadence = policy.cadence(for: audience, at: state.severity) ?? policy.rule(for: state.severity).updateCadence
        return "In \(ReportText.policySpan(cadence)) (at \(time(now + cadence)))"
    }

    /// When impact began, else when it was detected.
    var start: Timestamp { state.impactStartedAt ?? state.detectedAt }

    /// "13:52 to 14:42 UTC (50 minutes)": impact start (or detection) to resolution.
    var duration: String { ReportText.span(from: start, to: state.resolvedAt ?? now) }

    /// The subject's state word: the status, capitalized.
    var statusWord: String { ReportText.statusWord(state.status) }

    /// One sentence saying where the response stands, naming the service.
    var statusSentence: String {
        switch state.status {
        case .investigating: "We are investigating an issue affecting \(service)."
        case .identified: "We have identified the cause of an issue affecting \(service) and are working on a fix."
        case .mitigating: "We are applying a fix to an issue affecting \(service)."
        case .monitoring: "A fix is in place for \(service); we are monitoring to confirm recovery."
        case .resolved, .closed: "The issue affecting \(service) has been resolved."
        }
    }

    /// The impact in plain sentences, present or past tense. The users figure is a placeholder
    /// when nobody recorded one.
    func impactSentences(past: Bool) -> [String] {
        let impact = state.impact
        let be = past ? "were" : "are"
        var sentences: [String] = []
        switch (impact.usersAffectedPercent, impact.usersAffectedCount) {
        case let (percent?, count?):
            sentences.append(capitalized("\(ReportText.share(percent)) (\(ReportText.users(count))) \(be) affected."))
        case let (percent?, nil):
            sentences.append(capitalized("\(ReportText.share(percent)) \(be) affected."))
        case let (nil, count?):
            sentences.append("\(ReportText.users(count)) \(count == 1 ? (past ? "was" : "is") : be) affected.")
        case (nil, nil):
            sentences.append("[share or number of users affected]")
        }
        if impact.payingAccounts { sentences.append("Paying customer accounts \(be) affected.") }
        if impact.customerReported {
            sentences.append(past ? "Customers reported the problem." : "Customers have reported the problem.")
        }
        if impact.dataIntegrity {
            sentences.append(past ? "Data integrity was at risk: some data may have been wrong or lost."
                                  : "Data integrity is at risk: some data may be wrong or lost.")
        }
        if impact.securityBreach {
            sentences.append(past ? "This was a security incident (a possible breach)."
                                  : "This is a security incident (a possible breach).")
        }
        return sentences
    }

    /// "Connection pool exhausted (hypothesis #2, confirmed 14:18 UTC)" for the latest confirmed
    /// hypothesis; a placeholder when the cause is known without one, nil when it is not known.
    var causeLine: String? {
        if let latest = confirmed.max(by: { ($0.decidedAt ?? $0.openedAt) < ($1.decidedAt ?? $1.openedAt) }) {
            let when = latest.decidedAt.map { ", confirmed \(time($0))" } ?? ""
            return "\(ReportText.line(latest.text)) (hypothesis #\(latest.number)\(when))"
        }
        return state.rootCauseKnown ? "[cause identified: describe it in one line]" : nil
    }

    /// `- 14:21 UTC Action (bob): Rolled back deploy 4411`.
    func bullet(_ item: TimelineItem) -> String {
        let label: String
        switch item.kind {
        case .note: label = "Note"
        case .action: label = "Action"
        case .decision: label = "Decision"
        case .finding: label = "Finding"
        case .comms: label = "Comms"
        default: return "- \(time(item.at)) \(ReportText.line(TimelineWording.text(item)))"
        }
        return "- \(time(item.at)) \(label) (\(ReportText.line(item.author))): \(ReportText.line(item.text))"
    }

    /// A running hypothesis with its owner and where its timebox stands.
    func hypothesisLine(_ hypothesis: Hypothesis) -> String {
        let owner = hypothesis.owner.map { "\(ReportText.line($0)), " } ?? ""
        let clock = hypothesis.deadline < now
            ? "timebox expired at \(time(hypothesis.deadline)): pivot, extend once or escalate"
            : "timebox ends \(time(hypothesis.deadline))"
        return "hypothesis #\(hypothesis.number) (\(owner)\(clock)): \(ReportText.line(hypothesis.text))"
    }

    /// Who holds each role, vacant required roles as placeholders.
    var rolesLine: String {
        state.listedRoles.map { role in
            "\(role.title) \(state.roles[role].map { ReportText.line($0.person) } ?? "[unassigned]")"
        }.joined(separator: "; ")
    }

    /// The end of the monitoring window, while monitoring.
    var monitoringEnds: Timestamp? {
        state.status == .monitoring ? state.statusSince + policy.monitoringWindow : nil
    }

    /// The post-mortem follow-up line of the resolved template.
    var followUp: String {
        let postmortem: String
        if state.postmortemStatus == .final {
            postmortem = "The post-mortem is final."
        } else {
            let due = (state.resolvedAt ?? now) + policy.postmortemDue
            postmortem = "Post-mortem due by \(due.dateOnly) \(due.hourMinute) UTC "
                + "(within \(ReportText.policySpan(policy.postmortemDue)) of resolution)."
        }
        return postmortem + " Action items will be tracked in [link to the action-item tracker]."
    }

    private func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
