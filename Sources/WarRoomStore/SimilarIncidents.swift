import WarRoomCore

/// Past incidents like a new one, so its IC starts from what the organisation already learned:
/// each with its root cause, its runbook and its open action items.
public struct SimilarIncident: Sendable {
    public var hit: SearchHit
    /// The cause the post-mortem named (immediate, else underlying, else systemic), else the
    /// hypothesis confirmed during the incident.
    public var cause: String?
    /// A runbook its alerts linked to.
    public var runbook: String?
    /// Its action items not done or dropped, by number.
    public var openActionItems: [ActionItem]
    /// On the same service (compared without case).
    public var sameService: Bool
    /// It had an alert this incident has (the sender's fingerprint of its labels).
    public var sharedAlert: Bool = false

    /// How many lagging incidents a declaration indexes before looking (the rest wait for a search).
    public static let refreshLimit = 200

    /// Up to `limit` incidents of `store` like `state` (itself left out): found by any of the
    /// words of its title, summary and service, or by an alert it shares (the sender's
    /// fingerprint), then ranked by how well the words match, a shared alert (worth more than
    /// the best words), the same service, and recency (a year old counts for nothing). The index
    /// is refreshed first.
    public static func find(for state: IncidentState, in store: any EventStore, now: Timestamp, limit: Int = 3) throws -> [SimilarIncident] {
        let query = SearchQuery.like([state.title, state.summary ?? "", state.service ?? ""].joined(separator: " "))
        let fingerprints = state.alertFingerprints.sorted()
        guard !query.isEmpty || !fingerprints.isEmpty else { return [] }
        // A declaration waits for no backlog (a store from before the index): the newest first.
        _ = try SearchIndex.refresh(store, atMost: Self.refreshLimit)
        var hits = query.isEmpty ? [] : try store.search(query, limit: 30).filter { $0.incident != state.id }
        var states: [IncidentID: IncidentState] = [:]
        func folded(_ id: IncidentID) throws -> IncidentState? {
            if let known = states[id] { return known }
            let state = IncidentState.fold(try store.events(of: id, after: 0).map(\.event))
            states[id] = state
            return state
        }
        let alerted = fingerprints.isEmpty ? [] : Set(try store.incidentsSharing(causes: [], fingerprints: fingerprints)).subtracting([state.id])
        for id in alerted.sorted() where !hits.contains(where: { $0.incident == id }) {
            guard let other = try folded(id) else { continue }
            hits.append(SearchHit(incident: id, title: other.title, severity: other.severity, status: other.status, service: other.service,
                                  declaredAt: other.declaredAt, snippet: "", match: .words, score: 0))
        }
        let best = hits.map(\.score).max() ?? 0
        guard best > 0 || !alerted.isEmpty else { return [] }
        let service = state.service?.lowercased()
        func rank(_ hit: SearchHit) -> Double {
            let age = Double((now - hit.declaredAt).millis) / Double(TimeSpan.hours(24 * 365).millis)
            return (best > 0 ? hit.score / best : 0) + (alerted.contains(hit.incident) ? 1.5 : 0)
                + (service != nil && hit.service?.lowercased() == service ? 0.5 : 0) + 0.2 * max(0, 1 - age)
        }
        let ranked = hits.sorted { rank($0) > rank($1) }.prefix(limit)
        return try ranked.map { hit in
            let other = try folded(hit.incident)
            return SimilarIncident(
                hit: hit, cause: other?.learnedCause, runbook: other?.alertRunbook,
                openActionItems: other?.unfinishedActionItems ?? [],
                sameService: service != nil && hit.service?.lowercased() == service, sharedAlert: alerted.contains(hit.incident))
        }
    }
}
