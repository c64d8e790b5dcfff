import Testing
import WarRoomCore
import WarRoomTestSupport
import WarRoomReports

@Suite("Post-mortem document")
struct PostmortemDocumentTests {
    static let incident = ScriptedIncident.build()
    static let document = PostmortemDocument.markdown(incident.final, policy: incident.policy, now: incident.finalNow)

    /// The lines of a `##` section, heading excluded, up to the next `##`.
    static func section(_ heading: String, in document: String) -> [String] {
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "## \(heading)") else { return [] }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("## ") } ?? lines.endIndex
        return Array(lines[(start + 1)..<end])
    }

    @Test("The header: declaration date, highest severity, duration, author, responders, status")
    func header() {
        let lines = Self.document.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(7)) == [
            "# Post-Mortem: Checkout errors",
            "**Date**: 2026-11-28",
            "**Severity**: SEV1 (declared SEV2)",
            "**Duration**: 13:52 – 14:42 UTC (50 minutes)",
            "**Author**: alice",
            "**Responders**: Incident Commander alice; Communications Lead dave; Technical Lead bob; Scribe erin",
            "**Status**: Review",
        ])
    }

    @Test("The sections come in the template's order")
    func order() {
        let headings = Self.document.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
        #expect(headings == [
            "# Post-Mortem: Checkout errors", "## Executive Summary", "## Impact", "## Timeline (UTC)",
            "## Root Cause Analysis", "### What happened", "### Contributing Factors", "### 5 Whys",
            "## What Went Well", "## What Went Poorly", "## Action Items",
            "### Proposed from the timeline (TODO: entries)", "## Lessons Learned",
        ])
    }

    @Test("The timeline keeps key moments and drops noise")
    func timeline() {
        let rows = Self.section("Timeline (UTC)", in: Self.document).filter { $0.hasPrefix("| ") }.dropFirst()
        let text = rows.joined(separator: "\n")
        #expect(text.contains("| 14:00 | Declared SEV2: Checkout errors"))
        #expect(text.contains("| 14:01 | alice is Incident Commander |"))
        #expect(!text.contains("Technical Lead") && !text.contains("Scribe"), "other role changes are noise")
        #expect(text.contains("| 14:10 | Severity SEV2 → SEV1"))
        #expect(text.contains("| 14:18 | Hypothesis \\#2 confirmed") || text.contains("| 14:18 | Hypothesis #2 confirmed"))
        #expect(!text.contains("extended by"), "timebox extensions are noise")
        #expect(!text.contains("resolver-3"), "retracted")
        #expect(!text.contains("TODO"), "TODO entries are proposed action items, not moments")
        #expect(!text.contains("Post-mortem") && !text.contains("Why #") && !text.contains("Action item"))
        #expect(text.contains("| 14:08 | Status update posted to engineering, executives and customers |"))
        #expect(text.contains("| 14:30 | Finding: Error rate back to baseline (0.2%) |"))
        #expect(text.contains("| 14:42 | Status monitoring → resolved |"))
    }

    @Test("A key-moment tag keeps even a TODO entry; an incident across midnight shows dates")
    func taggedAndDated() {
        var scenario = Scenario.declared(.sev2, at: utc("2026-11-28T23:50:00Z"))
        scenario.at("2026-11-29T00:10:00Z")
        scenario.log(.note, "TODO: page the DBA sooner", tags: [.keyMoment])
        let document = PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now)
        #expect(document.contains("| 2026-11-28 23:50 | Declared SEV2"))
        #expect(document.contains("| 2026-11-29 00:10 | TODO: page the DBA sooner |"))
    }

    @Test("Action items: done, overdue by now, not started; TODO entries not yet items are proposed")
    func actionItems() {
        let lines = Self.section("Action Items", in: Self.document)
        #expect(lines.contains("| 1 | Add a pool-saturation alert | @bob | P1 | 2026-12-01 | Done |"))
        #expect(lines.contains("| 2 | Canary deploys for config changes | @platform | P1 | 2026-12-03 | Overdue |"))
        #expect(lines.contains("| 3 | Check pool size against pod count in CI | @carol | P2 | 2026-12-31 | Not Started |"))
        #expect(lines.contains("- TODO 2, 2026-11-28 14:22 UTC: TODO: document the pgbouncer restart in the runbook"),
                "TODO 1 became item 1: TODO 2 keeps its number")
        #expect(!lines.contains { $0.contains("pool-saturation alert for db-17") }, "already an action item")
        // Before its due day ended, item 2 was not overdue.
        let earlier = PostmortemDocument.markdown(Self.incident.final, policy: .standard, now: utc("2026-12-03T12:00:00Z"))
        #expect(earlier.contains("| 2 | Canary deploys for config changes | @platform | P1 | 2026-12-03 | Not Started |"))
    }

    @Test("Filled fields are the record's text; the rest are the template's placeholders")
    func filledAndPlaceholders() {
        let document = Self.document
        #expect(document.contains("- **Users affected**: 45% of checkout users (about 10,800)"))
        #expect(document.contains("- **SLO budget consumed**: [X% of monthly error budget]"))
        #expect(document.contains("3. **Systemic cause**: [What organizational/process gap allowed it]"))
        #expect(document.contains("2. Why did “Checkout requests timed out waiting for a database connection” happen? → The connection pool was exhausted."))
        #expect(document.contains("4. Why did “Deploy 4411 doubled the connections per pod” happen? → [answer]"))
        #expect(document.contains("5. Why did [answer 4] happen? → [root systemic issue]"))
        #expect(Self.section("Lessons Learned", in: document).contains("[Key takeaways that should inform future architectural and process decisions]"))
    }

    @Test("An empty incident's post-mortem is placeholders everywhere, with nothing invented")
    func emptyIncident() {
        let scenario = Scenario.declared(.sev3, title: "Slow search", service: nil)
        let document = PostmortemDocument.markdown(scenario.s, policy: .standard, now: t0 + .hours(1))
        for placeholder in [
            "**Duration**: 14:00 UTC – [ongoing]", "**Author**: [name]", "**Status**: Draft",
            "[2-3 sentences: what happened, who was affected, how it was resolved]",
            "**Users affected**: [number or percentage]", "**Revenue impact**: [estimated or N/A]",
            "**SLO budget consumed**: [X% of monthly error budget]", "**Support tickets created**: [count]",
            "[Detailed technical explanation of the failure chain]", "**Immediate cause**: [The direct trigger]",
            "**Underlying cause**: [Why the trigger was possible]",
            "**Systemic cause**: [What organizational/process gap allowed it]",
            "1. Why did the service go down? → [answer]", "5. Why did [answer 4] happen? → [root systemic issue]",
            "- [Things that worked during the response]", "- [Gaps that were exposed]",
            "| [ID] | [Action: none recorded yet] |",
            "[Key takeaways that should inform future architectural and process decisions]",
        ] {
            #expect(document.contains(placeholder), "missing \(placeholder)")
        }
        // Every content line is a heading, a label with a placeholder, a table line, or the one
        // recorded event: no prose the record did not hold.
        let content = document.split(separator: "\n").map(String.init).filter { line in
            !line.hasPrefix("#") && !line.hasPrefix("|") && !line.contains("[")
        }
        #expect(content == ["**Date**: 2026-11-28", "**Severity**: SEV3", "**Responders**: nobody took a role", "**Status**: Draft"])
    }

    @Test("The author falls back to the IC, then to a placeholder")
    func author() {
        var scenario = Scenario.declared(.sev3)
        #expect(PostmortemDocument.markdown(scenario.s, policy: .standard, now: t0).contains("**Author**: [name]"))
        scenario.must(.assignRole(.commander, person: "mia"))
        #expect(PostmortemDocument.markdown(scenario.s, policy: .standard, now: t0).contains("**Author**: mia"))
        scenario.must(.setPostmortemText(.lessons, text: "Alert on pools"), by: "noor")
        #expect(PostmortemDocument.markdown(scenario.s, policy: .standard, now: t0).contains("**Author**: noor"))
    }
}
