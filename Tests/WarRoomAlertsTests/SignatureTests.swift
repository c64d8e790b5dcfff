import Testing
@testable import WarRoomAlerts

@Suite struct SignatureTests {
    static let secret = "pd-webhook-secret-4f9a2c"
    /// Computed once with Python's hmac over the fixture files (see Fixtures/README.md), pinned.
    static let pinned: [(String, String)] = [
        ("pagerduty-triggered.json", "3e521cb9d420f52a187637fc50a869b34c91fd2c51b8a6329ca8cc3e2cbae443"),
        ("pagerduty-acknowledged.json", "a33f8ef163a1d623948c37dff3a26f4594e0c9361d6e31b92e857f9ff4ce8749"),
        ("pagerduty-resolved.json", "c28c030779ff73dcdad688c4e033e519607e368455cea20f2d25aad18e202b31"),
    ]
    /// The acknowledged fixture signed with the secret being rotated out.
    static let oldSecret = "pd-webhook-secret-OLD-11d0"
    static let acknowledgedWithOld = "0732faff3f8a99fc40fc176f05cdc3263b015686e0accb11cf2ce815af20f005"

    @Test(arguments: pinned)
    func pinnedSignatureIsAccepted(file: String, hex: String) {
        let body = Fixture.bytes(file)
        #expect(WebhookSignature.hexSignature(body: body, secret: Self.secret) == hex)
        #expect(WebhookSignature.verifyPagerDuty(body: body, header: "v1=\(hex)", secrets: [Self.secret]) == .accepted)
        #expect(WebhookSignature.verifyPagerDuty(body: body, header: "v1=\(hex.uppercased())", secrets: [Self.secret]) == .accepted)
    }

    /// Rotation: PagerDuty sends one signature per secret, comma-separated; and warroom may hold
    /// the new and the old secret while the subscription changes.
    @Test func anyOfSeveralSignaturesOrSecretsMatches() {
        let body = Fixture.bytes("pagerduty-acknowledged.json")
        let current = Self.pinned[1].1
        let both = "v1=\(Self.acknowledgedWithOld),v1=\(current)"
        #expect(WebhookSignature.verifyPagerDuty(body: body, header: both, secrets: [Self.secret]) == .accepted)
        #expect(WebhookSignature.verifyPagerDuty(body: body, header: " v1=\(String(repeating: "0", count: 64)) , v1=\(current)", secrets: [Self.secret]) == .accepted)
        #expect(WebhookSignature.verifyPagerDuty(body: body, header: "v1=\(Self.acknowledgedWithOld)", secrets: [Self.secret, Self.oldSecret]) == .accepted)
        #expect(WebhookSignature.verifyPagerDuty(body: body, header: "v2=abc,v1=\(current)", secrets: [Self.secret]) == .accepted)
    }

    static let refused: [(String, String?, [String], SignatureVerdict)] = [
        // Tampered body, signature of the original.
        ("pagerduty-triggered-tampered.json", "v1=3e521cb9d420f52a187637fc50a869b34c91fd2c51b8a6329ca8cc3e2cbae443", [secret], .mismatched),
        // Right body, signature of another fixture.
        ("pagerduty-triggered.json", "v1=a33f8ef163a1d623948c37dff3a26f4594e0c9361d6e31b92e857f9ff4ce8749", [secret], .mismatched),
        // Right signature, wrong secret.
        ("pagerduty-triggered.json", "v1=3e521cb9d420f52a187637fc50a869b34c91fd2c51b8a6329ca8cc3e2cbae443", ["other"], .mismatched),
        ("pagerduty-triggered.json", nil, [secret], .unsigned(expected: "X-PagerDuty-Signature: v1=<hex HMAC-SHA256>")),
        ("pagerduty-triggered.json", "  ", [secret], .unsigned(expected: "X-PagerDuty-Signature: v1=<hex HMAC-SHA256>")),
        ("pagerduty-triggered.json", "3e521cb9d420f52a187637fc50a869b34c91fd2c51b8a6329ca8cc3e2cbae443", [secret], .malformed(detail: "a signature without 'v1='")),
        ("pagerduty-triggered.json", "v1=3e521cb9", [secret], .malformed(detail: "a v1 signature is not 64 hex digits")),
        ("pagerduty-triggered.json", "v1=zz521cb9d420f52a187637fc50a869b34c91fd2c51b8a6329ca8cc3e2cbae443", [secret], .malformed(detail: "a v1 signature is not 64 hex digits")),
        ("pagerduty-triggered.json", "v0=abc", [secret], .malformed(detail: "no v1 signature")),
        ("pagerduty-triggered.json", "v1=3e521cb9d420f52a187637fc50a869b34c91fd2c51b8a6329ca8cc3e2cbae443", [], .noSecretConfigured),
        ("pagerduty-triggered.json", "v1=3e521cb9d420f52a187637fc50a869b34c91fd2c51b8a6329ca8cc3e2cbae443", [""], .noSecretConfigured),
    ]

    @Test(arguments: refused)
    func badOrMissingSignatureIsRefused(file: String, header: String?, secrets: [String], verdict: SignatureVerdict) {
        let result = WebhookSignature.verifyPagerDuty(body: Fixture.bytes(file), header: header, secrets: secrets)
        #expect(result == verdict)
        #expect(!result.isAccepted)
        #expect(result.description.hasSuffix("nothing was recorded"))
        #expect(!result.description.contains(Self.secret))
    }

    @Test func tamperedFixtureDiffersFromTheSignedOne() {
        #expect(Fixture.bytes("pagerduty-triggered-tampered.json") != Fixture.bytes("pagerduty-triggered.json"))
        #expect(!Fixture.bytes("pagerduty-triggered-tampered.json").isEmpty)
    }

    static let shared = "remote-token-Zq81"
    static let body = Array(#"{"version":"4"}"#.utf8)

    static let sharedCases: [(String?, String?, String, SignatureVerdict)] = [
        ("Bearer remote-token-Zq81", nil, shared, .accepted),
        ("bearer   remote-token-Zq81 ", nil, shared, .accepted),
        (nil, "sha256=" + WebhookSignature.hexSignature(body: body, secret: shared), shared, .accepted),
        ("Bearer wrong", "sha256=" + WebhookSignature.hexSignature(body: body, secret: shared), shared, .accepted),
        ("Bearer remote-token-Zq8", nil, shared, .mismatched),
        ("Bearer remote-token-Zq811", nil, shared, .mismatched),
        (nil, "sha256=" + WebhookSignature.hexSignature(body: body, secret: "other"), shared, .mismatched),
        (nil, nil, shared, .unsigned(expected: "Authorization: Bearer <token> or X-WarRoom-Signature: sha256=<hex HMAC-SHA256>")),
        ("", "", shared, .unsigned(expected: "Authorization: Bearer <token> or X-WarRoom-Signature: sha256=<hex HMAC-SHA256>")),
        ("Basic dXNlcjpwYXNz", nil, shared, .malformed(detail: "Authorization must be 'Bearer <token>'")),
        (nil, "md5=abc", shared, .malformed(detail: "X-WarRoom-Signature must be sha256= and 64 hex digits")),
        ("Bearer remote-token-Zq81", nil, "", .noSecretConfigured),
    ]

    @Test(arguments: sharedCases)
    func sharedSecretBearerOrHMAC(authorization: String?, signature: String?, secret: String, verdict: SignatureVerdict) {
        #expect(WebhookSignature.verifySharedSecret(body: Self.body, authorization: authorization, signature: signature,
                                                    secret: secret) == verdict)
    }

    @Test func constantTimeEqualCompares() {
        #expect(WebhookSignature.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!WebhookSignature.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!WebhookSignature.constantTimeEqual([1, 2], [1, 2, 3]))
    }
}
