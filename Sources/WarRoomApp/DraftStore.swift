import Foundation
import WarRoomCore
import WarRoomStore

/// Unsent input, kept per store and incident under the state directory so that a closed
/// terminal, a signal or a quit never loses what the scribe was typing. Written atomically,
/// mode 0600.
///
/// Each war room keeps its own draft (`KEY-INC-1@SESSION.txt`), and holds an `flock` on a lock
/// file beside it for as long as it runs; the kernel drops that lock when the process ends, however
/// it ends. So two war rooms on the same incident never overwrite each other's text, and a new war
/// room offers only drafts whose war room has ended.
public struct DraftStore: Sendable {
    public let directory: String
    /// Distinguishes stores: two stores may both have an INC-1.
    let storeKey: String
    /// Keys earlier versions used for the same store: their drafts are claimed too.
    let formerStoreKeys: [String]

    /// The drafts of the store `store` identifies, under `stateDirectory/drafts`.
    public init(stateDirectory: String, store: StoreIdentity) {
        directory = (stateDirectory as NSString).appendingPathComponent("drafts")
        storeKey = Self.key(store.key)
        formerStoreKeys = store.formerKeys.map(Self.key).filter { $0 != Self.key(store.key) }
    }

    /// FNV-1a of a store's key: short, stable, and safe in a file name. For SQLite the key is the
    /// store's absolute path, which is what earlier versions hashed: their drafts keep their names.
    static func key(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return String(hash, radix: 16)
    }

    /// The start of every draft file name of `incident`: ASCII letters, digits and `-` as they are,
    /// any other byte as `%XX`, so two incident ids never share a name (`INC.1`, `INC_1`).
    func stem(_ incident: IncidentID) -> String { stem(incident, storeKey: storeKey) }

    private func stem(_ incident: IncidentID, storeKey: String) -> String {
        var safe = ""
        for byte in incident.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                safe.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                safe += String(format: "%%%02X", byte)
            }
        }
        return "\(storeKey)-\(safe)"
    }

    /// Starts this war room's draft for `incident`, claiming the drafts left by war rooms that have
    /// ended: they become this one's draft (several are joined, oldest first, one per line). Drafts
    /// of war rooms still running are theirs.
    public func open(_ incident: IncidentID) -> DraftSession {
        let session = DraftSession(directory: directory, stem: stem(incident))
        var ended: [(name: String, modified: Date)] = []
        let names = Set((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        // This store's drafts, and those an earlier version kept under another key for it (the path as typed).
        let stems = ([storeKey] + formerStoreKeys).map { stem(incident, storeKey: $0) }
        for name in names {
            guard let dot = name.lastIndex(of: ".") else { continue }
            let base = String(name[..<dot]), suffix = name[dot...]
            // `KEY-INC-1.txt` (one draft per incident, as earlier versions kept it) or `KEY-INC-1@….txt`.
            guard stems.contains(where: { base == $0 || base.hasPrefix($0 + "@") }), base != session.base else { continue }
            if suffix == ".txt" {
                let attributes = try? FileManager.default.attributesOfItem(atPath: path(name))
                ended.append((base, attributes?[.modificationDate] as? Date ?? .distantPast))
            } else if (suffix == ".lock" || suffix == ".tmp"), !names.contains(base + ".txt"),
                      let lock = FileLock(path: path(base + ".lock")) {
                // What a war room that ended before keeping any text, or mid-save, leaves behind.
                try? FileManager.default.removeItem(atPath: path(base + ".tmp"))
                lock.remove()
            }
        }
        var claimed: [(name: String, lock: FileLock, text: String)] = []
        for candidate in ended.sorted(by: { $0.modified < $1.modified }) {
            guard let lock = FileLock(path: path(candidate.name + ".lock")) else { continue } // its war room runs
            guard let data = FileManager.default.contents(atPath: path(candidate.name + ".txt")), !data.isEmpty else {
                try? FileManager.default.removeItem(atPath: path(candidate.name + ".txt"))
                lock.remove()
                continue
            }
            claimed.append((candidate.name, lock, String(decoding: data, as: UTF8.self)))
        }
        guard !claimed.isEmpty else { return session }
        let text = claimed.map(\.text).joined(separator: "\n")
        // Ours is written before theirs go: the text is on disk under one name or another throughout.
        guard session.save(text) else {
            claimed.forEach { $0.lock.release() } // left for the next start
            return session
        }
        session.restored = text
        session.restoredFrom = claimed.count
        for draft in claimed {
            try? FileManager.default.removeItem(atPath: path(draft.name + ".txt"))
            draft.lock.remove()
        }
        return session
    }

    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
}

/// One war room's draft: saved after every change, offered back by the next war room once this
/// one has ended.
public final class DraftSession {
    /// The drafts claimed from war rooms that ended, to offer back.
    public internal(set) var restored: String?
    /// How many ended war rooms' drafts `restored` joins.
    public internal(set) var restoredFrom = 0

    let directory: String
    /// This session's file name without extension.
    let base: String
    private var lock: FileLock?
    private var closed = false

    init(directory: String, stem: String) {
        self.directory = directory
        var bytes = (0..<6).map { _ in UInt8.random(in: 0...255) }
        bytes.append(contentsOf: withUnsafeBytes(of: getpid().bigEndian) { Array($0) })
        base = stem + "@" + bytes.map { String(format: "%02x", $0) }.joined()
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        lock = FileLock(path: path(".lock"))
    }

    func path(_ suffix: String) -> String { (directory as NSString).appendingPathComponent(base + suffix) }

    /// Why the last `save` failed (`No space left on device`), nil after one that worked.
    public private(set) var lastFailure: String?

    /// Saves `text` (an empty text removes the draft). Returns false when it could not be written,
    /// and says why in `lastFailure`.
    @discardableResult
    public func save(_ text: String) -> Bool {
        // Its lock is gone: another war room may claim it now.
        guard !closed else { return failed("the war room has ended") }
        let file = path(".txt")
        guard !text.isEmpty else {
            try? FileManager.default.removeItem(atPath: file)
            return FileManager.default.fileExists(atPath: file) ? failed("cannot remove \(file)") : succeeded()
        }
        if let problem = PrivateFile.makeDirectories(directory) { return failed(problem) }
        if lock == nil { lock = FileLock(path: path(".lock")) } // the directory may have been missing
        let temporary = path(".tmp")
        unlink(temporary)
        do {
            try PrivateFile.write(Data(text.utf8), to: temporary, replace: false)
        } catch {
            return failed(error.description)
        }
        guard rename(temporary, file) == 0 else {
            let reason = PrivateFile.describe(errno)
            unlink(temporary)
            return failed("cannot rename the draft: \(reason)")
        }
        return succeeded()
    }

    private func failed(_ reason: String) -> Bool {
        lastFailure = reason
        return false
    }

    private func succeeded() -> Bool {
        lastFailure = nil
        return true
    }

    /// The war room is leaving: its draft, if any, is now an ended war room's draft.
    public func close() {
        closed = true
        lock?.remove()
        lock = nil
    }

    deinit { close() }
}

/// An exclusive `flock` on a file, taken without waiting; the kernel releases it when the process
/// ends, however it ends.
final class FileLock {
    private var descriptor: Int32
    let path: String

    /// Nil when another process holds the lock (or the file cannot be opened).
    init?(path: String) {
        self.path = path
        descriptor = Foundation.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            Foundation.close(descriptor)
            return nil
        }
    }

    /// Lets go of the lock, leaving the file.
    func release() {
        guard descriptor >= 0 else { return }
        Foundation.close(descriptor)
        descriptor = -1
    }

    /// Removes the lock file, then lets go.
    func remove() {
        guard descriptor >= 0 else { return }
        unlink(path)
        release()
    }

    deinit { release() }
}
