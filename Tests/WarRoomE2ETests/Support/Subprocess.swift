import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with `posix_spawn`, never with Foundation's `Process`.
///
/// Why not `Process`: on Linux it notices a child's exit through a socket it leaks into the child;
/// `tmux new-session` forks a server that keeps every inherited descriptor, so `waitUntilExit()`
/// would wait for the tmux server to die (swift-corelibs-foundation#4795). Here the child gets
/// /dev/null as stdin, files as stdout/stderr, no other descriptor, default signal handling, and
/// the wait has a deadline.
enum Subprocess {
    struct Result: CustomStringConvertible {
        var status: Int32
        var out: String
        var err: String
        /// The deadline passed and the child was killed.
        var timedOut: Bool
        var description: String { "exit \(status)\(timedOut ? " (timed out)" : ""), stdout: \(out.debugDescription), stderr: \(err.debugDescription)" }
    }

    /// Runs `path arguments…` with exactly `environment`, waiting at most `timeout` seconds.
    /// `stdout`: a file to send standard output to instead of capturing it.
    static func run(_ path: String, _ arguments: [String], environment: [String: String],
                    timeout: Double = 10, stdout stdoutPath: String? = nil) -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("warroom-e2e-io-\(UUID().uuidString)")
        let outPath = stdoutPath ?? scratch.path + ".out", errPath = scratch.path + ".err"
        defer {
            if stdoutPath == nil { unlink(outPath) }
            unlink(errPath)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        closeFrom3(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigfillset(&defaults)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            return Result(status: -1, out: "", err: "posix_spawn \(path) failed: \(String(cString: strerror(spawned)))", timedOut: false)
        }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var timedOut = false
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped == -1 && errno != EINTR { status = -1; break }
            if Date() > deadline {
                timedOut = true
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                break
            }
            usleep(2_000)
        }
        // Normal exit: the exit code; killed by a signal: 128 + signal, like a shell.
        let code: Int32 = status == -1 ? -1 : ((status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f))
        let read = { (file: String) in
            FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        return Result(status: code, out: stdoutPath == nil ? read(outPath) : "", err: read(errPath), timedOut: timedOut)
    }

    /// Closes every descriptor above stderr in the child (glibc ≥ 2.34; looked up at run time
    /// because Swift does not see the GNU-only declaration).
    private static func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    }

    /// The executable `name` on `PATH` (or in the usual places), if any.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/bin"]
        return directories.map { ($0 as NSString).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
