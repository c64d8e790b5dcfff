import Testing
import WarRoomCore
@testable import WarRoomIntegrations

@Suite("Which notices each destination wants")
struct FilterTests {
    static func defaults(_ type: DestinationType) -> Destination {
        let settings: DestinationSettings = switch type {
        case .slack: .slack
        case .teams: .teams
        case .statuspage: .statuspage(StatuspageSettings(apiKey: Secret("k"), pageID: "p"))
        case .pagerduty: .pagerduty(PagerDutySettings(routingKeys: ["default": Secret("k")]))
        case .opsgenie: .opsgenie(OpsgenieSettings(apiKey: Secret("k")))
        case .webhook: .webhook(secret: Secret("k"))
        }
        return Destination(name: type.rawValue, settings: settings, url: type.urlIsSecret ? "https://example.com/x" : nil)
    }

    @Test("Defaults by type", arguments: DestinationType.allCases)
    func defaultsByType(_ type: DestinationType) {
        let destination = Self.defaults(type)
        let wanted = Fixture.kinds.filter { destination.wants(Fixture.notice(label: $0.0)) }.map(\.0)
        let expected: [DestinationType: [String]] = [
            .slack: ["declared", "severity", "update-engineering", "resolved", "test"],
            .teams: ["declared", "severity", "update-engineering", "resolved", "test"],
            .statuspage: ["update-customers", "mitigating", "resolved", "closed", "test"],
            .pagerduty: ["resolved", "page", "ack", "test"],
            .opsgenie: ["resolved", "page", "ack", "test"],
            .webhook: Fixture.kinds.map(\.0),
        ]
        #expect(wanted == expected[type])
    }

    @Test("Configured audiences and events replace the defaults; the test always goes")
    func configured() {
        let execs = Destination(name: "x", settings: .slack, url: "https://example.com/x", audiences: [.executives], events: [.statusUpdate])
        #expect(execs.wants(Fixture.notice(.statusUpdate(audience: .executives, text: "t"))))
        #expect(!execs.wants(Fixture.notice(.statusUpdate(audience: .engineering, text: "t"))))
        #expect(!execs.wants(Fixture.notice(.declared)))
        #expect(execs.wants(Fixture.notice(.test)))
        guard case .skip(let reason)? = try? execs.plan(for: Fixture.notice(.statusUpdate(audience: .engineering, text: "t"))) else {
            Issue.record("expected a skip"); return
        }
        #expect(reason.contains("executives") && reason.contains("engineering"))
    }

    @Test("PagerDuty deploys go only when deploy is in events and change events are on")
    func deploys() {
        let on = Destination(name: "pd", settings: .pagerduty(PagerDutySettings(routingKeys: ["default": Secret("k")])), events: [.deploy])
        let off = Destination(name: "pd", settings: .pagerduty(PagerDutySettings(routingKeys: ["default": Secret("k")], changeEvents: false)), events: [.deploy])
        let notice = Fixture.notice(.deploy(summary: "v42"))
        #expect(!Self.defaults(.pagerduty).wants(notice))
        #expect(Fixture.requests(on, notice).first?.url == "https://events.pagerduty.com/v2/change/enqueue")
        #expect(Fixture.requests(off, notice).isEmpty)
    }
}
