import Foundation
import Testing
import WarRoomCore
import WarRoomUI

/// Tab: owed notification targets after /notify, every spelling of a role to its short form.
@Suite("Input: completion")
struct InputCompletionTests {
    func model(_ script: Script = Script.checkoutOutage()) -> WarRoomModel {
        WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: 120, height: 40)
    }

    func tab(_ line: String, _ m: inout WarRoomModel) -> String {
        m.input.replace(with: line)
        _ = m.send(.input(.key(.tab)))
        return m.input.text
    }

    @Test("/notify completes who is owed a notification, the severity's target first, then the next tier")
    func notifyTargets() throws {
        var m = model()
        #expect(m.completions() .isEmpty)
        m.input.replace(with: "/notify ")
        #expect(m.completions() == ["VP Eng + CTO", SlashCommands.nextTier])
        #expect(tab("/notify ", &m) == "/notify VP Eng + CTO")
        _ = m.send(.input(.key(.tab)))
        #expect(m.input.text == "/notify next tier", "repeated Tab cycles through whole targets")
        var n = model()
        #expect(tab("/notify vp e", &n) == "/notify VP Eng + CTO")
        #expect(tab("/notify ne", &n) == "/notify next tier")
        // The next tier, completed, is recorded as the root-cause escalation.
        let context = InputContext(state: n.incident, now: n.now)
        #expect(try SlashCommands.parse("/notify next tier", context: context)
            == .record(.notify(target: "next tier", kind: .escalation, tier: nil), at: nil))
    }

    @Test("Once notified, the target is no longer offered; with nothing owed, Tab says so")
    func notifiedIsNotOffered() {
        var script = Script.checkoutOutage()
        script.run(.notify(target: "VP Eng + CTO", kind: nil, tier: nil))
        var m = model(script)
        m.input.replace(with: "/notify ")
        #expect(m.completions() == [SlashCommands.nextTier])
        script.run(.decideHypothesis(number: 1, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: true), by: "bob")
        var quiet = model(script)
        #expect(tab("/notify ", &quiet) == "/notify ")
        #expect(quiet.notice?.text.contains("No notification is owed now") == true)
    }

    @Test("Roles complete from any accepted spelling to the short form",
          arguments: [("/role incident", "/role ic "), ("/role Incident-Comm", "/role ic "), ("/role commander", "/role ic "),
                      ("/role communi", "/role cl "), ("/role Communications", "/role cl "), ("/role tech", "/role tl "),
                      ("/role Technical", "/role tl "), ("/role s", "/role scribe "), ("/role IC", "/role ic "), ("/role cl", "/role cl ")])
    func roles(_ typed: String, _ completed: String) {
        var m = model()
        #expect(tab(typed, &m) == completed)
    }

    @Test("A role written as two words is that role; the rest is the person",
          arguments: [("/role incident commander alice", Role.commander, "alice"), ("/role Incident Commander @bob", .commander, "bob"),
                      ("/role technical lead bob", .tech, "bob"), ("/role Communications Lead dan", .comms, "dan"),
                      ("/role tech lead erin", .tech, "erin"), ("/role ic bob smith", .commander, "bob smith")])
    func twoWordRoles(_ line: String, _ role: Role, _ person: String) throws {
        let script = Script.checkoutOutage()
        #expect(try SlashCommands.parse(line, context: InputContext(state: script.state!, now: script.now))
            == .record(.assignRole(role, person: person), at: nil))
    }
}

@Suite("Input: what a notification cleared")
struct InputNotifyNoticeTests {
    /// The state after `target` was recorded by `author`, fed to a model as the store would.
    func notified(_ target: String, by author: String) throws -> WarRoomModel {
        let script = Script.checkoutOutage()
        var m = WarRoomModel(incident: try #require(script.state), policy: .standard, now: script.now, author: "carol",
                             width: 120, height: 40)
        let events = try Incident.record(.notify(target: target, kind: nil, tier: nil), incident: m.incident.id,
                                         state: m.incident, author: author, at: m.now, now: m.now, policy: .standard,
                                         makeID: { UUID() })
        _ = m.update(.events(events))
        return m
    }

    @Test("A notification of ours that clears nothing says what is still owed; one that clears says nothing")
    func notice() throws {
        let missed = try notified("erin", by: "carol")
        #expect(missed.notice?.text.contains("'erin' cleared no obligation; still owed: Notify VP Eng + CTO") == true,
                "\(String(describing: missed.notice))")
        #expect(try notified("VP Eng and CTO by phone", by: "carol").notice == nil)
        #expect(try notified("erin", by: "dave").notice == nil, "someone else's record is theirs to read")
    }
}

@Suite("Input: where a backdated entry went")
struct InputBackdatedNoticeTests {
    @Test("Our entry dated another day says so, with its number; one of today, or someone else's, says nothing")
    func notice() throws {
        let script = Script.checkoutOutage()
        func fed(at: Timestamp, by author: String) throws -> WarRoomModel {
            var m = WarRoomModel(incident: try #require(script.state), policy: .standard, now: script.now, author: "carol",
                                 width: 120, height: 40)
            let events = try Incident.record(.log(Entry(kind: .note, text: "restarted the pods")), incident: m.incident.id,
                                             state: m.incident, author: author, at: at, now: m.now, policy: .standard,
                                             makeID: { UUID() })
            _ = m.update(.events(events))
            return m
        }
        let yesterday = try fed(at: script.now - .hours(23), by: "carol")
        let number = try #require(yesterday.incident.timeline.first { $0.text == "restarted the pods" }).number
        let text = yesterday.notice?.text ?? ""
        #expect(text.contains("Recorded #\(number) dated ") && text.contains("not today") && text.contains("/retract \(number)"), "\(text)")
        #expect(try fed(at: script.now - .minutes(5), by: "carol").notice == nil)
        #expect(try fed(at: script.now - .hours(23), by: "dave").notice == nil)
    }
}

@Suite("Input: a lone / and !")
struct InputLoneSlashTests {
    @Test("/ and /! are no command, and no list of every command either", arguments: ["/", "/!", "/ "])
    func lone(_ line: String) {
        let script = Script.checkoutOutage()
        let context = InputContext(state: script.state!, now: script.now)
        do {
            _ = try SlashCommands.parse(line, context: context)
            Issue.record("\(line) was accepted")
        } catch {
            #expect(error.message.contains("a lone / is not a command") || error.message.contains("nothing to record"), "\(error.message)")
            #expect(!error.message.contains("did you mean"))
        }
    }
}

@Suite("Input: a failed record goes back where it was typed")
struct InputRecordSourceTests {
    @Test("A line that looks like the old update marker goes back to the line; a post goes back to the editor")
    func back() throws {
        let script = Script.checkoutOutage()
        var m = WarRoomModel(incident: try #require(script.state), policy: .standard, now: script.now, author: "carol",
                             width: 120, height: 40)
        let typed = "\u{1}update\u{1}executives:all fine"
        _ = m.update(.recordFailed("the store is locked", source: .line(typed)))
        #expect(m.input.text == typed && m.mode == .input && m.composer == nil, "typed text is never taken for a post")
        _ = m.update(.input(.key(.ctrl("u"))))
        _ = m.update(.recordFailed("the store is locked", source: .update(.executives, "Mitigated; monitoring")))
        #expect(m.mode == .compose && m.composer?.audience == .executives && m.composer?.editor.text == "Mitigated; monitoring")
    }
}
