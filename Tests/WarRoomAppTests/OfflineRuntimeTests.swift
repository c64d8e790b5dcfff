import Foundation
import Testing
import WarRoomApp
import WarRoomCore
@testable import WarRoomStore
import WarRoomTestSupport
import WarRoomUI
import WarRoomScreen

/// The war room while its store's server cannot be reached: typing stays usable, entries are
/// queued and shown, attempts follow the backoff, and when the server is back they are delivered
/// once, in order, as typed.
@Suite("Runtime offline")
struct OfflineRuntimeTests {
    typealias S = FakeTerminal.Step

    /// A runtime harness whose war room has a spool in its state directory.
    final class Offline {
        let h = RuntimeHarness()
        private(set) var trace: [(message: Message, effects: [Effect])] = []
        private(set) var terminal: FakeTerminal?
        lazy var spool: Spool = {
            do { return try Spool(stateDirectory: h.stateDirectory, store: h.store.identity) } catch {
                Issue.record("the spool did not open: \(error)")
                fatalError("no spool")
            }
        }()

        func run(_ script: [[S]], size: (width: Int, height: Int) = (100, 30)) throws -> WarRoomRuntime.Outcome {
            let terminal = FakeTerminal(script.flatMap { $0 }, clock: h.clock, size: size)
            self.terminal = terminal
            let clock = h.clock
            var setup = WarRoomRuntime.Setup(
                store: h.store, incident: "INC-1", author: "carol", policy: .standard, theme: Theme(name: "plain", styles: [:]),
                noColor: false, readOnly: false, drafts: h.drafts, log: nil, startNotice: nil,
                updatesDirectory: h.updatesDirectory, clock: { clock.wall }, monotonicMillis: { clock.monotonic },
                openTerminal: { terminal },
                observe: { [unowned self] message, effects in trace.append((message, effects)) })
            setup.spool = spool
            return try WarRoomRuntime(setup).run()
        }

        /// Every entry the model was told was queued, in order.
        var queued: [QueuedEntry] {
            trace.compactMap { if case .queued(let entry, _) = $0.message { entry } else { nil } }
        }

        /// The clock readings of the ticks that started a delivery attempt.
        var attempts: [Timestamp] {
            trace.compactMap { step in
                guard case .tick(let now) = step.message, step.effects.contains(.deliverQueued) else { return nil }
                return now
            }
        }

        func cleanUp() { h.cleanUp() }
    }

    @Test("Typed while the server is down: queued and shown at once, the status counts them; delivered in order once it is back")
    func typeOfflineThenDeliver() throws {
        let o = Offline()
        defer { o.cleanUp() }
        let outcome = try o.run([
            [.perform { o.h.store.unreachable = true }],
            S.type("v41 rolled back"), [S.key(.enter), .snapshot("first")],
            S.type("/sev 1 checkout down"), [S.key(.enter)],
            S.type("x"), [S.key(.backspace), .snapshot("offline")],
            [.wait(20_000), .perform { o.h.store.unreachable = false }, .wait(16_000), .snapshot("back"), S.key(.ctrl("q"))],
        ])
        #expect(outcome == .quit(.none))
        // Said once (the first failed read), then only the status line: no notice per attempt.
        let said = o.trace.filter { $0.effects.contains { if case .log(let line) = $0 { line.hasPrefix("store unreachable") } else { false } } }
        #expect(said.count == 1)
        let failures = o.trace.filter { if case .deliveryFailed = $0.message { true } else { false } }
        #expect(failures.count == o.attempts.count - 1, "every attempt but the last failed, and was told to the model")
        let first = try #require(o.terminal?.snapshots["first"])
        #expect(first[29] == " offline — 1 entry queued, retrying", "\(first.joined(separator: "\n"))")
        let offline = try #require(o.terminal?.snapshots["offline"])
        #expect(offline[29] == " offline — 2 entries queued, retrying", "\(offline.joined(separator: "\n"))")
        let rows = offline.joined(separator: "\n")
        #expect(rows.contains("14:10 carol: v41 rolled back") && rows.contains("queued"), "\(rows)")
        #expect(rows.contains("carol: /sev 1 checkout down") && rows.contains("unconfirmed"), "\(rows)")
        // Every attempt while offline waited longer than the one before: 1 s, 2 s, 4 s, 8 s …
        let gaps = zip(o.attempts.dropFirst(), o.attempts).map { ($0.millis - $1.millis) / 1000 }
        #expect(gaps.count >= 3 && gaps.count <= 5, "\(gaps)")
        for (gap, wanted) in zip(gaps, [2, 4, 8, 16]) { #expect(gap >= wanted && gap <= wanted + 1, "\(gaps)") }
        // No read of the store while it is down, other than the attempts.
        #expect(!o.trace.contains { if case .pollDue = $0.message { $0.effects.contains(.readStore(evenIfUnchanged: false)) && o.h.store.unreachable } else { false } })
        let stored = o.h.storedEvents.dropFirst()
        #expect(stored.map(\.id) == o.queued.map(\.id), "the ids fixed when queued")
        #expect(stored.map(\.author) == ["carol", "carol"])
        #expect(stored.map(\.at) == o.queued.map(\.at), "their original time")
        #expect(stored.first?.payload == .entry(Entry(kind: .note, text: "v41 rolled back")))
        #expect(try o.spool.count() == 0)
        let back = try #require(o.terminal?.snapshots["back"])
        let screen = back.joined(separator: "\n")
        #expect(!back.contains { $0.contains("carol:") && ($0.contains(" queued") || $0.contains("unconfirmed")) }, "\(screen)")
        #expect(screen.contains("#2   14:10 carol: v41 rolled back"), "\(screen)")
        #expect(back[29].hasPrefix(" Back online: the 2 queued entries are recorded"), "\(screen)")
    }

    @Test("An entry whose answer was lost after COMMIT is queued, and its delivery neither duplicates nor refuses it")
    func lostAnswer() throws {
        let o = Offline()
        defer { o.cleanUp() }
        _ = try o.run([
            [.perform { o.h.store.answersLost = 1 }],
            S.type("/resolve! false positive"), [S.key(.enter), .wait(3_000), S.key(.ctrl("q"))],
        ])
        let statusChanges = o.h.storedEvents.filter { if case .statusChanged = $0.payload { true } else { false } }
        #expect(statusChanges.count == 1 && o.queued.count == 1 && statusChanges.first?.id == o.queued.first?.id)
        #expect(!o.trace.contains { if case .deliveryRefused = $0.message { true } else { false } })
        #expect(try o.spool.count() == 0 && o.spool.refusals().isEmpty)
    }

    @Test("A queued command someone else made moot (they resolved first) is shown to its author with the reason")
    func conflictShown() throws {
        let o = Offline()
        defer { o.cleanUp() }
        let state = try #require(IncidentState.fold(o.h.storedEvents))
        let dans = try Incident.record(.setStatus(.status(.resolved), reason: "fixed", force: true), incident: "INC-1",
                                       state: state, author: "dan", at: o.h.clock.wall, now: o.h.clock.wall,
                                       policy: .standard, makeID: { testID(900) })
        _ = try o.run([
            [.perform { o.h.store.unreachable = true }],
            S.type("/resolve! false positive"), [S.key(.enter)],
            [.wait(1_500), .perform {
                o.h.store.unreachable = false
                o.h.store.appendAsAnotherProcess(dans)
            }, .wait(3_000), .snapshot("refused"), S.key(.ctrl("q"))],
        ])
        let refused = o.trace.compactMap { if case .deliveryRefused(let entry, let reason) = $0.message { (entry, reason) } else { nil } }
        #expect(refused.count == 1 && refused.first?.0.id == o.queued.first?.id)
        let screen = try #require(o.terminal?.snapshots["refused"]).joined(separator: "\n")
        #expect(screen.contains("Not recorded: your queued entry of 14:10") && screen.contains("/resolve! false positive"), "\(screen)")
        #expect(screen.contains(refused.first?.1.prefix(20) ?? "—"), "\(screen)")
        #expect(try o.spool.refusals().isEmpty, "shown, so no longer kept")
        #expect(o.h.storedEvents.filter { $0.author == "carol" }.isEmpty)
    }

    @Test("Entries another war room left in the spool are shown queued when this one opens, and delivered")
    func deliversEarlierWarRoomsEntries() throws {
        let o = Offline()
        defer { o.cleanUp() }
        let earlier = SpoolEntry(incident: "INC-1", knownSequence: 1, commands: [.log(Entry(kind: .note, text: "from before"))],
                                 author: "carol", at: t0 + .minutes(5), recordedAt: t0 + .minutes(5), summary: "from before")
        try o.spool.enqueue(earlier)
        _ = try o.run([[.snapshot("opened"), .wait(1_500), S.key(.ctrl("q"))]])
        let opened = try #require(o.terminal?.snapshots["opened"]).joined(separator: "\n")
        #expect(opened.contains("14:05 carol: from before") && opened.contains("queued"), "\(opened)")
        #expect(o.h.storedEvents.last?.id == earlier.firstID && o.h.storedEvents.last?.at == earlier.at)
    }
}

extension OfflineRuntimeTests {
    @Test("Typing through a 30 s outage: every entry arrives once, in order, each with the time it was typed")
    func thirtySecondOutage() throws {
        let o = Offline()
        defer { o.cleanUp() }
        var script: [[S]] = [[.perform { o.h.store.unreachable = true }]]
        for n in 1...6 { script += [S.type("entry \(n)"), [S.key(.enter), .wait(5_000)]] }
        script += [[.perform { o.h.store.unreachable = false }, .wait(31_000), S.key(.ctrl("q"))]]
        _ = try o.run(script)
        let stored = Array(o.h.storedEvents.dropFirst())
        #expect(stored.map(\.payload) == (1...6).map { .entry(Entry(kind: .note, text: "entry \($0)")) })
        #expect(stored.map(\.id) == o.queued.map(\.id) && Set(stored.map(\.id)).count == 6)
        let times = stored.map(\.at.millis)
        #expect(zip(times.dropFirst(), times).allSatisfy { $0 - $1 == 5_000 }, "typed 5 s apart, stored so: \(times)")
        #expect(try o.spool.count() == 0)
    }
}

extension OfflineRuntimeTests {
    /// A queued entry for INC-1 (another war room's or command's), typed at minute `minute`.
    static func waiting(_ text: String, at minute: Int64, incident: IncidentID = "INC-1") -> SpoolEntry {
        SpoolEntry(incident: incident, knownSequence: 1, commands: [.log(Entry(kind: .note, text: text))], author: "carol",
                   at: t0 + .minutes(minute), recordedAt: t0 + .minutes(minute), summary: "log \(text)")
    }

    @Test("A queued entry the store refuses for good (an unknown incident, a read-only role) is shown refused; the rest is delivered and the war room stays online",
          arguments: [nil, StoreError.readOnly(location: "memory", reason: "the role may only read")])
    func lastingFailureNotOffline(failure: StoreError?) throws {
        let o = Offline()
        defer { o.cleanUp() }
        let bad = failure == nil ? Self.waiting("failover started", at: 5, incident: "INC-99") : Self.waiting("bad", at: 5)
        let after = Self.waiting("after", at: 6)
        try o.spool.enqueue(bad)
        try o.spool.enqueue(after)
        if let failure { o.h.store.appendErrors = [failure] }
        _ = try o.run([[.wait(3_000), .snapshot("delivered"), S.key(.ctrl("q"))]])
        #expect(!o.trace.contains { if case .deliveryFailed = $0.message { true } else { false } })
        #expect(!o.trace.contains { if case .storeUnreachable = $0.message { true } else { false } })
        let refused = o.trace.compactMap { if case .deliveryRefused(let entry, let reason) = $0.message { (entry.id, reason) } else { nil } }
        #expect(refused.map(\.0) == [bad.firstID])
        #expect(o.h.storedEvents.last?.id == after.firstID)
        let screen = try #require(o.terminal?.snapshots["delivered"]).joined(separator: "\n")
        #expect(!screen.contains("cannot be reached") && !screen.contains("offline —"), "\(screen)")
        #expect(screen.contains("Not recorded: your queued entry of 14:05"), "\(screen)")
        #expect(try o.spool.count() == 0 && o.spool.refusals().isEmpty)
    }

    @Test("A refusal another process's delivery left for this author is shown when this war room's delivery takes it")
    func refusalFromElsewhereShown() throws {
        let o = Offline()
        defer { o.cleanUp() }
        let elsewhere = Self.waiting("from my laptop", at: 3)
        _ = try o.run([
            [.perform { o.h.store.unreachable = true }],
            S.type("typed here"), [S.key(.enter)],
            [.wait(1_500), .perform {
                o.h.store.unreachable = false
                // Another warroom process delivered its spool entry meanwhile, and the store refused it.
                do { _ = try o.spool.refuse(try o.spool.enqueue(elsewhere), reason: "INC-1 is already resolved") } catch {
                    Issue.record("\(error)")
                }
            }, .wait(3_000), .snapshot("shown"), S.key(.ctrl("q"))],
        ])
        let refused = o.trace.compactMap { if case .deliveryRefused(let entry, let reason) = $0.message { (entry.id, reason) } else { nil } }
        #expect(refused.map(\.0) == [elsewhere.firstID] && refused.map(\.1) == ["INC-1 is already resolved"])
        let screen = try #require(o.terminal?.snapshots["shown"]).joined(separator: "\n")
        #expect(screen.contains("Not recorded: your queued entry of 14:03"), "\(screen)")
        #expect(try o.spool.refusals().isEmpty)
        #expect(o.h.storedEvents.last?.payload == .entry(Entry(kind: .note, text: "typed here")))
    }
}
