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
        // Version 3: the knowledge base (issue 14). `search_docs` holds one document per incident,
        // derived from its events and rebuilt from them whenever `seq` lags (a cache, so not
        // append-only); two FTS5 indexes read their text from it: words (porter-stemmed, for bm25
        // and snippet) and trigrams (identifiers and error strings found by any part of them).
        [
            """
            CREATE TABLE search_docs (
                rowid INTEGER PRIMARY KEY,
                incident TEXT NOT NULL UNIQUE,
                seq INTEGER NOT NULL,
                declared_at INTEGER NOT NULL,
                severity TEXT NOT NULL,
                status TEXT NOT NULL,
                service TEXT,
                title TEXT NOT NULL,
                body TEXT NOT NULL
            )
            """,
            """
            CREATE VIRTUAL TABLE search_words USING fts5(title, body, content='search_docs', content_rowid='rowid',
                tokenize='porter unicode61 remove_diacritics 2')
            """,
            // Ranked by bm25 with a title match worth ten of one in the body.
            "INSERT INTO search_words (search_words, rank) VALUES ('rank', 'bm25(10.0, 1.0)')",
            """
            CREATE VIRTUAL TABLE search_trigrams USING fts5(title, body, content='search_docs', content_rowid='rowid',
                tokenize='trigram')
            """,
            """
            CREATE TRIGGER search_docs_inserted AFTER INSERT ON search_docs BEGIN
                INSERT INTO search_words (rowid, title, body) VALUES (new.rowid, new.title, new.body);
                INSERT INTO search_trigrams (rowid, title, body) VALUES (new.rowid, new.title, new.body);
            END
            """,
            """
            CREATE TRIGGER search_docs_deleted AFTER DELETE ON search_docs BEGIN
                INSERT INTO search_words (search_words, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
                INSERT INTO search_trigrams (search_trigrams, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
            END
            """,
            // How many events were ever written, and how many the index had seen when it was last
            // level with the log: equal, and a search need not look for lagging documents.
            "CREATE TABLE search_mark (written INTEGER NOT NULL, indexed INTEGER NOT NULL)",
            "INSERT INTO search_mark (written, indexed) SELECT count(*), -1 FROM events",
            """
            CREATE TRIGGER events_counted AFTER INSERT ON events BEGIN
                UPDATE search_mark SET written = written + 1;
            END
            """,
            """
            CREATE TRIGGER search_docs_updated AFTER UPDATE ON search_docs BEGIN
                INSERT INTO search_words (search_words, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
                INSERT INTO search_trigrams (search_trigrams, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
                INSERT INTO search_words (rowid, title, body) VALUES (new.rowid, new.title, new.body);
                INSERT INTO search_trigrams (rowid, title, body) VALUES (new.rowid, new.title, new.body);
            END
            """,
        ],
        // Version 4: cause tags and alert fingerprints on each document (issue 14), newline-
        // framed (`\ntag\n`) so one `instr` finds the incidents a new one may repeat. Documents of
        // incidents with alerts are remade (their fingerprints were not kept); the mark is reset
        // so the next search or declaration looks.
        [
            "ALTER TABLE search_docs ADD COLUMN causes TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE search_docs ADD COLUMN fingerprints TEXT NOT NULL DEFAULT ''",
            """
            DELETE FROM search_docs WHERE incident IN
                (SELECT DISTINCT incident FROM events WHERE type = 'entry' AND instr(body, '"alert"') > 0)
            """,
            "UPDATE search_mark SET indexed = -1",
        ],
        // Version 5: events by type, so the links between incidents (issue 14) are read without
        // reading every log.
        [
            "CREATE INDEX IF NOT EXISTS events_by_type ON events (type, incident, seq)",
        ],
        // Version 6: the report's per-incident summaries (issue 14), a cache beside the log like
        // the search documents: `warroom report` reads these instead of folding every incident.
        [
            "CREATE TABLE IF NOT EXISTS incident_summaries (incident TEXT NOT NULL PRIMARY KEY, seq INTEGER NOT NULL, body TEXT NOT NULL) WITHOUT ROWID",
        ],
    ]
}
