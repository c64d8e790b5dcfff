import Foundation
import PostgresNIO
import WarRoomCore

/// The report's per-incident summaries on PostgreSQL: `incident_summaries` (schema 6).
extension PostgresEventStore {
    public func storedSummaries() throws -> [IncidentID: (sequence: Int64, summary: IncidentSummary)] {
        let operation = "reading the incident summaries"
        let result = try link.query("SELECT incident, seq, body FROM incident_summaries", operation: operation)
        let decoder = JSONDecoder()
        var summaries: [IncidentID: (sequence: Int64, summary: IncidentSummary)] = [:]
        for row in result.rows {
            let cells = row.makeRandomAccess()
            let id = try decode(cells[0], String.self, operation)
            // One of another version, or that does not read, is left out: that incident is folded.
            guard let bytes = cells[2].bytes,
                  let summary = bytes.withUnsafeReadableBytes({ IncidentSummaryJSON.decode($0, decoder: decoder) }),
                  summary.id == id else { continue }
            summaries[id] = (try decode(cells[1], Int64.self, operation), summary)
        }
        return summaries
    }

    public func storeSummaries(_ summaries: [(summary: IncidentSummary, sequence: Int64)]) throws {
        guard !summaries.isEmpty else { return }
        if let reason = readOnlyReason { throw StoreError.readOnly(location: identity.name, reason: reason) }
        let bodies = try summaries.map { ($0.summary.id, $0.sequence, try IncidentSummaryJSON.encode($0.summary)) }
        try searchTransaction("storing the incident summaries") {
            for (id, sequence, body) in bodies {
                // A summary older than the one stored (another process summarised later events) is kept out.
                try link.query("""
                    INSERT INTO incident_summaries (incident, seq, body) VALUES ($1, $2, $3)
                    ON CONFLICT (incident) DO UPDATE SET seq = excluded.seq, body = excluded.body
                    WHERE excluded.seq > incident_summaries.seq OR
                          (excluded.seq = incident_summaries.seq AND excluded.body <> incident_summaries.body)
                    """, PostgresLink.binds(id, sequence, body), operation: "storing the summary of \(id)")
            }
        }
    }
}
