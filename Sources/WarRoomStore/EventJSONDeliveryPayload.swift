#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import WarRoomCore

/// The hand-written reader of the outbox's `delivery` events (see `EventJSONPayloads`).
extension EventJSONReader {
    static let deliveryStep = EventJSONEnumTable(DeliveryStep.self)

    mutating func readDeliveryRecord() throws(Miss) -> DeliveryRecord {
        var delivery: UUID?, step: DeliveryStep?, order: DeliveryOrder?, worker: String?
        var leaseUntil: Timestamp?, retryAt: Timestamp?, reason: String?, reference: String?
        try readMembers("delivery", "step", "order", "worker", "leaseUntil", "retryAt", "reason", "vendorReference") { r, member throws(Miss) in
            switch member {
            case 0: delivery = try r.readUUID()
            case 1: step = try r.readEnum(Self.deliveryStep)
            case 2: order = r.takeNull() ? nil : try r.readDeliveryOrder()
            case 3: worker = try r.readOptionalString()
            case 4: leaseUntil = try r.readOptionalTimestamp()
            case 5: retryAt = try r.readOptionalTimestamp()
            case 6: reason = try r.readOptionalString()
            case 7: reference = try r.readOptionalString()
            default: throw Miss()
            }
        }
        guard let delivery, let step else { throw Miss() }
        return DeliveryRecord(delivery: delivery, step: step, order: order, worker: worker, leaseUntil: leaseUntil,
                              retryAt: retryAt, reason: reason, vendorReference: reference)
    }

    private mutating func readDeliveryOrder() throws(Miss) -> DeliveryOrder {
        var destination: String?, cause: UUID?, notice: String?, key: String?
        try readMembers("destination", "cause", "notice", "key") { r, member throws(Miss) in
            switch member {
            case 0: destination = try r.readString()
            case 1: cause = try r.readUUID()
            case 2: notice = try r.readString()
            case 3: key = try r.readString()
            default: throw Miss()
            }
        }
        guard let destination, let cause, let notice, let key else { throw Miss() }
        return DeliveryOrder(destination: destination, cause: cause, notice: notice, key: key)
    }
}
