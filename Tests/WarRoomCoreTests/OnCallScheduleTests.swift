import Testing
import WarRoomTestSupport
@testable import WarRoomCore

@Suite("On call: who carries the pager when")
struct OnCallScheduleTests {
    static func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }
    static let four = ["alice", "bob", "carol", "dave"].map { OnCallSchedule.Member($0) }

    static func weekly(_ zone: any ZoneRules = FixedZone(), start: String = "2026-11-30T10:00:00Z", hour: Int = 10,
                       members: [OnCallSchedule.Member] = four, overrides: [OnCallSchedule.Override] = []) -> OnCallSchedule {
        OnCallSchedule(name: "backend-primary", zone: zone, rotation: .weekly, handoffHour: hour, handoffWeekday: 1,
                       members: members, start: at(start), overrides: overrides)
    }

    @Test("A weekly rotation passes the pager at the handoff, in order, and around again; nobody before it starts")
    func weekly() {
        let s = Self.weekly()
        #expect(s.onCall(at: Self.at("2026-11-30T09:59:59Z")).isEmpty, "before the start")
        #expect(s.onCall(at: Self.at("2026-11-30T10:00:00Z")) == ["alice"])
        #expect(s.onCall(at: Self.at("2026-12-07T09:59:59.999Z")) == ["alice"])
        #expect(s.onCall(at: Self.at("2026-12-07T10:00:00Z")) == ["bob"])
        #expect(s.onCall(at: Self.at("2026-12-21T10:00:00Z")) == ["dave"])
        #expect(s.onCall(at: Self.at("2026-12-28T10:00:00Z")) == ["alice"], "around again")
        #expect(s.onCall(at: Self.at("2027-12-27T10:00:00Z")) == ["alice"], "52 weeks later, 13 times round")
        #expect(s.handoff(after: 0) == Self.at("2026-12-07T10:00:00Z"))
    }

    @Test("A start that is not on a handoff: the first person holds it until the first handoff after it")
    func unalignedStart() {
        let s = Self.weekly(start: "2026-12-02T15:00:00Z")  // a Wednesday
        #expect(s.handoff(after: 0) == Self.at("2026-12-07T10:00:00Z"))
        #expect(s.onCall(at: Self.at("2026-12-05T00:00:00Z")) == ["alice"])
        #expect(s.onCall(at: Self.at("2026-12-07T10:00:00Z")) == ["bob"])
    }

    @Test("10:00 in Berlin stays 10:00 across both daylight-saving changes")
    func daylightSaving() {
        // Winter (CET, +1): 10:00 is 09:00 UTC; summer (CEST, +2): 08:00 UTC.
        let s = Self.weekly(CentralEurope(), start: "2027-03-22T09:00:00Z")
        #expect(s.handoff(after: 0) == Self.at("2027-03-29T08:00:00Z"), "the Monday after the clocks went forward")
        #expect(s.onCall(at: Self.at("2027-03-29T07:59:00Z")) == ["alice"] && s.onCall(at: Self.at("2027-03-29T08:00:00Z")) == ["bob"])
        let autumn = Self.weekly(CentralEurope(), start: "2027-10-25T08:00:00Z", members: Self.four)
        #expect(autumn.handoff(after: 0) == Self.at("2027-11-01T09:00:00Z"), "the Monday after they went back")
        // Every handoff over two years is at 10:00 local.
        let zone = CentralEurope()
        for index in 0..<104 {
            let local = zone.local(s.handoff(after: index))
            #expect(local.hour == 10 && local.minute == 0, "handoff \(index): \(local)")
        }
    }

    @Test("A handoff in the skipped hour is where RFC 5545 puts it; in the repeated hour, the first of the two")
    func gapsAndFolds() {
        let zone = CentralEurope()
        // 2027-03-28: 02:00 CET jumps to 03:00 CEST. 02:30 is read with the offset before the gap: 03:30 CEST.
        #expect(zone.instant(CivilTime(year: 2027, month: 3, day: 28, hour: 2, minute: 30)) == Self.at("2027-03-28T01:30:00Z"))
        // 2027-10-31: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice, the first at 00:30 UTC.
        #expect(zone.instant(CivilTime(year: 2027, month: 10, day: 31, hour: 2, minute: 30)) == Self.at("2027-10-31T00:30:00Z"))
        #expect(zone.instant(CivilTime(year: 2027, month: 2, day: 30)) == nil, "no such date")
        let daily = OnCallSchedule(name: "nights", zone: zone, rotation: .daily, handoffHour: 2, handoffMinute: 30,
                                   members: Self.four, start: Self.at("2027-03-26T01:30:00Z"))
        #expect(daily.handoff(after: 0) == Self.at("2027-03-27T01:30:00Z"))
        #expect(daily.handoff(after: 1) == Self.at("2027-03-28T01:30:00Z"), "the skipped 02:30: 03:30 CEST")
        #expect(daily.handoff(after: 2) == Self.at("2027-03-29T00:30:00Z"), "02:30 CEST from then on")
        #expect(daily.onCall(at: Self.at("2027-03-28T01:29:00Z")) == ["bob"] && daily.onCall(at: Self.at("2027-03-28T01:30:00Z")) == ["carol"])
    }

    @Test("A daily rotation through a leap day, and an hourly one on its minute")
    func leapDayAndHourly() {
        let daily = OnCallSchedule(name: "d", zone: FixedZone(), rotation: .daily, handoffHour: 9, members: Self.four,
                                   start: Self.at("2028-02-27T09:00:00Z"))
        #expect(daily.onCall(at: Self.at("2028-02-29T12:00:00Z")) == ["carol"])
        #expect(daily.onCall(at: Self.at("2028-03-01T09:00:00Z")) == ["dave"])
        #expect(daily.handoff(after: 1) == Self.at("2028-02-29T09:00:00Z"))
        let hourly = OnCallSchedule(name: "h", zone: FixedZone("Asia/Kolkata", offset: .minutes(330)), rotation: .hourly, handoffHour: 0,
                                    handoffMinute: 15, members: Self.four, start: Self.at("2026-12-01T00:00:00Z"))
        // 00:15 local at +05:30 is xx:45 UTC.
        #expect(hourly.handoff(after: 0) == Self.at("2026-12-01T00:45:00Z"))
        #expect(hourly.onCall(at: Self.at("2026-12-01T01:44:00Z")) == ["bob"] && hourly.onCall(at: Self.at("2026-12-01T01:45:00Z")) == ["carol"])
    }

    @Test("Overrides: replace, add and remove a person between two instants, in the file's order")
    func overrides() {
        let from = Self.at("2026-12-01T00:00:00Z"), to = Self.at("2026-12-02T00:00:00Z")
        let s = Self.weekly(overrides: [.init(.replace("alice", with: "erin"), from: from, to: to),
                                        .init(.add("frank"), from: Self.at("2026-12-01T12:00:00Z"), to: to),
                                        .init(.remove("bob"), from: Self.at("2026-12-08T00:00:00Z"), to: Self.at("2026-12-09T00:00:00Z"))])
        #expect(s.onCall(at: Self.at("2026-11-30T23:59:00Z")) == ["alice"])
        #expect(s.onCall(at: from) == ["erin"])
        #expect(s.onCall(at: Self.at("2026-12-01T12:00:00Z")) == ["erin", "frank"])
        #expect(s.onCall(at: to) == ["alice"], "the end is excluded")
        #expect(s.onCall(at: Self.at("2026-12-08T06:00:00Z")).isEmpty, "bob removed: nobody, which check says")
        let twice = Self.weekly(overrides: [.init(.add("bob"), from: from, to: to), .init(.replace("alice", with: "bob"), from: from, to: to)])
        #expect(twice.onCall(at: from) == ["bob"], "a replacement already on call is not listed twice")
    }

    @Test("Shifts tile the span without gaps or overlaps, in rotation order, for random schedules")
    func shiftsTile() {
        var rng = SeededGenerator(seed: 15)
        let zones: [any ZoneRules] = [FixedZone(), CentralEurope(), FixedZone("America/St_Johns", offset: .minutes(-210))]
        for round in 0..<60 {
            let rotation = OnCallSchedule.Rotation.allCases.randomElement(using: &rng) ?? .weekly
            let start = Timestamp(millis: Self.at("2026-01-01T00:00:00Z").millis + Int64.random(in: 0...(86_400_000 * 700), using: &rng))
            let members = (0..<Int.random(in: 1...6, using: &rng)).map { OnCallSchedule.Member("p\($0)") }
            let s = OnCallSchedule(name: "r", zone: zones[round % zones.count], rotation: rotation, handoffHour: Int.random(in: 0...23, using: &rng),
                                   handoffMinute: [0, 15, 30, 45].randomElement(using: &rng) ?? 0, handoffWeekday: Int.random(in: 1...7, using: &rng),
                                   members: members, start: start)
            let span = rotation == .hourly ? TimeSpan.hours(30) : rotation == .daily ? .hours(24 * 40) : .hours(24 * 7 * 30)
            let shifts = s.shifts(from: start, to: start + span)
            #expect(shifts.first?.start == start && (shifts.last?.end ?? start) >= start + span, "round \(round)")
            for (index, (a, b)) in zip(shifts, shifts.dropFirst()).enumerated() {
                #expect(a.end == b.start && a.start < a.end, "round \(round), shift \(index): \(a) then \(b)")
                #expect(b.person == members[(index + 1) % members.count].name, "round \(round): in order")
            }
            for _ in 0..<20 {
                let instant = start + TimeSpan(millis: Int64.random(in: 0..<span.millis, using: &rng))
                let shift = s.shift(at: instant)
                #expect(shift.map { $0.start <= instant && instant < $0.end } == true, "round \(round): \(instant)")
                #expect(s.onCall(at: instant) == shift.map { [$0.person] }, "round \(round)")
            }
        }
    }

    @Test("check: each of the method's rules, with what to change", arguments: [
        ("size", "only 3 people in rotation: at least 4 prevents burnout"),
        ("midnight", "the handoff is at midnight (00:00 UTC): never at midnight"),
        ("evening", "the handoff is at 19:00 UTC, outside business hours: hand off between 08:00 and 18:00"),
        ("saturday", "the handoff is on a Saturday: hand off on a weekday, Monday to Friday"),
        ("hourly", "an hourly rotation hands off every hour, at night and at midnight too"),
        ("three weeks", "alice is on call without a break from 2026-11-30 10:00 UTC for more than 2 weeks"),
        ("override", "bob is on call without a break from 2026-12-07 10:00 UTC for more than 2 weeks"),
        ("idle override", "the override from 2026-12-01 00:00 UTC to 2026-12-02 00:00 UTC replaces bob, who is not on call then (alice is): it changes nothing"),
        ("escalation order", "the escalation levels are numbered 1, 3, 2: number them in order from 1"),
        ("escalation zero", "escalation level 1 (primary) has timeout 0: the page goes straight past it to the next level"),
        ("escalation slow", "an unanswered page reaches the last escalation level (3 vp) 35m after the first page: beyond 30m, when the method escalates a SEV1 with no root cause; shorten the timeouts before it"),
        ("shadow", "dave joined 2026-12-10 and is primary from 2026-12-21 10:00 UTC, before the shadow period ends 2026-12-24 00:00 UTC"),
    ])
    func check(_ broken: String, _ message: String) {
        var s = Self.weekly()
        var escalation = [EscalationLevel(level: 1, target: "primary", timeout: .minutes(5)), EscalationLevel(level: 2, target: "manager", timeout: .seconds(0))]
        switch broken {
        case "size": s.members.removeLast()
        case "midnight": s.handoffHour = 0
        case "evening": s.handoffHour = 19
        case "saturday": s.handoffWeekday = 6
        case "hourly": s.rotation = .hourly
        case "three weeks": s.members = ["alice", "alice", "alice", "bob", "carol", "dave"].map { OnCallSchedule.Member($0) }
        case "override":
            // bob's own week, then beside carol for hers and an hour into dave's.
            s.overrides = [.init(.add("bob"), from: Self.at("2026-12-14T10:00:00Z"), to: Self.at("2026-12-21T11:00:00Z"))]
        case "idle override": s.overrides = [.init(.replace("bob", with: "erin"), from: Self.at("2026-12-01T00:00:00Z"), to: Self.at("2026-12-02T00:00:00Z"))]
        case "escalation order": escalation = [1, 3, 2].map { EscalationLevel(level: $0, target: "t\($0)", timeout: .minutes(5)) }
        case "escalation zero": escalation[0].timeout = .seconds(0)
        case "escalation slow":
            escalation = [EscalationLevel(level: 1, target: "primary", timeout: .minutes(5)),
                          EscalationLevel(level: 2, target: "manager", timeout: .minutes(30)), EscalationLevel(level: 3, target: "vp", timeout: .zero)]
        case "shadow": s.members[3].joined = Self.at("2026-12-10T00:00:00Z")
        default: Issue.record("no case \(broken)")
        }
        let problems = OnCallCheck.problems(s, rules: OnCallRules(), escalation: escalation, from: s.start, to: s.start + .hours(24 * 7 * 12))
        #expect(OnCallCheck.escalationTimes(escalation).count == escalation.count)
        #expect(OnCallCheck.escalationTimes([5, 10, 15, 0].enumerated().map { EscalationLevel(level: $0.offset + 1, target: "t", timeout: .minutes(Int64($0.element))) })
                == [.minutes(0), .minutes(5), .minutes(15), .minutes(30)], "level 1 at once, each next after the timeouts before it")
        #expect(problems.count == 1 && problems.first?.message.hasPrefix(message) == true, "\(problems)")
        #expect(OnCallCheck.problems(Self.weekly(), rules: OnCallRules(), from: s.start, to: s.start + .hours(24 * 7 * 12)).isEmpty,
                "the method's sample rotation breaks nothing")
    }

    @Test("The method's sample policy reaches its last level at exactly 30m, within the total; a longer total or none takes slower ones")
    func escalationTotal() {
        let s = Self.weekly()
        func levels(_ minutes: [Int64]) -> [EscalationLevel] {
            minutes.enumerated().map { EscalationLevel(level: $0.offset + 1, target: "t\($0.offset + 1)", timeout: .minutes($0.element)) }
        }
        let span = (s.start, s.start + .hours(24 * 7))
        #expect(OnCallCheck.problems(s, rules: OnCallRules(), escalation: levels([5, 10, 15, 0]), from: span.0, to: span.1).isEmpty)
        #expect(OnCallCheck.problems(s, rules: OnCallRules(), escalation: levels([5, 10, 16, 0]), from: span.0, to: span.1).map(\.rule) == [.escalation])
        #expect(OnCallCheck.problems(s, rules: OnCallRules(escalationTotal: .hours(2)), escalation: levels([5, 10, 16, 0]), from: span.0, to: span.1).isEmpty)
        #expect(OnCallCheck.problems(s, rules: OnCallRules(escalationTotal: nil), escalation: levels([60, 60, 0]), from: span.0, to: span.1).isEmpty)
        // The last level's own timeout is not counted: nothing comes after it.
        #expect(OnCallCheck.problems(s, rules: OnCallRules(), escalation: levels([5, 25, 90]), from: span.0, to: span.1).isEmpty)
    }

    @Test("Two weeks in a row is allowed, and a shadow period that ended is no problem")
    func withinRules() {
        var s = Self.weekly(members: ["alice", "alice", "bob", "carol", "dave"].map { OnCallSchedule.Member($0) })
        s.members[4].joined = Self.at("2026-11-01T00:00:00Z")
        #expect(OnCallCheck.problems(s, rules: OnCallRules(), from: s.start, to: s.start + .hours(24 * 7 * 20)).isEmpty)
        let strict = OnCallRules(minRotationSize: 6, maxConsecutiveWeeks: 1, shadowPeriod: .hours(24 * 60))
        #expect(OnCallCheck.problems(s, rules: strict, from: s.start, to: s.start + .hours(24 * 7 * 20)).map(\.rule)
                == [.rotationSize, .consecutive, .shadow])
    }

    @Test("The calendar: an event per turn in UTC, overrides apart, CRLF, text escaped, long lines folded at 75 octets")
    func calendar() {
        let s = Self.weekly(overrides: [.init(.replace("bob", with: "erin"), from: Self.at("2026-12-08T00:00:00Z"), to: Self.at("2026-12-09T00:00:00Z"))])
        let shifts = s.shifts(from: Self.at("2026-12-01T00:00:00Z"), to: Self.at("2026-12-08T12:00:00Z"))
        let ics = OnCallCalendar.ics([(s, shifts)], stamp: Self.at("2026-12-03T12:00:00Z"))
        #expect(ics == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//warroom//on-call//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "BEGIN:VEVENT", "UID:backend-primary-1796032800000@warroom", "DTSTAMP:20261203T120000Z", "DTSTART:20261130T100000Z",
            "DTEND:20261207T100000Z", "SUMMARY:On call: alice (backend-primary)", "TRANSP:TRANSPARENT", "END:VEVENT",
            "BEGIN:VEVENT", "UID:backend-primary-1796637600000@warroom", "DTSTAMP:20261203T120000Z", "DTSTART:20261207T100000Z",
            "DTEND:20261214T100000Z", "SUMMARY:On call: bob (backend-primary)", "TRANSP:TRANSPARENT", "END:VEVENT",
            "BEGIN:VEVENT", "UID:backend-primary-override-1796688000000-1796774400000@warroom", "DTSTAMP:20261203T120000Z",
            "DTSTART:20261208T000000Z", "DTEND:20261209T000000Z", "SUMMARY:On call: erin instead of bob (backend-primary override)",
            "TRANSP:TRANSPARENT", "END:VEVENT", "END:VCALENDAR",
        ].joined(separator: "\r\n") + "\r\n", "\(ics)")
        #expect(OnCallCalendar.escape("a,b;c\\d\nnext\u{1B}[31m\u{9B}") == "a\\,b\\;c\\\\d\\nnext[31m")
        let long = "SUMMARY:" + String(repeating: "ré", count: 60)
        let folded = OnCallCalendar.fold(long)
        let physical = folded.components(separatedBy: "\r\n")
        #expect(physical.count > 1 && physical.allSatisfy { $0.utf8.count <= 75 } && physical.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(physical.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == long, "unfolds to the line")
        #expect(OnCallCalendar.fold("SHORT") == "SHORT")
    }
}
