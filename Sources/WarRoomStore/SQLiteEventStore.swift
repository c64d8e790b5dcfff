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

/// The embedded event store: one SQLite file in WAL mode, shared by every warroom process on the
/// host. Every write is one `BEGIN IMMEDIATE … COMMIT` with `synchronous=FULL`, durable when the
/// call returns; events are append-only (triggers in the schema refuse UPDATE and DELETE).
///
/// Opening never alters a file that is not a warroom store, nor one written by a newer warroom:
/// such files are recognised before SQLite is allowed to write to them, and refused.
///
/// Use an instance from one thread at a time.
public final class SQLiteEventStore: EventStore, EventLogRows, InboxRows {
    /// The store file, as given.
    public let path: String
    /// The file's identity: its canonical absolute path, and the path as given.
    public let identity: StoreIdentity
    /// The schema version this build writes and the newest it reads (`PRAGMA user_version`).
    public static let schemaVersion = SQLiteSchema.latestVersion
    /// The `PRAGMA application_id` of every warroom store ("WRM1").
    public static let applicationID = SQLiteSchema.applicationID

    let connection: SQLiteConnection
    /// Writes bodies and reads them back (its decoder reads every stored body).
    var coder = EventLog.Coder()
    private var lastDataVersion: Int64

    // MARK: Opening

    /// Opens the store at `path`, creating it (and its directory, mode 0700; the file, mode 0600)
    /// when missing, and migrating an older schema. Throws `StoreError` and leaves the file
    /// untouched when it is not a warroom store or was written by a newer warroom. With `create`
    /// false (commands that only read), a missing file is `StoreError.noStore` and nothing is made.
    public init(path: String, create: Bool = true) throws {
        self.path = path

        if !create, try StoreFile.inspect(path) == .missing { throw StoreError.noStore(path: path) }
        try StoreFile.createDirectory(StoreFile.directory(of: path))
        var found = try StoreFile.inspect(path)
        if found == .missing, try !StoreFile.createFile(path) {
            found = try StoreFile.inspect(path) // another process created it meanwhile
        }
        if case .sqlite(let applicationID, _) = found {
            try Self.inspectExisting(path: path, headerApplicationID: applicationID)
        }

        let directory = StoreFile.directory(of: path)
        guard access(directory, W_OK | X_OK) == 0 else {
            throw StoreError.cannotOpen(path: path, reason: "the directory \(directory) is not writable "
                                        + "(the store keeps its -wal and -shm files beside it)")
        }
        connection = try SQLiteConnection(filename: path, path: path, flags: SQLITE_OPEN_READWRITE)
        guard sqlite3_db_readonly(connection.db, "main") == 0 else {
            throw StoreError.cannotOpen(path: path, reason: "the file is not writable")
        }
        try Self.configure(connection)
        lastDataVersion = try connection.scalarInt("PRAGMA data_version", "reading data_version")
        identity = .sqlite(path: path) // after opening: the file exists, so its links resolve
    }

    /// Reads an existing SQLite file's identity without changing it (read-only; `immutable` unless
    /// a write-ahead log holds data) and refuses foreign or newer files.
    private static func inspectExisting(path: String, headerApplicationID: Int32) throws {
        let walHoldsData = (StoreFile.size(path + "-wal") ?? 0) > 0
        if headerApplicationID != 0, headerApplicationID != SQLiteSchema.applicationID {
            // Foreign, whatever the log says: an application id is not taken back.
            throw StoreError.foreignDatabase(path: path, applicationID: headerApplicationID)
        }
        let inspector: SQLiteConnection
        do {
            inspector = try SQLiteConnection(
                filename: StoreFile.uri(path, query: walHoldsData ? "mode=ro" : "immutable=1"),
                path: path, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_URI)
            sqlite3_busy_timeout(inspector.db, SQLiteConnection.busyTimeoutMillis)
        } catch StoreError.cannotOpen(_, let reason) {
            throw StoreError.unreadable(path: path, message: reason)
        }
        let identity: Identity
        do {
            identity = try Identity(inspector)
        } catch StoreError.sqlite(_, _, _, let message) {
            throw StoreError.unreadable(path: path, message: message)
        }
        try identity.validate(path: path)
    }

    /// What makes an SQLite file a warroom store.
    private struct Identity {
        var applicationID: Int32
        var userVersion: Int
        var schemaObjects: Int64

        init(_ connection: SQLiteConnection) throws {
            applicationID = Int32(truncatingIfNeeded: try connection.scalarInt(
                "PRAGMA application_id", "reading application_id"))
            userVersion = Int(try connection.scalarInt("PRAGMA user_version", "reading user_version"))
            schemaObjects = try connection.scalarInt("SELECT count(*) FROM sqlite_master", "reading the schema")
        }

        /// A blank database (nothing in it) becomes a store; so does ours at any known version.
        var isBlank: Bool { applicationID == 0 && userVersion == 0 && schemaObjects == 0 }

        func validate(path: String) throws {
            if isBlank { return }
            guard applicationID == SQLiteSchema.applicationID else {
                throw StoreError.foreignDatabase(path: path, applicationID: applicationID)
            }
            guard userVersion <= SQLiteSchema.latestVersion else {
                throw StoreError.newerSchema(path: path, found: userVersion, supported: SQLiteSchema.latestVersion)
            }
        }
    }

    /// Per-connection settings, then the schema: checked before anything is written, migrated in
    /// one write transaction that checks again.
    private static func configure(_ connection: SQLiteConnection) throws {
        sqlite3_busy_timeout(connection.db, SQLiteConnection.busyTimeoutMillis)
        try connection.execute("PRAGMA synchronous = FULL", "setting synchronous=FULL")
        try connection.execute("PRAGMA foreign_keys = ON", "enabling foreign keys")

        let identity = try Identity(connection)
        try identity.validate(path: connection.path)

        let mode = try connection.scalarText("PRAGMA journal_mode = WAL", "switching to WAL")
        guard mode?.lowercased() == "wal" else {
            throw StoreError.sqlite(path: connection.path, operation: "switching to WAL", code: SQLITE_ERROR,
                                   message: "the journal mode stayed \(mode ?? "unknown")")
        }
        if identity.applicationID == SQLiteSchema.applicationID, identity.userVersion == SQLiteSchema.latestVersion {
            return
        }
        try connection.writeTransaction("creating the schema") {
            let current = try Identity(connection) // another process may have migrated meanwhile
            try current.validate(path: connection.path)
            guard current.userVersion < SQLiteSchema.latestVersion else { return }
            for version in (current.userVersion + 1)...SQLiteSchema.latestVersion {
                for step in SQLiteSchema.migrations[version - 1] {
                    try connection.execute(step, "migrating to schema \(version)")
                }
            }
            try connection.execute("PRAGMA user_version = \(SQLiteSchema.latestVersion)", "setting user_version")
            try connection.execute("PRAGMA application_id = \(SQLiteSchema.applicationID)", "setting application_id")
        }
    }

    // MARK: EventStore

    public func append(to incident: IncidentID, knownSequence: Int64,
                       _ makeEvents: ([StoredEvent]) throws -> [Event]) throws -> AppendResult {
        try connection.writeTransaction("appending to \(incident)") {
            try EventLog.append(self, to: incident, knownSequence: knownSequence, makeEvents)
        }
    }

    public func declare(_ makeEvents: (IncidentID) throws -> [Event]) throws -> (IncidentID, [StoredEvent]) {
        try connection.writeTransaction("declaring an incident") {
            try EventLog.declare(self, makeEvents)
        }
    }

    /// Writes the events of an export as `EventLog.importEvents` says, in one write transaction.
    public func importEvents(_ events: [Event], lines: [Int], asNew: Bool) throws -> ImportResult {
        try connection.writeTransaction("importing \(events.count) events") {
            try EventLog.importEvents(self, events, lines: lines, asNew: asNew)
        }
    }

    public func events(of incident: IncidentID, after sequence: Int64) throws -> [StoredEvent] {
        let events = try readEvents(of: incident, after: sequence)
        if events.isEmpty, try !incidentExists(incident) {
            throw StoreError.unknownIncident(path: path, incident: incident)
        }
        return events
    }

    public func incidents() throws -> [IncidentRecord] {
        try connection.with("""
            SELECT id, (SELECT COALESCE(MAX(seq), 0) FROM events WHERE events.incident = incidents.id)
            FROM incidents ORDER BY created_at, number
            """) { statement in
            var records: [IncidentRecord] = []
            while try statement.step("listing incidents") {
                records.append(IncidentRecord(id: statement.text(0), lastSequence: statement.int64(1)))
            }
            return records
        }
    }

    /// Nil: opening refuses a file this process cannot write.
    public var readOnlyReason: String? { nil }

    public func hasExternalChanges() throws -> Bool {
        let version = try connection.scalarInt("PRAGMA data_version", "reading data_version")
        defer { lastDataVersion = version }
        return version != lastDataVersion
    }

    // MARK: Inbox

    public func inboxEvents(after sequence: Int64) throws -> InboxRead {
        try InboxLog.read(self, after: sequence)
    }

    public func appendInbox(knownSequence: Int64,
                            _ makeEvents: ([StoredInboxEvent]) throws -> [InboxEvent]) throws -> InboxAppendResult {
        try connection.writeTransaction("appending to the proposal inbox") {
            try InboxLog.append(self, knownSequence: knownSequence, makeEvents)
        }
    }

    // MARK: Export

    public func exportLines(of incident: IncidentID) throws -> [String] {
        let lines = try connection.with("SELECT body FROM events WHERE incident = ?1 ORDER BY seq") { statement in
            try statement.bind(1, incident)
            var lines: [String] = []
            while try statement.step("exporting \(incident)") { lines.append(statement.text(0)) }
            return lines
        }
        if lines.isEmpty, try !incidentExists(incident) {
            throw StoreError.unknownIncident(path: path, incident: incident)
        }
        return lines
    }

    // MARK: Diagnostics (tests, `warroom check`)

    /// What `health()` found (the type every backend returns).

    /// Runs `PRAGMA integrity_check` and counts each incident's events; reads only.
    public func health() throws -> StoreHealth {
        let integrity = try connection.with("PRAGMA integrity_check") { statement in
            var lines: [String] = []
            while try statement.step("checking integrity") { lines.append(statement.text(0)) }
            return lines.joined(separator: "; ")
        }
        let incidents = try connection.with(
            "SELECT i.id, COUNT(e.seq), COALESCE(MAX(e.seq), 0) FROM incidents i LEFT JOIN events e ON e.incident = i.id "
                + "GROUP BY i.id ORDER BY i.number") { statement in
            var rows: [(id: IncidentID, count: Int64, maxSequence: Int64)] = []
            while try statement.step("counting events") {
                rows.append((statement.text(0), statement.int64(1), statement.int64(2)))
            }
            return rows
        }
        return StoreHealth(integrity: integrity, incidents: incidents)
    }

    /// Every stored event of `incident` that the real reader cannot decode, by sequence number,
    /// with the reason.
    public func unreadableEvents(of incident: IncidentID) throws -> [(sequence: Int64, reason: String)] {
        try connection.with("SELECT seq, body FROM events WHERE incident = ?1 ORDER BY seq") { statement in
            try statement.bind(1, incident)
            var bad: [(sequence: Int64, reason: String)] = []
            while try statement.step("checking the events of \(incident)") {
                let sequence = statement.int64(0)
                let body = statement.borrowedBytes(1)
                do {
                    let event = try coder.decoder.decode(body)
                    if event.incident != incident {
                        bad.append((sequence, "its JSON names incident \(event.incident)"))
                    }
                } catch {
                    bad.append((sequence, DecodingErrorText.describe(error)))
                }
            }
            return bad
        }
    }

    /// The value of `PRAGMA name` on this store's own connection, as text.
    package func pragma(_ name: String) throws -> String? {
        try connection.scalarText("PRAGMA \(name)", "reading PRAGMA \(name)")
    }

    /// Runs raw SQL on this store's connection, outside the store's rules (tests only).
    package func executeRawSQL(_ sql: String) throws {
        try connection.execute(sql, "running raw SQL")
    }

    // MARK: Rows

    var storeName: String { path }

    func incidentExists(_ incident: IncidentID) throws -> Bool {
        try connection.with("SELECT 1 FROM incidents WHERE id = ?1") { statement in
            try statement.bind(1, incident)
            return try statement.step("looking up \(incident)")
        }
    }

    func incidentOfEvent(_ id: UUID) throws -> IncidentID? {
        try connection.with("SELECT incident FROM events WHERE id = ?1") { statement in
            try statement.bind(1, id.uuidString)
            return try statement.step("looking up event \(id.uuidString)") ? statement.text(0) : nil
        }
    }

    func lastSequence(of incident: IncidentID) throws -> Int64 {
        try connection.with("SELECT COALESCE(MAX(seq), 0) FROM events WHERE incident = ?1") { statement in
            try statement.bind(1, incident)
            return try statement.step("reading the last sequence of \(incident)") ? statement.int64(0) : 0
        }
    }

    func insertIncident(_ incident: IncidentID, number: Int64, createdAt: Int64) throws {
        try connection.with("INSERT INTO incidents (id, number, created_at) VALUES (?1, ?2, ?3)") { statement in
            try statement.bind(1, incident)
            try statement.bind(2, number)
            try statement.bind(3, createdAt)
            _ = try statement.step("creating incident \(incident)")
        }
    }

    func highestIncidentNumber() throws -> Int64 {
        try connection.scalarInt("SELECT COALESCE(MAX(number), 0) FROM incidents", "allocating an incident number")
    }

    func incidentNumberTaken(_ number: Int64) throws -> Bool {
        try connection.with("SELECT 1 FROM incidents WHERE number = ?1") { statement in
            try statement.bind(1, number)
            return try statement.step("looking up incident number \(number)")
        }
    }

    /// Inserts one event and its body; false when its id was already stored (then nothing is written).
    func insertEvent(_ event: Event, sequence: Int64) throws -> Bool {
        let body = try coder.body(of: event, store: path)
        return try connection.with("""
            INSERT INTO events (incident, seq, id, at, recorded_at, author, type, body)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING
            """) { statement in
            try statement.bind(1, event.incident)
            try statement.bind(2, sequence)
            try statement.bind(3, event.id.uuidString)
            try statement.bind(4, event.at.millis)
            try statement.bind(5, event.recordedAt.millis)
            try statement.bind(6, event.author)
            try statement.bind(7, event.payload.type)
            try statement.bind(8, utf8: body)
            _ = try statement.step("inserting event \(event.id.uuidString)")
            return connection.changes == 1
        }
    }

    /// Events of `incident` after `sequence`, decoded one body at a time straight from SQLite's
    /// buffer. The first body that does not decode is reported with its sequence number.
    func readEvents(of incident: IncidentID, after sequence: Int64) throws -> [StoredEvent] {
        var stored: [StoredEvent] = []
        // Sequences run 1…N without gaps, so this is how many events there are: room for them all
        // saves copying a large array as it grows.
        let expected = try lastSequence(of: incident) - sequence
        stored.reserveCapacity(Int(clamping: min(max(expected, 0), 1 << 24)))
        try connection.with("SELECT seq, body FROM events WHERE incident = ?1 AND seq > ?2 ORDER BY seq") { statement in
            try statement.bind(1, incident)
            try statement.bind(2, sequence)
            while try statement.step("reading the events of \(incident)") {
                let sequence = statement.int64(0)
                // Read in place: the bytes stay valid until the next step.
                let body = statement.borrowedBytes(1)
                do {
                    stored.append(StoredEvent(sequence: sequence, event: try coder.decoder.decode(body)))
                } catch {
                    throw StoreError.corruptEvent(path: path, incident: incident, sequence: sequence,
                                                  reason: DecodingErrorText.describe(error))
                }
            }
        }
        for entry in stored where entry.event.incident != incident {
            throw StoreError.corruptEvent(path: path, incident: incident, sequence: entry.sequence,
                                          reason: "its JSON names incident \(entry.event.incident)")
        }
        return stored
    }

    func inboxRows(after sequence: Int64) throws -> [(sequence: Int64, body: String)] {
        try connection.with("SELECT seq, body FROM inbox WHERE seq > ?1 ORDER BY seq") { statement in
            try statement.bind(1, sequence)
            var rows: [(sequence: Int64, body: String)] = []
            while try statement.step("reading the proposal inbox") { rows.append((statement.int64(0), statement.text(1))) }
            return rows
        }
    }

    func insertInboxRow(_ event: InboxEvent, sequence: Int64, body: String) throws -> Bool {
        try connection.with("""
            INSERT INTO inbox (seq, id, at, recorded_at, author, type, body)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING
            """) { statement in
            try statement.bind(1, sequence)
            try statement.bind(2, event.id.uuidString)
            try statement.bind(3, event.at.millis)
            try statement.bind(4, event.recordedAt.millis)
            try statement.bind(5, event.author)
            try statement.bind(6, event.payload.type)
            try statement.bind(7, body)
            _ = try statement.step("inserting inbox event \(event.id.uuidString)")
            return connection.changes == 1
        }
    }

    func lastInboxSequence() throws -> Int64 {
        try connection.scalarInt("SELECT COALESCE(MAX(seq), 0) FROM inbox", "reading the proposal inbox")
    }
}
