import Foundation
import Testing
import WarRoomCore
import WarRoomStore

@Suite struct OpeningTests {
    @Test func connectionPragmasAndSchemaAreSet() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteEventStore(path: directory + "/warroom.db")
            #expect(try store.pragma("journal_mode") == "wal")
            #expect(try store.pragma("synchronous") == "2") // FULL
            #expect(try store.pragma("foreign_keys") == "1")
            #expect(try store.pragma("busy_timeout") == "5000")
            #expect(try store.pragma("user_version") == String(SQLiteEventStore.schemaVersion))
            #expect(try store.pragma("application_id") == String(0x5752_4D31))
            #expect(SQLiteEventStore.applicationID == 0x5752_4D31)
            // The schema's tables and primary key.
            #expect(try store.pragma("table_info(incidents)") != nil)
            #expect(try store.pragma("table_info(events)") != nil)
            #expect(try store.pragma("index_list(events)") != nil)
        }
    }

    @Test func newStoreFileIsPrivateAndItsDirectoryIsCreated() throws {
        try withTemporaryDirectory { directory in
            let parent = directory + "/data/warroom"
            let path = parent + "/warroom.db"
            let store = try SQLiteEventStore(path: path)
            try declareIncident(store)
            #expect(permissions(path) == 0o600)
            #expect(permissions(parent) == 0o700)
            #expect(permissions(directory + "/data") == 0o700)
            if exists(path + "-wal") { #expect(permissions(path + "-wal") == 0o600) }
        }
    }

    @Test func anEmptyFileBecomesAStore() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let store = try SQLiteEventStore(path: path)
            #expect(try declareIncident(store) == "INC-1")
        }
    }

    @Test func aTextFileIsRefusedAndLeftUntouched() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/x.db"
            try Data("these are my notes, not a database\n".utf8).write(to: URL(fileURLWithPath: path))
            expectRefusedUntouched(path, .notSQLite(path: path))
            let error = StoreError.notSQLite(path: path)
            #expect(error.description == "\(path) is not a warroom store (not an SQLite database); it was left untouched")
        }
    }

    @Test func randomBytesAreRefusedAndLeftUntouched() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/x.db"
            var generator = SystemRandomNumberGenerator()
            let bytes = Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try bytes.write(to: URL(fileURLWithPath: path))
            expectRefusedUntouched(path, .notSQLite(path: path))
            // Shorter than the SQLite magic, too.
            try Data("SQLite".utf8).write(to: URL(fileURLWithPath: path))
            expectRefusedUntouched(path, .notSQLite(path: path))
        }
    }

    @Test func aDamagedSQLiteHeaderIsRefusedAndLeftUntouched() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/x.db"
            var bytes = Data("SQLite format 3".utf8) + Data([0])
            bytes += Data(repeating: 0, count: 4096) // page size 0: not a database
            try bytes.write(to: URL(fileURLWithPath: path))
            let before = fileBytes(path)
            do {
                _ = try SQLiteEventStore(path: path)
                Issue.record("a damaged file was opened")
            } catch let error as StoreError {
                guard case .unreadable(let named, _) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(named == path)
                #expect(error.description.hasSuffix("it was left untouched"))
            }
            #expect(fileBytes(path) == before)
            #expect(!exists(path + "-wal") && !exists(path + "-shm"))
        }
    }

    @Test func aForeignSQLiteDatabaseIsRefusedAndLeftUntouched() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/other.db"
            try rawSQL(path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
            expectRefusedUntouched(path, .foreignDatabase(path: path, applicationID: 0))
            #expect(StoreError.foreignDatabase(path: path, applicationID: 0).description
                .hasPrefix("\(path) is not a warroom store"))
        }
    }

    @Test func aForeignWALDatabaseIsRefusedWithoutLeavingLogFiles() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/other.db"
            try rawSQL(path, "PRAGMA journal_mode=WAL; CREATE TABLE recipes (name TEXT);")
            #expect(!exists(path + "-wal"))
            expectRefusedUntouched(path, .foreignDatabase(path: path, applicationID: 0))
        }
    }

    @Test func anotherApplicationsDatabaseIsRefusedAndLeftUntouched() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/other.db"
            try rawSQL(path, "PRAGMA application_id = 1234; CREATE TABLE t (x);")
            expectRefusedUntouched(path, .foreignDatabase(path: path, applicationID: 1234))
        }
    }

    @Test func aNewerSchemaIsRefusedAndLeftUntouched() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            do {
                let store = try SQLiteEventStore(path: path)
                try declareIncident(store)
            }
            try rawSQL(path, "PRAGMA user_version = 99;")
            #expect(!exists(path + "-wal"))
            let latest = SQLiteEventStore.schemaVersion
            expectRefusedUntouched(path, .newerSchema(path: path, found: 99, supported: latest))
            #expect(StoreError.newerSchema(path: path, found: 99, supported: latest).description
                == "\(path) was written by a newer warroom (schema 99; this one reads up to \(latest)); "
                + "it was left untouched")
        }
    }

    @Test func aDirectoryIsNotAStore() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            #expect(throws: StoreError.notAFile(path: path)) { _ = try SQLiteEventStore(path: path) }
        }
    }

    @Test func aDirectoryThatCannotBeCreatedIsNamed() throws {
        try withTemporaryDirectory { directory in
            let file = directory + "/file.txt"
            try Data("x".utf8).write(to: URL(fileURLWithPath: file))
            let path = file + "/sub/warroom.db"
            do {
                _ = try SQLiteEventStore(path: path)
                Issue.record("opened a store under a regular file")
            } catch let error as StoreError {
                guard case .cannotCreateDirectory(let named, let reason) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(named == file + "/sub")
                #expect(reason.contains(file))
                #expect(error.description.contains(file + "/sub"))
                #expect(error.description.hasSuffix("nothing was changed"))
            }
            #expect(fileBytes(file) == Data("x".utf8))
        }
    }
}
