/// An on-call rotation: the people in order, when the pager passes from one to the next, and the
/// overrides that change who carries it between two instants. Pure: the zone's offsets come in
/// as `ZoneRules`, every answer is a function of the schedule and an instant.
public struct OnCallSchedule: Sendable {
    public enum Rotation: String, CaseIterable, Sendable {
        case weekly, daily, hourly
    }

    /// A person in the rotation: when they joined (a new person shadows first) and their own zone
    /// (for the health report's hours).
    public struct Member: Hashable, Sendable {
        public var name: String
        public var joined: Timestamp?
        public var timeZone: String?

        public init(_ name: String, joined: Timestamp? = nil, timeZone: String? = nil) {
            self.name = name
            self.joined = joined
            self.timeZone = timeZone
        }
    }

    /// A change to who is on call, from `from` (included) to `to` (excluded).
    public struct Override: Hashable, Sendable {
        public enum Action: Hashable, Sendable {
            /// `person` is on call too.
            case add(String)
            /// `person` is not on call (nobody is, if they were alone).
            case remove(String)
            /// `person` hands over to `with` for the span.
            case replace(String, with: String)
        }

        public var action: Action
        public var from: Timestamp
        public var to: Timestamp

        public init(_ action: Action, from: Timestamp, to: Timestamp) {
            self.action = action
            self.from = from
            self.to = to
        }
    }

    /// One person's turn in the rotation, before overrides.
    public struct Shift: Hashable, Sendable {
        public var person: String
        public var start: Timestamp
        public var end: Timestamp
    }

    public var name: String
    public var zone: any ZoneRules
    public var rotation: Rotation
    /// The local time of day of each handoff (for an hourly rotation, only its minute counts).
    public var handoffHour: Int
    public var handoffMinute: Int
    /// The weekday of a weekly handoff, 1 Monday … 7 Sunday (ISO 8601).
    public var handoffWeekday: Int
    public var members: [Member]
    /// The first handoff: the first member is on call from here to the next handoff.
    public var start: Timestamp
    public var overrides: [Override]

    public init(name: String, zone: any ZoneRules, rotation: Rotation, handoffHour: Int, handoffMinute: Int = 0,
                handoffWeekday: Int = 1, members: [Member], start: Timestamp, overrides: [Override] = []) {
        self.name = name
        self.zone = zone
        self.rotation = rotation
        self.handoffHour = handoffHour
        self.handoffMinute = handoffMinute
        self.handoffWeekday = handoffWeekday
        self.members = members
        self.start = start
        self.overrides = overrides
    }

    /// The handoff after `start` numbered `index` (0: the first after it), at the local handoff
    /// time; a handoff in a skipped hour is where RFC 5545 puts it (`ZoneRules.instant`).
    public func handoff(after index: Int) -> Timestamp { handoffs(index) }

    /// Every handoff after the start by its number, the first one found once: a lookup asks for
    /// several neighbours.
    private var handoffs: (Int) -> Timestamp {
        switch rotation {
        case .hourly:
            // The first instant after the start whose local minute is the handoff's, then hourly:
            // by arithmetic from the start's offset, stepped only if the zone changes right there.
            let offsetMinutes = Int((zone.offset(at: start).millis / 60_000) % 60)
            let minute = ((handoffMinute - offsetMinutes) % 60 + 60) % 60
            let hour = Timestamp(millis: start.millis - ((start.millis % 3_600_000) + 3_600_000) % 3_600_000)
            var first = hour + .minutes(Int64(minute))
            if first <= start { first = first + .hours(1) }
            var steps = 0
            while zone.local(first).minute != handoffMinute, steps < 60 { first = first + .minutes(1); steps += 1 }
            return { [first] index in first + .hours(Int64(index)) }
        case .daily, .weekly:
            let step = rotation == .weekly ? 7 : 1
            let day = firstDay
            return { index in at(day: day + index * step) }
        }
    }

    /// The person on call at `instant`, with every override in force applied in the file's
    /// order: nobody before the rotation starts or when an override removed everyone.
    public func onCall(at instant: Timestamp) -> [String] {
        guard let shift = shift(at: instant) else { return [] }
        var people = [shift.person]
        for override in overrides where override.from <= instant && instant < override.to {
            switch override.action {
            case .add(let person): if !people.contains(person) { people.append(person) }
            case .remove(let person): people.removeAll { $0 == person }
            case .replace(let person, let other):
                if let index = people.firstIndex(of: person) {
                    if people.contains(other) { people.remove(at: index) } else { people[index] = other }
                }
            }
        }
        return people
    }

    /// The rotation's turn at `instant`, before overrides; nil before the start or with nobody in it.
    public func shift(at instant: Timestamp) -> Shift? {
        guard !members.isEmpty, instant >= start else { return nil }
        let handoff = handoffs
        let firstHandoff = handoff(0)
        guard instant >= firstHandoff else { return Shift(person: members[0].name, start: start, end: firstHandoff) }
        // Handoffs are `period` apart give or take a zone change (an hour or two): guess, then step.
        var index = max(0, Int((instant - firstHandoff).millis / period.millis))
        while index > 0, handoff(index) > instant { index -= 1 }
        while handoff(index + 1) <= instant { index += 1 }
        return Shift(person: members[(index + 1) % members.count].name, start: handoff(index), end: handoff(index + 1))
    }

    /// The turns that overlap `from ..< to`, in order, before overrides.
    public func shifts(from: Timestamp, to: Timestamp) -> [Shift] {
        guard var current = shift(at: max(from, start)) else { return [] }
        var shifts: [Shift] = []
        while current.start < to {
            shifts.append(current)
            guard let next = shift(at: current.end), next.start > current.start else { break }
            current = next
        }
        return shifts
    }

    /// The nominal time between handoffs.
    public var period: TimeSpan {
        switch rotation {
        case .weekly: .hours(24 * 7)
        case .daily: .hours(24)
        case .hourly: .hours(1)
        }
    }

    /// The local day (days since 1970-01-01) of the first daily or weekly handoff after the start.
    private var firstDay: Int {
        let local = zone.local(start)
        var day = Int(Timestamp.daysFromCivil(local.year, local.month, local.day))
        if rotation == .weekly {
            // 1970-01-01 was a Thursday (ISO weekday 4).
            let weekday = ((day % 7) + 7 + 3) % 7 + 1
            day += (handoffWeekday - weekday + 7) % 7
        }
        let step = rotation == .weekly ? 7 : 1
        while at(day: day) <= start { day += step }
        return day
    }

    /// The handoff instant on local day `day`.
    private func at(day: Int) -> Timestamp {
        let date = Timestamp(millis: Int64(day) * 86_400_000).civil
        let local = CivilTime(year: date.year, month: date.month, day: date.day, hour: handoffHour, minute: handoffMinute)
        return zone.instant(local) ?? Timestamp(millis: Int64(day) * 86_400_000)
    }
}
