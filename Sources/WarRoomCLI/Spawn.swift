import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program and waits for it, with `posix_spawnp` rather than Foundation's `Process`.
///
/// On Linux, `Process` tracks its children through a descriptor that the child inherits; `tmux
/// new-session` forks a server that keeps every inherited descriptor, and `waitUntilExit()` then
/// waits for that server to die — `warroom share` would hang until the war room closed.
enum Spawn {
    /// Runs `arguments[0]` (looked up on PATH) with the rest as arguments, stdio on /dev/null.
    /// Returns its exit status, or 127 when it could not be started.
    static func run(_ arguments: [String]) -> Int32 {
        guard !arguments.isEmpty else { return 127 }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else of ours goes with it: the tmux server it may start lives on, and would keep
        // the store's connection, the file and whatever our own parent tracks us by.
        closeFrom?(&actions, 3)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return 127 }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift does not
    /// import; nil on an older C library, where descriptors are inherited as before.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()
}
