/// One HTTP request, exactly as it goes on the wire, and the key that stays the same on every
/// retry. `description` (and `debugDescription`, `dump`) is redacted: safe for `--dry-run` and logs.
public struct OutboundRequest: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `POST`, `PATCH` or `GET`.
    public var method: String
    /// The full URL: base, path and query.
    public var url: String
    /// The headers in the order sent.
    public var headers: [HTTPHeader]
    /// The body's exact bytes (what a webhook signature covers).
    public var body: [UInt8]
    /// The delivery's idempotency key: the same on every retry of this request.
    public var idempotencyKey: String
    /// The destination's type: how to read the answer (`DeliveryVerdict.classify`).
    public var type: DestinationType
    /// The values to hide in anything shown: credentials, the secret URL.
    let secrets: [String]

    /// A request; `secrets` are the values the descriptions hide.
    public init(method: String, url: String, headers: [HTTPHeader], body: [UInt8], idempotencyKey: String,
                type: DestinationType, secrets: [String]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.idempotencyKey = idempotencyKey
        self.type = type
        self.secrets = secrets.filter { !$0.isEmpty }
    }

    /// The first header of that name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The URL with a secret URL cut to its host (`https://hooks.slack.com/services/***`) and
    /// any credential in it replaced by `***`.
    public var redactedURL: String {
        Redaction.url(url, isSecret: type.urlIsSecret, secrets: secrets)
    }

    /// The body as text with every credential replaced by `***`.
    public var redactedBody: String {
        Redaction.scrub(String(decoding: body, as: UTF8.self), secrets: secrets)
    }

    /// `POST URL`, the headers one a line, a blank line, the body: redacted.
    public var description: String {
        var lines = ["\(method) \(redactedURL)"]
        for header in headers { lines.append("\(header.name): \(Redaction.header(header, secrets: secrets))") }
        lines.append("")
        lines.append(redactedBody)
        return lines.joined(separator: "\n")
    }

    /// The same as `description`: redacted.
    public var debugDescription: String { description }

    /// `dump` shows only the redacted form.
    public var customMirror: Mirror {
        Mirror(self, children: ["method": method, "url": redactedURL, "idempotencyKey": idempotencyKey,
                                "body": redactedBody], displayStyle: .struct)
    }
}

/// One header line.
public struct HTTPHeader: Hashable, Sendable {
    /// The header's name as sent.
    public var name: String
    /// The value.
    public var value: String

    /// A header.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
