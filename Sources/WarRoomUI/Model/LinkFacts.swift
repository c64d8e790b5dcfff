import WarRoomCore

/// The links between incidents as far as this war room needs them: every link in the store (to
/// check a new one, and to see this incident's from either end), the incidents there are (to
/// refuse a typo of an id), and the incidents on the other end of this one's, as they stand.
public struct LinkFacts: Hashable, Sendable {
    /// How long after another process writes the links are looked up again, at most once per span:
    /// a parent sees its children change within seconds, and a busy store is not read per commit.
    public static let refreshEvery = TimeSpan.seconds(3)

    public var graph: LinkGraph
    /// Every incident in the store, this one included.
    public var known: [IncidentID]
    /// The incidents linked to this one (from either end), each folded.
    public var related: [IncidentID: IncidentState]

    public init(graph: LinkGraph = LinkGraph(), known: [IncidentID] = [], related: [IncidentID: IncidentState] = [:]) {
        self.graph = graph
        self.known = known
        self.related = related
    }

    /// The graph with `state`'s own links as the model has them (newer than the last look-up).
    public func graph(for state: IncidentState) -> LinkGraph { graph.with(state.id, links: state.links) }

    /// Whether `events` change any link (this war room then looks again).
    public static func touched(by events: [Event]) -> Bool {
        events.contains { if case .incidentLinked = $0.payload { true } else { false } }
    }
}
