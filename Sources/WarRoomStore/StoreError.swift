import Foundation
import WarRoomCore

/// Why the store refused to open a file, or why a read or write failed.
///
/// Every refusal to open leaves the file exactly as it was; every failed write is rolled back.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--store` (or `$WARROOM_STORE`) is not a location warroom can read.
    case invalidLocation(location: String, reason: String)
    /// No store at the path, and the command only reads, so none was created.
    case noStore(path: String)
    /// The file exists but does not start with the SQLite header.
    case notSQLite(path: String)
    /// The file is an SQLite database, but not a warroom store.
    case foreignDatabase(path: String, applicationID: Int32)
    /// The file looks like SQLite but SQLite could not read it (damaged, encrypted, …).
    case unreadable(path: String, message: String)
    /// The store was written by a newer warroom with a schema this build does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The path names something other than a regular file (a directory, a socket, …).
    case notAFile(path: String)
    /// The directory that should hold the store could not be created.
    case cannotCreateDirectory(directory: String, reason: String)
    /// The store file could not be created in its directory.
    case cannotCreateFile(path: String, directory: String, reason: String)
    /// The file could not be opened or read (permissions, I/O).
    case cannotOpen(path: String, reason: String)
    /// No incident with that id in the store.
    case unknownIncident(path: String, incident: IncidentID)
    /// An event handed to `append`/`declare` names another incident than the one written to.
    case incidentMismatch(path: String, event: UUID, expected: IncidentID, found: IncidentID)
    /// `declare` was handed no declaration as the first event.
    case noDeclaration(path: String)
    /// A stored event's JSON could not be decoded.
    case corruptEvent(path: String, incident: IncidentID, sequence: Int64, reason: String)
    /// An event could not be encoded as JSON.
    case encodingFailed(path: String, event: UUID, reason: String)
    /// Another writer held the store's write lock for too long.
    case busy(path: String, seconds: Int)
    /// SQLite reported an error outside a write transaction (reads, setup).
    case sqlite(path: String, operation: String, code: Int32, message: String)
    /// SQLite reported an error inside a write transaction, which was rolled back.
    case writeFailed(path: String, operation: String, code: Int32, message: String)
    /// The store's server could not be reached, or the connection dropped: nothing is known to be
    /// written. With `mayHaveCommitted` the connection dropped after COMMIT was sent, so the write
    /// may be stored; a retry with the same event ids is safe either way (ids are stored once).
    case unreachable(location: String, operation: String, reason: String, mayHaveCommitted: Bool)
    /// The store only lets this user read (a PostgreSQL role without INSERT, say): nothing is written.
    case readOnly(location: String, reason: String)
    /// The store's server refused a statement (PostgreSQL's SQLSTATE and message).
    case server(location: String, operation: String, code: String, message: String)

    public var description: String {
        switch self {
        case .invalidLocation(let location, let reason):
            return "'\(location)' is not a store location: \(reason); accepted: \(StoreLocation.accepted); "
                + "nothing was opened"
        case .noStore(let path):
            return "no warroom store at \(path) (nothing was created there): check --store or $WARROOM_STORE"
        case .notSQLite(let path):
            return "\(path) is not a warroom store (not an SQLite database); it was left untouched"
        case .foreignDatabase(let path, let applicationID):
            let owner = applicationID == 0
                ? "it has other tables and no warroom application id"
                : "its application id is 0x\(String(UInt32(bitPattern: applicationID), radix: 16, uppercase: true)), "
                    + "not warroom's 0x\(String(UInt32(bitPattern: SQLiteSchema.applicationID), radix: 16, uppercase: true))"
            return "\(path) is not a warroom store (an SQLite database of another program: \(owner)); "
                + "it was left untouched"
        case .unreadable(let path, let message):
            return "\(path) could not be read as an SQLite database (\(message)); it was left untouched"
        case .newerSchema(let path, let found, let supported):
            return "\(path) was written by a newer warroom (schema \(found); this one reads up to "
                + "\(supported)); it was left untouched"
        case .notAFile(let path):
            return "\(path) is not a regular file, so it cannot be a warroom store; nothing was changed"
        case .cannotCreateDirectory(let directory, let reason):
            return "cannot create the directory \(directory) for the warroom store: \(reason); nothing was changed"
        case .cannotCreateFile(let path, let directory, let reason):
            return "cannot create the warroom store \(path) in the directory \(directory): \(reason); "
                + "nothing was changed"
        case .cannotOpen(let path, let reason):
            return "cannot open the warroom store \(path): \(reason); nothing was changed"
        case .unknownIncident(let path, let incident):
            return "\(path) has no incident \(incident); nothing was changed"
        case .incidentMismatch(let path, let event, let expected, let found):
            return "event \(event.uuidString) names incident \(found) but was written to \(expected) "
                + "in \(path); the transaction was rolled back, nothing was written"
        case .noDeclaration(let path):
            return "\(path): an incident starts with its declaration, and none was given; nothing was written"
        case .corruptEvent(let path, let incident, let sequence, let reason):
            return "\(path): event #\(sequence) of \(incident) cannot be read (\(reason)); the store was not changed "
                + "(`warroom check` lists every damaged event)"
        case .encodingFailed(let path, let event, let reason):
            return "\(path): event \(event.uuidString) cannot be encoded (\(reason)); nothing was written"
        case .busy(let path, let seconds):
            return "\(path) stayed locked by another warroom writer for \(seconds) s; nothing was written, "
                + "try again"
        case .sqlite(let path, let operation, let code, let message):
            return "\(path): \(operation) failed: \(message) (SQLite error \(code))"
        case .writeFailed(let path, let operation, let code, let message):
            return "\(path): \(operation) failed: \(message) (SQLite error \(code)); "
                + "the transaction was rolled back, nothing was written"
        case .unreachable(let location, let operation, let reason, let mayHaveCommitted):
            return "\(location): \(operation) failed: the server cannot be reached (\(reason)); "
                + (mayHaveCommitted ? "the write may or may not be stored (a retry is safe: it is stored once)"
                                    : "nothing was written")
        case .readOnly(let location, let reason):
            return "\(location): \(reason); nothing was written"
        case .server(let location, let operation, let code, let message):
            return "\(location): \(operation) failed: \(message) (PostgreSQL error \(code)); "
                + "the transaction was rolled back, nothing was written"
        }
    }
}

extension StoreError {
    /// True when the server could not be reached: what the offline spool keeps entries for. Every
    /// other error is an answer (a refusal, a damaged store) that retrying would not change.
    public var isUnreachable: Bool {
        if case .unreachable = self { return true }
        return false
    }
}

extension StoreError: LocalizedError {
    public var errorDescription: String? { description }
}
