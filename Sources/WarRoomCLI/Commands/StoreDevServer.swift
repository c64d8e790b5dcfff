import ArgumentParser
import Foundation
import WarRoomDevServer
import WarRoomText
#if canImport(Glibc)
import Glibc
#endif

/// `warroom store dev-server`: a throwaway PostgreSQL server for trying warroom across terminals,
/// in the foreground until Ctrl-C or SIGTERM, with database `warroom` and the URL to use it.
struct StoreDevServer: ParsableCommand {
    static let configuration = CommandConfiguration(table: "store dev-server")

    @Option(help: ArgumentHelp("Keep the server in DIR (a server made there before starts again with its data); "
        + "default: a temporary directory, removed when it stops.", valueName: "dir"))
    var dir: String?
    @Option(help: ArgumentHelp("The TCP port on 127.0.0.1 (default: a free one).", valueName: "port"))
    var port: Int?
    @Flag(help: "Serve TLS with a certificate authority made for this server; the URL then asks for sslmode=verify-full.")
    var tls = false

    func run() throws {
        if let dir, dir.isEmpty {
            throw UserFacingError("--dir needs a directory (it was given an empty one); leave it out for a temporary one")
        }
        // Blocked before the server starts, so a Ctrl-C from now on is taken by `sigtimedwait`
        // below and the server is stopped; the server's own processes start with no signal blocked.
        var stopping = sigset_t()
        sigemptyset(&stopping)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&stopping, signal) }
        pthread_sigmask(SIG_BLOCK, &stopping, nil)

        let server: PostgresDevServer
        do {
            server = try PostgresDevServer(.init(directory: dir, port: port, tls: tls))
            if try server.adminSQL("SELECT 1 FROM pg_database WHERE datname = 'warroom'") != "1" {
                try server.createDatabase(name: "warroom")
            }
        } catch let error as PostgresDevServerError {
            throw UserFacingError(error.message)
        }
        let url = server.url(database: "warroom", host: tls ? "localhost" : "127.0.0.1", sslMode: tls ? "verify-full" : nil)
        print(Self.banner(server: server, url: url, kept: dir != nil))
        fflush(nil)

        var timeout = timespec(tv_sec: 1, tv_nsec: 0)
        var received: Int32 = -1
        while received < 0 {
            received = sigtimedwait(&stopping, nil, &timeout)
            if received < 0, !server.isRunning {
                try? FileHandle.standardError.write(contentsOf: Data(("warroom: the server stopped by itself; its log is "
                    + "\(Sanitizer.clean(server.logFile))\n").utf8))
                try? server.shutdown()
                throw ExitCode(1)
            }
        }
        print("\nStopping the server…")
        do {
            try server.shutdown()
        } catch {
            throw UserFacingError("the server did not stop cleanly: \(error); stop it with "
                + "`pg_ctl -D \(server.dataDirectory) stop -m immediate`")
        }
        print(server.removesDirectory ? "Stopped; \(Sanitizer.clean(server.directory)) was removed."
            : "Stopped; its data is kept in \(Sanitizer.clean(server.directory)): "
                + "`warroom store dev-server --dir \(Sanitizer.clean(server.directory))` starts it again.")
    }

    /// What the user needs: where the server is, the URL (with the password, said so), how to stop it.
    static func banner(server: PostgresDevServer, url: String, kept: Bool) -> String {
        let version = (try? String(contentsOfFile: server.dataDirectory + "/PG_VERSION", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let directory = Sanitizer.clean(server.directory)
        var lines = [
            "A throwaway PostgreSQL\(version.map { " " + $0 } ?? "") server is running on 127.0.0.1:\(server.port)"
                + (server.reused ? ", started again with its data" : "") + ", with the database warroom.",
            kept ? "Its data is in \(directory) and is kept when it stops." : "Its data is in \(directory), removed when it stops.",
        ]
        if let ca = server.authorityCertificate {
            lines.append("TLS is on; its certificate authority is \(Sanitizer.clean(ca)) (the URL names it as sslrootcert).")
        }
        lines += [
            "",
            "The URL holds the password of this server's superuser, made for this server alone: it is shown",
            "here and nowhere else (not logged, not stored in an event). Use it in each terminal:",
            "",
            "  export WARROOM_STORE='\(url)'",
            "",
            "An environment variable rather than --store URL: a password in a command line shows in `ps`.",
            "",
            "Stop it with Ctrl-C here (or: kill \(getpid())).",
        ]
        return lines.joined(separator: "\n")
    }
}
