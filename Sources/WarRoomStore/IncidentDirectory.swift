import WarRoomCore

/// The incidents of a store as a list of them needs: each folded once and again only when its
/// log grew (`incidents()` says how far each goes), and — unless closed ones are asked for —
/// those the knowledge base's documents show closed and level with their log not folded at all,
/// so a store of thousands of past incidents opens the list of its few open ones quickly.
public final class IncidentDirectory {
    let store: any EventStore
    /// Each incident as last folded, with the sequence it was folded to.
    private var folded: [IncidentID: (sequence: Int64, state: IncidentState)] = [:]

    public init(store: any EventStore) { self.store = store }

    /// The incidents (closed ones only when `includeClosed`), each at its latest state, and every
    /// link between them. An incident that cannot be read is left out (`warroom check` says why).
    public func load(includeClosed: Bool) throws -> (states: [IncidentState], links: LinkGraph) {
        let records = try store.incidents()
        var closed: Set<IncidentID> = []
        if !includeClosed {
            // The documents are a cache: one that lags its incident's log says nothing about it.
            // A read-only user cannot bring them level; what they show is still used where level.
            _ = try? SearchIndex.refresh(store, atMost: SimilarIncident.refreshLimit)
            let documents = (try? store.indexedStatuses()) ?? [:]
            for record in records {
                if let document = documents[record.id], document.sequence == record.lastSequence, document.status == .closed {
                    closed.insert(record.id)
                }
            }
        }
        var states: [IncidentState] = []
        for record in records where !closed.contains(record.id) {
            if let known = folded[record.id], known.sequence == record.lastSequence {
                states.append(known.state)
                continue
            }
            guard let events = try? store.events(of: record.id, after: 0),
                  let state = IncidentState.fold(events.map(\.event)) else { continue }
            folded[record.id] = (events.last?.sequence ?? record.lastSequence, state)
            states.append(state)
        }
        return (states, (try? IncidentLinks.graph(in: store)) ?? LinkGraph())
    }
}
