import Testing
import WarRoomCore
import WarRoomUI

/// Edited status-update drafts are kept per audience until posted or discarded.
@Suite("Input: drafts per audience")
struct InputDraftTests {
    func model() -> WarRoomModel {
        let script = Script.checkoutOutage()
        return WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: 120, height: 40)
    }

    func type(_ text: String, into model: inout WarRoomModel) {
        for character in text { _ = model.update(.input(.key(.character(character)))) }
    }

    func open(_ line: String, _ model: inout WarRoomModel) {
        type(line, into: &model)
        _ = model.send(.input(.key(.enter)))
    }

    @Test("Esc and another /update keep each audience's edit")
    func escAndAnotherAudience() {
        var m = model()
        open("/update executives", &m)
        type(" ETA 20 minutes.", into: &m)
        _ = m.update(.input(.key(.escape)))
        #expect(m.notice?.text.contains("executives draft is kept") == true)
        open("/update customers:", &m)
        #expect(m.composer?.audience == .customers)
        #expect(m.composer?.isEdited == false)
        type(" Thanks for your patience.", into: &m)
        _ = m.update(.input(.key(.escape)))
        open("/update exec", &m)
        #expect(m.composer?.editor.text.hasSuffix(" ETA 20 minutes.") == true, "the executives edit survived another /update")
        _ = m.update(.input(.key(.escape)))
        open("/update customers", &m)
        #expect(m.composer?.editor.text.hasSuffix(" Thanks for your patience.") == true)
        #expect(m.editedAudiences == [.executives, .customers])
    }

    @Test("Tab switches audience and keeps each edit; Tab round comes back to it")
    func tabKeepsEdits() {
        var m = model()
        open("/update", &m)
        type(" eng edit", into: &m)
        _ = m.send(.input(.key(.tab)))
        #expect(m.composer?.audience == .executives)
        #expect(m.composer?.isEdited == false)
        #expect(m.notice?.text.contains("Kept your engineering edits") == true)
        type(" exec edit", into: &m)
        _ = m.send(.input(.key(.tab)))
        _ = m.send(.input(.key(.tab)))
        #expect(m.composer?.audience == .engineering)
        #expect(m.composer?.editor.text.hasSuffix(" eng edit") == true)
        _ = m.send(.input(.key(.tab)))
        #expect(m.composer?.editor.text.hasSuffix(" exec edit") == true)
    }

    @Test("Ctrl-X asks; any key but y keeps the edit; y replaces it with a fresh draft")
    func discard() {
        var m = model()
        open("/update executives", &m)
        _ = m.update(.input(.key(.ctrl("x"))))
        #expect(m.notice?.text.contains("Nothing to discard") == true)
        type(" keep me", into: &m)
        _ = m.update(.input(.key(.ctrl("x"))))
        #expect(m.notice?.text.contains("Discard your edits to the executives update?") == true)
        _ = m.update(.input(.key(.character("n"))))
        #expect(m.composer?.editor.text.hasSuffix(" keep me") == true, "n is an answer, not typed into the draft")
        _ = m.update(.input(.key(.ctrl("x"))))
        _ = m.update(.input(.paste(" pasted")))
        #expect(m.composer?.editor.text.hasSuffix(" keep me pasted") == true, "a paste is not an answer")
        _ = m.send(.input(.key(.character("y"))))
        #expect(m.composer?.editor.text.hasSuffix(" keep me pastedy") == true, "after a paste, y is typed again")
        _ = m.update(.input(.key(.ctrl("x"))))
        _ = m.send(.input(.key(.character("y"))))
        #expect(m.composer?.isEdited == false)
        #expect(m.composer?.audience == .executives)
        #expect(m.editedAudiences.isEmpty)
    }

    @Test("Posting forgets that audience's draft only")
    func postForgetsOne() {
        var m = model()
        open("/update executives", &m)
        type(" exec edit", into: &m)
        _ = m.update(.input(.key(.escape)))
        open("/update engineering", &m)
        type(" eng edit", into: &m)
        let effects = m.update(.input(.key(.ctrl("s"))))
        guard case .record(.postUpdate(.engineering, _), _, _)? = effects.first, effects.count == 1 else {
            Issue.record("not one post: \(effects)")
            return
        }
        #expect(m.editedAudiences == [.executives])
        open("/update engineering", &m)
        #expect(m.composer?.isEdited == false)
    }

    @Test("Quitting with edited drafts asks first and names the audiences")
    func quitNamesAudiences() {
        var m = model()
        open("/update executives", &m)
        type(" exec edit", into: &m)
        _ = m.update(.input(.key(.escape)))
        open("/update customers", &m)
        type(" customer edit", into: &m)
        _ = m.update(.input(.key(.escape)))
        #expect(m.update(.input(.key(.ctrl("q")))).isEmpty)
        #expect(m.mode == .confirmQuit)
        #expect(m.notice?.text.contains("edited status updates for executives and customers are not posted") == true)
        _ = m.update(.input(.key(.character("n"))))
        #expect(m.mode == .input)
        #expect(m.editedAudiences == [.executives, .customers])
        _ = m.update(.input(.key(.ctrl("q"))))
        #expect(m.send(.input(.key(.character("y")))) == [.quit(draft: "")])
    }

    @Test("Ctrl-Q from the editor, answered no, returns to the editor")
    func quitFromEditorStays() {
        var m = model()
        open("/update", &m)
        type(" edit", into: &m)
        _ = m.update(.input(.key(.ctrl("q"))))
        #expect(m.mode == .confirmQuit)
        _ = m.update(.input(.key(.character("n"))))
        #expect(m.mode == .compose)
        #expect(m.composer?.editor.text.hasSuffix(" edit") == true)
    }
}

/// The editor's fresh drafts come from the runtime (`.draftUpdate` → `.updateDrafted`): the model
/// drafts nothing itself, and takes only the draft it waits for.
@Suite("Input: drafting as an effect")
struct DraftingEffectTests {
    func model() -> WarRoomModel {
        let script = Script.checkoutOutage()
        return WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: 120, height: 40)
    }

    func enter(_ line: String, _ model: inout WarRoomModel) -> [Effect] {
        for character in line { _ = model.update(.input(.key(.character(character)))) }
        return model.update(.input(.key(.enter)))
    }

    @Test("/update, Tab and Ctrl-X y ask for a fresh draft; a kept edit is opened without one",
          arguments: [(Audience.engineering, "/update"), (.executives, "/update executives"), (.customers, "/update cust")])
    func asksForDrafts(_ audience: Audience, _ line: String) {
        var m = model()
        #expect(enter(line, &m) == [.draftUpdate(audience)])
        #expect(m.mode == .compose && m.composer == nil && m.draftingAudience == audience)
        _ = m.update(.updateDrafted(audience, "drafted text"))
        #expect(m.composer?.audience == audience && m.composer?.editor.text == "drafted text" && m.composer?.isEdited == false)
        #expect(m.draftingAudience == nil)
        _ = m.update(.input(.key(.character("!"))))
        let next = Audience.allCases[((Audience.allCases.firstIndex(of: audience) ?? 0) + 1) % Audience.allCases.count]
        #expect(m.update(.input(.key(.tab))) == [.draftUpdate(next)], "the edit is kept, the next audience drafted")
        _ = m.update(.updateDrafted(next, "next"))
        for _ in 0..<(Audience.allCases.count - 1) {
            let effects = m.update(.input(.key(.tab)))
            if m.composer?.audience == audience { #expect(effects.isEmpty, "the kept edit opens as it was") }
            else if let waited = m.draftingAudience { _ = m.update(.updateDrafted(waited, "other")) }
        }
        #expect(m.composer?.editor.text == "drafted text!")
        _ = m.update(.input(.key(.ctrl("x"))))
        #expect(m.update(.input(.key(.character("y")))) == [.draftUpdate(audience)])
    }

    @Test("A draft that is not waited for (another audience, the editor closed) is dropped")
    func staleDraftDropped() {
        var m = model()
        _ = enter("/update executives", &m)
        _ = m.update(.updateDrafted(.customers, "not asked for"))
        #expect(m.composer == nil)
        _ = m.update(.updateDrafted(.executives, "asked for"))
        #expect(m.composer?.editor.text == "asked for")
        _ = m.update(.updateDrafted(.executives, "again"))
        #expect(m.composer?.editor.text == "asked for", "answered once only")
        _ = m.update(.input(.key(.escape)))
        _ = m.update(.updateDrafted(.executives, "late"))
        #expect(m.mode == .input && m.composer == nil)
    }
}
