import Testing
import WarRoomCore
import WarRoomTestSupport

/// Entries recorded from alerts: the fold keeps their keys, a key is recorded once per incident,
/// and an alert's times pass `TimeBounds` as typed times do.
@Suite("Alert entries")
struct AlertEntryTests {
    static func finding(key: String, startsAt: Timestamp, runbook: String? = "https://runbooks.example/checkout") -> Entry {
        Entry(kind: .finding, text: "Alert firing: HighErrorRate on checkout-api (critical)", tags: [.detection],
              alert: AlertSource(key: key, format: "alertmanager", startsAt: startsAt, runbookURL: runbook,
                                 link: "http://prometheus:9090/graph"))
    }

    @Test("The fold keeps every alert key recorded, and the entry's source on its row")
    func foldKeepsKeys() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.advance(.minutes(1))
        #expect(scenario.s.alertKeys.isEmpty)
        let events = scenario.must(.log(Self.finding(key: "k1", startsAt: t0 - .minutes(3))), at: t0 - .minutes(3))
        scenario.must(.log(Entry(kind: .note, text: "looking at it")))
        #expect(scenario.s.alertKeys == ["k1"])
        let first = try #require(events.first)
        let row = try #require(scenario.s.timelineItem(for: first.id))
        #expect(row.alert?.runbookURL == "https://runbooks.example/checkout")
        #expect(row.kind == .finding && row.tags == [.detection])
        // A retracted alert entry keeps its key: the next delivery must not put it back.
        scenario.must(.retract(entry: row.id, reason: "wrong incident"))
        #expect(scenario.s.alertKeys == ["k1"])
    }

    @Test("A key the incident already records is refused, and nothing is recorded")
    func duplicateRefused() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.log(Self.finding(key: "k1", startsAt: t0)))
        let before = scenario.events.count
        #expect(throws: CommandError.alertAlreadyRecorded("INC-1")) {
            try scenario.run(.log(Self.finding(key: "k1", startsAt: t0)))
        }
        #expect(scenario.events.count == before)
        scenario.must(.log(Self.finding(key: "k2", startsAt: t0)))
        #expect(scenario.s.alertKeys == ["k1", "k2"])
    }

    @Test("An alert from 1969 or from next year is refused with a message, never trapped")
    func timesOutOfRange() {
        var scenario = Scenario.declared(.sev2)
        let ancient = Timestamp(millis: -86_400_000)
        do {
            try scenario.run(.log(Self.finding(key: "old", startsAt: ancient)))
            Issue.record("an alert from 1969 was recorded")
        } catch {
            #expect(error.description.contains("the alert's start 1969-12-31T00:00:00Z is before 1970-01-01"))
        }
        let nextYear = t0 + .hours(24 * 365)
        do {
            try scenario.run(.log(Self.finding(key: "future", startsAt: nextYear)))
            Issue.record("an alert from next year was recorded")
        } catch {
            #expect(error.description.contains("the alert's start 2027-11-28T14:00:00Z is more than a day after now"))
        }
        #expect(scenario.s.alertKeys.isEmpty)
    }

    @Test("An import's alert start is checked like its other times")
    func importedTimesChecked() {
        let ancient = Timestamp(millis: -1)
        let event = Event(id: testID(90), incident: "INC-1", at: t0, recordedAt: t0, author: "alerts",
                          payload: .entry(Self.finding(key: "k", startsAt: ancient)))
        #expect(TimeBounds.problem(in: event, now: t0)?.contains("its alert's start") == true)
        let fine = Event(id: testID(91), incident: "INC-1", at: t0, recordedAt: t0, author: "alerts",
                         payload: .entry(Self.finding(key: "k", startsAt: t0 - .minutes(5))))
        #expect(TimeBounds.problem(in: fine, now: t0) == nil)
    }
}
