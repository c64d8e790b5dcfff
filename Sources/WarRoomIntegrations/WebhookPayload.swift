import Crypto
import Foundation
import WarRoomCore

/// The generic webhook: the notice as stable JSON (format version 1), signed.
///
/// Body fields (keys sorted, compact, UTF-8):
/// - `version`: 1; a field is only ever added within a version.
/// - `event`: the `NoticeEvent` name (`declared`, `severity_changed`, `status_update`,
///   `status_changed`, `resolved`, `page`, `acknowledged`, `deploy`, `test`).
/// - `delivery`: the idempotency key (also the `Idempotency-Key` and `X-Warroom-Delivery` headers).
/// - `event_id`: the causing event's id in the store; `store`: the store's identity.
/// - `at`: when it happened, ISO 8601 UTC.
/// - `destination`: the `[integrations.NAME]` name.
/// - `link`: the incident's link, or null.
/// - `incident`: `id`, `title`, `severity` (`SEV1`…`SEV4`), `severity_name`, `status`,
///   `service` (or null), `commander` (or null), `paged_targets` (array).
/// - `details`: what the event says, by event: `severity_changed` {`from`, `to`};
///   `status_update` {`audience`, `text`}; `status_changed`/`resolved` {`to`}; `page` {`target`,
///   `reason`}; `acknowledged` {`target`, `by`}; `deploy` {`summary`}; others {}.
enum WebhookPayload {
    /// The format version in `version`.
    static let version = 1

    static func request(_ notice: OutboundNotice, destination: Destination, secret: Secret) -> OutboundRequest {
        let key = destination.idempotencyKey(notice)
        let body = document(notice, destination: destination, delivery: key).bytes
        let headers = [
            HTTPHeader("Content-Type", "application/json; charset=utf-8"),
            HTTPHeader("User-Agent", "warroom"),
            HTTPHeader("Idempotency-Key", key),
            HTTPHeader("X-Warroom-Delivery", key),
            HTTPHeader("X-Warroom-Event", notice.event.rawValue),
            // The event's time, not the attempt's: the request is the same on every retry, and the
            // signed body carries the same instant in `at`.
            HTTPHeader("X-Warroom-Timestamp", String(notice.at.millis / 1000)),
            HTTPHeader("X-Warroom-Signature", signature(body: body, secret: secret)),
        ]
        return OutboundRequest(method: "POST", url: destination.url, headers: headers, body: body,
                               idempotencyKey: key, type: .webhook, secrets: destination.secretValues)
    }

    /// `sha256=` and the lowercase hex HMAC-SHA256 of the exact body bytes, keyed with the
    /// secret's UTF-8 bytes.
    static func signature(body: [UInt8], secret: Secret) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.value.utf8)))
        return "sha256=" + code.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }

    static func document(_ notice: OutboundNotice, destination: Destination, delivery: String) -> JSONValue {
        let incident = notice.incident
        return .object([
            "version": .int(version),
            "event": .string(notice.event.rawValue),
            "delivery": .string(delivery),
            "event_id": .string(notice.eventID),
            "store": .string(notice.storeIdentity),
            "at": .string(notice.at.iso8601),
            "destination": .string(destination.name),
            "link": .optional(notice.link),
            "incident": .object([
                "id": .string(incident.id), "title": .string(incident.title),
                "severity": .string(incident.severity.label), "severity_name": .string(incident.severity.name),
                "status": .string(incident.status.rawValue), "service": .optional(incident.service),
                "commander": .optional(incident.commander), "paged_targets": .array(incident.pagedTargets.map(JSONValue.string)),
            ]),
            "details": details(notice.kind),
        ])
    }

    static func details(_ kind: OutboundNotice.Kind) -> JSONValue {
        switch kind {
        case .declared, .test: .object([:])
        case .severityChanged(let from, let to): .object(["from": .string(from.label), "to": .string(to.label)])
        case .statusUpdate(let audience, let text): .object(["audience": .string(audience.rawValue), "text": .string(text)])
        case .statusChanged(let to): .object(["to": .string(to.rawValue)])
        case .page(let target, let reason): .object(["target": .string(target), "reason": .string(reason)])
        case .acknowledged(let target, let by): .object(["target": .string(target), "by": .string(by)])
        case .deploy(let summary): .object(["summary": .string(summary)])
        }
    }
}
