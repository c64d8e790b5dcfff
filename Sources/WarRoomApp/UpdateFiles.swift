import Foundation
import WarRoomCore
import WarRoomStore

/// Copies of posted status updates, as files the IC can paste from or attach.
public enum UpdateFiles {
    /// Where copies of the updates of the store `store` identifies go: `updates/` beside a store
    /// file, else `updates/KEY` under `stateDirectory` (a store on a server has no folder here).
    public static func directory(for store: StoreIdentity, stateDirectory: String) -> String {
        if let local = store.localDirectory {
            return (local as NSString).appendingPathComponent("updates")
        }
        return ((stateDirectory as NSString).appendingPathComponent("updates") as NSString)
            .appendingPathComponent(DraftStore.key(store.key))
    }

    /// Writes `text` to `<directory>/<INC>-<yyyymmddThhmmssZ>-<audience>.txt` (mode 0600, never
    /// over an earlier copy: a second post in the same second gets `-2`) and returns the path, or
    /// nil when there is no directory or it cannot be written.
    @discardableResult
    public static func save(_ text: String, audience: Audience, incident: IncidentID, at: Timestamp,
                            directory: String?) -> String? {
        guard let directory else { return nil }
        let c = at.civil
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let stamp = "\(c.year)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
        let safe = String(incident.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            return nil
        }
        let body = Data((text.hasSuffix("\n") ? text : text + "\n").utf8)
        for attempt in 1...100 {
            let name = "\(safe)-\(stamp)-\(audience.rawValue)\(attempt == 1 ? "" : "-\(attempt)").txt"
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                try PrivateFile.write(body, to: path, replace: false)
                return path
            } catch where error.exists {
                continue
            } catch {
                return nil
            }
        }
        return nil
    }
}
