import Foundation
import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomHTTP
import WarRoomIntegrations
import WarRoomOutbox
import WarRoomStore

/// The worker against a loopback receiver and a real SQLite store: what arrives per destination
/// type, retries and their keys, final refusals, lost connections, leases, two workers, secrets.
@Suite(.serialized) struct OutboxWorkerTests {
    static let slackToken = "T0LOOP/B0LOOP/xoxSecretSlack77"
    static let statusKey = "sp-key-LOOPBACK-41"
    static let pdKey = "R0UTINGloopback0123456789abcdef"
    static let pdDatabaseKey = "R0UTINGdatabase0123456789abcdef"
    static let hookSecret = "whsec-loopback-5c"
    static let genieKey = "og-key-loopback-93"
    static var secrets: [String] { [slackToken, "xoxSecretSlack77", statusKey, pdKey, pdDatabaseKey, hookSecret, genieKey] }

    static func slack(_ receiver: Receiver) -> String {
        "[integrations.eng-slack]\ntype = \"slack\"\nurl = \"\(receiver.url("/services/" + slackToken))\"\n"
    }

    // MARK: - What arrives, per type

    @Test("Slack: the declaration and an engineering update arrive as planned, in order, each once")
    func slackArrives() throws {
        let receiver = try Receiver()
        let harness = try Harness(config: Self.slack(receiver))
        try harness.declare()
        try harness.record(.postUpdate(audience: .engineering, text: "Error rate 12% since 14:02 & <rising>"))
        let worker = try harness.worker()
        let first = try worker.pass(incident: harness.incident)
        #expect(first.handled.map(\.notice) == ["declared"], "one per destination at a time, in queue order")
        let second = try worker.pass(incident: harness.incident)
        #expect(second.handled.map(\.notice) == ["status_update"])
        #expect(second.handled.first?.outcome == .delivered(vendorReference: nil))
        #expect(try worker.pass(incident: harness.incident).handled.isEmpty, "nothing is sent twice")
        let deliveries = harness.outbox.deliveries
        #expect(receiver.requests.count == 2 && deliveries.allSatisfy { if case .delivered = $0.state { true } else { false } })
        for (request, delivery) in zip(receiver.requests, deliveries) {
            #expect(request.path == "/services/" + Self.slackToken)
            let planned = try #require(try harness.planned(delivery).first)
            expectSame(request, planned)
        }
        let body = String(decoding: receiver.requests[1].body, as: UTF8.self)
        #expect(body.contains("Error rate 12% since 14:02 &amp; &lt;rising&gt;"), "mrkdwn-escaped: \(body)")
        #expect(worker.nextDue(incident: harness.incident) == nil)
    }

    @Test("Statuspage: the first customer update creates the incident, the next changes the same one")
    func statuspageCreatesThenUpdates() throws {
        let receiver = try Receiver(script: [Receiver.json(201, #"{"id":"sp-inc-77","status":"investigating"}"#),
                                             Receiver.json(200, #"{"id":"sp-inc-77","status":"identified"}"#)])
        let harness = try Harness(config: """
            [integrations.status]
            type = "statuspage"
            url = "\(receiver.url())"
            api_key = "\(Self.statusKey)"
            page_id = "kctbh9vrtdwd"
            deliver_notifications = false
            """)
        try harness.declare()
        try harness.record(.postUpdate(audience: .customers, text: "Some payments fail; we are on it."))
        try harness.record(.postUpdate(audience: .customers, text: "We found the cause and are fixing it."))
        let worker = try harness.worker()
        _ = try worker.pass(incident: harness.incident)
        let second = try worker.pass(incident: harness.incident)
        #expect(second.handled.first?.outcome == .delivered(vendorReference: "sp-inc-77"))
        let requests = receiver.requests
        try #require(requests.count == 2)
        #expect(requests[0].method == "POST" && requests[0].path == "/v1/pages/kctbh9vrtdwd/incidents")
        #expect(requests[1].method == "PATCH" && requests[1].path == "/v1/pages/kctbh9vrtdwd/incidents/sp-inc-77")
        #expect(requests[0].header("Authorization") == "OAuth \(Self.statusKey)")
        let incident = try #require(jsonBody(requests[0])["incident"] as? [String: Any])
        #expect(incident["body"] as? String == "Some payments fail; we are on it." && incident["deliver_notifications"] as? Bool == false)
        for (request, delivery) in zip(requests, harness.outbox.deliveries) {
            expectSame(request, try #require(try harness.planned(delivery).first))
        }
        #expect(harness.outbox.vendorReference(at: "status") == "sp-inc-77")
    }

    @Test("PagerDuty: a page triggers with its target's routing key and dedup key, the resolution resolves it")
    func pagerdutyPageAndResolve() throws {
        let receiver = try Receiver(fallback: Receiver.json(202, #"{"status":"success","message":"Event processed","dedup_key":"x"}"#))
        let harness = try Harness(config: """
            [integrations.pd]
            type = "pagerduty"
            url = "\(receiver.url())"
            routing_key = "\(Self.pdKey)"

            [integrations.pd.routing_keys]
            database = "\(Self.pdDatabaseKey)"
            """)
        try harness.declare()
        try harness.record(.notify(target: "database", kind: .escalation, tier: nil))
        try harness.record(.setStatus(.status(.mitigating), reason: nil, force: false))
        try harness.record(.setStatus(.status(.resolved), reason: "rolled back", force: true))
        let worker = try harness.worker()
        var notices: [String] = []
        for _ in 0..<4 { notices += try worker.pass(incident: harness.incident).handled.map(\.notice) }
        #expect(notices == ["page:database", "resolved"])
        let requests = receiver.requests
        try #require(requests.count == 2)
        let trigger = jsonBody(requests[0]), resolve = jsonBody(requests[1])
        #expect(requests[0].path == "/v2/enqueue" && trigger["event_action"] as? String == "trigger")
        #expect(trigger["routing_key"] as? String == Self.pdDatabaseKey)
        #expect(resolve["event_action"] as? String == "resolve" && resolve["routing_key"] as? String == Self.pdDatabaseKey)
        let dedup = try #require(trigger["dedup_key"] as? String)
        #expect(dedup == resolve["dedup_key"] as? String && dedup.hasPrefix("warroom:") && dedup.hasSuffix(":database"))
        for (request, delivery) in zip(requests, harness.outbox.deliveries) {
            expectSame(request, try #require(try harness.planned(delivery).first))
        }
    }

    @Test("Webhook, Teams, Opsgenie: each arrives as planned; the webhook signed and with its Idempotency-Key")
    func otherTypes() throws {
        let receiver = try Receiver(fallback: Receiver.json(202, #"{"result":"Request will be processed","requestId":"og-req-1"}"#))
        let harness = try Harness(config: """
            [integrations.bot]
            type = "webhook"
            url = "\(receiver.url("/hook"))"
            secret = "\(Self.hookSecret)"

            [integrations.teams]
            type = "teams"
            url = "\(receiver.url("/workflows/abc/triggers/manual/paths/invoke?sig=TeamsSig"))"

            [integrations.genie]
            type = "opsgenie"
            url = "\(receiver.url())"
            api_key = "\(Self.genieKey)"
            """)
        try harness.declare()
        try harness.record(.notify(target: "database", kind: .escalation, tier: nil))
        let worker = try harness.worker()
        for _ in 0..<3 { _ = try worker.pass(incident: harness.incident) }
        let deliveries = harness.outbox.deliveries
        #expect(deliveries.count == 4 && deliveries.allSatisfy { if case .delivered = $0.state { true } else { false } },
                "\(deliveries.map { "\($0.destination) \($0.notice) \($0.state)" })")
        #expect(receiver.requests.count == 4)
        for delivery in deliveries {
            let planned = try #require(try harness.planned(delivery).first)
            let matching = receiver.requests.filter { $0.body == planned.body }
            #expect(matching.count == 1, "\(delivery.destination) \(delivery.notice) arrived once")
            if let request = matching.first { expectSame(request, planned) }
        }
        let hook = try #require(receiver.requests.first { $0.path == "/hook" })
        #expect(hook.header("Idempotency-Key") == deliveries.first { $0.destination == "bot" }?.key)
        let signature = try #require(hook.header("X-Warroom-Signature"))
        #expect(signature.hasPrefix("sha256=") && signature.count == 7 + 64)
        #expect(receiver.requests.contains { $0.path == "/v2/alerts" && $0.header("Authorization") == "GenieKey \(Self.genieKey)" })
    }

    // MARK: - Retries and refusals

    @Test("500, 500, then 200: delivered once, the same key on all three, retried after the backoff")
    func retriesThenDelivers() throws {
        let receiver = try Receiver(script: [Receiver.status(500, "oops"), Receiver.status(503, "busy")])
        let harness = try Harness(config: Self.slack(receiver) + "events = [\"declared\"]\n")
        try harness.declare()
        let worker = try harness.worker()
        let first = try #require(try worker.pass(incident: harness.incident).handled.first)
        guard case .retrying(let at, let reason) = first.outcome else {
            Issue.record("expected a retry, got \(first.outcome)")
            return
        }
        #expect(reason.contains("server error (500)"))
        #expect(at > harness.clock.now && at <= harness.clock.now + .seconds(2), "the first retry within the base backoff")
        #expect(try worker.pass(incident: harness.incident).handled.isEmpty, "not before its retry time")
        #expect(worker.nextDue(incident: harness.incident) == at)
        harness.clock.set(at)
        #expect(try worker.pass(incident: harness.incident).handled.first.map { if case .retrying = $0.outcome { true } else { false } } == true)
        harness.clock.advance(.minutes(1))
        let last = try #require(try worker.pass(incident: harness.incident).handled.first)
        #expect(last.outcome == .delivered(vendorReference: nil) && last.attempt == 3)
        harness.clock.advance(.hours(1))
        #expect(try worker.pass(incident: harness.incident).handled.isEmpty)
        #expect(receiver.requests.count == 3)
        let bodies = Set(receiver.requests.map(\.body))
        #expect(bodies.count == 1, "every attempt sends the same bytes")
        let steps = try harness.steps()
        #expect(steps.filter { $0.step == .delivered }.count == 1 && steps.filter { $0.step == .attempted }.count == 3)
        #expect(Set(steps.compactMap { $0.order?.key }).count == 1)
    }

    @Test("429 with Retry-After: the next try waits as long as asked")
    func honoursRetryAfter() throws {
        let receiver = try Receiver(script: [Receiver.status(429, "slow down", headers: [("Retry-After", "30")])])
        let harness = try Harness(config: Self.slack(receiver) + "events = [\"declared\"]\n")
        try harness.declare()
        let worker = try harness.worker()
        let start = harness.clock.now
        let first = try #require(try worker.pass(incident: harness.incident).handled.first)
        guard case .retrying(let at, let reason) = first.outcome else {
            Issue.record("expected a retry, got \(first.outcome)")
            return
        }
        #expect(at >= start + .seconds(30) && reason.contains("429"), "\(reason)")
        harness.clock.set(start + .seconds(29))
        #expect(try worker.pass(incident: harness.incident).handled.isEmpty)
        harness.clock.set(at)
        #expect(try worker.pass(incident: harness.incident).handled.first?.outcome == .delivered(vendorReference: nil))
        #expect(receiver.requests.count == 2)
    }

    @Test("400: failed for good with the vendor's message, never retried by itself; `retry` sends it again")
    func refusalIsFinal() throws {
        let receiver = try Receiver(script: [Receiver.status(400, "invalid_payload")])
        let harness = try Harness(config: Self.slack(receiver) + "events = [\"declared\"]\n")
        try harness.declare()
        let worker = try harness.worker()
        let first = try #require(try worker.pass(incident: harness.incident).handled.first)
        guard case .failed(let reason) = first.outcome else {
            Issue.record("expected a final failure, got \(first.outcome)")
            return
        }
        #expect(reason.contains("invalid_payload") && reason.contains("400"), "\(reason)")
        harness.clock.advance(.hours(2))
        #expect(try worker.pass(incident: harness.incident).handled.isEmpty && receiver.requests.count == 1)
        #expect(worker.nextDue(incident: harness.incident) == nil)
        #expect(harness.outbox.failed.count == 1)
        let id = try #require(harness.outbox.deliveries.first?.id)
        let (_, last) = try harness.load()
        _ = try harness.store.append(to: harness.incident, knownSequence: last) { _ in
            [Event(id: UUID(), incident: harness.incident, at: harness.clock.now, recordedAt: harness.clock.now, author: "alice",
                   payload: .delivery(.retried(id)))]
        }
        #expect(try worker.pass(incident: harness.incident).handled.first?.outcome == .delivered(vendorReference: nil))
        #expect(receiver.requests.count == 2 && Set(receiver.requests.map(\.body)).count == 1)
    }

    @Test("A receiver that does not answer in time: retried, said as a timeout")
    func timeout() throws {
        let receiver = try Receiver(script: [{ _ in Thread.sleep(forTimeInterval: 2.5); return .text(200, "ok") }])
        let harness = try Harness(config: Self.slack(receiver) + "events = [\"declared\"]\n")
        try harness.declare()
        let worker = try harness.worker(timeout: .seconds(1))
        let first = try #require(try worker.pass(incident: harness.incident).handled.first)
        guard case .retrying(_, let reason) = first.outcome else {
            Issue.record("expected a retry, got \(first.outcome)")
            return
        }
        #expect(reason.contains("in time") && reason.contains("127.0.0.1"), "\(reason)")
        #expect(!reason.contains("xoxSecretSlack77"))
    }

    @Test("A server that accepts and resets the connection: retried; then a receiver there takes it once")
    func connectionReset() throws {
        let listener = try ResettingListener()
        let harness = try Harness(config: "[integrations.eng-slack]\ntype = \"slack\"\nurl = \"http://127.0.0.1:\(listener.port)/services/\(Self.slackToken)\"\nevents = [\"declared\"]\n")
        try harness.declare()
        let worker = try harness.worker(timeout: .seconds(3))
        let first = try #require(try worker.pass(incident: harness.incident).handled.first)
        listener.stop()
        guard case .retrying(_, let reason) = first.outcome else {
            Issue.record("expected a retry, got \(first.outcome)")
            return
        }
        #expect(listener.connections >= 1)
        #expect(reason.contains("127.0.0.1") && reason.contains("will retry") && !reason.contains("xoxSecretSlack77"), "\(reason)")
    }

    @Test("Receiver down: retrying; up again on the same port: delivered once")
    func receiverDownThenUp() throws {
        let receiver = try Receiver()
        receiver.stop()
        let harness = try Harness(config: Self.slack(receiver) + "events = [\"declared\"]\n")
        try harness.declare()
        let worker = try harness.worker(timeout: .seconds(2))
        let first = try #require(try worker.pass(incident: harness.incident).handled.first)
        guard case .retrying(let at, let reason) = first.outcome else {
            Issue.record("expected a retry, got \(first.outcome)")
            return
        }
        #expect(reason.contains("refused") || reason.contains("reach"), "\(reason)")
        try receiver.start()
        harness.clock.set(at)
        #expect(try worker.pass(incident: harness.incident).handled.first?.outcome == .delivered(vendorReference: nil))
        #expect(receiver.requests.count == 1)
    }

    // MARK: - Leases and several workers

    @Test("A worker that died holding a delivery: nobody sends it until the lease ends, then another does, same key")
    func leaseRunsOut() throws {
        let receiver = try Receiver()
        let harness = try Harness(config: Self.slack(receiver) + "events = [\"declared\"]\n")
        try harness.declare()
        let delivery = try #require(harness.outbox.deliveries.first)
        // The dead worker's claim, as it would have written it before its request.
        let (_, last) = try harness.load()
        let now = harness.clock.now
        _ = try harness.store.append(to: harness.incident, knownSequence: last) { _ in
            [Event(id: UUID(), incident: harness.incident, at: now, recordedAt: now, author: "alice",
                   payload: .delivery(.attempted(delivery.id, worker: "dead-host:99", leaseUntil: now + .seconds(60))))]
        }
        let worker = try harness.worker("live-host:7")
        #expect(try worker.pass(incident: harness.incident).handled.isEmpty, "held by the other worker's lease")
        #expect(worker.nextDue(incident: harness.incident) == now + .seconds(60))
        harness.clock.advance(.seconds(60))
        let handled = try #require(try worker.pass(incident: harness.incident).handled.first)
        #expect(handled.outcome == .delivered(vendorReference: nil) && handled.attempt == 2 && handled.key == delivery.key)
        #expect(receiver.requests.count == 1)
    }

    @Test("Two workers on two connections, at once: every delivery sent by exactly one")
    func twoWorkers() throws {
        let receiver = try Receiver()
        var config = ""
        for index in 0..<6 { config += "[integrations.hook\(index)]\ntype = \"webhook\"\nurl = \"\(receiver.url("/h\(index)"))\"\nsecret = \"\(Self.hookSecret)\"\n\n" }
        let harness = try Harness(config: config)
        try harness.declare()
        for index in 0..<3 { try harness.record(.log(Entry(kind: .note, text: "note \(index)"))) }
        try harness.record(.postUpdate(audience: .engineering, text: "update"))
        try harness.record(.setStatus(.status(.mitigating), reason: nil, force: false))
        let total = harness.outbox.deliveries.count
        #expect(total >= 12)
        let workers = [try harness.worker("a:1"), try harness.worker("b:2")]
        let incident = harness.incident
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            for _ in 0..<20 { _ = try? workers[index].pass(incident: incident) }
        }
        #expect(harness.outbox.deliveries.allSatisfy { if case .delivered = $0.state { true } else { false } })
        let keys = receiver.requests.compactMap { $0.header("Idempotency-Key") }
        #expect(keys.count == total && Set(keys).count == total, "each key once: \(keys.count) requests for \(total)")
        let attempts = try harness.steps().filter { $0.step == .attempted }
        #expect(attempts.count == total && Set(attempts.map(\.delivery)).count == total)
        #expect(Set(attempts.compactMap(\.worker)).count == 2, "both workers took some")
    }

    // MARK: - Plans that send nothing, configuration problems

    @Test("A destination that no longer takes the notice: dropped with the reason, nothing sent")
    func skippedIsDropped() throws {
        let receiver = try Receiver()
        let harness = try Harness(config: Self.slack(receiver))
        try harness.declare()
        let narrowed = Config.parse(Self.slack(receiver) + "events = [\"resolved\"]\n", file: "c", privateFile: true).config
        let worker = try harness.worker(catalog: DestinationCatalog(integrations: narrowed.integrations, environment: [:]))
        let handled = try #require(try worker.pass(incident: harness.incident).handled.first)
        guard case .dropped(let reason) = handled.outcome else {
            Issue.record("expected dropped, got \(handled.outcome)")
            return
        }
        #expect(reason.contains("integrations.eng-slack does not take declared"), "\(reason)")
        #expect(receiver.requests.isEmpty && harness.outbox.undelivered.isEmpty)
    }

    @Test("A credential not set, a page target without a key, a destination gone: failed for good, said plainly")
    func configurationProblems() throws {
        let receiver = try Receiver()
        let harness = try Harness(config: """
            [integrations.pd]
            type = "pagerduty"
            url = "\(receiver.url())"
            routing_key = "env:WR_TEST_PD_KEY"
            """)
        try harness.declare()
        try harness.record(.notify(target: "database", kind: .escalation, tier: nil))
        let unset = try #require(try harness.worker().pass(incident: harness.incident).handled.first)
        #expect(unset.outcome == .failed(reason: "integrations.pd: routing_key is env:WR_TEST_PD_KEY, which is not set"))

        let noDefault = Config.parse("[integrations.pd]\ntype = \"pagerduty\"\nurl = \"\(receiver.url())\"\n[integrations.pd.routing_keys]\nweb = \"\(Self.pdKey)\"\n",
                                     file: "c", privateFile: true).config
        harness.record(retry: harness.outbox.deliveries[0].id)
        let missing = try #require(try harness.worker(catalog: DestinationCatalog(integrations: noDefault.integrations, environment: [:]))
            .pass(incident: harness.incident).handled.first)
        guard case .failed(let reason) = missing.outcome else {
            Issue.record("expected failed, got \(missing.outcome)")
            return
        }
        #expect(reason.contains("no routing key for 'database'") && !reason.contains(Self.pdKey), "\(reason)")

        harness.record(retry: harness.outbox.deliveries[0].id)
        let gone = try #require(try harness.worker(catalog: DestinationCatalog(integrations: [], environment: [:]))
            .pass(incident: harness.incident).handled.first)
        #expect(gone.outcome == .failed(reason: "there is no [integrations.pd] in the config file; no destination is configured (add [integrations.NAME] tables to the config file)"))
        #expect(receiver.requests.isEmpty)
    }

    // MARK: - Spacing

    @Test("A destination's spacing: the next request to it waits for the next pass, and nextDue says when")
    func spacing() throws {
        let receiver = try Receiver()
        let harness = try Harness(config: Self.slack(receiver))
        try harness.declare()
        try harness.record(.postUpdate(audience: .engineering, text: "one"))
        let worker = try harness.worker(spacing: { _ in .seconds(30) })
        #expect(try worker.pass(incident: harness.incident).handled.count == 1)
        let second = try worker.pass(incident: harness.incident)
        #expect(second.handled.isEmpty && second.held.count == 1 && receiver.requests.count == 1)
        let wait = try #require(second.held.first?.readyIn)
        #expect(wait > .seconds(25) && wait <= .seconds(30))
        let next = try #require(worker.nextDue(incident: harness.incident))
        #expect(next > harness.clock.now + .seconds(25), "due later, by the spacing")
        #expect(DestinationType.slack.minimumSpacing == .seconds(1) && DestinationType.pagerduty.minimumSpacing == TimeSpan(millis: 500))
    }

    // MARK: - Secrets

    @Test("A vendor that echoes the credential: no secret in any recorded reason, line or export")
    func secretsNeverRecorded() throws {
        let echo: @Sendable (IncomingRequest) -> OutgoingResponse = { request in
            .text(401, "bad key: \(request.header("Authorization") ?? "") for \(request.path)")
        }
        let receiver = try Receiver(script: [echo, echo], fallback: echo)
        let harness = try Harness(config: """
            [integrations.status]
            type = "statuspage"
            url = "\(receiver.url())"
            api_key = "\(Self.statusKey)"
            page_id = "kctbh9vrtdwd"

            [integrations.eng-slack]
            type = "slack"
            url = "\(receiver.url("/services/" + Self.slackToken))"
            """)
        try harness.declare()
        try harness.record(.postUpdate(audience: .customers, text: "We are on it."))
        let worker = try harness.worker()
        var lines: [String] = []
        for _ in 0..<3 { lines += try worker.pass(incident: harness.incident).handled.map(\.description) }
        #expect(lines.count == 2)
        let everything = lines.joined(separator: "\n") + (try harness.exportText())
        for secret in Self.secrets { #expect(!everything.contains(secret), "\(secret) leaked") }
        #expect(everything.contains("refused the credentials (401)"))
    }
}

extension Harness {
    /// Appends `outbox retry ID`'s step.
    func record(retry id: UUID) {
        guard let (_, last) = try? load() else { return }
        let now = clock.now, incident = incident
        _ = try? store.append(to: incident, knownSequence: last) { _ in
            [Event(id: UUID(), incident: incident, at: now, recordedAt: now, author: "alice", payload: .delivery(.retried(id)))]
        }
    }
}
