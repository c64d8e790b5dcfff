#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The on-call file as an incident uses it: whom each escalation level pages at an instant, what
/// the words after `/page` name, who the next tier is, and which unanswered pages are due to
/// escalate. Pure: the schedules and the instant are given.
public struct OnCallRoster: Sendable, Equatable {
    /// Every schedule of the file, in its order.
    public var schedules: [OnCallSchedule]
    /// The escalation policy: the first schedule's that has one.
    public var policy: [EscalationLevel]
    /// The schedule the policy belongs to: a level whose target says `primary` pages it.
    public var home: OnCallSchedule?
    /// What the roster was made from (the file's text, say): two rosters are equal when it is.
    public var version: String

    public init(_ definitions: [(schedule: OnCallSchedule, escalation: [EscalationLevel])], version: String) {
        schedules = definitions.map(\.schedule)
        let owner = definitions.first { !$0.escalation.isEmpty }
        policy = owner?.escalation ?? []
        home = owner?.schedule ?? definitions.first?.schedule
        self.version = version
    }

    public static func == (lhs: OnCallRoster, rhs: OnCallRoster) -> Bool { lhs.version == rhs.version }

    /// Someone to page, as resolved: the record a page is recorded with.
    public struct Target: Hashable, Sendable {
        /// The person (or, for a level that names no schedule, the level's target: `engineering-manager`).
        public var person: String
        public var level: EscalationLevel?
        /// The schedule the person is on call on, when one resolved them.
        public var schedule: String?

        /// `bob (level 2 on-call-secondary)`, `engineering-manager (level 3)`, `dave`.
        public var description: String {
            person + (level.map { $0.target == person ? " (level \($0.level))" : " (\(Self.tier($0)))" }
                ?? schedule.map { " (on call on \($0))" } ?? "")
        }

        static func tier(_ level: EscalationLevel) -> String { "level \(level.level) \(level.target)" }

        /// The page's record; `escalates` when it escalates an unanswered page.
        public func record(escalates: UUID? = nil) -> NotificationRecord {
            NotificationRecord(target: person, kind: .escalation, tier: level.map(Self.tier), person: person,
                               schedule: schedule, level: level?.level, escalates: escalates)
        }
    }

    /// Why the words after `/page` name nobody; the text says what would.
    public struct Refusal: Error, Hashable, Sendable {
        public var message: String
    }

    // MARK: - Levels

    /// The schedule a level pages: the one it names (`schedule:`), the one its target names, the
    /// policy's own for a `primary` target, the one schedule with `secondary` in its name for a
    /// `secondary` target; nil for a target that names no schedule (a person or a team).
    public func schedule(for level: EscalationLevel) -> OnCallSchedule? {
        if let named = level.schedule { return schedules.first { $0.name == named } }
        let target = level.target.lowercased()
        if let exact = schedules.first(where: { $0.name.lowercased() == target }) { return exact }
        if target.contains("primary") { return home }
        if target.contains("secondary") {
            let secondaries = schedules.filter { $0.name.lowercased().contains("secondary") }
            if secondaries.count == 1 { return secondaries[0] }
        }
        return nil
    }

    /// Whom `level` pages at `instant`: its schedule's on-call person (the first, when an override
    /// adds one), or its target itself when it names no schedule; nil when its schedule has
    /// nobody on call then.
    public func target(_ level: EscalationLevel, at instant: Timestamp) -> Target? {
        guard let schedule = schedule(for: level) else { return Target(person: level.target, level: level, schedule: nil) }
        guard let person = schedule.onCall(at: instant).first else { return nil }
        return Target(person: person, level: level, schedule: schedule.name)
    }

    /// The people in the room already: role holders and everyone paged.
    static func responders(_ state: IncidentState) -> Set<String> {
        Set(state.roles.values.map { $0.person.lowercased() } + state.pages.compactMap { $0.record.person?.lowercased() })
    }

    /// The next tier now: the first level above the highest one paged whose person is not in the
    /// room already (holding a role, or paged). Nil when the policy is exhausted or empty.
    public func nextTier(_ state: IncidentState, at instant: Timestamp) -> Target? {
        let highest = state.pages.compactMap(\.record.level).max() ?? 0
        let inRoom = Self.responders(state)
        for level in policy where level.level > highest {
            guard let target = target(level, at: instant) else { continue }
            if !inRoom.contains(target.person.lowercased()) { return target }
        }
        return nil
    }

    // MARK: - Escalation

    /// A page nobody answered in its level's timeout, and whom it escalates to.
    public struct Escalation: Hashable, Sendable {
        public var page: NotificationEntry
        public var target: Target
        /// When it is (or was) due: the page's time plus its level's timeout.
        public var due: Timestamp
    }

    /// The pages waiting for an acknowledgement that have a level after theirs, each with when it
    /// escalates and to whom (the next level's person at that instant), soonest first. Only
    /// while the incident is active: a resolved incident wakes nobody.
    public func pendingEscalations(_ state: IncidentState) -> [Escalation] {
        guard state.status.isActive else { return [] }
        return state.pages.compactMap { page -> Escalation? in
            guard page.acknowledged == nil, page.escalatedBy == nil, let number = page.record.level,
                  let place = policy.firstIndex(where: { $0.level == number }), place + 1 < policy.count else { return nil }
            let level = policy[place]
            guard level.timeout.millis > 0 else { return nil }
            let due = page.at + level.timeout
            guard let target = target(policy[place + 1], at: due) else { return nil }
            return Escalation(page: page, target: target, due: due)
        }.sorted { $0.due < $1.due }
    }

    /// The escalations due at `now`.
    public func dueEscalations(_ state: IncidentState, now: Timestamp) -> [Escalation] {
        pendingEscalations(state).filter { $0.due <= now }
    }

    /// A line per page waiting for an acknowledgement: a warning when the policy escalates it
    /// (to whom, and when), information otherwise.
    public func alerts(_ state: IncidentState, now: Timestamp) -> [Alert] {
        guard state.status.isActive else { return [] }
        let escalations = Dictionary(pendingEscalations(state).map { ($0.page.id, $0) }, uniquingKeysWith: { first, _ in first })
        return state.pages.filter { $0.acknowledged == nil && $0.escalatedBy == nil }.map { page in
            let person = page.record.person ?? page.record.target
            let ago = TimeSpan.seconds(max(0, (now - page.at).millis / 1_000))
            var message = "\(person) paged \(ago.compact) ago, not acknowledged"
            guard let next = escalations[page.id] else {
                return Alert(level: .info, subject: .page(page.id), message: message + ": /ack when they answer", deadline: nil)
            }
            let left = next.due - now
            message += left.millis > 0 ? ": \(next.target.description) is paged in \(TimeSpan.seconds((left.millis + 999) / 1_000).compact)"
                : ": paging \(next.target.description) now"
            return Alert(level: .warning, subject: .page(page.id), message: message + " (/ack when they answer)", deadline: next.due)
        }
    }

    // MARK: - `/page WORDS`

    static let fillerWords: Set<String> = ["on", "call", "oncall", "on-call", "the", "of", "tier"]

    /// What the words after `/page` name at `instant`: nothing or `next` the next tier; a level
    /// (`2`, `level 2`, `L2`, or a word of its target: `secondary`, `manager`); a schedule (its
    /// on-call person); or a person of a schedule. Anything else is refused with what would do,
    /// so a typo is never paged.
    public func resolve(_ words: String, state: IncidentState, at instant: Timestamp) throws(Refusal) -> Target {
        let text = String(words.trimmingSpaces.drop { $0 == "@" }).lowercased()
        if text.isEmpty || text == "next" || text == "next tier" {
            guard let next = nextTier(state, at: instant) else {
                throw Refusal(message: policy.isEmpty ? "the on-call file has no escalation policy: /page NAME pages a person of a schedule"
                    : "every level of the escalation policy is paged or in the room already: /page NAME pages someone by name")
            }
            return next
        }
        if let number = Self.levelNumber(text) {
            guard let level = policy.first(where: { $0.level == number }) else {
                throw Refusal(message: "the escalation policy has no level \(number): it has \(levelList(at: instant))")
            }
            return try reachable(level, at: instant)
        }
        let matching = policy.filter { level in
            let target = level.target.lowercased()
            return target == text || Self.words(target).contains(text)
        }
        if matching.count == 1 { return try reachable(matching[0], at: instant) }
        if matching.count > 1 {
            throw Refusal(message: "'\(words)' names \(matching.count) levels (\(matching.map { Target.tier($0) }.joined(separator: ", "))): /page 2 names one by number")
        }
        if let schedule = schedules.first(where: { $0.name.lowercased() == text }) {
            guard let person = schedule.onCall(at: instant).first else {
                throw Refusal(message: "nobody is on call on \(schedule.name) now: page a level or a person")
            }
            return Target(person: person, level: policy.first { self.schedule(for: $0)?.name == schedule.name }, schedule: schedule.name)
        }
        if let person = people.first(where: { $0.lowercased() == text }) {
            let level = policy.first { target($0, at: instant)?.person == person }
            let on = schedules.first { $0.onCall(at: instant).contains(person) }
            return Target(person: person, level: level, schedule: on?.name)
        }
        let known = ["next"] + policy.flatMap { [$0.target] + Self.words($0.target.lowercased()) } + schedules.map(\.name) + people
        throw Refusal(message: "'\(words)' names no escalation level, schedule or person of the on-call file"
            + Suggestion.didYouMean(text, among: known) + "; levels: \(levelList(at: instant)); /page! \(words) records it as typed")
    }

    /// A level's target at `instant`, or why it pages nobody.
    private func reachable(_ level: EscalationLevel, at instant: Timestamp) throws(Refusal) -> Target {
        guard let target = target(level, at: instant) else {
            throw Refusal(message: "\(Target.tier(level)) pages \(schedule(for: level)?.name ?? level.target), and nobody is on call there now")
        }
        return target
    }

    /// `1 on-call-primary (alice), 2 on-call-secondary (bob), …`.
    public func levelList(at instant: Timestamp) -> String {
        policy.isEmpty ? "none" : policy.map { level in
            let person = target(level, at: instant)?.person
            return "\(level.level) \(level.target)" + (person.map { $0 == level.target ? "" : " (\($0))" } ?? " (nobody on call)")
        }.joined(separator: ", ")
    }

    /// Everyone a schedule names: members and the people overrides bring in.
    public var people: [String] {
        var seen: [String] = []
        for schedule in schedules {
            for name in schedule.members.map(\.name) + schedule.overrides.compactMap(\.incoming) where !seen.contains(name) {
                seen.append(name)
            }
        }
        return seen
    }

    /// `2`, `level 2`, `l2`, `level2` → 2.
    static func levelNumber(_ text: String) -> Int? {
        var rest = Substring(text)
        if rest.hasPrefix("level") { rest = rest.dropFirst(5) } else if rest.hasPrefix("l") { rest = rest.dropFirst() }
        let digits = rest.trimmingSpaces
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy(\.isASCIIDigit), let number = Int(digits) else { return nil }
        return number
    }

    /// A target's words: `on-call-secondary` → `secondary`; `vp-engineering` → `vp`, `engineering`.
    static func words(_ target: String) -> [String] {
        target.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == "_" }).map(String.init).filter { !fillerWords.contains($0) }
    }
}

extension OnCallSchedule.Override {
    /// The person the override puts on call, if it puts anyone.
    public var incoming: String? {
        switch action {
        case .add(let person): person
        case .replace(_, let other): other
        case .remove: nil
        }
    }
}
