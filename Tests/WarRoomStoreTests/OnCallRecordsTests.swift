import Foundation
import Testing
import WarRoomCore
@testable import WarRoomStore

/// What on-call health reads from each backend: pages from three sources, acknowledgements along
/// an escalation chain, responders, rest taken and the survey; drills left out.
@Suite struct OnCallRecordsTests {
    static func event(_ incident: IncidentID, _ payload: EventPayload, id: UUID = UUID(), minute: Int64, by: String = "zoe") -> Event {
        let at = baseTime + .minutes(minute)
        return Event(id: id, incident: incident, at: at, recordedAt: at, author: by, payload: payload)
    }

    static func page(_ person: String, level: Int, escalates: UUID? = nil) -> EventPayload {
        .notified(NotificationRecord(target: person, kind: .escalation, tier: "level \(level)", person: person, schedule: "primary",
                                     level: level, escalates: escalates))
    }

    /// The primary schedule: alice on call from an hour before the base time, a week at a time.
    static let roster = OnCallRoster([(OnCallSchedule(name: "primary", zone: FixedZone(), rotation: .daily, handoffHour: 0,
                                                      members: [OnCallSchedule.Member("alice"), OnCallSchedule.Member("bob")],
                                                      start: baseTime.startOfDay), [])], version: "t")

    @Test("Pages from the war room, from alerts that fired, from a pager's export; a chain answered once; drills left out",
          arguments: StoreBackend.all)
    func records(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let first = UUID(), second = UUID(), third = UUID()
            let firing = AlertSource(key: "alertmanager|{}|abc|\(baseTime.iso8601)|firing", format: "alertmanager", startsAt: baseTime + .minutes(1))
            let resolved = AlertSource(key: "alertmanager|{}|abc|\(baseTime.iso8601)|resolved", format: "alertmanager", startsAt: baseTime + .minutes(1))
            let (real, _) = try store.declare { id in [
                Self.event(id, .declared(Declaration(title: "Checkout down", severity: .sev1)), minute: 0),
                Self.event(id, .roleAssigned(RoleAssignment(role: .commander, person: "zoe")), minute: 0),
                Self.event(id, .entry(Entry(kind: .finding, text: "alert", alert: firing)), minute: 1),
                Self.event(id, .entry(Entry(kind: .finding, text: "resolved", alert: resolved)), minute: 90),
                Self.event(id, Self.page("alice", level: 1), id: first, minute: 2),
                Self.event(id, Self.page("erin", level: 2, escalates: first), id: second, minute: 7),
                // alice answers her own page after erin was paged: both are answered at minute 9.
                Self.event(id, .pageAcknowledged(PageAcknowledgement(page: first, person: "alice")), minute: 9, by: "alice"),
                Self.event(id, Self.page("carol", level: 3), id: third, minute: 20),
                Self.event(id, .statusChanged(StatusChange(to: .mitigating)), minute: 200),
                Self.event(id, .statusChanged(StatusChange(to: .resolved)), minute: 300),
            ] }
            _ = try store.declare { id in [
                Self.event(id, .declared(Declaration(title: "Game day", severity: .sev1, isDrill: true)), minute: 0),
                Self.event(id, Self.page("dave", level: 1), minute: 3),
                Self.event(id, .roleAssigned(RoleAssignment(role: .commander, person: "dave")), minute: 3),
            ] }
            _ = try store.appendInbox(knownSequence: 0) { _ in [
                InboxEvent(id: UUID(), at: baseTime - .hours(5), recordedAt: baseTime, author: "zoe",
                           payload: .page(PageImported(person: "bob", acknowledgedAt: baseTime - .hours(5) + .minutes(3), externalID: "PD-1", source: "pd.csv"))),
                InboxEvent(id: UUID(), at: baseTime + .hours(6), recordedAt: baseTime + .hours(6), author: "alice",
                           payload: .rest(RestTaken(person: "alice", incident: real))),
                InboxEvent(id: UUID(), at: baseTime, recordedAt: baseTime, author: "bob", payload: .survey(SurveyAnswer(score: 3))),
            ] }
            let records = try OnCallRecords.read(store, roster: Self.roster)
            let pages = records.pages.map { "\($0.person) \($0.source.rawValue) \($0.acknowledgedAt.map { ($0 - baseTime).compact } ?? "-")" }
            let onCall = Self.roster.home?.onCall(at: baseTime + .minutes(1)).first ?? "?"
            #expect(pages == ["bob imported -4h57m", "\(onCall) alert -", "alice warroom 9m", "erin warroom 9m", "carol warroom -"], "\(pages)")
            #expect(records.pages.first { $0.source == .warroom }?.incident == real)
            #expect(!records.pages.contains { $0.person == "dave" }, "the drill's page is left out")
            #expect(records.incidents.map(\.id) == [real], "the drill is left out")
            #expect(records.incidents.first?.responders.sorted() == ["alice", "zoe"], "role holders and who acknowledged")
            #expect(records.incidents.first?.end == baseTime + .minutes(300))
            #expect(records.rested == [OnCallHealth.RestKey(person: "alice", incident: real)])
            #expect(records.survey.map(\.score) == [3])
            // A roster without a primary schedule counts no alert pages.
            #expect(try OnCallRecords.read(store, roster: nil).pages.filter { $0.source == .alert }.isEmpty)
        }
    }
}
