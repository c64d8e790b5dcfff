import Testing
import WarRoomCore
import WarRoomUI
import WarRoomScreen

/// A read-only wall display takes no typing and offers no key that would record.
@Suite("Input: read-only wall display")
struct InputReadOnlyTests {
    func model() -> WarRoomModel {
        let script = Script.checkoutOutage()
        return WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", readOnly: true,
                            width: 120, height: 40)
    }

    @Test("Keys that would edit the line do nothing but say it is a wall display",
          arguments: [Key.character("h"), .character("/"), .character("q"), .enter, .tab, .backspace, .up, .ctrl("u"), .ctrl("w")])
    func noTyping(_ key: Key) {
        var m = model()
        #expect(m.update(.input(.key(key))).isEmpty)
        #expect(m.input.isEmpty)
        #expect(m.mode == .input)
        #expect(m.notice?.text.contains("read-only wall display") == true, "\(key): \(String(describing: m.notice))")
    }

    @Test("A paste, / in navigation mode and a restored line type nothing")
    func noPasteNoFilter() {
        var m = model()
        _ = m.update(.input(.paste("/resolve! pasted")))
        #expect(m.input.isEmpty)
        _ = m.update(.input(.key(.escape)))
        #expect(m.mode == .navigate)
        _ = m.update(.input(.key(.character("/"))))
        #expect(m.input.isEmpty && m.lineKind == .entry)
        #expect(m.notice?.text.contains("record from another terminal") == true)
        // Scrolling and leaving still work.
        _ = m.update(.input(.key(.character("q"))))
        #expect(m.update(.input(.key(.ctrl("q")))) == [.quit(draft: "")])
    }

    @Test("The footer offers no key that types or records, in any mode",
          arguments: [Mode.input, .navigate])
    func footer(_ mode: Mode) {
        var m = model()
        m.mode = mode
        let actions = Set(m.footerHints.map(\.action))
        #expect(actions.isDisjoint(with: [.submit, .complete, .historyBack, .startFilter, .backToInput]))
        #expect(actions.contains(.quit))
        let footer = WarRoomView.render(m).grid.lines.last ?? ""
        #expect(!footer.contains("record"), "footer: \(footer)")
        #expect(!footer.contains("complete") && !footer.contains("history") && !footer.contains("filter"), "footer: \(footer)")
        #expect(footer.contains("quit"), "footer: \(footer)")
    }

    @Test("With no open incident, read-only refuses to declare; the writable war room asks")
    func noOpenIncident() {
        let refusal = DeclarePrompt.refusal(readOnly: true, store: "/tmp/w.db")
        #expect(refusal?.contains("no open incident in /tmp/w.db") == true)
        #expect(refusal?.contains("does not declare") == true)
        #expect(DeclarePrompt.refusal(readOnly: false, store: "/tmp/w.db") == nil)
    }
}
