import Foundation
import Testing
import WarRoomApp
import WarRoomCore
import WarRoomTestSupport
import WarRoomUI
import WarRoomScreen
import WarRoomStore

/// Live follow by wake-up: with a store that offers a change signal, another process's commit
/// reaches the screen on the read the signal ends, not at the next poll; the poll slows to a
/// safety net; a signal that breaks or will not drain is dropped for polling, never spun on.
@Suite("Runtime follow")
struct RuntimeFollowTests {
    typealias S = FakeTerminal.Step

    static func other(_ h: RuntimeHarness, _ n: Int, _ text: String) -> Event {
        Event(id: testID(800 + n), incident: "INC-1", at: h.clock.wall, recordedAt: h.clock.wall, author: "erin",
              payload: .entry(Entry(kind: .action, text: text)))
    }

    /// How many reads were ended by the signal.
    static func wakes(_ terminal: FakeTerminal?) -> Int { terminal?.results.filter { $0 == .woken }.count ?? -1 }

    @Test("Another process's commit is read on the wake-up, at once: no poll in between, the next poll 2 s later")
    func commitReadOnWakeUp() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        let signal = PipeChangeSignal()
        h.store.changeSignal = signal
        let other = Self.other(h, 1, "failing over to eu-west-2")
        let start = h.clock.monotonic
        _ = try h.run([[.wait(10), .snapshot("before"), .perform { h.store.appendAsAnotherProcess([other]) },
                        .snapshot("followed"), .wait(3_000), S.key(.ctrl("q"))]])
        // The first look when the screen opens, the one the wake-up asked for, then the safety net.
        #expect(h.pollTimes.map { $0 - start } == [0, 10, 2_010])
        #expect(h.eventful.steps == [
            Step(.events([other]), []),
            Step(.input(.key(.ctrl("q"))), [.quit(draft: "")]),
        ])
        let terminal = try #require(h.terminal)
        // The read that was waiting when the commit came ended on the signal, and the one after it
        // drew the entry before any time passed.
        let woken = try #require(terminal.results.firstIndex(of: .woken))
        #expect(terminal.results[..<woken].allSatisfy { $0 == .timedOut })
        #expect(!(try #require(terminal.snapshots["before"])).joined().contains("failing over"))
        #expect(try #require(terminal.snapshots["followed"]).joined().contains("failing over to eu-west-2"))
        #expect(Self.wakes(terminal) == 1 && signal.drains == 1, "one wake-up, drained once")
        #expect(terminal.wakeDescriptors.allSatisfy { $0 == signal.fileDescriptor }, "every read waits on the signal")
        #expect(terminal.timeouts.contains { $0 > 250 }, "no 250 ms poll while the signal works")
        #expect(terminal.timeouts.allSatisfy { $0 <= 1_000 }, "still a read per second, for the countdowns")
        #expect(h.store.reads == 1 + 1, "the opening read and the one the wake-up asked for")
    }

    @Test("Idle with a signal: a look every 2 s (the safety net), a tick every second, nothing read")
    func idlePacingWithSignal() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        h.store.changeSignal = PipeChangeSignal()
        let start = h.clock.monotonic
        _ = try h.run([[.wait(6_500), S.key(.ctrl("q"))]])
        #expect(h.pollTimes.map { $0 - start } == [0, 2_000, 4_000, 6_000])
        #expect(h.store.changeChecks == 1 + 4 && h.store.reads == 1)
        let ticks = h.trace.filter { if case .tick = $0.message { true } else { false } }.count
        #expect(ticks == 7, "the countdowns still tick every second")
    }

    @Test("A wake-up with no commit behind it (our own write, a checkpoint) asks data_version and reads nothing")
    func spuriousWakeReadsNothing() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        let signal = PipeChangeSignal()
        h.store.changeSignal = signal
        let start = h.clock.monotonic
        _ = try h.run([[.wait(100), .perform { signal.fire() }, .wait(100), S.key(.ctrl("q"))]])
        #expect(h.pollTimes.map { $0 - start } == [0, 100])
        #expect(h.store.changeChecks == 1 + 2 && h.store.reads == 1, "looked, found no change, read nothing")
        #expect(signal.drains == 1)
    }

    @Test("Several commits before the loop wakes are one wake-up and one read")
    func commitsCoalesce() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        let signal = PipeChangeSignal()
        h.store.changeSignal = signal
        let events = (1...3).map { Self.other(h, $0, "step \($0)") }
        _ = try h.run([[.wait(50), .perform { for event in events { h.store.appendAsAnotherProcess([event]) } },
                        .wait(50), S.key(.ctrl("q"))]])
        #expect(Self.wakes(h.terminal) == 1)
        #expect(h.eventful.steps.first == Step(.events(events), []))
    }

    @Test("A signal whose drain fails is dropped: one look at once, then polls every 250 ms, as without one")
    func brokenSignalFallsBackToPolling() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        let signal = PipeChangeSignal()
        signal.failure = "the store's directory is no longer watched"
        h.store.changeSignal = signal
        let other = Self.other(h, 1, "db-3 promoted")
        let start = h.clock.monotonic
        _ = try h.run([[.wait(100), .perform { h.store.appendAsAnotherProcess([other]) }, .wait(1_000), S.key(.ctrl("q"))]])
        #expect(h.pollTimes.map { $0 - start } == [0, 100, 350, 600, 850, 1_100])
        #expect(h.eventful.steps.first == Step(.events([other]), []), "the commit behind the failed wake-up is read")
        let terminal = try #require(h.terminal)
        let woken = try #require(terminal.results.firstIndex(of: .woken))
        #expect(terminal.wakeDescriptors[...woken].allSatisfy { $0 != nil })
        #expect(terminal.wakeDescriptors[(woken + 1)...].allSatisfy { $0 == nil }, "no more waiting on it")
        #expect(signal.drains == 1)
    }

    @Test("A signal whose writer hung up is dropped the same way (poll reports it): no spinning on end of file")
    func hungUpSignalFallsBackToPolling() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        let signal = PipeChangeSignal()
        h.store.changeSignal = signal
        let start = h.clock.monotonic
        _ = try h.run([[.wait(100), .perform { signal.closeWriteEnd() }, .wait(600), S.key(.ctrl("q"))]])
        #expect(h.pollTimes.map { $0 - start } == [0, 100, 350, 600])
        let failures = h.terminal?.results.filter { if case .wakeFailed = $0 { true } else { false } }.count
        #expect(failures == 1)
        #expect(h.terminal?.wakeDescriptors.last == .some(nil))
    }

    @Test("A signal that stays readable however drained is dropped after the wake-up limit: bounded, then polling")
    func stuckSignalIsNotSpunOn() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        let signal = PipeChangeSignal()
        signal.stuck = true
        h.store.changeSignal = signal
        let start = h.clock.monotonic
        _ = try h.run([[.wait(100), .perform { signal.fire() }, .wait(600), S.key(.ctrl("q"))]])
        let limit = StoreChangeWatch.wakeLimitPerSecond
        #expect(Self.wakes(h.terminal) == limit + 1, "the limit, and the wake-up that went past it")
        #expect(signal.drains == limit)
        #expect(h.terminal?.wakeDescriptors.last == .some(nil))
        // After the fallback, the 250 ms pace from the last look.
        #expect(h.pollTimes.map { $0 - start }.suffix(2) == [350, 600])
    }

    @Test("No signal from the store: every read polls at 250 ms with no descriptor, as before")
    func noSignalPolls() throws {
        let h = RuntimeHarness()
        defer { h.cleanUp() }
        _ = try h.run([[.wait(600), S.key(.ctrl("q"))]])
        #expect(h.store.changeSignalsMade == 1)
        #expect(h.terminal?.wakeDescriptors.allSatisfy { $0 == nil } == true)
        #expect(h.terminal?.timeouts.allSatisfy { $0 <= 250 } == true)
    }
}
