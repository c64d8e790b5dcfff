import Testing
import WarRoomCore
import WarRoomUI

/// The `/` filter line: it says it is a filter, and a command typed into it is never lost as one.
@Suite("Input: the filter line")
struct InputFilterTests {
    func model() -> WarRoomModel {
        let script = Script.checkoutOutage()
        return WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: 120, height: 40)
    }

    func type(_ text: String, into model: inout WarRoomModel) {
        for character in text { _ = model.update(.input(.key(.character(character)))) }
    }

    var context: InputContext {
        let script = Script.checkoutOutage()
        return InputContext(state: script.state!, now: script.now)
    }

    @Test("A /command in a filter runs as that command, or is refused as one",
          arguments: [
              ("/filter /mitigating rollback done", InputAction.record(.setStatus(.status(.mitigating), reason: "rollback done", force: false), at: nil)),
              ("/filter /action scaled to 20 pods", .record(.log(Entry(kind: .action, text: "scaled to 20 pods")), at: nil)),
              ("/filter /resolve! false positive", .record(.setStatus(.status(.resolved), reason: "false positive", force: true), at: nil)),
              ("/filter /filter kind:action", .filter(TimelineFilter(text: nil, kind: .action))),
              ("/filter \"mitigating\"", .filter(TimelineFilter(text: "mitigating", kind: nil))),
              ("/filter kind:action \"note\"", .filter(TimelineFilter(text: "note", kind: .action))),
              ("/filter rollback", .filter(TimelineFilter(text: "rollback", kind: nil))),
          ])
    func commandsInFilters(_ line: String, _ expected: InputAction) throws {
        #expect(try SlashCommands.parse(line, context: context) == expected)
    }

    @Test("A filter whose first word is a command's name is refused, with how to run it or filter for it",
          arguments: [("/filter mitigating now", "/mitigating"), ("/filter action", "kind:action"), ("/filter resolved", "/resolve"),
                      ("/filter sev 1", "/sev"), ("/filter update", "kind:update"), ("/filter /mitigatign x", "unknown command /mitigatign"),
                      ("/filter kind:note amend 3 x", "/amend"), ("/filter Monitoring", "/mitigated")])
    func commandNamesRefused(_ line: String, _ fragment: String) {
        do {
            let action = try SlashCommands.parse(line, context: context)
            Issue.record("'\(line)' parsed as \(action)")
        } catch {
            #expect(error.message.contains(fragment), "'\(line)': \(error.message)")
        }
    }

    @Test("Esc, / and a typed /command: the command is recorded, not made a filter")
    func slashThenCommand() {
        var m = model()
        _ = m.update(.input(.key(.escape)))
        _ = m.update(.input(.key(.character("/"))))
        #expect(m.lineKind == .filter)
        #expect(m.inputPrompt == "Filter: ")
        #expect(m.input.text.isEmpty, "the line holds only what the person types")
        type("/mitigating rollback done", into: &m)
        let effects = m.update(.input(.key(.enter)))
        #expect(effects == [.record(.setStatus(.status(.mitigating), reason: "rollback done", force: false), at: nil,
                                    source: .line("/mitigating rollback done"))])
        #expect(m.filter == nil)
        #expect(m.lineKind == .entry && m.inputPrompt == "› ")
    }

    @Test("The filter line applies a filter, says so, and goes back to entries; an empty one clears")
    func filterLine() {
        var m = model()
        _ = m.update(.input(.key(.escape)))
        _ = m.update(.input(.key(.character("/"))))
        type("kind:decision", into: &m)
        #expect(m.update(.input(.key(.enter))).isEmpty)
        #expect(m.filter == TimelineFilter(text: nil, kind: .decision))
        #expect(m.lineKind == .entry)
        #expect(m.notice?.text.contains("↑ brings it back") == true)
        _ = m.update(.input(.key(.up)))
        #expect(m.input.text == "kind:decision", "history holds what was typed in the filter line")
        _ = m.update(.input(.key(.ctrl("u"))))
        _ = m.update(.input(.key(.escape)))
        _ = m.update(.input(.key(.character("/"))))
        #expect(m.update(.input(.key(.enter))).isEmpty)
        #expect(m.filter == nil, "Enter on an empty filter line shows everything")
        // A command name without its slash is refused and the text stays, still a filter.
        _ = m.update(.input(.key(.escape)))
        _ = m.update(.input(.key(.character("/"))))
        type("mitigating", into: &m)
        #expect(m.update(.input(.key(.enter))).isEmpty)
        #expect(m.notice?.kind == .error && m.input.text == "mitigating" && m.lineKind == .filter)
        // Backspace on an empty filter line leaves it.
        _ = m.update(.input(.key(.ctrl("u"))))
        _ = m.update(.input(.key(.backspace)))
        #expect(m.lineKind == .entry && m.inputPrompt == "› ")
    }

    @Test("/ never replaces unsent text, nor lets what is typed next join it: the text waits aside and comes back")
    func slashKeepsText() {
        var m = model()
        type("rolled back the flag", into: &m)
        _ = m.update(.input(.key(.escape)))
        _ = m.update(.input(.key(.character("/"))))
        #expect(m.lineKind == .filter && m.input.isEmpty)
        #expect(m.unsentText == "rolled back the flag", "the aside text is the draft while the filter line is open")
        #expect(m.notice?.text.contains("put aside") == true)
        // What the walkthrough typed: a command, in the filter line, runs as that command …
        type("/mitigating canary at 0%", into: &m)
        let effects = m.update(.input(.key(.enter)))
        #expect(effects == [.record(.setStatus(.status(.mitigating), reason: "canary at 0%", force: false), at: nil,
                                    source: .line("/mitigating canary at 0%"))])
        // … and the unsent text is back in the entry line, never recorded joined to it.
        #expect(m.lineKind == .entry && m.input.text == "rolled back the flag")
        // Leaving the filter line with Backspace brings it back too.
        _ = m.update(.input(.key(.escape)))
        _ = m.update(.input(.key(.character("/"))))
        _ = m.update(.input(.key(.backspace)))
        #expect(m.lineKind == .entry && m.input.text == "rolled back the flag")
        // A signal while the filter line is open keeps the aside text.
        _ = m.update(.input(.key(.escape)))
        _ = m.update(.input(.key(.character("/"))))
        type("rollback", into: &m)
        #expect(m.update(.signal(1)) == [.endBySignal(1, draft: "rolled back the flag")])
    }
}
