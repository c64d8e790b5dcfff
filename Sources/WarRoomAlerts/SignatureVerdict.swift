/// Whether a request proved it came from a holder of the secret. Anything but `accepted` is a 401
/// with `description` as its body, and nothing is recorded.
public enum SignatureVerdict: Equatable, Sendable {
    /// A signature or token matched.
    case accepted
    /// No signature or token came with the request.
    case unsigned(expected: String)
    /// The header is there but not in the accepted form.
    case malformed(detail: String)
    /// Signatures came, none matches any configured secret.
    case mismatched
    /// No secret is configured, so nothing can be verified: refused rather than let through.
    case noSecretConfigured

    /// True for `accepted`.
    public var isAccepted: Bool { self == .accepted }
}

extension SignatureVerdict: CustomStringConvertible {
    /// What the sender is told (never a secret, never the expected value).
    public var description: String {
        switch self {
        case .accepted: "signature accepted"
        case .unsigned(let expected): "the request is not signed: expected \(expected); nothing was recorded"
        case .malformed(let detail): "the signature header is malformed (\(detail)); nothing was recorded"
        case .mismatched: "no signature matches the configured secret; nothing was recorded"
        case .noSecretConfigured: "no secret is configured to verify this request against; nothing was recorded"
        }
    }
}
