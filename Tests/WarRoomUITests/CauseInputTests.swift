import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// `/cause` in the war room: the tags in use fetched once it is typed, a likely typo refused with
/// the tag meant, `/cause!` to insist, `-TAG` to take one off; a repeat said once and kept in the
/// header.
@Suite("Input line and header: cause tags and repeats")
struct CauseInputTests {
    static func model(width: Int = 80, height: Int = 24) -> WarRoomModel {
        let script = Script.checkoutOutage()
        return WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: width, height: height)
    }

    static func context(known: [String] = ["config-push", "db/replica-lag"], tags: [String] = []) -> InputContext {
        var scenario = Scenario.declared(.sev2)
        for tag in tags { scenario.must(.tagCause(tag, remove: false)) }
        return InputContext(state: scenario.s, now: t0 + .minutes(10), knownCauses: known)
    }

    @Test("/cause records the tag as spelt; -TAG takes it off; /cause! records a tag close to one in use", arguments: [
        ("/cause Config-Push", Command.tagCause("config-push", remove: false)),
        ("/cause cert-expiry", .tagCause("cert-expiry", remove: false)),
        ("/cause -config-push", .tagCause("config-push", remove: true)),
        ("/cause! config-psuh", .tagCause("config-psuh", remove: false)),
        ("/CAUSE  dns ", .tagCause("dns", remove: false)),
    ])
    func recorded(_ line: String, _ command: Command) throws {
        #expect(try SlashCommands.parse(line, context: Self.context()) == .record(command, at: nil))
    }

    @Test("Refused, with what to type: no tag, words, a character, a likely typo of a tag in use", arguments: [
        ("/cause", "/cause needs a tag: /cause config-push"),
        ("/cause config push", "did you mean 'config-push'?"),
        ("/cause db/replica-lga", "did you mean 'db/replica-lag'? Nothing was recorded; to record 'db/replica-lga' as a new tag, type /cause! db/replica-lga"),
        ("/cause confg-push", "did you mean 'config-push'?"),
        ("/cause a;b", "';' is not allowed"),
        ("/cause -", "a cause tag cannot be empty"),
    ])
    func refused(_ line: String, _ fragment: String) {
        do {
            let action = try SlashCommands.parse(line, context: Self.context())
            Issue.record("accepted as \(action)")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("Typing /cause asks for the tags in use once; Tab then offers them, the most used first")
    func fetchedOnce() {
        var model = Self.model()
        var effects: [Effect] = []
        for character in "/cause " { effects += model.update(.input(.key(.character(character)))) }
        #expect(effects.filter { $0 == .lookUpCauses }.count == 1, "\(effects)")
        _ = model.update(.causesLookedUp(CauseFacts(known: ["dns": ["INC-2"], "config-push": ["INC-3", "INC-7"]])))
        #expect(model.completions() == ["config-push", "dns"])
        effects = []
        for character in "x" { effects += model.update(.input(.key(.character(character)))) }
        #expect(!effects.contains(.lookUpCauses), "asked once")
        #expect(!model.looksUpCausesAtStart, "an incident with no tag and no alert does not look before its first frame")
    }

    @Test("A recorded tag or alert asks again; other entries do not")
    func askedAgain() {
        var model = Self.model()
        let tag = Event(id: testID(700), incident: model.incident.id, at: model.now, recordedAt: model.now, author: "carol",
                        payload: .causeTagged(CauseTagChange(tag: "config-push")))
        #expect(model.update(.recorded([tag], source: .line("/cause config-push"))).contains(.lookUpCauses))
        let note = Event(id: testID(701), incident: model.incident.id, at: model.now, recordedAt: model.now, author: "dan",
                         payload: .entry(Entry(kind: .note, text: "still looking")))
        #expect(!model.update(.events([note])).contains(.lookUpCauses))
        #expect(model.looksUpCausesAtStart, "tagged now")
        #expect(model.notice == nil, "the tags in use were never looked up: nothing to say it is new against")
        _ = model.update(.causesLookedUp(CauseFacts(known: ["dns": ["INC-2"]])))
        let fresh = Event(id: testID(702), incident: model.incident.id, at: model.now, recordedAt: model.now, author: "carol",
                          payload: .causeTagged(CauseTagChange(tag: "conifg-psh")))
        _ = model.update(.recorded([fresh], source: .line("/cause conifg-psh")))
        #expect(model.notice?.text == "conifg-psh is a new cause tag: no other incident carries it yet (/cause -conifg-psh takes it off)")
        model.notice = nil
        let used = Event(id: testID(703), incident: model.incident.id, at: model.now, recordedAt: model.now, author: "carol",
                         payload: .causeTagged(CauseTagChange(tag: "dns")))
        _ = model.update(.recorded([used], source: .line("/cause dns")))
        #expect(model.notice == nil, "a tag in use is not new")
    }

    static func repeatMatch() -> RepeatMatch {
        let item = ActionItem(id: testID(800), number: 2, text: "Validate configs before push", owner: "sre", priority: .p1,
                              due: t0 - .hours(24 * 5), addedAt: t0 - .hours(24 * 9), doneAt: nil, fromEntry: nil)
        return RepeatMatch(earlier: "INC-3", title: "Config push broke checkout", declaredAt: t0 - .hours(24 * 10),
                           causes: ["config-push"], fingerprints: [], unfinished: [item])
    }

    @Test("A repeat is said once, as an alarm, and the header keeps REPEAT in view at 80 and 120 columns", arguments: [80, 120])
    func header(width: Int) throws {
        var model = Self.model(width: width)
        _ = model.update(.causesLookedUp(CauseFacts(repeats: [Self.repeatMatch()])))
        let notice = try #require(model.notice)
        #expect(notice.kind == .error)
        #expect(notice.text == "Repeat of INC-3 (cause config-push): its action item INC-3:2 \"Validate configs before push\" (sre, late)"
                                + " was not done when this incident began", "\(notice.text)")
        let top = WarRoomView.render(model).grid.rowText(0)
        #expect(top.contains(" REPEAT of INC-3 "), "\(top)")
        #expect(top.contains(model.incident.id) && top.contains(model.incident.severity.label), "the header's own segments stay")
        model.notice = nil
        _ = model.update(.causesLookedUp(CauseFacts(repeats: [Self.repeatMatch()])))
        #expect(model.notice == nil, "said once")
    }

    @Test("An alert seen before is said once, with what the earlier incident taught; a repeat is said instead when there is one")
    func precedent() throws {
        var scenario = Scenario(now: t0 - .hours(24 * 3), incident: "INC-3")
        scenario.must(.declare(Declaration(title: "Ledger sync stalled", severity: .sev2)))
        scenario.must(.setFactor(.immediate, text: "a stuck consumer"))
        let earlier = AlertPrecedent(scenario.s)
        var model = Self.model()
        _ = model.update(.causesLookedUp(CauseFacts(precedents: [earlier, earlier])))
        let notice = try #require(model.notice)
        #expect(notice.kind == .info)
        #expect(notice.text == "This alert was seen in INC-3 \"Ledger sync stalled\" (2026-11-25) and 1 more: cause a stuck consumer "
                                + "— /search to look further", "\(notice.text)")
        model.notice = nil
        _ = model.update(.causesLookedUp(CauseFacts(precedents: [earlier])))
        #expect(model.notice == nil, "said once")
        var fresh = Self.model()
        _ = fresh.update(.causesLookedUp(CauseFacts(repeats: [Self.repeatMatch()], precedents: [earlier])))
        #expect(fresh.notice?.text.hasPrefix("Repeat of INC-3") == true, "the repeat, the stronger news, is what is said")
    }
}
