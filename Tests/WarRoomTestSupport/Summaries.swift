import WarRoomCore

extension IncidentState {
    /// What the reports read of this incident (`IncidentSummary`).
    public var summarized: IncidentSummary { IncidentSummary(self) }
}

extension Array where Element == IncidentState {
    public var summarized: [IncidentSummary] { map(IncidentSummary.init) }
}
