import WarRoomCore

/// What happened across incidents in a period: counts, the response times as distributions, and
/// the method's scorecard with its targets. Pure: the incidents, folded, and the time it is made.
public struct IncidentTrends: Sendable {
    /// One response time across the incidents that have both of its clocks.
    public struct Metric: Sendable {
        public var name: String
        /// Which clocks it measures between, said with every figure.
        public var clocks: String
        public var distribution: Distribution
    }

    /// One line of the scorecard.
    public struct Score: Sendable {
        public enum Verdict: String, Sendable { case met, missed, noData = "no data" }
        public var name: String
        public var target: String
        /// The figure, in words ("median 3m12s over 4 incidents", "no SLO file yet").
        public var value: String
        public var verdict: Verdict
    }

    public var filter: ReportFilter
    public var generatedAt: Timestamp
    /// The incidents counted, oldest declaration first.
    public var incidents: [IncidentSummary]
    public var bySeverity: [(Severity, Int)]
    public var byService: [(String, Int)]
    /// `2026-11` → count, in month order.
    public var byMonth: [(String, Int)]
    public var metrics: [Metric]
    public var scorecard: [Score]
    /// The alert audit, when the proposal inbox could be read (nil: it could not, or was not given).
    public var alerts: AlertAudit?
    /// Each SLO's budget at the period's end (nil: no SLO file).
    public var slos: [SLOStatus]?
    /// The incidents counted that repeat an earlier one (of any period), with what they repeat.
    public var repeats: [(IncidentID, [RepeatMatch])]

    /// Within 48 hours of resolution, as the method asks of SEV1 and SEV2 post-mortems.
    public static let postmortemDeadline = TimeSpan.hours(48)

    /// The trends of the incidents `filter` takes from `all`, at `now`. With `previous` (the same
    /// filter over the period before), the scorecard compares the median time to resolve. With
    /// `slos` (the SLO file's definitions), it says which budgets are exhausted at the period's
    /// end, from every incident on each service (a budget is the service's, not the filter's).
    public init(_ all: [IncidentSummary], filter: ReportFilter, now: Timestamp, previous: [IncidentSummary]? = nil,
                inbox: ProposalInbox? = nil, slos definitions: [SLODefinition]? = nil) {
        self.filter = filter
        generatedAt = now
        let incidents = all.filter(filter.includes).sorted { $0.declaredAt < $1.declaredAt }
        self.incidents = incidents
        bySeverity = Severity.allCases.map { level in (level, incidents.filter { $0.severity == level }.count) }
        // Services compared without case, as the filter does, under their first spelling.
        var services: [String: (name: String, count: Int)] = [:]
        for incident in incidents {
            let name = incident.service ?? "(no service)"
            services[name.lowercased(), default: (name, 0)].count += 1
        }
        byService = services.values.map { ($0.name, $0.count) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var months: [String: Int] = [:]
        for incident in incidents { months[String(incident.declaredAt.dateOnly.prefix(7)), default: 0] += 1 }
        byMonth = months.sorted { $0.key < $1.key }
        metrics = Self.metrics(incidents)
        let end = min(filter.until ?? now, now)
        let slos = definitions.map { list in
            list.flatMap { definition in definition.objectives.map { SLOStatus(definition, $0, incidents: all, at: end) } }
        }
        self.slos = slos
        repeats = Repeats.all(incidents, among: all)
        scorecard = Self.scorecard(incidents, previous: previous, now: now, slos: slos)
            + [Self.repeatScore(incidents, repeats: repeats)]
        alerts = inbox.map { AlertAudit(incidents: incidents, inbox: $0, filter: filter) }
    }

    static func metrics(_ incidents: [IncidentSummary]) -> [Metric] {
        let all = incidents.map(\.metrics)
        return [
            Metric(name: "time to detect", clocks: "impact started → detected",
                   distribution: Distribution(all.compactMap(\.timeToDetect))),
            Metric(name: "time to acknowledge", clocks: "declared → an IC assigned",
                   distribution: Distribution(all.compactMap(\.timeToAcknowledge))),
            Metric(name: "time to mitigate", clocks: "detected → mitigated",
                   distribution: Distribution(all.compactMap(\.timeToMitigate))),
            Metric(name: "time to resolve", clocks: "detected → resolved",
                   distribution: Distribution(all.compactMap(\.timeToResolve))),
        ]
    }

    /// The median and count only: the scorecard shows no interval, and a bootstrap over
    /// thousands of incidents is the dearest part of a report.
    static func median(_ incidents: [IncidentSummary], _ time: (IncidentMetrics) -> TimeSpan?) -> Distribution {
        Distribution(incidents.compactMap { time($0.metrics) }, interval: false)
    }

    static func scorecard(_ incidents: [IncidentSummary], previous: [IncidentSummary]?, now: Timestamp, slos: [SLOStatus]? = nil) -> [Score] {
        var scores: [Score] = []
        let major = incidents.filter { $0.severity <= .sev2 }

        let detect = median(major, \.timeToDetect)
        scores.append(timed("MTTD, SEV1 and SEV2", target: "median under 5m", detect, limit: .minutes(5),
                            none: "no SEV1/SEV2 incident with a known impact start"))
        let resolve = median(incidents.filter { $0.severity == .sev1 }, \.timeToResolve)
        scores.append(timed("MTTR, SEV1", target: "median under 30m", resolve, limit: .minutes(30), none: "no resolved SEV1"))

        if let previous {
            let now = median(incidents, \.timeToResolve), before = median(previous, \.timeToResolve)
            if let a = now.p50, let b = before.p50 {
                scores.append(Score(name: "MTTR trend, quarter over quarter", target: "falling",
                                    value: "median \(a.compact) (n=\(now.count)) against \(b.compact) (n=\(before.count)) the quarter before",
                                    verdict: a < b ? .met : .missed))
            } else {
                scores.append(Score(name: "MTTR trend, quarter over quarter", target: "falling",
                                    value: "no resolved incident in \(now.p50 == nil ? "this" : "the previous") quarter", verdict: .noData))
            }
        } else {
            scores.append(Score(name: "MTTR trend, quarter over quarter", target: "falling",
                                value: "give --quarter to compare with the quarter before", verdict: .noData))
        }

        let owed = major.filter { $0.resolvedAt.map { $0 + postmortemDeadline <= now } ?? false }
        let onTime = owed.filter { incident in
            guard let resolved = incident.resolvedAt, let final = incident.postmortemFinalAt else { return false }
            return final <= resolved + postmortemDeadline
        }
        scores.append(ratio("SEV1/SEV2 post-mortems final within 48h", target: "100%", onTime.count, of: owed.count, needed: 1.0,
                            none: "no SEV1/SEV2 resolved more than 48h ago"))

        let items = incidents.flatMap(\.actionItems).filter { $0.due <= now || $0.doneAt != nil }
        let doneInTime = items.filter { item in item.doneAt.map { $0 <= item.due } ?? false }
        scores.append(ratio("Action items done by their due date", target: "90% or more", doneInTime.count, of: items.count,
                            needed: 0.9, none: "no action item due yet"))

        scores.append(Score(name: "Pages per engineer per week", target: "under 5", value: "on-call is not recorded yet",
                            verdict: .noData))
        scores.append(Score(name: "On-call satisfaction", target: "above 4/5", value: "on-call is not recorded yet",
                            verdict: .noData))
        scores.append(budgetScore(slos))
        return scores
    }

    /// Zero repeats: met when none of the incidents repeats an earlier one; no data while none
    /// carries a cause tag or an alert, the only things a repeat is known by.
    static func repeatScore(_ incidents: [IncidentSummary], repeats: [(IncidentID, [RepeatMatch])]) -> Score {
        let name = "Repeat incidents", target = "zero"
        let known = incidents.filter { !$0.causes.isEmpty || !$0.fingerprints.isEmpty }
        guard !known.isEmpty else {
            return Score(name: name, target: target, value: "no incident has a cause tag or an alert (`warroom postmortem cause TAG`)",
                         verdict: .noData)
        }
        let tagged = incidents.filter { !$0.causes.isEmpty }.count
        let coverage = "\(tagged) of \(incidents.count) tagged with a cause"
        guard !repeats.isEmpty else { return Score(name: name, target: target, value: "none (\(coverage))", verdict: .met) }
        let listed = repeats.prefix(5).map { id, matches in "\(id) of \(matches.map(\.earlier).joined(separator: ", "))" }
        return Score(name: name, target: target,
                     value: "\(repeats.count): " + listed.joined(separator: "; ") + (repeats.count > 5 ? " …" : "") + " (\(coverage))",
                     verdict: .missed)
    }

    /// Within policy: no SLO's budget exhausted. The value counts the SLOs per tier.
    static func budgetScore(_ slos: [SLOStatus]?) -> Score {
        let name = "Error budgets within policy", target = "no budget exhausted"
        guard let slos, !slos.isEmpty else {
            return Score(name: name, target: target, value: slos == nil ? "no SLO file (see `warroom slo`)" : "the SLO file defines no SLO",
                         verdict: .noData)
        }
        let tiers = BudgetTier.allCases.compactMap { tier -> String? in
            let count = slos.filter { $0.tier == tier }.count
            return count == 0 ? nil : "\(count) \(tier.label)"
        }
        let exhausted = slos.filter { $0.tier == .freezeDeploys }
        var value = "\(slos.count) SLO\(slos.count == 1 ? "" : "s"): " + tiers.joined(separator: ", ")
        if !exhausted.isEmpty { value += " (exhausted: " + exhausted.map { "\($0.service) \($0.sli)" }.joined(separator: ", ") + ")" }
        return Score(name: name, target: target, value: value, verdict: exhausted.isEmpty ? .met : .missed)
    }

    static func timed(_ name: String, target: String, _ distribution: Distribution, limit: TimeSpan, none: String) -> Score {
        guard let median = distribution.p50 else { return Score(name: name, target: target, value: none, verdict: .noData) }
        return Score(name: name, target: target, value: "median \(median.compact) over \(distribution.count) incident\(distribution.count == 1 ? "" : "s")",
                     verdict: median < limit ? .met : .missed)
    }

    static func ratio(_ name: String, target: String, _ part: Int, of whole: Int, needed: Double, none: String) -> Score {
        guard whole > 0 else { return Score(name: name, target: target, value: none, verdict: .noData) }
        let share = Double(part) / Double(whole)
        let percent = Int((share * 100).rounded(.down))
        return Score(name: name, target: target, value: "\(percent)% (\(part) of \(whole))", verdict: share >= needed ? .met : .missed)
    }
}
