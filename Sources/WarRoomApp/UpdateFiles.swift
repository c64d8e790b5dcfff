import Foundation
import WarRoomCore

/// Copies of posted status updates, as files the IC can paste from or attach.
public enum UpdateFiles {
    /// Writes `text` to `<directory>/<INC>-<yyyymmddThhmmssZ>-<audience>.txt` (mode 0600) and
    /// returns the path, or nil when there is no directory or it cannot be written.
    @discardableResult
    public static func save(_ text: String, audience: Audience, incident: IncidentID, at: Timestamp,
                            directory: String?) -> String? {
        guard let directory else { return nil }
        let c = at.civil
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let stamp = "\(c.year)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
        let safe = String(incident.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
        let path = (directory as NSString).appendingPathComponent("\(safe)-\(stamp)-\(audience.rawValue).txt")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            return nil
        }
        let body = text.hasSuffix("\n") ? text : text + "\n"
        return FileManager.default.createFile(atPath: path, contents: Data(body.utf8), attributes: [.posixPermissions: 0o600])
            ? path : nil
    }
}
