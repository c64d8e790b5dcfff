import Testing
import WarRoomTestSupport
import WarRoomCore

@Suite("Entry numbers as people type them")
struct EntryNumberTests {
    @Test("Read: 7, #7, INC-1#7, INC-1 #7, INC-1 7 — with how many words they took",
          arguments: [
            (["7", "text"], nil as String?, 7, 1), (["#7"], nil, 7, 1), (["INC-1#7", "x"], "INC-1", 7, 1),
            (["inc-1 #7"], "inc-1", 7, 1), (["INC-1", "#7", "x"], "INC-1", 7, 2), (["INC-1", "7"], "INC-1", 7, 2),
            ([" 12 "], nil, 12, 1), (["1#3"], "1", 3, 1), (["999999999999999999"], nil, 999_999_999_999_999_999, 1),
          ])
    func reads(_ words: [String], _ incident: String?, _ number: Int, _ used: Int) throws {
        let (read, took) = try #require(EntryNumber.parse(words))
        #expect(read == EntryNumber(incident: incident, number: number))
        #expect(took == used)
    }

    @Test("Not a number: refused, never a trap", arguments: [
        [], [""], ["#"], ["INC-1#"], ["0"], ["#0"], ["-3"], ["two"], ["٣"], ["½"], ["1e3"], ["9999999999999999999"],
        ["99999999999999999999"], ["INC-1", "two"], ["INC-1"], ["#٣"],
    ])
    func refuses(_ words: [String]) {
        #expect(EntryNumber.parse(words) == nil)
    }

    @Test("The incident it names: this one or none")
    func names() {
        #expect(EntryNumber(incident: nil, number: 1).names("INC-4"))
        #expect(EntryNumber(incident: "inc-4", number: 1).names("INC-4"))
        #expect(EntryNumber(incident: "4", number: 1).names("INC-4"))
        #expect(!EntryNumber(incident: "INC-3", number: 1).names("INC-4"))
    }
}

@Suite("Due dates as people type them")
struct DueDateTypingTests {
    @Test("+Nd reaches as far as a date may: ten years (3660 days); beyond, the message names both forms",
          arguments: [("+0d", true), ("+7d", true), ("+3660d", true), ("+3661d", false), ("+99999999999d", false)])
    func relative(_ typed: String, _ accepted: Bool) {
        let now = Timestamp(millis: 1_764_338_400_000) // 2025-11-28T14:00:00Z
        do {
            let due = try TimeExpression.date(typed, now: now)
            #expect(accepted, "\(typed) read as \(due.iso8601)")
            #expect(due <= TimeBounds.latestDue(now: now))
        } catch {
            #expect(!accepted)
            #expect(error.description.contains("YYYY-MM-DD") && error.description.contains("+Nd"))
        }
    }
}

@Suite("Which hypotheses are still undecided")
struct HypothesisUndecidedTests {
    @Test("Open and escalated are undecided; confirmed and ruled out are not",
          arguments: [(Hypothesis.State.open, true), (.escalated, true), (.confirmed, false), (.ruledOut, false)])
    func undecided(_ state: Hypothesis.State, _ expected: Bool) throws {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.openHypothesis(text: "bad deploy", owner: nil, timebox: nil))
        let verdict: HypothesisVerdict? = switch state {
        case .open: nil
        case .escalated: .escalated
        case .confirmed: .confirmed
        case .ruledOut: .ruledOut
        }
        if let verdict {
            scenario.must(.decideHypothesis(number: 1, verdict: verdict, extendedBy: nil, note: nil, markIdentified: false))
        }
        let hypothesis = try #require(scenario.s.hypothesis(number: 1))
        #expect(hypothesis.state == state)
        #expect(hypothesis.isUndecided == expected)
    }
}
