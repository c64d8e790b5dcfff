import WarRoomCore

/// PagerDuty Events API v2: alert events (`/v2/enqueue`) for pages, change events
/// (`/v2/change/enqueue`) for deploys and the test.
enum PagerDutyPayload {
    /// `dedup_key`: at most 255 characters (developer.pagerduty.com, Events API v2 "Alert Event").
    static let maxDedupKey = 255
    /// `payload.summary`: at most 1,024 characters (same page; PagerDuty truncates beyond).
    static let maxSummary = 1024

    static func plan(_ notice: OutboundNotice, destination: Destination, settings: PagerDutySettings) throws(OutboundError) -> OutboundPlan {
        switch notice.kind {
        case .page(let target, let reason):
            let routingKey = try key(settings, target: target, destination: destination)
            var payload: [String: JSONValue] = [
                "summary": .string(TextLimit.truncate(NoticeWording.headline(notice, destination: destination.name)
                                                      + (reason.isEmpty ? "" : " — \(reason)"), toUTF16: maxSummary)),
                "source": .string(notice.incident.service ?? "warroom"),
                "severity": .string(settings.severities[notice.incident.severity] ?? "error"),
                "timestamp": .string(notice.at.iso8601),
                "class": .string("incident"),
                "group": .string(notice.incident.id),
                "custom_details": details(notice, extra: ["target": target, "reason": reason]),
            ]
            if let service = notice.incident.service { payload["component"] = .string(service) }
            var event: [String: JSONValue] = [
                "routing_key": .string(routingKey.value), "event_action": .string("trigger"),
                "dedup_key": .string(dedupKey(notice, target: target)), "payload": .object(payload),
                "client": .string("warroom"),
            ]
            if let url = settings.clientURL { event["client_url"] = .string(url) }
            if let link = notice.link { event["links"] = .array([.object(["href": .string(link), "text": .string("\(notice.incident.id) in warroom")])]) }
            return .send([destination.jsonRequest("POST", path: "/v2/enqueue", json: .object(event), key: destination.idempotencyKey(notice))])
        case .acknowledged(let target, _):
            return .send([try follow(notice, action: "acknowledge", target: target, destination: destination, settings: settings, part: nil)])
        case .statusChanged(.resolved):
            let targets = unique(notice.incident.pagedTargets)
            guard !targets.isEmpty else { return .skip(reason: "nobody was paged for \(notice.incident.id): nothing to resolve at PagerDuty") }
            var requests: [OutboundRequest] = []
            for target in targets {
                requests.append(try follow(notice, action: "resolve", target: target, destination: destination, settings: settings,
                                           part: targets.count > 1 ? target : nil))
            }
            return .send(requests)
        case .deploy(let summary):
            guard settings.changeEvents else { return .skip(reason: "change events are off for integrations.\(destination.name)") }
            return .send([try change(notice, summary: summary, destination: destination, settings: settings)])
        case .test:
            // A change event notifies nobody: the one harmless way to prove a routing key.
            return .send([try change(notice, summary: NoticeWording.headline(notice, destination: destination.name),
                                     destination: destination, settings: settings)])
        case .declared, .severityChanged, .statusUpdate, .statusChanged:
            return .skip(reason: "PagerDuty is told about pages, acknowledgements and the resolution only")
        }
    }

    /// `warroom:STORE:INCIDENT:TARGET`, hashed when over 255 characters.
    static func dedupKey(_ notice: OutboundNotice, target: String) -> String {
        IdempotencyKey.alert(storeIdentity: notice.storeIdentity, incidentID: notice.incident.id, target: target, limit: maxDedupKey)
    }

    static func key(_ settings: PagerDutySettings, target: String, destination: Destination) throws(OutboundError) -> Secret {
        guard let key = settings.routingKey(for: target) else {
            throw .missingRoutingKey(destination: destination.name, target: target, known: settings.routingKeys.keys.sorted())
        }
        return key
    }

    static func follow(_ notice: OutboundNotice, action: String, target: String, destination: Destination,
                       settings: PagerDutySettings, part: String?) throws(OutboundError) -> OutboundRequest {
        let routingKey = try key(settings, target: target, destination: destination)
        let event: JSONValue = .object(["routing_key": .string(routingKey.value), "event_action": .string(action),
                                        "dedup_key": .string(dedupKey(notice, target: target))])
        return destination.jsonRequest("POST", path: "/v2/enqueue", json: event, key: destination.idempotencyKey(notice, part: part))
    }

    static func change(_ notice: OutboundNotice, summary: String, destination: Destination,
                       settings: PagerDutySettings) throws(OutboundError) -> OutboundRequest {
        let routingKey = try key(settings, target: PagerDutySettings.defaultTarget, destination: destination)
        var event: [String: JSONValue] = [
            "routing_key": .string(routingKey.value),
            "payload": .object(["summary": .string(TextLimit.truncate(summary, toUTF16: maxSummary)),
                                "timestamp": .string(notice.at.iso8601),
                                "source": .string(notice.incident.service ?? "warroom"),
                                "custom_details": details(notice, extra: [:])]),
        ]
        if let link = notice.link { event["links"] = .array([.object(["href": .string(link), "text": .string("\(notice.incident.id) in warroom")])]) }
        return destination.jsonRequest("POST", path: "/v2/change/enqueue", json: .object(event), key: destination.idempotencyKey(notice))
    }

    static func details(_ notice: OutboundNotice, extra: [String: String]) -> JSONValue {
        var details: [String: JSONValue] = ["incident": .string(notice.incident.id), "title": .string(notice.incident.title),
                                            "severity": .string(notice.incident.severity.label), "status": .string(notice.incident.status.rawValue)]
        if let commander = notice.incident.commander { details["commander"] = .string(commander) }
        for (key, value) in extra { details[key] = .string(value) }
        return .object(details)
    }

    static func unique(_ targets: [String]) -> [String] {
        var seen = Set<String>()
        return targets.filter { seen.insert($0).inserted }
    }
}
