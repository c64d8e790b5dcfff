import Foundation

/// Where the PostgreSQL programs a throwaway server needs are: one directory that holds `initdb`,
/// `pg_ctl` and `postgres` together (so the three are of one version), and a `psql`.
public struct PostgresTools: Sendable, Equatable {
    /// `initdb`, which creates a cluster.
    public var initdb: String
    /// `pg_ctl`, which starts and stops it.
    public var pgCtl: String
    /// `postgres`, the server itself.
    public var postgres: String
    /// `psql`, for SQL as the superuser.
    public var psql: String

    /// What to do when they are missing.
    public static let installHint = "install Debian's PostgreSQL server (apt-get install postgresql), "
        + "or put the directory holding initdb, pg_ctl and postgres on PATH"

    /// The first directory that has all three: each directory of `PATH` in order, then
    /// `/usr/lib/postgresql/VERSION/bin`, newest version first (Debian installs the server there,
    /// off PATH). `psql` is taken from the same directory when it is there, else from PATH.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              versionsDirectory: String = "/usr/lib/postgresql") throws -> PostgresTools {
        let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        let candidates = path + versionDirectories(under: versionsDirectory)
        for directory in candidates {
            let initdb = directory + "/initdb", pgCtl = directory + "/pg_ctl", postgres = directory + "/postgres"
            guard [initdb, pgCtl, postgres].allSatisfy(isExecutable) else { continue }
            let psql = isExecutable(directory + "/psql") ? directory + "/psql"
                : path.map { $0 + "/psql" }.first(where: isExecutable)
            guard let psql else {
                throw PostgresDevServerError("found initdb, pg_ctl and postgres in \(directory) but no psql: "
                    + "install Debian's PostgreSQL client (apt-get install postgresql-client)")
            }
            return PostgresTools(initdb: initdb, pgCtl: pgCtl, postgres: postgres, psql: psql)
        }
        throw PostgresDevServerError("cannot start a PostgreSQL server: initdb, pg_ctl and postgres are not on PATH "
            + "nor in \(versionsDirectory)/*/bin; " + installHint)
    }

    /// `DIR/N/bin` for each numeric version N under `directory`, highest first (16 before 9.6).
    static func versionDirectories(under directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let versions = names.compactMap { name -> ([Int], String)? in
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
            return (parts.compactMap { $0 }, name)
        }
        return versions.sorted { $0.0.lexicographicallyPrecedes($1.0) }.reversed().map { directory + "/" + $0.1 + "/bin" }
    }

    static func isExecutable(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }
}
