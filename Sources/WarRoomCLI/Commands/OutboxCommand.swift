import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomHTTP
import WarRoomIntegrations
import WarRoomOutbox
import WarRoomStore
import WarRoomText

/// `warroom outbox …`: the deliveries to the configured destinations.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        table: "outbox", subcommands: [OutboxList.self, OutboxDeliver.self, OutboxRetry.self, OutboxDrop.self],
        defaultSubcommand: OutboxList.self)
}

/// `warroom outbox list`.
struct OutboxList: ParsableCommand {
    static let configuration = CommandConfiguration(table: "outbox list")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Every delivery of every incident, delivered and dropped ones too.") var all = false
    @OptionGroup var output: JSONFlag

    func run() throws {
        if all, global.incident != nil {
            throw UserFacingError("--all and --incident ask for two lists: give one (--incident lists every delivery of that incident)")
        }
        let session = try Session(global, readOnly: true)
        var rows: [(IncidentID, OutboundDelivery)] = []
        if let explicit = global.incident {
            let (state, _) = try session.load(try session.resolveIncident(explicit))
            rows = state.outbox.deliveries.map { (state.id, $0) }
        } else {
            for (state, _) in try session.allIncidents() {
                rows += state.outbox.deliveries.filter { all || !$0.state.isSettled }.map { (state.id, $0) }
            }
        }
        if output.json {
            print(JSONValue.array(rows.map { OutboxText.json($0.0, $0.1) }).rendered())
            return
        }
        guard !rows.isEmpty else {
            if session.integrations.isEmpty {
                print("No deliveries: no destination is configured (add [integrations.NAME] tables to the config file; see the README).")
            } else {
                print(all || global.incident != nil ? "No deliveries." : "No deliveries waiting: every one was delivered or dropped (--all lists them).")
            }
            return
        }
        print(OutboxText.table(rows, now: session.now))
    }
}

/// `warroom outbox deliver [--follow] [--dry-run]`.
struct OutboxDeliver: ParsableCommand {
    static let configuration = CommandConfiguration(table: "outbox deliver")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Keep delivering as deliveries are queued and fall due, until SIGINT or SIGTERM.") var follow = false
    @Flag(help: "Print the exact requests that are due (credentials as ***); claim and send nothing.") var dryRun = false

    func run() throws {
        if follow, dryRun { throw UserFacingError("--dry-run prints what is due now and sends nothing; it does not --follow: give one") }
        let session = try Session(global, readOnly: dryRun)
        let environment = session.environment
        let lease = try Self.lease(environment)
        let catalog = DestinationCatalog(integrations: session.integrations, environment: environment)
        let fallback = session.now
        let worker = OutboxWorker(store: session.store, catalog: catalog, sender: HTTPClient(), worker: OutboxWorker.processWorkerID,
                                  lease: lease, clock: { (try? SystemClock.now(environment: environment)) ?? fallback })
        let only = try global.incident.map { try session.resolveIncident($0) }
        func incidents() throws -> [IncidentID] { try only.map { [$0] } ?? session.store.incidents().map(\.id) }
        let secrets = catalog.secretValues
        func say(_ line: String) {
            print(Sanitizer.clean(Redaction.scrub(line, secrets: secrets), newlines: .keep))
            fflush(nil)
        }

        if dryRun {
            var shown = 0
            for id in try incidents() {
                for preview in try Self.tolerant({ try worker.preview(incident: id) }, id) ?? [] {
                    shown += 1
                    say(OutboxText.preview(id, preview))
                }
            }
            if shown == 0 { say("Nothing is due in \(session.storeName); nothing was sent.") }
            return
        }
        if follow {
            try Self.follow(worker, session: session, incidents: incidents, say: say)
            return
        }
        // One pass: each delivery due now is handled once, waiting only for the destinations' spacing.
        var handled: Set<UUID> = []
        var counts: [String: Int] = [:]
        while true {
            var progressed = false
            var wait: TimeSpan?
            for id in try incidents() {
                guard let pass = try Self.tolerant({ try worker.pass(incident: id, skipping: handled) }, id) else { continue }
                for item in pass.handled {
                    handled.insert(item.delivery)
                    progressed = true
                    // Another worker's delivery is its to report.
                    if case .takenByAnother = item.outcome { continue }
                    counts[OutboxText.tally(item.outcome), default: 0] += 1
                    say("\(id) \(item)")
                }
                for held in pass.held { wait = min(wait ?? held.readyIn, held.readyIn) }
            }
            if progressed { continue }
            guard let wait else { break }
            usleep(UInt32(clamping: max(wait.millis, 1) * 1000))
        }
        if counts.isEmpty {
            say("Nothing is due in \(session.storeName).")
        } else {
            let order = ["delivered", "retrying", "failed", "dropped", "left to another worker"]
            say(order.compactMap { key in counts[key].map { "\($0) \(key)" } }.joined(separator: ", "))
        }
    }

    /// The lease from `WARROOM_OUTBOX_LEASE_SECONDS`, or the default.
    static func lease(_ environment: [String: String]) throws -> TimeSpan {
        guard let text = environment["WARROOM_OUTBOX_LEASE_SECONDS"], !text.isEmpty else { return OutboxWorker.defaultLease }
        guard let seconds = Int64(text), seconds >= 1, seconds <= 3_600 else {
            throw UserFacingError("WARROOM_OUTBOX_LEASE_SECONDS='\(text)' is not a whole number of seconds from 1 to 3600; "
                + "leave it unset for the default (\(OutboxWorker.defaultLease.seconds) s)")
        }
        return .seconds(seconds)
    }

    /// `body` on incident `id`, with a damaged incident said on stderr and skipped (the others are
    /// delivered); store errors end the command.
    static func tolerant<T>(_ body: () throws -> T, _ id: IncidentID) throws -> T? {
        do { return try body() } catch let error as OutboxWorkerError {
            FileHandle.standardError.write(Data("warroom: \(Sanitizer.clean(error.description)); skipped\n".utf8))
            return nil
        } catch let error as StoreError where { if case .corruptEvent = error { true } else { false } }() {
            FileHandle.standardError.write(Data("warroom: \(Sanitizer.clean(error.description)); \(id) skipped\n".utf8))
            return nil
        }
    }

    /// Delivers until SIGINT or SIGTERM: a round over the incidents, then a wait for the store's
    /// change signal, the next due time, or the safety-net poll, whichever is first.
    static func follow(_ worker: OutboxWorker, session: Session, incidents: () throws -> [IncidentID],
                       say: (String) -> Void) throws {
        let stop = StopSignal.install()
        let watch = StoreChangeWatch(store: session.store, environment: session.environment, pollMillis: 250) { line in
            FileHandle.standardError.write(Data("warroom: \(Sanitizer.clean(line))\n".utf8))
        }
        say("Delivering from \(session.storeName) as \(worker.worker); SIGINT or SIGTERM ends it.")
        var away = false
        while !stop.raised {
            var next: Timestamp?
            do {
                for id in try incidents() {
                    if stop.raised { break }
                    guard let pass = try tolerant({ try worker.pass(incident: id) }, id) else { continue }
                    for item in pass.handled {
                        if case .takenByAnother = item.outcome { continue }
                        say("\(id) \(item)")
                    }
                    if let due = pass.nextDue { next = min(next ?? due, due) }
                }
                if away {
                    away = false
                    FileHandle.standardError.write(Data("warroom: the store answers again; delivering\n".utf8))
                }
            } catch let error as StoreError where error.isUnreachable {
                if !away {
                    away = true
                    FileHandle.standardError.write(Data("warroom: \(Sanitizer.clean(error.description)); still delivering, retrying\n".utf8))
                }
                next = nil
            }
            if stop.raised { break }
            let now = (try? SystemClock.now(environment: session.environment)) ?? session.now
            var timeout = away ? 1_000 : watch.interval
            if let next { timeout = min(timeout, max(next.millis - now.millis, 0) + 5) }
            stop.wait(alsoOn: watch, millis: timeout)
        }
        say("Stopped delivering.")
    }
}

/// SIGINT and SIGTERM as a flag and a pipe to wait on: the delivery in flight finishes and is
/// recorded, then `outbox deliver --follow` ends with status 0.
final class StopSignal {
    nonisolated(unsafe) private static var pipeWrite: Int32 = -1
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0
    private let readEnd: Int32

    private init(readEnd: Int32) { self.readEnd = readEnd }

    static func install() -> StopSignal {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        pipeWrite = fds[1]
        let handler: @convention(c) (Int32) -> Void = { _ in
            StopSignal.flag = 1
            var byte: UInt8 = 1
            _ = write(StopSignal.pipeWrite, &byte, 1)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        // A parent may have started us with them blocked (a test runner's thread): unblocked here,
        // or SIGTERM would never reach the handler.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        return StopSignal(readEnd: fds[0])
    }

    var raised: Bool { Self.flag != 0 }

    /// Sleeps until a stop signal, a wake-up of `watch` (drained), or `millis`.
    func wait(alsoOn watch: StoreChangeWatch, millis: Int64) {
        var entries = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        if let descriptor = watch.descriptor { entries.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&entries, nfds_t(entries.count), Int32(clamping: max(millis, 1)))
        guard ready > 0, entries.count > 1, entries[1].revents != 0 else { return }
        if Int32(entries[1].revents) & Int32(POLLNVAL | POLLERR | POLLHUP) != 0 {
            watch.failed("its descriptor hung up or is in error")
        } else {
            watch.woken(atMillis: Int64(DispatchTime.now().uptimeNanoseconds / 1_000_000))
        }
    }
}

/// `warroom outbox retry ID`.
struct OutboxRetry: ParsableCommand {
    static let configuration = CommandConfiguration(table: "outbox retry")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The delivery: the id `warroom outbox` shows (its last 8 hex digits), or the whole id.") var id: String

    func run() throws {
        let session = try Session(global)
        let (incident, delivery) = try OutboxText.change(id, in: session, incident: global.incident, step: { .retried($0) }) { delivery in
            switch delivery.state {
            case .failed, .dropped: return nil
            case .retrying(let at, _):
                return "it is retrying already (next try at \(at.iso8601)); only a failed or dropped delivery is retried"
            case .waiting, .sending: return "it is \(delivery.state.name), not failed; only a failed or dropped delivery is retried"
            case .delivered: return "it was delivered; there is nothing to retry"
            }
        }
        print("\(incident) \(OutboxID.short(delivery.id)) \(Sanitizer.clean(delivery.destination)) \(delivery.notice): "
              + "waiting (the next `warroom outbox deliver` sends it, with the same key)")
    }
}

/// `warroom outbox drop ID --reason TEXT`.
struct OutboxDrop: ParsableCommand {
    static let configuration = CommandConfiguration(table: "outbox drop")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The delivery: the id `warroom outbox` shows (its last 8 hex digits), or the whole id.") var id: String
    @Option(help: "Why it is given up on (required; kept in the record).") var reason: String?

    func run() throws {
        guard let reason, !reason.trimmingSpaces.isEmpty else {
            throw UserFacingError("outbox drop needs --reason TEXT: why this delivery is given up on (it is kept in the record); nothing was dropped")
        }
        let session = try Session(global)
        let text = String(reason.trimmingSpaces)
        let (incident, delivery) = try OutboxText.change(id, in: session, incident: global.incident, step: { .dropped($0, reason: text) }) { delivery in
            switch delivery.state {
            case .delivered: return "it was delivered; there is nothing to drop"
            case .dropped: return "it is dropped already"
            default: return nil
            }
        }
        print("\(incident) \(OutboxID.short(delivery.id)) \(Sanitizer.clean(delivery.destination)) \(delivery.notice): dropped")
    }
}

/// How `warroom outbox` words deliveries, and finds one by id prefix.
enum OutboxText {
    static func json(_ incident: IncidentID, _ delivery: OutboundDelivery) -> JSONValue {
        var retryAt: String?, worker: String?, leaseUntil: String?
        switch delivery.state {
        case .retrying(let at, _): retryAt = at.iso8601
        case .sending(let holder, let until): worker = holder; leaseUntil = until.iso8601
        default: break
        }
        var reason: String?
        switch delivery.state {
        case .failed(let why), .dropped(let why): reason = why
        default: break
        }
        return .object([
            ("id", .string(delivery.id.uuidString.lowercased())),
            ("short", .string(OutboxID.short(delivery.id))),
            ("incident", .string(incident)),
            ("destination", .string(delivery.destination)),
            ("notice", .string(delivery.notice)),
            ("key", .string(delivery.key)),
            ("state", .string(stateWord(delivery.state))),
            ("attempts", .number(Int64(delivery.attempts))),
            ("lastFailure", .optional(delivery.lastFailure)),
            ("reason", .optional(reason)),
            ("queuedAt", .string(delivery.queuedAt.iso8601)),
            ("retryAt", .optional(retryAt)),
            ("worker", .optional(worker)),
            ("leaseUntil", .optional(leaseUntil)),
            ("vendorReference", .optional(delivery.vendorReference)),
        ])
    }

    /// One word per state, for JSON and the table (`sending`, not "being sent").
    static func stateWord(_ state: DeliveryState) -> String {
        if case .sending = state { return "sending" }
        return state.name
    }

    static func table(_ rows: [(IncidentID, OutboundDelivery)], now: Timestamp) -> String {
        let header = ["ID", "INCIDENT", "DESTINATION", "WHAT", "STATE", "TRIES", "AGE", "LAST FAILURE"]
        var lines = [header]
        for (incident, delivery) in rows {
            var state = stateWord(delivery.state)
            if case .retrying(let at, _) = delivery.state { state += " (in \(max(at - now, .zero).compact))" }
            var failure = delivery.lastFailure ?? ""
            if case .dropped(let why) = delivery.state { failure = "dropped: " + why }
            lines.append([OutboxID.short(delivery.id), incident, delivery.destination, delivery.notice, state,
                          String(delivery.attempts), max(now - delivery.queuedAt, .zero).compact, failure].map { Sanitizer.clean($0) })
        }
        return TextTable.render(lines)
    }

    /// `--dry-run`'s words for one due delivery: a line naming it, then the exact requests (redacted).
    static func preview(_ incident: IncidentID, _ preview: DeliveryPreview) -> String {
        let delivery = preview.delivery
        let name = "# \(incident) \(OutboxID.short(delivery.id)) \(delivery.destination) \(delivery.notice) (key \(delivery.key))"
        switch preview.outcome {
        case .send(let requests):
            return ([name + ": would send \(requests.count) request\(requests.count == 1 ? "" : "s")"]
                + requests.map { $0.description + "\n" }).joined(separator: "\n")
        case .skip(let reason): return name + ": nothing to send, it would be dropped: \(reason)\n"
        case .problem(let reason): return name + ": cannot be sent, it would fail: \(reason)\n"
        }
    }

    /// The outcome's word in the summary line.
    static func tally(_ outcome: DeliveryOutcome) -> String {
        switch outcome {
        case .delivered: "delivered"
        case .retrying: "retrying"
        case .failed: "failed"
        case .dropped: "dropped"
        case .takenByAnother: "left to another worker"
        }
    }

    /// Finds delivery `typed` (an id or a unique prefix, any case, hyphens optional) in the store
    /// (or `--incident`'s), and records `step` for it in one append decided on the latest state,
    /// unless `refusal` says why its state does not allow it.
    static func change(_ typed: String, in session: Session, incident explicit: String?, step: @escaping (UUID) -> DeliveryRecord,
                       refusal: @escaping (OutboundDelivery) -> String?) throws -> (IncidentID, OutboundDelivery) {
        let wanted = typed.trimmingSpaces.lowercased().filter { $0 != "-" }
        guard !wanted.isEmpty, wanted.allSatisfy({ $0.isHexDigit }) else {
            throw UserFacingError("'\(Sanitizer.clean(typed))' is not a delivery id: use the hex digits `warroom outbox` shows (such as 1a2b3c4d)")
        }
        var candidates: [(IncidentID, OutboundDelivery)] = []
        let states: [IncidentState]
        if let explicit {
            states = [try session.load(try session.resolveIncident(explicit)).0]
        } else {
            states = try session.allIncidents().map(\.0)
        }
        for state in states {
            for delivery in state.outbox.deliveries where compact(delivery.id).hasPrefix(wanted) || compact(delivery.id).hasSuffix(wanted) {
                candidates.append((state.id, delivery))
            }
        }
        guard !candidates.isEmpty else {
            let known = states.flatMap { $0.outbox.deliveries.map { OutboxID.short($0.id) } }
            let hint = Suggestion.didYouMean(String(wanted.suffix(8)), among: known)
            throw UserFacingError("no delivery '\(Sanitizer.clean(typed))' in \(Sanitizer.clean(session.storeName))\(hint)"
                + (known.isEmpty ? ": there are no deliveries" : "; `warroom outbox --all` lists them") + "; nothing was changed")
        }
        guard candidates.count == 1 else {
            let listed = candidates.prefix(6).map { "\($0.0) \(OutboxID.short($0.1.id)) \($0.1.destination) \($0.1.notice)" }
            throw UserFacingError("'\(Sanitizer.clean(typed))' matches \(candidates.count) deliveries (\(Sanitizer.clean(listed.joined(separator: ", "))))"
                + ": give the id `warroom outbox` shows (its last 8 hex digits); nothing was changed")
        }
        let (incident, found) = candidates[0]
        let (state, last) = try session.load(incident)
        var refused: String?
        var after: OutboundDelivery?
        let author = session.author, now = session.now
        _ = try session.store.append(to: incident, knownSequence: last) { newer in
            let current = IncidentState.fold(newer.map(\.event), onto: state) ?? state
            guard let delivery = current.outbox.delivery(found.id) else {
                refused = "it is no longer in the incident"
                return []
            }
            refused = refusal(delivery)
            guard refused == nil else { after = delivery; return [] }
            var next = current
            let event = Event(id: UUID(), incident: incident, at: now, recordedAt: now, author: author, payload: .delivery(step(found.id)))
            next.apply(event)
            after = next.outbox.delivery(found.id)
            return [event]
        }
        if let refused {
            throw UserFacingError("delivery \(OutboxID.short(found.id)) (\(incident), \(Sanitizer.clean(found.destination)) \(found.notice)): "
                + Sanitizer.clean(refused) + "; nothing was changed")
        }
        return (incident, after ?? found)
    }

    static func compact(_ id: UUID) -> String { id.uuidString.lowercased().filter { $0 != "-" } }
}
