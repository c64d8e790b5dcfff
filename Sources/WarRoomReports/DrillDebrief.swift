import WarRoomCore
import WarRoomText

/// A scored drill for the people who played it: `warroom drill score` prints `text`, and with
/// `--format markdown` the debrief document (what went well, what went poorly, with times; every
/// expectation; the method's rules; the runbooks used; the score).
public enum DrillDebrief {
    /// The facts a debrief opens with.
    public struct Facts: Sendable {
        public var incident: IncidentID
        public var title: String
        public var scenario: DrillScenario
        public var started: Timestamp?
        public var ended: Timestamp?
        public var endReason: String?
        public var speed: DrillSpeed
        /// The runbooks this scoring recorded as tested (empty when none, or not recorded).
        public var testedRunbooks: [String]

        public init(incident: IncidentID, title: String, scenario: DrillScenario, started: Timestamp?, ended: Timestamp?,
                    endReason: String?, speed: DrillSpeed, testedRunbooks: [String] = []) {
            self.incident = incident
            self.title = title
            self.scenario = scenario
            self.started = started
            self.ended = ended
            self.endReason = endReason
            self.speed = speed
            self.testedRunbooks = testedRunbooks
        }
    }

    static func played(_ facts: Facts) -> String {
        guard let started = facts.started else { return "not started" }
        let end = facts.ended.map { " to \($0.clockTime)Z" } ?? " (not ended: scored up to now)"
        return "\(started.dateOnly) \(started.clockTime)Z\(end) at \(facts.speed) (\(facts.scenario.duration.compact) of scenario)"
    }

    static func score(_ score: DrillScore) -> String {
        "\(score.earned) of \(score.possible) points (\(score.percent)%): \(score.met.count) met, \(score.missed.count) missed"
    }

    static func line(_ item: DrillScore.Item) -> String {
        let points = item.outcome == .notScored ? "" : " (\(item.points)/\(item.possible))"
        return (item.at.map { "\($0.clockTime) " } ?? "") + "\(item.title): \(item.evidence)\(points)"
    }

    /// The debrief in Markdown.
    public static func markdown(_ result: DrillScore, facts: Facts) -> String {
        let md = MarkdownText.inline
        var out = "# Drill debrief: \(facts.incident) — \(md(facts.title))\n\n"
        out += "- **Scenario:** \(md(facts.scenario.name))" + (facts.scenario.basedOn.map { " (based on \(md($0)))" } ?? "") + "\n"
        out += "- **Played:** \(played(facts))\n"
        if let reason = facts.endReason { out += "- **Ended:** \(md(reason))\n" }
        out += "- **Players:** " + (result.players.isEmpty ? "nobody recorded anything" : result.players.map(md).joined(separator: ", ")) + "\n"
        out += "- **Score:** \(score(result))\n"
        if !facts.scenario.objectives.isEmpty {
            out += "\n## Objectives\n\n" + facts.scenario.objectives.map { "- \(md($0))\n" }.joined()
        }
        let ordered = { (items: [DrillScore.Item]) in items.sorted { ($0.at?.millis ?? .max) < ($1.at?.millis ?? .max) } }
        out += "\n## What went well\n\n"
        out += result.met.isEmpty ? "Nothing the scenario or the method asks for was done in time.\n"
            : ordered(result.met).map { "- \(md(line($0)))\n" }.joined()
        out += "\n## What went poorly\n\n"
        out += result.missed.isEmpty ? "Nothing: every expectation and rule that applied was met.\n"
            : ordered(result.missed).map { "- \(md(line($0)))\n" }.joined()
        out += "\n## Expectations\n\n| Inject | Expected | Outcome | Points | Evidence |\n| --- | --- | --- | --- | --- |\n"
        for item in result.items {
            guard case .expectation(let inject, _) = item.source else { continue }
            let at = facts.scenario.injects.indices.contains(inject) ? DrillOffset.text(facts.scenario.injects[inject].offset) : "?"
            out += "| \(at) | \(MarkdownText.cell(item.title)) | \(item.outcome.rawValue) | \(item.points)/\(item.possible) | "
                + "\(MarkdownText.cell(item.evidence)) |\n"
        }
        out += "\n## The method's rules\n\n| Rule | Outcome | Points | Evidence |\n| --- | --- | --- | --- |\n"
        for item in result.items {
            guard case .rule = item.source else { continue }
            out += "| \(MarkdownText.cell(item.title)) | \(item.outcome.rawValue) | \(item.points)/\(item.possible) | \(MarkdownText.cell(item.evidence)) |\n"
        }
        out += "\n## Runbooks\n\n"
        if result.runbooksUsed.isEmpty {
            out += "No runbook was opened.\n"
        } else {
            for name in result.runbooksUsed {
                out += "- \(md(name))" + (facts.testedRunbooks.contains(name) ? ": recorded as tested by this drill" : "") + "\n"
            }
        }
        return out
    }

    /// The score as the terminal shows it.
    public static func text(_ result: DrillScore, facts: Facts) -> String {
        func clean(_ text: String) -> String { Sanitizer.clean(text) }
        var lines = ["\(facts.incident)  DRILL  \(clean(facts.title))",
                     "  scenario: \(clean(facts.scenario.name))",
                     "  played:   \(played(facts))"]
        if let reason = facts.endReason { lines.append("  ended:    \(clean(reason))") }
        lines.append("  players:  " + (result.players.isEmpty ? "nobody recorded anything" : clean(result.players.joined(separator: ", "))))
        lines.append("  score:    \(score(result))")
        for (heading, items) in [("MET", result.met), ("MISSED", result.missed)] where !items.isEmpty {
            lines.append("")
            lines.append(heading)
            lines += items.map { "  " + clean(line($0)) }
        }
        let unscored = result.items.filter { $0.outcome == .notScored }
        if !unscored.isEmpty {
            lines.append("")
            lines.append("NOT SCORED")
            lines += unscored.map { "  " + clean("\($0.title): \($0.evidence)") }
        }
        if !result.runbooksUsed.isEmpty {
            lines.append("")
            lines.append("RUNBOOKS  " + clean(result.runbooksUsed.map { $0 + (facts.testedRunbooks.contains($0) ? " (recorded as tested)" : "") }
                .joined(separator: ", ")))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
