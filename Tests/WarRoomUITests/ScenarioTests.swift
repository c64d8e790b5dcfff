import Testing
import WarRoomCore
import WarRoomTestSupport
import WarRoomUI

/// Keys and clock advances in, state and screen out: no terminal, no sleeps.
@Suite("Scenarios")
struct ScenarioTests {
    func model(width: Int = 120, height: Int = 40) -> WarRoomModel {
        let script = Script.checkoutOutage()
        return WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: width, height: height)
    }

    func type(_ text: String, into model: inout WarRoomModel) -> [Effect] {
        var effects: [Effect] = []
        for character in text { effects += model.update(.input(.key(.character(character)))) }
        return effects
    }

    func screen(_ model: WarRoomModel) -> String { WarRoomView.render(model).grid.lines.joined(separator: "\n") }

    @Test("Typing and Enter records a note; the line empties; the text goes to history")
    func typeAndEnter() {
        var m = model()
        #expect(type("error rate back to 0.1%", into: &m).isEmpty)
        #expect(screen(m).contains("› error rate back to 0.1%"))
        let effects = m.send(.input(.key(.enter)))
        #expect(effects == [.record(.log(Entry(kind: .note, text: "error rate back to 0.1%")), at: nil, source: .line("error rate back to 0.1%"))])
        #expect(m.input.isEmpty)
        _ = m.update(.input(.key(.up)))
        #expect(m.input.text == "error rate back to 0.1%")
    }

    @Test("A malformed command shows an inline error and keeps the typed text")
    func malformedKeepsText() {
        var m = model()
        _ = type("/sev 9 oops", into: &m)
        #expect(m.send(.input(.key(.enter))).isEmpty)
        #expect(m.input.text == "/sev 9 oops")
        #expect(m.notice?.kind == .error)
        #expect(screen(m).contains("unknown severity '9'"))
    }

    @Test("A refused record puts the text back with the reason")
    func refusedRecord() {
        var m = model()
        _ = type("/confirm 9", into: &m)
        _ = m.send(.input(.key(.enter)))
        _ = m.update(.recordFailed("no hypothesis #9: use one of #1, #2", source: .line("/confirm 9")))
        #expect(m.input.text == "/confirm 9")
        #expect(screen(m).contains("no hypothesis #9"))
    }

    @Test("Events from the store appear; the countdown ticks with the clock")
    func liveEventsAndTicks() throws {
        var m = model()
        let event = Event(id: testID(900), incident: "INC-7", at: m.now, recordedAt: m.now, author: "dan",
                          payload: .entry(Entry(kind: .finding, text: "provider latency normal")))
        _ = m.update(.events([event]))
        #expect(screen(m).contains("provider latency normal"))
        let before = screen(m)
        _ = m.update(.tick(m.now + .seconds(1)))
        #expect(screen(m) != before, "the header clock and countdowns move every second")
        _ = m.update(.tick(m.now + .minutes(20)))
        #expect(screen(m).contains("OVERDUE"), "the update countdown goes overdue")
        #expect(screen(m).contains("EXPIRED"), "hypothesis timeboxes expire")
    }

    @Test("Tab completes command names, roles, people and hypothesis numbers")
    func completion() {
        var m = model()
        _ = type("/ro", into: &m)
        _ = m.send(.input(.key(.tab)))
        #expect(m.input.text == "/role ")
        _ = type("s", into: &m)
        _ = m.send(.input(.key(.tab)))
        #expect(m.input.text == "/role scribe ")
        _ = type("b", into: &m)
        _ = m.send(.input(.key(.tab)))
        #expect(m.input.text == "/role scribe bob ")
        var h = model()
        _ = type("/confirm ", into: &h)
        _ = h.update(.input(.key(.tab)))
        #expect(h.input.text == "/confirm 1")
        _ = h.update(.input(.key(.tab)))
        #expect(h.input.text == "/confirm 2", "repeated Tab cycles")
    }

    @Test("A bracketed paste is inserted as text, newlines kept, and recorded as one entry")
    func paste() {
        var m = model()
        _ = m.update(.input(.paste("first line\n/resolve! oops")))
        let effects = m.send(.input(.key(.enter)))
        #expect(effects == [.record(.log(Entry(kind: .note, text: "first line\n/resolve! oops")), at: nil,
                                    source: .line("first line\n/resolve! oops"))])
    }

    @Test("Scrolling back stops following; new entries keep the view; Ctrl-E follows again")
    func scrolling() {
        var m = model(width: 80, height: 24)
        for n in 0..<40 {
            let event = Event(id: testID(1000 + n), incident: "INC-7", at: m.now, recordedAt: m.now, author: "bob",
                              payload: .entry(Entry(kind: .note, text: "row \(n)")))
            _ = m.update(.events([event]))
        }
        #expect(screen(m).contains("row 39"))
        _ = m.update(.input(.key(.pageUp)))
        #expect(!screen(m).contains("row 39"))
        #expect(screen(m).contains("scrolled back"))
        let shown = screen(m)
        let late = Event(id: testID(2000), incident: "INC-7", at: m.now, recordedAt: m.now, author: "bob",
                         payload: .entry(Entry(kind: .note, text: "row late")))
        _ = m.update(.events([late]))
        #expect(screen(m).split(separator: "\n").dropFirst(5).first == shown.split(separator: "\n").dropFirst(5).first,
                "rows in view stay put while scrolled back")
        _ = m.update(.input(.key(.ctrl("e"))))
        #expect(screen(m).contains("row late"))
    }

    @Test("Filter by text or kind, and clear it")
    func filter() {
        var m = model()
        _ = type("/filter kind:decision", into: &m)
        _ = m.send(.input(.key(.enter)))
        let filtered = screen(m)
        #expect(filtered.contains("Freeze all deploys"))
        #expect(!filtered.contains("Rolling back config"))
        #expect(filtered.contains("filter: kind:decision"))
        _ = type("/filter", into: &m)
        _ = m.send(.input(.key(.enter)))
        #expect(screen(m).contains("Rolling back config"))
    }

    @Test("Quit asks first when text is unsent; n stays, y quits keeping a draft")
    func quit() {
        var m = model()
        #expect(m.update(.input(.key(.ctrl("q")))) == [.quit(draft: "")])
        _ = type("half a thought", into: &m)
        #expect(m.update(.input(.key(.ctrl("q")))).isEmpty)
        #expect(screen(m).contains("Quit anyway?"))
        #expect(m.update(.input(.key(.character("n")))).isEmpty)
        #expect(m.input.text == "half a thought")
        _ = m.update(.input(.key(.ctrl("q"))))
        #expect(m.send(.input(.key(.character("y")))) == [.quit(draft: "half a thought")])
    }

    @Test("A signal keeps the unsent text as a draft; the next start offers it back")
    func draftRoundTrip() {
        var m = model()
        _ = type("unsent", into: &m)
        #expect(m.update(.signal(15)) == [.endBySignal(15, draft: "unsent")])
        var next = model()
        _ = next.update(.restoreDraft("unsent"))
        #expect(next.input.text == "unsent")
        #expect(screen(next).contains("Restored the unsent text"))
    }

    @Test("F1 and /help show every key and command; Esc closes")
    func help() {
        var m = model()
        _ = m.update(.input(.key(.function(1))))
        #expect(m.mode == .help)
        #expect(screen(m).contains("KEYS") && screen(m).contains("Help — Esc closes"))
        _ = m.update(.input(.key(.escape)))
        #expect(m.mode == .input)
        _ = type("/help", into: &m)
        _ = m.send(.input(.key(.enter)))
        #expect(m.mode == .help)
    }

    @Test("Navigation mode: arrows scroll, digits pick a pane, i returns to typing")
    func navigation() {
        var m = model(width: 40, height: 12)
        _ = m.update(.input(.key(.escape)))
        #expect(m.mode == .navigate)
        _ = m.update(.input(.key(.character("3"))))
        #expect(m.focusedPane == .roles)
        #expect(screen(m).contains("— vacant —"))
        _ = m.send(.input(.key(.tab)))
        #expect(m.focusedPane == .hypotheses)
        _ = m.update(.input(.key(.character("i"))))
        #expect(m.mode == .input)
    }

    @Test("A read-only wall display records nothing and says why")
    func readOnly() {
        var m = model()
        m.readOnly = true
        _ = type("hello", into: &m)
        #expect(m.send(.input(.key(.enter))).isEmpty)
        #expect(screen(m).contains("read-only wall display"))
        #expect(screen(m).contains("READ-ONLY"))
    }

    @Test("A drill says DRILL in the header at every width, before the title; a real incident never does", arguments: [40, 80, 120])
    func drillBadge(width: Int) throws {
        let script = Script.checkoutOutage()
        var state = try #require(script.state)
        let real = WarRoomModel(incident: state, policy: .standard, now: script.now, author: "carol", width: width, height: 24)
        #expect(!screen(real).contains("DRILL"))
        state.isDrill = true
        let drill = WarRoomModel(incident: state, policy: .standard, now: script.now, author: "carol", width: width, height: 24)
        let header = try #require(WarRoomView.render(drill).grid.lines.first)
        #expect(header.contains(" DRILL "), "\(header)")
        if let title = header.range(of: "Checkout"), let badge = header.range(of: "DRILL") {
            #expect(badge.lowerBound < title.lowerBound, "\(header)")
        }
    }

    @Test("Resize re-lays the screen")
    func resize() {
        var m = model()
        _ = m.update(.input(.resize(width: 40, height: 12)))
        #expect(screen(m).contains("1 Timeline"))
        _ = m.update(.input(.resize(width: 120, height: 40)))
        #expect(screen(m).contains("Hypotheses"))
        #expect(!screen(m).contains("1 Timeline"))
    }

    @Test("/update opens the draft in an editor; Tab switches audience; Ctrl-S posts and keeps a copy")
    func composeUpdate() {
        var m = model()
        _ = type("/update", into: &m)
        _ = m.send(.input(.key(.enter)))
        #expect(m.mode == .compose)
        #expect(screen(m).contains("Status update — engineering (draft)"))
        // No update has gone to engineering in the scripted incident: this is the initial notification.
        #expect(screen(m).contains("[SEV1] ") && !screen(m).contains("[SEV1 UPDATE]"), "\(screen(m))")
        _ = m.send(.input(.key(.tab)))
        #expect(m.composer?.audience == .executives)
        _ = m.send(.input(.key(.tab)))
        #expect(m.composer?.audience == .customers)
        #expect(!screen(m).contains("Bad config deploy"), "the customer draft carries no hypothesis text")
        _ = m.send(.input(.key(.enter)))
        _ = type("Thanks for your patience.", into: &m)
        #expect(m.composer?.isEdited == true)
        let edited = m.composer?.editor.text ?? ""
        _ = m.send(.input(.key(.tab)))
        #expect(m.composer?.audience == .engineering, "Tab moves on from an edited draft")
        _ = m.send(.input(.key(.tab)))
        _ = m.send(.input(.key(.tab)))
        #expect(m.composer?.audience == .customers)
        #expect(m.composer?.editor.text == edited, "and keeps the edit for when it comes back")
        let text = m.composer?.editor.text ?? ""
        let effects = m.update(.input(.key(.ctrl("s"))))
        #expect(effects.count == 1)
        guard case .record(.postUpdate(.customers, let posted), _, let source) = effects.first else {
            Issue.record("no post effect: \(effects)")
            return
        }
        #expect(posted == text && posted.hasSuffix("Thanks for your patience."))
        #expect(m.mode == .input && m.composer == nil)
        // A copy is kept only once the store has it, and the copy's path is said.
        var acknowledged = m
        #expect(acknowledged.update(.recorded([], source: source)) == [.saveUpdate(audience: .customers, text: text)])
        _ = acknowledged.update(.updateSaved(.customers, path: "/tmp/u/INC-7-customers.txt"))
        #expect(acknowledged.notice == WarRoomModel.Notice(.info, "Posted to customers; a copy to send: /tmp/u/INC-7-customers.txt"))
        _ = m.update(.recordFailed("the store is locked", source: source))
        #expect(m.mode == .compose, "a failed post comes back to the editor")
        #expect(m.composer?.editor.text == text)
        #expect(m.composer?.audience == .customers)
    }

    @Test("Esc closes the editor and keeps the draft for the next /update")
    func composeKeepsDraft() {
        var m = model()
        _ = type("/update executives:", into: &m)
        _ = m.send(.input(.key(.enter)))
        #expect(m.composer?.audience == .executives)
        _ = type("ETA 20 minutes. ", into: &m)
        _ = m.update(.input(.key(.escape)))
        #expect(m.mode == .input)
        _ = type("/update executives:", into: &m)
        _ = m.send(.input(.key(.enter)))
        #expect(m.composer?.editor.text.hasSuffix("ETA 20 minutes. ") == true)
    }

    @Test("Keys that join the grapheme before them (accents, skin tones, flag halves) keep the cursor inside the text")
    func joiningKeys() {
        var m = model()
        for character in ["e", "\u{301}", "👍", "\u{1F3FD}", "\u{1F1FA}", "\u{1F1F8}", "x"] {
            _ = m.update(.input(.key(.character(Character(character)))))
        }
        #expect(m.input.text == "e\u{301}👍\u{1F3FD}🇺🇸x")
        #expect(m.input.cursor == m.input.text.count)
        _ = m.update(.input(.key(.backspace)))
        _ = m.update(.input(.key(.left)))
        _ = m.update(.input(.key(.character("!"))))
        #expect(m.input.text == "e\u{301}👍\u{1F3FD}!🇺🇸")
    }

    @Test("Hypothesis and action numbers at the edge of Int are refused, not trapped on")
    func hugeNumbers() {
        var m = model()
        _ = type("/confirm -9223372036854775808", into: &m)
        #expect(m.send(.input(.key(.enter))).isEmpty)
        #expect(m.notice?.kind == .error)
        let state = m.incident
        #expect(state.hypothesis(number: Int.min) == nil && state.hypothesis(number: 0) == nil)
        #expect(throws: CommandError.self) {
            try Incident.decide(.completeActionItem(number: Int.min), state: state, at: m.now, now: m.now, policy: .standard)
        }
        #expect(throws: CommandError.self) {
            try Incident.decide(.decideHypothesis(number: Int.min, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: true),
                                state: state, at: m.now, now: m.now, policy: .standard)
        }
    }

    @Test("Scrolling is clamped: after Home, Down moves at once")
    func scrollClamp() {
        var m = model(width: 80, height: 24)
        for n in 0..<60 {
            _ = m.update(.events([Event(id: testID(3000 + n), incident: "INC-7", at: m.now, recordedAt: m.now, author: "bob",
                                        payload: .entry(Entry(kind: .note, text: "row \(n)")))]))
        }
        _ = m.update(.input(.key(.escape)))
        _ = m.update(.input(.key(.home)))
        let top = m.scrollBack
        #expect(top > 0 && top < 200)
        #expect(screen(m).contains("Alert fired"), "Home shows the oldest row")
        _ = m.update(.input(.key(.down)))
        #expect(m.scrollBack == top - 1)
        for _ in 0..<10 { _ = m.update(.input(.key(.up))) }
        #expect(m.scrollBack == top, "Up past the top does not pile up")
    }

    @Test("Quitting with an edited, unposted status update asks first")
    func quitWithEditedUpdate() {
        var m = model()
        _ = type("/update", into: &m)
        _ = m.send(.input(.key(.enter)))
        _ = type("edited", into: &m)
        #expect(m.update(.input(.key(.ctrl("q")))).isEmpty)
        #expect(m.mode == .confirmQuit)
        #expect(screen(m).contains("edited status update for engineering is not posted"))
        #expect(m.send(.input(.key(.character("y")))) == [.quit(draft: "")])
    }
}
