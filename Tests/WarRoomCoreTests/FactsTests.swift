import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Incident facts set or corrected after the declaration")
struct FactsTests {
    @Test("Service, impact start and detection can be set later; the state, metrics and timeline use them")
    func setLater() throws {
        var scenario = Scenario.declared(.sev2, service: nil)
        #expect(scenario.s.service == nil)
        #expect(scenario.s.metrics.timeToDetect == nil)
        scenario.advance(.minutes(5))
        scenario.must(.setFacts(IncidentFacts(service: "  checkout-api ")))
        scenario.must(.setFacts(IncidentFacts(impactStartedAt: t0 - .minutes(10))))
        scenario.must(.setFacts(IncidentFacts(detectedAt: t0 - .minutes(2))))
        #expect(scenario.s.service == "checkout-api")
        #expect(scenario.s.impactStartedAt == t0 - .minutes(10))
        #expect(scenario.s.detectedAt == t0 - .minutes(2))
        #expect(scenario.s.metrics.timeToDetect == .minutes(8))
        // Each row keeps what was given and what was known before it (the wording: TimelineWordingTests).
        let rows = scenario.s.timeline.filter { $0.kind == .facts }.compactMap(\.detail)
        #expect(rows == [
            .facts(.init(service: ("checkout-api", nil), impactStarted: nil, detected: nil, declaredAt: t0)),
            .facts(.init(service: nil, impactStarted: (t0 - .minutes(10), nil), detected: nil, declaredAt: t0)),
            .facts(.init(service: nil, impactStarted: nil, detected: (t0 - .minutes(2), t0), declaredAt: t0)),
        ])
    }

    @Test("A correction replaces the earlier value and says what it was")
    func correction() {
        var scenario = Scenario.declared(.sev3, service: "search", detectedAt: t0 - .minutes(5), startedAt: t0 - .minutes(9))
        scenario.advance(.minutes(30))
        scenario.must(.setFacts(IncidentFacts(service: "checkout", impactStartedAt: t0 - .minutes(20))))
        #expect(scenario.s.service == "checkout")
        #expect(scenario.s.impactStartedAt == t0 - .minutes(20))
        #expect(scenario.s.detectedAt == t0 - .minutes(5), "a field not given is kept")
        #expect(scenario.s.timeline.last?.detail == .facts(.init(service: ("checkout", "search"),
                                                                  impactStarted: (t0 - .minutes(20), t0 - .minutes(9)),
                                                                  detected: nil, declaredAt: t0)))
    }

    /// A fact refused, and the words its message must contain.
    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var facts: IncidentFacts
        var fragment: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "nothing given", facts: IncidentFacts(), fragment: "no fact given"),
        Refusal(name: "blank service", facts: IncidentFacts(service: "   "), fragment: "the service is empty"),
        Refusal(name: "detected after the declaration", facts: IncidentFacts(detectedAt: t0 + .minutes(1)),
                fragment: "detection comes at or before declaring"),
        Refusal(name: "impact start after detection (the default: the declaration)",
                facts: IncidentFacts(impactStartedAt: t0 + .minutes(1)), fragment: "impact starts at or before detection"),
        Refusal(name: "detection before the recorded impact start", facts: IncidentFacts(detectedAt: t0 - .minutes(30)),
                fragment: "is after detection at 2026-11-28T13:30:00Z"),
        Refusal(name: "both given, out of order",
                facts: IncidentFacts(impactStartedAt: t0 - .minutes(1), detectedAt: t0 - .minutes(3)),
                fragment: "impact started at 2026-11-28T13:59:00Z is after detection at 2026-11-28T13:57:00Z"),
        Refusal(name: "in the future", facts: IncidentFacts(impactStartedAt: t0 + .hours(2)), fragment: "is in the future"),
        Refusal(name: "impact start before 1970 (the log could not read it back)",
                facts: IncidentFacts(impactStartedAt: Timestamp(millis: -62_167_219_200_000)), fragment: "before 1970-01-01"),
        Refusal(name: "detection before 1970", facts: IncidentFacts(detectedAt: Timestamp(millis: -1)),
                fragment: "before 1970-01-01"),
        Refusal(name: "the same service again", facts: IncidentFacts(service: "checkout-api"),
                fragment: "the service is already 'checkout-api'"),
    ]

    @Test("Out of order, empty or unchanged facts are refused with a clear message", arguments: refusals)
    func refused(_ refusal: Refusal) {
        var scenario = Scenario.declared(.sev2, startedAt: t0 - .minutes(20))
        scenario.advance(.minutes(10))
        let before = scenario.s
        do {
            try scenario.run(.setFacts(refusal.facts))
            Issue.record("accepted \(refusal.facts)")
        } catch {
            #expect(error.description.contains(refusal.fragment), "\(error.description)")
        }
        #expect(scenario.s == before, "a refused command changes nothing")
    }

    @Test("Facts may be corrected on a closed incident: the post-mortem is written from them")
    func closed() {
        var scenario = Scenario.declared(.sev4)
        scenario.must(.setStatus(.status(.resolved), reason: "gone", force: true))
        scenario.must(.setStatus(.status(.closed), reason: nil, force: false))
        scenario.must(.setFacts(IncidentFacts(service: "billing")))
        #expect(scenario.s.service == "billing")
    }

    @Test("An imported event out of order is kept as a row and an anomaly, changing nothing")
    func importedOutOfOrder() {
        var scenario = Scenario.declared(.sev2, startedAt: t0 - .minutes(20))
        let bad = Event(id: testID(900), incident: "INC-1", at: t0, recordedAt: t0, author: "mallory",
                        payload: .factsRecorded(IncidentFacts(service: "x", detectedAt: t0 + .hours(1))))
        let state = IncidentState.fold([bad], onto: scenario.state)
        #expect(state?.detectedAt == t0)
        #expect(state?.service == "checkout-api")
        #expect(state?.anomalies.map(\.event) == [testID(900)])
        scenario.state = state
        #expect(scenario.s.timeline.last?.kind == .facts)
    }

    @Test("The event round-trips through JSON")
    func codable() throws {
        let payload = EventPayload.factsRecorded(IncidentFacts(service: "api", impactStartedAt: t0, detectedAt: t0))
        let event = Event(id: testID(1), incident: "INC-1", at: t0, recordedAt: t0, author: "a", payload: payload)
        let data = try JSONEncoder().encode(event)
        #expect(try JSONDecoder().decode(Event.self, from: data) == event)
        #expect(payload.type == "factsRecorded")
    }
}

@Suite("Who takes a role")
struct RoleNameTests {
    @Test("@bob is bob on every path; '@' alone and blanks are refused; bob then @bob is no handoff")
    func atNames() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.assignRole(.tech, person: " @bob "))
        #expect(scenario.s.roles[.tech]?.person == "bob")
        #expect(throws: CommandError.self) { try scenario.run(.assignRole(.tech, person: "@bob")) }
        for blank in ["@", " @@ ", "   "] {
            #expect(throws: CommandError.self) { try scenario.run(.assignRole(.scribe, person: blank)) }
        }
        #expect(scenario.s.roles[.scribe] == nil)
    }
}
