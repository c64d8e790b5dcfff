import Foundation
import Testing
import WarRoomCore
@testable import WarRoomStore

/// A damaged event stays local; imports never merge nor hide; ids stay safe; reads create nothing.
@Suite struct StoreRobustnessTests {
    /// Writes an event body the way an older warroom did, bypassing the store's round-trip check:
    /// `0000-01-01T00:00:00+01:00` was written as `-0001-12-31T23:00:00Z`, which no reader accepts.
    static func insertRaw(_ store: SQLiteEventStore, _ event: Event, sequence: Int64) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = String(decoding: try encoder.encode(event), as: UTF8.self).replacingOccurrences(of: "'", with: "''")
        try store.executeRawSQL("""
            INSERT INTO events (incident, seq, id, at, recorded_at, author, type, body)
            VALUES ('\(event.incident)', \(sequence), '\(event.id.uuidString)', \(event.at.millis), \(event.recordedAt.millis),
                    '\(event.author)', '\(event.payload.type)', '\(body)')
            """)
    }

    static func ancient(_ incident: IncidentID) -> Event {
        Event(id: UUID(), incident: incident, at: Timestamp(millis: -62_167_222_800_000), recordedAt: baseTime,
              author: "alice", payload: .entry(Entry(kind: .note, text: "ancient")))
    }

    @Test("unreadableEvents names every bad event of an incident, and only that incident")
    func unreadableEventsAreListed() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteEventStore(path: directory + "/w.db")
            let one = try declareIncident(store, title: "one")
            let two = try declareIncident(store, title: "two")
            try Self.insertRaw(store, Self.ancient(two), sequence: 2)
            _ = try store.append(to: two, knownSequence: 2) { _ in [note(two, "fine")] }
            try Self.insertRaw(store, Self.ancient(two), sequence: 4)
            let bad = try store.unreadableEvents(of: two)
            #expect(bad.map(\.sequence) == [2, 4])
            #expect(bad.allSatisfy { $0.reason.contains("-0001-12-31T23:00:00Z") })
            #expect(try store.unreadableEvents(of: one).isEmpty)
            #expect(try store.events(of: one, after: 0).count == 1)
            // A write to the damaged incident is refused, naming the event; nothing is written.
            do {
                _ = try store.append(to: two, knownSequence: 0) { _ in [note(two, "more")] }
                Issue.record("a write to a damaged incident went through")
            } catch let error as StoreError {
                #expect(error == .corruptEvent(path: directory + "/w.db", incident: two, sequence: 2,
                                               reason: bad[0].reason))
                #expect(error.description.contains("#2 of INC-2") && error.description.contains("the store was not changed"))
            }
            #expect(try store.incidents().last?.lastSequence == 4)
        }
    }

    @Test("Opening without create refuses a missing store and creates nothing, not even its directory")
    func readOnlyOpenCreatesNothing() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/typo/w.db"
            #expect(throws: StoreError.noStore(path: path)) { _ = try SQLiteEventStore(path: path, create: false) }
            #expect(!exists(directory + "/typo"))
            _ = try SQLiteEventStore(path: directory + "/w.db")
            _ = try SQLiteEventStore(path: directory + "/w.db", create: false)
        }
    }

    @Test("Incident ids: letters, digits and '-', starting with a letter or digit, at most 32",
          arguments: [("INC-12", true), ("legacy-7", true), ("7", true), ("a", true), (String(repeating: "a", count: 32), true),
                      ("..", false), ("a/b", false), ("-x", false), ("", false), (String(repeating: "a", count: 33), false),
                      ("OPS_2026.3", false), ("INC 1", false), ("INC-\u{1B}[2J", false), ("é", false), ("a.b", false)])
    func idAlphabet(_ id: String, _ valid: Bool) {
        #expect(IncidentIDRule.isValid(id) == valid)
    }

    @Test("Typed ids: a bare number and any case of inc- mean INC-n; others as typed or refused",
          arguments: [("3", "INC-3"), ("inc-3", "INC-3"), ("INC-3", "INC-3"), ("legacy-7", "legacy-7"), (" 12 ", "INC-12"),
                      ("../x", nil), ("inc-../", nil), ("", nil)])
    func typedIDs(_ typed: String, _ expected: String?) throws {
        if let expected {
            #expect(try IncidentIDRule.normalized(typed) == expected)
        } else {
            #expect(throws: IncidentIDError(text: typed)) { try IncidentIDRule.normalized(typed) }
        }
    }
}
