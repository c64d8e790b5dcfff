import Foundation
import WarRoomCore

/// One command a person typed while the store could not be reached, kept in the offline spool
/// until it is delivered: everything needed to record it later exactly as if it had been recorded
/// then (author, the time it was typed, the recording time) and the event ids every delivery
/// attempt uses, so that a delivery whose answer was lost is not written twice.
public struct SpoolEntry: Hashable, Sendable {
    /// Queue order in the spool (0 before it is queued).
    public var position: Int64
    /// The incident it goes to; nil for a declaration, whose id the store picks on delivery.
    public var incident: IncidentID?
    /// The last sequence number of `incident` its writer had read when it was first tried:
    /// a delivery reads from there, so it sees an earlier attempt that did land.
    public var knownSequence: Int64
    /// What to record, decided in order against the latest state on delivery (a declaration
    /// and its commander's assignment are two).
    public var commands: [Command]
    public var author: String
    /// When it happened, as typed (`--at`, or the moment it was typed).
    public var at: Timestamp
    /// When it was typed (its first attempt's recording time; a delivery records it at its own time).
    public var recordedAt: Timestamp
    /// The id of its first event; the others are derived from it (`eventID(_:)`).
    public var firstID: UUID
    /// The text as the person typed it (`/sev SEV1`, `warroom log …`), for messages.
    public var summary: String

    /// An entry to queue (or to try first: `record(entry:…)` uses the same ids).
    public init(position: Int64 = 0, incident: IncidentID?, knownSequence: Int64, commands: [Command], author: String,
                at: Timestamp, recordedAt: Timestamp, firstID: UUID = UUID(), summary: String) {
        self.position = position
        self.incident = incident
        self.knownSequence = knownSequence
        self.commands = commands
        self.author = author
        self.at = at
        self.recordedAt = recordedAt
        self.firstID = firstID
        self.summary = summary
    }

    /// The id of event `index` of this entry: the first id with its last four bytes XORed with
    /// the index (`UUID.derived`), the same on every attempt.
    public func eventID(_ index: Int) -> UUID { firstID.derived(index) }

    /// True when what it means depends on the state when it lands (a declaration, a severity or
    /// status change): the war room marks it unconfirmed until delivered.
    public var needsLatestState: Bool {
        commands.contains {
            switch $0 {
            case .declare, .setSeverity, .setStatus, .recordImpact: true
            default: false
            }
        }
    }

    /// The events it records onto `state` (nil for a declaration) in `incident`, each command
    /// decided against the state the earlier ones left at `now`, the recording time they carry;
    /// throws the first `CommandError`. With `routing`, each command's events are followed by the
    /// deliveries they cause (`Outbox.queue`), ids from the same sequence.
    public func events(incident: IncidentID, onto state: IncidentState?, policy: Policy,
                       now: Timestamp, routing: (any DeliveryRouting)? = nil) throws(CommandError) -> [Event] {
        var counter = 0
        var current = state
        var events: [Event] = []
        func nextID() -> UUID {
            defer { counter += 1 }
            return eventID(counter)
        }
        for command in commands {
            let decided = try Incident.record(command, incident: incident, state: current, author: author, at: at,
                                              now: now, policy: policy, makeID: nextID)
            let made = Outbox.queue(after: decided, onto: current, routing: routing, makeID: nextID)
            events += made
            current = IncidentState.fold(made, onto: current) ?? current
        }
        return events
    }
}

/// A queued entry the store refused on delivery (someone else resolved first, say): kept with
/// the reason until it has been shown to its author, never dropped silently.
public struct SpoolRefusal: Hashable, Sendable {
    public var position: Int64
    /// The entry's first event id (nothing of it was written).
    public var id: UUID
    public var incident: IncidentID?
    public var author: String
    public var at: Timestamp
    public var summary: String
    public var reason: String

    /// A refusal as the spool keeps it.
    public init(position: Int64, id: UUID, incident: IncidentID?, author: String, at: Timestamp, summary: String,
                reason: String) {
        self.position = position
        self.id = id
        self.incident = incident
        self.author = author
        self.at = at
        self.summary = summary
        self.reason = reason
    }

    /// One line for the person: when it was typed, what, and why it was not recorded.
    public var message: String {
        "queued \(incident.map { $0 + " " } ?? "")entry of \(at.iso8601) (\(summary)) was not recorded: \(reason)"
    }
}

/// The spool file could not be used: what is wrong, naming the file, and what was kept.
public struct SpoolError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var description: String

    /// A problem with the spool at `path`, in words that name it.
    public init(path: String, _ description: String) {
        self.path = path
        self.description = description
    }
}
