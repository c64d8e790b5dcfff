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
        #expect(scenario.s.timeline.map(\.text) == ["alert fired", "", "same minute A", "same minute B", "rolled back"],
                "entries keep their text; the declaration says what it was in its detail")
        #expect(scenario.s.timeline.map(\.kind) == [.finding, .declared, .note, .note, .action])
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
        let details: [TimelineItem.Detail?] = [
            .declared(Declaration(title: "Checkout errors", severity: .sev2, service: "checkout-api")),
            .role(.commander, person: "alice", previous: nil), .role(.scribe, person: "carol", previous: nil),
            .role(.commander, person: "bob", previous: "alice"),
            .hypothesis(.init(number: 1, verdict: nil, text: "bad deploy", owner: "bob", span: .minutes(15), note: nil)),
            .hypothesis(.init(number: 1, verdict: .confirmed, text: "bad deploy", owner: "bob", span: .minutes(15), note: nil)),
            .update(.executives, text: "found it"), nil,
        ]
        #expect(scenario.s.timeline.map(\.detail) == details)
        #expect(scenario.s.timeline.map(\.text) == ["", "", "", "", "", "", "", "alice is Incident Commander"],
                "a recorded change writes no text; an entry keeps what was typed, whatever it says")
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

    @Test("Every recorded change gets a row that says what it was")
    func systemRows() {
        var scenario = Scenario.declared(.sev3)
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 12.5, customerReported: true)))
        scenario.must(.setSeverity(.sev2, reason: "key feature down"))
        scenario.must(.assignRole(.commander, person: "alice"))
        scenario.must(.openHypothesis(text: "bad deploy", owner: "bob", timebox: nil))
        scenario.must(.notify(target: "Eng Manager", kind: nil, tier: nil))
        scenario.must(.postUpdate(audience: .executives, text: "We are on it"))
        #expect(scenario.s.timeline.allSatisfy { $0.detail != nil && $0.text.isEmpty }, "worded by TimelineWording")
        #expect(scenario.s.timeline.map(\.kind) == [.declared, .impact, .severity, .role, .hypothesis, .notification, .update])
    }
}

@Suite("Timeline rows carry data, not wording")
struct TimelineDetailTests {
    @Test("In any history, a recorded change's row has its detail and no text; an entry has its text and no detail",
          arguments: [3, 11, 29] as [UInt64])
    func rowsSayWhatTheyAre(_ seed: UInt64) throws {
        var random = RandomIncident(seed: seed)
        let state = try #require(IncidentState.fold(random.history(length: 300)))
        #expect(state.timeline.contains { $0.detail != nil } && state.timeline.contains { $0.detail == nil })
        for item in state.timeline {
            #expect(item.kind.isEntry == (item.detail == nil), "#\(item.number) \(item.kind)")
            if item.detail != nil { #expect(item.text.isEmpty, "#\(item.number) \(item.kind) wrote text: \(item.text)") }
        }
    }
}
