import Foundation
import WarRoomCore

/// Random commands (valid or not) and random raw events that bypass `decide`, as an importer or a
/// racing writer could produce them.
public struct RandomIncident {
    public var rng: SeededGenerator
    public var scenario: Scenario
    public let people = ["alice", "bob", "carol", "dan"]

    public init(seed: UInt64, incident: IncidentID = "INC-1") {
        rng = SeededGenerator(seed: seed)
        scenario = Scenario(incident: incident)
    }

    public mutating func command() -> Command {
        let severity = Severity.allCases.randomElement(using: &rng) ?? .sev2
        let person = people.randomElement(using: &rng) ?? "alice"
        let text = ["rollback", "", "  ", "cache", "日本語 ok", "\u{1B}[2J"].randomElement(using: &rng) ?? "x"
        switch Int.random(in: 0..<24, using: &rng) {
        case 0: return .declare(Declaration(title: text, severity: severity))
        case 1: return .setSeverity(severity, reason: Bool.random(using: &rng) ? "because" : nil)
        case 2: return .recordImpact(ImpactReport(
            usersAffectedPercent: Bool.random(using: &rng) ? Double.random(in: -10...120, using: &rng) : nil,
            usersAffectedCount: Bool.random(using: &rng) ? Int.random(in: -5...5000, using: &rng) : nil,
            customerReported: Bool.random(using: &rng), payingAccounts: Bool.random(using: &rng),
            dataIntegrity: Int.random(in: 0..<8, using: &rng) == 0, securityBreach: Int.random(in: 0..<8, using: &rng) == 0))
        case 3: return .assignRole(Role.allCases.randomElement(using: &rng) ?? .scribe, person: person)
        case 4: return .log(Entry(kind: EntryKind.allCases.randomElement(using: &rng) ?? .note, text: text))
        case 5:
            let target = scenario.events.randomElement(using: &rng)?.id ?? testID(0)
            return Bool.random(using: &rng) ? .amend(entry: target, text: text) : .retract(entry: target, reason: nil)
        case 6: return .openHypothesis(text: text, owner: person, timebox: .minutes(Int64.random(in: -1...30, using: &rng)))
        case 7: return .decideHypothesis(number: Int.random(in: 0...4, using: &rng),
                                         verdict: HypothesisVerdict.allCases.randomElement(using: &rng) ?? .confirmed,
                                         extendedBy: nil, note: nil, markIdentified: Bool.random(using: &rng))
        case 8: return .notify(target: ["VP Eng + CTO", "Eng Manager", "tier 2", ""].randomElement(using: &rng) ?? "",
                               kind: [nil, .notification, .escalation].randomElement(using: &rng) ?? nil, tier: nil)
        case 9, 10:
            let target: StatusTarget = Int.random(in: 0..<7, using: &rng) == 0 ? .reopen
                : .status(IncidentStatus.allCases.randomElement(using: &rng) ?? .resolved)
            return .setStatus(target, reason: Bool.random(using: &rng) ? "reason" : nil, force: Bool.random(using: &rng))
        case 11: return .postUpdate(audience: Audience.allCases.randomElement(using: &rng) ?? .engineering, text: text)
        case 12: return .setPostmortemStatus(PostmortemStatus.allCases.randomElement(using: &rng) ?? .final)
        case 13: return .addActionItem(text: text, owner: person, priority: .p2, due: scenario.now, fromEntry: nil)
        case 14: return .completeActionItem(number: Int.random(in: 0...3, using: &rng))
        case 15: return .addWhy(text)
        case 16: return .setPostmortemText(PostmortemSection.allCases.randomElement(using: &rng) ?? .summary, text: text)
        case 18: return .tagCause(["config-push", "dns", "Disk Full", ""].randomElement(using: &rng) ?? "dns", remove: Int.random(in: 0..<4, using: &rng) == 0)
        case 19: return .setFactor(FactorLevel.allCases.randomElement(using: &rng) ?? .immediate, text: text)
        case 20:
            // An alert entry, sometimes the detection, from one of a few rules (fingerprints repeat).
            let rule = Int.random(in: 0..<3, using: &rng)
            let key = "alertmanager|{}:{alertname=\"Rule\(rule)\"}|fp\(rule)|\(scenario.now.iso8601)|firing"
            return .log(Entry(kind: .finding, text: "Alert firing: Rule\(rule)", tags: Bool.random(using: &rng) ? [.detection] : [],
                              alert: AlertSource(key: key, format: "alertmanager", startsAt: scenario.now)))
        case 21: return .setFacts(IncidentFacts(service: ["checkout-api", "search", nil].randomElement(using: &rng) ?? nil,
                                                impactStartedAt: Bool.random(using: &rng) ? scenario.now - .minutes(30) : nil))
        case 22: return .setActionItemStatus(number: Int.random(in: 0...3, using: &rng),
                                             status: ActionItemStatus.allCases.randomElement(using: &rng) ?? .inProgress,
                                             reason: Bool.random(using: &rng) ? "reason" : nil)
        case 23: return .addActionItem(text: text, owner: person, priority: ActionPriority.allCases.randomElement(using: &rng) ?? .p1,
                                       due: scenario.now + .hours(Int64.random(in: -48...240, using: &rng)), fromEntry: nil)
        default: return .log(Entry(kind: .note, text: "tick"))
        }
    }

    /// A raw event nobody checked: forbidden moves, dangling references, out-of-range numbers.
    public mutating func rawEvent(number: Int) -> Event {
        let at = t0 + .seconds(Int64.random(in: -3600...7200, using: &rng))
        let payload: EventPayload
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: payload = .statusChanged(StatusChange(to: IncidentStatus.allCases.randomElement(using: &rng) ?? .closed,
                                                      reopen: Bool.random(using: &rng)))
        case 1: payload = .hypothesisDecided(HypothesisDecision(hypothesis: testID(Int.random(in: 0...400, using: &rng)),
                                                                verdict: HypothesisVerdict.allCases.randomElement(using: &rng) ?? .extended,
                                                                extendedBy: .seconds(Int64.random(in: -100...100, using: &rng))))
        case 2: payload = .entryAmended(EntryAmendment(entry: testID(Int.random(in: 0...400, using: &rng)), text: "x"))
        case 3: payload = .impactRecorded(ImpactReport(usersAffectedPercent: [1e308, -1e308, .nan, 50].randomElement(using: &rng),
                                                       usersAffectedCount: Int.random(in: Int.min...Int.max, using: &rng)))
        case 4: payload = .declared(Declaration(title: "again", severity: .sev1))
        case 7: payload = .actionItemDone(ActionItemDone(item: testID(Int.random(in: 0...400, using: &rng))))
        case 6: payload = .factsRecorded(IncidentFacts(
            service: Bool.random(using: &rng) ? "svc" : nil,
            impactStartedAt: Bool.random(using: &rng) ? at - .seconds(Int64.random(in: -7200...7200, using: &rng)) : nil,
            detectedAt: Bool.random(using: &rng) ? at - .seconds(Int64.random(in: -7200...7200, using: &rng)) : nil))
        case 5: payload = .hypothesisOpened(HypothesisOpening(text: "raw", owner: nil,
                                                              timebox: .seconds(Int64.random(in: -1000...1000, using: &rng))))
        default: payload = .roleAssigned(RoleAssignment(role: Role.allCases.randomElement(using: &rng) ?? .tech,
                                                        person: people.randomElement(using: &rng) ?? ""))
        }
        return Event(id: testID(10_000 + number), incident: Int.random(in: 0..<20, using: &rng) == 0 ? "INC-9" : scenario.incident,
                     at: at, recordedAt: at, author: "raw", payload: payload)
    }

    /// Mixed history: mostly checked commands, some raw events, the clock moving on.
    public mutating func history(length: Int) -> [Event] {
        for step in 0..<length {
            scenario.advance(.seconds(Int64.random(in: 0...400, using: &rng)))
            if scenario.state != nil, Int.random(in: 0..<6, using: &rng) == 0 {
                let event = rawEvent(number: step)
                scenario.events.append(event)
                scenario.state = IncidentState.fold([event], onto: scenario.state)
            } else {
                let backdate = Int.random(in: 0..<4, using: &rng) == 0 ? TimeSpan.minutes(Int64.random(in: 1...90, using: &rng)) : .zero
                _ = try? scenario.run(command(), by: people.randomElement(using: &rng) ?? "alice", at: scenario.now - backdate)
            }
        }
        return scenario.events
    }
}
