import Crypto
import Foundation

/// The keys that make a retried request harmless.
public enum IdempotencyKey {
    /// A delivery's key: `wr1-` and 64 hex digits of SHA-256 over (store identity, incident,
    /// destination name, causing event id, and the part when one event makes several requests),
    /// each length-prefixed so no two different tuples hash the same text. Nothing else goes in,
    /// so every retry, in any process, carries the same key.
    public static func delivery(storeIdentity: String, incidentID: String, destination: String,
                                eventID: String, part: String? = nil) -> String {
        var fields = [storeIdentity, incidentID, destination, eventID]
        if let part { fields.append(part) }
        return "wr1-" + hexSHA256(fields.map { "\($0.utf8.count):\($0)" }.joined())
    }

    /// The alert's identity at PagerDuty (`dedup_key`) and Opsgenie (`alias`): trigger,
    /// acknowledge and resolve of one page share it. `warroom:STORE:INCIDENT:TARGET` when that
    /// fits `limit` UTF-8 bytes, else `warroom:sha256:` and the hash of that text (still stable,
    /// and unique per page). STORE is `storeTag`: a store's identity may be a file path, which
    /// names a user and a machine and has no business at a vendor.
    public static func alert(storeIdentity: String, incidentID: String, target: String, limit: Int) -> String {
        let plain = "warroom:\(storeTag(storeIdentity)):\(incidentID):\(target)"
        if plain.utf8.count <= limit { return plain }
        return "warroom:sha256:" + hexSHA256(plain)
    }

    /// 16 hex digits of SHA-256 of the store's identity: the same store, the same tag.
    public static func storeTag(_ storeIdentity: String) -> String { String(hexSHA256(storeIdentity).prefix(16)) }

    /// Lowercase hex of SHA-256 of the text's UTF-8.
    static func hexSHA256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
