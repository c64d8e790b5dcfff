#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One step in the life of an outbound delivery (a Slack message, a page, a status-page update):
/// the outbox is these steps, folded. A delivery is queued in the same transaction as the event
/// that causes it, so none is lost between deciding and sending; each attempt, answer and
/// decision after that is another step, so any process can see and continue where another died.
public struct DeliveryRecord: Hashable, Codable, Sendable {
    /// Which delivery: the id every step of it carries.
    public var delivery: UUID
    public var step: DeliveryStep
    /// Queued: where it goes, why, and the key it is sent with.
    public var order: DeliveryOrder?
    /// Attempted: who is sending it (`host:pid`), and until when the claim holds: past it, a
    /// delivery whose worker died is another's to try.
    public var worker: String?
    public var leaseUntil: Timestamp?
    /// Failed: when it may be tried again; nil when the failure is final (a 4xx other than 429).
    public var retryAt: Timestamp?
    /// Failed, dropped, retried: why (the vendor's message, the person's reason).
    public var reason: String?
    /// Delivered: what the vendor calls it (Statuspage's incident id, later updates change it).
    public var vendorReference: String?

    public init(delivery: UUID, step: DeliveryStep, order: DeliveryOrder? = nil, worker: String? = nil,
                leaseUntil: Timestamp? = nil, retryAt: Timestamp? = nil, reason: String? = nil, vendorReference: String? = nil) {
        self.delivery = delivery
        self.step = step
        self.order = order
        self.worker = worker
        self.leaseUntil = leaseUntil
        self.retryAt = retryAt
        self.reason = reason
        self.vendorReference = vendorReference
    }

    /// A delivery decided: to `destination`, because of event `cause`.
    public static func queued(_ delivery: UUID, destination: String, cause: UUID, notice: String, key: String) -> Self {
        Self(delivery: delivery, step: .queued, order: DeliveryOrder(destination: destination, cause: cause, notice: notice, key: key))
    }

    /// A worker claims it until `leaseUntil` and sends it.
    public static func attempted(_ delivery: UUID, worker: String, leaseUntil: Timestamp) -> Self {
        Self(delivery: delivery, step: .attempted, worker: worker, leaseUntil: leaseUntil)
    }

    /// The destination took it.
    public static func delivered(_ delivery: UUID, vendorReference: String? = nil) -> Self {
        Self(delivery: delivery, step: .delivered, vendorReference: vendorReference)
    }

    /// The attempt failed: tried again from `retryAt`, or never (`retryAt` nil).
    public static func failed(_ delivery: UUID, reason: String, retryAt: Timestamp?) -> Self {
        Self(delivery: delivery, step: .failed, retryAt: retryAt, reason: reason)
    }

    /// Somebody gave up on it (`warroom outbox drop ID --reason`).
    public static func dropped(_ delivery: UUID, reason: String) -> Self {
        Self(delivery: delivery, step: .dropped, reason: reason)
    }

    /// Somebody asked for another try of a failed or dropped one (`warroom outbox retry ID`).
    public static func retried(_ delivery: UUID, reason: String? = nil) -> Self {
        Self(delivery: delivery, step: .retried, reason: reason)
    }
}

/// What a queued delivery is: where it goes, what caused it, what it says, its idempotency key.
public struct DeliveryOrder: Hashable, Codable, Sendable {
    /// The destination's name in the config file (`[integrations.NAME]`).
    public var destination: String
    /// The event that caused it.
    public var cause: UUID
    /// What is sent (`declared`, `statusUpdate`, `page`, …), for lists and retries.
    public var notice: String
    /// The idempotency key every attempt sends, so a success whose answer was lost and is
    /// retried does no harm (PagerDuty's `dedup_key`, Opsgenie's `alias`, `Idempotency-Key`).
    public var key: String

    public init(destination: String, cause: UUID, notice: String, key: String) {
        self.destination = destination
        self.cause = cause
        self.notice = notice
        self.key = key
    }
}

/// The steps of a delivery, by their stored names (never rename one).
public enum DeliveryStep: String, CaseIterable, Codable, Sendable {
    case queued, attempted, delivered, failed, dropped, retried
}
