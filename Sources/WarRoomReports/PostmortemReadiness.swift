import WarRoomCore
import WarRoomText

/// Whether the post-mortem may be marked final: no field left at its placeholder, no sentence
/// that blames a person.
///
/// Placeholders are read off the rendered document rather than listed again here: user text is
/// always escaped (`\[`), so an unescaped `[…]` in `PostmortemDocument.markdown` is exactly a
/// field nobody filled, and the two can never disagree.
public enum PostmortemReadiness {
    /// What still stands in the way, one line each: `Executive Summary: [2-3 sentences: …]`,
    /// `Blaming sentence in What Went Poorly: "bob should have paged sooner."`, and a P1 action
    /// item owed when the incident spent more of an SLO budget than the policy allows one
    /// incident (`budgets`, from `IncidentBudget.uses`). Empty when ready.
    public static func gaps(_ state: IncidentState, policy: Policy, now: Timestamp, budgets: [IncidentBudgetUse] = []) -> [String] {
        var unforced = state
        unforced.postmortem.forcedFinal = nil
        let document = PostmortemDocument.markdown(unforced, policy: policy, now: now, budgets: budgets)
        let blame = BlamelessCheck.findings(in: state).map { finding in
            "Blaming sentence in \(finding.location ?? "the record"): \u{201C}\(finding.sentence)\u{201D}"
        }
        return placeholders(in: document) + blame + owedP1(state, budgets: budgets)
    }

    /// The policy's rule: an incident that spent more than its share of a budget (20 % by
    /// default) has at least one P1 action item. One line per budget over the line.
    static func owedP1(_ state: IncidentState, budgets: [IncidentBudgetUse]) -> [String] {
        guard !state.postmortem.actionItems.contains(where: { $0.priority == .p1 }) else { return [] }
        return budgets.filter(\.needsP1ActionItem).map { use in
            "\(p1Prefix) \(formatPercent((use.consumedShare ?? 0) * 100)) of the \(use.budgetName) was spent, more than the "
                + "\(formatPercent(use.p1Threshold * 100)) one incident may spend: add at least one P1 action item "
                + "(`warroom postmortem action add TEXT --priority P1 --owner NAME --due DAY`)"
        }
    }

    static let p1Prefix = "Action Items:"

    /// The refusal: what is missing, and the three ways forward.
    public static func refusal(_ gaps: [String]) -> String {
        let blaming = gaps.filter { $0.hasPrefix("Blaming sentence") }.count
        let owed = gaps.filter { $0.hasPrefix(p1Prefix) && $0.contains("add at least one P1 action item") }.count
        let unfilled = gaps.count - blaming - owed
        var parts: [String] = []
        if unfilled > 0 { parts.append("\(unfilled) field\(unfilled == 1 ? " is" : "s are") not filled") }
        if blaming > 0 { parts.append("\(blaming) sentence\(blaming == 1 ? " blames" : "s blame") a person") }
        if owed > 0 { parts.append("the SLO policy asks for a P1 action item") }
        var text = "the post-mortem cannot be marked final: " + parts.joined(separator: " and ") + ":\n"
        for gap in gaps { text += "  - \(Sanitizer.clean(gap))\n" }
        text += "Fill them (`warroom postmortem set|impact|factor|why`, `postmortem action add`), reframe the sentences "
            + "(`warroom postmortem check` suggests how), or mark it final anyway with --force "
            + "(the document then lists what was missing at the top). Nothing was recorded."
        return text
    }

    /// Every unescaped `[…]` of the document, named by its section and field.
    static func placeholders(in document: String) -> [String] {
        var heading = "Header"
        var subheading: String?
        var found: [String] = []
        for line in document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("### ") {
                subheading = String(line.dropFirst(4))
                continue
            }
            if line.hasPrefix("## ") {
                heading = String(line.dropFirst(3))
                subheading = nil
                continue
            }
            if line.hasPrefix("# ") { continue }
            let spans = brackets(in: line)
            guard !spans.isEmpty else { continue }
            // A table row names its gap best by its longest placeholder ("[No events recorded]", not
            // "[HH:MM]"); elsewhere the last one is the answer ("Why did [answer 1] happen? → [answer]").
            let shown = line.hasPrefix("|") ? (spans.max { $0.count < $1.count } ?? "") : (spans.last ?? "")
            var place = subheading ?? heading
            if let label = label(of: line) { place += " \u{2014} " + label }
            found.append("\(place): \(shown)")
        }
        return found
    }

    /// The `**Label**` of a line, or the number of a numbered line (`answer 3`).
    static func label(of line: String) -> String? {
        if let open = line.firstRange(of: "**"), let close = line[open.upperBound...].firstRange(of: "**") {
            return String(line[open.upperBound..<close.lowerBound])
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return "answer \(digits)" }
        return nil
    }

    /// The `[…]` spans of a line whose `[` is not backslash-escaped.
    static func brackets(in line: String) -> [String] {
        var spans: [String] = []
        var backslashes = 0
        var current: String?
        for character in line {
            if var open = current {
                open.append(character)
                if character == "]" && backslashes % 2 == 0 {
                    spans.append(open)
                    current = nil
                } else {
                    current = open
                }
            } else if character == "[" && backslashes % 2 == 0 {
                current = "["
            }
            backslashes = character == "\\" ? backslashes + 1 : 0
        }
        return spans
    }
}
