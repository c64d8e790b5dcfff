import Foundation
import WarRoomCore

extension EventStore {
    /// Records the command `make` builds, decided against the latest truth: inside one write
    /// transaction, the events other writers appended since `knownSequence` are folded onto
    /// `state`, the command is checked by `Incident.record` and its events appended. A refused
    /// command throws its `CommandError` and nothing is written. Both the CLI and the war room
    /// record through here.
    public func record(incident: IncidentID, onto state: IncidentState, knownSequence: Int64, author: String,
                       at: Timestamp, now: Timestamp, policy: Policy,
                       _ make: (IncidentState) throws -> Command) throws -> AppendResult {
        try append(to: incident, knownSequence: knownSequence) { newer in
            let current = IncidentState.fold(newer.map(\.event), onto: state) ?? state
            return try Incident.record(try make(current), incident: incident, state: current, author: author, at: at,
                                       now: now, policy: policy, makeID: { UUID() })
        }
    }
}
