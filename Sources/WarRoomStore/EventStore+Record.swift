import Foundation
import WarRoomCore

extension EventStore {
    /// Records the command `make` builds, decided against the latest truth: inside one write
    /// transaction, the events other writers appended since `knownSequence` are folded onto
    /// `state`, the command is checked by `Incident.record` and its events appended. A refused
    /// command throws its `CommandError` and nothing is written. Both the CLI and the war room
    /// record through here.
    public func record(incident: IncidentID, onto state: IncidentState, knownSequence: Int64, author: String,
                       at: Timestamp, now: Timestamp, policy: Policy, routing: (any DeliveryRouting)? = nil,
                       _ make: (IncidentState) throws -> Command) throws -> AppendResult {
        try append(to: incident, knownSequence: knownSequence) { newer in
            let current = IncidentState.fold(newer.map(\.event), onto: state) ?? state
            let decided = try Incident.record(try make(current), incident: incident, state: current, author: author, at: at,
                                              now: now, policy: policy, makeID: { UUID() })
            return Outbox.queue(after: decided, onto: current, routing: routing, makeID: { UUID() })
        }
    }

    /// Records the command `make` builds from the latest state, like
    /// `record(incident:onto:knownSequence:author:at:now:policy:_:)`, with event ids derived
    /// from `firstID` as a `SpoolEntry`'s are: an entry queued after this attempt lost its answer
    /// carries the same ids, so its delivery finds this write instead of making it twice.
    public func record(incident: IncidentID, onto state: IncidentState, knownSequence: Int64, author: String,
                       at: Timestamp, now: Timestamp, policy: Policy, firstID: UUID, routing: (any DeliveryRouting)? = nil,
                       _ make: (IncidentState) throws -> Command) throws -> AppendResult {
        try append(to: incident, knownSequence: knownSequence) { newer in
            let current = IncidentState.fold(newer.map(\.event), onto: state) ?? state
            let entry = SpoolEntry(incident: incident, knownSequence: knownSequence, commands: [try make(current)],
                                   author: author, at: at, recordedAt: now, firstID: firstID, summary: "")
            return try entry.events(incident: incident, onto: current, policy: policy, now: now, routing: routing)
        }
    }
}
