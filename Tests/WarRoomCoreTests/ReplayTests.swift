import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

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
