import WarRoomCore

/// The notices an event makes: the one place that says which recorded facts the world is told.
/// Pure, so the record paths (which queue deliveries) and the worker (which rebuilds a queued
/// delivery's notice to send it) agree on every field.
public enum NoticeBuilder {
    /// What `event` tells the world, given the incident before it (nil for a declaration) and
    /// after it. Empty for most events: entries, hypotheses and the post-mortem stay inside.
    public static func kinds(for event: Event, before: IncidentState?, after: IncidentState) -> [OutboundNotice.Kind] {
        switch event.payload {
        case .declared:
            return [.declared]
        case .severityChanged(let change):
            guard let from = before?.severity, from != change.to else { return [] }
            return [.severityChanged(from: from, to: change.to)]
        case .updatePosted(let post):
            return [.statusUpdate(audience: post.audience, text: post.text)]
        case .statusChanged(let change):
            guard before?.status != change.to else { return [] }
            return [.statusChanged(to: change.to)]
        case .notified(let record):
            guard record.kind == .escalation else { return [] }
            return [.page(target: record.target, reason: "\(after.severity.label) \(after.title)")]
        case .entry(let entry):
            // `warroom log --kind action --tag deploy "…"`: a change, for change-event destinations.
            guard entry.kind == .action, entry.tags.contains(.deploy) else { return [] }
            return [.deploy(summary: entry.text)]
        case .roleAssigned(let assignment):
            // A page is answered when the role it asked for, or the person it named, takes a role.
            let paged = pagedTargets(after)
            let spellings = [assignment.role.definition.title, assignment.role.rawValue, assignment.person]
                + (assignment.role.definition.alias.map { [$0] } ?? [])
            let names = spellings.map(normalized)
            return paged.filter { names.contains(normalized($0)) }
                .map { .acknowledged(target: $0, by: assignment.person) }
        case .pageAcknowledged(let answer):
            // `/ack`: the pager is told the page it sent was answered.
            guard let page = after.notifications.first(where: { $0.id == answer.page }) else { return [] }
            return [.acknowledged(target: page.record.target, by: answer.person)]
        default:
            return []
        }
    }

    /// The incident as a notice shows it.
    public static func snapshot(_ state: IncidentState) -> IncidentSnapshot {
        IncidentSnapshot(id: state.id, title: state.title, severity: state.severity, status: state.status,
                         service: state.service, commander: state.roles[.commander]?.person,
                         pagedTargets: pagedTargets(state))
    }

    /// Every notice of `event`, whole.
    public static func notices(for event: Event, before: IncidentState?, after: IncidentState, storeIdentity: String,
                               link: String? = nil) -> [OutboundNotice] {
        kinds(for: event, before: before, after: after).map {
            OutboundNotice(incident: snapshot(after), kind: $0, at: event.at, link: link, storeIdentity: storeIdentity,
                           eventID: event.id.uuidString)
        }
    }

    /// The name a queued delivery keeps of its notice (`DeliveryOrder.notice`): the event name,
    /// and for a page or its acknowledgement the target, so the worker finds the same one again.
    public static func noticeName(_ kind: OutboundNotice.Kind) -> String {
        switch kind {
        case .page(let target, _): "page:\(target)"
        case .acknowledged(let target, _): "acknowledged:\(target)"
        default: kind.event.rawValue
        }
    }

    /// Targets paged so far, in paging order, each once.
    static func pagedTargets(_ state: IncidentState) -> [String] {
        var seen: Set<String> = []
        return state.notifications.filter { $0.record.kind == .escalation }.map(\.record.target)
            .filter { seen.insert(normalized($0)).inserted }
    }

    private static func normalized(_ text: String) -> String { String(text.trimmingSpaces).lowercased() }
}

/// A configured destination as routing sees it: its name, type and filters (no credentials,
/// which are only needed to send).
public struct DeliveryRoute: Hashable, Sendable {
    public var name: String
    public var type: DestinationType
    public var audiences: Set<Audience>
    public var events: Set<NoticeEvent>

    /// A route; nil filters take the type's defaults, as `Destination` does.
    public init(name: String, type: DestinationType, audiences: Set<Audience>? = nil, events: Set<NoticeEvent>? = nil) {
        self.name = name
        self.type = type
        self.audiences = audiences ?? type.defaultAudiences
        self.events = events ?? type.defaultEvents
    }

    /// Whether `kind` goes here: its event is listed, and a status update is for one of the
    /// audiences (`Destination.wants` too; the test notice is only ever sent by name).
    public func wants(_ kind: OutboundNotice.Kind) -> Bool {
        if case .test = kind { return false }
        guard events.contains(kind.event) else { return false }
        if case .statusUpdate(let audience, _) = kind { return audiences.contains(audience) }
        return true
    }
}

/// The routing the record paths use: each notice of an event, to every route that takes it.
public struct DestinationRouting: DeliveryRouting {
    public var routes: [DeliveryRoute]
    /// The store's identity key: part of every idempotency key.
    public var storeIdentity: String

    public init(routes: [DeliveryRoute], storeIdentity: String) {
        self.routes = routes
        self.storeIdentity = storeIdentity
    }

    public func orders(for event: Event, before: IncidentState?, after: IncidentState) -> [DeliveryOrder] {
        let kinds = NoticeBuilder.kinds(for: event, before: before, after: after)
        var orders: [DeliveryOrder] = []
        for route in routes {
            for kind in kinds where route.wants(kind) && !Self.skipped(kind, at: route, before: before, after: after) {
                let name = NoticeBuilder.noticeName(kind)
                let part: String? = name.contains(":") ? name : nil
                orders.append(DeliveryOrder(destination: route.name, cause: event.id, notice: name,
                                            key: IdempotencyKey.delivery(storeIdentity: storeIdentity, incidentID: event.incident,
                                                                         destination: route.name, eventID: event.id.uuidString,
                                                                         part: part)))
            }
        }
        return orders
    }

    /// What a destination would answer with a skip, known when routing: no delivery is queued
    /// for it. A status page hears of the lifecycle only once a customer update made its incident
    /// there, and never of closing; a pager is told of a resolution only when somebody was paged.
    static func skipped(_ kind: OutboundNotice.Kind, at route: DeliveryRoute, before: IncidentState?,
                        after: IncidentState) -> Bool {
        switch (route.type, kind) {
        case (.statuspage, .statusChanged(let to)):
            if to == .closed { return true }
            let started = before?.outbox.deliveries.contains {
                $0.destination == route.name && $0.notice == NoticeEvent.statusUpdate.rawValue
            }
            return started != true
        case (.pagerduty, .statusChanged(.resolved)), (.opsgenie, .statusChanged(.resolved)):
            return NoticeBuilder.pagedTargets(after).isEmpty
        default:
            return false
        }
    }
}
