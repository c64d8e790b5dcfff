import Foundation
import WarRoomCore

/// Where and how to reach a PostgreSQL store, read as libpq reads it: a `postgresql://` (or
/// `postgres://`) URL, then the `PG*` environment variables for what the URL leaves out, then the
/// defaults; the password from the URL, else `PGPASSWORD`, else the password file (`PGPASSFILE`,
/// else `~/.pgpass`). Pure: the environment and the password file's text are passed in.
public struct PostgresSettings: Hashable, Sendable, CustomStringConvertible {
    /// How the connection is protected (libpq's `sslmode`).
    public enum TLSMode: String, CaseIterable, Sendable {
        /// No TLS.
        case disable
        /// TLS, without checking the server's certificate.
        case require
        /// TLS, the certificate signed by a trusted CA.
        case verifyCA = "verify-ca"
        /// TLS, the certificate signed by a trusted CA and naming the host.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    /// Nil: none given anywhere (a server that needs one refuses, and says so).
    public var password: String?
    /// Nil when neither the URL nor `PGSSLMODE` says: the backend decides.
    public var tlsMode: TLSMode?
    /// A CA bundle to trust instead of the system's (`sslrootcert`).
    public var rootCertificate: String?
    /// Seconds a connection attempt may take (`connect_timeout`, `PGCONNECT_TIMEOUT`); nil: 5.
    public var connectTimeout: Int?

    /// Settings from their parts (a test's, or a backend's own).
    public init(host: String, port: Int, user: String, database: String, password: String?,
                tlsMode: TLSMode?, rootCertificate: String?) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.password = password
        self.tlsMode = tlsMode
        self.rootCertificate = rootCertificate
    }

    /// The query parameters warroom reads; any other is refused, so a typo is never ignored.
    static let parameters = ["sslmode", "sslrootcert", "application_name", "connect_timeout"]

    /// Reads `url`, filling what it leaves out from `environment` (`PGHOST`, `PGPORT`, `PGUSER`,
    /// `PGDATABASE`, `PGPASSWORD`, `PGSSLMODE`, `PGSSLROOTCERT`; `USER` for the user) and the
    /// password from `passwordFile` (the text of `PGPASSFILE` or `~/.pgpass`, when readable).
    public static func parse(_ url: String, environment: [String: String],
                             passwordFile: String? = nil) throws(StoreError) -> PostgresSettings {
        func refuse(_ problem: String) -> StoreError {
            .invalidLocation(location: StoreLocation.redacted(url), reason: problem)
        }
        guard let schemeEnd = url.range(of: "://"),
              ["postgresql", "postgres"].contains(url[..<schemeEnd.lowerBound].lowercased()) else {
            throw refuse("a PostgreSQL store is postgresql://USER@HOST:PORT/DATABASE")
        }
        var rest = Substring(url[schemeEnd.upperBound...])
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") { query = rest[rest.index(after: mark)...]; rest = rest[..<mark] }
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") { path = rest[rest.index(after: slash)...]; rest = rest[..<slash] }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") { userInfo = rest[..<at]; rest = rest[rest.index(after: at)...] }

        var urlUser: String?, urlPassword: String?
        if let userInfo {
            let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            urlUser = try decoded(parts[0], "user name", refuse)
            if parts.count == 2 { urlPassword = try decoded(parts[1], "password", refuse) }
        }
        var urlHost: String?, urlPort: String?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw refuse("an IPv6 host needs its closing ']'") }
            urlHost = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw refuse("after ']' only :PORT may follow") }
                urlPort = String(after.dropFirst())
            }
        } else if let colon = rest.lastIndex(of: ":") {
            urlHost = String(rest[..<colon])
            urlPort = String(rest[rest.index(after: colon)...])
        } else if !rest.isEmpty {
            urlHost = String(rest)
        }
        if urlHost?.isEmpty == true { urlHost = nil }

        var values: [String: String] = [:]
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try decoded(kv[0], "parameter", refuse)
            guard parameters.contains(key) else {
                throw refuse("unknown parameter '\(key)'\(Suggestion.didYouMean(key, among: parameters))"
                    + ": use \(Choices.list(parameters))")
            }
            guard values[key] == nil else { throw refuse("'\(key)' is given twice") }
            values[key] = kv.count == 2 ? try decoded(kv[1], key, refuse) : ""
        }

        let host = urlHost ?? environment["PGHOST"]?.nonEmpty ?? "localhost"
        let portText = urlPort?.nonEmpty ?? environment["PGPORT"]?.nonEmpty ?? "5432"
        guard portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber), let port = Int(portText),
              (1...65535).contains(port) else {
            throw refuse("port '\(portText)' is not a number from 1 to 65535")
        }
        guard let user = urlUser?.nonEmpty ?? environment["PGUSER"]?.nonEmpty ?? environment["USER"]?.nonEmpty else {
            throw refuse("no user: give one (postgresql://USER@HOST/DATABASE) or set PGUSER")
        }
        let database = try decoded(path, "database name", refuse).nonEmpty ?? environment["PGDATABASE"]?.nonEmpty ?? user
        var tlsMode: TLSMode?
        if let mode = values["sslmode"] ?? environment["PGSSLMODE"]?.nonEmpty {
            guard let known = TLSMode(rawValue: mode.lowercased()) else {
                let names = TLSMode.allCases.map(\.rawValue)
                throw refuse("unknown sslmode '\(mode)'\(Suggestion.didYouMean(mode, among: names)): use \(Choices.list(names))")
            }
            tlsMode = known
        }
        var connectTimeout: Int?
        if let text = values["connect_timeout"] ?? environment["PGCONNECT_TIMEOUT"]?.nonEmpty {
            guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Int(text), (1...600).contains(seconds) else {
                throw refuse("connect_timeout '\(text)' is not a number of seconds from 1 to 600")
            }
            connectTimeout = seconds
        }
        let password = urlPassword ?? environment["PGPASSWORD"]
            ?? passwordFile.flatMap { PasswordFile.lookup($0, host: host, port: port, database: database, user: user) }
        var settings = PostgresSettings(host: host, port: port, user: user, database: database, password: password,
                                        tlsMode: tlsMode, rootCertificate: values["sslrootcert"] ?? environment["PGSSLROOTCERT"]?.nonEmpty)
        settings.connectTimeout = connectTimeout
        return settings
    }

    /// The store as people may see it: never the password.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgresql://\(user)@\(shownHost):\(port)/\(database)" + (tlsMode.map { "?sslmode=\($0.rawValue)" } ?? "")
    }

    /// A password-file line that gives this password to exactly this host, port, database and
    /// user, or nil when there is no password: how a process warroom starts gets it without the
    /// password ever being in its arguments (`share`).
    public var passwordFileLine: String? {
        password.map { PasswordFile.line(host: host, port: port, database: database, user: user, password: $0) }
    }

    /// Percent-decoded `text`, or a refusal naming `what`.
    private static func decoded(_ text: Substring, _ what: String,
                                _ refuse: (String) -> StoreError) throws(StoreError) -> String {
        guard let value = String(text).removingPercentEncoding else {
            throw refuse("the \(what) has a broken %-escape")
        }
        return value
    }
}

/// libpq's password file: `host:port:database:user:password` a line, `*` matching anything,
/// `\:` and `\\` escaping, `#` starting a comment; the first matching line wins.
enum PasswordFile {
    static func lookup(_ text: String, host: String, port: Int, database: String, user: String) -> String? {
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = self.fields(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The line that `lookup` finds for exactly these settings, `\\` and `:` escaped.
    static func line(host: String, port: Int, database: String, user: String, password: String) -> String {
        [host, String(port), database, user, password].map {
            $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ":", with: "\\:")
        }.joined(separator: ":")
    }

    /// The line's fields, unescaped.
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false }
            else if character == "\\" { escaped = true }
            else if character == ":" && fields.count < 4 { fields.append(current); current = "" }
            else { current.append(character) }
        }
        fields.append(current)
        return fields
    }
}

extension String {
    /// Nil for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
