import WarRoomCore

/// The links between incidents as a war room or a command needs them: every link in the store
/// (read from the link events alone, never by folding every incident), and the incidents on the
/// other end of this one's, folded so their severity, status and next update can be shown.
public enum IncidentLinks {
    /// Every link in the store.
    public static func graph(in store: any EventStore) throws -> LinkGraph {
        LinkGraph(events: try store.events(ofType: .incidentLinked))
    }

    /// The incidents `id` is related to, each at its latest state; an incident the store no longer
    /// has (a link imported from elsewhere) is left out.
    public static func related(to id: IncidentID, graph: LinkGraph, known ids: [IncidentID]? = nil,
                               in store: any EventStore) throws -> [IncidentID: IncidentState] {
        var states: [IncidentID: IncidentState] = [:]
        let known = Set(try ids ?? store.incidents().map(\.id))
        for relation in graph.relations(of: id) where states[relation.other] == nil && known.contains(relation.other) {
            states[relation.other] = IncidentState.fold(try store.events(of: relation.other, after: 0).map(\.event))
        }
        return states
    }
}
