import Foundation
import WarRoomCore

/// What on-call health reads from a store: every page wherever it was recorded, the incidents with
/// their responders, the rest taken and the survey's answers. Drills are left out, as from every
/// report.
public struct OnCallRecords: Sendable {
    public var pages: [PageFact] = []
    public var incidents: [OnCallHealth.Incident] = []
    public var rested: Set<OnCallHealth.RestKey> = []
    /// Survey answers: when, and the score.
    public var survey: [(at: Timestamp, score: Int)] = []
    /// Incidents that could not be read (left out, named by the caller).
    public var damaged: [IncidentSummaries.Damage] = []

    /// Reads them: pages from the incidents' `notified` events that paged a person (acknowledged
    /// by their `pageAcknowledged` events), from alerts that fired into an incident (the
    /// primary on call of `roster` when each fired), and from pagers' exports in the inbox.
    public static func read(_ store: any EventStore, roster: OnCallRoster?) throws -> OnCallRecords {
        var records = OnCallRecords()
        let reading = try IncidentSummaries.read(store)
        records.damaged = reading.damaged
        let drills = Set(reading.summaries.filter(\.isDrill).map(\.id))
        let real = reading.summaries.filter { !$0.isDrill }
        var acknowledged: [UUID: Timestamp] = [:]
        var responders: [IncidentID: [String]] = [:]
        func responded(_ person: String, _ incident: IncidentID) {
            if !(responders[incident] ?? []).contains(person) { responders[incident, default: []].append(person) }
        }
        for event in try store.events(ofType: .pageAcknowledged) where !drills.contains(event.incident) {
            guard case .pageAcknowledged(let answer) = event.payload else { continue }
            if acknowledged[answer.page] == nil { acknowledged[answer.page] = event.at }
            responded(answer.person, event.incident)
        }
        // A chain answered once is answered for all its pages, both ways (as the fold says): the
        // pages linked by `escalates` share the first acknowledgement of any of them.
        var pageEvents: [(event: Event, record: NotificationRecord)] = []
        for event in try store.events(ofType: .notified) where !drills.contains(event.incident) {
            guard case .notified(let record) = event.payload, record.person != nil else { continue }
            pageEvents.append((event, record))
        }
        var root: [UUID: UUID] = [:]
        func find(_ id: UUID) -> UUID {
            var current = id, steps = 0
            while let parent = root[current], parent != current, steps < 10_000 { current = parent; steps += 1 }
            return current
        }
        for (event, record) in pageEvents {
            root[event.id] = root[event.id] ?? event.id
            if let earlier = record.escalates {
                root[earlier] = root[earlier] ?? earlier
                root[find(event.id)] = find(earlier)
            }
        }
        var chainAnswer: [UUID: Timestamp] = [:]
        for (page, at) in acknowledged where root[page] != nil {
            let chain = find(page)
            chainAnswer[chain] = min(chainAnswer[chain] ?? at, at)
        }
        for (event, record) in pageEvents {
            guard let person = record.person else { continue }
            let answered = chainAnswer[find(event.id)].map { max($0, event.at) }
            records.pages.append(PageFact(person: person, at: event.at, acknowledgedAt: answered, incident: event.incident, source: .warroom))
        }
        for event in try store.events(ofType: .roleAssigned) where !drills.contains(event.incident) {
            guard case .roleAssigned(let assignment) = event.payload else { continue }
            responded(assignment.person, event.incident)
        }
        if let roster, let primary = roster.home {
            for event in try store.events(ofType: .entry) where !drills.contains(event.incident) {
                guard case .entry(let entry) = event.payload, let alert = entry.alert, Self.fired(alert.key),
                      let person = primary.onCall(at: alert.startsAt).first else { continue }
                records.pages.append(PageFact(person: person, at: alert.startsAt, incident: event.incident, source: .alert))
            }
        }
        let inbox = try store.inboxEvents(after: 0)
        for stored in inbox.events {
            let event = stored.event
            switch event.payload {
            case .page(let page):
                records.pages.append(PageFact(person: page.person, at: event.at, acknowledgedAt: page.acknowledgedAt, source: .imported))
            case .rest(let rest):
                records.rested.insert(OnCallHealth.RestKey(person: rest.person, incident: rest.incident))
            case .survey(let answer):
                records.survey.append((event.at, answer.score))
            case .opened, .alertAdded, .accepted, .dismissed, .runbookTested:
                continue
            }
        }
        for summary in real {
            records.incidents.append(OnCallHealth.Incident(id: summary.id, severity: summary.severity, start: summary.declaredAt,
                                                           end: summary.resolvedAt, responders: responders[summary.id] ?? []))
        }
        records.pages.sort { ($0.at, $0.person) < ($1.at, $1.person) }
        return records
    }

    /// An alert's key that records it firing (not its resolution): Alertmanager's and Grafana's
    /// end in `|firing`; PagerDuty's name the `incident.triggered` event.
    static func fired(_ key: String) -> Bool {
        key.hasSuffix("|firing") || (key.hasPrefix("pagerduty|") && key.contains("|incident.triggered|"))
    }
}
