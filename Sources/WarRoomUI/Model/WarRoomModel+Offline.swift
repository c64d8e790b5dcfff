#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import WarRoomCore

/// An entry typed while the store could not be reached, as the war room shows it until it is
/// delivered: in the timeline, marked queued (or unconfirmed, when what it means depends on the
/// state when it lands: a declaration, a severity or status change).
public struct QueuedEntry: Hashable, Sendable {
    /// The id of its first event: what `.delivered` names it by.
    public var id: UUID
    public var at: Timestamp
    public var author: String
    /// The text as typed.
    public var text: String
    public var unconfirmed: Bool

    /// A queued entry as the screen shows it.
    public init(id: UUID, at: Timestamp, author: String, text: String, unconfirmed: Bool) {
        self.id = id
        self.at = at
        self.author = author
        self.text = text
        self.unconfirmed = unconfirmed
    }
}

/// When the next delivery attempt is due after `failures` failed ones in a row: 1 s, 2 s, 4 s …
/// doubling up to `cap`, so a war room offline for an hour tries about twice a minute and never
/// spins, and each attempt is one bounded try (the backend's connect timeout), never a loop.
public enum DeliveryBackoff {
    /// The longest wait between attempts.
    public static let cap = TimeSpan.seconds(30)

    /// The wait before the next attempt after `failures` failures in a row (0: right away).
    public static func delay(afterFailures failures: Int) -> TimeSpan {
        guard failures > 0 else { return .zero }
        let exponent = min(failures - 1, 16)
        return min(TimeSpan.seconds(Int64(1) << exponent), cap)
    }
}

extension WarRoomModel {
    /// The footer's line while entries wait or the server is away (shown when no notice is):
    /// `offline — 3 entries queued, retrying`.
    public var offlineStatus: String? {
        let count = queued.count
        let entries = count == 0 ? "no entries" : count == 1 ? "1 entry" : "\(count) entries"
        if offline { return "offline — \(entries) queued, retrying" }
        return count == 0 ? nil : "\(entries) queued, delivering"
    }

    /// Typed entries go to the spool rather than to the store: the server is away, or earlier
    /// entries still wait (a new one must not overtake them).
    public var queuesEntries: Bool { offline || !queued.isEmpty }

    /// The first notice of an outage (later failures only keep the status line).
    static let unreachableNotice = "The store's server cannot be reached: what you type is kept and sent when it is back"

    /// The offline spool's messages: queueing, delivery, refusals, and the retry schedule.
    mutating func spooled(_ message: Message) -> [Effect] {
        switch message {
        case .storeUnreachable(let reason):
            let first = !offline
            offline = true
            if first { notice = Notice(.error, Self.unreachableNotice + " (\(reason))") }
            scheduleRetry()
            return first ? [.log("store unreachable: \(reason)")] : []
        case .queued(let entry, let source):
            let first = !offline
            offline = true
            queued.append(entry)
            if nextDeliveryAt == nil { scheduleRetry() }
            if case .update(let audience, _) = source {
                notice = Notice(.info, "Queued the update to \(audience.rawValue): it is posted when the server is back")
            } else {
                notice = first ? Notice(.error, Self.unreachableNotice) : nil
            }
            return first ? [.log("store unreachable: queueing entries")] : []
        case .spoolPending(let entries):
            queued = entries
            nextDeliveryAt = entries.isEmpty ? nil : now
            return []
        case .delivered(let events, let ids, let remaining):
            _ = apply(.events(events), rows: TimelineRowCache())
            let delivered = Set(ids)
            let before = queued.count
            queued.removeAll { delivered.contains($0.id) }
            deliveryFailures = 0
            guard remaining == 0 else {
                scheduleRetry()
                return []
            }
            // The spool is empty: rows still shown queued were delivered by another warroom
            // process meanwhile, and their events come with the read asked for here.
            let elsewhere = !queued.isEmpty
            queued = []
            offline = false
            nextDeliveryAt = nil
            if before > 0, !(notice?.text.hasPrefix(Self.refusedPrefix) ?? false) {
                notice = Notice(.info, before == 1 ? "Back online: the queued entry is recorded"
                                                   : "Back online: the \(before) queued entries are recorded")
            }
            return elsewhere ? [.readStore(evenIfUnchanged: true)] : []
        case .deliveryRefused(let entry, let reason):
            queued.removeAll { $0.id == entry.id }
            let text = "your queued entry of \(entry.at.clockTime) “\(entry.text)”: \(reason)"
            if let shown = notice, shown.text.hasPrefix(Self.refusedPrefix) {
                notice = Notice(.error, shown.text + " · " + text)
            } else {
                notice = Notice(.error, Self.refusedPrefix + text)
            }
            return [.log("queued entry refused on delivery: \(entry.text): \(reason)")]
        case .deliveryFailed(let reason, let remaining):
            let first = !offline
            offline = true
            if first { notice = Notice(.error, Self.unreachableNotice + " (\(reason))") }
            _ = remaining
            scheduleRetry()
            return first ? [.log("delivery failed: \(reason)")] : []
        default:
            return []
        }
    }

    /// How a refusal on delivery starts, so several join in one notice.
    static let refusedPrefix = "Not recorded: "

    /// The next attempt, after one more failure.
    mutating func scheduleRetry() {
        deliveryFailures += 1
        nextDeliveryAt = now + DeliveryBackoff.delay(afterFailures: deliveryFailures)
    }

    /// On a clock tick: an attempt is due (deliver what waits, or read the store to see whether
    /// it is back).
    mutating func retryIfDue() -> [Effect] {
        guard let due = nextDeliveryAt, now >= due else { return [] }
        nextDeliveryAt = nil
        return queued.isEmpty ? [.readStore(evenIfUnchanged: true)] : [.deliverQueued]
    }
}
