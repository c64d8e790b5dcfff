import Testing
import Foundation
import WarRoomCore
import WarRoomTestSupport
import WarRoomReports

@Suite("Post-mortem timeline and readiness")
struct PostmortemTimelineTests {
    /// The table rows of the document's timeline, header and rule dropped.
    static func rows(_ document: String) -> [String] {
        PostmortemDocumentTests.section("Timeline (UTC)", in: document).filter { $0.hasPrefix("| ") }.dropFirst().map { $0 }
    }

    static func upgraded() -> Scenario {
        var scenario = Scenario.declared(.sev3)
        scenario.at("14:02")
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 10)))
        scenario.at("14:04")
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 12)))
        scenario.at("14:06")
        scenario.must(.openHypothesis(text: "bad config deploy", owner: "bob", timebox: .minutes(15)))
        scenario.at("14:08")
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 25, note: "EU checkout")))
        scenario.at("14:10")
        scenario.must(.decideHypothesis(number: 1, verdict: .extended, extendedBy: .minutes(10), note: nil, markIdentified: true))
        scenario.at("14:12")
        scenario.must(.decideHypothesis(number: 1, verdict: .ruledOut, extendedBy: nil, note: "config unchanged since Monday",
                                        markIdentified: true))
        scenario.must(.openHypothesis(text: "pool exhaustion", owner: nil, timebox: nil))
        scenario.at("14:15")
        scenario.must(.decideHypothesis(number: 2, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: true))
        return scenario
    }

    @Test("Key moments: the impact report behind an automatic upgrade, the upgrade's trigger, hypotheses and verdicts")
    func keyMoments() {
        let scenario = Self.upgraded()
        let rows = Self.rows(PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now))
        #expect(rows.contains("| 14:02 | Impact: 10% of users affected |"), "the first impact report")
        #expect(!rows.contains { $0.contains("12% of users") }, "a report that changed nothing is noise")
        #expect(rows.contains("| 14:08 | Impact: 25% of users affected — EU checkout |"), "the report that upgraded")
        #expect(rows.contains { $0.hasPrefix("| 14:08 | Severity SEV3 → SEV2 (automatic: impact scope doubled") })
        #expect(rows.contains("| 14:06 | Hypothesis \\#1 (bob, 15m): bad config deploy |")
                || rows.contains("| 14:06 | Hypothesis #1 (bob, 15m): bad config deploy |"))
        #expect(rows.contains { $0.hasPrefix("| 14:12 | Hypothesis #1 ruled out: bad config deploy — config unchanged since Monday") })
        #expect(rows.contains { $0.hasPrefix("| 14:12 | Hypothesis #2 (15m): pool exhaustion") })
        #expect(rows.contains { $0.hasPrefix("| 14:15 | Hypothesis #2 confirmed: pool exhaustion") })
        #expect(!rows.contains { $0.contains("extended by") })
        // In order: the impact row comes before the upgrade it caused.
        let impact = rows.firstIndex { $0.contains("25% of users") }
        let upgrade = rows.firstIndex { $0.contains("SEV3 → SEV2") }
        #expect(impact != nil && upgrade != nil && (impact ?? 0) < (upgrade ?? 0))
    }

    @Test("Amended entries show their latest text; retracted ones are left out")
    func amendedAndRetracted() {
        var scenario = Scenario.declared(.sev2)
        scenario.at("14:03")
        let amended = scenario.log(.finding, "errors from db-17")
        let retracted = scenario.log(.note, "resolver-3 is down")
        scenario.at("14:05")
        scenario.must(.amend(entry: amended, text: "errors from db-18, not db-17"))
        scenario.must(.retract(entry: retracted, reason: "wrong incident"))
        let document = PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now)
        #expect(Self.rows(document).contains("| 14:03 | Finding: errors from db-18, not db-17 |"))
        #expect(!document.contains("Finding: errors from db-17 |") && !document.contains("resolver-3"))
    }

    /// Undoes the document's Markdown escapes as a CommonMark renderer would: backslash escapes
    /// of ASCII punctuation, and the entities the document could have written.
    static func rendered(_ text: String) -> String {
        let characters = Array(text)
        let entities: [(String, Character)] = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&"),
                                               ("&#62;", ">"), ("&#x3E;", ">")]
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, characters[index + 1].isASCII,
               characters[index + 1].isPunctuation || characters[index + 1].isSymbol {
                out.append(characters[index + 1])
                index += 2
                continue
            }
            if character == "&", let (entity, plain) = entities.first(where: { entity, _ in
                String(characters[index..<min(characters.count, index + entity.count)]) == entity
            }) {
                out.append(plain)
                index += entity.count
                continue
            }
            out.append(character)
            index += 1
        }
        return out
    }

    static let tricky = [
        "p99 > 2s for <5% of users & rising",
        "a | b | c",
        "*not bold* and **not strong**",
        "R&D saw &gt; typed literally, and &amp; too",
        "<b>raw html</b> & <!-- comment -->",
        "> not a quote",
        "C:\\path\\to | x",
    ]

    @Test("Markdown is escaped exactly once: a renderer shows exactly what was typed", arguments: tricky)
    func escapedOnce(_ typed: String) {
        var scenario = Scenario.declared(.sev2)
        scenario.at("14:03")
        scenario.log(.finding, typed)
        scenario.must(.setPostmortemText(.summary, text: typed))
        let document = PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now)
        let row = Self.rows(document).first { $0.hasPrefix("| 14:03 |") } ?? ""
        #expect(MarkdownEscapingTests.columns(row) == 2, "\(row)")
        let cell = String(row.dropFirst("| 14:03 | Finding: ".count).dropLast(2))
        #expect(Self.rendered(cell) == typed)
        let summary = PostmortemDocumentTests.section("Executive Summary", in: document).first { !$0.isEmpty } ?? ""
        #expect(Self.rendered(summary) == typed)
        #expect(!document.contains("&amp;gt;") && !document.contains("&amp;lt;") && !document.contains("\\\\|"))
    }

    @Test("Comparisons, ampersands and arrows read as typed in the raw file too")
    func readableRaw() {
        var scenario = Scenario.declared(.sev2)
        scenario.log(.finding, "p99 > 2s & error rate < 5%")
        let document = PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now)
        #expect(document.contains("| Finding: p99 > 2s & error rate < 5% |"))
        #expect(!document.contains("&gt;") && !document.contains("&amp;") && !document.contains("&lt;"))
    }

    @Test("Readiness lists every placeholder by section, and every blaming sentence")
    func readiness() {
        let incident = ScriptedIncident.build()
        let gaps = PostmortemReadiness.gaps(incident.final, policy: incident.policy, now: incident.finalNow)
        #expect(gaps.contains("Impact — SLO budget consumed: [X% of monthly error budget]"))
        #expect(gaps.contains("Contributing Factors — Systemic cause: [What organizational/process gap allowed it]"))
        #expect(gaps.contains("5 Whys — answer 4: [answer]"))
        #expect(gaps.contains("5 Whys — answer 5: [root systemic issue]"))
        #expect(gaps.contains { $0.hasPrefix("Blaming sentence in Timeline") && $0.contains("forgot") })
        #expect(!gaps.contains { $0.hasPrefix("Executive Summary") }, "the summary is written")
        let empty = Scenario.declared(.sev3)
        let all = PostmortemReadiness.gaps(empty.s, policy: .standard, now: empty.now)
        #expect(all.contains("Header — Author: [name]"), "nobody wrote it and no IC is named")
        #expect(all.contains("Executive Summary: [2-3 sentences: what happened, who was affected, how it was resolved]"))
        #expect(all.contains("Action Items: [Action: none recorded yet]"))
        #expect(all.contains("Header — Duration: [ongoing]"))
        #expect(PostmortemReadiness.refusal(all).contains("\(all.count) fields are not filled"))
    }

    @Test("A post-mortem with every field filled and no blame is ready")
    func ready() {
        var scenario = Scenario.declared(.sev2)
        scenario.log(.finding, "pool exhausted on db-17")
        for section in PostmortemSection.allCases {
            scenario.must(.setPostmortemText(section, text: "Written for \(section.rawValue)."))
        }
        scenario.must(.setPostmortemImpact(PostmortemImpact(usersAffected: "30%", revenue: "N/A", sloBudget: "12%",
                                                            supportTickets: 3)))
        for level in FactorLevel.allCases { scenario.must(.setFactor(level, text: "factor \(level.rawValue)")) }
        for n in 1...5 { scenario.must(.addWhy("answer \(n)")) }
        scenario.must(.addActionItem(text: "Alert on pool saturation", owner: "sre", priority: .p1, due: t0, fromEntry: nil))
        scenario.must(.setStatus(.status(.resolved), reason: "fixed", force: true))
        #expect(PostmortemReadiness.gaps(scenario.s, policy: .standard, now: scenario.now) == [])
        scenario.must(.setPostmortemText(.wentPoorly, text: "The on-call engineer forgot to check the dashboard."))
        #expect(PostmortemReadiness.gaps(scenario.s, policy: .standard, now: scenario.now)
                == ["Blaming sentence in What Went Poorly: \u{201C}The on-call engineer forgot to check the dashboard.\u{201D}"])
    }

    @Test("Forced final: the document says what was missing, at the top, escaped")
    func forcedNote() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.setPostmortemStatus(.final, forced: ["Executive Summary: [2-3 sentences]", "Blaming sentence in X: “a | b”"]))
        let document = PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now)
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let status = lines.firstIndex(of: "**Status**: Final") ?? 0
        #expect(lines[status + 2] == "> **Warning**: marked final with `--force` while 2 things were still missing:")
        #expect(lines[status + 3] == "> - Executive Summary: \\[2-3 sentences\\]")
        #expect(lines[status + 4] == "> - Blaming sentence in X: “a \\| b”")
        scenario.must(.setPostmortemStatus(.review))
        #expect(!PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now).contains("Warning"))
    }

    @Test("Changed after final: the document says so until it is marked final again; action items moving on do not count")
    func changedAfterFinal() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.setPostmortemStatus(.final, forced: nil))
        scenario.must(.addActionItem(text: "canary config", owner: "sre", priority: .p2, due: scenario.now, fromEntry: nil))
        scenario.must(.setActionItemStatus(number: 1, status: .done, reason: nil))
        var document = PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now)
        #expect(!document.contains("since it was marked final"), "\(document)")
        scenario.must(.setPostmortemText(.summary, text: "Bob pushed a bad config."))
        scenario.must(.addWhy("The config was not validated"))
        document = PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now)
        #expect(document.contains("> **Warning**: changed 2 times since it was marked final: review it, then mark it final again"))
        scenario.must(.setPostmortemStatus(.final, forced: ["Blaming sentence"]))
        document = PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now)
        #expect(!document.contains("since it was marked final") && document.contains("marked final with `--force`"))
    }
}
