import Foundation

/// Writes the files warroom fills with incident data (exports, update copies) readable by their
/// owner only, as the store is: a new file is created mode 0600, and an existing one is never
/// replaced unless asked, in which case it keeps its mode (the caller can warn about it).
public enum PrivateFile {
    /// Why a file was not written, for the person at the terminal.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        /// The file existed and `replace` was not given.
        public var exists = false
    }

    /// Writes `data` to `path`. Returns the mode the file kept when an existing regular file was
    /// replaced, nil when the file is new (or not a regular file, such as `/dev/stdout`).
    @discardableResult
    public static func write(_ data: Data, to path: String, replace: Bool) throws(Failure) -> mode_t? {
        guard !path.isEmpty else { throw Failure(description: "the file name is empty") }
        var existing = stat()
        guard lstat(path, &existing) == 0 else {
            let descriptor = try create(path)
            do throws(Failure) { try writeAll(data, to: descriptor, path: path) } catch { close(descriptor); unlink(path); throw error }
            guard close(descriptor) == 0 else {
                let code = errno
                unlink(path)
                throw Failure(description: "cannot write \(path): \(describe(code))")
            }
            return nil
        }
        guard replace else {
            throw Failure(description: "\(path) exists (--force replaces it, keeping its mode)", exists: true)
        }
        guard existing.st_mode & S_IFMT == S_IFREG else {
            // A device or a pipe (`-o /dev/stdout`): written in place.
            let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
            guard descriptor >= 0 else { throw Failure(description: "cannot open \(path): \(describe(errno))") }
            defer { close(descriptor) }
            try writeAll(data, to: descriptor, path: path)
            return nil
        }
        // The new text goes to a temporary file beside it first: a full disk leaves the old file whole.
        let directory = (path as NSString).deletingLastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/.warroom-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure(description: "cannot write beside \(path): \(describe(errno))") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let mode = existing.st_mode & 0o7777
        do throws(Failure) {
            try writeAll(data, to: descriptor, path: path)
            guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0, close(descriptor) == 0 else {
                throw Failure(description: "cannot write \(path): \(describe(errno))")
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = describe(errno)
            unlink(temporary)
            throw Failure(description: "cannot replace \(path): \(reason)")
        }
        return mode
    }

    /// Creates the new file `path`, mode 0600, open for writing, and returns its descriptor
    /// (close-on-exec). O_EXCL: a file that exists, or appears meanwhile, is not overwritten, and
    /// a symlink is not followed.
    public static func create(_ path: String) throws(Failure) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot create \(path): \(describe(errno))", exists: errno == EEXIST)
        }
        return descriptor
    }

    /// Creates a new file in `directory` (made, 0700, when missing) under the first free name of
    /// `name(1)`, `name(2)` … (a hundred tries), as `create` does; returns its descriptor and path.
    public static func createUnique(in directory: String, name: (Int) -> String) throws(Failure) -> (descriptor: Int32, path: String) {
        if let problem = makeDirectories(directory) { throw Failure(description: problem) }
        var last = Failure(description: "no free name in \(directory)")
        for attempt in 1...100 {
            let path = (directory as NSString).appendingPathComponent(name(attempt))
            do throws(Failure) {
                return (try create(path), path)
            } catch where error.exists {
                last = error
                continue
            }
        }
        throw last
    }

    /// Creates `path` and its missing parents (mode 0700). Nil when it is a directory now, else
    /// what is wrong, in words: `/x/state is not a directory`, `cannot create /x: Permission denied`.
    public static func makeDirectories(_ path: String) -> String? {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) == 0 { continue }
            let code = errno
            var status = stat()
            if code == EEXIST, stat(current, &status) == 0 {
                if status.st_mode & S_IFMT == S_IFDIR { continue }
                return "\(current) is not a directory"
            }
            return "cannot create \(current): \(describe(code))"
        }
        return nil
    }

    /// `No space left on device`: the system's words for an errno.
    static func describe(_ code: Int32) -> String {
        String(validatingCString: strerror(code)) ?? "error \(code)"
    }

    /// Writes all of `data` to an open descriptor (`path` names it in the failure).
    public static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(Failure) {
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure != 0 { throw Failure(description: "cannot write \(path): \(describe(failure))") }
    }
}
