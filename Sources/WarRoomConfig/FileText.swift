#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads small text files (themes, the config) without trapping on anything the file system does:
/// a missing file, a directory, a FIFO, a huge or non-UTF-8 file all come back as words.
enum FileText {
    /// The most a theme or config file may hold; anything larger is not one of ours.
    static let limit = 1 << 20

    enum Outcome {
        case text(String)
        case missing
        case problem(String)
    }

    /// Whether only the file's owner may read or write it (no group or other bits, as 0600).
    static func isPrivate(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & 0o077) == 0
    }

    /// Whether a regular file (or a link to one) exists at `path`.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether a directory (or a link to one) exists at `path`.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The file's text, `.missing` when nothing is there, or what went wrong. Opens without
    /// blocking (a FIFO in place of the file must not hang start-up) and checks what it opened.
    static func read(_ path: String) -> Outcome {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return .missing }
            return .problem("cannot open the file: \(describe(code))")
        }
        defer { _ = close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            return .problem("cannot read the file: \(describe(errno))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .problem("is not a regular file")
        }
        guard Int(info.st_size) <= limit else {
            return .problem("is too large (\(info.st_size) bytes; at most \(limit))")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .problem("cannot read the file: \(describe(errno))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { return .problem("is too large (at most \(limit) bytes)") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .problem("is not valid UTF-8 text")
        }
        return .text(text)
    }

    /// The names of the entries of a directory; empty when it cannot be listed.
    static func directoryEntries(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { _ = closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// `read(2)`, named apart from `FileText.read`.
@inline(__always)
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
