/// The SQLite store's schema and its migrations.
///
/// `PRAGMA user_version` holds the schema version; `PRAGMA application_id` marks the file as a
/// warroom store. Version N is reached by running `migrations[N - 1]` on version N - 1, inside the
/// write transaction that also sets `user_version`. Never edit a shipped step: append a new one.
enum SQLiteSchema {
    /// "WRM1": the `application_id` of every warroom store.
    static let applicationID: Int32 = 0x5752_4D31

    /// The schema version this build writes and the newest it reads.
    static var latestVersion: Int { migrations.count }

    static let migrations: [[String]] = [
        // Version 1: incidents, the append-only event log, and the triggers that keep it so.
        [
            """
            CREATE TABLE incidents (
                id TEXT NOT NULL PRIMARY KEY,
                number INTEGER NOT NULL UNIQUE,
                created_at INTEGER
            )
            """,
            """
            CREATE TABLE events (
                incident TEXT NOT NULL REFERENCES incidents(id),
                seq INTEGER NOT NULL,
                id TEXT NOT NULL UNIQUE,
                at INTEGER NOT NULL,
                recorded_at INTEGER NOT NULL,
                author TEXT NOT NULL,
                type TEXT NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (incident, seq)
            ) WITHOUT ROWID
            """,
            """
            CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END
            """,
            """
            CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END
            """,
        ],
        // Version 2: the proposal inbox, a store-wide append-only log of the incidents alerts
        // propose and what the IC made of each (issue 13).
        [
            """
            CREATE TABLE inbox (
                seq INTEGER NOT NULL PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                at INTEGER NOT NULL,
                recorded_at INTEGER NOT NULL,
                author TEXT NOT NULL,
                type TEXT NOT NULL,
                body TEXT NOT NULL
            )
            """,
            """
            CREATE TRIGGER inbox_append_only_update BEFORE UPDATE ON inbox
            BEGIN SELECT RAISE(ABORT, 'the inbox is append-only'); END
            """,
            """
            CREATE TRIGGER inbox_append_only_delete BEFORE DELETE ON inbox
            BEGIN SELECT RAISE(ABORT, 'the inbox is append-only'); END
            """,
        ],
    ]
}
