import Foundation
import Testing
import WarRoomCore
import WarRoomStore
import WarRoomTestSupport

/// Every event type, from the one list (`EventType.allCases`): it has samples in the decoder's
/// variety list, the hand-written reader and `JSONDecoder` read each the same, encoding round-trips,
/// and the fold gives it a row or a change of state. A new type missing anywhere fails here (or,
/// for the switches over `EventType`, does not compile).
@Suite("Event types: one list, handled everywhere")
struct EventTypeCoverageTests {
    /// An incident with something for every reference to name: an entry, a hypothesis, an
    /// action item and a why.
    static func base() -> (Scenario, entry: UUID, hypothesis: UUID, actionItem: UUID, page: UUID) {
        var scenario = Scenario.declared(.sev2)
        let entry = scenario.must(.log(Entry(kind: .note, text: "restarted the pods"))).first?.id ?? testID(0)
        let hypothesis = scenario.must(.openHypothesis(text: "bad deploy", owner: "bob", timebox: nil)).first?.id ?? testID(0)
        let actionItem = scenario.must(.addActionItem(text: "Canary", owner: "sre", priority: .p2, due: t0.startOfDay + .hours(72),
                                                      fromEntry: nil)).first?.id ?? testID(0)
        scenario.must(.addWhy("no canary"))
        let page = scenario.must(.page(NotificationRecord(target: "bob", kind: .escalation, person: "bob"))).first?.id ?? testID(0)
        return (scenario, entry, hypothesis, actionItem, page)
    }

    /// A payload of `type` that the base incident can apply.
    static func applicable(_ type: EventType, entry: UUID, hypothesis: UUID, actionItem: UUID, page: UUID) -> EventPayload {
        switch type {
        case .declared: .declared(Declaration(title: "again", severity: .sev1))
        case .severityChanged: .severityChanged(SeverityChange(to: .sev1, reason: "worse"))
        case .impactRecorded: .impactRecorded(ImpactReport(usersAffectedPercent: 5))
        case .roleAssigned: .roleAssigned(RoleAssignment(role: .tech, person: "zed"))
        case .entry: .entry(Entry(kind: .action, text: "rolled back"))
        case .entryAmended: .entryAmended(EntryAmendment(entry: entry, text: "restarted the db"))
        case .entryRetracted: .entryRetracted(EntryRetraction(entry: entry, reason: "wrong incident"))
        case .hypothesisOpened: .hypothesisOpened(HypothesisOpening(text: "dns", owner: nil, timebox: .minutes(10)))
        case .hypothesisDecided: .hypothesisDecided(HypothesisDecision(hypothesis: hypothesis, verdict: .ruledOut))
        case .notified: .notified(NotificationRecord(target: "Eng Manager", kind: .notification))
        case .statusChanged: .statusChanged(StatusChange(to: .identified))
        case .updatePosted: .updatePosted(StatusUpdatePost(audience: .customers, text: "We are on it"))
        case .postmortemStatusChanged: .postmortemStatusChanged(PostmortemStatusChange(status: .review))
        case .postmortemTextSet: .postmortemTextSet(PostmortemText(section: .lessons, text: "canary first"))
        case .postmortemImpactSet: .postmortemImpactSet(PostmortemImpact(supportTickets: 12))
        case .factorSet: .factorSet(ContributingFactor(level: .immediate, text: "bad config"))
        case .whyAdded: .whyAdded(WhyAnswer(text: "no review"))
        case .actionItemAdded: .actionItemAdded(ActionItemAdded(text: "Alert", owner: "sre", priority: .p1, due: t0.startOfDay))
        case .actionItemDone: .actionItemDone(ActionItemDone(item: actionItem))
        case .factsRecorded: .factsRecorded(IncidentFacts(service: "payments"))
        case .actionItemUpdated: .actionItemUpdated(ActionItemUpdate(item: actionItem, owner: "zed"))
        case .actionItemStatusChanged: .actionItemStatusChanged(ActionItemStatusChange(item: actionItem, status: .inProgress))
        case .whyAmended: .whyAmended(WhyAmendment(number: 1, text: "no canary stage"))
        case .causeTagged: .causeTagged(CauseTagChange(tag: "config-push"))
        case .incidentLinked: .incidentLinked(IncidentLinkChange(other: "INC-4", kind: .causedBy))
        case .pageAcknowledged: .pageAcknowledged(PageAcknowledgement(page: page, person: "bob"))
        case .runbookUsed: .runbookUsed(RunbookUse(runbook: "checkout-rollback", action: .opened, lastTested: t0 - .hours(24 * 8)))
        case .drillMarked: .drillMarked(DrillMark(action: .injected, inject: 2, offset: .minutes(6), text: "Deploy log: rule pushed at 13:40"))
        case .delivery: .delivery(.queued(testID(9_100), destination: "slack-eng", cause: entry, notice: "statusUpdate",
                                          key: "warroom-INC-1-slack-eng"))
        }
    }

    @Test("Each type has samples in the decoder's variety list, read by hand as JSONDecoder reads them",
          arguments: EventType.allCases)
    func decoded(_ type: EventType) throws {
        let samples = decoderVariety.filter { $0.payload.eventType == type }
        #expect(!samples.isEmpty, "no \(type.rawValue) in the variety list of EventJSONDecoderTests")
        let (scenario, entry, hypothesis, actionItem, page) = Self.base()
        let applicable = Event(id: testID(9_001), incident: scenario.s.id, at: scenario.now, recordedAt: scenario.now,
                               author: "carol", payload: Self.applicable(type, entry: entry, hypothesis: hypothesis,
                                                                         actionItem: actionItem, page: page))
        for event in samples + [applicable] {
            let body = try decoderStoreEncoder.encode(event)
            var decoder = EventJSONDecoder()
            let fast = decoder.decodeFast(body)
            #expect(fast != nil, "the hand-written reader defers on \(type.rawValue)")
            #expect(fast == event, "the hand-written reader does not round-trip \(type.rawValue)")
            #expect(try JSONDecoder().decode(Event.self, from: body) == event, "JSONDecoder does not round-trip \(type.rawValue)")
            #expect(try decoder.decode(body) == event)
        }
    }

    @Test("The stored name is the type's raw value, and names one type", arguments: EventType.allCases)
    func storedName(_ type: EventType) throws {
        let (_, entry, hypothesis, actionItem, page) = Self.base()
        let payload = Self.applicable(type, entry: entry, hypothesis: hypothesis, actionItem: actionItem, page: page)
        #expect(payload.eventType == type)
        #expect(payload.type == type.rawValue)
        #expect(EventType.allCases.filter { $0.rawValue.lowercased() == type.rawValue.lowercased() } == [type])
    }

    @Test("The fold gives each type a row or a change of state, without an anomaly", arguments: EventType.allCases)
    func folded(_ type: EventType) throws {
        let (scenario, entry, hypothesis, actionItem, page) = Self.base()
        let before = scenario.s
        if type == .declared {
            // The first event of every incident; a second one is refused (its row says so).
            let declaration = try #require(IncidentState.fold(scenario.events.prefix(1)))
            #expect(declaration.timeline.map(\.kind) == [.declared])
            return
        }
        let event = Event(id: testID(9_001), incident: before.id, at: scenario.now + .minutes(1), recordedAt: scenario.now + .minutes(1),
                          author: "carol", payload: Self.applicable(type, entry: entry, hypothesis: hypothesis, actionItem: actionItem, page: page))
        var after = try #require(IncidentState.fold([event], onto: before))
        #expect(after.anomalies == before.anomalies, "the sample \(type.rawValue) should apply cleanly")
        after.eventCount = before.eventCount
        after.people = before.people
        #expect(after != before, "folding \(type.rawValue) changed nothing")
        if let row = after.timelineItem(for: event.id) {
            #expect(row.kind.isEntry == (row.detail == nil), "a recorded change's row says what it was in its detail")
        }
    }
}
