#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An incident's outbound deliveries, folded from its `delivery` events: what is waiting, being
/// sent, delivered, failed or dropped. Which are due to be sent is a function of (outbox, now).
public struct Outbox: Hashable, Sendable {
    /// In the order they were queued.
    public private(set) var deliveries: [OutboundDelivery] = []
    private var index: [UUID: Int] = [:]

    public init() {}

    /// The delivery with this id.
    public func delivery(_ id: UUID) -> OutboundDelivery? { index[id].map { deliveries[$0] } }

    /// The deliveries a worker should send at `now`: queued or retried ones, failed ones whose
    /// retry time has come, and ones whose worker's claim ran out (it died, or hangs) — at most
    /// one per destination, the first in queue order still in play: a destination hears of an
    /// incident in the order it happened (a page before its acknowledgement, the status page's
    /// incident created before it is changed), so a later message waits while an earlier one is
    /// being sent or waits for its retry. One that failed for good does not hold up the rest.
    public func due(at now: Timestamp) -> [OutboundDelivery] {
        var waiting: Set<String> = []
        var result: [OutboundDelivery] = []
        for delivery in deliveries {
            switch delivery.state {
            case .delivered, .dropped, .failed: continue
            case .waiting, .sending, .retrying: break
            }
            guard waiting.insert(delivery.destination).inserted else { continue }
            if delivery.isDue(at: now) { result.append(delivery) }
        }
        return result
    }

    /// What the destination called the latest delivery there that it named (Statuspage's
    /// incident id): the incident later updates change.
    public func vendorReference(at destination: String) -> String? {
        deliveries.last { $0.destination == destination && $0.vendorReference != nil }?.vendorReference
    }

    /// The step by which `worker` takes `id` at `now` for `lease`, or nil when it is not due (another
    /// worker holds it, it waits for its retry time, or it is settled). Call it inside the append's
    /// transaction, on the state folded with the latest events, so two workers never both hold one.
    public func claim(_ id: UUID, worker: String, now: Timestamp, lease: TimeSpan) -> DeliveryRecord? {
        guard due(at: now).contains(where: { $0.id == id }) else { return nil }
        return .attempted(id, worker: worker, leaseUntil: now + lease)
    }

    /// Not delivered yet and not given up on: what the header counts.
    public var undelivered: [OutboundDelivery] { deliveries.filter { !$0.state.isSettled } }

    /// Failed for good (a refusal the vendor will not change its mind about), waiting for somebody
    /// to retry or drop them.
    public var failed: [OutboundDelivery] {
        deliveries.filter { if case .failed = $0.state { true } else { false } }
    }

    /// Applies one step; the reason it does not apply, if it does not (the fold lists it as an
    /// anomaly and changes nothing).
    mutating func apply(_ record: DeliveryRecord, at time: Timestamp) -> String? {
        if record.step == .queued {
            guard index[record.delivery] == nil else { return "delivery \(record.delivery.uuidString) was already queued" }
            guard let order = record.order else { return "a queued delivery needs its destination, cause, notice and key" }
            index[record.delivery] = deliveries.count
            deliveries.append(OutboundDelivery(id: record.delivery, destination: order.destination, cause: order.cause,
                                               notice: order.notice, key: order.key, queuedAt: time))
            return nil
        }
        guard let position = index[record.delivery] else {
            return "no delivery \(record.delivery.uuidString) was queued"
        }
        return deliveries[position].apply(record, at: time)
    }
}

/// One message to one destination, and where it stands.
public struct OutboundDelivery: Hashable, Sendable {
    public let id: UUID
    /// The destination's name in the config file.
    public let destination: String
    /// The event that caused it.
    public let cause: UUID
    /// What is sent (`statusUpdate`, `page`, …).
    public let notice: String
    /// The idempotency key every attempt carries.
    public let key: String
    public let queuedAt: Timestamp
    /// How many attempts were made.
    public private(set) var attempts = 0
    public private(set) var state: DeliveryState
    /// The latest failure's reason, kept while it is retried or after it was dropped.
    public private(set) var lastFailure: String?
    /// What the destination calls it, once delivered.
    public private(set) var vendorReference: String?

    init(id: UUID, destination: String, cause: UUID, notice: String, key: String, queuedAt: Timestamp) {
        self.id = id
        self.destination = destination
        self.cause = cause
        self.notice = notice
        self.key = key
        self.queuedAt = queuedAt
        self.state = .waiting(since: queuedAt)
    }

    /// Whether a worker should send it at `now`.
    public func isDue(at now: Timestamp) -> Bool {
        switch state {
        case .waiting: true
        case .sending(_, let until): until <= now
        case .retrying(let at, _): at <= now
        case .delivered, .failed, .dropped: false
        }
    }

    mutating func apply(_ record: DeliveryRecord, at time: Timestamp) -> String? {
        switch record.step {
        case .queued:
            return "delivery \(id.uuidString) was already queued"
        case .attempted:
            guard !state.isSettled else { return "delivery \(id.uuidString) is \(state.name); it is not tried again" }
            guard let worker = record.worker, let until = record.leaseUntil else {
                return "an attempt needs its worker and how long it holds the delivery"
            }
            attempts += 1
            state = .sending(worker: worker, until: until)
        case .delivered:
            // A late answer to an attempt whose claim ran out still counts: the key made any
            // second send harmless, and the message did arrive.
            guard !state.isSettled else { return "delivery \(id.uuidString) is \(state.name) already" }
            vendorReference = record.vendorReference
            state = .delivered(at: time)
        case .failed:
            guard !state.isSettled else { return "delivery \(id.uuidString) is \(state.name); a failure changes nothing" }
            let reason = record.reason ?? "no reason given"
            lastFailure = reason
            state = record.retryAt.map { .retrying(at: $0, reason: reason) } ?? .failed(reason: reason)
        case .dropped:
            switch state {
            case .delivered, .dropped: return "delivery \(id.uuidString) is \(state.name); there is nothing to drop"
            default: state = .dropped(reason: record.reason ?? "no reason given")
            }
        case .retried:
            switch state {
            case .failed, .dropped: state = .waiting(since: time)
            default: return "delivery \(id.uuidString) is \(state.name); only a failed or dropped one is retried"
            }
        }
        return nil
    }
}

/// Where a delivery stands.
public enum DeliveryState: Hashable, Sendable {
    /// Queued (or retried by somebody) and not tried since.
    case waiting(since: Timestamp)
    /// Claimed by a worker until `until`.
    case sending(worker: String, until: Timestamp)
    /// Failed in a way that may pass (a timeout, 429, 5xx): tried again from `at`.
    case retrying(at: Timestamp, reason: String)
    case delivered(at: Timestamp)
    /// Refused for good (a 4xx other than 429): waits for somebody to retry or drop it.
    case failed(reason: String)
    case dropped(reason: String)

    /// Delivered or dropped: nothing more happens to it unasked.
    public var isSettled: Bool {
        switch self {
        case .delivered, .dropped: true
        case .waiting, .sending, .retrying, .failed: false
        }
    }

    /// One word for lists and messages.
    public var name: String {
        switch self {
        case .waiting: "waiting"
        case .sending: "being sent"
        case .retrying: "retrying"
        case .delivered: "delivered"
        case .failed: "failed"
        case .dropped: "dropped"
        }
    }
}
