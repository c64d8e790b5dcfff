import CSQLite
import Foundation
import Testing
import WarRoomCore
import WarRoomStore

/// A fresh directory per test, removed afterwards.
func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("warroom-store-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try body(directory)
}

let baseTime = Timestamp(millis: 1_700_000_000_000)

func declaration(_ incident: IncidentID, id: UUID = UUID(), title: String = "t") -> Event {
    Event(id: id, incident: incident, at: baseTime, recordedAt: baseTime, author: "alice",
          payload: .declared(Declaration(title: title, severity: .sev2)))
}

func note(_ incident: IncidentID, _ text: String = "x", id: UUID = UUID(), offset: Int64 = 0) -> Event {
    Event(id: id, incident: incident, at: Timestamp(millis: baseTime.millis + offset),
          recordedAt: Timestamp(millis: baseTime.millis + offset), author: "alice",
          payload: .entry(Entry(kind: .note, text: text)))
}

/// Declares an incident with its declaration event.
@discardableResult
func declareIncident(_ store: any EventStore, title: String = "t") throws -> IncidentID {
    try store.declare { id in [declaration(id, title: title)] }.0
}

/// Runs SQL on the file through a plain SQLite connection (no warroom rules).
func rawSQL(_ path: String, _ sql: String) throws {
    var db: OpaquePointer?
    guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let db else {
        sqlite3_close_v2(db)
        throw RawSQLError(message: "cannot open \(path)")
    }
    defer { sqlite3_close_v2(db) }
    var message: UnsafeMutablePointer<CChar>?
    if sqlite3_exec(db, sql, nil, nil, &message) != SQLITE_OK {
        let text = message.map { String(cString: $0) } ?? "unknown"
        sqlite3_free(message)
        throw RawSQLError(message: text)
    }
}

struct RawSQLError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

func fileBytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

func permissions(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Int(info.st_mode & 0o777)
}

/// Asserts that opening `path` throws `expected` and changes nothing: same bytes, no -wal/-shm.
func expectRefusedUntouched(_ path: String, _ expected: StoreError,
                            sourceLocation: SourceLocation = #_sourceLocation) {
    let before = fileBytes(path)
    let walBefore = exists(path + "-wal"), shmBefore = exists(path + "-shm")
    #expect(throws: expected, sourceLocation: sourceLocation) { _ = try SQLiteEventStore(path: path) }
    #expect(fileBytes(path) == before, "the file's bytes changed", sourceLocation: sourceLocation)
    #expect(exists(path + "-wal") == walBefore, "a -wal file appeared", sourceLocation: sourceLocation)
    #expect(exists(path + "-shm") == shmBefore, "a -shm file appeared", sourceLocation: sourceLocation)
    #expect(!exists(path + "-journal"), sourceLocation: sourceLocation)
}

struct CallerError: Error, Equatable {}
