import Foundation
import WarRoomCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension EventStore {
    /// Records `entry` into its incident with the entry's own event ids, decided against the latest
    /// truth: the first attempt of an entry and every delivery of it from the spool come through
    /// here. The events after the earlier of `knownSequence` (what `state` holds) and the entry's
    /// own `knownSequence` are read inside the write transaction; if they hold the entry's first
    /// event, an earlier attempt landed and nothing is decided or written again (a lost answer is
    /// not a duplicate, nor refused as "already resolved"). Otherwise the ones `state` lacks are
    /// folded onto it and the entry's commands decided. The result's events after `knownSequence`
    /// are what `state` lacks now. `now` is when the store receives it (the recording time of
    /// its events, and the moment its commands are decided at): a delivery's, not the typing's,
    /// so an incident's recording times never go back; the entry keeps `at`, the time typed.
    public func record(_ entry: SpoolEntry, onto state: IncidentState, knownSequence: Int64,
                       policy: Policy, now: Timestamp, routing: (any DeliveryRouting)? = nil) throws -> AppendResult {
        guard let incident = entry.incident else {
            throw StoreError.noDeclaration(path: identity.name)
        }
        let from = max(0, min(knownSequence, entry.knownSequence))
        let result = try append(to: incident, knownSequence: from) { newer in
            if newer.contains(where: { $0.event.id == entry.firstID }) { return [] }
            let missing = newer.lazy.filter { $0.sequence > knownSequence }.map(\.event)
            let current = IncidentState.fold(missing, onto: state) ?? state
            return try entry.events(incident: incident, onto: current, policy: policy, now: now, routing: routing)
        }
        return AppendResult(events: result.events.filter { $0.sequence > knownSequence }, written: result.written)
    }

    /// Declares the incident a queued declaration describes, with its own event ids: a declaration
    /// whose first event is already stored (an earlier attempt landed) is not made twice. `now`
    /// is when the store receives it, as for `record(_:onto:knownSequence:policy:now:)`.
    public func declare(_ entry: SpoolEntry, policy: Policy, now: Timestamp,
                        routing: (any DeliveryRouting)? = nil) throws -> (IncidentID, [StoredEvent]) {
        try declare { id in try entry.events(incident: id, onto: nil, policy: policy, now: now, routing: routing) }
    }
}

/// What one delivery pass did.
public struct SpoolDelivery: Sendable {
    /// Entries written (or found already written), in order, with the incident they went to.
    public var delivered: [(entry: SpoolEntry, incident: IncidentID)] = []
    /// Entries the store refused on delivery: kept in the spool's refusals until shown.
    public var refused: [SpoolRefusal] = []
    /// Per incident, the events the caller's state lacks now (after its known sequence), in order.
    public var newEvents: [IncidentID: [StoredEvent]] = [:]
    /// Why delivery stopped with entries left (the server is unreachable again, the store is
    /// busy, or the spool itself failed); nil when every entry was handled.
    public var stoppedBy: String?
    /// True when the stop was the server being unreachable: the caller is offline, and retries.
    /// (A busy store stops delivery too, to retry shortly, without meaning an outage.)
    public var offline = false
    /// Another process was delivering this spool: nothing was done.
    public var busyElsewhere = false
    /// Entries still queued after the pass.
    public var remaining = 0
}

extension Spool {
    /// Delivers every queued entry to `store`, in queue order, each decided against the latest
    /// state then: a refused one (a `CommandError`, or a `StoreError` that retrying cannot cure:
    /// an unknown incident, an event the store cannot take) moves to the refusals with its
    /// reason, so one bad entry never blocks those behind it; one that an earlier attempt already
    /// wrote is removed without deciding it again. Stops at the first entry that cannot be
    /// written for now (server unreachable, store busy), keeping it and those after it. Each
    /// entry is recorded at `now`, the delivery time, keeping the time it was typed as its `at`. `known` gives the state (and last sequence) a caller already holds
    /// for an incident, so a war room is not made to re-read it; other incidents are read from
    /// the store. One process delivers a spool at a time: when another holds the delivery lock,
    /// nothing is done (`busyElsewhere`). Ids make a double delivery harmless anyway.
    public func deliver(to store: any EventStore, policy: Policy, now: Timestamp, routing: (any DeliveryRouting)? = nil,
                        known: (IncidentID) -> (IncidentState, Int64)? = { _ in nil }) -> SpoolDelivery {
        var report = SpoolDelivery()
        let lockPath = path + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            report.stoppedBy = "cannot open \(lockPath): \(String(cString: strerror(errno)))"
            report.remaining = (try? count()) ?? 0
            return report
        }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            report.busyElsewhere = true
            report.remaining = (try? count()) ?? 0
            return report
        }
        var states: [IncidentID: (IncidentState, Int64)] = [:]
        let entries: [SpoolEntry]
        do { entries = try pending() } catch {
            report.stoppedBy = error.description
            return report
        }
        for (index, entry) in entries.enumerated() {
            do {
                if entry.incident == nil {
                    let (id, stored) = try store.declare(entry, policy: policy, now: now, routing: routing)
                    report.delivered.append((entry, id))
                    if let state = IncidentState.fold(stored.map(\.event)) {
                        states[id] = (state, stored.last?.sequence ?? 0)
                        report.newEvents[id, default: []] += stored
                    }
                } else if let incident = entry.incident {
                    var (state, last) = try states[incident] ?? Self.load(incident, from: store, known: known)
                    let result = try store.record(entry, onto: state, knownSequence: last, policy: policy, now: now, routing: routing)
                    for stored in result.events { state.apply(stored.event) }
                    last = result.events.last?.sequence ?? last
                    states[incident] = (state, last)
                    report.newEvents[incident, default: []] += result.events
                    report.delivered.append((entry, incident))
                }
                try remove(entry)
            } catch {
                // Unreachable or busy passes: keep it for the next pass. A refusal, or a store error
                // that every retry would meet again, must not hold up the entries behind it.
                let passing = (error as? StoreError).map { $0.isUnreachable || Self.isBusy($0) }
                if passing ?? !(error is CommandError) {
                    report.offline = (error as? StoreError)?.isUnreachable ?? false
                    report.stoppedBy = "\(error)"
                    report.remaining = entries.count - index
                    return report
                }
                do { report.refused.append(try refuse(entry, reason: "\(error)")) } catch {
                    report.stoppedBy = error.description
                    report.remaining = entries.count - index
                    return report
                }
            }
        }
        report.remaining = (try? count()) ?? 0
        return report
    }

    /// True for a store that was busy with another writer: it passes, as an outage does.
    private static func isBusy(_ error: StoreError) -> Bool {
        if case .busy = error { return true }
        return false
    }

    /// The state of `incident` a caller holds, else read from the store.
    private static func load(_ incident: IncidentID, from store: any EventStore,
                             known: (IncidentID) -> (IncidentState, Int64)?) throws -> (IncidentState, Int64) {
        if let known = known(incident) { return known }
        let events = try store.events(of: incident, after: 0)
        guard let state = IncidentState.fold(events.map(\.event)) else {
            throw StoreError.unknownIncident(path: store.identity.name, incident: incident)
        }
        return (state, events.last?.sequence ?? 0)
    }
}
