import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program and waits for it, with `posix_spawnp` rather than Foundation's `Process`.
///
/// On Linux, `Process` tracks its children through a descriptor that the child inherits; `tmux
/// new-session` forks a server that keeps every inherited descriptor, and `waitUntilExit()` then
/// waits for that server to die — `warroom share` would hang until the war room closed. (`exec`
/// needs what `Process` cannot give at all: a child in its own session on a pseudo-terminal.)
enum Spawn {
    /// Runs `arguments[0]` (looked up on PATH) with the rest as arguments, stdio on /dev/null.
    /// Returns its exit status, or 127 when it could not be started.
    static func run(_ arguments: [String]) -> Int32 {
        let null: [Descriptor] = [.open(0, "/dev/null", O_RDONLY), .open(1, "/dev/null", O_WRONLY), .open(2, "/dev/null", O_WRONLY)]
        guard case .success(let pid) = start(arguments, descriptors: null) else { return 127 }
        return Int32(shellStatus(wait(pid)))
    }

    /// What one of the child's descriptors is, set up in order before the program starts.
    enum Descriptor {
        /// `path` opened with `flags` as descriptor `number` (a terminal opened this way in a new
        /// session becomes the child's controlling terminal).
        case open(Int32, String, Int32)
        /// Descriptor `number` a copy of the child's descriptor `from` (one of ours, inherited).
        case copy(Int32, from: Int32)
    }

    /// Starts `arguments[0]` (looked up on PATH) with the rest as arguments: its descriptors as
    /// `descriptors` say, the ones not named inherited, nothing of ours above 2 kept; in a new
    /// session when `newSession`; `defaultSignals` back to their default action. Returns its pid,
    /// or the `errno` of the failure (ENOENT: not found).
    static func start(_ arguments: [String], descriptors: [Descriptor], newSession: Bool = false,
                      defaultSignals: [Int32] = []) -> Result<pid_t, SpawnError> {
        guard let program = arguments.first else { return .failure(SpawnError(code: ENOENT)) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in descriptors {
            switch descriptor {
            case .open(let number, let path, let flags): posix_spawn_file_actions_addopen(&actions, number, path, flags, 0)
            case .copy(let number, let from): posix_spawn_file_actions_adddup2(&actions, from, number)
            }
        }
        // Nothing else of ours goes with it: the tmux server it may start lives on, and would keep
        // the store's connection, the file and whatever our own parent tracks us by.
        closeFrom?(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags: Int32 = 0
        if newSession { flags |= setSessionFlag }
        if !defaultSignals.isEmpty {
            var set = sigset_t()
            sigemptyset(&set)
            for signal in defaultSignals { sigaddset(&set, signal) }
            posix_spawnattr_setsigdefault(&attributes, &set)
            flags |= Int32(POSIX_SPAWN_SETSIGDEF)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
        return code == 0 ? .success(pid) : .failure(SpawnError(code: code))
    }

    /// Why a program could not be started.
    struct SpawnError: Error {
        var code: Int32
        /// `not found`, `permission denied`: what a shell would say.
        var reason: String {
            switch code {
            case ENOENT: "not found"
            case EACCES: "permission denied"
            case ENOEXEC: "not an executable"
            default: String(validatingCString: strerror(code))?.lowercased() ?? "error \(code)"
            }
        }
        /// The status a shell gives a command it cannot run: 127 not found, 126 found but not runnable.
        var shellStatus: Int { code == ENOENT ? 127 : 126 }
    }

    /// Waits for `pid` to end and returns its raw wait status (-1 when it cannot be waited for).
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return -1 }
        }
        return status
    }

    /// The exit status in a raw wait status, nil when a signal ended it (WIFEXITED/WEXITSTATUS,
    /// which Swift does not import as macros).
    static func exitStatus(_ status: Int32) -> Int? { status & 0x7F == 0 ? Int((status >> 8) & 0xFF) : nil }

    /// The signal that ended it (WTERMSIG), nil when it exited.
    static func signal(_ status: Int32) -> Int? { status & 0x7F == 0 ? nil : Int(status & 0x7F) }

    /// As a shell reports it: the exit status, or 128 + the signal.
    static func shellStatus(_ status: Int32) -> Int {
        status == -1 ? 127 : exitStatus(status) ?? 128 + (signal(status) ?? 0)
    }

    /// A pipe whose ends are closed on exec (`pipe2` is not imported): (read end, write end).
    static func pipe() -> (Int32, Int32)? {
        var ends: [Int32] = [-1, -1]
        guard Glibc.pipe(&ends) == 0 else { return nil }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    /// glibc's POSIX_SPAWN_SETSID (since 2.26), which Swift does not import.
    private static let setSessionFlag: Int32 = 0x80

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift does not
    /// import; nil on an older C library, where descriptors are inherited as before.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()
}
