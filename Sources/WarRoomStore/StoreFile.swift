import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// File-system work done before SQLite is allowed near a file: where the store lives, creating its
/// directory and file with private permissions, and telling a store from a file it must not touch.
enum StoreFile {
    /// The first 16 bytes of every SQLite 3 database.
    static let sqliteMagic: [UInt8] = Array("SQLite format 3".utf8) + [0]

    /// What is at the store's path before anything is opened.
    enum Found: Equatable {
        /// Nothing: a new store is created.
        case missing
        /// An empty file: initialised like a new store.
        case empty
        /// An SQLite database; `applicationID` and `userVersion` as the main file's header says
        /// (the write-ahead log may hold newer values).
        case sqlite(applicationID: Int32, userVersion: Int32)
    }

    static func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// The directory part of `path` ("." for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// Creates `directory` and its missing parents with mode 0700 (existing ones are left alone).
    static func createDirectory(_ directory: String) throws {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw StoreError.cannotCreateDirectory(directory: directory, reason: "\(directory) is not a directory")
            }
            return
        }
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if stat(prefix, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else {
                    throw StoreError.cannotCreateDirectory(
                        directory: directory, reason: "\(prefix) exists and is not a directory")
                }
                continue
            }
            if mkdir(prefix, 0o700) == 0 {
                chmod(prefix, 0o700) // exactly 0700 whatever the umask
            } else if errno != EEXIST {
                let code = errno
                throw StoreError.cannotCreateDirectory(directory: directory, reason: "\(prefix): \(errnoText(code))")
            }
        }
    }

    /// Looks at `path` without letting SQLite open it: missing, empty, or SQLite with its header's
    /// application id and user version. Anything else is refused.
    static func inspect(_ path: String) throws -> Found {
        var info = stat()
        if stat(path, &info) != 0 {
            let code = errno
            if code == ENOENT { return .missing }
            throw StoreError.cannotOpen(path: path, reason: errnoText(code))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw StoreError.notAFile(path: path) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.cannotOpen(path: path, reason: errnoText()) }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 100)
        var count = 0
        while count < header.count {
            let n = header.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress.map { $0 + count }, buffer.count - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError.cannotOpen(path: path, reason: errnoText())
            }
            if n == 0 { break }
            count += n
        }
        if count == 0 { return .empty }
        guard count >= sqliteMagic.count, Array(header[0..<sqliteMagic.count]) == sqliteMagic else {
            throw StoreError.notSQLite(path: path)
        }
        guard count == header.count else {
            throw StoreError.unreadable(path: path, message: "the file is shorter than an SQLite header")
        }
        return .sqlite(applicationID: bigEndian32(header, at: 68), userVersion: bigEndian32(header, at: 60))
    }

    private static func bigEndian32(_ bytes: [UInt8], at offset: Int) -> Int32 {
        let value = UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
        return Int32(bitPattern: value)
    }

    /// Creates an empty store file with mode 0600. Returns false if it appeared meanwhile.
    static func createFile(_ path: String) throws -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            if code == EEXIST { return false }
            throw StoreError.cannotCreateFile(path: path, directory: directory(of: path), reason: errnoText(code))
        }
        fchmod(fd, 0o600) // exactly 0600 whatever the umask
        close(fd)
        return true
    }

    /// Size of the file at `path`, or nil when there is none.
    static func size(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// A `file:` URI for `path` with `query`, escaping what URIs reserve.
    static func uri(_ path: String, query: String) -> String {
        var absolute = path
        if !absolute.hasPrefix("/") {
            let cwd = FileManager.default.currentDirectoryPath
            absolute = (cwd.hasSuffix("/") ? cwd : cwd + "/") + path
        }
        var escaped = ""
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x21, 0x7F...:
                escaped += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            default:
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return "file://" + escaped + "?" + query
    }
}
