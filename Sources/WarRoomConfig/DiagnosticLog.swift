import WarRoomCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends timestamped lines to `<directory>/warroom.log`, so problems found while the screen is up
/// (where stderr is not visible) can be read afterwards. Private to the user: the directory is
/// created 0700 and the file 0600. Never throws and never traps: a log that cannot be written is
/// skipped, because logging must not take the war room down.
public struct DiagnosticLog: Sendable {
    /// The folder holding the log.
    public let directory: String
    /// The log file itself.
    public var path: String { PathText.joined(directory, "warroom.log") }

    /// A log in `directory` (usually `Config.paths(environment:).state`); nothing is touched yet.
    public init(directory: String) { self.directory = directory }

    /// Appends `<timestamp> <line>`. Control characters in either are escaped so one call is one line.
    /// Returns whether the line was written; callers may ignore it.
    @discardableResult
    public func write(_ line: String, at timestamp: String) -> Bool {
        guard !directory.isEmpty, makeDirectories(directory) else { return false }
        let text = DiagnosticLog.oneLine(timestamp) + " " + DiagnosticLog.oneLine(line) + "\n"
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0o600)
        guard descriptor >= 0 else { return false }
        defer { _ = close(descriptor) }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            if written == 0 { return false }
            offset += written
        }
        return true
    }

    /// Appends each diagnostic as a line.
    @discardableResult
    public func write(_ diagnostics: [Diagnostic], at timestamp: String) -> Bool {
        diagnostics.reduce(true) { ok, diagnostic in write(diagnostic.description, at: timestamp) && ok }
    }

    /// The text with line breaks and other control characters shown as escapes.
    static func oneLine(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// `mkdir -p` with mode 0700 for every folder it creates; true when the folder exists at the end.
    private func makeDirectories(_ path: String) -> Bool {
        var info = stat()
        if stat(path, &info) == 0 { return (info.st_mode & S_IFMT) == S_IFDIR }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if stat(prefix, &info) != 0 {
                if mkdir(prefix, 0o700) != 0 && errno != EEXIST { return false }
            }
            prefix += "/"
        }
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

/// `write(2)`, named apart from `DiagnosticLog.write`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
