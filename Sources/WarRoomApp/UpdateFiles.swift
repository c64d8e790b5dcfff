import Foundation
import WarRoomCore
import WarRoomStore

/// Copies of posted status updates, as files the IC can paste from or attach; and the naming of
/// every such file kept beside a store (the saved output of `warroom exec` too).
public enum UpdateFiles {
    /// Where copies of the updates of the store `store` identifies go: `updates/` beside a store
    /// file, else `updates/KEY` under `stateDirectory` (a store on a server has no folder here).
    /// Another `folder` (`outputs`) is placed the same way.
    public static func directory(for store: StoreIdentity, stateDirectory: String, folder: String = "updates") -> String {
        if let local = store.localDirectory {
            return (local as NSString).appendingPathComponent(folder)
        }
        return ((stateDirectory as NSString).appendingPathComponent(folder) as NSString)
            .appendingPathComponent(DraftStore.key(store.key))
    }

    /// `<INC>-<yyyymmddThhmmssZ>-<label>.<ext>`, with `-2`, `-3` … before the extension from the
    /// second attempt: the name of a file of `incident` made at `at`.
    public static func name(incident: IncidentID, at: Timestamp, label: String, extension ext: String, attempt: Int) -> String {
        let c = at.civil
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let stamp = "\(c.year)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
        let safe = String(incident.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
        return "\(safe)-\(stamp)-\(label)\(attempt == 1 ? "" : "-\(attempt)").\(ext)"
    }

    /// Writes `text` to `<directory>/<INC>-<yyyymmddThhmmssZ>-<audience>.txt` (mode 0600, never
    /// over an earlier copy: a second post in the same second gets `-2`) and returns the path, or
    /// nil when there is no directory or it cannot be written.
    @discardableResult
    public static func save(_ text: String, audience: Audience, incident: IncidentID, at: Timestamp,
                            directory: String?) -> String? {
        guard let directory else { return nil }
        let body = Data((text.hasSuffix("\n") ? text : text + "\n").utf8)
        do {
            let (descriptor, path) = try PrivateFile.createUnique(in: directory) { attempt in
                name(incident: incident, at: at, label: audience.rawValue, extension: "txt", attempt: attempt)
            }
            do throws(PrivateFile.Failure) { try PrivateFile.writeAll(body, to: descriptor, path: path) } catch {
                close(descriptor)
                unlink(path)
                return nil
            }
            guard close(descriptor) == 0 else {
                unlink(path)
                return nil
            }
            return path
        } catch {
            return nil
        }
    }
}
