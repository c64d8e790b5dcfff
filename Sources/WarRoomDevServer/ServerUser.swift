import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The OS user a server runs as when we are root: `initdb` and `pg_ctl` refuse to run as root, so
/// they run as `postgres` (created by Debian's postgresql package) through `runuser`, and every
/// file they need is handed to that user.
struct ServerUser {
    var name: String
    var uid: uid_t
    var gid: gid_t
    var runuser: String

    /// The user to run the server as: nil when we are not root (the server runs as us).
    static func forCurrentProcess(name: String = "postgres") throws -> ServerUser? {
        guard geteuid() == 0 else { return nil }
        guard let entry = getpwnam(name) else {
            throw PostgresDevServerError("this process runs as root, where initdb refuses to run, and there is no "
                + "'\(name)' user to run the server as: install Debian's postgresql (apt-get install postgresql), "
                + "which creates it, or run as an ordinary user")
        }
        guard let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first(where: FileManager.default.isExecutableFile) else {
            throw PostgresDevServerError("this process runs as root and needs runuser (util-linux) to run the server as '\(name)'; "
                + "install util-linux, or run as an ordinary user")
        }
        return ServerUser(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid, runuser: runuser)
    }

    /// Hands `path` (when it exists) to this user.
    func give(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        guard chown(path, uid, gid) == 0 else {
            throw PostgresDevServerError("cannot give \(path) to the '\(name)' user: \(String(cString: strerror(errno)))")
        }
    }

    /// Refuses a directory this user cannot reach (a parent without search permission for it,
    /// such as /root).
    func checkReachable(_ directory: String) throws {
        let outcome = try ChildProcess.run(runuser, ["-u", name, "--", "/bin/sh", "-c", "test -w \"$1\" && test -x \"$1\"", "sh", directory],
                                           directory: "/", scratch: directory)
        guard outcome.succeeded else {
            throw PostgresDevServerError("the '\(name)' user, which runs the server because this process is root, cannot "
                + "reach \(directory) (a parent directory is closed to it): choose a directory under /tmp or /var/tmp")
        }
    }
}
