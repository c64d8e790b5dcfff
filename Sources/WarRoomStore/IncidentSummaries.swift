import WarRoomCore

/// Every incident's `IncidentSummary`, as the reports read them: the stored summary where it was
/// made at the incident's last sequence, else a fold of its log (whose summary is then stored, so
/// the next report does not fold it again). A summary is a cache, never the truth: one that lags,
/// does not read or names another incident is never used.
public enum IncidentSummaries {
    public struct Damage: Hashable, Sendable {
        public var id: IncidentID
        public var problem: String
    }

    public struct Reading: Sendable {
        /// One per readable incident, in the store's order (oldest first).
        public var summaries: [IncidentSummary]
        /// The incidents that could not be read, each with what is wrong.
        public var damaged: [Damage]
        /// How many incidents were folded because no summary was level with their log.
        public var folded: Int
    }

    /// Folded incidents' summaries are stored this many at a time (one write transaction each).
    static let batch = 200

    public static func read(_ store: any EventStore) throws -> Reading {
        let records = try store.incidents()
        // A store whose summaries cannot be read (a role without the grant) has every incident folded.
        let stored = (try? store.storedSummaries()) ?? [:]
        let writable = store.readOnlyReason == nil
        var reading = Reading(summaries: [], damaged: [], folded: 0)
        var pending: [(summary: IncidentSummary, sequence: Int64)] = []
        for record in records {
            if let known = stored[record.id], known.sequence == record.lastSequence {
                reading.summaries.append(known.summary)
                continue
            }
            do {
                let events = try store.events(of: record.id, after: 0)
                guard let state = IncidentState.fold(events.map(\.event)) else {
                    reading.damaged.append(Damage(id: record.id, problem: "\(record.id) has no declaration"))
                    continue
                }
                let summary = IncidentSummary(state)
                reading.summaries.append(summary)
                reading.folded += 1
                if writable, let last = events.last?.sequence {
                    pending.append((summary, last))
                    if pending.count >= batch {
                        try? store.storeSummaries(pending)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            } catch StoreError.corruptEvent(_, let incident, let sequence, let reason) {
                reading.damaged.append(Damage(id: record.id, problem: "event #\(sequence) of \(incident) cannot be read (\(reason))"))
            }
        }
        if !pending.isEmpty { try? store.storeSummaries(pending) }
        return reading
    }
}

extension EventStore {
    /// Stores the report's summary of `state`, the incident folded through `sequence`, so the next
    /// report reads it instead of folding the log. Best effort, and only for a writer: a summary
    /// not stored is made by the next report's fold instead. Writers that hold the latest state
    /// call it after a write (the CLI after a command, the war room after an entry).
    public func keepSummary(of state: IncidentState, through sequence: Int64) {
        guard sequence > 0, readOnlyReason == nil else { return }
        try? storeSummaries([(IncidentSummary(state), sequence)])
    }
}
