import WarRoomCore

/// The rows of the post-mortem's timeline table: the key moments of the record, noise left out.
///
/// Kept: entries people wrote (note, action, decision, finding, comms) at their latest text, the
/// declaration, severity changes (an automatic one names its trigger) and status changes, the
/// Incident Commander's assignment and handoffs, every hypothesis opened and its verdict
/// (confirmed, ruled out, escalated), notifications and escalations, the first impact report and
/// every impact report that raised the severity, and updates posted (named, not quoted). Left
/// out: other role changes, other impact reports, timebox extensions, post-mortem bookkeeping,
/// `TODO:` entries (they are proposed action items), retracted entries, and events the fold could
/// not apply. An entry tagged `key-moment`, `detection` or `repair` is always kept unless
/// retracted.
enum PostmortemTimeline {
    /// One table row: when, and what (user text, not yet escaped).
    struct Row: Hashable {
        var at: Timestamp
        private var base: String
        /// For an update row: the audiences it went to, in order.
        var audiences: [Audience]?

        init(at: Timestamp, text: String) {
            self.at = at
            self.base = text
        }

        var text: String {
            guard let audiences, !audiences.isEmpty else { return base }
            let names = audiences.map(\.rawValue)
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            return "Status update posted to \(list)"
        }
    }

    static func rows(_ state: IncidentState) -> [Row] {
        let anomalous = Set(state.anomalies.map(\.event))
        let keyTags: Set<EntryTag> = [.keyMoment, .detection, .repair]
        var sawImpact = false
        // A runbook's first opening is a moment of the response; later ones are noise.
        var openedRunbooks: Set<String> = []
        // An automatic upgrade is recorded with the impact report that caused it, at the same instant.
        let upgradedAt = Set(state.severityHistory.filter { $0.trigger != nil }.map(\.at))
        var rows: [Row] = []
        for item in state.timeline where !item.isRetracted && !anomalous.contains(item.id) {
            let text: String?
            switch item.kind {
            case .note, .action, .decision, .finding, .comms:
                let isTodo = TodoProposal.isTodo(item.text)
                let key = item.tags.contains { keyTags.contains($0) }
                text = isTodo && !key ? nil : entryText(item)
            case .declared, .severity, .status, .notification:
                text = TimelineWording.text(item)
            case .facts:
                text = TimelineWording.text(item)
            case .impact:
                text = sawImpact && !upgradedAt.contains(item.at) ? nil : TimelineWording.text(item)
                sawImpact = true
            case .role:
                guard case .role(.commander, _, _) = item.detail else { continue }
                text = TimelineWording.text(item)
            case .hypothesis:
                guard case .hypothesis(let row) = item.detail, row.verdict != .extended else { continue }
                text = TimelineWording.text(item)
            case .update:
                guard case .update(let audience, _) = item.detail else { continue }
                text = "Status update posted to \(audience.rawValue)"
            case .postmortem:
                text = nil
            case .runbook:
                guard case .runbook(let use) = item.detail else { continue }
                if use.action == .opened {
                    guard openedRunbooks.insert(use.runbook).inserted else { continue }
                }
                text = TimelineWording.text(item)
            }
            guard let text else { continue }
            // Updates posted to several audiences at once make one row.
            if case .update(let audience, _) = item.detail, let last = rows.last, last.at == item.at, let audiences = last.audiences {
                rows[rows.count - 1].audiences = audiences + [audience]
                continue
            }
            var row = Row(at: item.at, text: text)
            if case .update(let audience, _) = item.detail { row.audiences = [audience] }
            rows.append(row)
        }
        return rows
    }

    /// `Action: Rolled back deploy 4411`; notes stand alone.
    static func entryText(_ item: TimelineItem) -> String {
        switch item.kind {
        case .action: "Action: \(item.text)"
        case .decision: "Decision: \(item.text)"
        case .finding: "Finding: \(item.text)"
        case .comms: "Comms: \(item.text)"
        default: item.text
        }
    }
}
