import Foundation
import Testing
import WarRoomCore
import WarRoomUI

/// `/amend N` and `/retract N` in the war room: N as the timeline and `warroom log` number it.
@Suite("Input: amend and retract")
struct InputEntryTests {
    static func script() -> Script {
        var script = Script.checkoutOutage()
        let decision = script.state!.timeline.first { $0.text == "Freeze all deploys until resolved" }!
        script.run(.amend(entry: decision.id, text: "Freeze all deploys in EU until resolved"))
        let note = script.state!.timeline.first { $0.kind == .note }!
        script.run(.retract(entry: note.id, reason: "posted in the wrong incident"))
        return script
    }

    var state: IncidentState { Self.script().state! }
    var context: InputContext { InputContext(state: state, now: Self.script().now) }

    func number(_ text: String) -> Int { state.timeline.first { $0.text.hasPrefix(text) }!.number }
    func id(_ text: String) -> UUID { state.timeline.first { $0.text.hasPrefix(text) }!.id }

    @Test("Entry numbers as typed: 7, #7, INC-7 #7, INC-7#7; the text or reason follows")
    func accepted() throws {
        let n = number("Rolling back config")
        let entry = id("Rolling back config")
        for typed in ["\(n)", "#\(n)", "INC-7 #\(n)", "inc-7#\(n)", "INC-7 \(n)"] {
            #expect(try SlashCommands.parse("/amend \(typed) Rolled back to v41", context: context)
                == .record(.amend(entry: entry, text: "Rolled back to v41"), at: nil), "\(typed)")
            #expect(try SlashCommands.parse("/retract \(typed) wrong region", context: context)
                == .record(.retract(entry: entry, reason: "wrong region"), at: nil), "\(typed)")
        }
        #expect(try SlashCommands.parse("14:03 /amend \(n) Rolled back", context: context)
            == .record(.amend(entry: entry, text: "Rolled back"), at: Timestamp(iso8601: "2026-11-28T14:03:00Z")))
        // An amended entry can be amended again; its text is multi-line when the entry's was.
        let decision = number("Freeze all deploys")
        #expect(try SlashCommands.parse("/amend \(decision) Freeze\nall deploys", context: context)
            == .record(.amend(entry: id("Freeze all deploys"), text: "Freeze\nall deploys"), at: nil))
    }

    @Test("What is not an entry, or not there, is refused with the entries near it")
    func refused() {
        let severity = state.timeline.first { $0.kind == .severity }!.number
        let retracted = state.timeline.first { $0.isRetracted }!.number
        let amendment = state.eventCount - 1 // the amendment event: a number without a row
        let decision = number("Freeze all deploys")
        let cases: [(String, [String])] = [
            ("/amend", ["needs an entry number", "Latest entries: #"]),
            ("/retract", ["needs an entry number"]),
            ("/amend INC-3 #2 text", ["Not amended: INC-3 is another incident; this war room is INC-7"]),
            ("/retract inc-12#4 why", ["Not retracted: INC-12 is another incident"]),
            ("/amend x new text", ["'x' is not one"]),
            ("/amend 0 new text", ["needs an entry number"]),
            ("/amend -3 new text", ["needs an entry number"]),
            ("/amend 99999999999999999999999 text", ["needs an entry number"]),
            ("/amend #999 text", ["Not amended: there is no #999 in INC-7", "Latest entries: #"]),
            ("/amend 1 new title", ["Not amended: #1 is the declaration, not an entry", "Entries near it: #"]),
            ("/retract \(severity) mistake", ["Not retracted: #\(severity) is a severity change, not an entry"]),
            ("/amend \(amendment) text", ["#\(amendment) is an amendment or retraction, not an entry"]),
            ("/amend \(retracted) text", ["#\(retracted) was already retracted (posted in the wrong incident)"]),
            ("/retract \(retracted) again", ["already retracted", "retracted again"]),
            ("/amend \(decision)", ["needs the new text", "Tab after '/amend \(decision) '"]),
            ("/amend \(decision) Freeze all deploys in EU until resolved", ["already says exactly that"]),
            ("/retract \(decision)", ["needs a reason"]),
        ]
        for (line, fragments) in cases {
            do {
                let action = try SlashCommands.parse(line, context: context)
                Issue.record("'\(line)' parsed as \(action)")
            } catch {
                for fragment in fragments { #expect(error.message.contains(fragment), "'\(line)': \(error.message)") }
            }
        }
    }

    @Test("The entries listed are the closest to the number typed, closest first; the latest when past the end")
    func nearbyOrder() throws {
        let decision = number("Freeze all deploys")
        do {
            _ = try SlashCommands.parse("/amend 9999 x", context: context)
            Issue.record("#9999 accepted")
        } catch {
            let newest = state.timeline.filter { $0.kind.isEntry && !$0.isRetracted }.map(\.number).max() ?? 0
            #expect(error.message.contains("Latest entries: #\(newest) "), "\(error.message)")
        }
        do {
            _ = try SlashCommands.parse("/amend \(decision - 1) x", context: context)
            Issue.record("#\(decision - 1) accepted")
        } catch {
            #expect(error.message.contains("Entries near it: #\(decision) 'Freeze all deploys…'"), "\(error.message)")
        }
    }

    @Test("Tab after '/amend N ' puts the entry's current text in the line; Tab after /amend offers entry numbers")
    func tabCompletesText() {
        let script = Self.script()
        var model = WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: 120, height: 40)
        let n = number("Freeze all deploys")
        model.input.replace(with: "/amend \(n) ")
        _ = model.update(.input(.key(.tab)))
        #expect(model.input.text == "/amend \(n) Freeze all deploys in EU until resolved")
        model.input.replace(with: "/amend ")
        let offered = model.completions()
        #expect(offered.contains(String(n)))
        #expect(!offered.contains(String(state.timeline.first { $0.isRetracted }!.number)), "a retracted entry is not offered")
        #expect(!offered.contains("1"), "the declaration is not an entry")
        // The edited line records the amendment.
        model.input.replace(with: "/amend \(n) Freeze all deploys everywhere")
        let effects = model.update(.input(.key(.enter)))
        #expect(effects == [.record(.amend(entry: id("Freeze all deploys"), text: "Freeze all deploys everywhere"), at: nil,
                                    source: .line("/amend \(n) Freeze all deploys everywhere"))])
    }
}
