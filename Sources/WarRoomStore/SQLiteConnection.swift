import CSQLite
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One SQLite connection and its cache of prepared statements. Used from one thread at a time.
final class SQLiteConnection {
    let db: OpaquePointer
    /// The store's path, for error messages.
    let path: String
    private var statements: [String: OpaquePointer] = [:]

    /// Opens `filename` (a path, or a `file:` URI when `flags` has `SQLITE_OPEN_URI`).
    init(filename: String, path: String, flags: Int32) throws {
        self.path = path
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(filename, &handle, flags | SQLITE_OPEN_EXRESCODE, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(handle)
            throw StoreError.cannotOpen(path: path, reason: message)
        }
        db = handle
        sqlite3_extended_result_codes(db, 1)
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    func error(_ rc: Int32, _ operation: String) -> StoreError {
        let message = String(cString: sqlite3_errmsg(db))
        return .sqlite(path: path, operation: operation, code: rc, message: message)
    }

    /// A prepared statement for `sql`, compiled once and kept.
    func statement(_ sql: String) throws -> Statement {
        if let cached = statements[sql] { return Statement(handle: cached, connection: self) }
        var handle: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard rc == SQLITE_OK, let handle else { throw error(rc, "preparing `\(sql)`") }
        statements[sql] = handle
        return Statement(handle: handle, connection: self)
    }

    /// Runs `body` with the cached statement for `sql`, then resets it and clears its bindings.
    func with<T>(_ sql: String, _ body: (Statement) throws -> T) throws -> T {
        let statement = try statement(sql)
        defer {
            sqlite3_reset(statement.handle)
            sqlite3_clear_bindings(statement.handle)
        }
        return try body(statement)
    }

    /// Runs SQL without results (several statements allowed), uncached.
    func execute(_ sql: String, _ operation: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(message)
            throw StoreError.sqlite(path: path, operation: operation, code: rc, message: text)
        }
    }

    /// The first column of the first row of `sql` as text, or nil when there is no row.
    func scalarText(_ sql: String, _ operation: String) throws -> String? {
        try with(sql) { statement in
            guard try statement.step(operation) else { return nil }
            return statement.isNull(0) ? nil : statement.text(0)
        }
    }

    /// The first column of the first row of `sql` as an integer (0 when there is no row or NULL).
    func scalarInt(_ sql: String, _ operation: String) throws -> Int64 {
        try with(sql) { statement in
            guard try statement.step(operation) else { return 0 }
            return statement.int64(0)
        }
    }

    var isInTransaction: Bool { sqlite3_get_autocommit(db) == 0 }
    var changes: Int32 { sqlite3_changes(db) }

    // MARK: Write transactions

    /// How long SQLite itself waits for a lock before reporting SQLITE_BUSY.
    static let busyTimeoutMillis: Int32 = 5_000
    /// How many times `BEGIN IMMEDIATE` is tried (each waiting up to the busy timeout).
    static let beginAttempts = 6

    /// `BEGIN IMMEDIATE`, retried while another connection holds the write lock.
    func beginImmediate(_ operation: String) throws {
        for attempt in 1...Self.beginAttempts {
            let failure: StoreError? = try with("BEGIN IMMEDIATE") { statement in
                let rc = statement.stepCode()
                if rc == SQLITE_DONE { return nil }
                if rc & 0xFF == SQLITE_BUSY || rc & 0xFF == SQLITE_LOCKED {
                    return .busy(path: path, seconds: Int(Self.busyTimeoutMillis) / 1000 * Self.beginAttempts)
                }
                return error(rc, "\(operation): beginning the write transaction")
            }
            guard let failure else { return }
            guard case .busy = failure, attempt < Self.beginAttempts else { throw failure }
            usleep(UInt32.random(in: 1_000...20_000)) // then SQLite waits again, up to the timeout
        }
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT` and returns once COMMIT succeeded. When
    /// anything throws, rolls back and rethrows: the caller's own errors unchanged, SQLite's as
    /// `StoreError.writeFailed`.
    func writeTransaction<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        try beginImmediate(operation)
        do {
            let result = try body()
            try with("COMMIT") { statement in _ = try statement.step("committing") }
            return result
        } catch let StoreError.sqlite(path, inner, code, message) {
            rollback()
            throw StoreError.writeFailed(path: path, operation: "\(operation): \(inner)", code: code, message: message)
        } catch {
            rollback()
            throw error
        }
    }

    /// Rolls back the open transaction, if any (SQLite may have rolled it back already).
    func rollback() {
        guard isInTransaction else { return }
        sqlite3_exec(db, "ROLLBACK", nil, nil, nil)
    }
}

/// A view of a prepared statement owned by a connection's cache.
struct Statement {
    let handle: OpaquePointer
    unowned let connection: SQLiteConnection

    func bind(_ index: Int32, _ value: Int64) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ index: Int32, _ value: Int64?) throws {
        if let value { try bind(index, value) } else { try check(sqlite3_bind_null(handle, index)) }
    }

    func bind(_ index: Int32, _ value: String) throws {
        try check(sqlite3_bind_text(handle, index, value, -1, csqlite_transient()))
    }

    /// Binds UTF-8 bytes as TEXT without going through `String`.
    func bind(_ index: Int32, utf8 data: Data) throws {
        let rc = data.withUnsafeBytes { raw -> Int32 in
            guard let base = raw.baseAddress else {
                return sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
            }
            return sqlite3_bind_text(handle, index, base.assumingMemoryBound(to: CChar.self),
                                     Int32(clamping: raw.count), csqlite_transient())
        }
        try check(rc)
    }

    private func check(_ rc: Int32) throws {
        if rc != SQLITE_OK { throw connection.error(rc, "binding a parameter") }
    }

    /// Steps once: true when a row is available, false when done.
    func step(_ operation: String) throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(rc, operation)
        }
    }

    /// Steps once and returns the raw result code (for callers that handle SQLITE_BUSY themselves).
    func stepCode() -> Int32 { sqlite3_step(handle) }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The column's bytes (TEXT or BLOB) without a copy, valid until the next step; empty for NULL
    /// or an empty value.
    func borrowedBytes(_ column: Int32) -> UnsafeRawBufferPointer {
        // sqlite3_column_blob then sqlite3_column_bytes is the documented safe order.
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : max(0, count))
    }

    /// Appends the column's bytes (TEXT or BLOB) to `data`; returns how many were appended.
    @discardableResult
    func appendBytes(_ column: Int32, to data: inout Data) -> Int {
        // sqlite3_column_blob then sqlite3_column_bytes is the documented safe order.
        guard let pointer = sqlite3_column_blob(handle, column) else { return 0 }
        let count = Int(sqlite3_column_bytes(handle, column))
        data.append(pointer.assumingMemoryBound(to: UInt8.self), count: count)
        return count
    }

    func bytes(_ column: Int32) -> Data {
        var data = Data()
        appendBytes(column, to: &data)
        return data
    }
}
