import Foundation
import WarRoomCore

/// The report's per-incident summaries on SQLite: `incident_summaries` (schema 6).
extension SQLiteEventStore {
    public func storedSummaries() throws -> [IncidentID: (sequence: Int64, summary: IncidentSummary)] {
        let decoder = JSONDecoder()
        return try connection.with("SELECT incident, seq, body FROM incident_summaries") { statement in
            var summaries: [IncidentID: (sequence: Int64, summary: IncidentSummary)] = [:]
            while try statement.step("reading the incident summaries") {
                // One of another version, or that does not read, is left out: that incident is folded.
                let id = statement.text(0)
                if let summary = IncidentSummaryJSON.decode(statement.borrowedBytes(2), decoder: decoder), summary.id == id {
                    summaries[id] = (statement.int64(1), summary)
                }
            }
            return summaries
        }
    }

    public func storeSummaries(_ summaries: [(summary: IncidentSummary, sequence: Int64)]) throws {
        guard !summaries.isEmpty else { return }
        let bodies = try summaries.map { ($0.summary.id, $0.sequence, try IncidentSummaryJSON.encode($0.summary)) }
        try connection.writeTransaction("storing the incident summaries") {
            for (id, sequence, body) in bodies {
                // A summary older than the one stored (another process summarised later events) is kept out.
                try connection.with("""
                    INSERT INTO incident_summaries (incident, seq, body) VALUES (?1, ?2, ?3)
                    ON CONFLICT (incident) DO UPDATE SET seq = excluded.seq, body = excluded.body
                    WHERE excluded.seq > incident_summaries.seq OR
                          (excluded.seq = incident_summaries.seq AND excluded.body <> incident_summaries.body)
                    """) { statement in
                    try statement.bind(1, id)
                    try statement.bind(2, sequence)
                    try statement.bind(3, body)
                    _ = try statement.step("storing the summary of \(id)")
                }
            }
        }
    }
}
