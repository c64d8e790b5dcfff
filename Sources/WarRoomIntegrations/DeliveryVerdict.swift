import WarRoomCore

/// What an answer (or its absence) means for a delivery.
public enum DeliveryVerdict: Hashable, Sendable {
    /// Done; `vendorReference` is what later deliveries need (Statuspage's incident id,
    /// PagerDuty's dedup key, Opsgenie's request id).
    case delivered(vendorReference: String?)
    /// Try again: after `after` at the earliest when the vendor said so (Retry-After).
    case retry(after: TimeSpan?, reason: String)
    /// Do not retry: the request itself is wrong (a bad key, a deleted channel); the reason says what.
    case failed(reason: String)

    /// The reason, for the outbox pane (nil when delivered).
    public var reason: String? {
        switch self {
        case .delivered: nil
        case .retry(_, let reason), .failed(let reason): reason
        }
    }

    /// The longest vendor message kept in a reason.
    static let maxMessage = 300

    /// Reads an HTTP answer. `secrets` are removed from anything quoted from the body (a vendor
    /// may echo a key back); `Destination.classify` passes its own.
    public static func classify(type: DestinationType, status: Int, headers: [(String, String)], body: [UInt8],
                                now: Timestamp, secrets: [String] = []) -> DeliveryVerdict {
        let vendor = type.displayName
        let message = VendorMessage.extract(type: type, body: body, secrets: secrets)
        let quoted = message.map { ": \($0)" } ?? ""
        switch status {
        case 200..<300:
            if type == .slack {
                // Slack's one success answer is `200 ok`; anything else is not Slack talking (a
                // proxy's page, a wrong URL) and retrying will not change it.
                let text = String(decoding: body, as: UTF8.self).trimmingSpaces
                guard status == 200, text == "ok" else {
                    return .failed(reason: "\(vendor) answered \(status) without \"ok\"\(quoted.isEmpty ? "" : quoted): check that url is a Slack incoming webhook")
                }
                return .delivered(vendorReference: nil)
            }
            return .delivered(vendorReference: reference(type: type, body: body))
        case 429:
            let after = RetryAfter.parse(header(headers, "Retry-After"), now: now)
            let wait = after.map { " (asked to wait \($0.compact))" } ?? ""
            return .retry(after: after, reason: "\(vendor) is rate limiting (429)\(wait)\(quoted); will retry")
        case 420 where type == .statuspage:
            // Statuspage answers its rate limit with 420, not 429 (developer.statuspage.io, "Rate limiting").
            return .retry(after: RetryAfter.parse(header(headers, "Retry-After"), now: now), reason: "\(vendor) is rate limiting (420)\(quoted); will retry")
        case 408:
            return .retry(after: nil, reason: "\(vendor) timed out waiting for the request (408); will retry")
        case 500..<600:
            let after = RetryAfter.parse(header(headers, "Retry-After"), now: now)
            return .retry(after: after, reason: "\(vendor) had a server error (\(status))\(quoted); will retry")
        case 300..<400:
            return .failed(reason: "\(vendor) answered \(status) (a redirect): check url in the config; warroom does not follow redirects with credentials")
        case 401, 403:
            return .failed(reason: "\(vendor) refused the credentials (\(status))\(quoted): check \(credentialName(type)) in the config")
        case 400..<500:
            return .failed(reason: "\(vendor) refused the request (\(status))\(quoted.isEmpty ? "" : quoted)\(explanation(type: type, message: message))")
        default:
            return .retry(after: nil, reason: "\(vendor) answered an unexpected HTTP status \(status); will retry")
        }
    }

    /// What a transport failure means: always a retry, worded for a tired person.
    public static func transport(_ failure: TransportFailure, type: DestinationType, host: String) -> DeliveryVerdict {
        let vendor = type == .webhook ? host : "\(type.displayName) (\(host))"
        let reason: String
        switch failure {
        case .timeout: reason = "no answer from \(vendor) in time; will retry"
        case .connectionRefused: reason = "\(vendor) refused the connection (nothing listening?); will retry"
        case .connectionReset: reason = "\(vendor) dropped the connection mid-request; will retry with the same key, so a request that did arrive is not doubled"
        case .nameNotResolved: reason = "cannot find \(host) (DNS): offline, or a typo in url; will retry"
        case .tls(let detail): reason = "a secure connection to \(vendor) failed (\(Cleaning.clean(detail, limit: 120))); will retry"
        case .other(let detail): reason = "could not reach \(vendor) (\(Cleaning.clean(detail, limit: 120))); will retry"
        }
        return .retry(after: nil, reason: reason)
    }

    static func header(_ headers: [(String, String)], _ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    static func reference(type: DestinationType, body: [UInt8]) -> String? {
        guard let json = JSONReader.parse(body) else { return nil }
        switch type {
        case .statuspage: return json["id"]?.stringValue
        case .pagerduty: return json["dedup_key"]?.stringValue
        case .opsgenie: return json["requestId"]?.stringValue
        case .slack, .teams, .webhook: return nil
        }
    }

    static func credentialName(_ type: DestinationType) -> String {
        switch type {
        case .statuspage, .opsgenie: "api_key"
        case .pagerduty: "routing_keys"
        case .webhook: "url and secret"
        case .slack, .teams: "url (the webhook may have been revoked)"
        }
    }

    /// What Slack's error codes mean, in words (docs.slack.dev, "Sending messages using incoming webhooks" › errors).
    static func explanation(type: DestinationType, message: String?) -> String {
        guard type == .slack, let message else { return "" }
        switch message {
        case "invalid_payload": return " — Slack could not read the message (a warroom bug: please report it)"
        case "no_service", "no_service_id", "no_team", "team_disabled", "invalid_token":
            return " — the webhook was removed or disabled: create a new one and update url"
        case "channel_not_found", "channel_is_archived": return " — the webhook's channel is gone or archived: pick another channel"
        case "action_prohibited", "posting_to_general_channel_denied": return " — a workspace admin restricts posting there"
        case "too_many_attachments", "no_text": return " — Slack refused the message's shape (a warroom bug: please report it)"
        default: return ""
        }
    }
}

/// Why no HTTP answer came.
public enum TransportFailure: Hashable, Sendable {
    case timeout
    case connectionRefused
    case connectionReset
    case nameNotResolved
    /// TLS failed; the detail is the library's words (never containing the URL's path).
    case tls(String)
    /// Anything else; the detail is the library's words.
    case other(String)
}

extension Destination {
    /// `DeliveryVerdict.classify` for this destination, hiding its credentials in any reason.
    public func classify(status: Int, headers: [(String, String)], body: [UInt8], now: Timestamp) -> DeliveryVerdict {
        DeliveryVerdict.classify(type: type, status: status, headers: headers, body: body, now: now, secrets: secretValues)
    }

    /// `DeliveryVerdict.transport` for this destination: names its host, never its (secret) path.
    public func classify(_ failure: TransportFailure) -> DeliveryVerdict {
        DeliveryVerdict.transport(failure, type: type, host: host)
    }

    /// The URL's host (and port): the one part of a secret URL that may be shown.
    public var host: String {
        guard let schemeEnd = url.firstRange(of: "://") else { return "the configured url" }
        let rest = url[schemeEnd.upperBound...]
        var host = rest[..<(rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex)]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        return String(host)
    }
}
