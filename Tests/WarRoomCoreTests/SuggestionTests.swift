import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("lgo", ["log", "list", "show"], "log"),
        ("sett", ["set", "impact", "factor"], "set"),
        ("execs", ["engineering", "executives", "customers"], "executives"),
        ("exec", ["engineering", "executives", "customers"], "executives"),
        ("customer", ["engineering", "executives", "customers"], "customers"),
        ("Incident Commander", ["incident-commander", "comms"], "incident-commander"),
        ("TIMELINE", ["timeline", "list"], "timeline"),
    ])
    func suggests(_ typed: String, _ choices: [String], _ expected: String) {
        #expect(Suggestion.closest(to: typed, among: choices) == expected)
    }

    @Test(arguments: [
        ("x", ["log", "list"]),            // too short to guess from
        ("zzzzzz", ["log", "list"]),       // nothing near
        ("e", ["engineering", "executives"]),
        ("ex", ["executives", "exports"]), // a prefix of two, and two edits from both: no guess
    ])
    func declines(_ typed: String, _ choices: [String]) {
        #expect(Suggestion.closest(to: typed, among: choices) == nil)
    }

    @Test func extendingListsEveryChoiceWithThePrefix() {
        #expect(Suggestion.extending("e", among: ["engineering", "executives", "customers"]) == ["engineering", "executives"])
        #expect(Suggestion.extending("", among: ["a"]).isEmpty)
    }

    @Test func editDistance() {
        #expect(Suggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
        #expect(Suggestion.editDistance([], Array("abc".unicodeScalars)) == 3)
        #expect(Suggestion.editDistance(Array("abc".unicodeScalars), Array("abc".unicodeScalars)) == 0)
    }

    @Test func entryNumbersAreRecordOrderFromOne() throws {
        var state = try #require(IncidentState.fold([
            Event(id: UUID(), incident: "INC-1", at: Timestamp(millis: 1_000_000), recordedAt: Timestamp(millis: 1_000_000),
                  author: "a", payload: .declared(Declaration(title: "t", severity: .sev2))),
        ]))
        let entry = Event(id: UUID(), incident: "INC-1", at: Timestamp(millis: 900_000), recordedAt: Timestamp(millis: 1_100_000),
                          author: "a", payload: .entry(Entry(kind: .note, text: "seen before declaring")))
        state.apply(entry)
        #expect(state.timeline.first?.id == entry.id) // sorted by time: the backdated entry comes first
        #expect(state.timelineItem(number: 2)?.id == entry.id)
        #expect(state.timelineItem(number: 2)?.number == 2)
        #expect(state.timelineItem(number: 1)?.kind == .declared)
        #expect(state.timelineItem(number: 3) == nil)
        #expect(state.timelineItem(number: 0) == nil)
    }
}

@Suite("Golden file diffs")
struct GoldenDiffTests {
    @Test("Every differing line is shown, numbered, and lines only one side has")
    func diff() {
        let text = GoldenFile.diff("a\nb\nc\nd", "a\nB\nc\nD\ne")
        #expect(text == "2: - b\n2: + B\n4: - d\n4: + D\n5: - <none>\n5: + e")
        #expect(GoldenFile.diff("same", "same").isEmpty)
    }
}
