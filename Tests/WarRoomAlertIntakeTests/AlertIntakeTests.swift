import Foundation
import Testing
import WarRoomAlertIntake
import WarRoomAlerts
import WarRoomConfig
import WarRoomCore
import WarRoomStore
import WarRoomTestSupport

/// Alerts in, through the intake on a real store (SQLite and PostgreSQL): each format's recorded
/// payload to the incident and entries it should give, deduplication, resolutions, signatures,
/// the limits, and a store that cannot be reached (proposals: ProposalTests).
@Suite struct AlertIntakeTests {
    static let checkoutStart = Timestamp(iso8601: "2026-11-28T13:57:30.104Z")!

    @Test("Alertmanager: a critical alert declares SEV2 on its service, detected at startsAt; the warning of the same payload joins it",
          arguments: Backend.all)
    func alertmanagerDeclares(_ backend: Backend) throws {
        try backend.withStore { store, _ throws in
            let intake = makeIntake(store)
            let answer = post(intake, "/alertmanager", Fixture.bytes("alertmanager-checkout-firing.json"))
            #expect(answer.status == 200, "\(answer.message)")
            #expect(answer.alerts.map(\.outcome) == [.declared("INC-1", .sev2), .attached("INC-1", detection: true)])
            let all = try incidents(store)
            #expect(all.count == 1)
            let incident = try #require(all.first)
            #expect(incident.title == "CheckoutHighErrorRate on checkout")
            #expect(incident.severity == .sev2 && incident.service == "checkout")
            #expect(incident.detectedAt == Self.checkoutStart, "MTTD must be real: detection is the alert's startsAt")
            #expect(incident.impactStartedAt == Self.checkoutStart)
            #expect(incident.declaredAt == testNow)
            let entries = incident.timeline.filter(\.kind.isEntry)
            #expect(entries.count == 2)
            let first = try #require(entries.first)
            #expect(first.kind == .finding && first.tags == [.detection] && first.author == "alerts")
            #expect(first.at == Self.checkoutStart, "the finding is dated when the alert started")
            #expect(first.text.hasPrefix("Alert firing: CheckoutHighErrorRate on checkout (critical): 5xx ratio above 5% for 5 minutes"))
            #expect(first.text.hasSuffix("— runbook https://runbooks.example.com/checkout/high-error-rate"))
            #expect(first.alert?.runbookURL == "https://runbooks.example.com/checkout/high-error-rate")
            #expect(first.alert?.name == "CheckoutHighErrorRate", "the name a runbook lists under alerts")
            #expect(first.alert?.link?.hasPrefix("http://prometheus.example.com:9090/graph") == true)
            #expect(first.alert?.format == "alertmanager" && first.alert?.startsAt == Self.checkoutStart)
            let second = try #require(entries.last)
            #expect(second.tags == [.detection] && second.text.hasPrefix("Alert firing: CheckoutLatencyP99 on checkout (warning)"))
            #expect(incident.alertKeys.count == 2)
        }
    }

    @Test("The same payload twice (a retry, a repeat_interval re-send): one record, answered 200 both times",
          arguments: Backend.all)
    func samePayloadTwice(_ backend: Backend) throws {
        try backend.withStore { store, location throws in
            let body = Fixture.bytes("alertmanager-checkout-firing.json")
            #expect(post(makeIntake(store), "/alertmanager", body).status == 200)
            let before = try eventCount(store)
            let again = post(makeIntake(store), "/alertmanager", body)
            #expect(again.status == 200)
            #expect(again.alerts.map(\.outcome) == [.duplicate("INC-1"), .duplicate("INC-1")])
            // Another process on the same store (a second receiver) sees the keys too.
            let other = try location.open()
            let third = post(makeIntake(other, now: testNow + .minutes(5)), "/alertmanager", body)
            #expect(third.alerts.map(\.outcome) == [.duplicate("INC-1"), .duplicate("INC-1")])
            #expect(try eventCount(store) == before)
            #expect(try incidents(store).count == 1)
        }
    }

    @Test("A resolved group is recorded as findings on the incident its alerts declared, once", arguments: Backend.all)
    func resolvedIsAFinding(_ backend: Backend) throws {
        try backend.withStore { store, _ throws in
            _ = post(makeIntake(store), "/alertmanager", Fixture.bytes("alertmanager-checkout-firing.json"))
            let intake = makeIntake(store, now: Timestamp(iso8601: "2026-11-28T14:40:00Z")!)
            let resolved = post(intake, "/alertmanager", Fixture.bytes("alertmanager-checkout-resolved.json"))
            #expect(resolved.status == 200, "\(resolved.message)")
            #expect(resolved.alerts.map(\.outcome) == [.resolved("INC-1"), .resolved("INC-1")])
            let incident = try #require(try incidents(store).first)
            let findings = incident.timeline.filter { $0.kind == .finding && $0.tags.isEmpty }
            #expect(findings.count == 2)
            #expect(findings.contains { $0.text.hasPrefix("Alert resolved: CheckoutHighErrorRate on checkout (critical) after 34m") })
            #expect(findings.contains { $0.at == Timestamp(iso8601: "2026-11-28T14:29:40Z") }, "dated at endsAt")
            #expect(post(intake, "/alertmanager", Fixture.bytes("alertmanager-checkout-resolved.json")).alerts.map(\.outcome)
                    == [.duplicate("INC-1"), .duplicate("INC-1")])
        }
    }

    @Test("A resolution finds its incident even when people resolved it first")
    func resolvedAfterPeopleResolved() throws {
        try Backend.sqlite.withStore { store, _ throws in
            _ = post(makeIntake(store), "/alertmanager", Fixture.bytes("alertmanager-checkout-firing.json"))
            let state = try #require(try incidents(store).first)
            let last = try store.events(of: "INC-1", after: 0).last?.sequence ?? 0
            _ = try store.record(incident: "INC-1", onto: state, knownSequence: last, author: "ic", at: testNow, now: testNow,
                                 policy: .standard) { _ in .setStatus(.status(.resolved), reason: "rolled back", force: true) }
            let later = testNow + .minutes(30)
            let answer = post(makeIntake(store, now: later), "/alertmanager", Fixture.bytes("alertmanager-checkout-resolved.json"))
            #expect(answer.alerts.map(\.outcome) == [.resolved("INC-1"), .resolved("INC-1")], "\(answer.alerts)")
        }
    }

    @Test("A firing alert for an incident people declared joins it as a detection finding", arguments: Backend.all)
    func joinsOpenIncident(_ backend: Backend) throws {
        try backend.withStore { store, _ throws in
            _ = try store.declare { id in
                try Incident.record(.declare(Declaration(title: "Checkout is slow", severity: .sev1, service: " Checkout ")),
                                    incident: id, state: nil, author: "dana", at: testNow - .minutes(20),
                                    now: testNow - .minutes(20), policy: .standard, makeID: { UUID() })
            }
            let answer = post(makeIntake(store), "/alertmanager", Fixture.bytes("alertmanager-checkout-firing.json"))
            #expect(answer.alerts.map(\.outcome) == [.attached("INC-1", detection: true), .attached("INC-1", detection: true)])
            let all = try incidents(store)
            #expect(all.count == 1 && all.first?.severity == .sev1, "no second incident, the severity untouched")
            #expect(all.first?.timeline.filter { $0.tags.contains(.detection) }.count == 2)
        }
    }

    @Test("Grafana: declared from a critical alert, startsAt read with its offset, the runbook and the source link kept",
          arguments: Backend.all)
    func grafana(_ backend: Backend) throws {
        try backend.withStore { store, _ throws in
            let answer = post(makeIntake(store, now: Timestamp(iso8601: "2026-11-28T14:02:00Z")!), "/grafana",
                              Fixture.bytes("grafana-orders-db-firing.json"))
            #expect(answer.status == 200, "\(answer.message)")
            #expect(answer.alerts.map(\.outcome) == [.declared("INC-1", .sev2)])
            let incident = try #require(try incidents(store).first)
            let start = Timestamp(iso8601: "2026-11-28T13:55:00Z")
            #expect(incident.detectedAt == start && incident.service == "orders-db")
            #expect(incident.title == "OrdersDBReplicationLag on orders-db")
            let finding = try #require(incident.timeline.first { $0.kind == .finding })
            #expect(finding.alert?.runbookURL == "https://runbooks.example.com/databases/replication-lag")
            #expect(finding.alert?.format == "grafana" && finding.alert?.name == "OrdersDBReplicationLag")
            #expect(finding.alert?.link == "https://grafana.example.com/alerting/grafana/cdz41q8v2w0zka/view?orgId=1")
        }
    }

    @Test("PagerDuty: a signed P1 incident.triggered declares SEV1 on its service", arguments: Backend.all)
    func pagerDuty(_ backend: Backend) throws {
        try backend.withStore { store, _ throws in
            let body = Fixture.bytes("pagerduty-incident-triggered.json")
            let answer = post(makeIntake(store), "/pagerduty", body, headers: pagerDutyHeaders(body))
            #expect(answer.status == 200, "\(answer.message)")
            #expect(answer.alerts.map(\.outcome) == [.declared("INC-1", .sev1)])
            let incident = try #require(try incidents(store).first)
            #expect(incident.service == "ledger" && incident.detectedAt == Timestamp(iso8601: "2026-11-28T14:05:11Z"))
            #expect(incident.title.hasPrefix("Ledger writes rejected: disk full on ledger-db-1"))
            let finding = try #require(incident.timeline.first { $0.kind == .finding })
            #expect(finding.alert?.link == "https://acme.pagerduty.com/incidents/Q1R8XW2M5K7T4N")
        }
    }

    @Test("PagerDuty with a bad, missing or malformed signature, or no secret configured: 401 and nothing recorded",
          arguments: ["bad", "missing", "malformed", "no secret", "tampered"])
    func pagerDutyRefused(_ how: String) throws {
        try Backend.sqlite.withStore { store, _ throws in
            var body = Fixture.bytes("pagerduty-incident-triggered.json")
            var headers: [(name: String, value: String)] = []
            var secrets = IntakeSecrets(pagerDuty: [pagerDutySecret])
            switch how {
            case "bad": headers = pagerDutyHeaders(body, secret: "not-the-secret")
            case "malformed": headers = [(name: "X-PagerDuty-Signature", value: "v1=zz")]
            case "no secret":
                headers = pagerDutyHeaders(body)
                secrets = IntakeSecrets()
            case "tampered":
                headers = pagerDutyHeaders(body)
                body = Array(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "P1", with: "P5").utf8)
            default: break
            }
            let answer = post(makeIntake(store, secrets: secrets), "/pagerduty", body, headers: headers)
            #expect(answer.status == 401, "\(how): \(answer.message)")
            #expect(answer.message.contains("nothing was recorded"), "\(answer.message)")
            #expect(!answer.message.contains(pagerDutySecret))
            #expect(try store.incidents().isEmpty)
        }
    }

    @Test("The policy decides: a configured label declares, an ignored one is ignored")
    func policyDecides() throws {
        try Backend.sqlite.withStore { store, _ throws in
            let declaring = AlertPolicy(levels: ["warning": .sev2])
            let answer = post(makeIntake(store, policy: declaring), "/alertmanager", Fixture.bytes("alertmanager-warning.json"))
            #expect(answer.alerts.map(\.outcome) == [.declared("INC-1", .sev2)])
        }
        try Backend.sqlite.withStore { store, _ throws in
            let ignoring = AlertPolicy(ignored: ["warning"])
            let answer = post(makeIntake(store, policy: ignoring), "/alertmanager", Fixture.bytes("alertmanager-warning.json"))
            #expect(answer.status == 200)
            guard case .ignored(let reason)? = answer.alerts.first?.outcome else {
                Issue.record("not ignored: \(answer.alerts)")
                return
            }
            #expect(reason.contains("ignores"))
            #expect(try store.incidents().isEmpty)
        }
    }

    @Test("Malformed JSON 400, a wrong shape 400, an unknown path 404, GET 405, over 1 MiB 413: nothing recorded", arguments: [
        ("/alertmanager", "POST", "{\"version\": \"4\", \"alerts\": [", 400, "not JSON"),
        ("/alertmanager", "POST", "{\"version\": \"4\", \"status\": \"firing\", \"alerts\": [{\"status\": \"firing\"}]}", 400, "missing"),
        ("/alertmanager", "POST", "", 400, "empty"),
        ("/grafana", "POST", "[1, 2]", 400, "not a JSON object"),
        ("/prometheus", "POST", "{}", 404, "POST to /alertmanager, /grafana, /pagerduty"),
        ("/alertmanager", "GET", "", 405, "takes POST"),
    ] as [(String, String, String, Int, String)])
    func refusals(_ path: String, _ method: String, _ body: String, _ status: Int, _ fragment: String) throws {
        try Backend.sqlite.withStore { store, _ throws in
            let answer = makeIntake(store).receive(method: method, path: path, headers: [], body: Array(body.utf8))
            #expect(answer.status == status, "\(answer.message)")
            #expect(answer.message.contains(fragment), "\(answer.message)")
            #expect(try store.incidents().isEmpty)
        }
    }

    @Test("A body over 1 MiB is refused before it is read: 413, nothing recorded")
    func tooLarge() throws {
        try Backend.sqlite.withStore { store, _ throws in
            var body = Fixture.bytes("alertmanager-checkout-firing.json")
            body.removeLast(2)
            body += Array(", \"padding\": \"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20) + Array("\"}".utf8)
            let answer = post(makeIntake(store), "/alertmanager", body)
            #expect(answer.status == 413 && answer.message.contains("over the limit"), "\(answer.message)")
            #expect(try store.incidents().isEmpty)
        }
    }

    @Test("An alert from 1969 or from next year is refused with a message (422), never trapped, nothing recorded",
          arguments: ["1969-12-31T23:00:00Z", "2027-11-28T13:57:30Z"])
    func timesOutOfRange(_ start: String) throws {
        try Backend.sqlite.withStore { store, _ throws in
            let body = Fixture.text("alertmanager-warning.json").replacingOccurrences(of: "2026-11-28T13:50:00Z", with: start)
            let answer = post(makeIntake(store, policy: AlertPolicy(levels: ["warning": .sev2])), "/alertmanager", Array(body.utf8))
            #expect(answer.status == 422, "\(answer.message)")
            guard case .refused(let reason)? = answer.alerts.first?.outcome else {
                Issue.record("not refused: \(answer.alerts)")
                return
            }
            #expect(reason.contains("the alert's start") || reason.contains("before 1970"), "\(reason)")
            #expect(try store.incidents().isEmpty, "nothing half-written: no declaration without its finding")
        }
    }

    @Test("A sender's clock a little ahead: recorded at now, the alert's own start kept")
    func clockSkew() throws {
        try Backend.sqlite.withStore { store, _ throws in
            let body = Fixture.text("alertmanager-warning.json").replacingOccurrences(of: "2026-11-28T13:50:00Z", with: "2026-11-28T14:10:02Z")
            let answer = post(makeIntake(store, policy: AlertPolicy(levels: ["warning": .sev2])), "/alertmanager", Array(body.utf8))
            #expect(answer.status == 200, "\(answer.message)")
            let incident = try #require(try incidents(store).first)
            #expect(incident.detectedAt == testNow)
            #expect(incident.timeline.first { $0.kind == .finding }?.alert?.startsAt == Timestamp(iso8601: "2026-11-28T14:10:02Z"))
        }
    }

    @Test("A store that cannot be reached: 503 with Retry-After, nothing written; the retry records each alert once")
    func unreachable() throws {
        try Backend.sqlite.withStore { store, _ throws in
            let flaky = FlakyStore(store)
            let intake = makeIntake(flaky)
            let body = Fixture.bytes("alertmanager-checkout-firing.json")
            let answer = post(intake, "/alertmanager", body)
            #expect(answer.status == 503, "\(answer.message)")
            #expect(answer.headers.contains { $0.name == "Retry-After" })
            #expect(answer.message.contains("nothing was recorded"), "\(answer.message)")
            #expect(try store.incidents().isEmpty)
            flaky.failing = false
            let retry = post(intake, "/alertmanager", body)
            #expect(retry.status == 200 && retry.alerts.map(\.outcome) == [.declared("INC-1", .sev2), .attached("INC-1", detection: true)])
            #expect(try eventCount(store) == 3)
        }
        let down = UnreachableStore(identity: StoreIdentity(key: "postgresql://db:5432/w", name: "postgresql://db:5432/w"),
                                    error: .unreachable(location: "postgresql://db:5432/w", operation: "connecting",
                                                        reason: "connection refused", mayHaveCommitted: false))
        let answer = post(makeIntake(down), "/alertmanager", Fixture.bytes("alertmanager-checkout-firing.json"))
        #expect(answer.status == 503)
    }

    @Test("--dry-run decides as a delivery would and writes nothing")
    func dryRun() throws {
        try Backend.sqlite.withStore { store, _ throws in
            let answer = makeIntake(store).receive(format: .alertmanager, headers: [], body: Fixture.bytes("alertmanager-checkout-firing.json"),
                                                   verified: true, dryRun: true)
            #expect(answer.status == 200 && answer.message.hasPrefix("dry run, nothing written"))
            #expect(answer.alerts.map(\.outcome) == [.declared("(new incident 1)", .sev2), .attached("(new incident 1)", detection: true)])
            #expect(try store.incidents().isEmpty)
        }
    }

    @Test("Listening remotely: every delivery must present the shared secret, as a bearer token or an HMAC")
    func sharedSecret() throws {
        try Backend.sqlite.withStore { store, _ throws in
            let secrets = IntakeSecrets(pagerDuty: [pagerDutySecret], shared: "shared-s3cret", requireShared: true)
            let intake = makeIntake(store, secrets: secrets)
            let body = Fixture.bytes("alertmanager-warning.json")
            #expect(post(intake, "/alertmanager", body).status == 401)
            #expect(post(intake, "/alertmanager", body, headers: [(name: "Authorization", value: "Bearer wrong")]).status == 401)
            #expect(post(intake, "/alertmanager", body, headers: [(name: "Authorization", value: "Bearer shared-s3cret")]).status == 200)
            let signature = "sha256=" + WebhookSignature.hexSignature(body: body, secret: "shared-s3cret")
            #expect(post(intake, "/alertmanager", body, headers: [(name: "X-WarRoom-Signature", value: signature)]).status == 200)
            let pd = Fixture.bytes("pagerduty-incident-triggered.json")
            #expect(post(intake, "/pagerduty", pd, headers: pagerDutyHeaders(pd)).status == 200, "PagerDuty's own signature suffices")
        }
    }

    @Test("Event ids come from the store and the alert key: the same for every process on one store, different between stores")
    func eventIDs() throws {
        try Backend.sqlite.withStore { store, location throws in
            let body = Fixture.bytes("alertmanager-checkout-firing.json")
            _ = post(makeIntake(store), "/alertmanager", body)
            let ids = try store.events(of: "INC-1", after: 0).map(\.event.id)
            try Backend.sqlite.withStore { other, _ throws in
                _ = post(makeIntake(other), "/alertmanager", body)
                let otherIDs = try other.events(of: "INC-1", after: 0).map(\.event.id)
                #expect(Set(ids).isDisjoint(with: otherIDs))
            }
            // A racing writer that decided before seeing the first: its declaration's id is taken,
            // so the store gives back the incident already there and makes no second one.
            let again = try location.open()
            let replay = try again.declare { id in
                try store.events(of: "INC-1", after: 0).prefix(1).map { stored in
                    var event = stored.event
                    event.incident = id
                    event.recordedAt = testNow + .seconds(1)
                    return event
                }
            }
            #expect(replay.0 == "INC-1")
            #expect(try store.incidents().count == 1)
        }
    }

    @Test("Hostile input never crashes the intake", arguments: 0..<40)
    func hostile(_ seed: Int) throws {
        try Backend.sqlite.withStore { store, _ throws in
            var generator = SeededGenerator(seed: UInt64(seed) + 1)
            var body = Fixture.bytes(["alertmanager-checkout-firing.json", "grafana-orders-db-firing.json"][seed % 2])
            for _ in 0..<(1 + seed % 8) where !body.isEmpty {
                let index = Int.random(in: 0..<body.count, using: &generator)
                body[index] = UInt8.random(in: 0...255, using: &generator)
            }
            let answer = post(makeIntake(store), seed % 2 == 0 ? "/alertmanager" : "/grafana", body)
            #expect([200, 202, 400, 422].contains(answer.status), "\(answer.status) \(answer.message)")
        }
    }
}

@Suite struct AlertDefaultsTests {
    @Test("The config's defaults are AlertPolicy's: no [alerts] table means the policy's defaults")
    func sameDefaults() {
        let config = AlertsConfig.standard
        let policy = AlertPolicy()
        #expect(config.levels == AlertPolicy.defaultLevels)
        #expect(config.autoDeclare == policy.autoDeclare)
        #expect(Set(config.ignored) == policy.ignored)
        #expect(config.unmapped == policy.unmapped)
    }

    /// Every declaration and detection finding goes to "chat", as a config's routing would send
    /// a declaration to Slack.
    struct ChatRouting: DeliveryRouting {
        func orders(for event: Event, before: IncidentState?, after: IncidentState) -> [DeliveryOrder] {
            guard case .declared = event.payload else { return [] }
            return [DeliveryOrder(destination: "chat", cause: event.id, notice: "declared", key: "k-\(event.id)")]
        }
    }

    @Test("An incident an alert declares queues its deliveries in the same transaction, once however often it is sent",
          arguments: Backend.all)
    func declarationQueuesDeliveries(_ backend: Backend) throws {
        try backend.withStore { store, _ throws in
            let intake = makeIntake(store)
            intake.routing = ChatRouting()
            for _ in 0..<2 {
                let answer = post(intake, "/alertmanager", Fixture.bytes("alertmanager-checkout-firing.json"))
                #expect(answer.status == 200, "\(answer.message)")
            }
            let incident = try #require(try incidents(store).first)
            #expect(incident.outbox.deliveries.map(\.destination) == ["chat"], "\(incident.outbox.deliveries)")
            let declaration = try store.events(of: incident.id, after: 0).first { if case .declared = $0.event.payload { true } else { false } }
            #expect(incident.outbox.deliveries.first?.cause == declaration?.event.id)
        }
    }
}
