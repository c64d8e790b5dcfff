import Foundation
import Crypto
import WarRoomCore

/// The dedup keys, one per (alert episode, status).
///
/// Alertmanager and Grafana: `FORMAT|groupKey|fingerprint|startsAt|status`. Alertmanager re-sends
/// a still-firing group every `repeat_interval` and a sender retries a delivery it did not see
/// answered: both carry the same group, fingerprints and `startsAt`, so they map to recorded keys
/// (`.duplicate`). The resolution has another status, so it is recorded once too; the same alert
/// firing again later has a new `startsAt`, a new episode. A missing fingerprint is replaced by a
/// hash of the sorted labels, which is what Alertmanager's fingerprint identifies.
///
/// PagerDuty: `pagerduty|incident id|event type|event id`. PagerDuty retries one event with the
/// same `event.id`, and an incident is triggered once, so "triggered" is recorded once per incident;
/// a second `incident.resolved` after a reopen is a new event id, a new entry.
public enum DedupKey {
    /// The key of one Alertmanager or Grafana alert.
    public static func prometheusStyle(format: AlertFormat, groupKey: String, fingerprint: String,
                                       startsAt: Timestamp, status: AlertStatus) -> String {
        "\(format.rawValue)|\(bounded(groupKey))|\(bounded(fingerprint))|\(startsAt.iso8601)|\(status.rawValue)"
    }

    /// The key of one PagerDuty event.
    public static func pagerDuty(incidentID: String, eventType: String, eventID: String) -> String {
        "pagerduty|\(bounded(incidentID))|\(bounded(eventType))|\(bounded(eventID))"
    }

    /// A part longer than 256 UTF-8 bytes becomes `sha256:` and its hash, so keys stay short
    /// without two long group keys that share a prefix ever meeting.
    static func bounded(_ part: String) -> String {
        guard part.utf8.count > 256 else { return part }
        return "sha256:" + hex(SHA256.hash(data: Array(part.utf8)))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// The first 16 bytes of SHA-256 over `parts` joined by newlines: what the intake derives its
    /// event ids from (`alert entry` + store + key), so two deliveries of one alert, even decided
    /// by two servers at once, carry the same ids and the store keeps one.
    public static func idBytes(_ parts: [String]) -> [UInt8] {
        Array(SHA256.hash(data: Array(parts.joined(separator: "\n").utf8)).prefix(16))
    }

    /// A name-based UUID of `parts` (RFC 9562 version 8, SHA-256): the same parts give the same
    /// id in every process, so a retried or repeated write is recognised.
    public static func uuid(_ parts: [String]) -> UUID {
        var bytes = idBytes(parts)
        bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8: name-based, custom hash
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // the RFC variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// 16 hex digits of SHA-256 over `name=value` lines, for an alert that came without fingerprint.
    static func labelFingerprint(_ labels: [AlertLabel]) -> String {
        let text = labels.map { "\($0.name)=\($0.value)\n" }.joined()
        return hex(SHA256.hash(data: Array(text.utf8)).prefix(8))
    }
}
