import Foundation
import PostgresNIO
import WarRoomCore

/// The knowledge base on PostgreSQL: its full-text search over `search_docs` (schema 3).
extension PostgresEventStore {
    public func indexedSequences() throws -> [IncidentID: Int64] {
        let result = try link.query("SELECT incident, seq FROM search_docs", operation: "reading the search index")
        var sequences: [IncidentID: Int64] = [:]
        for row in result.rows {
            let cells = row.makeRandomAccess()
            sequences[try decode(cells[0], String.self, "reading the search index")] = try decode(cells[1], Int64.self, "reading the search index")
        }
        return sequences
    }

    /// One join over `incidents.last_seq` (kept by the insert trigger): no mark is kept, so that
    /// writers need no grant beyond the documents.
    public func searchBacklog() throws -> (mark: Int64?, lagging: [IncidentRecord]) {
        let result = try link.query("""
            SELECT i.id, i.last_seq FROM incidents i LEFT JOIN search_docs d ON d.incident = i.id
            WHERE d.seq IS DISTINCT FROM i.last_seq ORDER BY i.created_at NULLS FIRST, i.number
            """, operation: "finding what the search index lacks")
        let lagging = try result.rows.map { row in
            let cells = row.makeRandomAccess()
            return IncidentRecord(id: try decode(cells[0], String.self, "finding what the search index lacks"),
                                  lastSequence: try decode(cells[1], Int64.self, "finding what the search index lacks"))
        }
        return (nil, lagging)
    }

    public func recordSearchIndexed(through mark: Int64) throws {}

    public func index(_ documents: [SearchDocument]) throws {
        guard !documents.isEmpty else { return }
        if let reason = readOnlyReason { throw StoreError.readOnly(location: identity.name, reason: reason) }
        try searchTransaction("updating the search index") {
            for document in documents {
                try link.query("""
                    INSERT INTO search_docs (incident, seq, declared_at, severity, status, service, title, body, causes, fingerprints)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                    ON CONFLICT (incident) DO UPDATE SET seq = excluded.seq, declared_at = excluded.declared_at,
                        severity = excluded.severity, status = excluded.status, service = excluded.service,
                        title = excluded.title, body = excluded.body, causes = excluded.causes, fingerprints = excluded.fingerprints
                    WHERE excluded.seq > search_docs.seq
                    """, Self.documentBinds(document),
                    operation: "indexing \(document.incident)")
            }
        }
    }

    private static func documentBinds(_ document: SearchDocument) -> PostgresBindings {
        var binds = PostgresBindings(capacity: 10)
        binds.append(document.incident)
        binds.append(document.sequence)
        binds.append(document.declaredAt.millis)
        binds.append(document.severity.label)
        binds.append(document.status.rawValue)
        if let service = document.service { binds.append(service) } else { binds.appendNull() }
        binds.append(document.title)
        binds.append(document.body)
        binds.append(SearchDocument.framed(document.causes))
        binds.append(SearchDocument.framed(document.fingerprints))
        return binds
    }

    public func incidentsSharing(causes: [String], fingerprints: [String]) throws -> [IncidentID] {
        var found: [IncidentID] = []
        for (column, values) in [("causes", causes), ("fingerprints", fingerprints)] {
            for value in Set(values) where !value.isEmpty {
                let operation = "finding incidents with the same \(column == "causes" ? "cause" : "alert")"
                let result = try link.query("SELECT incident FROM search_docs WHERE position($1 in \(column)) > 0 ORDER BY declared_at",
                                            PostgresLink.binds("\n" + value + "\n"), operation: operation)
                for row in result.rows {
                    let id = try decode(row.makeRandomAccess()[0], String.self, operation)
                    if !found.contains(id) { found.append(id) }
                }
            }
        }
        return found
    }

    public func causeTags() throws -> [String: [IncidentID]] {
        let operation = "reading the cause tags"
        let result = try link.query("SELECT incident, causes FROM search_docs WHERE causes <> '' ORDER BY declared_at", operation: operation)
        var tags: [String: [IncidentID]] = [:]
        for row in result.rows {
            let cells = row.makeRandomAccess()
            let id = try decode(cells[0], String.self, operation)
            for tag in SearchDocument.unframed(try decode(cells[1], String.self, operation)) { tags[tag, default: []].append(id) }
        }
        return tags
    }

    public func search(_ query: SearchQuery, limit: Int) throws -> [SearchHit] {
        guard !query.isEmpty, limit > 0 else { return [] }
        let (tsquery, terms) = Self.tsquery(query)
        var binds = terms
        binds.append(Int64(limit))
        binds.append(Int64(max(1, query.rankedAtMost)))
        // Ranked and cut in the inner query, so only the rows shown pay for a headline; a query
        // most documents match ranks the `rankedAtMost` newest, as on SQLite.
        let words = try link.query("""
            SELECT d.incident, d.title, d.severity, d.status, d.service, d.declared_at,
                   ts_headline('english', d.body, r.query,
                               'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=18, MinWords=8, MaxFragments=1'),
                   r.rank
            FROM (SELECT m.incident, q.query, ts_rank_cd(m.words, q.query)::float8 AS rank, m.declared_at
                  FROM (SELECT \(tsquery) AS query) q,
                       LATERAL (SELECT incident, words, declared_at FROM search_docs WHERE words @@ q.query
                                ORDER BY declared_at DESC LIMIT $\(query.terms.count + 2)) m
                  ORDER BY rank DESC, m.declared_at DESC LIMIT $\(query.terms.count + 1)) r
            JOIN search_docs d ON d.incident = r.incident
            ORDER BY r.rank DESC, d.declared_at DESC
            """, binds, operation: "searching")
        var hits: [SearchHit] = []
        for row in words.rows {
            let cells = row.makeRandomAccess()
            if let hit = try hit(cells, snippet: SearchQuery.oneLine(try decode(cells[6], String.self, "searching")), match: .words,
                                 score: try decode(cells[7], Double.self, "searching")) {
                hits.append(hit)
            }
        }
        // Not when the ranking was cut: the matches it left out are not substring matches.
        let substrings = query.substrings
        guard query.requireAll, hits.count < limit, !substrings.isEmpty else { return hits }
        if query.rankedAtMost < Int.max, try wordMatches(query, upTo: query.rankedAtMost + 1) > query.rankedAtMost { return hits }
        var likeBinds = PostgresBindings()
        for term in substrings {
            let escaped = term.replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_")
            likeBinds.append("%" + escaped + "%")
        }
        likeBinds.append(hits.map(\.incident))
        likeBinds.append(Int64(limit - hits.count) * 4)
        let conditions = substrings.indices.map { "lower(title || ' ' || body) LIKE $\($0 + 1)" }.joined(separator: " AND ")
        let more = try link.query("""
            SELECT incident, title, severity, status, service, declared_at, body FROM search_docs
            WHERE \(conditions) AND NOT (incident = ANY($\(substrings.count + 1)))
            ORDER BY declared_at DESC LIMIT $\(substrings.count + 2)
            """, likeBinds, operation: "searching by substring")
        for row in more.rows where hits.count < limit {
            let cells = row.makeRandomAccess()
            let title = try decode(cells[1], String.self, "searching"), body = try decode(cells[6], String.self, "searching")
            guard query.allOccur(in: title + "\n" + body) else { continue }
            if let hit = try hit(cells, snippet: query.snippet(title: title, body: body), match: .substring, score: 0) { hits.append(hit) }
        }
        return hits
    }

    public func wordMatches(_ query: SearchQuery, upTo cap: Int) throws -> Int {
        guard !query.isEmpty, cap > 0 else { return 0 }
        let (tsquery, terms) = Self.tsquery(query)
        var binds = terms
        binds.append(Int64(cap))
        let result = try link.query("""
            SELECT count(*) FROM (SELECT 1 FROM search_docs WHERE words @@ (\(tsquery)) LIMIT $\(query.terms.count + 1)) m
            """, binds, operation: "counting the matches")
        guard let row = result.rows.first else { return 0 }
        return Int(try decode(row.makeRandomAccess()[0], Int64.self, "counting the matches"))
    }

    /// Each term a phrase query, all of them required (or any, for similar incidents): typed text
    /// is never parsed as operators. The terms are bound as $1…$n.
    private static func tsquery(_ query: SearchQuery) -> (String, PostgresBindings) {
        var binds = PostgresBindings()
        for term in query.terms { binds.append(term) }
        let sql = query.terms.indices.map { "phraseto_tsquery('english', $\($0 + 1))" }.joined(separator: query.requireAll ? " && " : " || ")
        return (sql, binds)
    }

    /// A row's hit; nil for a level or status this build does not know (a newer writer).
    private func hit(_ cells: PostgresRandomAccessRow, snippet: String, match: SearchHit.Match, score: Double) throws -> SearchHit? {
        guard let severity = try? Severity.parse(try decode(cells[2], String.self, "searching")),
              let status = IncidentStatus(rawValue: try decode(cells[3], String.self, "searching")) else { return nil }
        return SearchHit(incident: try decode(cells[0], String.self, "searching"), title: try decode(cells[1], String.self, "searching"),
                         severity: severity, status: status, service: try decode(cells[4], String?.self, "searching"),
                         declaredAt: Timestamp(millis: try decode(cells[5], Int64.self, "searching")),
                         snippet: snippet, match: match, score: score)
    }
}
