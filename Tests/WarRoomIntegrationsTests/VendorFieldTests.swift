import Testing
import WarRoomCore
@testable import WarRoomIntegrations

@Suite("Vendor fields and limits")
struct VendorFieldTests {
    @Test("Opsgenie's message is at most 130 characters, whatever the title", arguments: [1, 90, 130, 131, 200, 5000])
    func opsgenieMessage(_ length: Int) {
        let incident = IncidentSnapshot(id: "INC-1", title: String(repeating: "m", count: length), severity: .sev1, status: .investigating)
        let request = Fixture.requests(Fixture.opsgenie, Fixture.notice(.page(target: "database", reason: ""), incident: incident))
        let message = request.first.flatMap { Fixture.json($0)["message"]?.stringValue } ?? ""
        #expect(message.utf16.count <= 130)
        #expect(message.hasSuffix("…") == (message.utf16.count == 130 && length > 100))
    }

    @Test("Opsgenie priority and PagerDuty severity follow the level", arguments: Severity.allCases)
    func severityMaps(_ level: Severity) {
        var incident = Fixture.incident
        incident.severity = level
        let notice = Fixture.notice(.page(target: "database", reason: ""), incident: incident)
        let og = Fixture.requests(Fixture.opsgenie, notice).first.flatMap { Fixture.json($0)["priority"]?.stringValue }
        let pd = Fixture.requests(Fixture.pagerduty, notice).first.flatMap { Fixture.json($0)["payload"]?["severity"]?.stringValue }
        #expect(og == "P\(level.rawValue)")
        #expect(pd == ["critical", "error", "warning", "info"][level.rawValue - 1])
    }

    @Test("PagerDuty's summary is at most 1,024 characters", arguments: [10, 1000, 1024, 1025, 20_000])
    func pagerDutySummary(_ length: Int) {
        let request = Fixture.requests(Fixture.pagerduty, Fixture.notice(.page(target: "database", reason: String(repeating: "r", count: length))))
        let summary = request.first.flatMap { Fixture.json($0)["payload"]?["summary"]?.stringValue } ?? ""
        #expect(summary.utf16.count <= 1024 && !summary.isEmpty)
    }

    @Test("A page to a target with no routing key and no default is refused, naming what is configured")
    func missingRoutingKey() {
        let destination = Destination(name: "pd", settings: .pagerduty(PagerDutySettings(routingKeys: ["database": Secret(Fixture.pagerDutyKey)])))
        #expect(throws: OutboundError.missingRoutingKey(destination: "pd", target: "databse", known: ["database"])) {
            try destination.plan(for: Fixture.notice(.page(target: "databse", reason: "")))
        }
        let message = OutboundError.missingRoutingKey(destination: "pd", target: "databse", known: ["database"]).description
        #expect(message.contains("did you mean 'database'?"))
        #expect(!message.contains(Fixture.pagerDutyKey))
    }

    @Test("Statuspage creates the incident on the first customer update, then patches it by id")
    func statuspageCreateThenPatch() {
        let update = Fixture.notice(label: "update-customers")
        let create = Fixture.requests(Fixture.statuspage, update)
        #expect(create.map(\.method) == ["POST"])
        #expect(create.first?.url == "https://api.statuspage.io/v1/pages/kctbh9vrtdwd/incidents")
        let patch = Fixture.requests(Fixture.statuspage, update, vendorReference: "p31zjtct2jer")
        #expect(patch.map(\.method) == ["PATCH"])
        #expect(patch.first?.url == "https://api.statuspage.io/v1/pages/kctbh9vrtdwd/incidents/p31zjtct2jer")
        #expect(patch.first?.header("Authorization") == "OAuth \(Fixture.statuspageKey)")
        #expect(patch.first.map { Fixture.json($0)["incident"]?["body"]?.stringValue } == update.kind.text)
    }

    @Test("Statuspage's status follows the lifecycle", arguments: IncidentStatus.allCases)
    func statuspageStatus(_ status: IncidentStatus) {
        let expected = ["investigating": "investigating", "identified": "identified", "mitigating": "identified",
                        "monitoring": "monitoring", "resolved": "resolved", "closed": "resolved"]
        #expect(StatuspagePayload.status(status) == expected[status.rawValue])
        let plan = try? Fixture.statuspage.plan(for: Fixture.notice(.statusChanged(to: status)), vendorReference: "p31")
        if status == .closed {
            #expect(plan.map { if case .skip = $0 { true } else { false } } == true)
        } else if let request = Fixture.requests(Fixture.statuspage, Fixture.notice(.statusChanged(to: status)), vendorReference: "p31").first {
            #expect(Fixture.json(request)["incident"]?["status"]?.stringValue == expected[status.rawValue])
        } else { Issue.record("no request for \(status)") }
    }

    @Test("Components show their configured status while open and operational once resolved")
    func components() {
        var incident = Fixture.incident
        let open = Fixture.requests(Fixture.statuspage, Fixture.notice(.statusUpdate(audience: .customers, text: "x"), incident: incident))
        incident.status = .resolved
        let done = Fixture.requests(Fixture.statuspage, Fixture.notice(.statusChanged(to: .resolved), incident: incident), vendorReference: "p31")
        #expect(open.first.map { Fixture.json($0)["incident"]?["components"]?["8kbf7d35c070"]?.stringValue } == "major_outage")
        #expect(done.first.map { Fixture.json($0)["incident"]?["components"]?["8kbf7d35c070"]?.stringValue } == "operational")
        #expect(open.first.map { Fixture.json($0)["incident"]?["deliver_notifications"] } == JSONValue?.some(.bool(false)))
        #expect(open.first.map { Fixture.json($0)["incident"]?["impact_override"]?.stringValue } == "major")
    }

    @Test("The test notice is harmless: Statuspage reads the page, PagerDuty sends a change event, Opsgenie a P5")
    func harmlessTests() {
        let test = Fixture.notice(.test)
        #expect(Fixture.requests(Fixture.statuspage, test).map(\.method) == ["GET"])
        #expect(Fixture.requests(Fixture.pagerduty, test).first?.url == "https://events.pagerduty.com/v2/change/enqueue")
        #expect(Fixture.requests(Fixture.opsgenie, test).first.flatMap { Fixture.json($0)["priority"]?.stringValue } == "P5")
    }

    @Test("Base URLs: vendor defaults, the EU host, a configured proxy, trailing slashes dropped")
    func baseURLs() {
        let key = Secret("k")
        #expect(Destination(name: "a", settings: .opsgenie(OpsgenieSettings(apiKey: key))).url == "https://api.opsgenie.com")
        #expect(Destination(name: "a", settings: .opsgenie(OpsgenieSettings(apiKey: key, region: .eu))).url == "https://api.eu.opsgenie.com")
        let proxied = Destination(name: "a", settings: .pagerduty(PagerDutySettings(routingKeys: ["default": key])), url: "http://127.0.0.1:9/pd//")
        #expect(Fixture.requests(proxied, Fixture.notice(.page(target: "x", reason: ""))).first?.url == "http://127.0.0.1:9/pd/v2/enqueue")
        let bad = Destination(name: "bad", settings: .slack, url: "hooks.slack.com/services/x")
        #expect(throws: OutboundError.badURL(destination: "bad")) { try bad.plan(for: Fixture.notice(.test)) }
    }
}

extension OutboundNotice.Kind {
    var text: String? {
        if case .statusUpdate(_, let text) = self { return text }
        return nil
    }
}
