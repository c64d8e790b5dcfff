import Foundation
import Testing
import WarRoomApp
import WarRoomCore
import WarRoomTestSupport
import WarRoomUI
import WarRoomScreen

/// The war room's loop in process: keys and clock steps in, the exact messages and effects and
/// the screens out. Nothing sleeps; the clocks move only when a script waits.
@Suite("Runtime")
struct RuntimeTests {
    typealias S = FakeTerminal.Step

    @Test("Typing records an entry: the draft is saved per key, the entry shown once the store has it")
    func typeAndRecord() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        let outcome = try h.run([S.type("ok"), [S.key(.enter), .snapshot("recorded"), S.key(.ctrl("q"))]])
        #expect(outcome == .quit(.none))
        let entry = try #require(h.storedEvents.last)
        #expect(entry.payload == .entry(Entry(kind: .note, text: "ok")) && entry.author == "carol")
        #expect(h.eventful.steps == [
            Step(.input(.key(.character("o"))), [.saveDraft("o")]),
            Step(.draftSaved("o"), []),
            Step(.input(.key(.character("k"))), [.saveDraft("ok")]),
            Step(.draftSaved("ok"), []),
            // The draft is emptied only after the store has the entry: a crash between loses nothing.
            Step(.input(.key(.enter)), [.record(.log(Entry(kind: .note, text: "ok")), at: nil, source: .line("ok")), .saveDraft("")]),
            Step(.recorded([entry], source: .line("ok")), [.saveDraft("")]),
            Step(.draftSaved(""), []),
            Step(.input(.key(.ctrl("q"))), [.quit(draft: "")]),
        ])
        let screen = try #require(h.terminal?.snapshots["recorded"])
        #expect(screen[8].hasPrefix("│#2   14:10 carol: ok    "), "\(screen.joined(separator: "\n"))")
        #expect(screen[28] == "› type an entry (14:02 backdates it) or /help", "the line emptied")
        #expect(h.terminal?.isShutDown == true)
    }

    @Test("A store read that fails says so and is retried at the next poll, even with no new commit; then the events show")
    func readFailsThenRecovers() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        let other = Event(id: testID(700), incident: "INC-1", at: h.clock.wall, recordedAt: h.clock.wall, author: "dan",
                          payload: .entry(Entry(kind: .finding, text: "replica lag 40s on db-3")))
        let outcome = try h.run([[
            .wait(300),
            .perform {
                h.store.failingReads = ["disk I/O error"]
                h.store.appendAsAnotherProcess([other])
            },
            .wait(250), .snapshot("failed"),
            .wait(250), .snapshot("recovered"),
            .wait(250), S.key(.ctrl("q")),
        ]])
        #expect(outcome == .quit(.none))
        #expect(h.eventful.steps == [
            Step(.storeReadFailed("disk I/O error"), [.log("reading the store failed: disk I/O error")]),
            Step(.pollDue, [.readStore(evenIfUnchanged: true)]),
            Step(.events([other]), []),
            Step(.input(.key(.ctrl("q"))), [.quit(draft: "")]),
        ])
        let failed = try #require(h.terminal?.snapshots["failed"])
        #expect(failed[29] == " Reading the store failed (retrying): disk I/O error", "\(failed.joined(separator: "\n"))")
        #expect(!failed.joined().contains("replica lag"))
        let recovered = try #require(h.terminal?.snapshots["recovered"])
        #expect(recovered[8].hasPrefix("│#2   14:10 dan: replica lag 40s on db-3 "), "\(recovered.joined(separator: "\n"))")
        #expect(recovered[29] == " Reading the store works again", "the failure is not left on screen once reads work")
        // Polls that found nothing before the failure and after the recovery, none read events.
        #expect(h.store.reads == 1 + 2, "the opening read, the failed one, the retry")
    }

    @Test("A record the store cannot write puts the text back in the line with the reason, and keeps it as the draft")
    func recordFails() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        let outcome = try h.run([
            [.perform { h.store.failingAppends = ["database is locked"] }],
            S.type("v41"), [S.key(.enter), .snapshot("failed"), .signal(15)],
        ])
        #expect(outcome == .signal(15, .kept))
        #expect(h.storedEvents.count == 1, "nothing was written")
        let source = RecordSource.line("v41")
        // The draft still holds "v41" while the append is tried; the save of "" decided at Enter is
        // stale once the text is back, so it is not carried out.
        #expect(Array(h.eventful.steps.suffix(3)) == [
            Step(.input(.key(.enter)), [.record(.log(Entry(kind: .note, text: "v41")), at: nil, source: source), .saveDraft("")]),
            Step(.appendFailed("database is locked", source: source), [.log("append failed: database is locked")]),
            Step(.signal(15), [.endBySignal(15, draft: "v41")]),
        ])
        let screen = try #require(h.terminal?.snapshots["failed"])
        #expect(screen[28] == "› v41")
        #expect(screen[29] == " not recorded: database is locked — your text is back in the line")
    }

    @Test("A refused command (the core's reason) puts the text back too; nothing reaches the store")
    func recordRefused() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        _ = try h.run([S.type("/confirm 9"), [S.key(.enter), .snapshot("refused"), S.key(.ctrl("u")), S.key(.ctrl("q"))]])
        #expect(h.storedEvents.count == 1)
        let refusal = h.eventful.first { if case .recordFailed = $0.message { true } else { false } }
        guard case .recordFailed(let reason, .line("/confirm 9"))? = refusal?.message else {
            Issue.record("no refusal in \(h.eventful.steps)")
            return
        }
        let screen = try #require(h.terminal?.snapshots["refused"])
        #expect(reason.hasPrefix("no hypothesis #9"))
        #expect(screen[28] == "› /confirm 9")
        #expect(screen[29] == " " + reason + " — your text is back in the line")
    }

    @Test("A signal with unsent text keeps it as the draft, says so in the outcome, and the next war room offers it back",
          arguments: [Int32(1), 15])
    func signalKeepsDraft(_ signal: Int32) throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        // The paste arrives with the signal: it is in the draft too.
        let outcome = try h.run([S.type("half a thought"), [.input(.paste(", and more")), .signal(signal)]])
        #expect(outcome == .signal(signal, .kept))
        #expect(h.trace.last.map { Step($0.message, $0.effects) }
                == Step(.signal(signal), [.endBySignal(signal, draft: "half a thought, and more")]))
        let next = try h.run([[.snapshot("opened"), S.key(.ctrl("u")), S.key(.ctrl("q"))]])
        #expect(next == .quit(.none))
        let opened = try #require(h.terminal?.snapshots["opened"])
        #expect(opened[28] == "› half a thought, and more")
        #expect(opened[29] == " Restored the unsent text from last time: Enter records it, Ctrl-U clears it")
    }

    @Test("A draft that cannot be saved: warned in the footer, logged once, retried; the outcome carries the text")
    func draftCannotBeSaved() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        // The state directory is a file: no draft can be written under it.
        try FileManager.default.createDirectory(atPath: h.directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: h.directory + "/blocker", contents: Data())
        h.stateDirectory = h.directory + "/blocker/state"
        let outcome = try h.run([S.type("ab"), [.wait(500), .snapshot("warned"), .signal(15)]])
        guard case .signal(15, .lost("ab", let reason)) = outcome else {
            Issue.record("outcome \(outcome)")
            return
        }
        let logs = h.trace.flatMap(\.effects).filter { if case .log = $0 { true } else { false } }
        #expect(logs == [.log("saving the draft failed: \(reason)")], "logged once, not per retry")
        let retries = h.trace.filter { $0.effects.contains(.saveDraft("ab")) }.count
        #expect(retries >= 3, "the key, then the polls while it fails: \(retries)")
        let screen = try #require(h.terminal?.snapshots["warned"])
        #expect(screen[28] == "› ab")
        #expect(screen[26...27].joined(separator: " ").contains(" Your draft is NOT saved (\(reason)): if the war  room ends, the text is printed on exit"),
                "\(screen.joined(separator: "\n"))")
    }

    @Test("A draft save that works again after failing says so once, and the warning goes")
    func draftSavedAgain() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        try FileManager.default.createDirectory(atPath: h.directory, withIntermediateDirectories: true)
        let blocker = h.directory + "/blocker"
        FileManager.default.createFile(atPath: blocker, contents: Data())
        h.stateDirectory = blocker + "/state"
        let outcome = try h.run([S.type("ab"), [
            .wait(300),
            .perform {
                try? FileManager.default.removeItem(atPath: blocker)
                try? FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: true)
            },
            .wait(250), .snapshot("again"), .signal(15),
        ]])
        #expect(outcome == .signal(15, .kept))
        let saves = h.trace.filter { if case .draftSaved = $0.message { true } else { false } }.map { Step($0.message, $0.effects) }
        #expect(saves == [Step(.draftSaved("ab"), [])], "saved once it could be, then nothing more to save")
        let screen = try #require(h.terminal?.snapshots["again"])
        #expect(screen[28] == "› ab")
        #expect(screen[29] == " Your draft is saved again", "\(screen.joined(separator: "\n"))")
    }

    @Test("A read-only wall display keeps no draft: typing is refused and nothing is saved")
    func readOnlyKeepsNothing() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        h.readOnly = true
        let outcome = try h.run([S.type("x"), [.snapshot("refused"), .signal(15)]])
        #expect(outcome == .signal(15, .none))
        #expect(!h.trace.flatMap(\.effects).contains { if case .saveDraft = $0 { true } else { false } })
        let screen = try #require(h.terminal?.snapshots["refused"])
        #expect(screen.joined(separator: " ").contains("This read-only wall display takes no typing"))
        #expect(!FileManager.default.fileExists(atPath: h.stateDirectory))
    }

    @Test("/update drafts as an effect; Ctrl-S posts; the copy is written only after the store has the post")
    func postUpdate() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        _ = try h.run([S.type("/update executives"), [S.key(.enter), .snapshot("editor"), S.key(.ctrl("s")), .snapshot("posted"),
                                                       S.key(.ctrl("q"))]])
        let post = try #require(h.storedEvents.last)
        guard case .updatePosted(let posted) = post.payload else {
            Issue.record("not a post: \(post.payload)")
            return
        }
        let steps = h.eventful.steps
        let enter = try #require(steps.firstIndex { $0.message == .input(.key(.enter)) })
        #expect(steps[enter].effects == [.draftUpdate(.executives), .saveDraft("")])
        #expect(steps[enter + 1] == Step(.updateDrafted(.executives, posted.text), [.saveDraft("")]),
                "the drafter's text, posted as drafted")
        let copies = try FileManager.default.contentsOfDirectory(atPath: h.updatesDirectory)
        #expect(copies.count == 1)
        let path = h.updatesDirectory + "/" + (copies.first ?? "")
        #expect(Array(steps.suffix(4)) == [
            Step(.input(.key(.ctrl("s"))), [.record(.postUpdate(audience: .executives, text: posted.text), at: nil,
                                                    source: .update(.executives, posted.text))]),
            Step(.recorded([post], source: .update(.executives, posted.text)), [.saveUpdate(audience: .executives, text: posted.text)]),
            Step(.updateSaved(.executives, path: path), []),
            Step(.input(.key(.ctrl("q"))), [.quit(draft: "")]),
        ])
        #expect(try #require(h.terminal?.snapshots["editor"]).joined().contains("Status update — executives (draft)"))
        let postedScreen = try #require(h.terminal?.snapshots["posted"])
        #expect(postedScreen[26...27] == [" Posted to executives; a copy to send:", " " + path], "\(postedScreen.joined(separator: "\n"))")
        #expect(postedScreen[8].hasPrefix("│#2   14:10 to executives: [SEV2] checkout-api — Checkout…"))
    }

    @Test("A post the store refuses goes back into the editor and no copy is written")
    func postFails() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        _ = try h.run([S.type("/update customers"), [S.key(.enter), .perform { h.store.failingAppends = ["disk full"] },
                                                      S.key(.ctrl("s")), .snapshot("back"), S.key(.escape), S.key(.ctrl("q")), S.key(.character("y"))]])
        #expect(h.storedEvents.count == 1)
        #expect(!FileManager.default.fileExists(atPath: h.updatesDirectory))
        #expect(!h.trace.flatMap(\.effects).contains { if case .saveUpdate = $0 { true } else { false } })
        let back = try #require(h.terminal?.snapshots["back"])
        #expect(back.joined().contains("Status update — customers"))
        #expect(back.joined().contains("not recorded: disk full — the update was not posted; it is back in the editor"))
    }

    @Test("Idle, the store is polled every 250 ms of the monotonic clock and never more, the clock pinned or not",
          arguments: [false, true])
    func pollPacing(_ pinned: Bool) throws {
        let h = RuntimeHarness(pinnedClock: pinned)
        defer { h.cleanUp() }
        let start = h.clock.monotonic
        _ = try h.run([[.wait(2_000), S.key(.ctrl("q"))]])
        #expect(h.pollTimes.map { $0 - start } == (0...8).map { Int64($0) * 250 })
        #expect(h.store.changeChecks == 1 + 9, "the opening check, then one per poll")
        #expect(h.store.reads == 1, "no commit was signalled: no events were read")
        #expect(h.terminal?.timeouts.allSatisfy { $0 <= 250 } == true)
        // Ticks: once a second of the displayed clock, none while it is pinned.
        let ticks = h.trace.filter { if case .tick = $0.message { true } else { false } }.count
        #expect(ticks == (pinned ? 1 : 3))
    }

    @Test("Typing fast does not poll faster: keys every 30 ms for 1.2 s, still a poll per 250 ms")
    func pollPacingWhileTyping() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        let start = h.clock.monotonic
        let typing = (0..<40).flatMap { n in [S.wait(30), S.key(.character(Character(String(n % 10))))] }
        _ = try h.run([typing, [S.key(.ctrl("u")), S.key(.ctrl("q"))]])
        #expect(h.pollTimes.map { $0 - start } == [0, 250, 500, 750, 1_000])
        #expect(h.store.changeChecks == 1 + 5)
    }

    @Test("Another process's commit shows within one poll; Ctrl-L repaints; a resize redraws at the new size")
    func liveFollowRedrawResize() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        let other = Event(id: testID(701), incident: "INC-1", at: h.clock.wall, recordedAt: h.clock.wall, author: "erin",
                          payload: .entry(Entry(kind: .action, text: "failing over to eu-west-2")))
        _ = try h.run([[.wait(10), .perform { h.store.appendAsAnotherProcess([other]) }, .wait(250), .snapshot("followed"),
                        S.key(.ctrl("l")), .input(.resize(width: 120, height: 40)), .snapshot("resized"), S.key(.ctrl("q"))]])
        #expect(try #require(h.terminal?.snapshots["followed"]).joined().contains("failing over to eu-west-2"))
        #expect(h.terminal?.invalidations == 1)
        let resized = try #require(h.terminal?.snapshots["resized"])
        #expect(resized.count == 40 && h.terminal?.frameSizes.last.map { $0 == (120, 40) } == true)
        #expect(h.eventful.steps.contains(Step(.input(.key(.ctrl("l"))), [.redraw])))
    }
}
