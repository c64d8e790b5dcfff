import Foundation
import Testing
import WarRoomStore

/// A backend the store contract runs against: how to make a fresh store of its own and what only
/// the backend itself can do to one. The PostgreSQL backend adds one value to `all`.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    let name: String
    /// A location where no store exists yet, private to one test. `scratch` is a fresh directory
    /// removed after the test (a server backend would name a new database instead).
    let freshLocation: @Sendable (_ scratch: String) throws -> StoreLocation
    /// Makes the store at a location look written by a newer warroom, through the backend's own
    /// means; returns the schema version it now claims and the newest this build reads.
    let markNewerSchema: @Sendable (StoreLocation) throws -> (found: Int, supported: Int)
    /// Drops what `freshLocation` made outside `scratch`.
    let remove: @Sendable (StoreLocation) -> Void

    var testDescription: String { name }

    static let sqlite = StoreBackend(
        name: "SQLite",
        freshLocation: { .sqlite(path: $0 + "/data/w.db") },
        markNewerSchema: { location in
            guard case .sqlite(let path) = location else { throw RawSQLError(message: "not SQLite: \(location)") }
            try rawSQL(path, "PRAGMA user_version = 99;")
            return (99, SQLiteEventStore.schemaVersion)
        },
        remove: { _ in })

    /// Every backend `swift test` runs the contract against.
    static let all: [StoreBackend] = [.sqlite, .postgreSQL]

    /// A fresh location, removed afterwards.
    func withLocation(_ body: (StoreLocation) throws -> Void) throws {
        try withTemporaryDirectory { scratch in
            let location = try freshLocation(scratch)
            defer { remove(location) }
            try body(location)
        }
    }

    /// A fresh, empty store opened at its location.
    func withStore(_ body: (any EventStore, StoreLocation) throws -> Void) throws {
        try withLocation { location in try body(try location.open(), location) }
    }
}

/// The built `warroom` beside the test bundle, as the CLI tests find it.
var warroomBinary: URL {
    let bundle = Bundle.main.bundleURL
    let candidates = [bundle.deletingLastPathComponent().appendingPathComponent("warroom"),
                      bundle.appendingPathComponent("warroom")]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
}
