import Foundation
import WarRoomCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Which store this is, whatever it was called: what drafts and update copies are kept under, so
/// that two names of one store share them and two stores never do.
public struct StoreIdentity: Hashable, Sendable, CustomStringConvertible {
    /// The same for every name of one store and different for every other store: an SQLite file's
    /// canonical absolute path (a PostgreSQL store's would be `postgresql://host:port/database`).
    public let key: String
    /// How messages name the store: the path as it was given.
    public let name: String
    /// Keys earlier versions kept drafts under for this store (the path as typed, when it is not
    /// already the canonical one), so that a draft saved before an upgrade is still offered.
    public let formerKeys: [String]
    /// The directory that holds the store on this host, when it is a file: update copies go in
    /// `updates/` beside it. Nil for a store on a server.
    public let localDirectory: String?

    /// An identity from its parts (a backend's own, or a test's).
    public init(key: String, name: String, formerKeys: [String] = [], localDirectory: String? = nil) {
        self.key = key
        self.name = name
        self.formerKeys = formerKeys.filter { $0 != key }
        self.localDirectory = localDirectory
    }

    /// The identity of the SQLite file at `path`: its key is the canonical absolute path (symbolic
    /// links resolved, when the file exists), and the path as typed, when absolute, is kept as a
    /// former key. A relative one is not: `w.db` named a different store in every directory, so a
    /// draft kept under it cannot be told apart from another store's, and is never offered.
    public static func sqlite(path: String) -> StoreIdentity {
        StoreIdentity(key: canonicalPath(path), name: path, formerKeys: path.hasPrefix("/") ? [path] : [],
                      localDirectory: (path as NSString).deletingLastPathComponent)
    }

    public var description: String { name }

    /// `path` absolute and without `.`, `..` or symbolic links (`realpath`); a path that does not
    /// resolve yet is made absolute and normalised as text.
    static func canonicalPath(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let absolute = path.hasPrefix("/") ? path : PathText.joined(FileManager.default.currentDirectoryPath, path)
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
