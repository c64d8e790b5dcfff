import Testing
import WarRoomCore
@testable import WarRoomAlerts

private func t(_ text: String) -> Timestamp { Timestamp(iso8601: text) ?? Timestamp(millis: -1) }

@Suite struct RoutingTests {
    static let checkout = OpenIncident(id: "INC-7", service: "checkout", severity: .sev2)
    static let payments = OpenIncident(id: "INC-8", service: "Payments-API ", severity: .sev3)
    static let policy = AlertPolicy()

    static func alerts(_ file: String, _ format: AlertFormat) -> [InboundAlert] {
        (try? format.parse(Fixture.bytes(file))) ?? []
    }

    /// Each fixture, with nothing open and with its service's incident open, → the expected actions.
    static let cases: [(String, AlertFormat, [OpenIncident], [AlertAction])] = [
        ("alertmanager-firing.json", .alertmanager, [],
         [.declare(severity: .sev2, detectedAt: t("2026-11-28T14:01:30.512Z")), .propose(severity: .sev3)]),
        ("alertmanager-firing.json", .alertmanager, [payments, checkout],
         [.attach("INC-7", asDetection: true), .attach("INC-7", asDetection: true)]),
        ("alertmanager-resolved.json", .alertmanager, [checkout], [.resolvedFinding("INC-7"), .resolvedFinding("INC-7")]),
        ("alertmanager-resolved.json", .alertmanager, [payments],
         [.ignore("resolved alert 'HighErrorRate' on 'checkout' matches no open incident"),
          .ignore("resolved alert 'HighLatencyP99' on 'checkout' matches no open incident")]),
        ("grafana-firing.json", .grafana, [checkout], [.propose(severity: .sev3)]),
        ("grafana-firing.json", .grafana, [OpenIncident(id: "INC-9", service: "SEARCH", severity: .sev4)],
         [.attach("INC-9", asDetection: true)]),
        ("grafana-resolved.json", .grafana, [OpenIncident(id: "INC-9", service: "search", severity: .sev4)], [.resolvedFinding("INC-9")]),
        ("pagerduty-triggered.json", .pagerduty, [checkout], [.declare(severity: .sev2, detectedAt: t("2026-11-28T14:03:05Z"))]),
        ("pagerduty-triggered.json", .pagerduty, [payments], [.attach("INC-8", asDetection: true)]),
        ("pagerduty-acknowledged.json", .pagerduty, [payments], [.attach("INC-8", asDetection: false)]),
        ("pagerduty-acknowledged.json", .pagerduty, [],
         [.ignore("update to alert 'Payments API: card authorizations failing' on 'payments-api' matches no open incident")]),
        ("pagerduty-resolved.json", .pagerduty, [payments], [.resolvedFinding("INC-8")]),
    ]

    @Test(arguments: cases)
    func fixtureRoutes(file: String, format: AlertFormat, open: [OpenIncident], expected: [AlertAction]) {
        let actions = Self.alerts(file, format).map {
            AlertRouting.decide($0, openIncidents: open, alreadyRecorded: [], policy: Self.policy)
        }
        #expect(actions == expected)
    }

    /// The same payload twice → one entry: the second delivery's keys are all recorded.
    @Test(arguments: ["alertmanager-firing.json", "alertmanager-resolved.json", "grafana-firing.json",
                      "grafana-resolved.json", "pagerduty-triggered.json", "pagerduty-acknowledged.json", "pagerduty-resolved.json"])
    func samePayloadTwiceIsDuplicate(file: String) {
        let format: AlertFormat = file.hasPrefix("alertmanager") ? .alertmanager : file.hasPrefix("grafana") ? .grafana : .pagerduty
        let first = Self.alerts(file, format)
        #expect(!first.isEmpty)
        let recorded = Set(first.map(\.dedupKey))
        #expect(recorded.count == first.count)
        for alert in Self.alerts(file, format) {
            #expect(AlertRouting.decide(alert, openIncidents: [Self.checkout], alreadyRecorded: recorded, policy: Self.policy) == .duplicate)
        }
    }

    /// A firing group re-sent at `repeat_interval` is recorded once; its resolution and its next
    /// episode are new.
    @Test func repeatedGroupIsOneEntryResolutionAndNewEpisodeAreNot() throws {
        let firing = Self.alerts("alertmanager-firing.json", .alertmanager)
        let resolved = Self.alerts("alertmanager-resolved.json", .alertmanager)
        let recorded = Set(firing.map(\.dedupKey))
        var reFired = String(decoding: Fixture.bytes("alertmanager-firing.json"), as: UTF8.self)
        reFired = reFired.replacingOccurrences(of: "2026-11-28T14:02:10Z", with: "2026-11-28T18:00:00Z")
        let later = try AlertFormat.alertmanager.parse(Array(reFired.utf8))
        #expect(resolved.allSatisfy { !recorded.contains($0.dedupKey) })
        #expect(later.map { recorded.contains($0.dedupKey) } == [true, false])
    }

    static let policyCases: [(String?, AlertPolicy, AlertSeverityRule)] = [
        ("critical", AlertPolicy(), .declare(.sev2)),
        ("CRITICAL", AlertPolicy(), .declare(.sev2)),
        ("warning", AlertPolicy(), .propose(.sev3)),
        ("error", AlertPolicy(), .propose(.sev3)),
        ("info", AlertPolicy(), .ignore),
        ("p1", AlertPolicy(), .declare(.sev1)),
        ("p4", AlertPolicy(), .propose(.sev4)),
        ("low", AlertPolicy(), .propose(.sev4)),
        ("page", AlertPolicy(), .propose(.sev3)),
        (nil, AlertPolicy(), .propose(.sev3)),
        (nil, AlertPolicy(unmapped: nil), .ignore),
        ("warning", AlertPolicy(levels: ["Warning": .sev2]), .declare(.sev2)),
        ("critical", AlertPolicy(autoDeclare: []), .propose(.sev2)),
        ("info", AlertPolicy(ignored: []), .propose(.sev3)),
    ]

    @Test(arguments: policyCases)
    func policyMapsSeverityLabels(label: String?, policy: AlertPolicy, rule: AlertSeverityRule) {
        #expect(policy.rule(for: label) == rule)
    }

    @Test func ignoredFiringAlertSaysWhy() throws {
        var alert = try #require(Self.alerts("alertmanager-firing.json", .alertmanager).first)
        alert.severityLabel = "info"
        #expect(AlertRouting.decide(alert, openIncidents: [], alreadyRecorded: [], policy: Self.policy)
                == .ignore("alert 'HighErrorRate' on 'checkout' has severity 'info', which the alert policy ignores"))
        // An ignored label still attaches to an incident already open on its service.
        #expect(AlertRouting.decide(alert, openIncidents: [Self.checkout], alreadyRecorded: [], policy: Self.policy)
                == .attach("INC-7", asDetection: true))
    }

    @Test func severalMatchesPickTheMostSevereThenTheFirst() throws {
        let alert = try #require(Self.alerts("alertmanager-firing.json", .alertmanager).first)
        let open = [OpenIncident(id: "A", service: "checkout", severity: .sev3), OpenIncident(id: "B", service: "checkout", severity: .sev1),
                    OpenIncident(id: "C", service: "checkout", severity: .sev1)]
        #expect(AlertRouting.decide(alert, openIncidents: open, alreadyRecorded: [], policy: Self.policy) == .attach("B", asDetection: true))
        let tuples: [(id: IncidentID, service: String?, severity: Severity)] = [("X", nil, .sev1), ("Y", "checkout", .sev4)]
        #expect(AlertRouting.decide(alert, openIncidents: tuples, alreadyRecorded: [], policy: Self.policy) == .attach("Y", asDetection: true))
    }

    @Test func alertWithoutServiceNeverAttaches() throws {
        var alert = try #require(Self.alerts("alertmanager-firing.json", .alertmanager).first)
        alert.service = nil
        #expect(AlertRouting.decide(alert, openIncidents: [OpenIncident(id: "N", service: nil, severity: .sev1)],
                                    alreadyRecorded: [], policy: Self.policy)
                == .declare(severity: .sev2, detectedAt: alert.startsAt))
    }
}
