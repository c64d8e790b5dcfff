import WarRoomCore

/// Atlassian Statuspage v1: the incident is created by the first customer update, then changed.
enum StatuspagePayload {
    /// An incident's `name`: at most 255 characters (Statuspage API v1, "Create an incident").
    static let maxName = 255

    /// Statuspage's lifecycle for a warroom one. `mitigating` is `identified`: the cause is
    /// known and a fix is being applied, while Statuspage's `monitoring` says a fix is already in
    /// place and being watched. `closed` is `resolved`: closing is internal bookkeeping (the
    /// post-mortem) after the customers were told it was resolved.
    static func status(_ status: IncidentStatus) -> String {
        switch status {
        case .investigating: "investigating"
        case .identified, .mitigating: "identified"
        case .monitoring: "monitoring"
        case .resolved, .closed: "resolved"
        }
    }

    static func plan(_ notice: OutboundNotice, destination: Destination, settings: StatuspageSettings,
                     incidentID: String?) -> OutboundPlan {
        let key = destination.idempotencyKey(notice)
        let pagePath = "/v1/pages/\(URLPath.encode(settings.pageID))"
        let auth = [HTTPHeader("Authorization", "OAuth \(settings.apiKey.value)")]
        if case .test = notice.kind {
            // Reading the page proves the key and the page id, and tells no subscriber anything.
            return .send([OutboundRequest(method: "GET", url: destination.url + pagePath,
                                          headers: [HTTPHeader("User-Agent", "warroom")] + auth, body: [],
                                          idempotencyKey: key, type: .statuspage, secrets: destination.secretValues)])
        }
        var incident: [String: JSONValue] = [
            "status": .string(status(notice.incident.status)),
            "deliver_notifications": .bool(settings.deliverNotifications),
        ]
        if let impact = settings.impactOverride[notice.incident.severity] { incident["impact_override"] = .string(impact) }
        if !settings.components.isEmpty {
            let resolved = !notice.incident.status.isActive
            incident["component_ids"] = .array(settings.components.keys.sorted().map(JSONValue.string))
            incident["components"] = .object(settings.components.mapValues { JSONValue.string(resolved ? "operational" : $0) })
        }
        switch notice.kind {
        case .statusUpdate(_, let text): incident["body"] = .string(text)
        case .statusChanged(let to):
            if to == .closed { return .skip(reason: "closing is internal: the status page incident was resolved already") }
            incident["status"] = .string(status(to))
            if to == .resolved { incident["body"] = .string("This incident has been resolved.") }
        case .severityChanged, .declared, .page, .acknowledged, .deploy, .test: break
        }
        guard let incidentID else {
            guard case .statusUpdate = notice.kind else {
                return .skip(reason: "no customer update has been posted yet: the status page incident starts with the first one")
            }
            incident["name"] = .string(TextLimit.truncate(notice.incident.title, toUTF16: maxName))
            return .send([destination.jsonRequest("POST", path: pagePath + "/incidents", json: .object(["incident": .object(incident)]),
                                                  key: key, extra: auth)])
        }
        return .send([destination.jsonRequest("PATCH", path: pagePath + "/incidents/\(URLPath.encode(incidentID))",
                                              json: .object(["incident": .object(incident)]), key: key, extra: auth)])
    }
}

/// Percent-encoding of one URL path segment (RFC 3986 unreserved characters kept).
enum URLPath {
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (byte < 16 ? "0" : "") + hex
            }
        }
        return out
    }
}
