import WarRoomCore

/// What the store knows of root causes across incidents: the tags in use (for "did you mean" and
/// Tab) and the earlier incidents a new one repeats (`Repeats`), found through the knowledge
/// base's documents so that no command folds every incident.
public enum KnownCauses {
    /// Every cause tag of the other incidents, with the incidents that carry it (the index is
    /// brought level first, the newest lagging incidents only: a declaration's budget).
    public static func tags(in store: any EventStore, except incident: IncidentID? = nil) throws -> [String: [IncidentID]] {
        _ = try SearchIndex.refresh(store, atMost: SimilarIncident.refreshLimit)
        var tags = try store.causeTags()
        if let incident {
            for (tag, ids) in tags { tags[tag] = ids.filter { $0 != incident }.nilIfEmpty }
        }
        return tags
    }

    /// The earlier incidents `state` repeats, oldest first.
    public static func repeats(of state: IncidentState, in store: any EventStore) throws -> [RepeatMatch] {
        let fingerprints = state.alertFingerprints.sorted()
        guard !state.postmortem.causes.isEmpty || !fingerprints.isEmpty else { return [] }
        _ = try SearchIndex.refresh(store, atMost: SimilarIncident.refreshLimit)
        let candidates = try store.incidentsSharing(causes: state.postmortem.causes, fingerprints: fingerprints)
            .filter { $0 != state.id }
        let states = try candidates.compactMap { id in IncidentState.fold(try store.events(of: id, after: 0).map(\.event)) }
        return Repeats.matches(of: state, among: states)
    }
}

extension KnownCauses {
    /// The earlier incidents that had an alert `state` has, newest first: what they taught, for an
    /// alert just attached.
    public static func precedents(of state: IncidentState, in store: any EventStore, limit: Int = 3) throws -> [AlertPrecedent] {
        let fingerprints = state.alertFingerprints.sorted()
        guard !fingerprints.isEmpty else { return [] }
        _ = try SearchIndex.refresh(store, atMost: SimilarIncident.refreshLimit)
        let states = try store.incidentsSharing(causes: [], fingerprints: fingerprints).filter { $0 != state.id }
            .compactMap { IncidentState.fold(try store.events(of: $0, after: 0).map(\.event)) }
        return AlertPrecedent.of(state, among: states, limit: limit)
    }
}

private extension Array {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
