#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decides which deliveries an event causes: one order per configured destination that takes it.
/// The core knows no destination; the caller hands one in (built from the config file's
/// `[integrations.NAME]` tables), and the record paths queue its orders in the same append as the
/// event, so a decided delivery can never be lost between deciding and sending.
public protocol DeliveryRouting: Sendable {
    /// The orders `event` causes, given the incident before it (nil for a declaration) and after.
    func orders(for event: Event, before: IncidentState?, after: IncidentState) -> [DeliveryOrder]
}

extension Outbox {
    /// `events` (just decided, in order, onto `state`) followed by a `delivery` queued step for
    /// every order `routing` makes of each of them. Each queued step's id comes from `makeID` and
    /// is also the delivery's id, so a spool entry retried with the same ids queues nothing twice.
    /// A queued step carries its cause's times and author.
    public static func queue(after events: [Event], onto state: IncidentState?, routing: (any DeliveryRouting)?,
                             makeID: () -> UUID) -> [Event] {
        guard let routing, !events.isEmpty else { return events }
        var result = events
        var current = state
        for event in events {
            let before = current
            guard let after = IncidentState.fold([event], onto: current) else { continue }
            current = after
            if case .delivery = event.payload { continue }
            var queued: [Event] = []
            for order in routing.orders(for: event, before: before, after: after) {
                let id = makeID()
                queued.append(Event(id: id, incident: event.incident, at: event.recordedAt, recordedAt: event.recordedAt,
                                    author: event.author,
                                    payload: .delivery(.queued(id, destination: order.destination, cause: event.id,
                                                               notice: order.notice, key: order.key))))
            }
            // The next event is routed knowing these are queued (a status page's first update).
            if !queued.isEmpty { current = IncidentState.fold(queued, onto: current) ?? current }
            result += queued
        }
        return result
    }
}
