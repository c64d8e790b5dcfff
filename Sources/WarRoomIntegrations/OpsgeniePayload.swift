import WarRoomCore

/// Opsgenie's alert API (v2): create on a page, acknowledge and close by alias.
enum OpsgeniePayload {
    // Limits from docs.opsgenie.com, "Alert API" › Create alert.
    /// `message`: at most 130 characters.
    static let maxMessage = 130
    /// `alias`: at most 512 characters.
    static let maxAlias = 512
    /// `description`: at most 15,000 characters.
    static let maxDescription = 15_000
    /// `user` and `source`: at most 100 characters.
    static let maxUser = 100
    /// `note`: at most 25,000 characters.
    static let maxNote = 25_000

    static func plan(_ notice: OutboundNotice, destination: Destination, settings: OpsgenieSettings) -> OutboundPlan {
        let auth = [HTTPHeader("Authorization", "GenieKey \(settings.apiKey.value)")]
        switch notice.kind {
        case .page(let target, let reason):
            var alert = create(notice, destination: destination, target: target,
                               priority: settings.priorities[notice.incident.severity] ?? "P3")
            alert["description"] = .string(TextLimit.truncate(reason.isEmpty ? NoticeWording.body(notice, destination: destination.name) : reason,
                                                              toUTF16: maxDescription))
            return .send([destination.jsonRequest("POST", path: "/v2/alerts", json: .object(alert), key: destination.idempotencyKey(notice), extra: auth)])
        case .test:
            // P5 (informational) and its own alias: proves the key; routing rules decide who sees it.
            var alert = create(notice, destination: destination, target: "test-\(notice.eventID)", priority: "P5")
            alert["description"] = .string(NoticeWording.body(notice, destination: destination.name))
            return .send([destination.jsonRequest("POST", path: "/v2/alerts", json: .object(alert), key: destination.idempotencyKey(notice), extra: auth)])
        case .acknowledged(let target, let by):
            let body: JSONValue = .object(["user": .string(TextLimit.truncate(by, toUTF16: maxUser)), "source": .string("warroom"),
                                           "note": .string(TextLimit.truncate(NoticeWording.body(notice, destination: destination.name), toUTF16: maxNote))])
            return .send([action(notice, "acknowledge", target: target, body: body, destination: destination, auth: auth, part: nil)])
        case .statusChanged(.resolved):
            let targets = PagerDutyPayload.unique(notice.incident.pagedTargets)
            guard !targets.isEmpty else { return .skip(reason: "nobody was paged for \(notice.incident.id): no Opsgenie alert to close") }
            let body: JSONValue = .object(["source": .string("warroom"), "note": .string("\(notice.incident.id) resolved at \(notice.at.iso8601).")])
            return .send(targets.map { action(notice, "close", target: $0, body: body, destination: destination, auth: auth,
                                              part: targets.count > 1 ? $0 : nil) })
        case .declared, .severityChanged, .statusUpdate, .statusChanged, .deploy:
            return .skip(reason: "Opsgenie is told about pages, acknowledgements and the resolution only")
        }
    }

    /// The alias: `warroom:STORE:INCIDENT:TARGET`, hashed when over 512 characters.
    static func alias(_ notice: OutboundNotice, target: String) -> String {
        IdempotencyKey.alert(storeIdentity: notice.storeIdentity, incidentID: notice.incident.id, target: target, limit: maxAlias)
    }

    static func create(_ notice: OutboundNotice, destination: Destination, target: String, priority: String) -> [String: JSONValue] {
        var details: [String: JSONValue] = ["incident": .string(notice.incident.id), "severity": .string(notice.incident.severity.label),
                                            "status": .string(notice.incident.status.rawValue), "target": .string(target)]
        if let commander = notice.incident.commander { details["commander"] = .string(commander) }
        if let link = notice.link { details["link"] = .string(link) }
        var alert: [String: JSONValue] = [
            "message": .string(TextLimit.truncate(NoticeWording.headline(notice, destination: destination.name), toUTF16: maxMessage)),
            "alias": .string(alias(notice, target: target)),
            "priority": .string(priority),
            "source": .string("warroom"),
            "tags": .array([.string("warroom"), .string(TextLimit.truncate(notice.incident.id, toUTF16: 50)), .string(notice.incident.severity.label)]),
            "details": .object(details),
        ]
        if let service = notice.incident.service { alert["entity"] = .string(TextLimit.truncate(service, toUTF16: maxAlias)) }
        return alert
    }

    static func action(_ notice: OutboundNotice, _ verb: String, target: String, body: JSONValue, destination: Destination,
                       auth: [HTTPHeader], part: String?) -> OutboundRequest {
        destination.jsonRequest("POST", path: "/v2/alerts/\(URLPath.encode(alias(notice, target: target)))/\(verb)?identifierType=alias",
                                json: body, key: destination.idempotencyKey(notice, part: part), extra: auth)
    }
}
