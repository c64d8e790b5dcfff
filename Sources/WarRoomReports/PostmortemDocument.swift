import WarRoomCore
import WarRoomText

/// The post-mortem as Markdown, following the method's template section by section and filled from
/// the record. A field nobody filled is the template's bracketed placeholder (`[name]`,
/// `[The direct trigger]`), never invented text. All user text is escaped (`MarkdownText`), and
/// the document holds no control character. A post-mortem marked final with `--force` opens with
/// a warning listing what was still missing. Pure: `now` decides only which action items are
/// overdue.
public enum PostmortemDocument {
    /// The whole document, ending with a newline. `budgets` are what the incident spent of the
    /// SLOs on its service (`IncidentBudget.uses`): they fill the impact's SLO budget line unless
    /// someone wrote it. `repeats` are the earlier incidents it repeats (`Repeats.matches`): said
    /// in the root cause analysis, with their action items that were not done.
    public static func markdown(_ state: IncidentState, policy: Policy, now: Timestamp, budgets: [IncidentBudgetUse] = [],
                                repeats: [RepeatMatch] = []) -> String {
        var out: [String] = []
        out += header(state)
        out += section("Executive Summary", text: state.postmortem.texts[.summary],
                       placeholder: "[2-3 sentences: what happened, who was affected, how it was resolved]")
        out += impact(state, budgets: budgets)
        out += timeline(state)
        out += rootCause(state, repeats: repeats)
        out += bullets("What Went Well", text: state.postmortem.texts[.wentWell],
                       placeholders: ["[Things that worked during the response]", "[Processes or tools that helped]"])
        out += bullets("What Went Poorly", text: state.postmortem.texts[.wentPoorly],
                       placeholders: ["[Things that slowed down detection or resolution]", "[Gaps that were exposed]"])
        out += actionItems(state, now: now)
        out += section("Lessons Learned", text: state.postmortem.texts[.lessons],
                       placeholder: "[Key takeaways that should inform future architectural and process decisions]")
        while out.last == "" { out.removeLast() }
        return Sanitizer.clean(out.joined(separator: "\n") + "\n", newlines: .keep)
    }

    // MARK: - Sections

    /// `### A repeat` and, per earlier incident, what was shared and which of its action items
    /// were not done when this one began (nothing when it repeats none).
    static func repeatLines(_ repeats: [RepeatMatch], start: Timestamp) -> [String] {
        guard !repeats.isEmpty else { return [] }
        var lines = ["### A repeat", "",
                     "The cause was known: an earlier incident's action items were not done when this one began.", ""]
        for match in repeats {
            lines.append("- \(match.earlier) (\(match.declaredAt.dateOnly)) \(MarkdownText.inline(match.title)), \(MarkdownText.inline(match.shared)):")
            for item in match.unfinished {
                let late = RepeatMatch.isLate(item, at: start) ? ", already late" : ""
                lines.append("  - \(match.earlier):\(item.number) \(MarkdownText.inline(item.text)) (\(item.priority.rawValue), "
                    + "\(MarkdownText.inline(item.owner)), due \(item.due.dateOnly)\(late))")
            }
        }
        return lines + [""]
    }

    /// Who held each role, in roster order, handoffs in the order they happened (`Incident
    /// Commander alice → dan`): every role from the role table, the optional ones once held.
    static func responders(_ state: IncidentState) -> String? {
        var holders: [Role: [String]] = [:]
        for item in state.timeline {
            guard case .role(let role, let person, _)? = item.detail, holders[role]?.last != person else { continue }
            holders[role, default: []].append(MarkdownText.inline(person))
        }
        let parts = Role.allCases.compactMap { role in
            holders[role].map { "\(role.title) \($0.joined(separator: " → "))" }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    static func header(_ state: IncidentState) -> [String] {
        let highest = state.severityHistory.map(\.level).min() ?? state.severity
        let declared = state.severityHistory.first?.level ?? state.severity
        let severity = highest == declared ? highest.label : "\(highest.label) (declared \(declared.label))"
        let start = state.impactStartedAt ?? state.detectedAt
        let duration = state.resolvedAt.map { ReportText.span(from: start, to: $0, separator: " – ") }
            ?? "\(start.dateOnly == state.declaredAt.dateOnly ? "" : start.dateOnly + " ")\(start.hourMinute) UTC – [ongoing]"
        let author = [state.postmortem.lastAuthor, state.roles[.commander]?.person]
            .compactMap { $0 }.first { !ReportText.isBlank($0) }
        let stage = (state.postmortemStatus ?? .draft).rawValue
        let status = stage.prefix(1).uppercased() + stage.dropFirst()
        var lines = [
            "# Post-Mortem: \(MarkdownText.escapeHashes(MarkdownText.inline(state.title)))",
            "",
            "**Date**: \(state.declaredAt.dateOnly)",
            "**Severity**: \(severity)",
            "**Duration**: \(duration)",
            "**Author**: \(author.map(MarkdownText.inline) ?? "[name]")",
            "**Responders**: \(responders(state) ?? "nobody took a role")",
            "**Status**: \(status)",
            "",
        ]
        // Changed after final: the text a reader sees is not the one that was reviewed.
        if state.postmortemStatus == .final, state.postmortem.editsSinceFinal > 0 {
            let count = state.postmortem.editsSinceFinal
            lines.append("> **Warning**: changed \(count) time\(count == 1 ? "" : "s") since it was marked final: "
                + "review it, then mark it final again (`warroom postmortem status final`).")
            lines.append("")
        }
        // Marked final with --force: the gaps stay visible to every reader, not only to whoever forced it.
        if state.postmortemStatus == .final, let forced = state.postmortem.forcedFinal, !forced.isEmpty {
            lines.append("> **Warning**: marked final with `--force` while \(forced.count) thing"
                + "\(forced.count == 1 ? " was" : "s were") still missing:")
            for gap in forced { lines.append("> - \(MarkdownText.inline(gap))") }
            lines.append("")
        }
        return lines
    }

    /// A `##` section holding the text as paragraphs, or the placeholder.
    static func section(_ heading: String, text: String?, placeholder: String) -> [String] {
        let body = MarkdownText.paragraph(text ?? "")
        return ["## \(heading)", "", body.isEmpty ? placeholder : body, ""]
    }

    /// A `##` section holding the text's lines as bullets, or the placeholder bullets.
    static func bullets(_ heading: String, text: String?, placeholders: [String]) -> [String] {
        let items = MarkdownText.listItems(text ?? "")
        return ["## \(heading)", ""] + (items.isEmpty ? placeholders : items).map { "- \($0)" } + [""]
    }

    /// The SLO budget line from the SLO file: `56.9% of the 30d budget of checkout-api
    /// availability (feature-freeze review tier), from 30% of users for 41 minutes`; a
    /// placeholder saying what to record when the share of users affected is not known.
    static func budgetLine(_ budgets: [IncidentBudgetUse]) -> String? {
        guard !budgets.isEmpty else { return nil }
        let unknown = budgets.filter { $0.consumedShare == nil }.map(\.budgetName)
        guard unknown.isEmpty else {
            return "[X% of the \(MarkdownText.inline(unknown.joined(separator: ", "))): record the share of users affected "
                + "(`warroom impact --users-affected 30`) and it is computed]"
        }
        let spent = budgets.map { use in
            "\(formatPercent((use.consumedShare ?? 0) * 100)) of the \(use.budgetName) (\(use.tier.label) tier)"
        }.joined(separator: "; ")
        let first = budgets[0]
        return MarkdownText.inline(spent + ", from \(ReportText.share((first.badShare ?? 0) * 100)) for \(ReportText.duration(first.impact))")
    }

    static func impact(_ state: IncidentState, budgets: [IncidentBudgetUse]) -> [String] {
        let figures = state.postmortem.impact
        let users: String
        if let text = figures.usersAffected, !ReportText.isBlank(text) {
            users = MarkdownText.inline(text)
        } else {
            switch (state.impact.usersAffectedPercent, state.impact.usersAffectedCount) {
            case let (percent?, count?): users = "\(ReportText.share(percent)) (\(ReportText.users(count))), as recorded during the incident"
            case let (percent?, nil): users = "\(ReportText.share(percent)), as recorded during the incident"
            case let (nil, count?): users = "\(ReportText.users(count)), as recorded during the incident"
            case (nil, nil): users = "[number or percentage]"
            }
        }
        var lines = [
            "## Impact",
            "",
            "- **Users affected**: \(users)",
            "- **Revenue impact**: \(filled(figures.revenue) ?? "[estimated or N/A]")",
            "- **SLO budget consumed**: \(filled(figures.sloBudget) ?? budgetLine(budgets) ?? "[X% of monthly error budget]")",
            "- **Support tickets created**: \(figures.supportTickets.map { ReportText.number($0) } ?? "[count]")",
        ]
        var flags: [String] = []
        if state.impact.payingAccounts { flags.append("paying customer accounts affected") }
        if state.impact.customerReported { flags.append("customer-reported") }
        if state.impact.dataIntegrity { flags.append("data-integrity concern") }
        if state.impact.securityBreach { flags.append("security breach") }
        if !flags.isEmpty { lines.append("- **Also recorded**: " + flags.joined(separator: ", ")) }
        lines.append("")
        let text = MarkdownText.paragraph(state.postmortem.texts[.impact] ?? "")
        if !text.isEmpty { lines += [text, ""] }
        return lines
    }

    static func timeline(_ state: IncidentState) -> [String] {
        let rows = PostmortemTimeline.rows(state)
        let dated = Set(rows.map(\.at.dateOnly)).count > 1
        var lines = ["## Timeline (UTC)", "", "| Time | Event |", "|-------|--------------------------------------------------|"]
        if rows.isEmpty {
            lines.append("| [HH:MM] | [No events recorded] |")
        }
        for row in rows {
            let time = dated ? "\(row.at.dateOnly) \(row.at.hourMinute)" : row.at.hourMinute
            lines.append("| \(time) | \(MarkdownText.cell(row.text)) |")
        }
        return lines + [""]
    }

    static func rootCause(_ state: IncidentState, repeats: [RepeatMatch] = []) -> [String] {
        var lines = ["## Root Cause Analysis", "", "### What happened", ""]
        let happened = MarkdownText.paragraph(state.postmortem.texts[.whatHappened] ?? "")
        lines.append(happened.isEmpty ? "[Detailed technical explanation of the failure chain]" : happened)
        lines.append("")
        if !state.postmortem.causes.isEmpty {
            lines += ["**Cause tags**: " + state.postmortem.causes.map { "`\(MarkdownText.inline($0))`" }.joined(separator: ", "), ""]
        }
        lines += repeatLines(repeats, start: state.declaredAt)
        let confirmed = state.hypotheses.filter { $0.state == .confirmed }
        if !confirmed.isEmpty {
            lines.append("Confirmed during the incident:")
            lines.append("")
            for hypothesis in confirmed {
                let when = hypothesis.decidedAt.map { " (\($0.hourMinute) UTC)" } ?? ""
                lines.append("- Hypothesis #\(hypothesis.number)\(when): \(MarkdownText.inline(hypothesis.text))")
            }
            lines.append("")
        }
        lines += ["### Contributing Factors", ""]
        let placeholders: [FactorLevel: String] = [
            .immediate: "[The direct trigger]",
            .underlying: "[Why the trigger was possible]",
            .systemic: "[What organizational/process gap allowed it]",
        ]
        for (index, level) in FactorLevel.allCases.enumerated() {
            let text = filled(state.postmortem.factors[level]) ?? placeholders[level] ?? "[to be written]"
            lines.append("\(index + 1). **\(level.label)**: \(text)")
        }
        lines += ["", "### 5 Whys", ""]
        let whys = state.postmortem.whys
        for number in 1...5 {
            let question: String
            if number == 1 {
                question = "Why did the service go down?"
            } else if whys.indices.contains(number - 2), let previous = filled(whys[number - 2]) {
                question = "Why did \u{201C}\(previous.trimmed(" .!?"))\u{201D} happen?"
            } else {
                question = "Why did [answer \(number - 1)] happen?"
            }
            let answer = whys.indices.contains(number - 1) ? filled(whys[number - 1]) : nil
            lines.append("\(number). \(question) → \(answer ?? (number == 5 ? "[root systemic issue]" : "[answer]"))")
        }
        return lines + [""]
    }

    static func actionItems(_ state: IncidentState, now: Timestamp) -> [String] {
        var lines = [
            "## Action Items", "",
            "| ID | Action | Owner | Priority | Due Date | Status |",
            "|----|---------------------------------------------|-------------|----------|------------|-------------|",
        ]
        let items = state.postmortem.actionItems
        if items.isEmpty {
            lines.append("| [ID] | [Action: none recorded yet] | [@owner] | [P1-P3] | [YYYY-MM-DD] | [Not Started] |")
        }
        for item in items {
            let status: String
            switch item.status {
            case .done: status = "Done"
            case .dropped: status = "Dropped" + (filled(item.statusReason).map { ": \($0)" } ?? "")
            case .inProgress: status = item.isOverdue(at: now) ? "In Progress (overdue)" : "In Progress"
            case .notStarted: status = item.isOverdue(at: now) ? "Overdue" : "Not Started"
            }
            let owner = item.owner.hasPrefix("@") ? item.owner : "@" + item.owner
            lines.append("| \(item.number) | \(MarkdownText.cell(item.text)) | \(MarkdownText.cell(owner)) | "
                + "\(item.priority.rawValue) | \(item.due.dateOnly) | \(status) |")
        }
        lines.append("")
        let proposed = state.todoProposals.filter(\.isOpen)
        if !proposed.isEmpty {
            lines += ["### Proposed from the timeline (TODO: entries)", ""]
            for proposal in proposed {
                let item = proposal.entry
                lines.append("- TODO \(proposal.number), \(item.at.dateOnly) \(item.at.hourMinute) UTC: \(MarkdownText.inline(item.text))")
            }
            lines.append("")
        }
        return lines
    }

    /// The escaped text, or nil when blank.
    static func filled(_ text: String?) -> String? {
        guard let text, !ReportText.isBlank(text) else { return nil }
        return MarkdownText.inline(text)
    }
}
