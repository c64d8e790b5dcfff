import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

/// The war room keeps the report's summary level with the log as entries are typed, so a report
/// reads it instead of folding the incident; with another process's events in between, too.
@Suite("Runtime: the report's summary")
struct SummaryRuntimeTests {
    typealias S = FakeTerminal.Step

    @Test("Each entry typed leaves a summary at the incident's last sequence equal to a full fold, another process's events included")
    func keptOnWrite() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        var other = Scenario(now: t0 + .minutes(3))
        other.state = IncidentState.fold(h.storedEvents)
        other.nextID = 500
        let tagged = other.must(.tagCause("config-push", remove: false), by: "dan")
        _ = try h.run([S.type("first"), [S.key(.enter), .perform { h.store.appendAsAnotherProcess(tagged) }],
                       S.type("/sev 1"), [S.key(.enter), .wait(50), S.key(.ctrl("q"))]])
        let events = h.storedEvents
        #expect(events.contains { $0.payload == .entry(Entry(kind: .note, text: "first")) })
        #expect(events.contains { $0.author == "dan" })
        let kept = try #require(h.store.summaries["INC-1"])
        #expect(kept.sequence == Int64(events.count), "level with the log")
        let folded = try #require(IncidentState.fold(events))
        #expect(kept.summary == IncidentSummary(folded))
        #expect(kept.summary.causes == ["config-push"] && kept.summary.severity == .sev1)
    }
}
