import Foundation
import Testing
import WarRoomCore
import WarRoomStore

// Inputs the libFuzzer target `jsonl` (Fuzz/run) traps on, each kept as a test; the raw inputs are
// also in Fuzz/corpus/jsonl/.

@Suite("Fuzz regressions: JSONL import")
struct JSONLFuzzRegressionTests {
    static let declared = #"{"at":"2026-11-28T14:00:00Z","author":"alice","data":{"severity":"SEV2","title":"Checkout API returning 500s"},"id":"00000000-0000-4000-8000-000000000001","incident":"INC-7","recordedAt":"2026-11-28T14:00:00Z","type":"declared"}"#
    /// A timebox that puts the deadline (opened at + timebox, wrapping) 192 ms after Int64.min.
    static let wrappingTimebox = #"{"at":"2026-11-28T14:04:00Z","author":"carol","data":{"text":"x","timebox":9223370240980136},"id":"00000000-0000-4000-8000-000000000009","incident":"INC-7","recordedAt":"2026-11-28T14:04:00Z","type":"hypothesisOpened"}"#

    /// An imported hypothesis whose timebox wraps its deadline into the last day before Int64.min:
    /// formatting that deadline (`warroom status --json`, the alert's clock time) overflowed in
    /// `Timestamp.civil` (`millis - days * millisPerDay`). Crash file:
    /// Fuzz/corpus/jsonl/crash-timebox-wrap-civil.
    @Test("A deadline wrapped near Int64.min by an imported timebox formats without trapping")
    func wrappedDeadlineFormats() throws {
        var decoder = EventJSONDecoder()
        var events: [Event] = []
        for line in [Self.declared, Self.wrappingTimebox] {
            let body = Data(line.utf8)
            let event = try decoder.decode(body)
            #expect(event == (try JSONDecoder().decode(Event.self, from: body)))
            events.append(event)
        }
        let state = try #require(IncidentState.fold(events))
        let now = Timestamp(iso8601: "2026-11-28T14:05:00Z")!
        let deadline = try #require(state.hypotheses.first?.deadline)
        #expect(deadline.millis == Int64.min + 192)
        #expect(deadline.clockTime == "16:47:04")
        #expect(deadline.iso8601.hasSuffix("T16:47:04.384Z"))
        for alert in state.alerts(policy: .standard, now: now) { _ = alert.deadline?.iso8601 }
        for clock in state.hypothesisClocks(at: now) { _ = clock.hypothesis.deadline.iso8601 }
    }

    @Test("Calendar fields of the extreme instants", arguments: [Int64.min, Int64.min + 86_399_999, Int64.min + 86_400_000, -1, 0, Int64.max])
    func extremeInstants(_ millis: Int64) {
        let civil = Timestamp(millis: millis).civil
        let remainder = ((millis % 86_400_000) + 86_400_000) % 86_400_000
        #expect(civil.hour * 3_600_000 + civil.minute * 60_000 + civil.second * 1000 + civil.millisecond == Int(remainder))
        #expect((1...12).contains(civil.month) && (1...31).contains(civil.day))
    }
}
