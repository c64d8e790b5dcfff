import Testing
import WarRoomCore
@testable import WarRoomIntegrations

@Suite("Webhook signature")
struct WebhookSignatureTests {
    // Expected values computed independently when this test was written:
    // python3 -c 'import hmac,hashlib; print(hmac.new(KEY, MSG, hashlib.sha256).hexdigest())'
    static let knownAnswers: [(String, String, String)] = [
        ("whsec-test-3f9a", "{\"event\":\"test\",\"version\":1}", "1d1880e0a03d107016659c474011617e3b382ab13c230f423c56e92fabd182ae"),
        ("key", "The quick brown fox jumps over the lazy dog", "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"),
        ("clé-ü", "état: résolu ✓", "98f2cb1382097bc8fb67b1192f6b48a01d8946816919354abdfa464974473257"),
    ]

    @Test("HMAC-SHA256 known answers (key and body as UTF-8)", arguments: knownAnswers.indices)
    func knownAnswer(_ index: Int) {
        let (key, body, hex) = Self.knownAnswers[index]
        #expect(WebhookPayload.signature(body: Array(body.utf8), secret: Secret(key)) == "sha256=" + hex)
    }

    @Test("The header signs the exact body bytes sent, and changes when one byte does")
    func signsTheBody() {
        guard let request = Fixture.requests(Fixture.webhook, Fixture.notice(.declared)).first else { Issue.record("no request"); return }
        let signature = request.header("X-Warroom-Signature")
        #expect(signature == WebhookPayload.signature(body: request.body, secret: Secret(Fixture.webhookSecret)))
        var tampered = request.body
        tampered[tampered.count / 2] ^= 1
        #expect(signature != WebhookPayload.signature(body: tampered, secret: Secret(Fixture.webhookSecret)))
        #expect(signature?.dropFirst(7).allSatisfy { "0123456789abcdef".contains($0) } == true)
        #expect(request.header("Idempotency-Key") == request.idempotencyKey)
        #expect(request.header("X-Warroom-Delivery") == request.idempotencyKey)
        #expect(request.header("X-Warroom-Timestamp") == String(Fixture.t0.millis / 1000))
    }

    @Test("Every documented field is present for every kind", arguments: Fixture.kinds.map(\.0))
    func fields(_ label: String) {
        guard let request = Fixture.requests(Fixture.webhook, Fixture.notice(label: label)).first,
              case .object(let members) = Fixture.json(request) else { Issue.record("no body"); return }
        #expect(Set(members.keys) == ["version", "event", "delivery", "event_id", "store", "at", "destination", "link", "incident", "details"])
        guard case .object(let incident)? = members["incident"] else { Issue.record("no incident"); return }
        #expect(Set(incident.keys) == ["id", "title", "severity", "severity_name", "status", "service", "commander", "paged_targets"])
    }
}
