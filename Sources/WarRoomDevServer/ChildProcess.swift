import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs a program to completion with `posix_spawn`, its output captured in files.
///
/// Not Foundation's `Process`, nor pipes for output: `pg_ctl start` forks a postmaster that outlives
/// it, and on Linux `Process` (and any pipe the child inherits) would then wait for that server to
/// die. Files never block, and what goes in (SQL, which may hold a password) is written to a pipe,
/// never put in argv where `ps` would show it.
enum ChildProcess {
    /// What a finished program said.
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
        var succeeded: Bool { status == 0 }
        /// Its error output, else its output: what to quote when it failed.
        var said: String {
            let text = errors.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? output.trimmingCharacters(in: .whitespacesAndNewlines) : text
        }
    }

    /// Runs `executable` (an absolute path) with `arguments`, extra `environment` on top of this
    /// process's, `input` on its standard input, in `directory` (through `env -C`: glibc's
    /// `posix_spawn_file_actions_addchdir_np` is not visible to Swift); scratch files go in `scratch`.
    static func run(_ program: String, _ programArguments: [String], environment: [String: String] = [:],
                    input: String? = nil, directory: String? = nil, scratch: String) throws -> Outcome {
        let executable = directory == nil ? program : "/usr/bin/env"
        let arguments = directory.map { ["-C", $0, program] + programArguments } ?? programArguments
        let token = UUID().uuidString
        let outPath = scratch + "/.out-" + token
        let errPath = scratch + "/.err-" + token
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&pipeEnds) == 0 else {
                throw PostgresDevServerError("cannot create a pipe for \(executable): \(String(cString: strerror(errno)))")
            }
            // Only the child's standard input may hold the pipe, or its end of file never comes.
            _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        closeInherited(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        unblockSignals(&attributes)

        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        if input != nil { close(pipeEnds[0]) }
        guard spawned == 0 else {
            if input != nil { close(pipeEnds[1]) }
            throw PostgresDevServerError("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        if let input {
            // Written on another thread: a child that stops reading early must not block us forever.
            let writer = pipeEnds[1]
            let bytes = Array(input.utf8)
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                signal(SIGPIPE, SIG_IGN)
                var offset = 0
                while offset < bytes.count {
                    let wrote = bytes[offset...].withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
                    if wrote < 0, errno == EINTR { continue }
                    if wrote <= 0 { break }
                    offset += wrote
                }
                close(writer)
                done.signal()
            }
            defer { done.wait() }
            return Outcome(status: wait(for: pid), output: read(outPath), errors: read(errPath))
        }
        return Outcome(status: wait(for: pid), output: read(outPath), errors: read(errPath))
    }

    /// Starts `executable` detached from us (own session, stdio on /dev/null) and does not wait.
    static func launch(_ executable: String, _ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        closeInherited(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own session: Ctrl-C in the terminal that ran the tests must not kill the watchdog
        // before it has stopped the server.
        // glibc's POSIX_SPAWN_SETSID (0x80, since 2.26), which Swift does not import.
        unblockSignals(&attributes, extraFlags: 0x80)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw PostgresDevServerError("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        return pid
    }

    /// Closes, in the child, every descriptor above 2 that this process has open without
    /// close-on-exec: one inherited from our own parent (Foundation's `Process` in a test tracks
    /// its child through such a descriptor) must not be held by a server that outlives us, or
    /// whoever waits for us waits for the server. glibc ignores a close of a descriptor that is
    /// no longer open by then.
    private static func closeInherited(_ actions: inout posix_spawn_file_actions_t) {
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for name in open {
            guard let descriptor = Int32(name), descriptor > 2 else { continue }
            let flags = fcntl(descriptor, F_GETFD)
            guard flags >= 0, flags & FD_CLOEXEC == 0 else { continue }
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    /// Children start with no signal blocked and default handlers, whatever this process blocks
    /// (`store dev-server` blocks SIGINT and SIGTERM to wait for them): a server whose SIGTERM is
    /// blocked could not be stopped.
    private static func unblockSignals(_ attributes: inout posix_spawnattr_t, extraFlags: Int32 = 0) {
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF) | extraFlags))
    }

    /// Waits for `pid` and returns its exit status (128 + N when killed by signal N).
    static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return 127 }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    private static func read(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
