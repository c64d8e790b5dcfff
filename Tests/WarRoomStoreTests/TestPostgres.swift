import Foundation
import WarRoomDevServer
import WarRoomStore
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server the store tests share: started in a temporary directory on first use,
/// stopped and removed when the test process exits. Each test gets a database of its own, so
/// tests run in parallel against one server.
enum TestPostgres {
    /// The server, or why none could be started (PostgreSQL missing: `apt-get install postgresql`).
    static let server: Result<PostgresDevServer, any Error> = {
        do {
            // Not durable: the tests kill and restart it, which fsync off survives; only a crash
            // of the machine would not, and no test needs that.
            let server = try PostgresDevServer(.init(durable: false))
            atexit { TestPostgres.stopAtExit() }
            return .success(server)
        } catch {
            return .failure(error)
        }
    }()

    private static func stopAtExit() {
        if case .success(let server) = server { try? server.shutdown() }
    }

    /// The running server, or the reason there is none, thrown.
    static func running() throws -> PostgresDevServer {
        try server.get()
    }

    /// A new, empty database with a name of its own; returns its name and the owner's URL.
    static func freshDatabase() throws -> (name: String, url: String) {
        let server = try running()
        let name = "wr_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return (name, try server.createDatabase(name: name))
    }

    /// The database a location names (`…/NAME` at the end of its URL, before any `?`).
    static func database(of location: StoreLocation) -> String? {
        guard case .postgreSQL(let url) = location else { return nil }
        let path = url.split(separator: "?", maxSplits: 1).first ?? ""
        return path.split(separator: "/").last.map(String.init)
    }

    /// Drops a test's database, whatever still holds a connection to it.
    static func drop(_ location: StoreLocation) {
        guard let name = database(of: location), let server = try? running() else { return }
        _ = try? server.adminSQL("DROP DATABASE IF EXISTS \(PostgresDevServer.identifier(name)) WITH (FORCE);")
    }
}

extension StoreBackend {
    static let postgreSQL = StoreBackend(
        name: "PostgreSQL",
        freshLocation: { _ in .postgreSQL(url: try TestPostgres.freshDatabase().url) },
        markNewerSchema: { location in
            guard let name = TestPostgres.database(of: location) else {
                throw RawSQLError(message: "not PostgreSQL: \(location)")
            }
            try TestPostgres.running().adminSQL("UPDATE warroom_schema SET version = 99;", database: name)
            return (99, PostgresEventStore.schemaVersion)
        },
        remove: { TestPostgres.drop($0) })
}
