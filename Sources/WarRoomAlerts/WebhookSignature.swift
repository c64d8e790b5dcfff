import Crypto

/// HMAC-SHA256 webhook signatures and bearer tokens, every comparison in constant time.
public enum WebhookSignature {
    /// The header PagerDuty V3 signs with.
    public static let pagerDutyHeader = "X-PagerDuty-Signature"
    /// The header a generic sender signs with (`sha256=<hex HMAC-SHA256(secret, body)>`), for
    /// `--allow-remote`; the same scheme as warroom's outgoing generic webhooks.
    public static let sharedSecretHeader = "X-WarRoom-Signature"

    /// Verifies `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]` over the raw body: accepted when any
    /// `v1` signature matches any of `secrets` (several while a secret is rotated). Signatures of
    /// other versions are skipped, as PagerDuty's docs ask.
    public static func verifyPagerDuty(body: [UInt8], header: String?, secrets: [String]) -> SignatureVerdict {
        let keys = secrets.filter { !$0.isEmpty }
        guard !keys.isEmpty else { return .noSecretConfigured }
        guard let header, !header.allSatisfy({ $0 == " " || $0 == "\t" }) else {
            return .unsigned(expected: "\(pagerDutyHeader): v1=<hex HMAC-SHA256>")
        }
        var candidates: [[UInt8]] = []
        for part in header.split(separator: ",", omittingEmptySubsequences: true).prefix(16) {
            let item = part.trimmed(of: " \t")
            guard let equals = item.firstIndex(of: "=") else { return .malformed(detail: "a signature without 'v1='") }
            guard item[..<equals] == "v1" else { continue }
            guard let digest = hexBytes(item[item.index(after: equals)...]), digest.count == SHA256.byteCount else {
                return .malformed(detail: "a v1 signature is not 64 hex digits")
            }
            candidates.append(digest)
        }
        guard !candidates.isEmpty else { return .malformed(detail: "no v1 signature") }
        return anyMatches(candidates, body: body, keys: keys) ? .accepted : .mismatched
    }

    /// The `--allow-remote` check: `Authorization: Bearer <secret>`, or `X-WarRoom-Signature:
    /// sha256=<hex HMAC-SHA256(secret, body)>`. Either proves the sender holds the secret.
    public static func verifySharedSecret(body: [UInt8], authorization: String?, signature: String?,
                                          secret: String) -> SignatureVerdict {
        guard !secret.isEmpty else { return .noSecretConfigured }
        let expected = "Authorization: Bearer <token> or \(sharedSecretHeader): sha256=<hex HMAC-SHA256>"
        let bearer = authorization.map { $0.trimmed(of: " \t") }.flatMap { $0.isEmpty ? nil : $0 }
        let signed = signature.map { $0.trimmed(of: " \t") }.flatMap { $0.isEmpty ? nil : $0 }
        if bearer == nil && signed == nil { return .unsigned(expected: expected) }
        if let signed {
            guard signed.lowercased().hasPrefix("sha256="),
                  let digest = hexBytes(signed.dropFirst(7)), digest.count == SHA256.byteCount else {
                return .malformed(detail: "\(sharedSecretHeader) must be sha256= and 64 hex digits")
            }
            if anyMatches([digest], body: body, keys: [secret]) { return .accepted }
        }
        if let bearer {
            guard bearer.count > 7, bearer.prefix(7).lowercased() == "bearer " else {
                return signed == nil ? .malformed(detail: "Authorization must be 'Bearer <token>'") : .mismatched
            }
            let token = String(bearer.dropFirst(7)).trimmed(of: " \t")
            // Comparing digests, not the texts, keeps the time independent of the token's length.
            let given = Array(SHA256.hash(data: Array(token.utf8)))
            let wanted = Array(SHA256.hash(data: Array(secret.utf8)))
            if constantTimeEqual(given, wanted) { return .accepted }
        }
        return .mismatched
    }

    /// `hex(HMAC-SHA256(secret, body))`, lowercase: what a sender puts after `v1=` or `sha256=`.
    public static func hexSignature(body: [UInt8], secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return DedupKey.hex(Array(code))
    }

    /// Every candidate is checked against every key (no early exit), each in constant time.
    private static func anyMatches(_ candidates: [[UInt8]], body: [UInt8], keys: [String]) -> Bool {
        var matched = false
        for key in keys {
            let code = Array(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(key.utf8))))
            for candidate in candidates where constantTimeEqual(candidate, code) { matched = true }
        }
        return matched
    }

    /// Equal-length byte strings compared without an early exit.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// Hex digits (either case) as bytes; nil for anything else.
    static func hexBytes(_ text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count % 2 == 0, digits.count <= 256 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index + 1 < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 97...102: byte - 87
        case 65...70: byte - 55
        default: nil
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing characters from `set` (a tiny, Foundation-free trim).
    func trimmed(of set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
