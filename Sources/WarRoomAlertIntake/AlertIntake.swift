import Foundation
import WarRoomAlerts
import WarRoomCore
import WarRoomStore

/// The secrets deliveries are checked against. Never printed, logged or recorded.
public struct IntakeSecrets: Sendable {
    /// PagerDuty V3 webhook secrets (several while one is rotated): `POST /pagerduty` needs a
    /// signature made with one of them; with none, PagerDuty deliveries are refused.
    public var pagerDuty: [String]
    /// The shared secret of `--allow-remote` (a bearer token, or the key of an HMAC-SHA256 over the
    /// body); nil on loopback.
    public var shared: String?
    /// Whether every delivery must prove it holds `shared` (listening beyond loopback).
    public var requireShared: Bool

    public init(pagerDuty: [String] = [], shared: String? = nil, requireShared: Bool = false) {
        self.pagerDuty = pagerDuty.filter { !$0.isEmpty }
        self.shared = shared.flatMap { $0.isEmpty ? nil : $0 }
        self.requireShared = requireShared
    }
}

/// Alerts in: verifies, parses and routes webhook deliveries (Alertmanager, Grafana, PagerDuty V3)
/// and records them in the store, each alert in one write transaction, decided against the
/// latest state (open incidents by service and severity, every alert key ever recorded).
///
/// - A firing alert whose service matches an open incident becomes a finding tagged detection
///   on it; a resolved one, a finding; one that matches none declares an incident when the
///   policy auto-declares its level (detected, and impact started, at the alert's `startsAt`),
///   the finding as its first entry in the same transaction.
/// - Every entry carries its alert's dedup key (`Entry.alert`), and its event ids are derived
///   from the store and that key: a second delivery is a duplicate however it arrives, and two
///   intakes racing on one store write it once (the store skips an id it holds).
/// - An alert at a level the policy proposes, matching no open incident, goes to the store's
///   proposal inbox: a new proposal, or one more alert of the open proposal for its service,
///   in one write transaction decided against the latest inbox, ids derived like its entries'.
/// - 2xx only once the events are durable; a store that cannot be reached, or is busy, is 503
///   (the sender retries), and a failed alert wrote nothing.
///
/// Thread-safe: deliveries are handled one at a time.
public final class AlertIntake: @unchecked Sendable {
    /// The store written to.
    public let store: any EventStore
    /// What alerts may do by themselves.
    public let policy: AlertPolicy
    /// The method's numbers, for `Incident.record`.
    public let corePolicy: Policy
    /// The author of every event the intake records.
    public let author: String
    /// The limits every body is checked against.
    public let limits: AlertLimits
    /// Which deliveries the recorded events queue (a declaration to Slack…): the config's
    /// destinations, as every record path has them. Nil queues none.
    public var routing: (any DeliveryRouting)?
    private let secrets: IntakeSecrets
    private let clock: () throws -> Timestamp
    private let lock = NSLock()
    /// Every readable incident folded, with its last sequence: read incrementally.
    private var known: [IncidentID: (state: IncidentState, last: Int64)] = [:]
    /// Incidents that could not be read (a damaged event), by id, with their last sequence then.
    private var unreadable: [IncidentID: Int64] = [:]
    /// Every alert key recorded in a readable incident, and the first incident that holds it: kept
    /// as events are read and written, so a delivery never walks every key.
    private var keyIndex: [String: IncidentID] = [:]
    /// The proposal inbox folded, and the last sequence read.
    private var inbox = ProposalInbox()
    private var inboxLast: Int64 = 0

    /// An intake on `store`. `clock` reads the time each delivery is recorded at.
    public init(store: any EventStore, policy: AlertPolicy = AlertPolicy(), corePolicy: Policy = .standard,
                author: String = "alerts", secrets: IntakeSecrets = IntakeSecrets(), limits: AlertLimits = AlertLimits(),
                clock: @escaping () throws -> Timestamp) {
        self.store = store
        self.policy = policy
        self.corePolicy = corePolicy
        self.author = author.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "alerts" : author
        self.secrets = secrets
        self.limits = limits
        self.clock = clock
    }

    // MARK: Deliveries

    /// An HTTP request: `POST /alertmanager`, `/grafana` or `/pagerduty` (a trailing `/` or a query
    /// is fine); `GET /healthz` answers 200 without touching the store. Anything else is 404 or 405.
    public func receive(method: String, path: String, headers: [(name: String, value: String)], body: [UInt8]) -> IntakeAnswer {
        if method == "GET" && (path == "/healthz" || path == "/") {
            return .refusal(200, "warroom alerts: POST Alertmanager, Grafana or PagerDuty webhooks to "
                            + AlertFormat.allCases.map(\.path).joined(separator: ", "))
        }
        let format: AlertFormat
        do { format = try AlertFormat.forPath(path) } catch {
            return .refusal(404, "no such path '\(AlertEntryText.oneLine(path, limit: 80))': "
                            + "POST to \(AlertFormat.allCases.map(\.path).joined(separator: ", ")); nothing was recorded")
        }
        guard method == "POST" else {
            var answer = IntakeAnswer.refusal(405, "\(format.path) takes POST, not \(AlertEntryText.oneLine(method, limit: 16)); nothing was recorded")
            answer.headers = [("Allow", "POST")]
            return answer
        }
        return receive(format: format, headers: headers, body: body, verified: false)
    }

    /// One delivery of `format`. `verified`: the caller vouches for the sender (`alerts ingest`
    /// reading a file), so no signature is asked; otherwise PagerDuty's must match, and with
    /// `requireShared` the shared secret's too. `dryRun` decides and reports without writing.
    public func receive(format: AlertFormat, headers: [(name: String, value: String)], body: [UInt8],
                        verified: Bool, dryRun: Bool = false) -> IntakeAnswer {
        lock.lock()
        defer { lock.unlock() }
        do { try limits.checkSize(body.count) } catch { return .refusal(413, error.description) }
        if !verified, let refusal = authenticate(format: format, headers: headers, body: body) { return refusal }
        let alerts: [InboundAlert]
        do { alerts = try format.parse(body, limits: limits) } catch {
            return .refusal(error.isTooLarge ? 413 : 400, error.description)
        }
        if alerts.isEmpty { return .refusal(200, "the payload carries no alert; nothing to record") }
        do { try refresh() } catch { return storeFailure(error, alerts: []) }
        var view = View(known)
        var reports: [AlertReport] = []
        var failure: (any Error)?
        for alert in alerts {
            let outcome: AlertOutcome
            if let failure {
                outcome = .failed("an earlier alert of this payload could not be written (\(Self.reason(failure)))")
            } else {
                do {
                    outcome = try handle(alert, view: &view, dryRun: dryRun)
                } catch let error as CommandError {
                    outcome = .refused(error.description)
                } catch {
                    failure = error
                    outcome = .failed(Self.reason(error))
                }
            }
            reports.append(AlertReport(name: alert.name, service: alert.service, status: alert.status, outcome: outcome))
        }
        if let failure { return storeFailure(failure, alerts: reports) }
        return Self.answer(reports, dryRun: dryRun)
    }

    /// The status and message for alerts that all went through the rules.
    static func answer(_ reports: [AlertReport], dryRun: Bool) -> IntakeAnswer {
        let refused = reports.filter { if case .refused = $0.outcome { true } else { false } }.count
        let proposed = reports.filter { if case .proposed = $0.outcome { true } else { false } }.count
        let duplicates = reports.filter {
            switch $0.outcome {
            case .duplicate, .duplicateProposal: true
            default: false
            }
        }.count
        let recorded = reports.filter(\.outcome.isRecorded).count - duplicates - proposed
        var parts: [String] = []
        if recorded > 0 { parts.append(dryRun ? "\(recorded) would be recorded" : "\(recorded) recorded") }
        if duplicates > 0 { parts.append("\(duplicates) already recorded") }
        if proposed > 0 {
            parts.append(dryRun ? "\(proposed) would be proposed" : "\(proposed) proposed (see `warroom proposals`)")
        }
        let ignored = reports.count - recorded - duplicates - proposed - refused
        if ignored > 0 { parts.append("\(ignored) ignored") }
        if refused > 0 { parts.append("\(refused) refused") }
        let status = refused > 0 ? 422 : 200
        return IntakeAnswer(status: status, message: (dryRun ? "dry run, nothing written: " : "") + parts.joined(separator: ", "),
                            alerts: reports)
    }

    // MARK: Checks

    private func authenticate(format: AlertFormat, headers: [(name: String, value: String)], body: [UInt8]) -> IntakeAnswer? {
        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        if format == .pagerduty {
            let verdict = WebhookSignature.verifyPagerDuty(body: body, header: header(WebhookSignature.pagerDutyHeader),
                                                           secrets: secrets.pagerDuty)
            guard verdict.isAccepted else {
                return .refusal(401, verdict == .noSecretConfigured
                                ? "no PagerDuty webhook secret is configured (pagerduty_secret in [alerts]), so no PagerDuty "
                                    + "delivery can be verified; nothing was recorded"
                                : verdict.description)
            }
            // PagerDuty's own signature proves the sender; it cannot send ours as well.
            return nil
        }
        guard secrets.requireShared else { return nil }
        guard let shared = secrets.shared else {
            return .refusal(401, SignatureVerdict.noSecretConfigured.description)
        }
        let verdict = WebhookSignature.verifySharedSecret(body: body, authorization: header("Authorization"),
                                                          signature: header(WebhookSignature.sharedSecretHeader), secret: shared)
        return verdict.isAccepted ? nil : .refusal(401, verdict.description)
    }

    private func storeFailure(_ error: any Error, alerts: [AlertReport]) -> IntakeAnswer {
        let passing = (error as? StoreError).map { error -> Bool in
            if error.isUnreachable { return true }
            if case .busy = error { return true }
            return false
        } ?? false
        let written = alerts.filter { $0.outcome.isRecorded }.count
        let message = "the store " + (passing ? "cannot be reached or is busy" : "failed") + " (\(Self.reason(error))); "
            + (written > 0 ? "\(written) alert\(written == 1 ? " was" : "s were") recorded before it, the rest was not: "
                : "nothing was recorded: ")
            + (passing ? "retry (a retry records each alert once)" : "see the server's log")
        var answer = IntakeAnswer(status: passing ? 503 : 500, message: message, alerts: alerts)
        if passing { answer.headers = [("Retry-After", "5")] }
        return answer
    }

    static func reason(_ error: any Error) -> String {
        (error as? StoreError)?.description ?? (error as? CommandError)?.description ?? "\(error)"
    }

    // MARK: Routing and recording

    /// What routing sees during one delivery: open incidents, and the keys this delivery recorded
    /// (or, in a dry run, pretends to have) on top of the intake's index.
    struct View {
        var open: [OpenIncident]
        var index: [String: IncidentID] = [:]
        /// Incidents a dry run would have declared, numbered from 1.
        var pretend = 0
        /// Alert keys a dry run would have put in a proposal (0: a new one).
        var proposalKeys: [String: Int] = [:]

        init(_ known: [IncidentID: (state: IncidentState, last: Int64)]) {
            let ordered = known.values.map(\.state).filter(\.status.isActive).sorted { Self.number($0.id) < Self.number($1.id) }
            open = ordered.map { OpenIncident(id: $0.id, service: $0.service, severity: $0.severity) }
        }

        static func number(_ id: IncidentID) -> Int64 { Int64(id.drop { !$0.isNumber }) ?? Int64.max }

        mutating func update(_ state: IncidentState, keys: [String]) {
            if let place = open.firstIndex(where: { $0.id == state.id }) {
                if state.status.isActive {
                    open[place] = OpenIncident(id: state.id, service: state.service, severity: state.severity)
                } else {
                    open.remove(at: place)
                }
            } else if state.status.isActive {
                open.append(OpenIncident(id: state.id, service: state.service, severity: state.severity))
            }
            for key in keys where index[key] == nil { index[key] = state.id }
        }
    }

    /// The incident that records `key`: this delivery's view first, then the index.
    private func recorder(of key: String, _ view: View) -> IncidentID? { view.index[key] ?? keyIndex[key] }

    /// The alert keys `events` record.
    static func alertKeys(in events: some Sequence<Event>) -> [String] {
        events.compactMap { event in
            if case .entry(let entry) = event.payload { return entry.alert?.key }
            return nil
        }
    }

    /// Indexes the keys of `incident`'s new events.
    private func index(_ events: some Sequence<Event>, of incident: IncidentID) {
        for key in Self.alertKeys(in: events) where keyIndex[key] == nil { keyIndex[key] = incident }
    }

    private func handle(_ alert: InboundAlert, view: inout View, dryRun: Bool) throws -> AlertOutcome {
        if let holder = recorder(of: alert.dedupKey, view) { return .duplicate(holder) }
        if let number = view.proposalKeys[alert.dedupKey] ?? inbox.keys[alert.dedupKey] {
            return .duplicateProposal(number > 0 ? Proposal.label(number) : "(new proposal)")
        }
        var action = AlertRouting.decide(alert, openIncidents: view.open, alreadyRecorded: [], policy: policy)
        // A resolution follows its firing alert's incident even when people resolved it first.
        if alert.status == .resolved, case .ignore = action, let firing = Self.firingKey(of: alert.dedupKey),
           let incident = recorder(of: firing, view) {
            action = .resolvedFinding(incident)
        }
        // A resolution of an alert waiting in an open proposal joins it, so the IC sees it ended.
        if alert.status == .resolved, case .ignore = action, let firing = Self.firingKey(of: alert.dedupKey),
           let number = inbox.keys[firing], let proposal = inbox.proposal(number), proposal.isOpen {
            action = .propose(severity: proposal.severity)
        }
        let now = try clock()
        switch action {
        case .duplicate:
            return .duplicate(recorder(of: alert.dedupKey, view))
        case .ignore(let reason):
            return .ignored(reason)
        case .propose(let level):
            if dryRun {
                let joined = inbox.openProposal(forService: alert.service)
                let label = joined?.label ?? "(new proposal)"
                view.proposalKeys[alert.dedupKey] = joined?.number ?? 0
                return .proposed(label, level, joined: joined != nil)
            }
            return try propose(alert, level: level, now: now, view: &view)
        case .attach(let incident, let detection):
            let entry = Self.entry(for: alert, detection: detection)
            if dryRun {
                view.index[alert.dedupKey] = incident
                return .attached(incident, detection: detection)
            }
            return try append(entry, alert: alert, to: incident, now: now, view: &view) ? .attached(incident, detection: detection)
                : .duplicate(incident)
        case .resolvedFinding(let incident):
            let entry = Self.entry(for: alert, detection: false)
            if dryRun {
                view.index[alert.dedupKey] = incident
                return .resolved(incident)
            }
            return try append(entry, alert: alert, to: incident, now: now, view: &view) ? .resolved(incident) : .duplicate(incident)
        case .declare(let level, _):
            if dryRun {
                view.pretend += 1
                let id = "(new incident \(view.pretend))"
                view.open.append(OpenIncident(id: id, service: alert.service, severity: level))
                view.index[alert.dedupKey] = id
                return .declared(id, level)
            }
            return try declare(alert, level: level, now: now, view: &view)
        }
    }

    /// The entry recording `alert`: a finding (tagged detection when it detects), its text from
    /// `AlertEntryText`, its source kept.
    public static func entry(for alert: InboundAlert, detection: Bool) -> Entry {
        Entry(kind: .finding, text: AlertEntryText.finding(for: alert), tags: detection ? [.detection] : [],
              alert: AlertSource(key: alert.dedupKey, format: alert.format.rawValue, startsAt: alert.startsAt,
                                 runbookURL: alert.runbookURL, link: alert.generatorURL ?? alert.dashboardURL, name: alert.name))
    }

    /// When the alert's entry happened: it started (firing), ended (resolved), or now (an update);
    /// never after now (a sender's clock a little ahead: `TimeBounds` still refuses one far ahead).
    static func entryTime(_ alert: InboundAlert, now: Timestamp) -> Timestamp {
        let time: Timestamp = switch alert.status {
        case .firing: alert.startsAt
        case .resolved: alert.endsAt ?? now
        case .updated: now
        }
        return min(time, now)
    }

    /// The firing key of a resolved Alertmanager or Grafana alert's key.
    static func firingKey(of key: String) -> String? {
        let suffix = "|" + AlertStatus.resolved.rawValue
        guard key.hasSuffix(suffix), !key.hasPrefix("pagerduty|") else { return nil }
        return String(key.dropLast(suffix.count)) + "|" + AlertStatus.firing.rawValue
    }

    /// The ids of the events recording the alert with `key`: the same in every process for one
    /// store, so the store keeps one whoever writes first.
    func eventID(_ role: String, key: String) -> UUID {
        DedupKey.uuid(["warroom alert intake", role, store.identity.key, key])
    }

    /// Appends the alert's entry to `incident`, decided inside the write transaction against its
    /// latest events: false (nothing written) when the incident already holds the key, or another
    /// writer stored the same alert elsewhere first.
    private func append(_ entry: Entry, alert: InboundAlert, to incident: IncidentID, now: Timestamp,
                        view: inout View) throws -> Bool {
        // Taken out of the cache while it changes, so the state is updated in place, not copied.
        guard var cached = known.removeValue(forKey: incident) else {
            throw StoreError.unknownIncident(path: store.identity.name, incident: incident)
        }
        defer { known[incident] = cached }
        let id = eventID("entry", key: alert.dedupKey)
        let at = Self.entryTime(alert, now: now)
        var duplicate = false
        let result = try store.append(to: incident, knownSequence: cached.last) { newer in
            let current = IncidentState.fold(newer.map(\.event), onto: cached.state) ?? cached.state
            if current.alertKeys.contains(alert.dedupKey) {
                duplicate = true
                return []
            }
            let decided = try Incident.record(.log(entry), incident: incident, state: current, author: author, at: at, now: now,
                                              policy: corePolicy, makeID: { id })
            return Outbox.queue(after: decided, onto: current, routing: routing, makeID: deliveryIDs(alert.dedupKey))
        }
        for stored in result.events { cached.state.apply(stored.event) }
        cached.last = result.events.last?.sequence ?? cached.last
        index(result.events.map(\.event), of: incident)
        view.update(cached.state, keys: Self.alertKeys(in: result.events.map(\.event)))
        if result.written == 0 && !duplicate {
            // Skipped by id: stored on another incident by a racing writer; the next refresh says where.
            view.index[alert.dedupKey] = view.index[alert.dedupKey] ?? incident
        }
        return !duplicate && result.written > 0
    }

    /// Ids for the deliveries an alert's events queue: derived from its key like its events' ids,
    /// so a retried delivery of the same alert finds them stored instead of queueing twice.
    private func deliveryIDs(_ key: String) -> () -> UUID {
        var counter = 0
        return { [self] in
            defer { counter += 1 }
            return eventID("delivery \(counter)", key: key)
        }
    }

    /// Declares the incident `alert` starts: the declaration and the finding in one transaction.
    private func declare(_ alert: InboundAlert, level: Severity, now: Timestamp, view: inout View) throws -> AlertOutcome {
        let entry = Self.entry(for: alert, detection: true)
        let started = min(alert.startsAt, now)
        let declaration = Declaration(title: AlertEntryText.title(for: alert), severity: level,
                                      summary: alert.summary.map { AlertEntryText.oneLine($0, limit: 300) },
                                      service: alert.service.map { AlertEntryText.oneLine($0, limit: 120) },
                                      impactStartedAt: started, detectedAt: started)
        let declarationID = eventID("declaration", key: alert.dedupKey)
        let entryID = eventID("entry", key: alert.dedupKey)
        let at = Self.entryTime(alert, now: now)
        var mine: [Event] = []
        let (incident, stored) = try store.declare { id in
            let declared = try Incident.record(.declare(declaration), incident: id, state: nil, author: author, at: now, now: now,
                                               policy: corePolicy, makeID: { declarationID })
            guard let state = IncidentState.fold(declared) else { return declared }
            let decided = declared + (try Incident.record(.log(entry), incident: id, state: state, author: author, at: at, now: now,
                                                          policy: corePolicy, makeID: { entryID }))
            mine = Outbox.queue(after: decided, onto: nil, routing: routing, makeID: deliveryIDs(alert.dedupKey))
            return mine
        }
        let events = try store.events(of: incident, after: 0)
        if let state = IncidentState.fold(events.map(\.event)) {
            known[incident] = (state, events.last?.sequence ?? 0)
            index(events.map(\.event), of: incident)
            view.update(state, keys: Array(state.alertKeys))
        }
        // A declaration whose id was already stored is another writer's (or a lost answer's):
        // the store returned that incident and wrote nothing.
        guard stored.first?.event == mine.first else { return .duplicate(incident) }
        return .declared(incident, level)
    }

    /// Puts `alert` in the proposal inbox, decided against its latest events inside the write
    /// transaction: a duplicate when a proposal holds its key; else one more alert of the open
    /// proposal for its service (a resolution: of the proposal its firing alert is in); else a
    /// new proposal, numbered next.
    private func propose(_ alert: InboundAlert, level: Severity, now: Timestamp, view: inout View) throws -> AlertOutcome {
        let firing = alert.status != .resolved
        let entry = Self.entry(for: alert, detection: firing)
        let item = ProposalAlert(name: AlertEntryText.oneLine(alert.name, limit: 120), firing: firing,
                                 at: Self.entryTime(alert, now: now), entry: entry)
        // Checked now as its acceptance will be (times within bounds…): a proposal that could
        // never be declared is refused here, with the reason, instead of waiting in the inbox.
        let started = min(alert.startsAt, now)
        let trial = try Incident.record(.declare(Declaration(title: AlertEntryText.title(for: alert), severity: level,
                                                            impactStartedAt: started, detectedAt: started)),
                                        incident: "INC-0", state: nil, author: author, at: now, now: now, policy: corePolicy,
                                        makeID: { UUID() })
        if let state = IncidentState.fold(trial) {
            _ = try Incident.record(.log(entry), incident: "INC-0", state: state, author: author, at: item.at, now: now,
                                    policy: corePolicy, makeID: { UUID() })
        }
        let id = eventID("proposal", key: alert.dedupKey)
        var outcome = AlertOutcome.duplicateProposal("?")
        let result = try store.appendInbox(knownSequence: inboxLast) { [self] newer in
            var latest = inbox
            for stored in newer { latest.apply(stored.event) }
            if let number = latest.keys[alert.dedupKey] {
                outcome = .duplicateProposal(Proposal.label(number))
                return []
            }
            let joining = Self.firingKey(of: alert.dedupKey).flatMap { latest.keys[$0] }.flatMap { latest.proposal($0) }
                .flatMap { $0.isOpen ? $0 : nil } ?? latest.openProposal(forService: alert.service)
            let payload: InboxPayload
            if let joining {
                payload = .alertAdded(ProposalAlertAdded(proposal: joining.number, severity: level, alert: item))
                outcome = .proposed(joining.label, min(joining.severity, level), joined: true)
            } else {
                let number = latest.nextNumber
                payload = .opened(ProposalOpening(
                    number: number, title: AlertEntryText.title(for: alert), severity: level,
                    service: alert.service.map { AlertEntryText.oneLine($0, limit: 120) },
                    summary: alert.summary.map { AlertEntryText.oneLine($0, limit: 300) }, alert: item))
                outcome = .proposed(Proposal.label(number), level, joined: false)
            }
            return [InboxEvent(id: id, at: now, recordedAt: now, author: author, payload: payload)]
        }
        for stored in result.read.events { inbox.apply(stored.event) }
        inboxLast = max(inboxLast, result.read.last)
        if result.written == 0, case .proposed = outcome {
            // Skipped by id: a racing intake stored this alert first.
            outcome = .duplicateProposal(inbox.keys[alert.dedupKey].map(Proposal.label) ?? "?")
        }
        return outcome
    }

    /// Reads what other writers appended since the last delivery: only incidents whose last
    /// sequence moved are read again, and only their new events; then the inbox's new events.
    private func refresh() throws {
        let newer = try store.inboxEvents(after: inboxLast)
        for stored in newer.events { inbox.apply(stored.event) }
        inboxLast = max(inboxLast, newer.last)
        for record in try store.incidents() {
            if let cachedLast = known[record.id]?.last {
                guard record.lastSequence > cachedLast else { continue }
                do {
                    let newer = try store.events(of: record.id, after: cachedLast)
                    guard var entry = known.removeValue(forKey: record.id) else { continue }
                    for stored in newer { entry.state.apply(stored.event) }
                    entry.last = newer.last?.sequence ?? entry.last
                    known[record.id] = entry
                    index(newer.map(\.event), of: record.id)
                } catch let error as StoreError {
                    if case .corruptEvent = error { known[record.id] = nil; unreadable[record.id] = record.lastSequence } else { throw error }
                }
            } else {
                if let seen = unreadable[record.id], seen == record.lastSequence { continue }
                do {
                    let events = try store.events(of: record.id, after: 0)
                    if let state = IncidentState.fold(events.map(\.event)) {
                        known[record.id] = (state, events.last?.sequence ?? 0)
                        index(events.map(\.event), of: record.id)
                        unreadable[record.id] = nil
                    } else {
                        unreadable[record.id] = record.lastSequence
                    }
                } catch let error as StoreError {
                    if case .corruptEvent = error { unreadable[record.id] = record.lastSequence } else { throw error }
                }
            }
        }
    }

    /// Incidents the intake could not read (a damaged event, no declaration): their alerts are not
    /// known, so an alert recorded only there may be recorded again elsewhere. For the server's log.
    public var unreadableIncidents: [IncidentID] {
        lock.lock()
        defer { lock.unlock() }
        return unreadable.keys.sorted()
    }
}

extension AlertParseError {
    var isTooLarge: Bool {
        if case .tooLarge = self { return true }
        return false
    }
}
