import Foundation
import WarRoomConfig
import WarRoomCore
import WarRoomStore
import WarRoomText

/// One CLI invocation's view of the world: the open store, the clock reading, the author and
/// the policy. Records commands inside the store's write transaction, against the latest state.
final class Session {
    let store: SQLiteEventStore
    let path: String
    /// The clock reading this invocation works with; `tick()` reads it again.
    private(set) var now: Timestamp
    let author: String
    let policy: Policy
    /// The theme the config file names, if any.
    let configuredTheme: String?
    /// Problems in the config file, one line each (the defaults were kept for those keys).
    let configProblems: [String]
    private let environment: [String: String]

    /// Opens the store and reads the config file. Config problems go to stderr unless `screen`
    /// is set: the war room shows them itself, since nothing may write over its screen.
    init(_ options: GlobalOptions, screen: Bool = false,
         environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        let config = Config.load(environment: environment)
        configProblems = config.diagnostics.map(\.description)
        if !screen {
            for problem in configProblems {
                FileHandle.standardError.write(Data(("warroom: config: " + Sanitizer.clean(problem) + "\n").utf8))
            }
        }
        configuredTheme = config.config.theme
        policy = config.config.policy
        path = SQLiteEventStore.resolvePath(explicit: options.store, environment: environment)
        store = try SQLiteEventStore(path: path)
        now = try SystemClock.now(environment: environment)
        author = options.author ?? config.config.author ?? environment["USER"] ?? environment["LOGNAME"]
            ?? (NSUserName().isEmpty ? "unknown" : NSUserName())
    }

    /// Reads the clock again, for long-running commands.
    func tick() throws { now = try SystemClock.now(environment: environment) }

    /// Every incident with its folded state, oldest first.
    func allIncidents() throws -> [(IncidentState, Int64)] {
        try store.incidents().compactMap { record in
            let events = try store.events(of: record.id, after: 0)
            return IncidentState.fold(events.map(\.event)).map { ($0, record.lastSequence) }
        }
    }

    /// The incident named by `--incident`, or the one open incident. Open means not closed: a
    /// resolved incident still owes its post-mortem, and closing it is what ends it.
    func resolveIncident(_ explicit: String?) throws -> IncidentID {
        let incidents = try store.incidents()
        if let explicit {
            let wanted = explicit.uppercased().hasPrefix("INC-") ? explicit.uppercased() : "INC-\(explicit)"
            guard let match = incidents.first(where: { $0.id == explicit || $0.id == wanted }) else {
                let known = incidents.map(\.id).joined(separator: ", ")
                throw UserFacingError("no incident '\(explicit)' in \(path)"
                    + (known.isEmpty ? ": the store is empty; declare one with `warroom declare`" : ": known incidents are \(known)"))
            }
            return match.id
        }
        let states = try allIncidents().map(\.0)
        let open = states.filter { $0.status != .closed }
        switch open.count {
        case 1:
            return open[0].id
        case 0:
            if states.isEmpty {
                throw UserFacingError("no incident in \(path): declare one with `warroom declare --title TEXT --severity SEV2`")
            }
            throw UserFacingError("no open incident in \(path) (all \(states.count) are closed): "
                + "name one with --incident (\(states.suffix(5).map(\.id).joined(separator: ", ")))")
        default:
            throw UserFacingError("\(open.count) incidents are open in \(path): name one with --incident ("
                + open.map { "\($0.id) \($0.severity.label) \($0.title)" }.joined(separator: "; ") + ")")
        }
    }

    /// The state of one incident and its last sequence number.
    func load(_ id: IncidentID) throws -> (IncidentState, Int64) {
        let events = try store.events(of: id, after: 0)
        guard let state = IncidentState.fold(events.map(\.event)) else {
            throw UserFacingError("incident \(id) in \(path) has no declaration; the store may be damaged")
        }
        return (state, events.last?.sequence ?? 0)
    }

    /// Records the command `make` builds from the latest state, inside one write transaction.
    /// Returns the new state and the events written (none when nothing new was needed).
    func record(incident id: IncidentID, at: Timestamp,
                _ make: (IncidentState) throws -> Command) throws -> (IncidentState, [StoredEvent]) {
        let (loaded, last) = try load(id)
        let result = try store.record(incident: id, onto: loaded, knownSequence: last, author: author, at: at, now: now,
                                      policy: policy, make)
        // `result.events` is what others wrote since our read, then ours.
        return (IncidentState.fold(result.events.map(\.event), onto: loaded) ?? loaded,
                Array(result.events.suffix(result.written)))
    }

    /// Declares a new incident; the store picks its id. With a `commander`, their assignment as
    /// Incident Commander is written in the same transaction: no incident exists without its IC.
    func declare(_ declaration: Declaration, at: Timestamp,
                 commander: String? = nil) throws -> (IncidentState, [StoredEvent]) {
        let (_, stored) = try store.declare { id in
            var events = try Incident.record(.declare(declaration), incident: id, state: nil, author: author, at: at,
                                             now: now, policy: policy, makeID: { UUID() })
            if let commander, let declared = IncidentState.fold(events) {
                events += try Incident.record(.assignRole(.commander, person: commander), incident: id, state: declared,
                                              author: author, at: at, now: now, policy: policy, makeID: { UUID() })
            }
            return events
        }
        guard let state = IncidentState.fold(stored.map(\.event)) else {
            throw UserFacingError("the declaration was not stored in \(path)")
        }
        return (state, stored)
    }
}
