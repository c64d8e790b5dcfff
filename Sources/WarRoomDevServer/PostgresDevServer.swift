import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A throwaway PostgreSQL server in a directory of its own, for the tests and for a try-out
/// (`warroom store dev-server`): `initdb`, then `pg_ctl start` listening on 127.0.0.1 at a free port
/// and on a Unix socket in that directory, a superuser with a generated password (scram-sha-256),
/// optionally TLS with a CA made for it.
///
/// Run as root (CI, containers), where `initdb` refuses to run, the server runs as the `postgres`
/// OS user and the directory is handed to it. No password is ever in an argv: `initdb` reads it
/// from a 0600 file, `psql` from its environment. A watchdog process stops the server (and removes a
/// temporary directory) within a second of this process dying, so a crashed test leaves no server
/// behind; should the watchdog be killed too, `pg_ctl -D DIR/data stop -m immediate` as the
/// directory's owner stops it (`DIR/data/postmaster.pid` holds its pid).
public final class PostgresDevServer: @unchecked Sendable {
    /// How to make the server.
    public struct Options: Sendable {
        /// Where the server lives; nil makes a fresh temporary directory. A given directory that
        /// already holds such a server is started again with its data, port and password.
        public var directory: String?
        /// The TCP port; nil picks a free one.
        public var port: Int?
        /// Whether to serve TLS with a CA made for this server (`authorityCertificate`).
        public var tls: Bool
        /// The superuser's name.
        public var superuser: String
        /// Whether commits wait for the disk (`fsync`); off makes tests faster and still survives
        /// a killed server, only not a crashed machine.
        public var durable: Bool
        /// Whether `shutdown()` removes the directory; nil: yes for a temporary one, no for a given one.
        public var removeDirectory: Bool?

        /// The defaults: a temporary directory, a free port, no TLS, durable commits.
        public init(directory: String? = nil, port: Int? = nil, tls: Bool = false, superuser: String = "warroom_admin",
                    durable: Bool = true, removeDirectory: Bool? = nil) {
            self.directory = directory
            self.port = port
            self.tls = tls
            self.superuser = superuser
            self.durable = durable
            self.removeDirectory = removeDirectory
        }
    }

    /// How `stop` stops the server: `fast` rolls back sessions and checkpoints; `immediate` kills
    /// it, as a crash would (recovery runs at the next start).
    public enum StopMode: String, Sendable, CaseIterable {
        case fast, immediate
    }

    /// The directory holding everything: data, socket, log, certificates.
    public let directory: String
    /// The cluster (`PGDATA`).
    public var dataDirectory: String { directory + "/data" }
    /// The directory of the Unix socket (`host=` for libpq).
    public var socketDirectory: String { directory }
    /// The server's log.
    public var logFile: String { directory + "/server.log" }
    /// The superuser's name.
    public let superuser: String
    /// The superuser's password (generated; also in `DIR/superuser.password`, 0600).
    public let superuserPassword: String
    /// The CA and server certificate when TLS is on.
    public let certificates: DevCertificates?
    /// The CA file to pass as `sslrootcert`, when TLS is on.
    public var authorityCertificate: String? { certificates?.authorityCertificate }
    /// The programs used.
    public let tools: PostgresTools
    /// Whether `shutdown()` removes `directory`.
    public let removesDirectory: Bool
    /// Whether the directory held a server already (its data kept) rather than being made now.
    public let reused: Bool

    private let owner: ServerUser?
    private let fixedPort: Bool
    private let durable: Bool
    private let lock = NSLock()
    private var currentPort: Int
    private var watchdog: pid_t?
    private var finished = false
    private var passwords: [String: String] = [:]

    /// The TCP port on 127.0.0.1.
    public var port: Int { lock.withLock { currentPort } }

    /// Makes the directory and the cluster (or finds them) and starts the server.
    public init(_ options: Options = Options()) throws {
        guard Self.isPlainName(options.superuser) else {
            throw PostgresDevServerError("the superuser name '\(options.superuser)' is not accepted: use letters, digits and _")
        }
        if let port = options.port, !(1...65535).contains(port) {
            throw PostgresDevServerError("port \(port) is not a TCP port: give 1–65535, or none for a free one")
        }
        let tools = try PostgresTools.locate()
        let owner = try ServerUser.forCurrentProcess()
        let made: String
        if let given = options.directory {
            made = given.hasPrefix("/") ? given : FileManager.default.currentDirectoryPath + "/" + given
        } else {
            made = try Self.makeTemporaryDirectory()
        }
        let removes = options.removeDirectory ?? (options.directory == nil)
        guard (made + "/.s.PGSQL.65535").utf8.count < 108 else {
            throw PostgresDevServerError("the directory \(made) is too long a path for a Unix socket "
                + "(at most about 90 characters): choose a shorter one")
        }
        let existed = FileManager.default.fileExists(atPath: made)
        let state: ServerState.Prepared
        do {
            state = try ServerState.prepare(directory: made, options: options)
        } catch {
            // Only a directory made just now goes: a given one that holds something else stays.
            if options.directory == nil || !existed { try? FileManager.default.removeItem(atPath: made) }
            throw error
        }
        /// What a failed start leaves: nothing it made (a password file in a given directory
        /// included), and nothing of a server that was there before.
        func undo() {
            if removes || (!existed && !state.reused) {
                try? FileManager.default.removeItem(atPath: made)
            } else if !state.reused {
                for item in (try? FileManager.default.contentsOfDirectory(atPath: made)) ?? [] {
                    try? FileManager.default.removeItem(atPath: made + "/" + item)
                }
            }
        }
        let certificates: DevCertificates?
        do {
            try owner?.give(made)
            try owner?.give(made + "/superuser.password")
            try owner?.checkReachable(made)
            certificates = try Self.certificates(in: made, wanted: state.tls, reused: state.reused, owner: owner)
        } catch {
            undo()
            throw error
        }
        self.tools = tools
        self.owner = owner
        self.certificates = certificates
        directory = made
        removesDirectory = removes
        durable = options.durable
        reused = state.reused
        superuser = state.superuser
        superuserPassword = state.password
        fixedPort = options.port != nil || state.reused
        currentPort = state.port
        passwords[state.superuser] = state.password
        // Another process's server in this directory is theirs to stop: starting "again" would
        // do nothing, and our shutdown (or the cleanup below) would stop it under them.
        if state.reused, isRunning {
            finished = true
            throw PostgresDevServerError("a server is already running in \(made) (its pid is in \(made)/data/postmaster.pid): "
                + "use it, or stop it first")
        }
        do {
            // Refused before initdb's seconds are spent; a clash after this is caught at start.
            if options.port != nil, !Self.isFree(port: state.port) {
                throw PostgresDevServerError("port \(state.port) on 127.0.0.1 is taken by another program: "
                    + "give another port, or none for a free one")
            }
            if !state.reused { try initialize() }
            try start()
        } catch {
            try? stop(mode: .immediate)
            finished = true
            undo()
            throw error
        }
    }

    /// The CA and server certificate: found in a reused directory, made otherwise.
    private static func certificates(in directory: String, wanted: Bool, reused: Bool, owner: ServerUser?) throws -> DevCertificates? {
        guard wanted else { return nil }
        let tls = directory + "/tls"
        let existing = DevCertificates(authorityCertificate: tls + "/ca.crt", serverCertificate: tls + "/server.crt",
                                       serverKey: tls + "/server.key")
        if reused, FileManager.default.fileExists(atPath: existing.serverKey) { return existing }
        let made = try DevCertificates.make(in: tls, name: "warroom dev \(directory)")
        for file in ["", "/ca.crt", "/ca.key", "/server.crt", "/server.key", "/ca.srl", "/server.ext"] {
            try owner?.give(tls + file)
        }
        return made
    }

    deinit {
        try? shutdown()
    }

    // MARK: - Life cycle

    /// Whether the postmaster of `dataDirectory` is alive.
    public var isRunning: Bool {
        guard let text = FileManager.default.contents(atPath: dataDirectory + "/postmaster.pid"),
              let line = String(decoding: text, as: UTF8.self).split(separator: "\n").first,
              let pid = pid_t(line.trimmingCharacters(in: .whitespaces)), pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Starts the server (again) on the same port and data; nothing when it is running. A port
    /// picked by us that something else took meanwhile is replaced by another free one on the
    /// first start only: afterwards URLs handed out name it, so a clash is an error.
    public func start() throws {
        try lock.withLock {
            guard !finished else { throw PostgresDevServerError("this server was shut down; make a new one") }
            guard !isRunning else { return }
            var attempt = 0
            while true {
                attempt += 1
                try writeConfiguration()
                let outcome = try runAsServer(tools.pgCtl, ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "start"], scratch: directory)
                if outcome.succeeded {
                    try startWatchdog()
                    return
                }
                let log = tailOfLog()
                if !fixedPort, watchdog == nil, attempt < 5, log.contains("Address already in use") {
                    currentPort = try Self.freePort()
                    continue
                }
                if log.contains("Address already in use") {
                    throw PostgresDevServerError("port \(currentPort) on 127.0.0.1 is taken by another program: "
                        + (fixedPort ? "give another port, or none for a free one" : "try again"))
                }
                throw PostgresDevServerError("the PostgreSQL server in \(directory) did not start (pg_ctl exit \(outcome.status)): "
                    + outcome.said + (log.isEmpty ? "" : "\n\(logFile) ends:\n" + log))
            }
        }
    }

    /// Stops the server; nothing when it is not running.
    public func stop(mode: StopMode = .fast) throws {
        guard isRunning else { return }
        let outcome = try runAsServer(tools.pgCtl, ["-D", dataDirectory, "-m", mode.rawValue, "-w", "-t", "60", "stop"], scratch: directory)
        guard outcome.succeeded || !isRunning else {
            throw PostgresDevServerError("the PostgreSQL server in \(directory) did not stop (pg_ctl exit \(outcome.status)): \(outcome.said)")
        }
    }

    /// Stops the server and, unless it was a given directory, removes the directory. Further calls
    /// do nothing.
    public func shutdown() throws {
        let watcher: pid_t? = lock.withLock {
            if finished { return nil }
            finished = true
            defer { watchdog = nil }
            return watchdog ?? 0
        }
        guard let watcher else { return }
        if watcher > 0 {
            kill(watcher, SIGKILL)
            _ = ChildProcess.wait(for: watcher)
        }
        try stop(mode: removesDirectory ? .immediate : .fast)
        if removesDirectory {
            try FileManager.default.removeItem(atPath: directory)
        }
    }

    // MARK: - Using it

    /// A `postgresql://` URL for `user` (default: the superuser, with its password when known) to
    /// `database` over TCP. With `sslMode` it adds `sslmode=` and, when this server has a CA,
    /// `sslrootcert=` naming it.
    public func url(database: String = "postgres", user: String? = nil, host: String = "127.0.0.1", sslMode: String? = nil) -> String {
        let name = user ?? superuser
        let password = lock.withLock { passwords[name] }
        var text = "postgresql://" + Self.encoded(name) + (password.map { ":" + Self.encoded($0) } ?? "")
            + "@\(host):\(port)/" + Self.encoded(database)
        if let sslMode {
            text += "?sslmode=" + Self.encoded(sslMode)
            if let ca = authorityCertificate { text += "&sslrootcert=" + Self.encoded(ca, keepingSlashes: true) }
        }
        return text
    }

    /// Runs `sql` as the superuser in `database` over the Unix socket (through psql's standard
    /// input, so a password in it is in no argv) and returns what it printed, unaligned, tuples only
    /// (`a|b` per row).
    @discardableResult
    public func adminSQL(_ sql: String, database: String = "postgres") throws -> String {
        let outcome = try ChildProcess.run(tools.psql, ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory,
                                                        "-p", String(port), "-U", superuser, "-d", database, "-f", "-"],
                                           environment: ["PGPASSWORD": superuserPassword, "PGCONNECT_TIMEOUT": "10", "PGSSLMODE": "disable"],
                                           input: sql, scratch: directory)
        guard outcome.succeeded else {
            throw PostgresDevServerError("SQL as \(superuser) in \(database) failed: \(Self.withoutPasswords(outcome.said, in: sql))")
        }
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Creates the database `name` (owned by `owner`, default the superuser) and returns its URL
    /// for the owner.
    @discardableResult
    public func createDatabase(name: String, owner: String? = nil) throws -> String {
        try adminSQL("CREATE DATABASE \(Self.identifier(name))" + (owner.map { " OWNER \(Self.identifier($0))" } ?? "") + ";")
        return url(database: name, user: owner)
    }

    /// Creates a login role with `password` (generated when nil) and role `privileges` (SQL role
    /// attributes such as `CREATEDB`, `NOINHERIT`); returns its URL to `database`. Table grants are
    /// `adminSQL("GRANT …", database:)`.
    @discardableResult
    public func createRole(name: String, password: String? = nil, privileges: [String] = [], database: String = "postgres") throws -> String {
        let secret = password ?? Self.generatedPassword()
        for privilege in privileges where !privilege.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_" || $0 == " ") }) {
            throw PostgresDevServerError("'\(privilege)' is not a role attribute (CREATEDB, CREATEROLE, NOINHERIT, …)")
        }
        try adminSQL("CREATE ROLE \(Self.identifier(name)) WITH LOGIN PASSWORD \(Self.literal(secret)) \(privileges.joined(separator: " "));")
        lock.withLock { passwords[name] = secret }
        return url(database: database, user: name)
    }

    // MARK: - Making it

    private func initialize() throws {
        let outcome = try runAsServer(tools.initdb, ["-D", dataDirectory, "-U", superuser, "--pwfile=\(directory)/superuser.password",
                                                   "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                                    scratch: directory)
        guard outcome.succeeded else {
            throw PostgresDevServerError("initdb failed in \(directory) (exit \(outcome.status)): \(outcome.said)")
        }
        try append("\ninclude_if_exists = 'warroom-dev.conf'\n", to: dataDirectory + "/postgresql.conf")
        // Our own pg_hba.conf: passwords (scram-sha-256) on the socket and on loopback TCP, nothing else.
        try write("""
            # Written by warroom's PostgresDevServer: a password for everyone, on the socket and on loopback only.
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256

            """, to: dataDirectory + "/pg_hba.conf")
    }

    /// `warroom-dev.conf`, rewritten at every start so a port picked again is the one used.
    private func writeConfiguration() throws {
        var lines = [
            "listen_addresses = '127.0.0.1'",
            "port = \(currentPort)",
            "unix_socket_directories = '\(directory.replacingOccurrences(of: "'", with: "''"))'",
            "unix_socket_permissions = 0700",
            "password_encryption = 'scram-sha-256'",
            "shared_buffers = 32MB",
            "max_connections = 100",
            "fsync = \(durable ? "on" : "off")",
        ]
        if let certificates {
            lines += ["ssl = on", "ssl_cert_file = '\(certificates.serverCertificate)'", "ssl_key_file = '\(certificates.serverKey)'"]
        }
        try write(lines.joined(separator: "\n") + "\n", to: dataDirectory + "/warroom-dev.conf")
        try ServerState.record(directory: directory, port: currentPort, superuser: superuser, tls: certificates != nil)
        try owner?.give(directory + "/server.json")
    }

    private func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try owner?.give(path)
    }

    private func append(_ text: String, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw PostgresDevServerError("cannot write \(path)")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// The process that stops the server when this one is gone: it polls our pid each second (a
    /// zombie counts as gone: a parent that has not reaped us yet may be waiting for the server).
    private func startWatchdog() throws {
        guard watchdog == nil else { return }
        let script = """
            trap '' INT HUP
            parent=$1; pgctl=$2; data=$3; remove=$4; root=$5; runas=$6; runuser=$7
            alive() { kill -0 "$parent" 2>/dev/null && [ "$(sed 's/.*) //' "/proc/$parent/stat" 2>/dev/null | cut -c1)" != Z ]; }
            while alive; do sleep 1; done
            if [ -n "$runas" ]; then "$runuser" -u "$runas" -- "$pgctl" -D "$data" -m immediate -w stop
            else "$pgctl" -D "$data" -m immediate -w stop; fi
            if [ "$remove" = 1 ]; then rm -rf -- "$root"; fi
            """
        watchdog = try ChildProcess.launch("/bin/sh", ["-c", script, "warroom-pg-watchdog", String(getpid()), tools.pgCtl,
                                                       dataDirectory, removesDirectory ? "1" : "0", directory, owner?.name ?? "",
                                                       owner?.runuser ?? ""])
    }

    /// Runs a server program: as the `postgres` user when we are root (initdb and pg_ctl refuse root).
    private func runAsServer(_ executable: String, _ arguments: [String], scratch: String) throws -> ChildProcess.Outcome {
        guard let owner else { return try ChildProcess.run(executable, arguments, directory: directory, scratch: scratch) }
        return try ChildProcess.run(owner.runuser, ["-u", owner.name, "--", executable] + arguments, directory: directory, scratch: scratch)
    }

    private func tailOfLog() -> String {
        guard let data = FileManager.default.contents(atPath: logFile) else { return "" }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(8).joined(separator: "\n")
    }

    private static func makeTemporaryDirectory() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
        var template = Array((base + "/warroom-pg-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PostgresDevServerError("cannot make a temporary directory in \(base): \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    // MARK: - Text

    /// A free TCP port on 127.0.0.1, as the kernel picks one for a bind to port 0.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PostgresDevServerError("cannot open a socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic -> Int32 in
                guard bind(descriptor, generic, length) == 0 else { return -1 }
                return getsockname(descriptor, generic, &length)
            }
        }
        guard bound == 0 else { throw PostgresDevServerError("cannot find a free port on 127.0.0.1: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether `port` on 127.0.0.1 can be bound now.
    static func isFree(port: Int) -> Bool {
        guard let port = UInt16(exactly: port) else { return false }
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// 32 random hex digits.
    public static func generatedPassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// `name` as an SQL identifier, quoted.
    public static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\0", with: "").replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `text` as an SQL string literal.
    public static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\0", with: "").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `text` percent-encoded for a URL's user, password, path or query value.
    static func encoded(_ text: String, keepingSlashes: Bool = false) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        if keepingSlashes { allowed.insert("/") }
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.count <= 63 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// `message` with any password literal of `sql` replaced by `***` (psql quotes the failing line).
    static func withoutPasswords(_ message: String, in sql: String) -> String {
        var cleaned = message
        var rest = Substring(sql)
        while let range = rest.range(of: "PASSWORD '", options: .caseInsensitive) {
            let tail = rest[range.upperBound...]
            let secret = tail.prefix { $0 != "'" }
            if !secret.isEmpty { cleaned = cleaned.replacingOccurrences(of: String(secret), with: "***") }
            rest = tail.dropFirst(secret.count)
        }
        return cleaned
    }
}
