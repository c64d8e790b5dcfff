import WarRoomCore

/// What Alertmanager (version 4) and Grafana Alerting (version 1) share: a group with a
/// `groupKey`, `status` and `alerts[]` each carrying `status`, `labels`, `annotations`, `startsAt`,
/// `endsAt`, `generatorURL` and `fingerprint`.
enum PrometheusStylePayload {
    /// The group-level fields both formats fall back on.
    struct Group {
        var groupKey: String
        var commonLabels: [String: String]
        var commonAnnotations: [String: String]
        var title: String?
    }

    /// Reads `alerts[]` of a root already checked for its format's version.
    static func alerts(in root: JSONValue, format: AlertFormat, limits: AlertLimits, legacyHint: String = "")
        throws(AlertParseError) -> [InboundAlert] {
        let groupKey = try root.required("groupKey", hint: "the group this notification is for" + legacyHint).string()
        _ = try status(root.required("status"))
        let group = Group(groupKey: groupKey,
                          commonLabels: try root.optionalStringMap("commonLabels"),
                          commonAnnotations: try root.optionalStringMap("commonAnnotations"),
                          title: format == .grafana ? try root.optionalString("title") : nil)
        _ = try root.optionalString("receiver")
        _ = try root.optionalString("externalURL")
        _ = try root.optionalStringMap("groupLabels")
        let list = try root.required("alerts", hint: "an array of alerts" + legacyHint).array()
        guard list.count <= limits.maxAlerts else { throw .tooManyAlerts(count: list.count, limit: limits.maxAlerts) }
        var alerts: [InboundAlert] = []
        alerts.reserveCapacity(list.count)
        for item in list { alerts.append(try alert(item, group: group, format: format, limits: limits)) }
        return alerts
    }

    private static func status(_ value: JSONValue) throws(AlertParseError) -> AlertStatus {
        let text = try value.string()
        switch text.lowercased() {
        case "firing": return .firing
        case "resolved": return .resolved
        default: throw .badValue(path: value.path, value: String(text.prefix(64)), accepted: "'firing' or 'resolved'")
        }
    }

    private static func alert(_ item: JSONValue, group: Group, format: AlertFormat, limits: AlertLimits)
        throws(AlertParseError) -> InboundAlert {
        _ = try item.object()
        let status = try status(item.required("status"))
        let labelMap = try item.required("labels", hint: "the alert's labels, with alertname").stringMap()
        let annotations = try item.optionalStringMap("annotations")
        let startsValue = try item.required("startsAt", hint: "when the alert started")
        guard let startsAt = try RFC3339.parse(startsValue.string(), path: startsValue.path) else {
            throw .badValue(path: startsValue.path, value: RFC3339.unset, accepted: "the time the alert started")
        }
        let endsValue = try item.member("endsAt")
        let endsAt = try endsValue.flatMap { v throws(AlertParseError) in try RFC3339.parse(v.string(), path: v.path) }
        let generatorURL = try item.optionalString("generatorURL")
        let allLabels = labelMap.map { AlertLabel(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
        let fingerprint = try item.optionalString("fingerprint").flatMap { $0.isEmpty ? nil : $0 }
            ?? DedupKey.labelFingerprint(allLabels)
        var summary = annotations["summary"] ?? group.commonAnnotations["summary"]
        var description = annotations["description"] ?? group.commonAnnotations["description"]
        var dashboardURL: String?
        if format == .grafana {
            let valueString = try item.optionalString("valueString")
            _ = try item.optionalString("silenceURL")
            let dashboard = try item.optionalString("dashboardURL").flatMap { $0.isEmpty ? nil : $0 }
            let panel = try item.optionalString("panelURL").flatMap { $0.isEmpty ? nil : $0 }
            dashboardURL = dashboard ?? panel
            summary = summary ?? group.title
            description = description ?? valueString.flatMap { $0.isEmpty ? nil : $0 }
        }
        let service = InboundAlert.serviceLabels.lazy.compactMap { labelMap[$0] ?? group.commonLabels[$0] }
            .first { !$0.isEmpty }
        let cap = limits.capped
        return InboundAlert(
            format: format,
            dedupKey: DedupKey.prometheusStyle(format: format, groupKey: group.groupKey, fingerprint: fingerprint,
                                               startsAt: startsAt, status: status),
            groupKey: cap(group.groupKey), status: status,
            name: cap(labelMap["alertname"].flatMap { $0.isEmpty ? nil : $0 } ?? "unnamed alert"),
            service: service.map(cap), severityLabel: (labelMap["severity"] ?? group.commonLabels["severity"]).map { cap($0.lowercased()) },
            summary: summary.map(cap), description: description.map(cap),
            startsAt: startsAt, endsAt: endsAt, generatorURL: generatorURL.flatMap { $0.isEmpty ? nil : cap($0) },
            runbookURL: (annotations["runbook_url"] ?? group.commonAnnotations["runbook_url"]).flatMap { $0.isEmpty ? nil : cap($0) },
            dashboardURL: dashboardURL.map(cap),
            labels: allLabels.prefix(limits.maxLabels).map { AlertLabel(name: cap($0.name), value: cap($0.value)) })
    }
}

/// Prometheus Alertmanager `webhook_configs` payloads, version 4.
enum AlertmanagerPayload {
    /// The only payload version Alertmanager has sent since 0.x, and the one read here.
    static let version = "4"

    static func alerts(in root: JSONValue, limits: AlertLimits) throws(AlertParseError) -> [InboundAlert] {
        let found = try root.required("version", hint: "Alertmanager sends \"4\"").string()
        guard found == version else {
            throw .unsupportedVersion(format: .alertmanager, found: String(found.prefix(32)), accepted: "\"4\"")
        }
        _ = try root.member("truncatedAlerts")
        return try PrometheusStylePayload.alerts(in: root, format: .alertmanager, limits: limits)
    }
}

/// Grafana Alerting (unified alerting) webhook contact point payloads, version 1.
enum GrafanaPayload {
    /// The version of Grafana's unified-alerting webhook payload.
    static let version = "1"

    static func alerts(in root: JSONValue, limits: AlertLimits) throws(AlertParseError) -> [InboundAlert] {
        // Legacy (pre-9) Grafana alerting posted `ruleName`/`evalMatches` and no `alerts`: name it,
        // since "alerts is missing" alone would puzzle whoever configured it.
        let ruleName = try root.member("ruleName")
        let evalMatches = try root.member("evalMatches")
        let legacy = ruleName != nil || evalMatches != nil
        if let found = try root.member("version") {
            let text = try found.string()
            guard text == version else {
                throw .unsupportedVersion(format: .grafana, found: String(text.prefix(32)), accepted: "\"1\" (unified alerting)")
            }
        }
        _ = try root.optionalString("state")
        _ = try root.optionalString("message")
        return try PrometheusStylePayload.alerts(
            in: root, format: .grafana, limits: limits,
            legacyHint: legacy ? "; this looks like legacy Grafana alerting, which is not supported: use a unified alerting webhook contact point" : "")
    }
}
