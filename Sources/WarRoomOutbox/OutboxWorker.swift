import Foundation
import WarRoomCore
import WarRoomIntegrations
import WarRoomStore

/// Sends an incident's due deliveries (issue 13): each one claimed inside a store append decided
/// on the latest events (so two workers, in any processes, never both hold one), its notice rebuilt
/// from the causing event, planned for its destination, sent, and the verdict recorded in another
/// append. A worker that dies mid-request leaves its claim to run out (the lease); another then
/// sends it again with the same idempotency key, so a request that did arrive is not doubled.
///
/// Thread-safe: its calls take turns on a lock. Give it a store connection of its own (the war
/// room opens the store a second time for it); it uses that connection only inside its calls.
public final class OutboxWorker: @unchecked Sendable {
    /// The default claim: long enough for a request's timeout several times over.
    public static let defaultLease = TimeSpan.seconds(60)
    /// The default time one request may take, answer included.
    public static let defaultRequestTimeout = TimeSpan.seconds(10)

    /// `host:pid`, as claims record it.
    public let worker: String
    public let lease: TimeSpan
    public let catalog: DestinationCatalog

    private let store: any EventStore
    private let sender: any RequestSending
    private let clock: () -> Timestamp
    private let requestTimeout: TimeSpan
    private let backoff: Backoff
    private let random: () -> Double
    private let spacing: (DestinationType) -> TimeSpan
    private let monotonic: () -> UInt64
    private let pause: (TimeSpan) -> Void
    private let lock = NSLock()

    /// What the worker knows of each incident: its events, folded, and the notices already rebuilt.
    private var incidents: [IncidentID: Known] = [:]
    /// When this worker last sent to each destination, on the monotonic clock (nanoseconds).
    private var lastSent: [String: UInt64] = [:]

    private struct Known {
        var state: IncidentState
        var last: Int64
        var events: [Event]
        /// Per causing event: its notices and its author (whom the worker's steps are recorded as).
        var notices: [UUID: (notices: [OutboundNotice], author: String)] = [:]
    }

    /// A worker sending through `sender`, claiming for `lease`, reading the time from `clock`
    /// (timestamps of its steps, due and retry times). `requestTimeout` bounds each request,
    /// `backoff` and `random` (in 0..<1) make the retry times; `spacing` is the least time between
    /// two requests to one destination (the vendor's rate limit: `DestinationType.minimumSpacing`),
    /// kept on the monotonic clock across passes.
    public init(store: any EventStore, catalog: DestinationCatalog, sender: any RequestSending, worker: String,
                lease: TimeSpan = OutboxWorker.defaultLease, clock: @escaping () -> Timestamp,
                requestTimeout: TimeSpan = OutboxWorker.defaultRequestTimeout, backoff: Backoff = .standard,
                random: @escaping () -> Double = { Double.random(in: 0..<1) },
                spacing: @escaping (DestinationType) -> TimeSpan = { $0.minimumSpacing }) {
        self.store = store
        self.catalog = catalog
        self.sender = sender
        self.worker = worker
        self.lease = lease.millis > 0 ? lease : Self.defaultLease
        self.clock = clock
        self.requestTimeout = requestTimeout
        self.backoff = backoff
        self.random = random
        self.spacing = spacing
        self.monotonic = { DispatchTime.now().uptimeNanoseconds }
        self.pause = { span in if span.millis > 0 { usleep(UInt32(clamping: span.millis * 1000)) } }
    }

    /// `hostname:pid` of this process.
    public static var processWorkerID: String {
        "\(ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"):\(getpid())"
    }

    // MARK: - A pass

    /// Sends every delivery of `incident` due now, once each: claimed, sent, its verdict recorded.
    /// One held back by its destination's spacing is left due for the next pass (`OutboxPass.held`);
    /// those in `skipping` are left alone (`outbox deliver` handles each delivery once per run).
    public func pass(incident: IncidentID, skipping: Set<UUID> = []) throws -> OutboxPass {
        lock.lock()
        defer { lock.unlock() }
        var known = try refresh(incident)
        let now = clock()
        var result = OutboxPass(incident: incident)
        for delivery in known.state.outbox.due(at: now) where !skipping.contains(delivery.id) {
            if let wait = spacingLeft(delivery.destination) {
                result.held.append(.init(delivery: delivery.id, destination: delivery.destination, readyIn: wait))
                continue
            }
            let handled = try handle(delivery.id, incident: incident, known: &known)
            result.handled.append(handled)
        }
        incidents[incident] = known
        result.nextDue = nextDueLocked(known)
        return result
    }

    /// When a delivery of `incident` is next due here (now or earlier: at once), its destination's
    /// spacing included; nil when none is waiting (all delivered, dropped, or failed for good). Reads
    /// what other processes wrote since the last call; on a store error, what is known.
    public func nextDue(incident: IncidentID) -> Timestamp? {
        lock.lock()
        defer { lock.unlock() }
        if let known = try? refresh(incident) {
            incidents[incident] = known
            return nextDueLocked(known)
        }
        guard let known = incidents[incident] else { return nil }
        return nextDueLocked(known)
    }

    /// The incident's outbox as last read (refreshed first): for lists and the war room.
    public func outbox(incident: IncidentID) throws -> Outbox {
        lock.lock()
        defer { lock.unlock() }
        let known = try refresh(incident)
        incidents[incident] = known
        return known.state.outbox
    }

    /// What would be sent now, claimed and sent nothing (`--dry-run`): each due delivery with its
    /// plan, or why it has none. Spacing is not waited for.
    public func preview(incident: IncidentID) throws -> [DeliveryPreview] {
        lock.lock()
        defer { lock.unlock() }
        var known = try refresh(incident)
        let now = clock()
        var previews: [DeliveryPreview] = []
        for delivery in known.state.outbox.due(at: now) {
            let outcome: DeliveryPreview.Outcome
            switch prepare(delivery, known: &known) {
            case .failure(let failure): outcome = .problem(failure.reason)
            case .success(let prepared):
                switch prepared.plan {
                case .send(let requests): outcome = .send(requests)
                case .skip(let reason): outcome = .skip(reason)
                }
            }
            previews.append(DeliveryPreview(delivery: delivery, outcome: outcome))
        }
        incidents[incident] = known
        return previews
    }

    // MARK: - One delivery

    private func handle(_ id: UUID, incident: IncidentID, known: inout Known) throws -> HandledDelivery {
        let now = clock()
        // The claim, decided on the latest events inside the write transaction.
        var claimed = false
        // Its steps are recorded as its cause's author, as its queued step is: the outbox adds no
        // person to the incident (whom completion and the blameless check would then name).
        if let cause = known.state.outbox.delivery(id)?.cause { _ = notices(of: cause, known: &known) }
        let author = known.state.outbox.delivery(id).flatMap { known.notices[$0.cause]?.author } ?? "warroom"
        let base = known.state
        let worker = self.worker, lease = self.lease
        let claim = try store.append(to: incident, knownSequence: known.last) { newer in
            let current = IncidentState.fold(newer.map(\.event), onto: base) ?? base
            guard let step = current.outbox.claim(id, worker: worker, now: now, lease: lease) else {
                claimed = false
                return []
            }
            claimed = true
            return [Self.event(step, incident: incident, at: now, author: author)]
        }
        absorb(claim.events, into: &known)
        guard let delivery = known.state.outbox.delivery(id) else {
            return HandledDelivery(delivery: id, destination: "?", notice: "?", key: "", attempt: 0,
                                   outcome: .takenByAnother(state: "unknown"))
        }
        guard claimed else {
            return HandledDelivery(delivery, outcome: .takenByAnother(state: delivery.state.name))
        }

        let verdict: DeliveryOutcome
        var secrets = catalog.secretValues
        switch prepare(delivery, known: &known) {
        case .failure(let failure):
            verdict = .failed(reason: failure.reason)
        case .success(let prepared):
            secrets += prepared.destination.secretValues
            if prepared.destination.type.urlIsSecret { secrets += DestinationCatalog.urlSecrets(prepared.destination.url) }
            switch prepared.plan {
            case .skip(let reason):
                verdict = .dropped(reason: reason)
            case .send(let requests):
                verdict = send(requests, to: prepared.destination, attempt: delivery.attempts)
            }
        }
        let outcome = verdict.redacted(secrets)
        guard let step = outcome.record(id) else { return HandledDelivery(delivery, outcome: outcome) }
        var recorded = false
        let after = known.state
        let at = clock()
        let answer = try store.append(to: incident, knownSequence: known.last) { newer in
            let current = IncidentState.fold(newer.map(\.event), onto: after) ?? after
            recorded = Self.stillApplies(step, to: current.outbox.delivery(id), worker: worker)
            return recorded ? [Self.event(step, incident: incident, at: at, author: author)] : []
        }
        absorb(answer.events, into: &known)
        guard recorded, let settled = known.state.outbox.delivery(id) else {
            // Our claim ran out and another worker settled it meanwhile: its record stands.
            return HandledDelivery(delivery, outcome: .takenByAnother(state: known.state.outbox.delivery(id)?.state.name ?? "unknown"))
        }
        return HandledDelivery(settled, outcome: outcome)
    }

    /// Whether `step` may still be written: a delivery not settled meanwhile; a failure only while
    /// it is still ours (another worker's later attempt speaks for itself).
    static func stillApplies(_ step: DeliveryRecord, to delivery: OutboundDelivery?, worker: String) -> Bool {
        guard let delivery, !delivery.state.isSettled else { return false }
        switch step.step {
        case .delivered, .dropped: return true
        case .failed:
            if case .sending(let holder, _) = delivery.state { return holder == worker }
            return false
        default: return false
        }
    }

    private struct Prepared {
        var destination: Destination
        var plan: OutboundPlan
    }

    private struct Unsendable: Error {
        var reason: String
    }

    /// The delivery's notice rebuilt from its cause and planned for its destination.
    private func prepare(_ delivery: OutboundDelivery, known: inout Known) -> Result<Prepared, Unsendable> {
        let destination: Destination
        switch catalog.destination(named: delivery.destination) {
        case .success(let found): destination = found
        case .failure(let problem): return .failure(Unsendable(reason: problem.description))
        }
        guard let notices = notices(of: delivery.cause, known: &known) else {
            return .failure(Unsendable(reason: "the event that caused it (\(delivery.cause.uuidString)) is not in the incident"))
        }
        guard let notice = notices.first(where: { NoticeBuilder.noticeName($0.kind) == delivery.notice }) else {
            return .failure(Unsendable(reason: "its event no longer makes a \(delivery.notice) notice; nothing to send"))
        }
        do {
            let plan = try destination.plan(for: notice, vendorReference: known.state.outbox.vendorReference(at: delivery.destination))
            return .success(Prepared(destination: destination, plan: plan))
        } catch {
            return .failure(Unsendable(reason: error.description))
        }
    }

    /// Sends the plan's requests in order (each one after the destination's spacing); the first that
    /// is not delivered decides. A retried delivery sends them all again, each with its own key.
    private func send(_ requests: [OutboundRequest], to destination: Destination, attempt: Int) -> DeliveryOutcome {
        var reference: String?
        for request in requests {
            if let wait = spacingLeft(destination.name) { pause(wait) }
            let outcome = sender.send(request, timeout: requestTimeout)
            lastSent[destination.name] = monotonic()
            let now = clock()
            let verdict: DeliveryVerdict
            switch outcome {
            case .answer(let status, let headers, let body):
                verdict = destination.classify(status: status, headers: headers, body: body, now: now)
            case .failure(let failure):
                verdict = destination.classify(failure)
            }
            switch verdict {
            case .delivered(let vendorReference):
                reference = vendorReference ?? reference
            case .retry(let after, let reason):
                let delay = backoff.delay(attempt: max(1, attempt), random: random(), retryAfter: after)
                return .retrying(at: now + delay, reason: reason)
            case .failed(let reason):
                return .failed(reason: reason)
            }
        }
        return .delivered(vendorReference: reference)
    }

    // MARK: - Reading

    private func refresh(_ incident: IncidentID) throws -> Known {
        if var known = incidents[incident] {
            let newer = try store.events(of: incident, after: known.last)
            absorb(newer, into: &known)
            return known
        }
        let stored = try store.events(of: incident, after: 0)
        guard let state = IncidentState.fold(stored.map(\.event)) else {
            throw OutboxWorkerError.noDeclaration(incident)
        }
        return Known(state: state, last: stored.last?.sequence ?? 0, events: stored.map(\.event))
    }

    private func absorb(_ stored: [StoredEvent], into known: inout Known) {
        for item in stored where item.sequence > known.last {
            known.state.apply(item.event)
            known.events.append(item.event)
            known.last = item.sequence
        }
    }

    /// The notices of the causing event `cause`, rebuilt from the incident before and after it;
    /// every cause of an unsettled delivery is rebuilt in the same walk, and kept (the events up to
    /// a cause never change), so a long outbox costs one fold, not one per delivery.
    private func notices(of cause: UUID, known: inout Known) -> [OutboundNotice]? {
        if let cached = known.notices[cause] { return cached.notices }
        var wanted = Set(known.state.outbox.deliveries.filter { !$0.state.isSettled }.map(\.cause))
        wanted.subtract(known.notices.keys)
        wanted.insert(cause)
        var state: IncidentState?
        for event in known.events {
            let isWanted = wanted.contains(event.id)
            // Only a wanted event's `before` is kept: a copy of the state costs a copy of its tables.
            let before = isWanted ? state : nil
            if var current = state {
                state = nil
                current.apply(event)
                state = current
            } else {
                state = IncidentState.fold([event])
            }
            guard isWanted, let after = state else { continue }
            known.notices[event.id] = (NoticeBuilder.notices(for: event, before: before, after: after, storeIdentity: store.identity.key),
                                       event.author)
            wanted.remove(event.id)
            if wanted.isEmpty { break }
        }
        return known.notices[cause]?.notices
    }

    // MARK: - Timing

    /// How long until `destination` may be sent to again, or nil when it may now.
    private func spacingLeft(_ destination: String) -> TimeSpan? {
        guard let last = lastSent[destination], let type = catalog.type(of: destination) else { return nil }
        let gap = spacing(type)
        let elapsed = Int64(clamping: (monotonic() &- last) / 1_000_000)
        return elapsed < gap.millis ? TimeSpan(millis: gap.millis - elapsed) : nil
    }

    private func nextDueLocked(_ known: Known) -> Timestamp? {
        let now = clock()
        var seen: Set<String> = []
        var earliest: Timestamp?
        for delivery in known.state.outbox.deliveries {
            switch delivery.state {
            case .delivered, .dropped, .failed: continue
            case .waiting, .sending, .retrying: break
            }
            guard seen.insert(delivery.destination).inserted else { continue }
            var at: Timestamp
            switch delivery.state {
            case .sending(_, let until): at = until
            case .retrying(let retryAt, _): at = retryAt
            default: at = now
            }
            if at < now { at = now }
            if let wait = spacingLeft(delivery.destination), now + wait > at { at = now + wait }
            if earliest.map({ at < $0 }) ?? true { earliest = at }
        }
        return earliest
    }

    static func event(_ record: DeliveryRecord, incident: IncidentID, at: Timestamp, author: String) -> Event {
        Event(id: UUID(), incident: incident, at: at, recordedAt: at, author: author, payload: .delivery(record))
    }
}

/// Why a worker cannot work on an incident.
public enum OutboxWorkerError: Error, CustomStringConvertible, Equatable {
    case noDeclaration(IncidentID)

    public var description: String {
        switch self {
        case .noDeclaration(let id): "incident \(id) has no declaration; the store may be damaged"
        }
    }
}

/// What one pass did.
public struct OutboxPass: Sendable {
    public var incident: IncidentID
    /// Each delivery this pass claimed (or found taken), in queue order.
    public var handled: [HandledDelivery] = []
    /// Due, but its destination was sent to too recently: left for the next pass.
    public var held: [HeldDelivery] = []
    /// When a delivery is next due (`OutboxWorker.nextDue`), after this pass.
    public var nextDue: Timestamp?

    public init(incident: IncidentID) { self.incident = incident }
}

/// A delivery a pass left for later, for its destination's rate limit.
public struct HeldDelivery: Hashable, Sendable {
    public var delivery: UUID
    public var destination: String
    /// How long until the destination may be sent to.
    public var readyIn: TimeSpan
}

/// What happened to one delivery in a pass.
public struct HandledDelivery: Hashable, Sendable, CustomStringConvertible {
    public var delivery: UUID
    public var destination: String
    /// `declared`, `status_update`, `page:TARGET`, …
    public var notice: String
    /// The idempotency key every attempt carries.
    public var key: String
    /// Attempts so far, this one included.
    public var attempt: Int
    public var outcome: DeliveryOutcome

    init(delivery: UUID, destination: String, notice: String, key: String, attempt: Int, outcome: DeliveryOutcome) {
        self.delivery = delivery
        self.destination = destination
        self.notice = notice
        self.key = key
        self.attempt = attempt
        self.outcome = outcome
    }

    init(_ delivery: OutboundDelivery, outcome: DeliveryOutcome) {
        self.init(delivery: delivery.id, destination: delivery.destination, notice: delivery.notice, key: delivery.key,
                  attempt: delivery.attempts, outcome: outcome)
    }

    /// `1a2b3c4d slack-eng status_update: delivered (attempt 1)`: one line, redacted.
    public var description: String {
        "\(OutboxID.short(delivery)) \(destination) \(notice): \(outcome.summary)"
            + (outcome.isTaken ? "" : " (attempt \(attempt))")
    }
}

/// A delivery's outcome in a pass.
public enum DeliveryOutcome: Hashable, Sendable {
    case delivered(vendorReference: String?)
    /// Failed in a way that may pass: tried again from `at`.
    case retrying(at: Timestamp, reason: String)
    /// Refused for good: waits for `warroom outbox retry` or `drop`.
    case failed(reason: String)
    /// The destination has nothing to send for it (a `.skip` plan).
    case dropped(reason: String)
    /// Another worker held or settled it first; `state` is where it stands.
    case takenByAnother(state: String)

    var isTaken: Bool { if case .takenByAnother = self { true } else { false } }

    /// The step that records it, or nil when there is none to write (another worker's).
    func record(_ id: UUID) -> DeliveryRecord? {
        switch self {
        case .delivered(let reference): .delivered(id, vendorReference: reference)
        case .retrying(let at, let reason): .failed(id, reason: reason, retryAt: at)
        case .failed(let reason): .failed(id, reason: reason, retryAt: nil)
        case .dropped(let reason): .dropped(id, reason: reason)
        case .takenByAnother: nil
        }
    }

    /// The outcome in words.
    public var summary: String {
        switch self {
        case .delivered: "delivered"
        case .retrying(let at, let reason): "\(reason) (next try at \(at.iso8601))"
        case .failed(let reason): "failed: \(reason)"
        case .dropped(let reason): "dropped: \(reason)"
        case .takenByAnother(let state): "left to another worker (\(state))"
        }
    }

    /// The same outcome with every secret value replaced by `***`.
    func redacted(_ secrets: [String]) -> DeliveryOutcome {
        switch self {
        case .delivered(let reference): .delivered(vendorReference: reference.map { Redaction.scrub($0, secrets: secrets) })
        case .retrying(let at, let reason): .retrying(at: at, reason: Redaction.scrub(reason, secrets: secrets))
        case .failed(let reason): .failed(reason: Redaction.scrub(reason, secrets: secrets))
        case .dropped(let reason): .dropped(reason: Redaction.scrub(reason, secrets: secrets))
        case .takenByAnother: self
        }
    }
}

/// What `--dry-run` shows of one due delivery.
public struct DeliveryPreview: Sendable {
    public var delivery: OutboundDelivery
    public var outcome: Outcome

    public enum Outcome: Sendable {
        /// These requests would be sent (print their redacted `description`).
        case send([OutboundRequest])
        /// Nothing would be sent, and it would be dropped for this reason.
        case skip(String)
        /// It cannot be sent as configured; it would fail for this reason.
        case problem(String)
    }
}

/// How deliveries are named to people: the last 8 hex digits of their id. Not the first: the
/// events of one record take ids derived from its first (`SpoolEntry.eventID`, which changes the
/// last 4 bytes), so the deliveries one event queues share all but their last digits.
public enum OutboxID {
    /// `1a2b3c4d`.
    public static func short(_ id: UUID) -> String { String(id.uuidString.lowercased().suffix(8)) }
}
