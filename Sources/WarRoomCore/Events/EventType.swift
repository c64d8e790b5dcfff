/// Every kind of event, by its stored name: the one list a new event type starts from.
///
/// `EventPayload` maps each case to its payload struct (encode, decode), the store's hand-written
/// reader and the fold switch over it exhaustively, so the compiler names every place a new case
/// must be handled; the coverage test in `WarRoomStoreTests` iterates `allCases`. The raw values
/// are written into every stored event: never rename one.
public enum EventType: String, CaseIterable, Hashable, Sendable {
    case declared
    case severityChanged
    case impactRecorded
    case roleAssigned
    case entry
    case entryAmended
    case entryRetracted
    case hypothesisOpened
    case hypothesisDecided
    case notified
    case statusChanged
    case updatePosted
    case postmortemStatusChanged
    case postmortemTextSet
    case postmortemImpactSet
    case factorSet
    case whyAdded
    case actionItemAdded
    case actionItemDone
    case factsRecorded
    case actionItemUpdated
    case actionItemStatusChanged
    case whyAmended
    case delivery
    case causeTagged
    case incidentLinked
    case pageAcknowledged
    case runbookUsed
    case drillMarked
}
