import Foundation
import WarRoomCore

/// The knowledge base on SQLite: FTS5 over `search_docs` (schema 3).
extension SQLiteEventStore {
    public func indexedSequences() throws -> [IncidentID: Int64] {
        try connection.with("SELECT incident, seq FROM search_docs") { statement in
            var sequences: [IncidentID: Int64] = [:]
            while try statement.step("reading the search index") { sequences[statement.text(0)] = statement.int64(1) }
            return sequences
        }
    }

    public func searchBacklog() throws -> (mark: Int64?, lagging: [IncidentRecord]) {
        let (written, indexed) = try connection.with("SELECT written, indexed FROM search_mark") { statement in
            try statement.step("reading the search mark") ? (statement.int64(0), statement.int64(1)) : (0, -1)
        }
        guard written != indexed else { return (nil, []) }
        let lagging = try connection.with("""
            SELECT i.id, COALESCE((SELECT MAX(seq) FROM events e WHERE e.incident = i.id), 0) AS last
            FROM incidents i LEFT JOIN search_docs d ON d.incident = i.id
            WHERE d.seq IS NULL OR d.seq != last ORDER BY i.created_at, i.number
            """) { statement in
            var records: [IncidentRecord] = []
            while try statement.step("finding what the search index lacks") {
                records.append(IncidentRecord(id: statement.text(0), lastSequence: statement.int64(1)))
            }
            return records
        }
        return (written, lagging)
    }

    public func recordSearchIndexed(through mark: Int64) throws {
        try connection.writeTransaction("recording the search index level") {
            try connection.with("UPDATE search_mark SET indexed = ?1") { statement in
                try statement.bind(1, mark)
                _ = try statement.step("recording the search index level")
            }
        }
    }

    public func index(_ documents: [SearchDocument]) throws {
        guard !documents.isEmpty else { return }
        try connection.writeTransaction("updating the search index") {
            for document in documents {
                // A document older than the one stored (another process indexed later events) is kept out.
                try connection.with("""
                    INSERT INTO search_docs (incident, seq, declared_at, severity, status, service, title, body, causes, fingerprints)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                    ON CONFLICT (incident) DO UPDATE SET seq = excluded.seq, declared_at = excluded.declared_at,
                        severity = excluded.severity, status = excluded.status, service = excluded.service,
                        title = excluded.title, body = excluded.body, causes = excluded.causes, fingerprints = excluded.fingerprints
                    WHERE excluded.seq > search_docs.seq
                    """) { statement in
                    try statement.bind(1, document.incident)
                    try statement.bind(2, document.sequence)
                    try statement.bind(3, document.declaredAt.millis)
                    try statement.bind(4, document.severity.label)
                    try statement.bind(5, document.status.rawValue)
                    if let service = document.service { try statement.bind(6, service) } else { try statement.bind(6, nil as Int64?) }
                    try statement.bind(7, document.title)
                    try statement.bind(8, document.body)
                    try statement.bind(9, SearchDocument.framed(document.causes))
                    try statement.bind(10, SearchDocument.framed(document.fingerprints))
                    _ = try statement.step("indexing \(document.incident)")
                }
            }
        }
    }

    public func incidentsSharing(causes: [String], fingerprints: [String]) throws -> [IncidentID] {
        var found: [IncidentID] = []
        for (column, values) in [("causes", causes), ("fingerprints", fingerprints)] {
            for value in Set(values) where !value.isEmpty {
                try connection.with("SELECT incident FROM search_docs WHERE instr(\(column), ?1) > 0 ORDER BY declared_at") { statement in
                    try statement.bind(1, "\n" + value + "\n")
                    while try statement.step("finding incidents with the same \(column == "causes" ? "cause" : "alert")") {
                        let id = statement.text(0)
                        if !found.contains(id) { found.append(id) }
                    }
                }
            }
        }
        return found
    }

    public func indexedStatuses() throws -> [IncidentID: (sequence: Int64, status: IncidentStatus)] {
        try connection.with("SELECT incident, seq, status FROM search_docs") { statement in
            var statuses: [IncidentID: (sequence: Int64, status: IncidentStatus)] = [:]
            while try statement.step("reading the indexed statuses") {
                // A status this build does not know is left out: that incident is folded.
                if let status = IncidentStatus(rawValue: statement.text(2)) { statuses[statement.text(0)] = (statement.int64(1), status) }
            }
            return statuses
        }
    }

    public func events(ofType type: EventType) throws -> [Event] {
        try connection.with("SELECT incident, seq, body FROM events WHERE type = ?1 ORDER BY incident, seq") { statement in
            try statement.bind(1, type.rawValue)
            var events: [Event] = []
            while try statement.step("reading the \(type.rawValue) events") {
                do {
                    events.append(try coder.decoder.decode(statement.borrowedBytes(2)))
                } catch {
                    throw StoreError.corruptEvent(path: path, incident: statement.text(0), sequence: statement.int64(1),
                                                  reason: DecodingErrorText.describe(error))
                }
            }
            return events
        }
    }

    public func causeTags() throws -> [String: [IncidentID]] {
        try connection.with("SELECT incident, causes FROM search_docs WHERE causes <> '' ORDER BY declared_at") { statement in
            var tags: [String: [IncidentID]] = [:]
            while try statement.step("reading the cause tags") {
                let id = statement.text(0)
                for tag in SearchDocument.unframed(statement.text(1)) { tags[tag, default: []].append(id) }
            }
            return tags
        }
    }

    public func search(_ query: SearchQuery, limit: Int) throws -> [SearchHit] {
        guard !query.isEmpty, limit > 0 else { return [] }
        // A query most documents match ranks the `rankedAtMost` last added (by rowid: the order
        // incidents were first indexed); bm25 over every match is what costs, and tells such
        // matches apart by little.
        let floor = try connection.with("""
            SELECT rowid FROM search_words WHERE search_words MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?2
            """) { statement in
            try statement.bind(1, query.fts5)
            try statement.bind(2, Int64(max(1, query.rankedAtMost) - 1))
            return try statement.step("searching") ? statement.int64(0) : Int64.min
        }
        // The best rows first, from the index alone; then, for those only, the row and a snippet
        // (snippet() reads and tokenizes a whole document: never for every match).
        let ranked = try connection.with("""
            SELECT rowid, rank FROM search_words WHERE search_words MATCH ?1 AND rowid >= ?3 ORDER BY rank LIMIT ?2
            """) { statement in
            try statement.bind(1, query.fts5)
            try statement.bind(2, Int64(limit))
            try statement.bind(3, floor)
            var rows: [(Int64, Double)] = []
            while try statement.step("searching") { rows.append((statement.int64(0), statement.double(1))) }
            return rows
        }
        var hits: [SearchHit] = []
        for (rowid, rank) in ranked {
            let hit = try connection.with("""
                SELECT d.incident, d.title, d.severity, d.status, d.service, d.declared_at, snippet(search_words, 1, ?2, ?3, '…', 14)
                FROM search_words JOIN search_docs d ON d.rowid = search_words.rowid
                WHERE search_words MATCH ?1 AND search_words.rowid = ?4
                """) { statement -> SearchHit? in
                try statement.bind(1, query.fts5)
                try statement.bind(2, SearchQuery.highlightStart)
                try statement.bind(3, SearchQuery.highlightEnd)
                try statement.bind(4, rowid)
                guard try statement.step("reading a search result") else { return nil }
                return Self.hit(statement, snippet: SearchQuery.oneLine(statement.text(6)), match: .words, score: -rank)
            }
            if let hit { hits.append(hit) }
        }
        // Then what only a substring finds (every term of three characters or more in the trigram
        // index; every term, however short, checked in the text), newest first. Not when the
        // ranking was cut: the matches it left out are not substring matches.
        let substrings = query.substrings
        guard query.requireAll, hits.count < limit, !substrings.isEmpty, floor == Int64.min else { return hits }
        let found = Set(hits.map(\.incident))
        let trigram = SearchQuery(terms: substrings).fts5
        // Newest first from the index and the dates alone; the text is read only for the
        // candidates checked, never carried through the sort.
        let candidates = try connection.with("""
            SELECT d.rowid FROM search_trigrams JOIN search_docs d ON d.rowid = search_trigrams.rowid
            WHERE search_trigrams MATCH ?1 ORDER BY d.declared_at DESC LIMIT ?2
            """) { statement in
            try statement.bind(1, trigram)
            try statement.bind(2, Int64(4 * limit + found.count))
            var rows: [Int64] = []
            while try statement.step("searching by substring") { rows.append(statement.int64(0)) }
            return rows
        }
        for rowid in candidates where hits.count < limit {
            try connection.with("""
                SELECT incident, title, severity, status, service, declared_at, body FROM search_docs WHERE rowid = ?1
                """) { statement in
                try statement.bind(1, rowid)
                guard try statement.step("reading a search result") else { return }
                let incident = statement.text(0), title = statement.text(1), body = statement.text(6)
                guard !found.contains(incident), query.allOccur(in: title + "\n" + body) else { return }
                if let hit = Self.hit(statement, snippet: query.snippet(title: title, body: body), match: .substring, score: 0) { hits.append(hit) }
            }
        }
        return hits
    }

    public func wordMatches(_ query: SearchQuery, upTo cap: Int) throws -> Int {
        guard !query.isEmpty, cap > 0 else { return 0 }
        return try connection.with("""
            SELECT count(*) FROM (SELECT rowid FROM search_words WHERE search_words MATCH ?1 LIMIT ?2)
            """) { statement in
            try statement.bind(1, query.fts5)
            try statement.bind(2, Int64(cap))
            return try statement.step("counting the matches") ? Int(statement.int64(0)) : 0
        }
    }

    /// A row's hit; nil for a row whose level or status this build does not know (a newer writer).
    private static func hit(_ statement: Statement, snippet: String, match: SearchHit.Match, score: Double) -> SearchHit? {
        guard let severity = try? Severity.parse(statement.text(2)), let status = IncidentStatus(rawValue: statement.text(3)) else { return nil }
        return SearchHit(incident: statement.text(0), title: statement.text(1), severity: severity, status: status,
                         service: statement.isNull(4) ? nil : statement.text(4), declaredAt: Timestamp(millis: statement.int64(5)),
                         snippet: snippet, match: match, score: score)
    }
}
