import Foundation
import WarRoomApp
import WarRoomConfig
import WarRoomCore
import WarRoomIntegrations
import WarRoomStore
import WarRoomText

/// One CLI invocation's view of the world: the open store, the clock reading, the author and
/// the policy. Records commands inside the store's write transaction, against the latest state.
final class Session {
    let store: any EventStore
    /// Where the store is, as `--store` would name it again (for the war room `share` starts).
    let location: StoreLocation
    /// How messages name the store (its path, for SQLite).
    var storeName: String { store.identity.name }
    /// The clock reading this invocation works with; `tick()` reads it again.
    private(set) var now: Timestamp
    let author: String
    let policy: Policy
    /// The theme the config file names, if any.
    let configuredTheme: String?
    /// Problems in the config file, one line each (the defaults were kept for those keys).
    let configProblems: [String]
    let environment: [String: String]
    /// The config file's `[integrations.NAME]` tables, in file order.
    let integrations: [Integration]
    /// Which deliveries each recorded event queues (nil: no destination is configured).
    let routing: DestinationRouting?
    /// The config file's `prometheus_url`, checked (nil: none, or one with a mistake, said).
    let prometheusURL: String?

    /// Opens the store and reads the config file. Config problems go to stderr unless `screen`
    /// is set: the war room shows them itself, since nothing may write over its screen. A
    /// `readOnly` command never creates a store: a mistyped path must not leave an empty one.
    init(_ options: GlobalOptions, screen: Bool = false, readOnly: Bool = false,
         environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if let explicit = options.store, explicit.isEmpty {
            // `--store "$UNSET"` must not quietly mean the default store.
            throw UserFacingError("--store needs a path (it was given an empty one); leave --store out to use "
                + "$WARROOM_STORE or the default store")
        }
        self.environment = environment
        let config = Config.load(environment: environment)
        configProblems = config.diagnostics.map(\.description)
        if !screen {
            for problem in configProblems {
                try? FileHandle.standardError.write(contentsOf: Data(("warroom: config: " + Sanitizer.clean(problem) + "\n").utf8))
            }
        }
        configuredTheme = config.config.theme
        policy = config.config.policy
        location = try StoreLocation.resolve(explicit: options.store, environment: environment)
        do { store = try location.open(create: !readOnly) } catch let error as StoreError where error.isUnreachable {
            // Down at open: a stand-in that fails every call the same way, so what is typed is queued.
            // A command that only reads has nothing to queue: it fails now, and leaves nothing behind.
            guard !readOnly, let identity = location.offlineIdentity else { throw error }
            store = UnreachableStore(identity: identity, error: error)
        }
        integrations = config.config.integrations
        prometheusURL = config.config.prometheusURL
        routing = config.config.deliveryRouting(storeIdentity: store.identity.key)
        now = try SystemClock.now(environment: environment)
        author = options.author ?? config.config.author ?? environment["USER"] ?? environment["LOGNAME"]
            ?? (NSUserName().isEmpty ? "unknown" : NSUserName())
        // The war room delivers (and shows refusals) itself, on its screen.
        if !screen { deliverSpool() }
    }

    /// A session on a store already open (tests: a fake store that can be made unreachable),
    /// with the default policy, delivering what the spool holds as every command does.
    init(store: any EventStore, location: StoreLocation, author: String, now: Timestamp,
         environment: [String: String]) {
        self.store = store
        self.location = location
        self.author = author
        self.now = now
        self.environment = environment
        policy = .standard
        integrations = []
        routing = nil
        prometheusURL = nil
        configuredTheme = nil
        configProblems = []
        deliverSpool()
    }

    /// Where copies of posted updates go (`updates/` beside a store file).
    var updatesDirectory: String {
        UpdateFiles.directory(for: store.identity, stateDirectory: Config.paths(environment: environment).state)
    }

    /// Where `exec --save-output` saves what commands printed (`outputs/` beside a store file).
    var outputsDirectory: String {
        UpdateFiles.directory(for: store.identity, stateDirectory: Config.paths(environment: environment).state, folder: "outputs")
    }

    /// Reads the clock again, for long-running commands.
    func tick() throws { now = try SystemClock.now(environment: environment) }

    /// An incident the store holds but cannot fold: an event that does not read back, or no
    /// declaration.
    struct Damage {
        var id: IncidentID
        var problem: String
    }

    /// Every readable incident with its folded state, oldest first, and the ones that cannot be
    /// read: one bad event makes its own incident unreadable, never the others.
    func readIncidents() throws -> (readable: [(IncidentState, Int64)], damaged: [Damage]) {
        var readable: [(IncidentState, Int64)] = []
        var damaged: [Damage] = []
        for record in try store.incidents() {
            do {
                let events = try store.events(of: record.id, after: 0)
                if let state = IncidentState.fold(events.map(\.event)) {
                    readable.append((state, record.lastSequence))
                } else {
                    damaged.append(Damage(id: record.id, problem: "\(record.id) has no declaration"))
                }
            } catch StoreError.corruptEvent(_, let incident, let sequence, let reason) {
                damaged.append(Damage(id: record.id, problem: "event #\(sequence) of \(incident) cannot be read (\(reason))"))
            }
        }
        return (readable, damaged)
    }

    /// `readIncidents`' readable incidents; the damaged ones are named on stderr (once per run).
    func allIncidents() throws -> [(IncidentState, Int64)] {
        let (readable, damaged) = try readIncidents()
        reportDamaged(damaged)
        return readable
    }

    /// Every readable incident's summary for the reports (stored summaries where they are level
    /// with the log, else folds); the damaged ones are named on stderr as `allIncidents` names them.
    func allSummaries() throws -> [IncidentSummary] {
        let reading = try IncidentSummaries.read(store)
        reportDamaged(reading.damaged.map { Damage(id: $0.id, problem: $0.problem) })
        return reading.summaries
    }

    private func reportDamaged(_ damaged: [Damage]) {
        if !damagedReported {
            damagedReported = true
            for damage in damaged {
                try? FileHandle.standardError.write(contentsOf: Data(("warroom: \(Sanitizer.clean(storeName)): "
                    + Sanitizer.clean(damage.problem) + "; left out (`warroom check` lists every damaged event)\n").utf8))
            }
        }
        lastDamaged = damaged
    }

    /// An entry of this run was queued: later ones queue behind it without trying the store, so
    /// their order is kept (`log --each-line` while the server is away).
    var queueing = false
    /// Why the last entry was queued, repeated for the ones queued behind it.
    var lastQueueReason: StoreError?

    private var damagedReported = false
    private var lastDamaged: [Damage] = []

    /// The incident named by `--incident`, or the one open incident. Open means not closed: a
    /// resolved incident still owes its post-mortem, and closing it is what ends it.
    func resolveIncident(_ explicit: String?) throws -> IncidentID {
        do {
            let id = try resolveReachable(explicit)
            if explicit == nil { rememberOpenIncident(id) }
            return id
        } catch let error as StoreError where error.isUnreachable {
            return try offlineIncident(explicit, error)
        }
    }

    private func resolveReachable(_ explicit: String?) throws -> IncidentID {
        let incidents = try store.incidents()
        if let explicit {
            let wanted: IncidentID
            do { wanted = try IncidentIDRule.normalized(explicit) } catch { throw UserFacingError(error.description) }
            // The typed text too: an id imported in lower case (`inc-3`) is still found by name.
            guard let match = incidents.first(where: { $0.id == wanted })
                ?? incidents.first(where: { $0.id == explicit && IncidentIDRule.isValid(explicit) }) else {
                let known = incidents.map(\.id)
                throw UserFacingError("no incident '\(explicit)' in \(storeName)"
                    + (known.isEmpty ? ": the store is empty; declare one with `warroom declare`"
                        : Suggestion.didYouMean(wanted, among: known) + ": known incidents are \(known.joined(separator: ", "))"))
            }
            return match.id
        }
        let states = try allIncidents().map(\.0)
        let open = states.filter { $0.status != .closed }
        let unreadable = lastDamaged.isEmpty ? ""
            : "; \(lastDamaged.map(\.id).joined(separator: ", ")) cannot be read (see above), name one with --incident to see why"
        switch open.count {
        case 1:
            return open[0].id
        case 0:
            if !lastDamaged.isEmpty {
                throw UserFacingError("no open incident that can be read in \(storeName)\(unreadable)")
            }
            if states.isEmpty {
                throw UserFacingError("no incident in \(storeName): declare one with `warroom declare --title TEXT --severity SEV2`")
            }
            throw UserFacingError("no open incident in \(storeName) (all \(states.count) are closed): "
                + "name one with --incident (\(states.suffix(5).map(\.id).joined(separator: ", ")))")
        default:
            throw UserFacingError("\(open.count) incidents are open in \(storeName): name one with --incident ("
                + open.map { "\($0.id) \($0.severity.label) \($0.title)" }.joined(separator: "; ") + ")" + unreadable)
        }
    }

    /// The state of one incident and its last sequence number.
    func load(_ id: IncidentID) throws -> (IncidentState, Int64) {
        let events = try store.events(of: id, after: 0)
        guard let state = IncidentState.fold(events.map(\.event)) else {
            throw UserFacingError("incident \(id) in \(storeName) has no declaration; the store may be damaged")
        }
        return (state, events.last?.sequence ?? 0)
    }

    /// Records the command `make` builds from the latest state, inside one write transaction.
    /// Returns the new state and the events written (none when nothing new was needed).
    func record(incident id: IncidentID, at: Timestamp, offline: Command? = nil,
                _ make: (IncidentState) throws -> Command) throws -> (IncidentState, [StoredEvent]) {
        var state: IncidentState, last: Int64
        do { (state, last) = try load(id) } catch let error as StoreError where error.isUnreachable {
            // Without the incident's entries only a command that needs none can be queued.
            guard let offline else {
                throw UserFacingError("\(error.description); this command needs the incident's latest entries, so "
                    + "nothing was queued: try again when the server is back")
            }
            try queue(SpoolEntry(incident: id, knownSequence: 0, commands: [offline], author: author, at: at,
                                 recordedAt: now, summary: Self.typed), because: error)
        }
        let written = try record(incident: id, state: &state, last: &last, at: at, make)
        if !written.isEmpty { store.keepSummary(of: state, through: last) }
        return (state, written)
    }

    /// Records onto a state the caller keeps between calls (`log --each-line`): only what others
    /// wrote since `last` is read and folded, so a call costs the same however long the incident
    /// is. `state` and `last` come back updated; returns the events written.
    func record(incident id: IncidentID, state: inout IncidentState, last: inout Int64, at: Timestamp,
                _ make: (IncidentState) throws -> Command) throws -> [StoredEvent] {
        // Ids fixed before the first try: queued with the same ones, a delivery never writes it twice.
        // Only a queued entry has its command built now, from what was read; a reachable store
        // builds it inside the write transaction, from the latest state.
        let firstID = UUID()
        func queued(_ reason: StoreError) throws -> Never {
            try queue(SpoolEntry(incident: id, knownSequence: last, commands: [try make(state)], author: author, at: at,
                                 recordedAt: now, firstID: firstID, summary: Self.typed), because: reason)
        }
        if queueing, let reason = lastQueueReason { try queued(reason) }
        let result: AppendResult
        do {
            result = try store.record(incident: id, onto: state, knownSequence: last, author: author, at: at, now: now,
                                      policy: policy, firstID: firstID, routing: routing, make)
        } catch let error as StoreError where error.isUnreachable { try queued(error) }
        // `result.events` is what others wrote since `last`, then ours. Applied in place: `state`
        // is the only reference to its timeline, so nothing of it is copied.
        for stored in result.events { state.apply(stored.event) }
        last = result.events.last?.sequence ?? last
        return Array(result.events.suffix(result.written))
    }

    /// Declares a new incident; the store picks its id. With a `commander`, their assignment as
    /// Incident Commander is written in the same transaction: no incident exists without its IC.
    func declare(_ declaration: Declaration, at: Timestamp,
                 commander: String? = nil) throws -> (IncidentState, [StoredEvent]) {
        let entry = SpoolEntry(incident: nil, knownSequence: 0,
                               commands: [.declare(declaration)] + (commander.map { [.assignRole(.commander, person: $0)] } ?? []),
                               author: author, at: at, recordedAt: now, summary: Self.typed)
        let stored: [StoredEvent]
        do { (_, stored) = try store.declare(entry, policy: policy, now: now, routing: routing) } catch let error as StoreError where error.isUnreachable {
            // What is open once it lands is not known: a later command without --incident must
            // not go to the incident open before it.
            try? existingSpool()?.rememberOpenIncident(nil)
            try queue(entry, because: error)
        }
        guard let state = IncidentState.fold(stored.map(\.event)) else {
            throw UserFacingError("the declaration was not stored in \(storeName)")
        }
        if let last = stored.last?.sequence { store.keepSummary(of: state, through: last) }
        return (state, stored)
    }
}
