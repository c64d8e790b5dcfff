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

    /// How many lagging incidents a declaration indexes before looking (the rest wait for a search).
    public static let refreshLimit = 200

    /// Up to `limit` incidents of `store` like `state` (itself left out): found by any of the
    /// words of its title, summary and service, then ranked by how well the words match, the same
    /// service first, and recency (a year old counts for nothing). The index is refreshed first.
    public static func find(for state: IncidentState, in store: any EventStore, now: Timestamp, limit: Int = 3) throws -> [SimilarIncident] {
        let query = SearchQuery.like([state.title, state.summary ?? "", state.service ?? ""].joined(separator: " "))
        guard !query.isEmpty else { return [] }
        // A declaration waits for no backlog (a store from before the index): the newest first.
        _ = try SearchIndex.refresh(store, atMost: Self.refreshLimit)
        let hits = try store.search(query, limit: 30).filter { $0.incident != state.id }
        guard let best = hits.map(\.score).max(), best > 0 else { return [] }
        let service = state.service?.lowercased()
        func rank(_ hit: SearchHit) -> Double {
            let age = Double((now - hit.declaredAt).millis) / Double(TimeSpan.hours(24 * 365).millis)
            return hit.score / best + (service != nil && hit.service?.lowercased() == service ? 0.5 : 0) + 0.2 * max(0, 1 - age)
        }
        let ranked = hits.sorted { rank($0) > rank($1) }.prefix(limit)
        return try ranked.map { hit in
            let state = IncidentState.fold(try store.events(of: hit.incident, after: 0).map(\.event))
            let factors = state?.postmortem.factors ?? [:]
            let confirmed = state?.hypotheses.last { $0.state == .confirmed }?.text
            return SimilarIncident(
                hit: hit, cause: factors[.immediate] ?? factors[.underlying] ?? factors[.systemic] ?? confirmed,
                runbook: state?.timeline.lazy.compactMap { $0.alert?.runbookURL }.first,
                openActionItems: (state?.postmortem.actionItems ?? []).filter { $0.status != .done && $0.status != .dropped && $0.doneAt == nil },
                sameService: service != nil && hit.service?.lowercased() == service)
        }
    }
}
