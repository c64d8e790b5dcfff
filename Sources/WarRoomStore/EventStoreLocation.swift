import Foundation
import WarRoomCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a store is, as `--store` or `$WARROOM_STORE` say it: a file path or `sqlite:PATH` today,
/// `postgresql://…`. The one place that turns such text into an open `any EventStore`, so a
/// new backend adds a case here and nothing in the CLI or the war room changes.
public enum StoreLocation: Hashable, Sendable, CustomStringConvertible {
    /// An SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database, as a `postgresql://` URL.
    case postgreSQL(url: String)

    /// The schemes `parse` knows, for suggestions.
    static let schemes = ["sqlite", "postgresql", "postgres"]

    /// What the store locations accepted are, for messages.
    public static let accepted = "a file path, sqlite:PATH, or postgresql://USER@HOST:PORT/DATABASE"

    /// The store to use: `explicit` (`--store`), else `$WARROOM_STORE`, else
    /// `$XDG_DATA_HOME/warroom/warroom.db`, else `$HOME/.local/share/warroom/warroom.db`.
    /// Empty values count as unset and a relative `XDG_DATA_HOME` is ignored, as the XDG spec asks.
    /// Only when `HOME` is unset too is the password database asked for the home directory.
    public static func resolve(explicit: String?, environment: [String: String]) throws -> StoreLocation {
        if let explicit, !explicit.isEmpty { return try parse(explicit) }
        if let store = environment["WARROOM_STORE"], !store.isEmpty { return try parse(store) }
        return .sqlite(path: defaultPath(environment: environment))
    }

    /// The default store file, from the XDG data directory or the home directory.
    public static func defaultPath(environment: [String: String]) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return PathText.joined(data, "warroom/warroom.db")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? passwordDatabaseHome() ?? "/"
        return PathText.joined(home, ".local/share/warroom/warroom.db")
    }

    private static func passwordDatabaseHome() -> String? {
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        let home = String(cString: directory)
        return home.isEmpty ? nil : home
    }

    /// Reads a location. Anything without a scheme is a file path, as before schemes existed (a file
    /// whose name starts with `sqlite:` is `./sqlite:…`). Text shaped like a URL of a scheme not known
    /// here is refused rather than taken for a relative path: `mysql://db/x` would otherwise create
    /// the directories `mysql:/db` and a store in them.
    public static func parse(_ text: String) throws -> StoreLocation {
        guard !text.isEmpty else {
            throw StoreError.invalidLocation(location: text, reason: "it is empty")
        }
        let scheme = Self.scheme(of: text)
        switch scheme?.lowercased() {
        case nil:
            return .sqlite(path: text)
        case "sqlite":
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("///") {
                path.removeFirst(2) // sqlite:///var/x is /var/x, as in other tools' URLs
            } else if path.hasPrefix("//") {
                throw StoreError.invalidLocation(location: text, reason: "sqlite: takes a file path, not a host "
                    + "(sqlite:/var/lib/warroom/w.db or sqlite:///var/lib/warroom/w.db)")
            }
            guard !path.isEmpty else {
                throw StoreError.invalidLocation(location: text, reason: "sqlite: needs a file path after it "
                    + "(sqlite:/var/lib/warroom/w.db)")
            }
            return .sqlite(path: path)
        case "postgresql", "postgres":
            guard text.dropFirst((scheme ?? "").count + 1).hasPrefix("//") else {
                throw StoreError.invalidLocation(location: redacted(text), reason: "a PostgreSQL store is a URL "
                    + "postgresql://USER@HOST:PORT/DATABASE")
            }
            return .postgreSQL(url: text)
        case let other?:
            throw StoreError.invalidLocation(location: redacted(text), reason: "'\(other):' is not a kind of store "
                + "warroom knows" + Suggestion.didYouMean(other, among: schemes))
        }
    }

    /// The scheme of `text` when it starts like a URL (a letter-led name of letters, digits and
    /// `+ - .`, then `:`): a scheme `parse` knows counts with the colon alone, any other name only
    /// with `://` after it, so that a relative path such as `backup:2026/w.db` stays a path.
    static func scheme(of text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon]
        guard let first = name.first, first.isASCII, first.isLetter,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        if schemes.contains(name.lowercased()) || text[colon...].hasPrefix("://") { return String(name) }
        return nil
    }

    /// Opens the store: the one factory of backends. With `create` false (commands that only read),
    /// a missing store is `StoreError.noStore` and nothing is made.
    public func open(create: Bool = true) throws -> any EventStore {
        switch self {
        case .sqlite(let path):
            return try SQLiteEventStore(path: path, create: create)
        case .postgreSQL(let url):
            return try PostgresEventStore(url: url, create: create)
        }
    }

    /// Text that `parse` reads back as this location: what to pass as `--store` to another warroom.
    public var argument: String {
        switch self {
        case .sqlite(let path):
            return (try? Self.parse(path)) == self ? path : "./" + path
        case .postgreSQL(let url):
            return url
        }
    }

    /// `argument` without any password the URL holds: what may appear in another process's
    /// arguments, where `ps` shows it to every user of the host. The user information ends at the
    /// last `@` before the path or query (a `#` in a password is the password's, as libpq reads it).
    public var argumentWithoutPassword: String {
        guard case .postgreSQL(let url) = self, let start = url.range(of: "://") else { return argument }
        let rest = url[start.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + String(url[at...])
    }

    /// The location for messages, any password in a URL replaced by `***`.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgreSQL(let url): return Self.redacted(url)
        }
    }

    /// `scheme://user:***@…`: a password typed into a URL is never repeated in a message. Everything
    /// from the first `:` after `scheme://` to the last `@` of the whole text is hidden, so that a
    /// password holding `#`, `/`, `?` or `@` (a URL libpq would misread, too) is hidden all the same;
    /// a URL with an `@` further on (in `sslrootcert=`) loses a little more than its password.
    static func redacted(_ url: String) -> String {
        guard let start = url.range(of: "://"), let at = url[start.upperBound...].lastIndex(of: "@"),
              let colon = url[start.upperBound..<at].firstIndex(of: ":") else { return url }
        return String(url[...colon]) + "***" + String(url[at...])
    }
}
