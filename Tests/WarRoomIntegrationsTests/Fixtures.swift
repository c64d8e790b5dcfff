import Foundation
import Testing
import WarRoomCore
@testable import WarRoomIntegrations

/// The notices and destinations every suite uses: fake credentials that look real, so a leak
/// test can grep for them.
enum Fixture {
    static let t0 = Timestamp(iso8601: "2026-11-28T14:02:00Z") ?? Timestamp(millis: 0)
    static let store = "store-7f3c2a"

    static let slackURL = "https://hooks.slack.com/services/T0ABCDEF1/B0GHIJKL2/xoxSecretPart9Zq4"
    static let teamsURL = "https://prod-07.westeurope.logic.azure.com:443/workflows/5e1d9c0a7b/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=TeamsSig0x9QpLm"
    static let statuspageKey = "sp-key-6b1e8c2d4f"
    static let pagerDutyKey = "R0UTINGKEYdatabase0123456789abcd"
    static let pagerDutyDefaultKey = "R0UTINGKEYdefault00123456789abcd"
    static let opsgenieKey = "og-key-a1b2c3d4-e5f6"
    static let webhookSecret = "whsec-test-3f9a"
    static let webhookURL = "https://bot.example.internal/warroom/hook"

    /// Every credential above: none may appear in anything shown.
    static let secrets = [slackURL, "xoxSecretPart9Zq4", teamsURL, "TeamsSig0x9QpLm", statuspageKey, pagerDutyKey,
                          pagerDutyDefaultKey, opsgenieKey, webhookSecret]

    static let incident = IncidentSnapshot(id: "INC-1", title: "Checkout errors", severity: .sev2, status: .investigating,
                                           service: "checkout", commander: "Ana Ruiz", pagedTargets: ["database"])

    static func notice(_ kind: OutboundNotice.Kind, incident: IncidentSnapshot = incident, link: String? = "https://wiki.example.com/inc/1",
                       eventID: String = "9b2f0c1e-0000-4000-8000-000000000001") -> OutboundNotice {
        OutboundNotice(incident: incident, kind: kind, at: t0, link: link, storeIdentity: store, eventID: eventID)
    }

    /// Each kind once, by a file-name-friendly label.
    static let kinds: [(String, OutboundNotice.Kind, IncidentStatus)] = [
        ("declared", .declared, .investigating),
        ("severity", .severityChanged(from: .sev3, to: .sev2), .investigating),
        ("update-customers", .statusUpdate(audience: .customers, text: "We are seeing errors at checkout & are investigating. <Payments> are safe."), .identified),
        ("update-engineering", .statusUpdate(audience: .engineering, text: "Error rate 12% on checkout-api since 14:02; suspect the 13:55 deploy."), .identified),
        ("mitigating", .statusChanged(to: .mitigating), .mitigating),
        ("resolved", .statusChanged(to: .resolved), .resolved),
        ("closed", .statusChanged(to: .closed), .closed),
        ("page", .page(target: "database", reason: "DB connections saturated"), .investigating),
        ("ack", .acknowledged(target: "database", by: "Bo Chen"), .investigating),
        ("deploy", .deploy(summary: "Rolled back checkout-api to v41"), .mitigating),
        ("test", .test, .investigating),
    ]

    static func notice(label: String) -> OutboundNotice {
        guard let entry = kinds.first(where: { $0.0 == label }) else { return notice(.test) }
        var incident = incident
        incident.status = entry.2
        return notice(entry.1, incident: incident)
    }

    static let everything = Set(NoticeEvent.configurable)
    static let allAudiences = Set(Audience.allCases)

    static let slack = Destination(name: "slack-eng", settings: .slack, url: slackURL, audiences: allAudiences, events: everything)
    static let teams = Destination(name: "teams-execs", settings: .teams, url: teamsURL, audiences: allAudiences, events: everything)
    static let statuspage = Destination(name: "status", settings: .statuspage(StatuspageSettings(
        apiKey: Secret(statuspageKey), pageID: "kctbh9vrtdwd", components: ["8kbf7d35c070": "major_outage", "vtnh60py4yd7": "degraded_performance"],
        deliverNotifications: false)), audiences: allAudiences, events: everything)
    static let pagerduty = Destination(name: "pd", settings: .pagerduty(PagerDutySettings(
        routingKeys: ["database": Secret(pagerDutyKey), "default": Secret(pagerDutyDefaultKey)],
        clientURL: "https://warroom.example.com")), audiences: allAudiences, events: everything)
    static let opsgenie = Destination(name: "og", settings: .opsgenie(OpsgenieSettings(apiKey: Secret(opsgenieKey), region: .eu)),
                                      audiences: allAudiences, events: everything)
    static let webhook = Destination(name: "bot", settings: .webhook(secret: Secret(webhookSecret)), url: webhookURL,
                                     audiences: allAudiences, events: everything)

    static let destinations = [slack, teams, statuspage, pagerduty, opsgenie, webhook]

    /// The requests of a plan, or none.
    static func requests(_ destination: Destination, _ notice: OutboundNotice, vendorReference: String? = nil) -> [OutboundRequest] {
        guard let plan = try? destination.plan(for: notice, vendorReference: vendorReference), case .send(let requests) = plan else { return [] }
        return requests
    }

    /// The body parsed, or a test failure.
    static func json(_ request: OutboundRequest, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
        guard let value = JSONReader.parse(request.body) else {
            Issue.record("body is not JSON: \(request.redactedBody)", sourceLocation: sourceLocation)
            return .null
        }
        return value
    }
}

/// Golden files under Goldens/, beside this file (read through #filePath, not as resources).
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    /// Compares `actual` with the file; `WARROOM_RECORD_GOLDENS=1` rewrites it and fails.
    static func check(_ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["WARROOM_RECORD_GOLDENS"] == "1" {
            do {
                try Data(actual.utf8).write(to: file)
                Issue.record("recorded \(name): unset WARROOM_RECORD_GOLDENS and run again", sourceLocation: sourceLocation)
            } catch { Issue.record("could not record \(file.path): \(error)", sourceLocation: sourceLocation) }
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden \(name): run `WARROOM_RECORD_GOLDENS=1 swift test --skip-build --filter WarRoomIntegrationsTests`",
                         sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for index in 0..<max(want.count, got.count) {
            let a = index < want.count ? String(want[index]) : "<none>"
            let b = index < got.count ? String(got[index]) : "<none>"
            if a != b { lines += ["\(index + 1): - \(a)", "\(index + 1): + \(b)"] }
        }
        Issue.record(Comment(rawValue: "golden \(name) differs (- file, + now):\n" + lines.joined(separator: "\n")), sourceLocation: sourceLocation)
    }
}
