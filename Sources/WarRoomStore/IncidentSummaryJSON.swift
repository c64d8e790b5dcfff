import Foundation
import WarRoomCore

/// How an `IncidentSummary` is kept in `incident_summaries.body`: JSON with short keys, instants
/// in epoch milliseconds. `version` changes whenever a field is added or its meaning changes; a
/// body of another version (or one that does not read) counts as missing, so that incident is
/// folded again and its summary rewritten, never misread.
enum IncidentSummaryJSON {
    /// 2: `drill` (a drill is left out of the reports).
    static let version = 2

    private struct Item: Codable {
        var id: UUID, n: Int, text: String, owner: String, priority: ActionPriority, due: Int64, added: Int64
        var done: Int64?, entry: UUID?, status: ActionItemStatus, reason: String?
    }

    private struct Body: Codable {
        var v: Int
        var id: String, title: String, declared: Int64, severity: Int, status: IncidentStatus, service: String?
        var detected: Int64, impact: Int64?, ack: Int64?, mitigated: Int64?, resolved: Int64?, users: Double?, final: Int64?
        var items: [Item], factors: [String: String], causes: [String], fingerprints: [String], alerts: Bool, detection: [String]
        var drill: Bool
    }

    static func encode(_ summary: IncidentSummary) throws -> String {
        let body = Body(
            v: version, id: summary.id, title: summary.title, declared: summary.declaredAt.millis, severity: summary.severity.rawValue,
            status: summary.status, service: summary.service, detected: summary.detectedAt.millis,
            impact: summary.impactStartedAt?.millis, ack: summary.acknowledgedAt?.millis, mitigated: summary.mitigatedAt?.millis,
            resolved: summary.resolvedAt?.millis, users: summary.usersAffectedPercent, final: summary.postmortemFinalAt?.millis,
            items: summary.actionItems.map { item in
                Item(id: item.id, n: item.number, text: item.text, owner: item.owner, priority: item.priority, due: item.due.millis,
                     added: item.addedAt.millis, done: item.doneAt?.millis, entry: item.fromEntry, status: item.status,
                     reason: item.statusReason)
            },
            factors: Dictionary(uniqueKeysWithValues: summary.factors.map { ($0.key.rawValue, $0.value) }),
            causes: summary.causes, fingerprints: summary.fingerprints.sorted(), alerts: summary.hasAlerts,
            detection: summary.detectionAlertKeys.sorted(), drill: summary.isDrill)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }

    /// The summary, or nil when the body is of another version or does not read.
    static func decode(_ bytes: some Collection<UInt8>, decoder: JSONDecoder) -> IncidentSummary? {
        guard let body = try? decoder.decode(Body.self, from: Data(bytes)), body.v == version,
              let severity = Severity(rawValue: body.severity) else { return nil }
        var factors: [FactorLevel: String] = [:]
        for (key, text) in body.factors {
            guard let level = FactorLevel(rawValue: key) else { return nil }
            factors[level] = text
        }
        let items = body.items.map { item in
            var made = ActionItem(id: item.id, number: item.n, text: item.text, owner: item.owner, priority: item.priority,
                                  due: Timestamp(millis: item.due), addedAt: Timestamp(millis: item.added),
                                  doneAt: item.done.map(Timestamp.init(millis:)), fromEntry: item.entry)
            made.status = item.status
            made.statusReason = item.reason
            return made
        }
        return IncidentSummary(
            id: body.id, title: body.title, declaredAt: Timestamp(millis: body.declared), severity: severity, status: body.status,
            service: body.service, detectedAt: Timestamp(millis: body.detected), impactStartedAt: body.impact.map(Timestamp.init(millis:)),
            acknowledgedAt: body.ack.map(Timestamp.init(millis:)), mitigatedAt: body.mitigated.map(Timestamp.init(millis:)),
            resolvedAt: body.resolved.map(Timestamp.init(millis:)), usersAffectedPercent: body.users,
            postmortemFinalAt: body.final.map(Timestamp.init(millis:)), actionItems: items, factors: factors, causes: body.causes,
            fingerprints: Set(body.fingerprints), hasAlerts: body.alerts, detectionAlertKeys: Set(body.detection), isDrill: body.drill)
    }
}
