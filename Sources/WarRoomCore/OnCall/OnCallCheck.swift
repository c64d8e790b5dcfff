/// The method's rules for a rotation that prevents burnout, checked over a span of a schedule.
public struct OnCallRules: Hashable, Sendable {
    /// At least this many people in the rotation.
    public var minRotationSize: Int
    /// Nobody on call longer than this many weeks in a row.
    public var maxConsecutiveWeeks: Int
    /// A new person shadows this long after joining before being primary.
    public var shadowPeriod: TimeSpan
    /// An unanswered page reaches the escalation policy's last level within this: the method
    /// escalates a SEV1 with no root cause after 30 minutes (the policy's SEV1 root-cause
    /// deadline), and its sample policy reaches leadership then. Nil: not checked.
    public var escalationTotal: TimeSpan?

    public init(minRotationSize: Int = 4, maxConsecutiveWeeks: Int = 2, shadowPeriod: TimeSpan = .hours(24 * 14),
                escalationTotal: TimeSpan? = Policy.standard.rule(for: .sev1).rootCauseDeadline) {
        self.minRotationSize = minRotationSize
        self.maxConsecutiveWeeks = maxConsecutiveWeeks
        self.shadowPeriod = shadowPeriod
        self.escalationTotal = escalationTotal
    }
}

/// A level of an escalation policy: whom it pages, and how long it waits for an acknowledgement
/// before the next level is paged.
public struct EscalationLevel: Hashable, Sendable {
    public var level: Int
    public var target: String
    public var timeout: TimeSpan
    /// The schedule whose on-call person this level pages, when the file names one (`schedule:`);
    /// otherwise `OnCallRoster` looks for it by the target's name.
    public var schedule: String?

    public init(level: Int, target: String, timeout: TimeSpan, schedule: String? = nil) {
        self.level = level
        self.target = target
        self.timeout = timeout
        self.schedule = schedule
    }
}

/// One broken rule, said as the person fixing the file needs it.
public struct OnCallProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Rule: String, Hashable, Sendable {
        case rotationSize = "rotation size", consecutive = "consecutive weeks", handoffHours = "handoff hours", shadow = "shadow period"
        case override, escalation
    }

    public var rule: Rule
    public var message: String
    public var description: String { message }
}

public enum OnCallCheck {
    /// Every rule `schedule` breaks between `from` and `to` (the rotation's size and its handoff
    /// time whatever the span).
    public static func problems(_ schedule: OnCallSchedule, rules: OnCallRules, escalation: [EscalationLevel] = [],
                                from: Timestamp, to: Timestamp) -> [OnCallProblem] {
        var problems: [OnCallProblem] = []
        let people = Set(schedule.members.map(\.name)).count
        if people < rules.minRotationSize {
            problems.append(OnCallProblem(rule: .rotationSize, message: "only \(people) \(people == 1 ? "person" : "people") in rotation: "
                                          + "at least \(rules.minRotationSize) prevents burnout (add people under participants.members)"))
        }
        if let handoff = handoffProblem(schedule) { problems.append(OnCallProblem(rule: .handoffHours, message: handoff)) }
        problems += consecutive(schedule, limit: rules.maxConsecutiveWeeks, from: from, to: to)
        problems += shadowing(schedule, period: rules.shadowPeriod, from: from, to: to)
        problems += idleOverrides(schedule)
        problems += escalationProblems(escalation)
        if let total = rules.escalationTotal, let last = escalation.last, let reached = escalationTimes(escalation).last, reached > total {
            problems.append(OnCallProblem(rule: .escalation, message: "an unanswered page reaches the last escalation level (\(last.level) "
                + "\(last.target)) \(reached.compact) after the first page: beyond \(total.compact), when the method escalates a SEV1 "
                + "with no root cause; shorten the timeouts before it"))
        }
        return problems
    }

    /// Handoffs in business hours (08:00–18:00, Monday to Friday, in the schedule's zone), never at midnight.
    static func handoffProblem(_ schedule: OnCallSchedule) -> String? {
        let time = clock(schedule.handoffHour, schedule.handoffMinute)
        let zone = schedule.zone.identifier
        switch schedule.rotation {
        case .hourly:
            return "an hourly rotation hands off every hour, at night and at midnight too: a rotation hands off in business hours "
                + "(a daily or weekly rotation, handoff_time between 08:00 and 18:00)"
        case .daily, .weekly:
            if schedule.handoffHour == 0 && schedule.handoffMinute == 0 {
                return "the handoff is at midnight (00:00 \(zone)): never at midnight; hand off in business hours, 08:00–18:00 (10:00, say)"
            }
            if !(8..<18).contains(schedule.handoffHour) {
                return "the handoff is at \(time) \(zone), outside business hours: hand off between 08:00 and 18:00"
            }
            if schedule.rotation == .weekly, schedule.handoffWeekday >= 6 {
                return "the handoff is on a \(weekdays[schedule.handoffWeekday - 1]): hand off on a weekday, Monday to Friday"
            }
            return nil
        }
    }

    /// Nobody on call longer than `limit` weeks without a break, overrides included.
    static func consecutive(_ schedule: OnCallSchedule, limit: Int, from: Timestamp, to: Timestamp) -> [OnCallProblem] {
        let segments = self.segments(schedule, from: from, to: to)
        var runs: [String: (start: Timestamp, end: Timestamp)] = [:]
        var reported: Set<String> = []
        var problems: [OnCallProblem] = []
        let most = TimeSpan.hours(24 * 7) * Int64(max(0, limit))
        for (start, end, people) in segments {
            for person in Array(runs.keys) where !people.contains(person) { runs[person] = nil }
            for person in people {
                let run = (start: runs[person]?.start ?? start, end: end)
                runs[person] = run
                if run.end - run.start > most, reported.insert(person).inserted {
                    problems.append(OnCallProblem(rule: .consecutive, message: "\(person) is on call without a break from "
                        + "\(local(schedule, run.start)) for more than \(limit) week\(limit == 1 ? "" : "s"): nobody is on call "
                        + "more than \(limit) week\(limit == 1 ? "" : "s") in a row (spread the rotation or the overrides)"))
                }
            }
        }
        return problems
    }

    /// A new person is primary only after shadowing for `period` from when they joined.
    static func shadowing(_ schedule: OnCallSchedule, period: TimeSpan, from: Timestamp, to: Timestamp) -> [OnCallProblem] {
        var problems: [OnCallProblem] = []
        for member in schedule.members {
            guard let joined = member.joined else { continue }
            let ready = joined + period
            guard let early = schedule.shifts(from: from, to: min(to, ready)).first(where: { $0.person == member.name && $0.start < ready })
            else { continue }
            problems.append(OnCallProblem(rule: .shadow, message: "\(member.name) joined \(schedule.zone.wall(joined).dateOnly) and is primary from "
                + "\(local(schedule, max(early.start, from))), before the shadow period ends \(local(schedule, ready)): move them later "
                + "in participants.members or set joined"))
        }
        return problems
    }

    /// Levels numbered 1, 2, 3… in order, each waiting before the next is paged (only the last
    /// may have no timeout: nothing comes after it).
    static func escalationProblems(_ levels: [EscalationLevel]) -> [OnCallProblem] {
        var problems: [OnCallProblem] = []
        let numbers = levels.map(\.level)
        if numbers != Array(stride(from: 1, through: levels.count, by: 1)) {
            problems.append(OnCallProblem(rule: .escalation, message: "the escalation levels are numbered "
                + numbers.map(String.init).joined(separator: ", ") + ": number them in order from 1"))
        }
        for level in levels.dropLast() where level.timeout.millis == 0 {
            problems.append(OnCallProblem(rule: .escalation, message: "escalation level \(level.level) (\(level.target)) has timeout 0: "
                + "the page goes straight past it to the next level; give it time to acknowledge (5_minutes)"))
        }
        return problems
    }

    /// When each level is paged if nobody acknowledges: level 1 at once, each next one after the
    /// timeouts before it.
    public static func escalationTimes(_ levels: [EscalationLevel]) -> [TimeSpan] {
        var after = TimeSpan(millis: 0)
        return levels.map { level in
            defer { after = after + level.timeout }
            return after
        }
    }

    /// An override that replaces or removes someone who is not on call in its span changes
    /// nothing: a misspelt name or the wrong dates.
    static func idleOverrides(_ schedule: OnCallSchedule) -> [OnCallProblem] {
        schedule.overrides.compactMap { override in
            let person: String, verb: String
            switch override.action {
            case .add: return nil
            case .remove(let name): (person, verb) = (name, "removes")
            case .replace(let name, _): (person, verb) = (name, "replaces")
            }
            let turns = schedule.shifts(from: override.from, to: override.to)
            guard !turns.contains(where: { $0.person == person }) else { return nil }
            var seen: [String] = []
            for turn in turns where !seen.contains(turn.person) { seen.append(turn.person) }
            let who = seen.isEmpty ? "nobody is, the rotation has not started" : seen.joined(separator: " and ") + (seen.count == 1 ? " is" : " are")
            return OnCallProblem(rule: .override, message: "the override from \(local(schedule, override.from)) to \(local(schedule, override.to)) "
                + "\(verb) \(person), who is not on call then (\(who)): it changes nothing; check the name and the dates")
        }
    }

    /// The span cut where anyone's turn or an override begins or ends, with who is on call in each piece.
    static func segments(_ schedule: OnCallSchedule, from: Timestamp, to: Timestamp) -> [(Timestamp, Timestamp, [String])] {
        guard from < to else { return [] }
        var cuts = Set([from, to])
        for shift in schedule.shifts(from: from, to: to) { cuts.insert(max(from, shift.start)); cuts.insert(min(to, shift.end)) }
        for override in schedule.overrides {
            for instant in [override.from, override.to] where from < instant && instant < to { cuts.insert(instant) }
        }
        let sorted = cuts.sorted()
        return zip(sorted, sorted.dropFirst()).map { ($0, $1, schedule.onCall(at: $0)) }
    }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// `10:00`, a time of day.
    static func clock(_ hour: Int, _ minute: Int) -> String { Timestamp(millis: Int64(hour * 60 + minute) * 60_000).hourMinute }

    /// `2026-12-07 10:00` on the schedule's wall clock.
    public static func wallClock(_ schedule: OnCallSchedule, _ instant: Timestamp) -> String {
        let wall = schedule.zone.wall(instant)
        return "\(wall.dateOnly) \(wall.hourMinute)"
    }

    /// `2026-12-07 10:00 Europe/Berlin`.
    public static func local(_ schedule: OnCallSchedule, _ instant: Timestamp) -> String {
        wallClock(schedule, instant) + " " + schedule.zone.identifier
    }
}
