import WarRoomCore

/// The words of every timeline row: the one place a recorded change is put into English, for the
/// screen, `warroom timeline`/`show`/`log`, the JSON and CSV outputs, the post-mortem and the
/// status-update drafts alike. Entries are what the person wrote. Unsanitized: each output
/// cleans or escapes the result as it does any user text.
public enum TimelineWording {
    /// The row's text: an entry's latest text, or its change put into words.
    public static func text(_ item: TimelineItem) -> String {
        item.detail.map(text(of:)) ?? entryText(item)
    }

    /// An entry's latest text; for an alert's entry, with its runbook link when the text (amended,
    /// say) no longer shows it, so whoever reads the timeline can always open the runbook; for a
    /// command's, with the digest of its output.
    private static func entryText(_ item: TimelineItem) -> String {
        if let run = item.run { return item.text + "; " + outputDigest(run) }
        guard let runbook = item.alert?.runbookURL, !runbook.isEmpty, !item.text.contains(runbook) else { return item.text }
        return item.text + " — runbook \(runbook)"
    }

    /// The text of a `warroom exec` entry: `ran kubectl rollout undo deploy/api — exit 0 in 4.2 s`,
    /// `… — killed by SIGINT after 2.1 s`, `… — not found (exit 127)`.
    public static func ran(_ run: CommandRun) -> String {
        "ran \(run.commandLine) — \(ending(run))"
    }

    /// The entry of a runbook's code block run from the war room: `ran step 2 of runbook
    /// checkout-rollback: kubectl rollout undo deploy/checkout (+1 line) — exit 0 in 4.2 s`; the
    /// whole script is in the entry's `run`.
    public static func ran(step: Int, of runbook: String, script: String, _ run: CommandRun) -> String {
        let lines = script.split(separator: "\n").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        let first = lines.first { !$0.hasPrefix("#") } ?? lines.first ?? ""
        let more = lines.count > 1 ? " (+\(lines.count - 1) line\(lines.count == 2 ? "" : "s"))" : ""
        return "ran step \(step) of runbook \(runbook): \(first)\(more) — \(ending(run))"
    }

    /// How a command ended: `exit 0 in 4.2 s`, `killed by SIGINT after 2.1 s`, `not found (exit 127)`.
    public static func ending(_ run: CommandRun) -> String {
        if let reason = run.startError { return "\(reason) (exit \(run.exitStatus ?? 127))" }
        if let signal = run.signal { return "killed by \(CommandRun.signalName(signal)) after \(seconds(run.durationMillis))" }
        return "exit \(run.exitStatus.map(String.init) ?? "?") in \(seconds(run.durationMillis))"
    }

    /// What a command printed, in a few words: `12 lines, last: “deployment.apps/api rolled back”`,
    /// `no output`; and where the whole of it was saved.
    public static func outputDigest(_ run: CommandRun) -> String {
        var parts: [String] = []
        if run.outputBytes == 0 {
            parts.append("no output")
        } else {
            let count = run.outputLines == 1 ? "1 line" : "\(run.outputLines) lines"
            let last = (run.head + run.tail).last { $0.contains { !$0.isWhitespace } }
            parts.append(last.map { "\(count), last: “\($0)”" } ?? count)
        }
        if let saved = run.savedOutput { parts.append("output saved to \(saved)") }
        return parts.joined(separator: "; ")
    }

    /// `30 ms` under a second; `4.2 s` under ten; `42 s`; `2m5s` from a minute.
    static func seconds(_ millis: Int64) -> String {
        let millis = max(0, millis)
        if millis < 1_000 { return "\(millis) ms" }
        if millis < 10_000 { return "\(millis / 1000).\(millis % 1000 / 100) s" }
        if millis < 60_000 { return "\(millis / 1000) s" }
        return TimeSpan(millis: millis).compact
    }

    /// One recorded change in words: `Severity SEV2 → SEV1: checkout down`.
    public static func text(of detail: TimelineItem.Detail) -> String {
        switch detail {
        case .declared(let declaration): declared(declaration)
        case .severity(let from, let to, let reason, let trigger): severity(from: from, to: to, reason: reason, trigger: trigger)
        case .impact(let row): impact(row.report)
        case .role(let role, let person, let previous):
            previous.map { "\(role.title) handed off: \($0) → \(person)" } ?? "\(person) is \(role.title)"
        case .hypothesis(let row): hypothesis(row)
        case .notification(let record): notification(record)
        case .pageAcknowledged(let person, let page, let after):
            "Page " + (page.map { "#\($0) " } ?? "") + "acknowledged by \(person)" + (after.map { " after \($0.compact)" } ?? "")
        case .runbook(let use): runbook(use)
        case .status(let from, let to, let reason, let overridden): status(from: from, to: to, reason: reason, overridden: overridden)
        case .update(let audience, let text): "Status update to \(audience.rawValue): \(text)"
        case .facts(let row): facts(row)
        case .postmortemStatus(let status, let forced): "Post-mortem marked \(status.rawValue)" + (forced ? " (forced)" : "")
        case .postmortemText(let section): "Post-mortem \(section.heading.lowercased()) written"
        case .postmortemImpact: "Post-mortem impact figures recorded"
        case .factor(let factor): "\(factor.level.label): \(factor.text)"
        case .why(let number, let text, let amended): amended ? "Why #\(number) amended: \(text)" : "Why #\(number): \(text)"
        case .actionItemAdded(let number, let added):
            "Action item \(number) (\(added.priority.rawValue), \(added.owner), due \(added.due.dateOnly)): \(added.text)"
        case .actionItemDone(let number, let text): "Action item \(number) done: \(text)"
        case .actionItemEdited(let number, let update, let text): actionItemEdited(number, update, text)
        case .actionItemStatus(let number, let change, let text):
            "Action item \(number) \(change.status.label.lowercased())" + (change.reason.map { " (\($0))" } ?? "") + ": \(text)"
        case .causeTag(let change): change.removed ? "Cause tag removed: \(change.tag)" : "Cause tag: \(change.tag)"
        case .link(let change, let previous): link(change, previous: previous)
        case .unknownTarget(let target): unknown(target)
        }
    }

    /// `Declared SEV2: Checkout errors [checkout-api] — summary`; `Declared SEV2 drill: …` for a drill.
    static func declared(_ declaration: Declaration) -> String {
        var text = "Declared \(declaration.severity.label)\(declaration.isDrill ? " drill" : ""): \(declaration.title)"
        if let service = declaration.service, !service.isEmpty { text += " [\(service)]" }
        if let summary = declaration.summary, !summary.isEmpty { text += " — \(summary)" }
        return text
    }

    static func severity(from: Severity, to: Severity, reason: String?, trigger: UpgradeTrigger?) -> String {
        var text = "Severity \(from.label) → \(to.label)"
        if let trigger {
            text += " (automatic: \(trigger.reason))"
        } else if let reason, !reason.isEmpty {
            text += ": \(reason)"
        }
        return text
    }

    /// `Impact: 12.5% of users affected, customer-reported — note`.
    static func impact(_ report: ImpactReport) -> String {
        var parts: [String] = []
        if let percent = report.usersAffectedPercent { parts.append("\(formatPercent(percent)) of users affected") }
        if let count = report.usersAffectedCount { parts.append("\(count) users affected") }
        if report.customerReported { parts.append("customer-reported") }
        if report.payingAccounts { parts.append("paying accounts") }
        if report.dataIntegrity { parts.append("data-integrity concern") }
        if report.securityBreach { parts.append("security breach") }
        if parts.isEmpty { parts.append("no change") }
        var text = "Impact: " + parts.joined(separator: ", ")
        if let note = report.note, !note.isEmpty { text += " — \(note)" }
        return text
    }

    /// `Hypothesis #1 (bob, 15m): bad deploy` when opened; `Hypothesis #1 confirmed: bad deploy — note`.
    static func hypothesis(_ row: TimelineItem.HypothesisRow) -> String {
        guard let verdict = row.verdict else {
            let owner = row.owner.map { " (\($0), \(row.span.compact))" } ?? " (\(row.span.compact))"
            return "Hypothesis #\(row.number)\(owner): \(row.text)"
        }
        let verb = switch verdict {
        case .confirmed: "confirmed"
        case .ruledOut: "ruled out"
        case .extended: "extended by \(row.span.compact)"
        case .escalated: "escalated"
        }
        var text = "Hypothesis #\(row.number) \(verb): \(row.text)"
        if let note = row.note, !note.isEmpty { text += " — \(note)" }
        return text
    }

    /// `Opened runbook checkout-high-error-rate (last tested 2026-09-14)`, `Linked runbook
    /// payments-db-failover (never tested)`.
    static func runbook(_ use: RunbookUse) -> String {
        let verb = switch use.action {
        case .opened: "Opened"
        case .linked: "Linked"
        }
        return "\(verb) runbook \(use.runbook) (" + (use.lastTested.map { "last tested \($0.dateOnly)" } ?? "never tested") + ")"
    }

    /// `Notified Eng Manager`, `Escalated to DB on-call (tier 2)`.
    static func notification(_ record: NotificationRecord) -> String {
        var text = record.person != nil ? "Paged \(record.target)" : record.kind == .escalation ? "Escalated to \(record.target)" : "Notified \(record.target)"
        if let tier = record.tier, !tier.isEmpty { text += " (\(tier))" }
        if let schedule = record.schedule, record.level == nil { text += " (on call on \(schedule))" }
        if record.escalates != nil { text += ": the page before was not acknowledged in time" }
        return text
    }

    /// `Status mitigating → monitoring: reason`; a move to investigating is a reopen.
    static func status(from: IncidentStatus, to: IncidentStatus, reason: String?, overridden: Bool) -> String {
        var text = to == .investigating ? "Reopened (\(from.rawValue) → investigating)" : "Status \(from.rawValue) → \(to.rawValue)"
        if let reason, !reason.isEmpty {
            text += overridden ? " (override: \(reason))" : ": \(reason)"
        }
        return text
    }

    /// `Facts: service checkout (was search) · impact started 13:40:00 (was 13:51:00)`.
    static func facts(_ row: TimelineItem.FactsRow) -> String {
        var parts: [String] = []
        func change(_ what: String, _ old: String?, _ new: String) {
            parts.append(old.map { $0 == new ? "\(what) \(new)" : "\(what) \(new) (was \($0))" } ?? "\(what) \(new)")
        }
        // `13:50:00`, with the date when it is not the declaration's day.
        func time(_ time: Timestamp) -> String {
            time.dateOnly == row.declaredAt.dateOnly ? time.clockTime : "\(time.dateOnly) \(time.clockTime)"
        }
        if let service = row.service { change("service", service.old, service.new) }
        if let started = row.impactStarted { change("impact started", started.old.map(time), time(started.new)) }
        if let detected = row.detected { change("detected", detected.old.map(time), time(detected.new)) }
        return "Facts: " + (parts.isEmpty ? "nothing given" : parts.joined(separator: " · "))
    }

    /// `Action item 2 edited (owner sre, P1): text`, fields in the order the edit lists them.
    static func actionItemEdited(_ number: Int, _ update: ActionItemUpdate, _ text: String) -> String {
        var changes: [String] = []
        if update.text != nil { changes.append("text") }
        if let owner = update.owner { changes.append("owner \(owner)") }
        if let priority = update.priority { changes.append(priority.rawValue) }
        if let due = update.due { changes.append("due \(due.dateOnly)") }
        return "Action item \(number) edited (\(changes.isEmpty ? "no change" : changes.joined(separator: ", "))): \(text)"
    }

    /// `Linked: a child of INC-4`, `Link to INC-4 changed: a duplicate of INC-4 (was related to it)`.
    static func link(_ change: IncidentLinkChange, previous: LinkKind?) -> String {
        let now = "\(change.kind.view.phrase) \(change.other)"
        if change.removed { return "Link removed: no longer \(now)" }
        if let previous { return "Link to \(change.other) changed: now \(now) (was \(previous.view.phrase) it)" }
        return "Linked: \(now)"
    }

    static func unknown(_ target: TimelineItem.UnknownTarget) -> String {
        switch target {
        case .hypothesis: "Decision on an unknown hypothesis"
        case .actionItemDone: "Done: an unknown action item"
        case .actionItemEdit: "Edit of an unknown action item"
        case .actionItemStatus: "Status of an unknown action item"
        case .why: "Amendment of an unknown why"
        }
    }
}
