import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

/// Random commands (valid or not) and random raw events that bypass `decide`, as an importer or a
/// racing writer could produce them.
struct RandomIncident {
    var rng: SeededGenerator
    var scenario = Scenario()
    let people = ["alice", "bob", "carol", "dan"]

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func command() -> Command {
        let severity = Severity.allCases.randomElement(using: &rng) ?? .sev2
        let person = people.randomElement(using: &rng) ?? "alice"
        let text = ["rollback", "", "  ", "cache", "日本語 ok", "\u{1B}[2J"].randomElement(using: &rng) ?? "x"
        switch Int.random(in: 0..<18, using: &rng) {
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
        default: return .log(Entry(kind: .note, text: "tick"))
        }
    }

    /// A raw event nobody checked: forbidden moves, dangling references, out-of-range numbers.
    mutating func rawEvent(number: Int) -> Event {
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
        return Event(id: testID(10_000 + number), incident: Int.random(in: 0..<20, using: &rng) == 0 ? "INC-9" : "INC-1",
                     at: at, recordedAt: at, author: "raw", payload: payload)
    }

    /// Mixed history: mostly checked commands, some raw events, the clock moving on.
    mutating func history(length: Int) -> [Event] {
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

@Suite("Replay and properties")
struct ReplayTests {
    static let seeds: [UInt64] = Array(1...60)

    @Test("Folding the same events twice gives the same state, and one event less a different one")
    func deterministic() {
        var random = RandomIncident(seed: 42)
        let events = random.history(length: 300)
        let again = events.map { $0 }
        #expect(IncidentState.fold(events) == IncidentState.fold(again))
        // The comparison is not vacuous: it sees a difference of one event.
        #expect(IncidentState.fold(events) != IncidentState.fold(events.dropLast()))
        #expect(IncidentState.fold(events) == random.scenario.state, "incremental folding equals a full replay")
    }

    @Test("Folding in two halves equals folding at once, at every split point")
    func halves() throws {
        var random = RandomIncident(seed: 7)
        let events = random.history(length: 120)
        let whole = IncidentState.fold(events)
        for split in 0...events.count {
            let first = IncidentState.fold(events[..<split])
            #expect(IncidentState.fold(events[split...], onto: first) == whole, "split at \(split)")
        }
    }

    @Test("Random histories: no trap, timeline order, one holder per role, allowed status edges", arguments: seeds)
    func properties(seed: UInt64) throws {
        var random = RandomIncident(seed: seed)
        let events = random.history(length: 200)
        var state: IncidentState?
        for event in events {
            let before = state
            state = IncidentState.fold([event], onto: state)
            guard let now = state else { continue }
            #expect(now.detectedAt <= now.declaredAt && (now.impactStartedAt.map { $0 <= now.detectedAt } ?? true),
                    "seed \(seed): impact started ≤ detected ≤ declared")
            if let before, before.status != now.status {
                #expect(before.status.canMove(to: now.status), "seed \(seed): \(before.status) → \(now.status)")
            }
        }
        let final = try #require(state)
        for (a, b) in zip(final.timeline, final.timeline.dropFirst()) {
            #expect(a.at < b.at || (a.at == b.at && a.sequence < b.sequence), "seed \(seed): timeline out of order")
        }
        for role in Role.allCases {
            let last = final.roleHistory.last { $0.role == role }
            #expect(final.roles[role]?.person == last?.person, "seed \(seed): \(role) holder disagrees with history")
        }
        #expect(final.eventCount == events.count)
    }

    @Test("Events survive JSON exactly", arguments: [UInt64(3), 11, 29])
    func codableRoundTrip(seed: UInt64) throws {
        var random = RandomIncident(seed: seed)
        let events = random.history(length: 150).filter { event in
            // NaN is not JSON; the importer rejects it rather than inventing a number.
            if case .impactRecorded(let report) = event.payload, let percent = report.usersAffectedPercent {
                return !percent.isNaN
            }
            return true
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let decoder = JSONDecoder()
        for event in events {
            let data = try encoder.encode(event)
            let back = try decoder.decode(Event.self, from: data)
            #expect(back == event)
            #expect(try encoder.encode(back) == data, "encoding is canonical")
        }
    }

    @Test("A stored event reads as a flat, named JSON object")
    func jsonShape() throws {
        let event = Event(id: testID(1), incident: "INC-1", at: t0, recordedAt: t0 + .seconds(1), author: "alice",
                          payload: .entry(Entry(kind: .action, text: "rolled back", tags: [.repair])))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(event), as: UTF8.self)
        #expect(text == #"{"at":"2026-11-28T14:00:00Z","author":"alice","data":{"kind":"action","tags":["repair"],"text":"rolled back"},"id":"00000000-0000-4000-8000-000000000001","incident":"INC-1","recordedAt":"2026-11-28T14:00:01Z","type":"entry"}"#)
    }

    @Test("An unknown event type is a decoding error, not a trap")
    func unknownType() {
        let json = #"{"at":"2026-11-28T14:00:00Z","author":"a","data":{},"id":"00000000-0000-4000-8000-000000000001","incident":"INC-1","recordedAt":"2026-11-28T14:00:00Z","type":"teleported"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Event.self, from: Data(json.utf8)) }
    }
}
