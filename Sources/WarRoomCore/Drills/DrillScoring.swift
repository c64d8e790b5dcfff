#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A drill scored from its record: each of the scenario's expectations met or missed, and each of
/// the method's rules kept or broken, every one with the evidence (the event, its time, who did it).
/// Only what players recorded counts: the runner's own events (author `DrillMark.author`) never
/// meet an expectation.
public struct DrillScore: Hashable, Sendable {
    /// One scored line.
    public struct Item: Hashable, Sendable {
        public enum Source: Hashable, Sendable {
            /// `scenario.injects[inject].expectations[index]`.
            case expectation(inject: Int, index: Int)
            case rule(DrillRule)
        }

        public enum Outcome: String, Hashable, Sendable {
            case met, missed
            /// Nothing to score: the inject was skipped or never played, or the rule did not apply.
            case notScored = "not scored"
        }

        public var source: Source
        /// What was expected, in a line: `comms posts a status update to executives within 5m of +00:15`.
        public var title: String
        public var outcome: Outcome
        /// What the record shows: `update to executives by carol (comms lead) at 14:17:10, 2m10s after the inject`.
        public var evidence: String
        /// When the evidence happened (for met and missed items that have one).
        public var at: Timestamp?
        public var points: Int
        /// What it was worth; 0 when not scored.
        public var possible: Int
    }

    public var items: [Item]
    public var earned: Int { items.reduce(0) { $0 + $1.points } }
    public var possible: Int { items.reduce(0) { $0 + $1.possible } }
    /// The share earned, in whole percent (0 when nothing could be scored).
    public var percent: Int { possible == 0 ? 0 : earned * 100 / possible }
    public var met: [Item] { items.filter { $0.outcome == .met } }
    public var missed: [Item] { items.filter { $0.outcome == .missed } }
    /// The runbooks players opened or linked during the drill, by name, first use first.
    public var runbooksUsed: [String]
    /// Who played, with the roles they held: `alice (commander)`.
    public var players: [String]
}

/// The method's rules a drill is scored against, besides the scenario's own expectations.
public enum DrillRule: String, CaseIterable, Hashable, Sendable {
    case severityBeforeTroubleshooting = "severity-first"
    case rolesBeforeHypothesis = "roles-first"
    case firstUpdateOnTime = "first-update"
    case updatesOnCadence = "update-cadence"
    case hypothesesTimeboxed = "hypotheses-decided"
    case escalationWithoutRootCause = "escalation"
    case rightRunbook = "runbook"
    case mitigationFirst = "mitigation-first"

    /// What the method asks, in a line.
    public var title: String {
        switch self {
        case .severityBeforeTroubleshooting: "Severity classified before troubleshooting"
        case .rolesBeforeHypothesis: "Every role assigned before the first hypothesis"
        case .firstUpdateOnTime: "The first status update within its deadline"
        case .updatesOnCadence: "Every status update on cadence"
        case .hypothesesTimeboxed: "Hypotheses time-boxed and decided when the timebox expires"
        case .escalationWithoutRootCause: "Escalation within the deadline when there is no root cause"
        case .rightRunbook: "The right runbook opened"
        case .mitigationFirst: "Mitigation before root-causing"
        }
    }

    /// What a rule kept is worth.
    public static let points = 10
}

public enum DrillScoring {
    /// Scores `events` (one drill incident's whole log, in record order) against `scenario`.
    /// `now` stands in for the end of a drill that has not ended.
    public static func score(_ scenario: DrillScenario, events: [Event], now: Timestamp, policy: Policy = .standard) -> DrillScore {
        guard let final = IncidentState.fold(events) else { return DrillScore(items: [], runbooksUsed: [], players: []) }
        let record = final.drill ?? DrillRecord()
        let speed = final.drillSpeed ?? .realTime
        let end = record.ended ?? now
        let steps = Steps(events)
        var items: [DrillScore.Item] = []
        for (injectIndex, inject) in scenario.injects.enumerated() {
            for (number, expectation) in inject.expectations.enumerated() {
                items.append(expectationItem(expectation, inject: inject, injectIndex: injectIndex, number: number,
                                             record: record, speed: speed, end: end, steps: steps))
            }
        }
        let paced = policy.paced(for: final)
        let rules = Rules(scenario: scenario, steps: steps, final: final, policy: paced, end: end)
        items += DrillRule.allCases.map(rules.item)
        var runbooks: [String] = []
        for step in steps.players {
            if case .runbookUsed(let use) = step.event.payload, !runbooks.contains(use.runbook) { runbooks.append(use.runbook) }
        }
        var players: [String: [Role]] = [:]
        var order: [String] = []
        for step in steps.all {
            if case .roleAssigned(let assignment) = step.event.payload {
                if players[assignment.person] == nil { order.append(assignment.person) }
                if !(players[assignment.person]?.contains(assignment.role) ?? false) { players[assignment.person, default: []].append(assignment.role) }
            }
        }
        // The declaration is the game master's (`drill run`), not a player's move.
        for step in steps.players where players[step.event.author] == nil && step.event.payload.type != EventType.declared.rawValue {
            order.append(step.event.author)
            players[step.event.author] = []
        }
        let named = order.map { person in
            let roles = players[person] ?? []
            return roles.isEmpty ? person : "\(person) (\(roles.map(\.rawValue).joined(separator: ", ")))"
        }
        return DrillScore(items: items, runbooksUsed: runbooks, players: named)
    }

    /// The first event a player recorded in `from...through` that is `action`: what the drill
    /// runner asks when an expectation's time is up.
    public static func firstMatch(_ action: DrillAction, in events: [Event], from: Timestamp, through: Timestamp) -> Event? {
        Steps(events).first(from: from, through: through) { matches(action, $0) }?.event
    }

    /// Every event with the state just before and after it, for evidence that needs the roles of
    /// the moment.
    struct Step {
        var event: Event
        var before: IncidentState?
        var after: IncidentState
    }

    struct Steps {
        var all: [Step] = []
        /// The steps whose event a player wrote (not the runner).
        var players: [Step] { all.filter { $0.event.author != DrillMark.author } }

        init(_ events: [Event]) {
            var state: IncidentState?
            for event in events {
                guard let after = IncidentState.fold([event], onto: state) else { continue }
                all.append(Step(event: event, before: state, after: after))
                state = after
            }
        }

        /// The first player's step in `from...through` that `matches`.
        func first(from: Timestamp, through: Timestamp, _ matches: (Step) -> Bool) -> Step? {
            players.filter { $0.event.at >= from && $0.event.at <= through }.sorted { $0.event.at < $1.event.at }.first(where: matches)
        }
    }

    // MARK: Expectations

    static func expectationItem(_ expectation: DrillExpectation, inject: DrillInject, injectIndex: Int, number: Int,
                                record: DrillRecord, speed: DrillSpeed, end: Timestamp, steps: Steps) -> DrillScore.Item {
        let title = "\(expectation.role.rawValue) \(expectation.action.wording) within \(expectation.within.compact) of \(DrillOffset.text(inject.offset))"
        let source = DrillScore.Item.Source.expectation(inject: injectIndex, index: number)
        func unscored(_ why: String) -> DrillScore.Item {
            DrillScore.Item(source: source, title: title, outcome: .notScored, evidence: why, at: nil, points: 0, possible: 0)
        }
        if record.skipped(injectIndex) { return unscored("the inject was skipped by the game master") }
        guard let playedAt = record.played(injectIndex) else { return unscored("the drill ended before the inject was played") }
        // The runner's decision time when it made one (pauses move it); else the plan's distance, up to the end.
        let deadline = record.decided(inject: injectIndex, expectation: number)?.at ?? min(end, playedAt + speed.wall(expectation.within))
        let found = steps.first(from: playedAt, through: deadline) { matches(expectation.action, $0) }
        guard let found else {
            let late = steps.first(from: deadline + TimeSpan(millis: 1), through: max(end, deadline)) { matches(expectation.action, $0) }
            let lateText = late.map { "; done later, at \($0.event.at.clockTime) by \($0.event.author)" } ?? ""
            return DrillScore.Item(source: source, title: title, outcome: .missed,
                                   evidence: "not done by \(deadline.clockTime)" + lateText
                                       + (record.contingencyPlayed(inject: injectIndex, expectation: number) != nil ? "; the contingency was played" : ""),
                                   at: deadline, points: 0, possible: expectation.points)
        }
        let who = found.event.author
        let roles = (found.before?.roles ?? [:]).filter { $0.value.person == who }.map(\.key).sorted { $0.rawValue < $1.rawValue }
        let asRole = roles.contains(expectation.role) ? " (\(expectation.role.title))"
            : roles.isEmpty ? " (holding no role)" : " (\(roles.map(\.title).joined(separator: ", ")), not the \(expectation.role.title))"
        return DrillScore.Item(source: source, title: title, outcome: .met,
                               evidence: "\(describe(found.event)) by \(who)\(asRole) at \(found.event.at.clockTime), "
                                   + "\((found.event.at - playedAt).compact) after the inject",
                               at: found.event.at, points: expectation.points, possible: expectation.points)
    }

    /// Whether a player's event is `action`.
    static func matches(_ action: DrillAction, _ step: Step) -> Bool {
        switch (action, step.event.payload) {
        case (.severitySet(let level), .severityChanged(let change)):
            return change.trigger == nil && level.map { change.to == $0 || change.to.isMoreSevere(than: $0) } ?? true
        case (.roleAssigned(let role), .roleAssigned(let assignment)):
            return role.map { $0 == assignment.role } ?? true
        case (.updatePosted(let audience), .updatePosted(let post)):
            return audience.map { $0 == post.audience } ?? true
        case (.hypothesisRecorded, .hypothesisOpened):
            return true
        case (.hypothesisDecided(let verdict), .hypothesisDecided(let decision)):
            return verdict.map { $0 == decision.verdict } ?? true
        case (.escalated(let target), .notified(let record)):
            return (record.kind == .escalation || record.obligation == .rootCauseEscalation) && names(target, in: record.target + " " + (record.tier ?? ""))
        case (.escalated(let target), .hypothesisDecided(let decision)):
            return decision.verdict == .escalated && target == nil
        case (.paged(let target), .notified(let record)):
            return record.person != nil && names(target, in: record.target + " " + (record.person ?? "") + " " + (record.schedule ?? ""))
        case (.runbookOpened(let name), .runbookUsed(let use)):
            return name.map { $0.lowercased() == use.runbook.lowercased() } ?? true
        case (.mitigationRecorded, .statusChanged(let change)):
            return change.to == .mitigating
        case (.statusSet(let status), .statusChanged(let change)):
            return change.to == status
        case (.entryLogged(let kind), .entry(let entry)):
            return entry.alert == nil && kind.map { $0 == entry.kind } ?? true
        case (.impactRecorded, .impactRecorded):
            return true
        default:
            return false
        }
    }

    /// Whether every word of `target` is among the words of `text` (any case); nil names anyone.
    static func names(_ target: String?, in text: String) -> Bool {
        guard let target else { return true }
        let words = Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
        let wanted = target.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return !wanted.isEmpty && wanted.allSatisfy(words.contains)
    }

    /// An event in a few words, for evidence.
    static func describe(_ event: Event) -> String {
        switch event.payload {
        case .severityChanged(let change): "severity set to \(change.to.label)"
        case .roleAssigned(let assignment): "\(assignment.person) assigned \(assignment.role.title)"
        case .updatePosted(let post): "update to \(post.audience.rawValue)"
        case .hypothesisOpened(let opening): "hypothesis '\(clip(opening.text))' (timebox \(opening.timebox.compact))"
        case .hypothesisDecided(let decision): "hypothesis \(decision.verdict.rawValue)"
        case .notified(let record): (record.person != nil ? "page to " : "\(record.kind.rawValue) of ") + clip(record.target)
        case .runbookUsed(let use): "runbook \(use.runbook) \(use.action.rawValue)"
        case .statusChanged(let change): "status \(change.to.rawValue)"
        case .entry(let entry): "\(entry.kind.rawValue) '\(clip(entry.text))'"
        case .impactRecorded: "impact recorded"
        default: event.payload.type
        }
    }

    static func clip(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }

    // MARK: The method's rules

    struct Rules {
        var scenario: DrillScenario
        var steps: Steps
        var final: IncidentState
        var policy: Policy
        var end: Timestamp

        var firstHypothesis: Step? { steps.players.first { if case .hypothesisOpened = $0.event.payload { true } else { false } } }

        func item(_ rule: DrillRule) -> DrillScore.Item {
            let verdict = judge(rule)
            let points = verdict.outcome == .met ? DrillRule.points : 0
            return DrillScore.Item(source: .rule(rule), title: rule.title, outcome: verdict.outcome, evidence: verdict.evidence,
                                   at: verdict.at, points: points, possible: verdict.outcome == .notScored ? 0 : DrillRule.points)
        }

        typealias Verdict = (outcome: DrillScore.Item.Outcome, evidence: String, at: Timestamp?)

        func judge(_ rule: DrillRule) -> Verdict {
            switch rule {
            case .severityBeforeTroubleshooting: severityFirst()
            case .rolesBeforeHypothesis: rolesFirst()
            case .firstUpdateOnTime: firstUpdate()
            case .updatesOnCadence: cadence()
            case .hypothesesTimeboxed: hypotheses()
            case .escalationWithoutRootCause: escalation()
            case .rightRunbook: runbook()
            case .mitigationFirst: mitigation()
            }
        }

        func severityFirst() -> Verdict {
            guard let hypothesis = firstHypothesis else { return (.notScored, "no hypothesis was recorded", nil) }
            let wanted = scenario.expectations.compactMap { item -> Severity? in
                if case .severitySet(let level) = item.expectation.action { return level ?? final.severity }
                return nil
            }.min { $0.isMoreSevere(than: $1) }
            let set = steps.players.first { step in
                if case .severityChanged(let change) = step.event.payload, change.trigger == nil { return step.event.at <= hypothesis.event.at }
                return false
            }
            let atHypothesis = hypothesis.before?.severity ?? final.severity
            if let wanted {
                if let set, atHypothesis == wanted || atHypothesis.isMoreSevere(than: wanted) {
                    return (.met, "\(describe(set.event)) by \(set.event.author) at \(set.event.at.clockTime), "
                            + "before the first hypothesis at \(hypothesis.event.at.clockTime)", set.event.at)
                }
                return (.missed, "the first hypothesis at \(hypothesis.event.at.clockTime) came with the severity at "
                        + "\(atHypothesis.label), where \(wanted.label) was expected", hypothesis.event.at)
            }
            return (.met, "the declared \(atHypothesis.label) stood when the first hypothesis was recorded at \(hypothesis.event.at.clockTime)",
                    hypothesis.event.at)
        }

        func rolesFirst() -> Verdict {
            guard let hypothesis = firstHypothesis else { return (.notScored, "no hypothesis was recorded", nil) }
            let held = hypothesis.before?.roles ?? [:]
            let missing = scenario.roles.filter { held[$0] == nil }
            if missing.isEmpty {
                return (.met, "\(scenario.roles.map { "\($0.rawValue): \(held[$0]?.person ?? "")" }.joined(separator: ", ")) "
                        + "before the first hypothesis at \(hypothesis.event.at.clockTime)", hypothesis.event.at)
            }
            return (.missed, "no \(missing.map(\.title).joined(separator: ", ")) when the first hypothesis was recorded at "
                    + "\(hypothesis.event.at.clockTime)", hypothesis.event.at)
        }

        var updates: [Step] { steps.players.filter { if case .updatePosted = $0.event.payload { true } else { false } } }

        func firstUpdate() -> Verdict {
            let declared = final.declaredAt
            let severity = steps.all.first.map { $0.after.severity } ?? final.severity
            let within = policy.rule(for: severity).firstUpdateAfter
            let due = declared + within
            if let first = updates.first {
                let onTime = first.event.at <= due
                return (onTime ? .met : .missed, "\(describe(first.event)) by \(first.event.author) at \(first.event.at.clockTime), "
                        + "\((first.event.at - declared).compact) after the declaration (due within \(within.compact))", first.event.at)
            }
            guard due <= end else { return (.notScored, "the drill ended before the first update was due", nil) }
            return (.missed, "no status update; the first was due at \(due.clockTime) (\(within.compact) after the declaration)", due)
        }

        func cadence() -> Verdict {
            let posted = updates
            guard let first = posted.first else { return (.notScored, "no status update to keep a cadence from", nil) }
            var last = first
            for next in posted.dropFirst().map(Optional.some) + [nil] {
                let at = next?.event.at ?? min(end, final.resolvedAt ?? end)
                let severity = (next?.before ?? steps.all.last?.after)?.severity ?? final.severity
                let cadence = policy.rule(for: last.after.severity.isMoreSevere(than: severity) ? last.after.severity : severity).updateCadence
                if at - last.event.at > cadence {
                    return (.missed, "\((at - last.event.at).compact) without an update after the one at \(last.event.at.clockTime) "
                            + "(the cadence was \(cadence.compact))", last.event.at + cadence)
                }
                if let next { last = next }
            }
            return (.met, "\(posted.count) update\(posted.count == 1 ? "" : "s"), none more than a cadence apart", nil)
        }

        func hypotheses() -> Verdict {
            var deadlines: [UUID: (Timestamp, String)] = [:]
            var order: [UUID] = []
            var late: [String] = []
            for step in steps.players {
                switch step.event.payload {
                case .hypothesisOpened(let opening):
                    deadlines[step.event.id] = (step.event.at + opening.timebox, clip(opening.text))
                    order.append(step.event.id)
                case .hypothesisDecided(let decision):
                    guard let (deadline, text) = deadlines[decision.hypothesis] else { continue }
                    if step.event.at > deadline {
                        late.append("'\(text)' \(decision.verdict.rawValue) at \(step.event.at.clockTime), \((step.event.at - deadline).compact) after its timebox")
                    }
                    if decision.verdict == .extended, let by = decision.extendedBy {
                        deadlines[decision.hypothesis] = (max(deadline, step.event.at) + by, text)
                    } else {
                        deadlines[decision.hypothesis] = nil
                    }
                default:
                    break
                }
            }
            guard !order.isEmpty else { return (.notScored, "no hypothesis was recorded", nil) }
            for id in order {
                if let (deadline, text) = deadlines[id], deadline < end {
                    late.append("'\(text)' still undecided, its timebox over at \(deadline.clockTime)")
                }
            }
            if late.isEmpty { return (.met, "\(order.count) hypothes\(order.count == 1 ? "is" : "es"), each decided within its timebox", nil) }
            return (.missed, late.joined(separator: "; "), nil)
        }

        func escalation() -> Verdict {
            // The obligation as the war room showed it, event by event: discharged on time, late, or never.
            var owed: Obligation?
            for step in steps.all {
                let before = step.before?.obligations(policy: policy).first { $0.kind == .rootCauseEscalation }
                if let before, step.event.author != DrillMark.author, step.after.isDischarged(.rootCauseEscalation),
                   !(step.before?.isDischarged(.rootCauseEscalation) ?? false) {
                    let onTime = step.event.at <= before.deadline
                    return (onTime ? .met : .missed, "\(describe(step.event)) by \(step.event.author) at \(step.event.at.clockTime) "
                            + (onTime ? "(due by \(before.deadline.clockTime))" : "\((step.event.at - before.deadline).compact) after its deadline"),
                            step.event.at)
                }
                if let rootCause = step.after.rootCauseAt, owed != nil || before != nil {
                    let deadline = (owed ?? before)?.deadline ?? rootCause
                    if rootCause <= deadline {
                        return (.met, "root cause known at \(rootCause.clockTime), before the escalation was due at \(deadline.clockTime)", rootCause)
                    }
                }
                owed = step.after.obligations(policy: policy).first { $0.kind == .rootCauseEscalation } ?? (step.after.rootCauseKnown ? nil : owed)
            }
            guard let owed else { return (.notScored, "no escalation was owed (a root cause in time, or none due at this severity)", nil) }
            guard owed.deadline <= end else { return (.notScored, "the drill ended before the escalation was due at \(owed.deadline.clockTime)", nil) }
            return (.missed, "no escalation, with no root cause by \(owed.deadline.clockTime)", owed.deadline)
        }

        func runbook() -> Verdict {
            let named = scenario.expectations.compactMap { item -> String? in
                if case .runbookOpened(let name) = item.expectation.action { return name }
                return nil
            }
            guard !named.isEmpty else { return (.notScored, "the scenario names no runbook", nil) }
            let opened = steps.players.compactMap { step -> (String, Step)? in
                if case .runbookUsed(let use) = step.event.payload { return (use.runbook.lowercased(), step) }
                return nil
            }
            let missing = named.filter { name in !opened.contains { $0.0 == name.lowercased() } }
            if missing.isEmpty {
                let first = opened.first { $0.0 == named[0].lowercased() }!.1
                return (.met, "\(named.joined(separator: ", ")) opened (first by \(first.event.author) at \(first.event.at.clockTime))", first.event.at)
            }
            let others = Set(opened.map(\.0)).sorted()
            return (.missed, "\(missing.joined(separator: ", ")) never opened" + (others.isEmpty ? "" : "; opened instead: \(others.joined(separator: ", "))"), nil)
        }

        func mitigation() -> Verdict {
            let expects = scenario.expectations.contains { if case .mitigationRecorded = $0.expectation.action { true } else { false } }
            guard expects else { return (.notScored, "the scenario does not ask for mitigation first", nil) }
            let mitigated = steps.players.first { step in
                if case .statusChanged(let change) = step.event.payload { return change.to == .mitigating }
                return false
            }
            let rootCause = final.rootCauseAt
            guard let mitigated else {
                return (.missed, "mitigation never recorded" + (rootCause.map { "; root cause known at \($0.clockTime)" } ?? ""), rootCause)
            }
            if let before = mitigated.before?.rootCauseAt {
                return (.missed, "root cause known at \(before.clockTime), mitigation only at \(mitigated.event.at.clockTime)", mitigated.event.at)
            }
            return (.met, "status mitigating by \(mitigated.event.author) at \(mitigated.event.at.clockTime)"
                    + (rootCause.map { ", root cause after, at \($0.clockTime)" } ?? ", before any root cause"), mitigated.event.at)
        }
    }
}
