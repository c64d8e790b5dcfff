import Foundation
import WarRoomAlerts
import WarRoomCore

/// What the intake did with one alert.
public enum AlertOutcome: Equatable, Sendable {
    /// A finding recorded on an incident already open (`detection`: tagged detection).
    case attached(IncidentID, detection: Bool)
    /// The resolution recorded as a finding on the incident.
    case resolved(IncidentID)
    /// A new incident declared at this level, the finding as its first entry.
    case declared(IncidentID, Severity)
    /// Already recorded (on this incident, when known): nothing written.
    case duplicate(IncidentID?)
    /// Listed in the store's proposal inbox for the IC to accept or dismiss: a new proposal
    /// (`P3`) at this level, or joined to an open one for its service (`joined`).
    case proposed(String, Severity, joined: Bool)
    /// Already in the proposal inbox (`P3`): nothing written.
    case duplicateProposal(String)
    /// Nothing recorded, for this reason (the policy ignores its severity, it matches no open incident).
    case ignored(String)
    /// Refused by the rules (a time out of range, say): nothing recorded; a retry would be refused again.
    case refused(String)
    /// The store failed: nothing of this alert was written (the sender retries).
    case failed(String)

    /// True when this alert's record is in the store (written now, or already there).
    public var isRecorded: Bool {
        switch self {
        case .attached, .resolved, .declared, .duplicate, .proposed, .duplicateProposal: true
        case .ignored, .refused, .failed: false
        }
    }

    /// `declared INC-3 (SEV2)`, `duplicate of INC-3`, `proposed as P2 (SEV3)`…
    public var summary: String {
        switch self {
        case .attached(let id, let detection): "attached to \(id)" + (detection ? " as detection" : "")
        case .resolved(let id): "resolution recorded on \(id)"
        case .declared(let id, let level): "declared \(id) (\(level.label))"
        case .duplicate(let id): "duplicate" + (id.map { " (already on \($0))" } ?? "") + ", nothing recorded"
        case .proposed(let label, let level, let joined):
            joined ? "joined proposal \(label) (\(level.label)), waiting for the IC"
                : "proposed as \(label) (\(level.label)), waiting for the IC to accept or dismiss it"
        case .duplicateProposal(let label): "duplicate (already in proposal \(label)), nothing recorded"
        case .ignored(let reason): "ignored: \(reason)"
        case .refused(let reason): "refused: \(reason)"
        case .failed(let reason): "not recorded: \(reason)"
        }
    }

    /// The one-word action of the JSON answer.
    var action: String {
        switch self {
        case .attached: "attached"
        case .resolved: "resolved"
        case .declared: "declared"
        case .duplicate: "duplicate"
        case .proposed: "proposed"
        case .duplicateProposal: "duplicate"
        case .ignored: "ignored"
        case .refused: "refused"
        case .failed: "failed"
        }
    }

    var incident: IncidentID? {
        switch self {
        case .attached(let id, _), .resolved(let id), .declared(let id, _): id
        case .duplicate(let id): id
        case .proposed, .duplicateProposal, .ignored, .refused, .failed: nil
        }
    }

    /// The proposal (`P3`) that holds the alert, if one does.
    var proposal: String? {
        switch self {
        case .proposed(let label, _, _), .duplicateProposal(let label): label
        default: nil
        }
    }
}

/// One alert of a payload and what became of it.
public struct AlertReport: Equatable, Sendable {
    /// The alert's name (`alertname`, the PagerDuty title): the sender's text, unsanitized.
    public var name: String
    /// Its service, if any.
    public var service: String?
    /// Firing, resolved or updated.
    public var status: AlertStatus
    /// What was done.
    public var outcome: AlertOutcome
}

/// The intake's answer to one delivery: the HTTP status (2xx only once every event is durable),
/// a short JSON body for the sender, and what was done per alert (for the server's log line and
/// `alerts ingest`).
public struct IntakeAnswer: Equatable, Sendable {
    /// 200 recorded (a proposal included, or nothing to record), 400 malformed,
    /// 401 unsigned or badly signed, 404 unknown path, 405 not POST, 413 too large, 422 refused by
    /// the rules, 500 a store failure a retry will not cure, 503 the store cannot be reached or is busy.
    public var status: Int
    /// One sentence: what happened, or what was wrong; never a secret.
    public var message: String
    /// Per alert, in payload order (empty when the request was refused before parsing).
    public var alerts: [AlertReport]
    /// Extra response headers (`Retry-After` on a 503, `Allow` on a 405).
    public var headers: [(name: String, value: String)] = []

    public static func == (lhs: IntakeAnswer, rhs: IntakeAnswer) -> Bool {
        lhs.status == rhs.status && lhs.message == rhs.message && lhs.alerts == rhs.alerts
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    /// A refusal before any alert was looked at.
    static func refusal(_ status: Int, _ message: String) -> IntakeAnswer {
        IntakeAnswer(status: status, message: message, alerts: [])
    }

    /// True for a 2xx answer.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body sent back: `{"status":200,"message":"…","alerts":[{"alert":…,"action":…,"incident":…}]}`,
    /// keys sorted.
    public var jsonBody: [UInt8] {
        struct Item: Encodable {
            var alert: String
            var service: String?
            var status: String
            var action: String
            var incident: String?
            var proposal: String?
            var detail: String
        }
        struct Body: Encodable {
            var status: Int
            var message: String
            var alerts: [Item]
        }
        let body = Body(status: status, message: message, alerts: alerts.map {
            Item(alert: $0.name, service: $0.service, status: $0.status.rawValue, action: $0.outcome.action,
                 incident: $0.outcome.incident, proposal: $0.outcome.proposal, detail: $0.outcome.summary)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(body)) ?? Data("{\"status\":\(status)}".utf8)) + [UInt8(ascii: "\n")]
    }

    /// One line for the server's log: `200 2 alerts: INC-3 declared …; …` (the caller sanitizes it).
    public var logLine: String {
        guard !alerts.isEmpty else { return "\(status) \(message)" }
        let parts = alerts.map { report in
            AlertEntryText.oneLine(report.name, limit: 60) + (report.service.map { " on " + AlertEntryText.oneLine($0, limit: 40) } ?? "")
                + " (\(report.status.rawValue)): \(report.outcome.summary)"
        }
        return "\(status) \(alerts.count == 1 ? "1 alert" : "\(alerts.count) alerts"): " + parts.joined(separator: "; ")
    }
}
