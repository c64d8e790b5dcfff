/// One page as on-call health counts it, wherever it was recorded: a war room's `/page`, an
/// alert that woke whoever was on call, a pager's export.
public struct PageFact: Hashable, Sendable {
    public enum Source: String, Hashable, Sendable, CaseIterable {
        case warroom, alert, imported
    }

    /// Whom it paged (for an alert: the primary on call when it fired).
    public var person: String
    public var at: Timestamp
    public var acknowledgedAt: Timestamp?
    public var incident: IncidentID?
    public var source: Source

    public init(person: String, at: Timestamp, acknowledgedAt: Timestamp? = nil, incident: IncidentID? = nil, source: Source) {
        self.person = person
        self.at = at
        self.acknowledgedAt = acknowledgedAt
        self.incident = incident
        self.source = source
    }
}

/// When an interruption lands in the person's day, as PagerDuty's on-call reports split it:
/// business hours 08:00–18:00 Monday to Friday, off hours 18:00–22:00 and weekend days, sleep
/// hours 22:00–08:00, in the person's time zone.
public enum InterruptionHours: String, Hashable, Sendable, CaseIterable {
    case business, off, sleep

    /// The hours `instant` falls in, in `zone`.
    public static func of(_ instant: Timestamp, zone: any ZoneRules) -> InterruptionHours {
        let wall = zone.wall(instant)
        let hour = wall.civil.hour
        if hour >= 22 || hour < 8 { return .sleep }
        return isWeekend(wall) || hour >= 18 ? .off : .business
    }

    /// Saturday or Sunday, of a wall-clock timestamp.
    static func isWeekend(_ wall: Timestamp) -> Bool {
        let day = wall.millis >= 0 ? wall.millis / 86_400_000 : (wall.millis - 86_399_999) / 86_400_000
        let weekday = ((day % 7) + 7 + 3) % 7 + 1
        return weekday >= 6
    }

    /// How much of `from ..< to` falls outside business hours in `zone`, walked from boundary to
    /// boundary (08:00, 18:00, 22:00 and midnight, local), so a zone change inside is followed.
    public static func afterHours(from: Timestamp, to: Timestamp, zone: any ZoneRules) -> TimeSpan {
        var total: Int64 = 0
        var at = from
        var steps = 0
        while at < to, steps < 100_000 {
            steps += 1
            let next = min(to, nextBoundary(after: at, zone: zone))
            if of(at, zone: zone) != .business { total += (next - at).millis }
            at = next
        }
        return TimeSpan(millis: total)
    }

    /// The first instant after `instant` where the local hour crosses 08, 18, 22 or 24.
    static func nextBoundary(after instant: Timestamp, zone: any ZoneRules) -> Timestamp {
        let wall = zone.wall(instant)
        let day = wall.startOfDay
        let next = [8, 18, 22, 24].map { day + .hours(Int64($0)) }.first { $0 > wall } ?? day + .hours(24)
        // Back from wall clock to an instant with the offset in force there; never before `instant`.
        let guess = next - zone.offset(at: instant)
        let exact = next - zone.offset(at: guess)
        return max(exact, instant + TimeSpan(millis: 60_000))
    }
}

/// The on-call health report's figures over a span: per engineer and per turn, against the
/// method's line. Pure: every fact is given.
public struct OnCallHealth: Sendable {
    /// One engineer's figures.
    public struct Person: Hashable, Sendable {
        public var name: String
        /// The time zone their hours are counted in.
        public var zone: String
        public var pages: Int = 0
        /// Pages per week (the week starting at each key, Monday 00:00 UTC).
        public var weeks: [Timestamp: Int] = [:]
        public var hours: [InterruptionHours: Int] = [:]
        /// How long each acknowledged page took to acknowledge.
        public var acknowledgeTimes: [TimeSpan] = []
        public var unacknowledged = 0
        /// The most weeks in a row they were on call: their longest run of turns back to back on
        /// one schedule, before overrides.
        public var consecutiveWeeks = 0
        /// Incident time outside business hours in their zone, for the incidents they responded to.
        public var afterHours = TimeSpan(millis: 0)
        /// The weeks over the line: more than `pagesPerWeek` pages.
        public var weeksOverLine: [Timestamp] = []

        /// The median time to acknowledge (the lower middle of an even count); nil with none.
        public var medianAcknowledge: TimeSpan? {
            let sorted = acknowledgeTimes.sorted()
            return sorted.isEmpty ? nil : sorted[(sorted.count - 1) / 2]
        }
    }

    /// One turn of a schedule and the pages its person took during it.
    public struct Turn: Hashable, Sendable {
        public var schedule: String
        public var person: String
        public var start: Timestamp
        public var end: Timestamp
        public var pages: Int
    }

    /// Rest a long SEV1 owes a responder, not yet recorded as taken.
    public struct RestOwed: Hashable, Sendable {
        public var person: String
        public var incident: IncidentID
        /// When the incident ended.
        public var since: Timestamp
        public var length: TimeSpan
        public var incidentLength: TimeSpan
    }

    /// A SEV1 as the rest rule reads it: how long it lasted and who responded.
    public struct Incident: Hashable, Sendable {
        public var id: IncidentID
        public var severity: Severity
        public var start: Timestamp
        /// Its resolution; nil while it goes on.
        public var end: Timestamp?
        /// Role holders and people who answered a page.
        public var responders: [String]

        public init(id: IncidentID, severity: Severity, start: Timestamp, end: Timestamp?, responders: [String]) {
            self.id = id
            self.severity = severity
            self.start = start
            self.end = end
            self.responders = responders
        }
    }

    public var from: Timestamp
    public var to: Timestamp
    public var rules: OnCallHealthRules
    public var people: [Person]
    public var turns: [Turn]
    public var restOwed: [RestOwed]
    public var survey: [Int]
    /// The lines over the method's line, worded for the report.
    public var alerts: [String]

    /// The survey's average score (nil with no answers), against the method's 4 out of 5.
    public var surveyAverage: Double? { survey.isEmpty ? nil : Double(survey.reduce(0, +)) / Double(survey.count) }
    public static let surveyTarget = 4.0

    /// The report over `from ... to`. `zoneOf` gives a person's time zone (their own, else their
    /// schedule's); `rested` the (person, incident) pairs whose rest was recorded.
    public init(schedules: [OnCallSchedule], rules: OnCallHealthRules, pages: [PageFact], incidents: [Incident],
                rested: Set<RestKey>, survey: [Int], from: Timestamp, to: Timestamp, zoneOf: (String) -> any ZoneRules) {
        self.from = from
        self.to = to
        self.rules = rules
        self.survey = survey
        var byName: [String: Person] = [:]
        func person(_ name: String) -> Person {
            byName[name] ?? Person(name: name, zone: zoneOf(name).identifier)
        }
        let counted = pages.filter { $0.at >= from && $0.at <= to }
        for page in counted {
            var entry = person(page.person)
            entry.pages += 1
            entry.weeks[Self.weekStart(page.at), default: 0] += 1
            entry.hours[InterruptionHours.of(page.at, zone: zoneOf(page.person)), default: 0] += 1
            if let ack = page.acknowledgedAt, ack >= page.at { entry.acknowledgeTimes.append(ack - page.at) } else { entry.unacknowledged += 1 }
            byName[page.person] = entry
        }
        // Turns, and the weeks each person was on call.
        // Turns, and the longest run of one person's turns back to back, in weeks (a 7-day turn
        // is one; seven daily turns in a row are one too).
        var turns: [Turn] = []
        var longest: [String: Int] = [:]
        for schedule in schedules {
            var run: (person: String, start: Timestamp, end: Timestamp)?
            func close() {
                guard let run else { return }
                let weeks = Int(((run.end - run.start).millis + Self.weekMillis / 2) / Self.weekMillis)
                longest[run.person] = max(longest[run.person] ?? 0, max(1, weeks))
            }
            for shift in schedule.shifts(from: from, to: to) {
                let taken = counted.filter { $0.person == shift.person && $0.at >= shift.start && $0.at < shift.end }.count
                turns.append(Turn(schedule: schedule.name, person: shift.person, start: shift.start, end: shift.end, pages: taken))
                if byName[shift.person] == nil { byName[shift.person] = person(shift.person) }
                if let current = run, current.person == shift.person, current.end == shift.start {
                    run?.end = shift.end
                } else {
                    close()
                    run = (shift.person, shift.start, shift.end)
                }
            }
            close()
        }
        for (name, weeks) in longest { byName[name]?.consecutiveWeeks = weeks }
        // Incidents: after-hours time per responder, and the rest a long SEV1 owes.
        for incident in incidents {
            let start = max(incident.start, from), stop = min(incident.end ?? to, to)
            for name in incident.responders where stop > start {
                var entry = person(name)
                entry.afterHours = entry.afterHours + InterruptionHours.afterHours(from: start, to: stop, zone: zoneOf(name))
                byName[name] = entry
            }
        }
        var alerts: [String] = []
        for name in byName.keys {
            guard var entry = byName[name] else { continue }
            entry.weeksOverLine = entry.weeks.filter { $0.value > rules.pagesPerWeek }.keys.sorted()
            byName[name] = entry
            for week in entry.weeksOverLine {
                alerts.append("\(name) had \(entry.weeks[week] ?? 0) pages the week of \(week.dateOnly): more than \(rules.pagesPerWeek) a week")
            }
        }
        people = byName.values.sorted { ($0.pages, $1.name) > ($1.pages, $0.name) }
        self.turns = turns.sorted { ($0.start, $0.schedule) < ($1.start, $1.schedule) }
        restOwed = Self.restOwed(incidents: incidents, rules: rules, rested: rested, from: from, to: to)
        for turn in self.turns where turn.pages > rules.pagesPerWeek {
            alerts.append("\(turn.person) took \(turn.pages) pages in one turn of \(turn.schedule) (\(turn.start.dateOnly)): more than \(rules.pagesPerWeek)")
        }
        for rest in restOwed {
            alerts.append("\(rest.person) is owed \(rest.length.compact) of rest after \(rest.incident) (a SEV1 of \(rest.incidentLength.compact))")
        }
        if !survey.isEmpty, case let average = Double(survey.reduce(0, +)) / Double(survey.count), average < Self.surveyTarget {
            alerts.append("the on-call survey averages \(Self.oneDecimal(average)) out of 5: below the method's 4")
        }
        self.alerts = alerts.sorted()
    }

    /// The rest owed to each responder of a SEV1 of `rules.longSEV1` or more that ended in
    /// `from ... to`, unless recorded in `rested`; in order of the incidents' end. Owed once it is
    /// over: rest during a SEV1 is not what the rule means.
    public static func restOwed(incidents: [Incident], rules: OnCallHealthRules, rested: Set<RestKey>, from: Timestamp,
                                to: Timestamp) -> [RestOwed] {
        guard rules.restAfterLongSEV1 else { return [] }
        var owed: [RestOwed] = []
        for incident in incidents {
            guard let ended = incident.end, incident.severity == .sev1, ended - incident.start >= rules.longSEV1,
                  ended >= from, ended <= to else { continue }
            for name in incident.responders where !rested.contains(RestKey(person: name, incident: incident.id)) {
                owed.append(RestOwed(person: name, incident: incident.id, since: ended, length: rules.rest, incidentLength: ended - incident.start))
            }
        }
        return owed.sorted { ($0.since, $0.person) < ($1.since, $1.person) }
    }

    /// A person and the incident whose rest they took.
    public struct RestKey: Hashable, Sendable {
        public var person: String
        public var incident: IncidentID
        public init(person: String, incident: IncidentID) {
            self.person = person
            self.incident = incident
        }
    }

    static let weekMillis: Int64 = 7 * 86_400_000

    /// Monday 00:00 UTC of `instant`'s ISO week.
    public static func weekStart(_ instant: Timestamp) -> Timestamp {
        let day = instant.millis >= 0 ? instant.millis / 86_400_000 : (instant.millis - 86_399_999) / 86_400_000
        let weekday = ((day % 7) + 7 + 3) % 7 // 0 Monday
        return Timestamp(millis: (day - weekday) * 86_400_000)
    }

    /// `4.3`.
    public static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
