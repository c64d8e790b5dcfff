import Testing
import WarRoomStore

/// A `postgresql://` store location read as libpq reads it (issue 12's first step): the URL, then
/// `PG*`, then defaults; the password from the URL, `PGPASSWORD` or the password file; every typo
/// refused with what is accepted, and no password in any message.
@Suite("PostgreSQL settings")
struct PostgresSettingsTests {
    static let env = ["USER": "alice"]

    @Test("URLs in the forms people write", arguments: [
        ("postgresql://bob@db.internal:6543/warroom?sslmode=verify-full", "db.internal", 6543, "bob", "warroom",
         PostgresSettings.TLSMode.verifyFull as PostgresSettings.TLSMode?),
        ("postgres://db.internal/warroom", "db.internal", 5432, "alice", "warroom", nil),
        ("postgresql://", "localhost", 5432, "alice", "alice", nil),
        ("postgresql://[::1]:5433/w?sslmode=disable", "::1", 5433, "alice", "w", .disable),
        ("postgresql://carol%40corp@h/my%20db?sslmode=REQUIRE", "h", 5432, "carol@corp", "my db", .require),
        ("POSTGRESQL://h:5432/w?sslmode=verify-ca&sslrootcert=/etc/ca.pem&application_name=warroom", "h", 5432, "alice", "w", .verifyCA),
    ])
    func forms(_ url: String, _ host: String, _ port: Int, _ user: String, _ database: String,
               _ tls: PostgresSettings.TLSMode?) throws {
        let settings = try PostgresSettings.parse(url, environment: Self.env)
        #expect(settings.host == host && settings.port == port && settings.user == user && settings.database == database,
                "\(settings)")
        #expect(settings.tlsMode == tls)
        #expect(settings.password == nil)
    }

    @Test("What the URL leaves out comes from PG* variables; the URL wins over them")
    func environment() throws {
        let env = ["USER": "alice", "PGHOST": "pg.env", "PGPORT": "7000", "PGUSER": "envuser", "PGDATABASE": "envdb",
                   "PGSSLMODE": "verify-full", "PGSSLROOTCERT": "/ca.pem", "PGPASSWORD": "from-env"]
        let filled = try PostgresSettings.parse("postgresql://", environment: env)
        #expect(filled == PostgresSettings(host: "pg.env", port: 7000, user: "envuser", database: "envdb",
                                           password: "from-env", tlsMode: .verifyFull, rootCertificate: "/ca.pem"))
        let given = try PostgresSettings.parse("postgresql://u:pw@h:1/d?sslmode=disable", environment: env)
        #expect(given == PostgresSettings(host: "h", port: 1, user: "u", database: "d", password: "pw",
                                          tlsMode: .disable, rootCertificate: "/ca.pem"))
    }

    @Test("The password file: first matching line, * matches anything, escapes, comments")
    func passwordFile() throws {
        let file = """
        # host:port:database:user:password
        other:5432:*:alice:wrong
        db.internal:5432:warroom:alice:s3cr\\:et\\\\x
        *:*:*:alice:fallback
        """
        let exact = try PostgresSettings.parse("postgresql://db.internal/warroom", environment: Self.env, passwordFile: file)
        #expect(exact.password == "s3cr:et\\x")
        let wildcard = try PostgresSettings.parse("postgresql://elsewhere:6000/x", environment: Self.env, passwordFile: file)
        #expect(wildcard.password == "fallback")
        let nobody = try PostgresSettings.parse("postgresql://bob@elsewhere/x", environment: Self.env, passwordFile: file)
        #expect(nobody.password == nil)
        let fromURL = try PostgresSettings.parse("postgresql://alice:typed@db.internal/warroom", environment: Self.env,
                                                 passwordFile: file)
        #expect(fromURL.password == "typed", "the URL's password wins over the file")
    }

    @Test("Typos and impossible values are refused with what is accepted; the password never shows", arguments: [
        ("postgresql://u:hunter2@h/d?sslmod=require", "unknown parameter 'sslmod' (did you mean 'sslmode'?)"),
        ("postgresql://u:hunter2@h/d?sslmode=verify_full", "unknown sslmode 'verify_full' (did you mean 'verify-full'?)"),
        ("postgresql://u:hunter2@h/d?sslmode=prefer", "use disable, require, verify-ca or verify-full"),
        ("postgresql://u:hunter2@h:99999/d", "port '99999' is not a number from 1 to 65535"),
        ("postgresql://u:hunter2@h:54x/d", "port '54x'"),
        ("postgresql://u:hunter2@[::1/d", "closing ']'"),
        ("postgresql://u:hunter2@h/d?sslmode=disable&sslmode=require", "'sslmode' is given twice"),
        ("postgresql://u:hunter2@h/d%zz", "broken %-escape"),
        ("mysql://u:hunter2@h/d", "postgresql://USER@HOST:PORT/DATABASE"),
    ])
    func refused(_ url: String, _ expected: String) {
        do {
            let settings = try PostgresSettings.parse(url, environment: Self.env)
            Issue.record("accepted \(url) as \(settings)")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
            #expect(!error.description.contains("hunter2"), "the password is shown: \(error)")
            #expect(error.description.hasSuffix("nothing was opened"))
        }
    }

    @Test("No user anywhere is refused, saying how to give one")
    func noUser() {
        #expect(throws: StoreError.self) { try PostgresSettings.parse("postgresql://h/d", environment: [:]) }
    }

    @Test("Described without its password, as a URL that reads back the same")
    func description() throws {
        let settings = try PostgresSettings.parse("postgresql://u:hunter2@[::1]:5433/d?sslmode=require", environment: [:])
        #expect(settings.description == "postgresql://u@[::1]:5433/d?sslmode=require")
        var again = try PostgresSettings.parse(settings.description, environment: [:])
        again.password = settings.password
        #expect(again == settings)
    }
}

/// `connect_timeout` (or `PGCONNECT_TIMEOUT`) is honoured, and a value that is not a sane number
/// of seconds is refused rather than ignored.
@Suite("PostgreSQL connect timeout")
struct PostgresConnectTimeoutTests {
    @Test(arguments: [("postgresql://h/w?connect_timeout=2", [:], 2), ("postgresql://h/w", ["PGCONNECT_TIMEOUT": "9"], 9),
                      ("postgresql://h/w?connect_timeout=3", ["PGCONNECT_TIMEOUT": "9"], 3), ("postgresql://h/w", [:], nil)])
    func read(_ url: String, _ environment: [String: String], _ seconds: Int?) throws {
        let settings = try PostgresSettings.parse(url, environment: environment.merging(["USER": "alice"]) { a, _ in a })
        #expect(settings.connectTimeout == seconds)
    }

    @Test(arguments: ["0", "-1", "1.5", "forever", "601", ""])
    func refused(_ value: String) {
        #expect(throws: StoreError.self) {
            _ = try PostgresSettings.parse("postgresql://h/w?connect_timeout=\(value)", environment: ["USER": "alice"])
        }
    }
}
