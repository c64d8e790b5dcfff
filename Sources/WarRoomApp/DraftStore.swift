import Foundation
import WarRoomCore

/// Unsent input, kept per store and incident under the state directory so that a closed
/// terminal, a signal or a quit never loses what the scribe was typing. Written atomically,
/// mode 0600.
public struct DraftStore: Sendable {
    public let directory: String
    /// Distinguishes stores: two stores may both have an INC-1.
    let storeKey: String

    public init(stateDirectory: String, storePath: String) {
        directory = (stateDirectory as NSString).appendingPathComponent("drafts")
        // FNV-1a of the store's path: short, stable, and safe in a file name.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in storePath.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        storeKey = String(hash, radix: 16)
    }

    func path(_ incident: IncidentID) -> String {
        let safe = incident.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
        return (directory as NSString).appendingPathComponent("\(storeKey)-\(String(safe)).txt")
    }

    /// The draft left for `incident`, if any.
    public func load(_ incident: IncidentID) -> String? {
        guard let data = FileManager.default.contents(atPath: path(incident)), !data.isEmpty else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Saves `text` (an empty text removes the draft). Returns false when it could not be written.
    @discardableResult
    public func save(_ text: String, for incident: IncidentID) -> Bool {
        let file = path(incident)
        guard !text.isEmpty else {
            try? FileManager.default.removeItem(atPath: file)
            return true
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let temporary = file + ".\(getpid()).tmp"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8),
                                                 attributes: [.posixPermissions: 0o600]) else { return false }
            guard rename(temporary, file) == 0 else { return false }
            return true
        } catch {
            return false
        }
    }
}
