import Foundation
import Testing
import WarRoomHTTP
#if canImport(Glibc)
import Glibc
#endif

/// `warroom outbox …` and `warroom integrations test` as processes, against loopback receivers the
/// test starts: queued by `warroom declare/update/notify` with the config file's destinations,
/// delivered by `outbox deliver`, across a kill -9, by two followers at once; no secret printed,
/// recorded or exported.
@Suite(.serialized) struct OutboxProcessTests {
    static let slackToken = "T0PROC/B0PROC/xoxProcSecret31"
    static let hookSecret = "whsec-proc-secret-8d"
    static let pdKey = "R0UTINGprocess0123456789abcdef0"
    static let secrets = [slackToken, "xoxProcSecret31", hookSecret, pdKey]

    static func config(_ receiver: Receiver, hooks: Int = 1) -> String {
        var text = """
            [integrations.eng-slack]
            type = "slack"
            url = "\(receiver.url("/services/" + slackToken))"

            [integrations.pd]
            type = "pagerduty"
            url = "\(receiver.url())"
            routing_key = "env:WR_PROC_PD_KEY"

            """
        for index in 0..<hooks {
            text += "\n[integrations.bot\(index == 0 ? "" : String(index))]\ntype = \"webhook\"\nurl = \"\(receiver.url("/hook\(index)"))\"\nsecret = \"\(hookSecret)\"\n"
        }
        return text
    }

    static let env = ["WR_PROC_PD_KEY": pdKey]

    /// An ISO 8601 time as warroom writes it (milliseconds only when not zero).
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let plain = formatter.date(from: text) { return plain }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    func expectNoSecrets(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in Self.secrets { #expect(!text.contains(secret), "\(secret) leaked", sourceLocation: sourceLocation) }
    }

    @Test("declare, update, page queue deliveries; list shows them; --dry-run prints the redacted requests and sends nothing; deliver sends each once")
    func queueListDryRunDeliver() throws {
        let receiver = try Receiver(fallback: { request in
            request.path.hasPrefix("/v2/") ? OutgoingResponse(status: 202, body: Array(#"{"status":"success","dedup_key":"d"}"#.utf8)) : .text(200, "ok")
        })
        let cli = try Binary(config: Self.config(receiver), extra: Self.env)
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2", "--service", "checkout-api")
        try cli.ok("update", "--audience", "engineering", "--text", "Error rate 12% on checkout")
        try cli.ok("notify", "database", "--escalation")
        let listed = try cli.ok("outbox")
        #expect(listed.contains("ID") && listed.contains("eng-slack") && listed.contains("declared") && listed.contains("waiting"), "\(listed)")
        #expect(listed.contains("page:database") && listed.contains("bot"))
        let waiting = try cli.deliveries()
        #expect(waiting.count >= 6 && waiting.allSatisfy { $0["state"] as? String == "waiting" }, "\(waiting)")

        let dry = try cli.ok("outbox", "deliver", "--dry-run")
        #expect(dry.contains("POST http://127.0.0.1:\(receiver.port)/services/***"), "\(dry)")
        #expect(dry.contains("\"routing_key\":\"***\"") && dry.contains("X-Warroom-Signature: sha256="), "\(dry)")
        #expect(receiver.requests.isEmpty, "a dry run sends nothing")
        #expect(try cli.deliveries().allSatisfy { $0["state"] as? String == "waiting" && $0["attempts"] as? Int == 0 }, "and claims nothing")

        let delivered = try cli.ok("outbox", "deliver")
        let lines = delivered.split(separator: "\n").filter { $0.hasPrefix("INC-1 ") }
        #expect(lines.count == waiting.count && lines.allSatisfy { $0.contains(": delivered (attempt 1)") }, "\(delivered)")
        #expect(delivered.contains("\(waiting.count) delivered"))
        #expect(receiver.requests.count == waiting.count)
        #expect(try cli.deliveries().allSatisfy { $0["state"] as? String == "delivered" })
        #expect(try cli.ok("outbox").contains("No deliveries waiting"))
        #expect(try cli.ok("outbox", "deliver").contains("Nothing is due"))
        #expect(receiver.requests.count == waiting.count, "a second run sends nothing again")
        let page = try #require(receiver.requests.first { $0.path == "/v2/enqueue" })
        #expect(String(decoding: page.body, as: UTF8.self).contains(Self.pdKey), "the real key goes on the wire")
        expectNoSecrets(cli.printed + (try cli.export()))
    }

    @Test("retry and drop: by id prefix, refused when unknown (did you mean) or when the state does not allow it")
    func retryAndDrop() throws {
        let receiver = try Receiver(fallback: Receiver.status(400, "invalid_payload"))
        let cli = try Binary(config: Self.config(receiver).replacingOccurrences(of: "type = \"slack\"", with: "type = \"slack\"\nevents = [\"declared\"]"),
                             extra: Self.env)
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2")
        let out = try cli.ok("outbox", "deliver")
        #expect(out.contains("failed: Slack refused the request (400): invalid_payload"), "\(out)")
        let slack = try #require(try cli.deliveries().first { $0["destination"] as? String == "eng-slack" })
        let id = try #require(slack["short"] as? String)
        let full = try #require(slack["id"] as? String)
        #expect(slack["state"] as? String == "failed" && slack["lastFailure"] as? String != nil)

        #expect(full.hasSuffix(id) && id.count == 8)
        let unknown = try cli.run(["outbox", "retry", String(id.reversed())])
        #expect(unknown.status != 0 && unknown.err.contains("no delivery") && unknown.err.contains("nothing was changed"), "\(unknown.err)")
        var typo = Array(id)
        typo[0] = typo[0] == "0" ? "1" : "0"
        let near = try cli.run(["outbox", "retry", String(typo)])
        #expect(near.err.contains("did you mean '\(id)'"), "\(near.err)")
        let notHex = try cli.run(["outbox", "drop", "zz-top", "--reason", "x"])
        #expect(notHex.status != 0 && notHex.err.contains("not a delivery id"))
        let noReason = try cli.run(["outbox", "drop", id])
        #expect(noReason.status != 0 && noReason.err.contains("--reason"))
        // The deliveries one event queues share all but their last digits: a prefix names them all.
        let shared = try cli.run(["outbox", "retry", String(full.prefix(13))])
        #expect(shared.status != 0 && shared.err.contains("matches 2 deliveries") && shared.err.contains(id), "\(shared.err)")

        #expect(try cli.ok("outbox", "retry", id).contains("waiting"))
        let again = try cli.run(["outbox", "retry", full])
        #expect(again.status != 0 && again.err.contains("it is waiting, not failed"), "\(again.err)")
        #expect(try cli.ok("outbox", "drop", full.uppercased(), "--reason", "posted by hand").contains("dropped"))
        let twice = try cli.run(["outbox", "drop", id, "--reason", "again"])
        #expect(twice.err.contains("dropped already"), "\(twice.err)")
        let row = try #require(try cli.deliveries().first { $0["id"] as? String == full })
        #expect(row["state"] as? String == "dropped" && row["reason"] as? String == "posted by hand")
        let listed = try cli.ok("outbox", "--incident", "INC-1")
        #expect(listed.contains("dropped: posted by hand"))
        expectNoSecrets(cli.printed + (try cli.export()))
    }

    @Test("kill -9 of `outbox deliver` mid-request: after the lease another run delivers it, same key, delivered once")
    func killedMidRequest() throws {
        let held = DispatchSemaphore(value: 0)
        let receiver = try Receiver(script: [{ _ in _ = held.wait(timeout: .now() + 30); return .text(200, "ok") }])
        let cli = try Binary(config: """
            [integrations.bot]
            type = "webhook"
            url = "\(receiver.url("/hook"))"
            secret = "\(Self.hookSecret)"
            events = ["declared"]
            """, extra: ["WARROOM_OUTBOX_LEASE_SECONDS": "2"])
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2")
        let first = try cli.start(["outbox", "deliver"])
        #expect(receiver.wait(for: 1), "the request arrived and is held")
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        held.signal()
        #expect(first.process.terminationReason == .uncaughtSignal)
        let claimed = try #require(try cli.deliveries().first)
        #expect(claimed["state"] as? String == "sending" && claimed["attempts"] as? Int == 1, "\(claimed)")
        #expect((claimed["worker"] as? String)?.hasSuffix(":\(first.process.processIdentifier)") == true)

        // The lease holds it from other workers until it runs out.
        let until = try #require((claimed["leaseUntil"] as? String).flatMap(Self.date))
        let early = try cli.ok("outbox", "deliver")
        if Date() < until { #expect(early.contains("Nothing is due"), "\(early)") }
        Thread.sleep(until: until.addingTimeInterval(0.3))
        let second = try cli.ok("outbox", "deliver")
        #expect(second.contains("delivered (attempt 2)"), "\(second)")
        #expect(receiver.requests.count == 2)
        let keys = receiver.requests.map { $0.header("Idempotency-Key") }
        #expect(keys[0] != nil && keys[0] == keys[1] && keys[0] == claimed["key"] as? String)
        #expect(receiver.requests[0].body == receiver.requests[1].body)
        let export = try cli.export()
        #expect(export.components(separatedBy: "\"step\":\"delivered\"").count - 1 == 1, "delivered recorded once")
        #expect(try cli.deliveries().first?["state"] as? String == "delivered")
    }

    @Test("Two `outbox deliver --follow` on one store: each delivery attempted by exactly one; SIGTERM ends both cleanly")
    func twoFollowers() throws {
        let receiver = try Receiver()
        let cli = try Binary(config: Self.config(receiver, hooks: 4), extra: Self.env)
        try cli.ok("declare", "--title", "Checkout errors", "--severity", "SEV2")
        let followers = [try cli.start(["outbox", "deliver", "--follow"]), try cli.start(["outbox", "deliver", "--follow"])]
        // Queued while both run: they wake on the store's change.
        for index in 0..<3 { try cli.ok("update", "--audience", "engineering", "--text", "update \(index)") }
        try cli.ok("status", "mitigating")
        let total = try cli.deliveries().count
        #expect(total >= 20)
        let done = try Binary.eventually(seconds: 60) { try cli.deliveries().allSatisfy { $0["state"] as? String == "delivered" } }
        let states = try cli.deliveries().map { "\($0["destination"] ?? "") \($0["state"] ?? "")" }
        #expect(done, "\(states)")
        for follower in followers { kill(follower.process.processIdentifier, SIGTERM) }
        let ended = Binary.eventually(seconds: 15) { followers.allSatisfy { !$0.process.isRunning } }
        #expect(ended, "SIGTERM ends both within 15 s")
        for follower in followers where follower.process.isRunning { kill(follower.process.processIdentifier, SIGKILL) }
        let results = followers.map { cli.finish($0) }
        for result in results {
            #expect(result.status == 0 && result.out.contains("Stopped delivering."), "\(result.err)")
        }
        let keys = receiver.requests.compactMap { $0.header("Idempotency-Key") }
        let hookDeliveries = try cli.deliveries().filter { ($0["destination"] as? String)?.hasPrefix("bot") == true }
        #expect(keys.count == hookDeliveries.count && Set(keys).count == keys.count, "each webhook key arrived once")
        #expect(receiver.requests.count == total, "each delivery sent once")
        #expect(try cli.deliveries().allSatisfy { $0["attempts"] as? Int == 1 })
        let lines = results.flatMap { $0.out.split(separator: "\n").filter { $0.contains(": delivered") } }
        #expect(lines.count == total, "one line per delivery, across both")
        expectNoSecrets(cli.printed + (try cli.export()))
    }

    @Test("integrations test NAME: sends the test now and says so; a refusal exits 1 with the vendor's words; did-you-mean")
    func integrationsTest() throws {
        let receiver = try Receiver(script: [Receiver.ok, Receiver.status(404, "no_service")])
        let cli = try Binary(config: Self.config(receiver), extra: Self.env)
        let sent = try cli.ok("integrations", "test", "eng-slack")
        #expect(sent.contains("the test message was delivered") && receiver.requests.count == 1, "\(sent)")
        #expect(String(decoding: receiver.requests[0].body, as: UTF8.self).contains("warroom test message for eng-slack"))
        let refused = try cli.run(["integrations", "test", "eng-slack"])
        #expect(refused.status == 1 && refused.err.contains("no_service") && refused.err.contains("webhook was removed"), "\(refused.err)")
        let typo = try cli.run(["integrations", "test", "eng-slak"])
        #expect(typo.status != 0 && typo.err.contains("did you mean 'eng-slack'"), "\(typo.err)")
        let dry = try cli.ok("integrations", "test", "pd", "--dry-run")
        #expect(dry.contains("POST http://127.0.0.1:\(receiver.port)/v2/change/enqueue") && dry.contains("\"routing_key\":\"***\""), "\(dry)")
        #expect(receiver.requests.count == 2, "the dry run sent nothing")
        let unset = try cli.run(["integrations", "test", "pd"], env: ["WR_PROC_PD_KEY": ""])
        #expect(unset.err.contains("integrations.pd: routing_key is env:WR_PROC_PD_KEY, which is not set"), "\(unset.err)")
        expectNoSecrets(cli.printed)
    }
}
