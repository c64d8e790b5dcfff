import Testing
import WarRoomCore
import WarRoomTestSupport
import WarRoomReports

@Suite("No control characters in any output")
struct ControlCharacterTests {
    /// Text with ESC sequences, CR, BEL, backspace, DEL, C1, bidi overrides and isolates, and
    /// Unicode line separators.
    static let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{07}safe\rEVIL\u{08}\u{7F}\u{9B}31m \u{202E}gnp.exe\u{2066}x\u{2069} a\u{2028}b\u{1B}"

    /// Every draft at every stage, and the post-mortem, of an incident whose every text is hostile.
    static func outputs() -> [(String, String, Bool)] {
        var results: [(String, String, Bool)] = []
        func drafts(_ scenario: Scenario, _ stage: String) {
            for audience in Audience.allCases {
                let draft = StatusUpdateDrafter.draft(scenario.s, audience: audience, policy: .standard, now: scenario.now)
                results.append(("\(stage) \(audience) subject", draft.subject, false))
                results.append(("\(stage) \(audience) body", draft.body, true))
            }
        }
        let person = "eve\u{1B}[31m\u{202E}"
        var scenario = Scenario.declared(.sev2, title: "title " + hostile, service: "svc " + hostile,
                                         summary: "summary " + hostile, startedAt: t0 - .minutes(5), by: person)
        scenario.must(.assignRole(.commander, person: person))
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 10, note: hostile)))
        scenario.log(.finding, "finding " + hostile, by: person)
        scenario.must(.openHypothesis(text: "hypothesis " + hostile, owner: person, timebox: nil))
        scenario.must(.notify(target: "target " + hostile, kind: .escalation, tier: hostile))
        drafts(scenario, "initial")
        scenario.at("14:05")
        scenario.must(.postUpdate(audience: .engineering, text: hostile))
        scenario.log(.action, "action " + hostile, by: person, tags: [.repair])
        scenario.log(.decision, "decision " + hostile)
        scenario.must(.decideHypothesis(number: 1, verdict: .confirmed, extendedBy: nil, note: hostile, markIdentified: true))
        scenario.must(.setStatus(.status(.monitoring), reason: hostile, force: false))
        drafts(scenario, "update")
        scenario.at("14:30")
        scenario.must(.setStatus(.status(.resolved), reason: hostile, force: false))
        drafts(scenario, "resolved")
        for section in PostmortemSection.allCases { scenario.must(.setPostmortemText(section, text: hostile)) }
        for level in FactorLevel.allCases { scenario.must(.setFactor(level, text: hostile)) }
        scenario.must(.addWhy(hostile))
        scenario.must(.setPostmortemImpact(PostmortemImpact(usersAffected: hostile, revenue: hostile, sloBudget: hostile)))
        scenario.must(.addActionItem(text: hostile, owner: person, priority: .p1, due: utc("2026-12-01T00:00:00Z"), fromEntry: nil))
        scenario.log(.note, "TODO: " + hostile)
        scenario.log(.note, "mallory forgot the check " + hostile, by: "mallory")
        results.append(("post-mortem", PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now), true))
        for finding in BlamelessCheck.findings(in: scenario.s) {
            results.append(("finding sentence", finding.sentence, false))
            results.append(("finding person", finding.person ?? "", false))
        }
        return results
    }

    @Test("Hostile text in every field comes out visible and inert")
    func inert() {
        let outputs = Self.outputs()
        #expect(outputs.count > 19)
        for (name, text, multiline) in outputs {
            let bad = text.unicodeScalars.filter { isForbidden($0, allowNewline: multiline) }
            #expect(bad.isEmpty, "\(name) holds \(bad.map { "U+" + String($0.value, radix: 16) })")
            #expect(!text.contains("\r\n"))
            #expect(!text.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x2029 })
        }
        let post = outputs.first { $0.0 == "post-mortem" }?.1 ?? ""
        #expect(post.contains("^\\[\\[2J"), "ESC shown in caret notation, its bracket escaped")
        #expect(post.contains("\\<U+202E>gnp.exe"))
    }

    @Test("The blameless check found the hostile sentence, and its text is safe")
    func findingSafe() {
        #expect(Self.outputs().contains { $0.0 == "finding sentence" && $0.1.contains("forgot") })
    }
}
