import Foundation
import WarRoomCore

/// PagerDuty V3 webhook payloads: `{"event": {id, event_type, resource_type, occurred_at, agent,
/// client, data}}`, one event per delivery. Incident events become one alert each; other events
/// (`service.updated`, the `pagey.ping` test event) carry no alert and parse to none.
enum PagerDutyPayload {
    /// Event types that start an alert episode; `incident.resolved` ends it; every other
    /// `incident.*` event is an update.
    static let firingEvents: Set<String> = ["incident.triggered", "incident.reopened"]

    static func alerts(in root: JSONValue, limits: AlertLimits) throws(AlertParseError) -> [InboundAlert] {
        let event = try root.required("event", hint: "a PagerDuty V3 webhook carries one event object")
        _ = try event.object()
        let eventID = try event.required("id").string()
        let eventType = try event.required("event_type", hint: "such as incident.triggered").string()
        let resourceType = try event.optionalString("resource_type")
        let occurredValue = try event.required("occurred_at")
        guard let occurredAt = try RFC3339.parse(occurredValue.string(), path: occurredValue.path) else {
            throw .badValue(path: occurredValue.path, value: RFC3339.unset, accepted: "the time the event occurred")
        }
        _ = try event.member("agent").map { v throws(AlertParseError) in try v.object() }
        _ = try event.member("client").map { v throws(AlertParseError) in try v.object() }
        guard eventType.hasPrefix("incident."), resourceType == nil || resourceType == "incident" else { return [] }
        let data = try event.required("data", hint: "the incident this event is about")
        let dataType = try data.optionalString("type")
        // Incident events carry the incident itself; note, responder and status-update events
        // carry a reference to it under `incident`.
        let incident = dataType == "incident" || dataType == nil ? data : try data.required("incident")
        let incidentID = try incident.required("id").string()
        let fullTitle = try incident.optionalString("title")
        let referenceTitle = try incident.optionalString("summary")
        let title = fullTitle ?? referenceTitle
        let number = try incident.member("number").map(numberText)
        let service = try incident.member("service")
        let serviceName = try service?.optionalString("summary")
        let serviceID = try service?.optionalString("id")
        let priority = try incident.member("priority")?.optionalString("summary")
        let urgency = try incident.optionalString("urgency")
        let incidentKey = try incident.optionalString("incident_key")
        let createdValue = try incident.member("created_at")
        let createdAt = try createdValue.flatMap { v throws(AlertParseError) in try RFC3339.parse(v.string(), path: v.path) }
        let htmlURL = try incident.optionalString("html_url")
        let detail: String? = switch dataType {
        case "incident_note": try data.optionalString("content")
        case "incident_status_update", "incident_responder": try data.optionalString("message")
        default: nil
        }
        let status: AlertStatus = firingEvents.contains(eventType) ? .firing : eventType == "incident.resolved" ? .resolved : .updated
        var labels: [AlertLabel] = [AlertLabel(name: "event_type", value: eventType)]
        if let number { labels.append(AlertLabel(name: "incident_number", value: number)) }
        if let incidentKey { labels.append(AlertLabel(name: "incident_key", value: incidentKey)) }
        if let priority { labels.append(AlertLabel(name: "priority", value: priority)) }
        if let serviceID { labels.append(AlertLabel(name: "service_id", value: serviceID)) }
        if let urgency { labels.append(AlertLabel(name: "urgency", value: urgency)) }
        let cap = limits.capped
        return [InboundAlert(
            format: .pagerduty,
            dedupKey: DedupKey.pagerDuty(incidentID: incidentID, eventType: eventType, eventID: eventID),
            groupKey: cap(incidentID), status: status,
            name: cap(title.flatMap { $0.isEmpty ? nil : $0 } ?? "PagerDuty incident \(number ?? incidentID)"),
            service: serviceName.flatMap { $0.isEmpty ? nil : cap($0) },
            severityLabel: (priority ?? urgency).map { cap($0.lowercased()) },
            summary: title.map(cap), description: detail.map(cap),
            startsAt: createdAt ?? occurredAt, endsAt: status == .resolved ? occurredAt : nil,
            generatorURL: htmlURL.flatMap { $0.isEmpty ? nil : cap($0) }, runbookURL: nil,
            labels: labels.sorted { $0.name < $1.name }.prefix(limits.maxLabels)
                .map { AlertLabel(name: $0.name, value: cap($0.value)) })]
    }

    /// An incident number as text: a whole number, or the error naming its path.
    private static func numberText(_ value: JSONValue) throws(AlertParseError) -> String {
        if let number = value.value as? NSNumber, type(of: value.value) != Bool.self,
           let whole = Int64(exactly: number.doubleValue) {
            return String(whole)
        }
        throw .wrongType(path: value.path, expected: "a whole number", found: JSONValue.kind(of: value.value))
    }
}
