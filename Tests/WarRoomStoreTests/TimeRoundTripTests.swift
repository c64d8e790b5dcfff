import Foundation
import Testing
import WarRoomCore
@testable import WarRoomStore

/// Every time the program accepts is written in a form both readers read back as the same value.
@Suite struct TimeRoundTripTests {
    static let now = Timestamp(iso8601: "2026-11-28T14:02:00Z")!

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Event times across what `TimeBounds` accepts (1970 … a day after now, to the millisecond),
    /// and due dates across theirs (1970 … 9999-12-31).
    static func samples(from first: Int64, to last: Int64, count: Int) -> [Timestamp] {
        var values: [Int64] = [first, first + 1, first + 999, last, last - 1, last - 999]
        var state: UInt64 = 0xC0FFEE
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(first + Int64(state >> 1) % (last - first + 1))
        }
        return values.map(Timestamp.init(millis:))
    }

    /// `fastKnows`: the fast reader handles this payload itself (it defers the others to JSONDecoder).
    private func roundTrip(_ event: Event, fastKnows: Bool = true) throws {
        let body = try Self.encoder.encode(event)
        var fast = EventJSONDecoder()
        if fastKnows {
            #expect(fast.decodeFast(body) == event, "the fast reader: \(String(decoding: body, as: UTF8.self))")
        }
        #expect(try JSONDecoder().decode(Event.self, from: body) == event, "JSONDecoder")
        #expect(try fast.decode(body) == event)
    }

    @Test("Event times: encode → JSON → the fast reader and JSONDecoder give the same event back")
    func eventTimes() throws {
        let times = Self.samples(from: TimeBounds.earliest.millis, to: (Self.now + TimeBounds.aheadAllowance).millis, count: 3000)
        for at in times {
            let declared = Declaration(title: "t", severity: .sev2, impactStartedAt: at, detectedAt: at)
            try roundTrip(Event(id: UUID(), incident: "INC-1", at: at, recordedAt: at, author: "a", payload: .declared(declared)))
        }
    }

    @Test("Due dates up to 9999-12-31 round-trip through both readers")
    func dueDates() throws {
        for due in Self.samples(from: TimeBounds.earliest.millis, to: TimeBounds.latestDue(now: TimeBounds.latestWritable - TimeBounds.dueAhead).millis, count: 3000) {
            let item = ActionItemAdded(text: "x", owner: "bob", priority: .p2, due: due.startOfDay, fromEntry: nil)
            try roundTrip(Event(id: UUID(), incident: "INC-1", at: Self.now, recordedAt: Self.now, author: "a",
                                payload: .actionItemAdded(item)), fastKnows: false)
        }
    }

    @Test("Every writable instant (year 0000…9999) reads back through both readers")
    func writableRange() throws {
        for at in Self.samples(from: TimeBounds.earliestWritable.millis, to: TimeBounds.latestWritable.millis, count: 3000) {
            try roundTrip(Event(id: UUID(), incident: "INC-1", at: at, recordedAt: at, author: "a",
                                payload: .entry(Entry(kind: .note, text: "x"))))
        }
    }
}
