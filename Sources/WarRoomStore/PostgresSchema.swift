/// The PostgreSQL store's schema and its migrations, in the database's default schema.
///
/// `warroom_schema` holds the version (one row); version N is reached by running
/// `migrations[N - 1]` on version N - 1 inside the transaction that records it, under an advisory
/// lock so that two warrooms opening a new database at once migrate it once. Never edit a shipped
/// step: append a new one.
enum PostgresSchema {
    /// The schema version this build writes and the newest it reads.
    static var latestVersion: Int { migrations.count }

    /// The advisory lock key (`pg_advisory_xact_lock`) that migrations, declarations and imports
    /// hold: "WRM1", as the SQLite store's application id.
    static let lockKey: Int64 = 0x5752_4D31

    /// The advisory lock appends to the proposal inbox take turns under ("WRM2").
    static let inboxLockKey: Int64 = 0x5752_4D32

    /// The channel every committed event is announced on (payload: the incident id): a wake-up
    /// for followers, never the truth.
    static let channel = "warroom_events"

    /// The triggers that keep the log append-only and numbered; `health()` reports a store that
    /// lost one.
    static let guardTriggers = ["events_append_only", "events_no_truncate", "events_inserted"]

    static let migrations: [[String]] = [
        // Version 1: incidents (with the last sequence, kept by a trigger that runs as the owner,
        // so writers need no UPDATE on it beyond the row lock), the append-only event log, the
        // triggers that keep it so, and the announcement of each insert.
        [
            "CREATE TABLE warroom_schema (version integer NOT NULL)",
            """
            CREATE TABLE incidents (
                id text NOT NULL PRIMARY KEY,
                number bigint NOT NULL UNIQUE,
                created_at bigint,
                last_seq bigint NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE events (
                incident text NOT NULL REFERENCES incidents(id),
                seq bigint NOT NULL,
                id uuid NOT NULL UNIQUE,
                at bigint NOT NULL,
                recorded_at bigint NOT NULL,
                author text NOT NULL,
                type text NOT NULL,
                body text NOT NULL,
                PRIMARY KEY (incident, seq)
            )
            """,
            """
            CREATE FUNCTION warroom_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'events are append-only'; END $$
            """,
            """
            CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
            FOR EACH ROW EXECUTE FUNCTION warroom_refuse_change()
            """,
            """
            CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
            FOR EACH STATEMENT EXECUTE FUNCTION warroom_refuse_change()
            """,
            """
            CREATE FUNCTION warroom_event_inserted() RETURNS trigger LANGUAGE plpgsql
            SECURITY DEFINER SET search_path FROM CURRENT AS $$
            BEGIN
                UPDATE incidents SET last_seq = GREATEST(last_seq, NEW.seq) WHERE id = NEW.incident;
                PERFORM pg_notify('\(channel)', NEW.incident);
                RETURN NULL;
            END $$
            """,
            """
            CREATE TRIGGER events_inserted AFTER INSERT ON events
            FOR EACH ROW EXECUTE FUNCTION warroom_event_inserted()
            """,
            "INSERT INTO warroom_schema (version) VALUES (0)",
        ],
        // Version 2: the proposal inbox, a store-wide append-only log of the incidents alerts
        // propose and what the IC made of each (issue 13); its inserts wake followers too, with an
        // empty payload (no incident).
        [
            """
            CREATE TABLE inbox (
                seq bigint NOT NULL PRIMARY KEY,
                id uuid NOT NULL UNIQUE,
                at bigint NOT NULL,
                recorded_at bigint NOT NULL,
                author text NOT NULL,
                type text NOT NULL,
                body text NOT NULL
            )
            """,
            """
            CREATE TRIGGER inbox_append_only BEFORE UPDATE OR DELETE ON inbox
            FOR EACH ROW EXECUTE FUNCTION warroom_refuse_change()
            """,
            """
            CREATE TRIGGER inbox_no_truncate BEFORE TRUNCATE ON inbox
            FOR EACH STATEMENT EXECUTE FUNCTION warroom_refuse_change()
            """,
            """
            CREATE FUNCTION warroom_inbox_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_notify('\(channel)', ''); RETURN NULL; END $$
            """,
            """
            CREATE TRIGGER inbox_inserted AFTER INSERT ON inbox
            FOR EACH ROW EXECUTE FUNCTION warroom_inbox_inserted()
            """,
        ],
        // Version 3: the knowledge base (issue 14). One document per incident, derived from its
        // events and rebuilt whenever `seq` lags (a cache, so not append-only), with its words as
        // a weighted tsvector (title A, the rest B) under a GIN index, and, where the server has
        // pg_trgm, a trigram index for substrings of identifiers and error strings (searches work
        // without it, scanning).
        [
            """
            CREATE TABLE search_docs (
                incident text NOT NULL PRIMARY KEY,
                seq bigint NOT NULL,
                declared_at bigint NOT NULL,
                severity text NOT NULL,
                status text NOT NULL,
                service text,
                title text NOT NULL,
                body text NOT NULL,
                words tsvector GENERATED ALWAYS AS
                    (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED
            )
            """,
            "CREATE INDEX search_docs_words ON search_docs USING gin (words)",
            """
            DO $$ BEGIN
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX search_docs_trigrams ON search_docs USING gin (lower(title || ' ' || body) gin_trgm_ops);
            EXCEPTION WHEN OTHERS THEN NULL;
            END $$
            """,
        ],
        // Version 4: cause tags and alert fingerprints on each document (issue 14), newline-
        // framed (`\ntag\n`) so one `position` finds the incidents a new one may repeat. Documents
        // of incidents with alerts are remade (their fingerprints were not kept).
        [
            "ALTER TABLE search_docs ADD COLUMN causes text NOT NULL DEFAULT ''",
            "ALTER TABLE search_docs ADD COLUMN fingerprints text NOT NULL DEFAULT ''",
            """
            DELETE FROM search_docs WHERE incident IN
                (SELECT DISTINCT incident FROM events WHERE type = 'entry' AND position('"alert"' in body) > 0)
            """,
        ],
        // Version 5: events by type, so the links between incidents (issue 14) are read without
        // reading every log.
        [
            "CREATE INDEX IF NOT EXISTS events_by_type ON events (type, incident, seq)",
        ],
        // Version 6: the report's per-incident summaries (issue 14), a cache beside the log like
        // the search documents. Every role that may read or keep the search documents gets the
        // same on the summaries, so a team's grants from before this version still work.
        [
            "CREATE TABLE IF NOT EXISTS incident_summaries (incident text NOT NULL PRIMARY KEY, seq bigint NOT NULL, body text NOT NULL)",
            """
            DO $$ DECLARE r record; BEGIN
                FOR r IN SELECT DISTINCT grantee, privilege_type FROM information_schema.role_table_grants
                         WHERE table_schema = current_schema() AND table_name = 'search_docs'
                           AND privilege_type IN ('SELECT', 'INSERT', 'UPDATE') AND grantee <> current_user LOOP
                    EXECUTE format('GRANT %s ON incident_summaries TO %s', r.privilege_type,
                                   CASE WHEN r.grantee = 'PUBLIC' THEN 'PUBLIC' ELSE quote_ident(r.grantee) END);
                END LOOP;
            END $$
            """,
        ],
    ]
}
