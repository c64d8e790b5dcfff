import Testing
import WarRoomTestSupport
@testable import WarRoomCore

@Suite("On-call health over a generated quarter with known answers")
struct OnCallHealthTests {
    static func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }
    static let people = ["alice", "bob", "carol", "dave"]
    static let start = at("2026-09-07T10:00:00Z")  // a Monday
    static let schedule = OnCallSchedule(name: "backend-primary", zone: FixedZone(), rotation: .weekly, handoffHour: 10, handoffWeekday: 1,
                                         members: people.map { OnCallSchedule.Member($0) }, start: start)
    /// carol lives nine hours ahead of UTC.
    static let tokyo = FixedZone("Asia/Tokyo", offset: .hours(9))
    static func zone(_ person: String) -> any ZoneRules { person == "carol" ? tokyo : FixedZone() }

    /// Where the k-th page of a turn lands (days after the turn's Monday, UTC hour and minute), and
    /// the hours it falls in for a UTC engineer and for carol (+9), worked out by hand.
    static let pattern: [(day: Int64, hour: Int64, minute: Int64, utc: InterruptionHours, plusNine: InterruptionHours)] = [
        (1, 10, 0, .business, .off),     // Tue 10:00 UTC; 19:00 Tue in Tokyo
        (1, 19, 0, .off, .sleep),        // Tue 19:00; Wed 04:00
        (2, 2, 0, .sleep, .business),    // Wed 02:00; Wed 11:00
        (5, 12, 0, .off, .off),          // Sat 12:00; Sat 21:00
        (3, 23, 30, .sleep, .business),  // Thu 23:30; Fri 08:30
        (4, 9, 0, .business, .off),      // Fri 09:00; Fri 18:00
        (4, 17, 59, .business, .sleep),  // Fri 17:59; Sat 02:59
    ]

    struct Generated {
        var pages: [PageFact] = []
        var counts: [String: Int] = [:]
        var weekly: [String: [Timestamp: Int]] = [:]
        var hours: [String: [InterruptionHours: Int]] = [:]
        var acks: [String: [TimeSpan]] = [:]
        var unacknowledged: [String: Int] = [:]
        var turnPages: [Int] = []
    }

    /// 13 weekly turns; turn w takes 3 + w % 3 pages, and turn 5 takes 7 (over the line of 5).
    /// Page k is acknowledged after k + 1 minutes, except every third (k % 3 == 2).
    static func generate() -> Generated {
        var g = Generated()
        for week in 0..<13 {
            let person = people[week % 4]
            let monday = start + .hours(Int64(24 * 7 * week)) - .hours(10)
            let count = week == 5 ? 7 : 3 + week % 3
            g.turnPages.append(count)
            for k in 0..<count {
                let slot = pattern[k % pattern.count]
                let sent = monday + .hours(24 * slot.day + slot.hour) + .minutes(slot.minute)
                let acked = k % 3 == 2 ? nil : sent + .minutes(Int64(k + 1))
                g.pages.append(PageFact(person: person, at: sent, acknowledgedAt: acked, source: .imported))
                g.counts[person, default: 0] += 1
                g.weekly[person, default: [:]][monday.startOfDay, default: 0] += 1
                let kind = person == "carol" ? slot.plusNine : slot.utc
                g.hours[person, default: [:]][kind, default: 0] += 1
                if let acked { g.acks[person, default: []].append(acked - sent) } else { g.unacknowledged[person, default: 0] += 1 }
            }
        }
        return g
    }

    static let from = at("2026-09-07T00:00:00Z"), to = at("2026-12-07T00:00:00Z")

    static func health(_ g: Generated, incidents: [OnCallHealth.Incident] = [], rested: Set<OnCallHealth.RestKey> = [],
                       survey: [Int] = []) -> OnCallHealth {
        OnCallHealth(schedules: [schedule], rules: OnCallHealthRules(), pages: g.pages, incidents: incidents, rested: rested,
                     survey: survey, from: from, to: to, zoneOf: zone)
    }

    @Test("Pages per engineer, per week and per turn, their hours in each engineer's zone, and the acknowledgements")
    func pages() throws {
        let g = Self.generate()
        let health = Self.health(g)
        #expect(health.people.map(\.name).sorted() == Self.people)
        for person in health.people {
            #expect(person.pages == g.counts[person.name], "\(person.name)")
            #expect(person.weeks == g.weekly[person.name] ?? [:], "\(person.name)")
            #expect(person.hours == g.hours[person.name] ?? [:], "\(person.name)")
            #expect(person.acknowledgeTimes.sorted() == (g.acks[person.name] ?? []).sorted(), "\(person.name)")
            #expect(person.unacknowledged == g.unacknowledged[person.name] ?? 0, "\(person.name)")
            #expect(person.consecutiveWeeks == 1, "a rotation of four: one week at a time")
            #expect(person.zone == (person.name == "carol" ? "Asia/Tokyo" : "UTC"))
        }
        #expect(health.turns.map(\.pages) == g.turnPages)
        #expect(health.turns.map(\.person) == (0..<13).map { Self.people[$0 % 4] })
        // Turn 5 is bob's (week 5 % 4 = 1) with 7 pages: over the line twice, as a week and as a turn.
        let bob = try #require(health.people.first { $0.name == "bob" })
        #expect(bob.weeksOverLine == [Self.at("2026-10-12T00:00:00Z")])
        #expect(health.alerts == ["bob had 7 pages the week of 2026-10-12: more than 5 a week",
                                  "bob took 7 pages in one turn of backend-primary (2026-10-12): more than 5"])
        // alice's acknowledgements: turns 0, 4, 8, 12 take 3, 4, 5, 3 pages; acknowledged after 1, 2, 4, 5 … minutes.
        let alice = try #require(health.people.first { $0.name == "alice" })
        #expect(alice.medianAcknowledge == .minutes(2))
    }

    @Test("A page outside the span is not counted")
    func span() {
        var g = Self.generate()
        g.pages.append(PageFact(person: "alice", at: Self.to + .seconds(1), source: .alert))
        g.pages.append(PageFact(person: "alice", at: Self.from - .seconds(1), source: .alert))
        let health = Self.health(g)
        #expect(health.people.first { $0.name == "alice" }?.pages == Self.generate().counts["alice"])
    }

    @Test("Weeks in a row: an override or a short rotation puts someone on two weeks running")
    func consecutive() {
        let pair = OnCallSchedule(name: "small", zone: FixedZone(), rotation: .weekly, handoffHour: 10, handoffWeekday: 1,
                                  members: [OnCallSchedule.Member("alice"), OnCallSchedule.Member("alice"), OnCallSchedule.Member("bob")],
                                  start: Self.start)
        let health = OnCallHealth(schedules: [pair], rules: OnCallHealthRules(), pages: [], incidents: [], rested: [], survey: [],
                                  from: Self.start, to: Self.start + .hours(24 * 7 * 6), zoneOf: Self.zone)
        // alice, alice, bob, alice, alice, bob: two weeks in a row for alice, one at a time for bob.
        #expect(health.people.first { $0.name == "alice" }?.consecutiveWeeks == 2)
        #expect(health.people.first { $0.name == "bob" }?.consecutiveWeeks == 1)
    }

    @Test("Rest is owed after a SEV1 of 4h or more, to each responder, until recorded; after-hours time in each zone")
    func rest() throws {
        let incidents = [
            OnCallHealth.Incident(id: "INC-1", severity: .sev1, start: Self.at("2026-10-01T20:00:00Z"), end: Self.at("2026-10-02T03:00:00Z"),
                                  responders: ["alice", "bob"]),
            OnCallHealth.Incident(id: "INC-2", severity: .sev1, start: Self.at("2026-10-08T09:00:00Z"), end: Self.at("2026-10-08T12:59:59Z"),
                                  responders: ["dave"]),
            OnCallHealth.Incident(id: "INC-3", severity: .sev2, start: Self.at("2026-10-05T06:00:00Z"), end: Self.at("2026-10-05T14:00:00Z"),
                                  responders: ["carol"]),
        ]
        let health = Self.health(Self.generate(), incidents: incidents, rested: [OnCallHealth.RestKey(person: "alice", incident: "INC-1")])
        #expect(health.restOwed.map { "\($0.person) \($0.incident)" } == ["bob INC-1"], "alice took hers; INC-2 was under 4h; INC-3 a SEV2")
        let going = OnCallHealth.Incident(id: "INC-4", severity: .sev1, start: Self.at("2026-11-01T00:00:00Z"), end: nil, responders: ["dave"])
        #expect(Self.health(Self.generate(), incidents: [going]).restOwed.isEmpty, "owed once it is over")
        #expect(health.alerts.contains("bob is owed 12h of rest after INC-1 (a SEV1 of 7h)"))
        // INC-1 is Thursday 20:00–03:00 UTC: all after hours. INC-2 Thursday 09:00–13:00: business.
        #expect(health.people.first { $0.name == "alice" }?.afterHours == .hours(7))
        #expect(health.people.first { $0.name == "dave" }?.afterHours == .zero)
        // INC-3 is Monday 15:00–23:00 in Tokyo: 18:00 onwards is after hours, five hours.
        #expect(health.people.first { $0.name == "carol" }?.afterHours == .hours(5))
        var rules = OnCallHealthRules()
        rules.restAfterLongSEV1 = false
        let off = OnCallHealth(schedules: [], rules: rules, pages: [], incidents: incidents, rested: [], survey: [], from: Self.from, to: Self.to, zoneOf: Self.zone)
        #expect(off.restOwed.isEmpty, "post_incident_time_off: false")
    }

    @Test("The survey's average against 4 out of 5")
    func survey() {
        #expect(Self.health(Self.generate(), survey: [5, 4, 3]).surveyAverage == 4)
        #expect(!Self.health(Self.generate(), survey: [5, 4, 3]).alerts.contains { $0.contains("survey") })
        #expect(Self.health(Self.generate(), survey: [5, 4, 3, 2]).alerts.contains("the on-call survey averages 3.5 out of 5: below the method's 4"))
        #expect(Self.health(Self.generate()).surveyAverage == nil)
    }

    @Test("Hours by PagerDuty's definitions, at their edges, across a zone change")
    func hours() {
        let utc = FixedZone()
        #expect(InterruptionHours.of(Self.at("2026-12-07T08:00:00Z"), zone: utc) == .business)  // Monday
        #expect(InterruptionHours.of(Self.at("2026-12-07T07:59:59Z"), zone: utc) == .sleep)
        #expect(InterruptionHours.of(Self.at("2026-12-07T18:00:00Z"), zone: utc) == .off)
        #expect(InterruptionHours.of(Self.at("2026-12-07T22:00:00Z"), zone: utc) == .sleep)
        #expect(InterruptionHours.of(Self.at("2026-12-05T12:00:00Z"), zone: utc) == .off, "Saturday")
        #expect(InterruptionHours.of(Self.at("2026-12-06T23:00:00Z"), zone: utc) == .sleep, "Sunday night")
        // Berlin springs forward on 2027-03-28 at 01:00 UTC: 07:30 UTC is 09:30 CEST, business on a Monday the day after.
        #expect(InterruptionHours.of(Self.at("2027-03-29T06:30:00Z"), zone: CentralEurope()) == .business)
        #expect(InterruptionHours.of(Self.at("2027-03-22T06:30:00Z"), zone: CentralEurope()) == .sleep, "07:30 CET a week before")
        // A whole Monday in Berlin after the change: 14h of it after hours (00–08, 18–24).
        let day = InterruptionHours.afterHours(from: Self.at("2027-03-28T22:00:00Z"), to: Self.at("2027-03-29T22:00:00Z"), zone: CentralEurope())
        #expect(day == .hours(14))
    }
}
