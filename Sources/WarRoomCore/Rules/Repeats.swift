/// "Zero incidents caused by previously identified root causes": an incident is a **repeat** when
/// it shares a cause tag or an alert fingerprint with an earlier incident whose action items were
/// not done when it began — the organisation knew the cause and had not fixed it yet.
public struct RepeatMatch: Hashable, Sendable {
    /// The earlier incident.
    public var earlier: IncidentID
    public var title: String
    public var declaredAt: Timestamp
    /// The cause tags both carry.
    public var causes: [String]
    /// The alert fingerprints both recorded.
    public var fingerprints: [String]
    /// Its action items still not done when this incident began (added before, neither dropped
    /// nor done by then), by number.
    public var unfinished: [ActionItem]

    public init(earlier: IncidentID, title: String, declaredAt: Timestamp, causes: [String], fingerprints: [String], unfinished: [ActionItem]) {
        self.earlier = earlier
        self.title = title
        self.declaredAt = declaredAt
        self.causes = causes
        self.fingerprints = fingerprints
        self.unfinished = unfinished
    }

    /// Those of `unfinished` already past their due day when this incident began.
    public func late(at start: Timestamp) -> [ActionItem] { unfinished.filter { Self.isLate($0, at: start) } }

    /// Past the end of its due day at `start`.
    public static func isLate(_ item: ActionItem, at start: Timestamp) -> Bool { item.due + .hours(24) <= start }

    /// What the two share, in words: `cause config-push, cause dns, the same alert`.
    public var shared: String {
        (causes.map { "cause \($0)" } + (fingerprints.isEmpty ? [] : ["the same alert"])).joined(separator: ", ")
    }
}

public enum Repeats {
    /// The earlier incidents of `others` that `incident` repeats, oldest first. An incident never
    /// repeats itself nor one declared after it; one with nothing unfinished is a recurrence the
    /// organisation had already acted on, not a repeat.
    public static func matches(of incident: IncidentSummary, among others: some Sequence<IncidentSummary>) -> [RepeatMatch] {
        let causes = Set(incident.causes)
        let fingerprints = incident.fingerprints
        guard !causes.isEmpty || !fingerprints.isEmpty else { return [] }
        let start = incident.declaredAt
        var found: [RepeatMatch] = []
        for other in others where other.id != incident.id && other.declaredAt < start {
            let sharedCauses = other.causes.filter(causes.contains)
            let sharedFingerprints = other.fingerprints.intersection(fingerprints).sorted()
            guard !sharedCauses.isEmpty || !sharedFingerprints.isEmpty else { continue }
            let unfinished = other.actionItems.filter { item in
                item.addedAt < start && !item.isDropped && (item.doneAt.map { $0 > start } ?? true)
            }
            guard !unfinished.isEmpty else { continue }
            found.append(RepeatMatch(earlier: other.id, title: other.title, declaredAt: other.declaredAt, causes: sharedCauses,
                                     fingerprints: sharedFingerprints, unfinished: unfinished))
        }
        return found.sorted { ($0.declaredAt, $0.earlier) < ($1.declaredAt, $1.earlier) }
    }

    /// The same for folded incidents.
    public static func matches(of state: IncidentState, among others: some Sequence<IncidentState>) -> [RepeatMatch] {
        matches(of: IncidentSummary(state), among: others.lazy.map(IncidentSummary.init))
    }

    /// Every tag in `incidents` with the incidents that carry it, for "did you mean" and Tab.
    public static func causeTags(in incidents: some Sequence<IncidentSummary>) -> [String: [IncidentID]] {
        var tags: [String: [IncidentID]] = [:]
        for incident in incidents { for tag in incident.causes { tags[tag, default: []].append(incident.id) } }
        return tags
    }
}

extension IncidentState {
    /// The fingerprints of the alerts recorded in the timeline (retracted entries too: the alert
    /// still fired).
    public var alertFingerprints: Set<String> {
        Set(timeline.lazy.compactMap { $0.alert?.fingerprint })
    }
}

extension Repeats {
    /// For each of `incidents`, the earlier incidents of `all` it repeats (only those that repeat
    /// one), through an index of tags and fingerprints: a report over thousands of incidents
    /// compares each with the few that share something, never with every other.
    public static func all(_ incidents: [IncidentSummary], among all: [IncidentSummary]) -> [(IncidentID, [RepeatMatch])] {
        var byCause: [String: [Int]] = [:], byFingerprint: [String: [Int]] = [:]
        for (index, incident) in all.enumerated() {
            for tag in incident.causes { byCause[tag, default: []].append(index) }
            for fingerprint in incident.fingerprints { byFingerprint[fingerprint, default: []].append(index) }
        }
        return incidents.compactMap { incident in
            var candidates = Set<Int>()
            for tag in incident.causes { candidates.formUnion(byCause[tag] ?? []) }
            for fingerprint in incident.fingerprints { candidates.formUnion(byFingerprint[fingerprint] ?? []) }
            let found = matches(of: incident, among: candidates.sorted().map { all[$0] })
            return found.isEmpty ? nil : (incident.id, found)
        }
    }
}
