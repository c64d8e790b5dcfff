import Foundation
import PostgresNIO
import WarRoomCore

/// The shared event store: a PostgreSQL database that responders on several machines write to at
/// once. The same contract as `SQLiteEventStore`: every write one transaction, durable when the
/// call returns (`synchronous_commit` on for this connection); per-incident sequences 1…N without
/// gaps, because an append locks its incident's row (`FOR UPDATE`) before it numbers; declarations
/// and imports take turns under an advisory lock, so two machines never take one `INC-n`; event
/// ids unique; triggers refuse `UPDATE`, `DELETE` and `TRUNCATE` of events.
///
/// A role that may only read opens it all the same (`readOnlyReason` says why): a wall display.
/// When the server cannot be reached every call throws `StoreError.unreachable`; the next call
/// connects again. Use an instance from one thread at a time.
public final class PostgresEventStore: EventStore {
    /// `postgresql://host:port/database`, whatever user or spelling reached it.
    public let identity: StoreIdentity
    /// Where the server is and how to reach it.
    public let settings: PostgresSettings
    /// The schema version this build writes and the newest it reads.
    public static let schemaVersion = PostgresSchema.latestVersion

    let link: PostgresLink
    var coder = EventLog.Coder()
    /// Events plus incidents in the store when last looked, counting this connection's own writes:
    /// both only grow, so any other writer's commit changes it.
    private var revision: Int64 = 0
    /// Whether this user may read the proposal inbox (a role granted before it existed may not):
    /// asked once; without it, changes are looked for in the incidents only.
    private lazy var inboxReadable: Bool = {
        guard let result = try? link.query("SELECT has_table_privilege('inbox', 'SELECT')", operation: "checking privileges"),
              let cell = result.rows.first?.makeRandomAccess()[0] else { return false }
        return (try? decode(cell, Bool.self, "checking privileges")) ?? false
    }()
    public private(set) var readOnlyReason: String?

    /// Connects to the database `url` names (the environment's `PG*` variables and the password
    /// file fill what it leaves out), checks the schema — creating it, or migrating an older one,
    /// when `create` — and finds out whether this user may write. Throws `StoreError`; a database
    /// that holds tables warroom did not make, or a newer schema, is left untouched.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                create: Bool = true) throws {
        let name = StoreLocation.redacted(url)
        settings = try PostgresSettings.parse(url, environment: environment,
                                              passwordFile: Self.passwordFileText(environment: environment))
        identity = Self.identity(of: settings, name: name)
        link = PostgresLink(settings: settings, location: name)
        try prepareSchema(create: create)
        readOnlyReason = try writeRefusal()
        revision = try currentRevision()
    }

    /// The identity the store at `url` has once opened, known without reaching the server (the
    /// offline spool is named by it).
    public static func identity(url: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> StoreIdentity {
        let settings = try PostgresSettings.parse(url, environment: environment)
        return identity(of: settings, name: StoreLocation.redacted(url))
    }

    private static func identity(of settings: PostgresSettings, name: String) -> StoreIdentity {
        StoreIdentity(key: "postgresql://\(settings.host):\(settings.port)/\(settings.database)", name: name)
    }

    /// The password file libpq would read (`PGPASSFILE`, else `~/.pgpass`), when it is private to
    /// its owner: libpq ignores one that others can read, and so does this.
    static func passwordFileText(environment: [String: String]) -> String? {
        guard let path = environment["PGPASSFILE"].flatMap({ $0.isEmpty ? nil : $0 })
                ?? environment["HOME"].map({ PathText.joined($0, ".pgpass") }) else { return nil }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 == 0 else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    // MARK: Schema

    private func prepareSchema(create: Bool) throws {
        let found = try schemaState()
        switch found {
        case .current: return
        case .newer(let version):
            throw StoreError.newerSchema(path: identity.name, found: version, supported: PostgresSchema.latestVersion)
        case .foreign:
            throw StoreError.cannotOpen(path: identity.name, reason: "the database '\(settings.database)' holds tables "
                                        + "named incidents or events that warroom did not make; give warroom a database "
                                        + "of its own")
        case .missing where !create:
            throw StoreError.noStore(path: identity.name)
        case .missing, .older:
            do {
                try migrate()
            } catch StoreError.readOnly(_, let reason) {
                throw StoreError.cannotOpen(path: identity.name, reason: "user '\(settings.user)' may not create "
                                            + "warroom's tables (\(reason)); run warroom once as the database's owner")
            }
        }
    }

    private enum SchemaState: Equatable { case missing, foreign, older(Int), current, newer(Int) }

    private func schemaState() throws -> SchemaState {
        let probe = try link.query("""
            SELECT to_regclass('warroom_schema') IS NOT NULL,
                   to_regclass('incidents') IS NOT NULL OR to_regclass('events') IS NOT NULL
            """, operation: "reading the schema")
        guard let cells = probe.rows.first?.makeRandomAccess() else { return .missing }
        let hasVersion = try decode(cells[0], Bool.self, "reading the schema")
        let hasTables = try decode(cells[1], Bool.self, "reading the schema")
        guard hasVersion else { return hasTables ? .foreign : .missing }
        let result = try link.query("SELECT max(version) FROM warroom_schema", operation: "reading the schema version")
        let version = try result.rows.first.map { try decode($0.makeRandomAccess()[0], Int?.self, "reading the schema version") } ?? nil
        guard let version else { return .foreign }
        if version > PostgresSchema.latestVersion { return .newer(version) }
        return version == PostgresSchema.latestVersion ? .current : .older(version)
    }

    /// Runs the missing migrations in one transaction, under the advisory lock, checking again
    /// once it holds it (another warroom may have migrated meanwhile).
    private func migrate() throws {
        try transaction("creating the schema", counting: false) { _ in
            let current: Int
            switch try schemaState() {
            case .current: return
            case .newer(let version):
                throw StoreError.newerSchema(path: identity.name, found: version, supported: PostgresSchema.latestVersion)
            case .foreign:
                throw StoreError.cannotOpen(path: identity.name, reason: "tables named incidents or events appeared "
                                            + "that warroom did not make")
            case .missing: current = 0
            case .older(let version): current = version
            }
            for version in (current + 1)...PostgresSchema.latestVersion {
                for step in PostgresSchema.migrations[version - 1] {
                    try link.query(step, operation: "migrating to schema \(version)")
                }
            }
            try link.query("UPDATE warroom_schema SET version = $1", PostgresLink.binds(PostgresSchema.latestVersion),
                           operation: "recording the schema version")
        }
    }

    /// Why this user may not write, found from the server: a standby, a read-only session, or no
    /// INSERT on the tables.
    private func writeRefusal() throws -> String? {
        let result = try link.query("""
            SELECT pg_is_in_recovery(), current_setting('transaction_read_only') = 'on',
                   has_table_privilege('events', 'INSERT') AND has_table_privilege('incidents', 'INSERT'), current_user,
                   has_column_privilege('incidents', 'last_seq', 'UPDATE')
            """, operation: "checking privileges")
        guard let cells = result.rows.first?.makeRandomAccess() else { return nil }
        let user = try decode(cells[3], String.self, "checking privileges")
        if try decode(cells[0], Bool.self, "checking privileges") {
            return "the server is a standby, which only reads: this store may only be read from it"
        }
        if try decode(cells[1], Bool.self, "checking privileges") {
            return "the server makes every transaction of '\(user)' read-only: this store may only be read"
        }
        if try !decode(cells[2], Bool.self, "checking privileges") {
            return "user '\(user)' may only read this store (it has no INSERT privilege on the events)"
        }
        if try !decode(cells[4], Bool.self, "checking privileges") {
            return "user '\(user)' may insert but not lock an incident to append to it (no UPDATE privilege on "
                + "incidents.last_seq: `warroom store init` prints the grants a writer needs)"
        }
        return nil
    }

    private func currentRevision() throws -> Int64 {
        let inbox = inboxReadable ? " + (SELECT COALESCE(MAX(seq), 0) FROM inbox)" : ""
        let result = try link.query("SELECT (COALESCE(SUM(last_seq), 0) + COUNT(*)\(inbox))::bigint FROM incidents",
                                    operation: "looking for changes")
        return try result.rows.first.map { try decode($0.makeRandomAccess()[0], Int64.self, "looking for changes") } ?? 0
    }

    // MARK: Transactions

    /// One write transaction: BEGIN, `body`, COMMIT, rolled back on any error. With `exclusive`
    /// it first takes the store-wide advisory lock. Reaching no server before COMMIT was sent is
    /// retried twice on a new connection (nothing can have been written); a connection lost
    /// during COMMIT is thrown as `.unreachable` with `mayHaveCommitted`.
    private func transaction<T>(_ operation: String, exclusive: Bool = true, counting: Bool = true,
                                _ body: (Rows) throws -> T) throws -> T {
        if counting, let reason = readOnlyReason {
            throw StoreError.readOnly(location: identity.name, reason: reason)
        }
        var attempt = 0
        while true {
            let rows = Rows(store: self)
            do {
                try link.query("BEGIN", operation: operation)
                link.pin()
                defer { link.unpin() }
                if exclusive {
                    try link.query("SELECT pg_advisory_xact_lock($1)", PostgresLink.binds(PostgresSchema.lockKey),
                                   operation: operation)
                }
                let result = try body(rows)
                try link.query("COMMIT", operation: operation, committing: true)
                if counting { revision += rows.written }
                return result
            } catch let error as StoreError {
                if case .unreachable(_, _, _, let mayHaveCommitted) = error, !mayHaveCommitted, attempt < 2 {
                    attempt += 1
                    Thread.sleep(forTimeInterval: 0.1 * Double(attempt * attempt))
                    continue
                }
                rollback()
                throw error
            } catch {
                rollback()
                throw error
            }
        }
    }

    /// A write transaction for the search index: it changes no incident (followers need no wake-up,
    /// the change revision stays), and takes no store-wide lock.
    func searchTransaction(_ operation: String, _ body: () throws -> Void) throws {
        try transaction(operation, exclusive: false, counting: false) { _ in try body() }
    }

    private func rollback() {
        guard link.isConnected else { return }
        _ = try? link.query("ROLLBACK", operation: "rolling back")
    }

    // MARK: EventStore

    public func append(to incident: IncidentID, knownSequence: Int64,
                       _ makeEvents: ([StoredEvent]) throws -> [Event]) throws -> AppendResult {
        try transaction("appending to \(incident)", exclusive: false) { rows in
            try EventLog.append(rows, to: incident, knownSequence: knownSequence, makeEvents)
        }
    }

    public func declare(_ makeEvents: (IncidentID) throws -> [Event]) throws -> (IncidentID, [StoredEvent]) {
        try transaction("declaring an incident") { rows in try EventLog.declare(rows, makeEvents) }
    }

    public func importEvents(_ events: [Event], lines: [Int], asNew: Bool) throws -> ImportResult {
        try transaction("importing \(events.count) events") { rows in
            try EventLog.importEvents(rows, events, lines: lines, asNew: asNew)
        }
    }

    public func events(of incident: IncidentID, after sequence: Int64) throws -> [StoredEvent] {
        let events = try readEvents(of: incident, after: sequence)
        if events.isEmpty, try !incidentExists(incident, lock: false) {
            throw StoreError.unknownIncident(path: identity.name, incident: incident)
        }
        return events
    }

    public func incidents() throws -> [IncidentRecord] {
        let result = try link.query("SELECT id, last_seq FROM incidents ORDER BY created_at NULLS FIRST, number",
                                    operation: "listing incidents")
        return try result.rows.map { row in
            let cells = row.makeRandomAccess()
            return IncidentRecord(id: try decode(cells[0], String.self, "listing incidents"),
                                  lastSequence: try decode(cells[1], Int64.self, "listing incidents"))
        }
    }

    public func inboxEvents(after sequence: Int64) throws -> InboxRead {
        try InboxLog.decode(inboxRows(after: sequence), after: sequence)
    }

    /// Under an advisory lock of its own, so two appends never take one sequence and
    /// declarations do not wait for the inbox.
    public func appendInbox(knownSequence: Int64,
                            _ makeEvents: ([StoredInboxEvent]) throws -> [InboxEvent]) throws -> InboxAppendResult {
        try transaction("appending to the proposal inbox", exclusive: false) { rows in
            try link.query("SELECT pg_advisory_xact_lock($1)", PostgresLink.binds(PostgresSchema.inboxLockKey),
                           operation: "locking the proposal inbox")
            return try InboxLog.append(rows, knownSequence: knownSequence, makeEvents)
        }
    }

    func inboxRows(after sequence: Int64) throws -> [(sequence: Int64, body: String)] {
        let result = try link.query("SELECT seq, body FROM inbox WHERE seq > $1 ORDER BY seq", PostgresLink.binds(sequence),
                                    operation: "reading the proposal inbox")
        return try result.rows.map { row in
            let cells = row.makeRandomAccess()
            return (try decode(cells[0], Int64.self, "reading the proposal inbox"),
                    try decode(cells[1], String.self, "reading the proposal inbox"))
        }
    }

    /// A connection of its own that `LISTEN`s for commits (see `PostgresChangeSignal`).
    public func makeChangeSignal() throws -> (any StoreChangeSignal)? {
        try PostgresChangeSignal(settings: settings, location: identity.name)
    }

    public func hasExternalChanges() throws -> Bool {
        let now = try currentRevision()
        defer { revision = now }
        return now != revision
    }

    public func exportLines(of incident: IncidentID) throws -> [String] {
        let result = try link.query("SELECT body FROM events WHERE incident = $1 ORDER BY seq",
                                    PostgresLink.binds(incident), operation: "exporting \(incident)")
        let lines = try result.rows.map { try decode($0.makeRandomAccess()[0], String.self, "exporting \(incident)") }
        if lines.isEmpty, try !incidentExists(incident, lock: false) {
            throw StoreError.unknownIncident(path: identity.name, incident: incident)
        }
        return lines
    }

    /// The append-only triggers in place and enabled, and each incident's `last_seq` equal to its
    /// highest stored sequence; then each incident's count and highest sequence. Reads only.
    public func health() throws -> StoreHealth {
        var problems: [String] = []
        let triggers = try link.query("""
            SELECT tgname FROM pg_trigger WHERE tgrelid = 'events'::regclass AND tgenabled <> 'D'
            """, operation: "checking the triggers")
        let present = Set(try triggers.rows.map { try decode($0.makeRandomAccess()[0], String.self, "checking the triggers") })
        for name in PostgresSchema.guardTriggers where !present.contains(name) {
            problems.append("trigger \(name) is missing or disabled, so "
                            + (name == "events_inserted" ? "sequences and followers' wake-ups are not kept" : "events can be changed"))
        }
        let counts = try link.query("""
            SELECT i.id, COUNT(e.seq), COALESCE(MAX(e.seq), 0), i.last_seq
            FROM incidents i LEFT JOIN events e ON e.incident = i.id GROUP BY i.id, i.number, i.last_seq ORDER BY i.number
            """, operation: "counting events")
        var incidents: [(id: IncidentID, count: Int64, maxSequence: Int64)] = []
        for row in counts.rows {
            let cells = row.makeRandomAccess()
            let id = try decode(cells[0], String.self, "counting events")
            let maxSequence = try decode(cells[2], Int64.self, "counting events")
            let recorded = try decode(cells[3], Int64.self, "counting events")
            if recorded != maxSequence {
                problems.append("\(id) records its last sequence as \(recorded) but holds \(maxSequence)")
            }
            incidents.append((id, try decode(cells[1], Int64.self, "counting events"), maxSequence))
        }
        return StoreHealth(integrity: problems.isEmpty ? "ok" : problems.joined(separator: "; "), incidents: incidents)
    }

    public func unreadableEvents(of incident: IncidentID) throws -> [(sequence: Int64, reason: String)] {
        let result = try link.query("SELECT seq, body FROM events WHERE incident = $1 ORDER BY seq",
                                    PostgresLink.binds(incident), operation: "checking the events of \(incident)")
        var bad: [(sequence: Int64, reason: String)] = []
        for row in result.rows {
            let cells = row.makeRandomAccess()
            let sequence = try decode(cells[0], Int64.self, "checking the events of \(incident)")
            do {
                let event = try decodeBody(cells[1])
                if event.incident != incident { bad.append((sequence, "its JSON names incident \(event.incident)")) }
            } catch {
                bad.append((sequence, DecodingErrorText.describe(error)))
            }
        }
        return bad
    }

    /// The grants a role needs to record (what the README tells a team's admin to run): read
    /// everything, insert incidents and events, and lock an incident's row while appending
    /// (`FOR UPDATE` asks for UPDATE on a column; `last_seq` is kept by a trigger that runs as
    /// the owner, and one changed by hand is reported by `health()`); and keep the search index,
    /// a cache derived from the events, level with them.
    public static func writerGrants(role: String) -> String {
        let role = quotedIdentifier(role)
        return """
            GRANT SELECT ON warroom_schema, incidents, events, inbox, search_docs, incident_summaries TO \(role);
            GRANT INSERT ON incidents, events, inbox TO \(role);
            GRANT UPDATE (last_seq) ON incidents TO \(role);
            GRANT INSERT, UPDATE ON search_docs, incident_summaries TO \(role);
            """
    }

    /// The grant of a role that may only read (a wall display): the war room opens read-only.
    public static func readerGrants(role: String) -> String {
        "GRANT SELECT ON warroom_schema, incidents, events, inbox, search_docs, incident_summaries TO \(quotedIdentifier(role));"
    }

    /// `name` as an SQL identifier, in double quotes.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Runs raw SQL on this store's connection, outside the store's rules (tests only).
    package func executeRawSQL(_ sql: String) throws {
        try link.query(sql, operation: "running raw SQL")
    }

    // MARK: Rows

    func incidentExists(_ incident: IncidentID, lock: Bool) throws -> Bool {
        try !link.query("SELECT 1 FROM incidents WHERE id = $1" + (lock ? " FOR UPDATE" : ""),
                        PostgresLink.binds(incident), operation: "looking up \(incident)").rows.isEmpty
    }

    func readEvents(of incident: IncidentID, after sequence: Int64) throws -> [StoredEvent] {
        // A thousand events to a row, each chunk a range of the primary key: a row per event cost
        // more in postgres-nio's parsing than decoding the event, and `ORDER BY seq` over a whole
        // incident sorted on the server (on disk past work_mem, when the planner's estimate was
        // stale). Chunks come in the series' order, and within one the two arrays in one order, the
        // index's; were any out of order, they are sorted here (no ORDER BY: it sorted the whole
        // answer again, on disk). The last chunk has
        // no upper bound, so no row past `last_seq` could be missed.
        var stored: [StoredEvent] = []
        var ordered = true
        var decoder = coder.decoder
        // No sequence comes near the top of Int64: clamped, a chunk's bound cannot overflow.
        let after = min(sequence, Int64.max / 2)
        try link.forEachRow(Self.readSQL, PostgresLink.binds(incident, after, Int64(Self.readChunk)),
                            operation: "reading the events of \(incident)") { rows in
            for row in rows {
                guard let (sequences, bodies) = try? row.decode(([Int64]?, [ByteBuffer]?).self),
                      sequences?.count == bodies?.count else {
                    throw StoreError.server(location: identity.name, operation: "reading the events of \(incident)",
                                            code: "XX000", message: "a chunk is not sequence numbers and as many bodies")
                }
                guard let sequences, let bodies else { continue } // a chunk of no events
                for (sequence, body) in zip(sequences, bodies) {
                    let event = try decodeBody(body, sequence, of: incident, decoder: &decoder)
                    if let last = stored.last, last.sequence >= sequence { ordered = false }
                    stored.append(event)
                }
            }
        }
        if !ordered { stored.sort { $0.sequence < $1.sequence } }
        return stored
    }

    private static let readChunk = 1_000
    private static let readSQL = """
        SELECT c.sequences, c.bodies
        FROM (SELECT last_seq FROM incidents WHERE id = $1) AS i
        CROSS JOIN LATERAL generate_series($2::bigint, GREATEST(i.last_seq - 1, $2::bigint), $3::bigint) AS low
        CROSS JOIN LATERAL (SELECT CASE WHEN low + $3::bigint >= i.last_seq THEN 9223372036854775807
                                        ELSE low + $3::bigint END AS high) AS b
        CROSS JOIN LATERAL (SELECT array_agg(e.seq) AS sequences, array_agg(e.body) AS bodies FROM events e
                            WHERE e.incident = $1 AND e.seq > low AND e.seq <= b.high) AS c
        """

    private func decodeBody(_ body: ByteBuffer?, _ sequence: Int64, of incident: IncidentID,
                            decoder: inout EventJSONDecoder) throws -> StoredEvent {
        guard let bytes = body else {
            throw StoreError.corruptEvent(path: identity.name, incident: incident, sequence: sequence, reason: "the body is NULL")
        }
        let event: Event
        do {
            event = try bytes.withUnsafeReadableBytes { try decoder.decode($0) }
        } catch {
            throw StoreError.corruptEvent(path: identity.name, incident: incident, sequence: sequence,
                                          reason: DecodingErrorText.describe(error))
        }
        guard event.incident == incident else {
            throw StoreError.corruptEvent(path: identity.name, incident: incident, sequence: sequence,
                                          reason: "its JSON names incident \(event.incident)")
        }
        return StoredEvent(sequence: sequence, event: event)
    }

    /// Each indexed incident's status and the sequence its document is level with.
    public func indexedStatuses() throws -> [IncidentID: (sequence: Int64, status: IncidentStatus)] {
        let operation = "reading the indexed statuses"
        let result = try link.query("SELECT incident, seq, status FROM search_docs", operation: operation)
        var statuses: [IncidentID: (sequence: Int64, status: IncidentStatus)] = [:]
        for row in result.rows {
            let cells = row.makeRandomAccess()
            if let status = IncidentStatus(rawValue: try decode(cells[2], String.self, operation)) {
                statuses[try decode(cells[0], String.self, operation)] = (try decode(cells[1], Int64.self, operation), status)
            }
        }
        return statuses
    }

    public func events(ofType type: EventType) throws -> [Event] {
        let operation = "reading the \(type.rawValue) events"
        let result = try link.query("SELECT incident, seq, body FROM events WHERE type = $1 ORDER BY incident, seq",
                                    PostgresLink.binds(type.rawValue), operation: operation)
        return try result.rows.map { row in
            let cells = row.makeRandomAccess()
            do {
                return try decodeBody(cells[2])
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError.corruptEvent(path: identity.name, incident: try decode(cells[0], String.self, operation),
                                              sequence: try decode(cells[1], Int64.self, operation),
                                              reason: DecodingErrorText.describe(error))
            }
        }
    }

    private func decodeBody(_ cell: PostgresCell) throws -> Event {
        guard let bytes = cell.bytes else { throw StoreError.server(location: identity.name, operation: "reading an event",
                                                                   code: "22004", message: "the body is NULL") }
        return try bytes.withUnsafeReadableBytes { try coder.decoder.decode($0) }
    }

    func decode<T: PostgresDecodable>(_ cell: PostgresCell, _ type: T.Type, _ operation: String) throws -> T {
        do {
            return try cell.decode(T.self)
        } catch {
            throw StoreError.server(location: identity.name, operation: operation, code: "XX000",
                                    message: "column \(cell.columnName) is not a \(T.self) (\(error))")
        }
    }
}
