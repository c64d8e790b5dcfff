import WarRoomCore

/// What a destination gets for one notice: the requests to send, or why there is none.
public enum OutboundPlan: Hashable, Sendable {
    /// Send these, each its own delivery (a resolution resolves every paged target's page).
    case send([OutboundRequest])
    /// Nothing to send here, and why (for `--dry-run` and the outbox pane).
    case skip(reason: String)
}

/// A destination that cannot be sent to as configured: said so that the config can be fixed.
public enum OutboundError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No routing key for a page target, and no `default`.
    case missingRoutingKey(destination: String, target: String, known: [String])
    /// The URL is not `http://` or `https://`.
    case badURL(destination: String)

    /// What was wrong, what is accepted: never a credential.
    public var description: String {
        switch self {
        case .missingRoutingKey(let destination, let target, let known):
            let hint = Suggestion.didYouMean(target, among: known)
            let listed = known.isEmpty ? "none" : Choices.list(known.sorted(), last: "and")
            return "integrations.\(destination) has no routing key for '\(target)'\(hint) and no 'default' one; "
                + "routing keys configured: \(listed). Add routing_keys.\(target) or routing_keys.default."
        case .badURL(let destination):
            return "integrations.\(destination): url must start with https:// (or http:// for a local receiver)."
        }
    }
}

extension Destination {
    /// The requests this destination gets for `notice`. `vendorReference` is what an earlier
    /// delivery's answer returned (Statuspage's incident id), so updates change that incident.
    public func plan(for notice: OutboundNotice, vendorReference: String? = nil) throws(OutboundError) -> OutboundPlan {
        guard wants(notice) else {
            if case .statusUpdate(let audience, _) = notice.kind, events.contains(.statusUpdate) {
                return .skip(reason: "integrations.\(name) takes updates for \(Choices.list(audiences.map(\.rawValue).sorted(), last: "and")), not \(audience.rawValue)")
            }
            return .skip(reason: "integrations.\(name) does not take \(notice.event.rawValue) (events: \(Choices.list(events.map(\.rawValue).sorted(), last: "and")))")
        }
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else { throw .badURL(destination: name) }
        switch settings {
        case .slack: return .send([SlackPayload.request(notice, destination: self)])
        case .teams: return .send([TeamsPayload.request(notice, destination: self)])
        case .statuspage(let s): return StatuspagePayload.plan(notice, destination: self, settings: s, incidentID: vendorReference)
        case .pagerduty(let s): return try PagerDutyPayload.plan(notice, destination: self, settings: s)
        case .opsgenie(let s): return OpsgeniePayload.plan(notice, destination: self, settings: s)
        case .webhook(let secret): return .send([WebhookPayload.request(notice, destination: self, secret: secret)])
        }
    }

    /// The delivery key of `notice` here (with `part` when one notice makes several requests).
    func idempotencyKey(_ notice: OutboundNotice, part: String? = nil) -> String {
        IdempotencyKey.delivery(storeIdentity: notice.storeIdentity, incidentID: notice.incident.id,
                                destination: name, eventID: notice.eventID, part: part)
    }

    /// A JSON request with the common headers first.
    func jsonRequest(_ method: String, path: String, json: JSONValue, key: String, extra: [HTTPHeader] = []) -> OutboundRequest {
        let headers = [HTTPHeader("Content-Type", "application/json; charset=utf-8"), HTTPHeader("User-Agent", "warroom")] + extra
        return OutboundRequest(method: method, url: url + path, headers: headers, body: json.bytes,
                               idempotencyKey: key, type: type, secrets: secretValues)
    }
}
