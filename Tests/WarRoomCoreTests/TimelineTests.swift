import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Timeline")
struct TimelineTests {
    @Test("Ordered by when it happened, then by record order; backdated entries slot in")
    func ordering() {
        var scenario = Scenario.declared(.sev2, detectedAt: t0 - .minutes(10))
        scenario.advance(.minutes(10))
        scenario.must(.log(Entry(kind: .action, text: "rolled back")))
        scenario.must(.log(Entry(kind: .finding, text: "alert fired", tags: [.detection])), at: t0 - .minutes(2))
        scenario.must(.log(Entry(kind: .note, text: "same minute A")), at: t0 + .minutes(5))
        scenario.must(.log(Entry(kind: .note, text: "same minute B")), at: t0 + .minutes(5))
        #expect(scenario.s.timeline.map(\.text) == [
            "alert fired", "Declared SEV2: Checkout errors [checkout-api]", "same minute A", "same minute B", "rolled back",
        ])
        #expect(scenario.s.timeline.first?.tags == [.detection])
        #expect(scenario.s.timeline.first?.kind == .finding)
    }

    @Test("Recorded changes say what they were, whatever their wording")
    func details() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.assignRole(.commander, person: "alice"))
        scenario.must(.assignRole(.scribe, person: "carol"))
        scenario.must(.assignRole(.commander, person: "bob"))
        scenario.must(.openHypothesis(text: "bad deploy", owner: "bob", timebox: nil))
        scenario.must(.decideHypothesis(number: 1, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: false))
        scenario.must(.postUpdate(audience: .executives, text: "found it"))
        scenario.must(.log(Entry(kind: .note, text: "alice is Incident Commander")))
        #expect(scenario.s.timeline.map(\.detail) == [
            nil, .role(.commander, handoff: false), .role(.scribe, handoff: false), .role(.commander, handoff: true),
            .hypothesis(number: 1, verdict: nil), .hypothesis(number: 1, verdict: .confirmed), .update(.executives), nil,
        ])
    }

    @Test("Amending keeps the original; retracting keeps the entry, marked")
    func amendAndRetract() throws {
        var scenario = Scenario.declared(.sev2)
        let entry = try #require(scenario.must(.log(Entry(kind: .decision, text: "roll back to v41"))).first)
        scenario.must(.amend(entry: entry.id, text: "roll back to v40"))
        var item = try #require(scenario.s.timelineItem(for: entry.id))
        #expect(item.text == "roll back to v40")
        #expect(item.previousTexts == ["roll back to v41"])
        scenario.must(.retract(entry: entry.id, reason: "wrong incident"))
        item = try #require(scenario.s.timelineItem(for: entry.id))
        #expect(item.retraction == "wrong incident")
        #expect(throws: CommandError.entryRetracted) { try scenario.run(.amend(entry: entry.id, text: "x")) }
        #expect(scenario.s.timeline.count == 2, "corrections are not rows of their own")
    }

    @Test("Only entries can be amended: a system row or an unknown id is refused")
    func amendRefusals() throws {
        var scenario = Scenario.declared(.sev2)
        let declaration = try #require(scenario.events.first)
        #expect(throws: CommandError.unknownEntry) { try scenario.run(.amend(entry: declaration.id, text: "x")) }
        #expect(throws: CommandError.unknownEntry) { try scenario.run(.retract(entry: testID(999), reason: nil)) }
    }

    @Test("Every event type gets a readable row")
    func systemRows() {
        var scenario = Scenario.declared(.sev3)
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 12.5, customerReported: true)))
        scenario.must(.setSeverity(.sev2, reason: "key feature down"))
        scenario.must(.assignRole(.commander, person: "alice"))
        scenario.must(.openHypothesis(text: "bad deploy", owner: "bob", timebox: nil))
        scenario.must(.notify(target: "Eng Manager", kind: nil, tier: nil))
        scenario.must(.postUpdate(audience: .executives, text: "We are on it"))
        #expect(scenario.s.timeline.map(\.text) == [
            "Declared SEV3: Checkout errors [checkout-api]",
            "Impact: 12.5% of users affected, customer-reported",
            "Severity SEV3 → SEV2: key feature down",
            "alice is Incident Commander",
            "Hypothesis #1 (bob, 15m): bad deploy",
            "Notified Eng Manager",
            "Status update to executives: We are on it",
        ])
        #expect(scenario.s.timeline.map(\.kind) == [.declared, .impact, .severity, .role, .hypothesis, .notification, .update])
    }
}
