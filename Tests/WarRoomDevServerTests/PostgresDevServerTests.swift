import Foundation
import Testing
@testable import WarRoomDevServer

/// One TLS server for the whole suite (an initdb costs seconds); the tests that stop a server or
/// remove its directory make their own.
@Suite(.serialized) struct PostgresDevServerTests {
    static let shared = Shared()

    @Test func connectsOverTCPWithThePasswordOnly() throws {
        let server = try Self.shared.server()
        let tcp = "host=127.0.0.1 port=\(server.port) user=\(server.superuser) dbname=postgres sslmode=disable"
        let ok = try Client.psql(tcp, "SELECT 40 + 2", password: server.superuserPassword)
        #expect(ok.output.trimmingCharacters(in: .whitespacesAndNewlines) == "42", "\(ok.said)")
        let wrong = try Client.psql(tcp, "SELECT 1", password: "not-the-password")
        #expect(!wrong.succeeded)
        #expect(wrong.said.contains("password authentication failed"), "\(wrong.said)")
        let none = try Client.psql(tcp, "SELECT 1", password: nil)
        #expect(!none.succeeded)
    }

    @Test func createsDatabasesAndRolesAndHandsOutTheirURLs() throws {
        let server = try Self.shared.server()
        let owner = try server.createRole(name: "wr_owner", privileges: ["CREATEDB"])
        #expect(owner.hasPrefix("postgresql://wr_owner:"))
        let database = try server.createDatabase(name: "wr_copy", owner: "wr_owner")
        #expect(database.hasSuffix("@127.0.0.1:\(server.port)/wr_copy"))
        #expect(database == server.url(database: "wr_copy", user: "wr_owner"))
        // The URL works as it is: user, password and database all in it.
        let created = try Client.psql(database + "?sslmode=disable", "CREATE TABLE t (x int); INSERT INTO t VALUES (7); SELECT current_user, sum(x) FROM t")
        #expect(created.output.trimmingCharacters(in: .whitespacesAndNewlines) == "wr_owner|7", "\(created.said)")
        #expect(try server.adminSQL("SELECT count(*) FROM t", database: "wr_copy") == "1")
        // A role with a quote in its password, which the SQL literal must carry intact.
        let odd = try server.createRole(name: "wr_odd", password: "it's a \"pass\"/word@x")
        #expect(!odd.contains("it's"), "the password is percent-encoded in the URL: \(odd)")
        let connected = try Client.psql("host=127.0.0.1 port=\(server.port) user=wr_odd dbname=postgres sslmode=disable",
                                        "SELECT current_user", password: "it's a \"pass\"/word@x")
        #expect(connected.output.trimmingCharacters(in: .whitespacesAndNewlines) == "wr_odd", "\(connected.said)")
        let url = try Client.psql(odd + "?sslmode=disable", "SELECT current_user")
        #expect(url.output.trimmingCharacters(in: .whitespacesAndNewlines) == "wr_odd", "\(url.said)")
    }

    @Test func aFailedStatementSaysWhyWithoutThePassword() throws {
        let server = try Self.shared.server()
        _ = try server.createRole(name: "wr_twice", password: "secret-one")
        #expect {
            try server.createRole(name: "wr_twice", password: "secret-two")
        } throws: { error in
            let text = "\(error)"
            return text.contains("already exists") && !text.contains("secret-two")
        }
    }

    @Test func tlsVerifyFullConnectsWithTheCAAndRefusesWithout() throws {
        let server = try Self.shared.server()
        let ca = try #require(server.authorityCertificate)
        for host in ["localhost", "127.0.0.1"] {
            let base = "host=\(host) port=\(server.port) user=\(server.superuser) dbname=postgres"
            let verified = try Client.psql(base + " sslmode=verify-full sslrootcert=\(ca)",
                                           "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", password: server.superuserPassword)
            #expect(verified.output.trimmingCharacters(in: .whitespacesAndNewlines) == "t", "\(host): \(verified.said)")
            // Another CA (as a server impersonating this one would present): refused.
            let stranger = try Client.psql(base + " sslmode=verify-full sslrootcert=\(Self.shared.otherAuthority())",
                                           "SELECT 1", password: server.superuserPassword)
            #expect(!stranger.succeeded)
            #expect(stranger.said.contains("certificate verify failed"), "\(stranger.said)")
            // No CA at all (a HOME without ~/.postgresql/root.crt): refused.
            let without = try Client.psql(base + " sslmode=verify-full", "SELECT 1", password: server.superuserPassword)
            #expect(!without.succeeded, "\(without.said)")
        }
        // The URL form the backend will be given.
        let url = server.url(host: "localhost", sslMode: "verify-full")
        #expect(url.contains("sslrootcert=\(ca)"))
        let byURL = try Client.psql(url, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        #expect(byURL.output.trimmingCharacters(in: .whitespacesAndNewlines) == "t", "\(byURL.said)")
    }

    @Test func noPasswordInAnyProcessArgumentsOrInTheLog() throws {
        let server = try Self.shared.server()
        _ = try server.createRole(name: "wr_argv", password: "argv-secret-9f2c")
        let secrets = [server.superuserPassword, "argv-secret-9f2c"]
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var seen = 0
        for pid in processes where Int(pid) != nil {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { continue }
            seen += 1
            let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            for secret in secrets { #expect(!line.contains(secret), "pid \(pid): \(line)") }
            if line.contains("postgres") && line.contains(server.dataDirectory) { seen += 1000 }
        }
        #expect(seen > 1000, "the postmaster of the server was among the processes looked at")
        let log = String(decoding: FileManager.default.contents(atPath: server.logFile) ?? Data(), as: UTF8.self)
        for secret in secrets { #expect(!log.contains(secret)) }
        let mode = try FileManager.default.attributesOfItem(atPath: server.directory + "/superuser.password")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func survivesAnImmediateStopKeepsItsPortAndShutsDownWithoutATrace() throws {
        let server = try PostgresDevServer(.init(durable: false))
        let directory = server.directory, port = server.port
        #expect(server.isRunning)
        try server.adminSQL("CREATE TABLE kept (x int); INSERT INTO kept VALUES (1), (2), (3);")
        for mode in PostgresDevServer.StopMode.allCases {
            try server.stop(mode: mode)
            #expect(!server.isRunning)
            #expect(throws: PostgresDevServerError.self) { try server.adminSQL("SELECT 1") }
            try server.start()
            #expect(server.isRunning)
            #expect(server.port == port)
            #expect(try server.adminSQL("SELECT sum(x) FROM kept") == "6", "\(mode)")
        }
        try server.start() // running already: nothing happens
        try server.shutdown()
        #expect(!server.isRunning)
        #expect(!FileManager.default.fileExists(atPath: directory))
        #expect(!Client.accepts(port: port))
        try server.shutdown() // twice: nothing
        #expect(throws: PostgresDevServerError.self) { try server.start() }
    }

    @Test func aGivenDirectoryIsKeptAndStartsAgainWithItsDataPortAndPassword() throws {
        let directory = NSTemporaryDirectory() + "warroom-pg-given-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try PostgresDevServer(.init(directory: directory, durable: false))
        #expect(!first.reused)
        try first.adminSQL("CREATE TABLE kept (x int); INSERT INTO kept VALUES (5);")
        let port = first.port, password = first.superuserPassword
        try first.shutdown()
        #expect(FileManager.default.fileExists(atPath: directory + "/data/PG_VERSION"))
        let second = try PostgresDevServer(.init(directory: directory, durable: false))
        #expect(second.reused)
        // A second process on a directory whose server runs: refused, the running one untouched.
        #expect {
            try PostgresDevServer(.init(directory: directory, durable: false))
        } throws: { "\($0)".contains("a server is already running in \(directory)") }
        #expect(second.isRunning)
        #expect(second.port == port)
        #expect(second.superuserPassword == password)
        #expect(try second.adminSQL("SELECT x FROM kept") == "5")
        try second.shutdown()
    }

    @Test func refusesADirectoryThatHoldsSomethingElse() throws {
        let directory = NSTemporaryDirectory() + "warroom-pg-foreign-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("mine".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
        #expect {
            try PostgresDevServer(.init(directory: directory))
        } throws: { "\($0)".contains("holds no server made by warroom") }
        #expect(FileManager.default.fileExists(atPath: directory + "/notes.txt"), "nothing of it was removed")
    }

    @Test("A port taken by another program is refused by name, and nothing made for the server is left",
          arguments: [false, true])
    func takenPortLeavesNothing(directoryExists: Bool) throws {
        let blocker = try Listener()
        let directory = NSTemporaryDirectory() + "warroom-pg-taken-\(UUID().uuidString.prefix(8))"
        if directoryExists { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false) }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect {
            try PostgresDevServer(.init(directory: directory, port: blocker.port))
        } throws: { "\($0)".contains("port \(blocker.port) on 127.0.0.1 is taken by another program: give another port") }
        if directoryExists {
            #expect((try? FileManager.default.contentsOfDirectory(atPath: directory)) == [], "emptied, password file included")
        } else {
            #expect(!FileManager.default.fileExists(atPath: directory), "made by the server, so removed")
        }
    }

    @Test(arguments: [
        (PostgresDevServer.Options(port: 0), "not a TCP port"),
        (PostgresDevServer.Options(port: 70000), "not a TCP port"),
        (PostgresDevServer.Options(superuser: "bad name"), "not accepted"),
        (PostgresDevServer.Options(superuser: ""), "not accepted"),
    ])
    func refusesBadOptions(options: PostgresDevServer.Options, message: String) {
        #expect { try PostgresDevServer(options) } throws: { "\($0)".contains(message) }
    }
}

@Suite struct PostgresToolsTests {
    @Test func missingToolsSayWhatToInstall() {
        #expect {
            try PostgresTools.locate(environment: ["PATH": "/nonexistent"], versionsDirectory: "/nonexistent/postgresql")
        } throws: { "\($0)".contains("apt-get install postgresql") }
    }

    @Test func versionDirectoriesNewestFirst() throws {
        let root = NSTemporaryDirectory() + "warroom-pg-versions-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for name in ["9.6", "16", "15", "notes", "10"] {
            try FileManager.default.createDirectory(atPath: root + "/" + name + "/bin", withIntermediateDirectories: true)
        }
        #expect(PostgresTools.versionDirectories(under: root) == ["16", "15", "10", "9.6"].map { root + "/" + $0 + "/bin" })
    }

    @Test func findsTheServerOffPathInTheNewestVersion() throws {
        let root = NSTemporaryDirectory() + "warroom-pg-tools-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for version in ["14", "15"] {
            let bin = root + "/" + version + "/bin"
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            for tool in ["initdb", "pg_ctl", "postgres", "psql"] {
                FileManager.default.createFile(atPath: bin + "/" + tool, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
            }
        }
        // 16 lacks postgres: not a server directory.
        try FileManager.default.createDirectory(atPath: root + "/16/bin", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/16/bin/initdb", contents: Data(), attributes: [.posixPermissions: 0o755])
        let tools = try PostgresTools.locate(environment: ["PATH": "/nonexistent"], versionsDirectory: root)
        #expect(tools.initdb == root + "/15/bin/initdb")
        #expect(tools.postgres == root + "/15/bin/postgres")
        #expect(tools.psql == root + "/15/bin/psql")
    }
}

/// The suite's server, made once on first use; a failure to make it is reported by every test.
final class Shared: Sendable {
    private let made: Result<PostgresDevServer, PostgresDevServerError>
    private let other: Result<String, PostgresDevServerError>

    init() {
        let server: PostgresDevServer
        do {
            server = try PostgresDevServer(.init(tls: true, durable: false))
        } catch {
            made = .failure(error as? PostgresDevServerError ?? PostgresDevServerError("\(error)"))
            other = .failure(PostgresDevServerError("no server"))
            return
        }
        made = .success(server)
        do {
            // Inside the server's directory, which goes with it when the test process ends.
            other = .success(try DevCertificates.make(in: server.directory + "/other-ca", name: "someone else").authorityCertificate)
        } catch {
            other = .failure(error as? PostgresDevServerError ?? PostgresDevServerError("\(error)"))
        }
    }

    func server() throws -> PostgresDevServer { try made.get() }
    func otherAuthority() throws -> String { try other.get() }
}

/// A socket listening on a free loopback port, closed on deinit.
final class Listener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic -> Int32 in
                guard bind(descriptor, generic, length) == 0, listen(descriptor, 1) == 0 else { return -1 }
                return getsockname(descriptor, generic, &length)
            }
        }
        guard bound == 0 else { throw PostgresDevServerError("cannot listen on a free port") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

/// psql as a client would run it: the password in its environment, never in argv.
enum Client {
    static func psql(_ connection: String, _ sql: String, password: String? = nil) throws -> ChildProcess.Outcome {
        let scratch = NSTemporaryDirectory()
        var environment = ["PGCONNECT_TIMEOUT": "10", "HOME": scratch + "/warroom-no-home", "PGPASSFILE": "/nonexistent"]
        environment["PGPASSWORD"] = password ?? ""
        return try ChildProcess.run(try PostgresTools.locate().psql, ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-w", "-c", sql, connection],
                                    environment: environment, scratch: scratch)
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
