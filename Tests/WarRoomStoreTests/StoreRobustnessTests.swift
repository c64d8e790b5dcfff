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

    // MARK: Import

    /// An export of one incident: declaration, two notes, an amendment of the first.
    static func export(_ incident: IncidentID, title: String) -> [Event] {
        let first = note(incident, "first", offset: 1)
        let amend = Event(id: UUID(), incident: incident, at: Timestamp(millis: baseTime.millis + 3),
                          recordedAt: Timestamp(millis: baseTime.millis + 3), author: "alice",
                          payload: .entryAmended(EntryAmendment(entry: first.id, text: "first, amended")))
        return [declaration(incident, title: title), first, note(incident, "second", offset: 2), amend]
    }

    @Test("An export of another store's INC-1 is not merged into this store's INC-1: refused naming both titles")
    func clashIsRefused() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteEventStore(path: directory + "/w.db")
            _ = try declareIncident(store, title: "payments slow")
            let events = Self.export("INC-1", title: "db down")
            do {
                _ = try store.importEvents(events, lines: [1, 2, 3, 4], asNew: false)
                Issue.record("the import merged two incidents")
            } catch let refusal as ImportRefusal {
                #expect(refusal.line == 1 && refusal.suggestedID == "INC-2")
                #expect(refusal.reason.contains("'db down'") && refusal.reason.contains("'payments slow'"))
                #expect(refusal.description.hasSuffix("nothing was imported"))
            }
            #expect(try store.events(of: "INC-1", after: 0).count == 1)
            #expect(try store.incidents().count == 1)
        }
    }

    @Test("--as-new imports the clashing incident under the next free id, every event rewritten; again adds nothing")
    func asNew() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteEventStore(path: directory + "/w.db")
            _ = try declareIncident(store, title: "payments slow")
            let events = Self.export("INC-1", title: "db down")
            let result = try store.importEvents(events, lines: [1, 2, 3, 4], asNew: true)
            #expect(result == ImportResult(added: 4, renamed: ["INC-1": "INC-2"]))
            let stored = try store.events(of: "INC-2", after: 0)
            #expect(stored.map(\.event.id) == events.map(\.id))
            #expect(stored.allSatisfy { $0.event.incident == "INC-2" })
            #expect(IncidentState.fold(stored.map(\.event))?.title == "db down")
            #expect(try store.events(of: "INC-1", after: 0).count == 1, "this store's INC-1 is untouched")
            // Re-importing, with or without --as-new, finds the incident it was imported as.
            #expect(try store.importEvents(events, lines: [1, 2, 3, 4], asNew: true) == ImportResult(added: 0, renamed: ["INC-1": "INC-2"]))
            #expect(try store.importEvents(events, lines: [1, 2, 3, 4], asNew: false).added == 0)
            #expect(try store.incidents().count == 2)
            #expect(try declareIncident(store) == "INC-3")
        }
    }

    @Test("Refused with the line: no declaration, an event before it, a second one, out of order, a dangling reference")
    func invisibleEventsAreRefused() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteEventStore(path: directory + "/w.db")
            let good = Self.export("INC-5", title: "db down")
            var late = note("INC-5", "late", offset: 0)
            late.recordedAt = Timestamp(millis: baseTime.millis - 3_600_000)
            let cases: [(events: [Event], line: Int, says: String)] = [
                (Array(good.dropFirst()), 1, "no declaration"),
                ([good[1], good[0], good[2]], 1, "before its declaration"),
                (good + [declaration("INC-5", title: "again")], 5, "second declaration"),
                (good + [late], 5, "out of order"),
                ([good[0], good[3], good[1]], 2, "amends no entry"),
                ([good[0], note("..", "x")], 2, "is not an incident id"),
            ]
            for (events, line, says) in cases {
                do {
                    let result = try store.importEvents(events, lines: Array(1...events.count), asNew: false)
                    Issue.record("imported \(result.added) of \(events.count), expected a refusal saying \(says)")
                } catch let refusal as ImportRefusal {
                    #expect(refusal.line == line, "\(says): \(refusal)")
                    #expect(refusal.reason.contains(says), "\(refusal)")
                }
                #expect(try store.incidents().isEmpty, "nothing was written for: \(says)")
            }
            // The same events in order import, and once only.
            #expect(try store.importEvents(good, lines: [1, 2, 3, 4], asNew: false).added == 4)
            #expect(try store.importEvents(good, lines: [1, 2, 3, 4], asNew: false).added == 0)
            // A later export of the same incident may leave out nothing but add events: it continues it.
            let more = note("INC-5", "third", offset: 10)
            #expect(try store.importEvents([more], lines: [9], asNew: false).added == 1)
        }
    }
}
