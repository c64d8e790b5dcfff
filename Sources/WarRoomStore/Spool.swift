import CSQLite
import Foundation
import WarRoomCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The offline spool of one store: entries typed while its server could not be reached, kept in
/// a local SQLite file (`STATE/spool/KEY.db`, directory 0700, file 0600) until a warroom process
/// of this user reaches the server and delivers them, in queue order; and the entries the store
/// refused on delivery, until they are shown to their author.
///
/// Use an instance from one thread at a time; several processes may share the file (SQLite's
/// locks), and `deliver` lets one of them deliver at a time (an `flock` beside it).
public final class Spool {
    /// The spool file.
    public let path: String
    /// The store's identity key the spool belongs to.
    public let storeKey: String
    let connection: SQLiteConnection
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The spool format this build writes and the newest it reads (`PRAGMA user_version`).
    public static let formatVersion = 1
    /// "WRMS": the `application_id` of every spool file.
    static let applicationID: Int32 = 0x5752_4D53

    /// The spool file of `store` under `stateDirectory`: one per store identity, named by a hash
    /// of its key (as drafts are).
    public static func path(stateDirectory: String, store: StoreIdentity) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in store.key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return PathText.joined(PathText.joined(stateDirectory, "spool"), String(hash, radix: 16) + ".db")
    }

    /// Opens (creating when missing) the spool of `store` under `stateDirectory`.
    public convenience init(stateDirectory: String, store: StoreIdentity) throws(SpoolError) {
        try self.init(path: Self.path(stateDirectory: stateDirectory, store: store), storeKey: store.key)
    }

    /// Opens the spool at `path`, creating it (directory 0700, file 0600) when missing. A file that
    /// is not a spool, is damaged, belongs to another store or was written by a newer warroom is
    /// refused and left exactly as it is: its entries may still be delivered by that warroom.
    public init(path: String, storeKey: String) throws(SpoolError) {
        self.path = path
        self.storeKey = storeKey
        do {
            try StoreFile.createDirectory(StoreFile.directory(of: path))
            var found = try StoreFile.inspect(path)
            if found == .missing, try !StoreFile.createFile(path) { found = try StoreFile.inspect(path) }
            if case .sqlite(let applicationID, let version) = found {
                try Self.check(path: path, applicationID: applicationID, version: Int(version))
            }
            connection = try SQLiteConnection(filename: path, path: path, flags: SQLITE_OPEN_READWRITE)
            sqlite3_busy_timeout(connection.db, SQLiteConnection.busyTimeoutMillis)
            try connection.execute("PRAGMA synchronous = FULL", "setting synchronous=FULL")
            try Self.migrate(connection)
            let owner = try connection.scalarText("SELECT value FROM meta WHERE key = 'store'", "reading the spool's store")
            if let owner, owner != storeKey {
                throw SpoolError(path: path, "\(path) is the offline spool of another store (\(owner)), not of \(storeKey); "
                    + "it was left as it is")
            }
            if owner == nil {
                try connection.with("INSERT INTO meta (key, value) VALUES ('store', ?1)") { statement in
                    try statement.bind(1, storeKey)
                    _ = try statement.step("recording the spool's store")
                }
            }
        } catch let error as SpoolError {
            throw error
        } catch let error as StoreError {
            throw Self.describe(error, path: path)
        } catch {
            throw SpoolError(path: path, "\(path): the offline spool cannot be opened (\(error)); it was left as it is")
        }
    }

    private static func describe(_ error: StoreError, path: String) -> SpoolError {
        let kept = "it was kept as it is (move it away to start an empty spool; entries queued in it are not delivered then)"
        switch error {
        case .notSQLite, .unreadable, .foreignDatabase:
            return SpoolError(path: path, "\(path) is not a readable warroom offline spool (damaged, or another program's "
                + "file); \(kept)")
        case .sqlite(_, let operation, _, let message), .writeFailed(_, let operation, _, let message):
            return SpoolError(path: path, "\(path): the offline spool cannot be read (\(operation): \(message)); \(kept)")
        default:
            return SpoolError(path: path, "the offline spool \(path) cannot be used: \(error)")
        }
    }

    private static func check(path: String, applicationID: Int32, version: Int) throws(SpoolError) {
        if applicationID == 0, version == 0 { return } // blank: becomes a spool
        guard applicationID == Self.applicationID else {
            throw SpoolError(path: path, "\(path) is not a warroom offline spool (an SQLite database of another kind); "
                + "it was left untouched")
        }
        guard version <= formatVersion else {
            throw SpoolError(path: path, "\(path) was written by a newer warroom (spool format \(version); this one reads "
                + "up to \(formatVersion)); it was left untouched: its entries are delivered by that warroom")
        }
    }

    private static func migrate(_ connection: SQLiteConnection) throws {
        let version = try connection.scalarInt("PRAGMA user_version", "reading the spool format")
        let application = try connection.scalarInt("PRAGMA application_id", "reading the spool's application id")
        try check(path: connection.path, applicationID: Int32(truncatingIfNeeded: application), version: Int(version))
        guard version < formatVersion else { return }
        try connection.writeTransaction("creating the offline spool") {
            let current = try connection.scalarInt("PRAGMA user_version", "reading the spool format")
            guard current < formatVersion else { return }
            try connection.execute("""
                CREATE TABLE meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE entries (
                    position INTEGER PRIMARY KEY AUTOINCREMENT,
                    incident TEXT,
                    known_sequence INTEGER NOT NULL,
                    commands TEXT NOT NULL,
                    author TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    first_id TEXT NOT NULL UNIQUE,
                    summary TEXT NOT NULL
                );
                CREATE TABLE refused (
                    position INTEGER NOT NULL PRIMARY KEY,
                    first_id TEXT NOT NULL,
                    incident TEXT,
                    author TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    summary TEXT NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE TABLE open_incident (only INTEGER NOT NULL PRIMARY KEY CHECK (only = 1), incident TEXT NOT NULL);
                PRAGMA user_version = \(formatVersion);
                PRAGMA application_id = \(applicationID);
                """, "creating the offline spool")
        }
    }

    // MARK: Entries

    /// Queues `entry` after every entry already queued; returns it with its position.
    @discardableResult
    public func enqueue(_ entry: SpoolEntry) throws(SpoolError) -> SpoolEntry {
        try guarded("queueing an entry") {
            let commands = String(decoding: try encoder.encode(entry.commands), as: UTF8.self)
            var queued = entry
            try connection.writeTransaction("queueing an entry") {
                try connection.with("""
                    INSERT INTO entries (incident, known_sequence, commands, author, at, recorded_at, first_id, summary)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                    """) { s in
                    if let incident = entry.incident { try s.bind(1, incident) } else { try s.bind(1, nil as Int64?) }
                    try s.bind(2, entry.knownSequence)
                    try s.bind(3, commands)
                    try s.bind(4, entry.author)
                    try s.bind(5, entry.at.millis)
                    try s.bind(6, entry.recordedAt.millis)
                    try s.bind(7, entry.firstID.uuidString)
                    try s.bind(8, entry.summary)
                    _ = try s.step("queueing an entry")
                }
                queued.position = sqlite3_last_insert_rowid(connection.db)
            }
            return queued
        }
    }

    /// Every queued entry, in queue order.
    public func pending() throws(SpoolError) -> [SpoolEntry] {
        try guarded("reading the queued entries") {
            try connection.with("""
                SELECT position, incident, known_sequence, commands, author, at, recorded_at, first_id, summary
                FROM entries ORDER BY position
                """) { s in
                var entries: [SpoolEntry] = []
                while try s.step("reading the queued entries") {
                    let position = s.int64(0)
                    guard let firstID = UUID(uuidString: s.text(7)) else {
                        throw SpoolError(path: path, "\(path): queued entry \(position) has no valid event id; the spool was "
                            + "kept as it is")
                    }
                    let commands: [Command]
                    do { commands = try JSONDecoder().decode([Command].self, from: s.bytes(3)) } catch {
                        throw SpoolError(path: path, "\(path): queued entry \(position) (\(s.text(8))) cannot be read "
                            + "(\(error)); the spool was kept as it is")
                    }
                    entries.append(SpoolEntry(position: position, incident: s.isNull(1) ? nil : s.text(1),
                                              knownSequence: s.int64(2), commands: commands, author: s.text(4),
                                              at: Timestamp(millis: s.int64(5)), recordedAt: Timestamp(millis: s.int64(6)),
                                              firstID: firstID, summary: s.text(8)))
                }
                return entries
            }
        }
    }

    /// How many entries are queued.
    public func count() throws(SpoolError) -> Int {
        try guarded("counting the queued entries") { Int(try connection.scalarInt("SELECT count(*) FROM entries", "counting")) }
    }

    /// Removes a delivered entry.
    func remove(_ entry: SpoolEntry) throws(SpoolError) {
        try guarded("removing a delivered entry") {
            try connection.with("DELETE FROM entries WHERE position = ?1") { s in
                try s.bind(1, entry.position)
                _ = try s.step("removing a delivered entry")
            }
        }
    }

    /// Moves a refused entry to the refusals, with the reason, in one transaction.
    func refuse(_ entry: SpoolEntry, reason: String) throws(SpoolError) -> SpoolRefusal {
        let refusal = SpoolRefusal(position: entry.position, id: entry.firstID, incident: entry.incident, author: entry.author, at: entry.at,
                                   summary: entry.summary, reason: reason)
        try guarded("keeping a refused entry") {
            try connection.writeTransaction("keeping a refused entry") {
                try connection.with("""
                    INSERT OR REPLACE INTO refused (position, incident, author, at, summary, reason, first_id)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    """) { s in
                    try s.bind(1, entry.position)
                    if let incident = entry.incident { try s.bind(2, incident) } else { try s.bind(2, nil as Int64?) }
                    try s.bind(3, entry.author)
                    try s.bind(4, entry.at.millis)
                    try s.bind(5, entry.summary)
                    try s.bind(6, reason)
                    try s.bind(7, entry.firstID.uuidString)
                    _ = try s.step("keeping a refused entry")
                }
                try connection.with("DELETE FROM entries WHERE position = ?1") { s in
                    try s.bind(1, entry.position)
                    _ = try s.step("removing a refused entry")
                }
            }
        }
        return refusal
    }

    /// The refused entries not yet shown, oldest first.
    public func refusals() throws(SpoolError) -> [SpoolRefusal] {
        try guarded("reading the refused entries") {
            try connection.with("SELECT position, incident, author, at, summary, reason, first_id FROM refused ORDER BY position") { s in
                var refusals: [SpoolRefusal] = []
                while try s.step("reading the refused entries") {
                    refusals.append(SpoolRefusal(position: s.int64(0), id: UUID(uuidString: s.text(6)) ?? UUID(), incident: s.isNull(1) ? nil : s.text(1),
                                                 author: s.text(2), at: Timestamp(millis: s.int64(3)), summary: s.text(4),
                                                 reason: s.text(5)))
                }
                return refusals
            }
        }
    }

    /// The refusals of `author`, removed from the spool: the caller shows them now.
    public func takeRefusals(of author: String) throws(SpoolError) -> [SpoolRefusal] {
        let mine = try refusals().filter { $0.author == author }
        try guarded("forgetting the refusals shown") {
            for refusal in mine {
                try connection.with("DELETE FROM refused WHERE position = ?1") { s in
                    try s.bind(1, refusal.position)
                    _ = try s.step("forgetting a refusal shown")
                }
            }
        }
        return mine
    }

    // MARK: The open incident, for commands typed offline

    /// Remembers the store's one open incident, so a command typed while the server cannot be
    /// reached knows where it goes without `--incident`.
    public func rememberOpenIncident(_ incident: IncidentID?) throws(SpoolError) {
        try guarded("remembering the open incident") {
            if let incident {
                try connection.with("INSERT OR REPLACE INTO open_incident (only, incident) VALUES (1, ?1)") { s in
                    try s.bind(1, incident)
                    _ = try s.step("remembering the open incident")
                }
            } else {
                try connection.execute("DELETE FROM open_incident", "forgetting the open incident")
            }
        }
    }

    /// The open incident last seen in the store, if there was exactly one.
    public func rememberedOpenIncident() throws(SpoolError) -> IncidentID? {
        try guarded("reading the open incident") {
            try connection.scalarText("SELECT incident FROM open_incident", "reading the open incident")
        }
    }

    /// Runs `body`, turning the store layer's errors into the spool's own.
    func guarded<T>(_ operation: String, _ body: () throws -> T) throws(SpoolError) -> T {
        do { return try body() } catch let error as SpoolError { throw error } catch let error as StoreError {
            throw Self.describe(error, path: path)
        } catch {
            throw SpoolError(path: path, "\(path): \(operation) failed: \(error)")
        }
    }
}
