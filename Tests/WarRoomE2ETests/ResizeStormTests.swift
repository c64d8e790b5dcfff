import Foundation
import Testing
import WarRoomTestSupport

/// A resize storm under a private tmux server: 200 sizes from 1×1 to 250×80 in a few seconds,
/// while another process appends entries with `warroom log`. The war room must survive, end up
/// drawing exactly what a fresh war room draws at the final size, and every acknowledged entry
/// must be in the store.
@Suite("Resize storm under tmux", .serialized)
struct ResizeStormTests {
    /// Appends `storm N` entries with `warroom log` until stopped, remembering the acknowledged ones.
    final class Appender: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false
        private var done = false
        private(set) var acknowledged: [String] = []
        private(set) var refused: [String] = []

        func start(_ sandbox: Sandbox) {
            let thread = Thread { [self] in
                var number = 0
                while !self.isStopped {
                    number += 1
                    let text = "storm entry \(number)"
                    let result = sandbox.run(["log", text, "--as", "appender"], timeout: 20)
                    self.lock.withLock {
                        if result.status == 0 && !result.timedOut { self.acknowledged.append(text) } else { self.refused.append("\(text): \(result)") }
                    }
                }
                self.lock.withLock { self.done = true }
            }
            thread.start()
        }

        var isStopped: Bool { lock.withLock { stopped } }
        var count: Int { lock.withLock { acknowledged.count } }

        /// Stops and waits (at most `timeout` seconds) for the last append to finish.
        func stop(timeout: Double = 30) {
            lock.withLock { stopped = true }
            let deadline = Date().addingTimeInterval(timeout)
            while !lock.withLock({ done }) && Date() < deadline { usleep(10_000) }
        }
    }

    @Test("200 resizes from 1×1 to 250×80 while another process appends: no crash, a fresh screen, no lost entry")
    func resizeStorm() throws {
        try Sandbox.requireBinary()
        // A pinned clock makes every cell deterministic; the store is still polled on a monotonic
        // clock, so the appender's entries show.
        let sandbox = try Sandbox(now: "2026-11-28T14:10:00Z")
        defer { sandbox.cleanUp() }
        sandbox.ok("declare", "--title", "Checkout errors", "--severity", "SEV2", "--service", "checkout-api",
                   "--started-at", "13:50", "--detected-at", "13:58") // alice, the declarer, is IC
        sandbox.ok("hypothesis", "add", "bad", "config", "deploy", "--owner", "bob", "--timebox", "15m")
        sandbox.ok("log", "rolled back to v41", "--kind", "action", "--at", "14:05")

        let tmux = try TmuxServer(sandbox, label: "storm")
        defer { tmux.kill() }
        // `exec`: the pane's process is the war room itself.
        try tmux.start("exec " + sandbox.paneCommand(["open"]))
        try #require(tmux.waitForWarRoom() != nil)
        let pid = try #require(pid_t(tmux.display("#{pane_pid}")))

        // WARROOM_STORM_SEED=N replays the storm a failure printed.
        let seed = ProcessInfo.processInfo.environment["WARROOM_STORM_SEED"].flatMap { UInt64($0) }
            ?? UInt64(Date().timeIntervalSince1970 * 1000)
        var random = SeededGenerator(seed: seed)
        var sizes: [(Int, Int)] = [(1, 1), (10, 3), (250, 80), (2, 60), (250, 1), (24, 8), (23, 7), (80, 24), (100, 20), (60, 16)]
        while sizes.count < 199 {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: sizes.append((Int.random(in: 1...30, using: &random), Int.random(in: 1...10, using: &random)))
            case 1: sizes.append((Int.random(in: 200...250, using: &random), Int.random(in: 50...80, using: &random)))
            default: sizes.append((Int.random(in: 1...250, using: &random), Int.random(in: 1...80, using: &random)))
            }
        }
        sizes.shuffle(using: &random)
        // The last size is an ordinary one, so the comparison with a fresh start covers every pane.
        let final = (Int.random(in: 60...200, using: &random), Int.random(in: 16...60, using: &random))
        sizes.append(final)

        let appender = Appender()
        appender.start(sandbox)
        let stormStart = Date()
        for (index, (width, height)) in sizes.enumerated() {
            let result = tmux.run(["resize-window", "-t", TmuxServer.session, "-x", "\(width)", "-y", "\(height)"])
            #expect(result.status == 0, "seed \(seed): resize \(index) to \(width)×\(height) failed: \(result)")
            // A breath now and then, so the war room draws some of the sizes and the appender commits.
            if index % 25 == 24 { usleep(100_000) }
        }
        let stormSeconds = Date().timeIntervalSince(stormStart)
        // Let the appender commit a few entries after the storm too, then stop it.
        let afterStorm = appender.count
        let deadline = Date().addingTimeInterval(5)
        while appender.count < afterStorm + 2 && Date() < deadline { usleep(20_000) }
        appender.stop()
        print("resize storm: seed \(seed), \(sizes.count) sizes in \(String(format: "%.2f", stormSeconds)) s, "
            + "\(appender.acknowledged.count) entries appended, final size \(final.0)×\(final.1)")

        #expect(appender.refused.isEmpty, "appends failed: \(appender.refused.prefix(3))")
        #expect(appender.acknowledged.count >= 3, "the appender got work done during the storm")
        #expect(TmuxServer.isRunning(pid), "seed \(seed): the war room (pid \(pid)) died in the storm:\n\(tmux.capture().text)")
        #expect(tmux.display("#{pane_dead}") == "0", "the pane's process exited")
        #expect(tmux.display("#{window_width}x#{window_height}") == "\(final.0)x\(final.1)")

        // The stored timeline holds every acknowledged entry, exactly once.
        let stored = try sandbox.timeline().compactMap { $0["text"] as? String }
        for text in appender.acknowledged {
            #expect(stored.filter { $0 == text }.count == 1, "acknowledged “\(text)” is stored \(stored.filter { $0 == text }.count) times")
        }

        // A fresh war room at the final size, on the same store, draws the same screen.
        try tmux.start(sandbox.paneCommand(["open"]), session: "fresh", width: final.0, height: final.1)
        let fresh = try #require(tmux.waitForWarRoom(target: "fresh"))
        let newest = try #require(appender.acknowledged.last)
        let freshShowsNewest = tmux.waitFor("the newest entry in the fresh war room", target: "fresh") { $0.text.contains(newest) }
        var stormed = tmux.capture()
        var reference = freshShowsNewest ?? fresh
        let settle = Date().addingTimeInterval(5)
        while stormed != reference && Date() < settle {
            usleep(100_000)
            stormed = tmux.capture()
            reference = tmux.capture(target: "fresh")
        }
        let differing = zip(stormed.lines, reference.lines).enumerated().filter { $0.element.0 != $0.element.1 }
            .map { "row \($0.offset):\n  stormed: \($0.element.0)\n  fresh:   \($0.element.1)" }
        #expect(stormed == reference, """
            seed \(seed): after the storm at \(final.0)×\(final.1) the screen differs from a fresh war room's \
            (\(stormed.lines.count) vs \(reference.lines.count) rows):
            \(differing.prefix(8).joined(separator: "\n"))
            """)
        #expect(stormed.lines.count == final.1)
        #expect(stormed.text.contains(newest), "the newest acknowledged entry is on the stormed screen")
    }
}
