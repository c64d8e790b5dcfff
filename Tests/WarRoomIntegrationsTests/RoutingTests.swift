import Foundation
import Testing
import WarRoomCore
import WarRoomIntegrations
import WarRoomTestSupport

/// Which notices a recorded event makes, and which destinations get a delivery queued for it.
@Suite("Routing events to destinations")
struct RoutingTests {
    static let routes = [
        DeliveryRoute(name: "slack-eng", type: .slack),
        DeliveryRoute(name: "slack-exec", type: .slack, audiences: [.executives]),
        DeliveryRoute(name: "status", type: .statuspage),
        DeliveryRoute(name: "pd", type: .pagerduty),
        DeliveryRoute(name: "hook", type: .webhook, events: [.deploy]),
    ]
    static let routing = DestinationRouting(routes: routes, storeIdentity: "store-1")

    /// Runs `commands` after a declaration, queueing deliveries as the record paths do; returns
    /// the state and every event.
    func play(_ commands: [Command]) throws -> (IncidentState, [Event]) {
        var events: [Event] = []
        var state: IncidentState?
        var next = 1
        func id() -> UUID { defer { next += 1 }; return testID(next) }
        let declare = Command.declare(Declaration(title: "Checkout errors", severity: .sev2, service: "checkout-api"))
        for (offset, command) in ([declare] + commands).enumerated() {
            let at = t0 + .minutes(Int64(offset))
            let decided = try Incident.record(command, incident: "INC-1", state: state, author: "alice", at: at, now: at,
                                              policy: .standard, makeID: id)
            let made = Outbox.queue(after: decided, onto: state, routing: Self.routing, makeID: id)
            events += made
            state = IncidentState.fold(made, onto: state)
        }
        return (try #require(state), events)
    }

    /// (destination, notice) of every queued delivery, in order.
    func queued(_ state: IncidentState) -> [String] { state.outbox.deliveries.map { "\($0.destination) \($0.notice)" } }

    @Test("Declaration, severity, updates by audience, lifecycle: each destination by its filters")
    func lifecycle() throws {
        let (state, _) = try play([
            .setSeverity(.sev1, reason: "all regions"),
            .postUpdate(audience: .engineering, text: "Rolling back."),
            .postUpdate(audience: .executives, text: "Checkout is down."),
            .setStatus(.status(.identified), reason: nil, force: false),
            .postUpdate(audience: .customers, text: "We are fixing it."),
            .setStatus(.status(.monitoring), reason: nil, force: false),
            .setStatus(.status(.resolved), reason: "fixed, verified by hand", force: true),
        ])
        #expect(queued(state) == [
            "slack-eng declared", "slack-exec declared",
            "slack-eng severity_changed", "slack-exec severity_changed",
            "slack-eng status_update", "slack-exec status_update",
            // No customer update yet: the status page does not hear of `identified`.
            "status status_update",
            "status status_changed",
            "slack-eng resolved", "slack-exec resolved", "status resolved",
        ], "\(queued(state))")
        #expect(state.anomalies.isEmpty)
        let keys = state.outbox.deliveries.map(\.key)
        #expect(Set(keys).count == keys.count, "every delivery its own key")
        #expect(keys.allSatisfy { $0.hasPrefix("wr1-") && $0.count == 68 })
    }

    @Test("A page triggers, the paged role taking its seat acknowledges, the resolution resolves")
    func pages() throws {
        let (state, events) = try play([
            .notify(target: "tech", kind: .escalation, tier: nil),
            .notify(target: "VP Eng", kind: .notification, tier: nil),
            .notify(target: "dba on-call", kind: .escalation, tier: nil),
            .assignRole(.tech, person: "bob"),
            .assignRole(.scribe, person: "carol"),
            .setStatus(.status(.resolved), reason: "fixed, verified by hand", force: true),
        ])
        let pd = queued(state).filter { $0.hasPrefix("pd ") }
        #expect(pd == ["pd page:tech", "pd page:dba on-call", "pd acknowledged:tech", "pd resolved"], "\(pd)")
        // The notice rebuilt from the cause names the target and the responder.
        let cause = try #require(events.first { if case .roleAssigned(let a) = $0.payload { a.person == "bob" } else { false } })
        let before = try #require(IncidentState.fold(Array(events.prefix { $0.id != cause.id })))
        let after = try #require(IncidentState.fold([cause], onto: before))
        let notices = NoticeBuilder.notices(for: cause, before: before, after: after, storeIdentity: "store-1")
        #expect(notices.map(\.kind) == [.acknowledged(target: "tech", by: "bob")])
        #expect(notices.first?.incident.pagedTargets == ["tech", "dba on-call"] && notices.first?.eventID == cause.id.uuidString)
    }

    @Test("Nothing queued where the destination would send nothing: no page, no status page incident yet, closing")
    func skips() throws {
        let (state, _) = try play([
            .log(Entry(kind: .note, text: "looking")),
            .setStatus(.status(.identified), reason: nil, force: false),
            .setStatus(.status(.resolved), reason: "fixed, verified by hand", force: true),
        ])
        #expect(!queued(state).contains { $0.hasPrefix("pd ") || $0.hasPrefix("status ") || $0.hasPrefix("hook ") }, "\(queued(state))")
        #expect(queued(state) == ["slack-eng declared", "slack-exec declared", "slack-eng resolved", "slack-exec resolved"])
    }

    @Test("A page resolved by the schedule pages its person; /ack tells the pager it was answered")
    func pageAndAcknowledgement() throws {
        var scenario = Scenario.declared(.sev1)
        let page = scenario.must(.page(NotificationRecord(target: "erin", kind: .escalation, tier: "level 2 on-call-secondary", person: "erin",
                                                          schedule: "backend-secondary", level: 2)))
        let before = scenario.s
        #expect(NoticeBuilder.kinds(for: page[0], before: nil, after: before) == [.page(target: "erin", reason: "SEV1 Checkout errors")])
        let ack = scenario.must(.acknowledgePage(page: page[0].id, person: "erin"))
        #expect(NoticeBuilder.kinds(for: ack[0], before: before, after: scenario.s) == [.acknowledged(target: "erin", by: "erin")])
    }

    @Test("The same severity twice, or an entry, tells nobody anything")
    func quiet() throws {
        let (state, events) = try play([.log(Entry(kind: .note, text: "a note"))])
        let entry = try #require(events.last { if case .entry = $0.payload { true } else { false } })
        #expect(NoticeBuilder.kinds(for: entry, before: state, after: state).isEmpty)
        let same = Event(id: testID(99), incident: "INC-1", at: t0, recordedAt: t0, author: "a",
                         payload: .severityChanged(SeverityChange(to: state.severity, reason: nil)))
        #expect(NoticeBuilder.kinds(for: same, before: state, after: state).isEmpty)
    }

    @Test("An action tagged deploy is a change event for destinations that take deploy; anything else is not")
    func deploys() throws {
        let (state, _) = try play([
            .log(Entry(kind: .action, text: "Rolled back checkout-api to v41", tags: [.deploy])),
            .log(Entry(kind: .note, text: "deploy window is closed", tags: [.deploy])),
            .log(Entry(kind: .action, text: "Restarted the workers")),
        ])
        #expect(queued(state).filter { $0.hasPrefix("hook ") } == ["hook deploy"], "\(queued(state))")
        #expect(!queued(state).contains("pd deploy"), "PagerDuty takes deploys only when its events list them")
    }
}
