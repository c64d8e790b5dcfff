import Glibc
import WarRoomApp
import WarRoomCore
import WarRoomUI
import WarRoomScreen

/// The clocks a runtime test runs on: they move only when the script waits, so nothing sleeps.
final class FakeClock {
    /// The displayed clock.
    var wall: Timestamp
    /// Milliseconds of the monotonic clock.
    var monotonic: Int64 = 5_000_000
    /// A pinned displayed clock (`WARROOM_NOW`): only the monotonic one moves.
    var pinned: Bool

    init(wall: Timestamp, pinned: Bool = false) {
        self.wall = wall
        self.pinned = pinned
    }

    func advance(_ millis: Int) {
        monotonic += Int64(millis)
        if !pinned { wall = Timestamp(millis: wall.millis + Int64(millis)) }
    }
}

/// A screen that plays a script: keys, pastes and resizes as the reads ask for input, waits as
/// the read timeouts let time pass (on the fake clocks), signals as they come. It keeps every
/// frame drawn, as text, and what the script asked it to note.
final class FakeTerminal: TerminalDevice {
    enum Step {
        /// The next read returns it (no time passes).
        case input(TerminalInput)
        /// Reads return nothing until this much time has passed, in steps of their timeouts.
        case wait(Int)
        /// Arrives with the input before it (asked for right after that read).
        case signal(Int32)
        /// Runs when the script gets here (another process writes, the store starts failing…).
        case perform(() -> Void)
        /// Keeps the screen as last drawn under a name.
        case snapshot(String)
    }

    private var script: [Step]
    let clock: FakeClock
    var size: (width: Int, height: Int)
    /// Every frame drawn, as its text rows.
    private(set) var frames: [[String]] = []
    /// The size of every frame drawn.
    private(set) var frameSizes: [(width: Int, height: Int)] = []
    private(set) var snapshots: [String: [String]] = [:]
    /// The timeout of every read.
    private(set) var timeouts: [Int] = []
    private(set) var invalidations = 0
    private(set) var isShutDown = false
    private var pending: Int32?
    /// A script that never ends the war room must fail the test, not hang it.
    static let readLimit = 20_000
    /// The signal that ends a run whose script ran out (or looped): no test expects it.
    static let scriptEnded: Int32 = 99

    init(_ script: [Step], clock: FakeClock, size: (width: Int, height: Int) = (80, 24)) {
        self.script = script
        self.clock = clock
        self.size = size
    }

    /// The last frame drawn.
    var screen: [String] { frames.last ?? [] }

    func draw(_ grid: Grid, cursor: (x: Int, y: Int)?) {
        frames.append(grid.lines)
        frameSizes.append((grid.width, grid.height))
    }

    func invalidate() { invalidations += 1 }

    /// The wake-up descriptor each read was given.
    private(set) var wakeDescriptors: [Int32?] = []
    /// What each read returned.
    private(set) var results: [TerminalWait] = []

    /// Plays the script; a readable `descriptor` ends the read at once, before the next step, as
    /// the real terminal's poll would (no time passes).
    func read(timeoutMillis: Int, wakingOn descriptor: Int32?) -> TerminalWait {
        timeouts.append(timeoutMillis)
        wakeDescriptors.append(descriptor)
        let result = play(timeoutMillis: timeoutMillis, descriptor: descriptor)
        results.append(result)
        return result
    }

    private func play(timeoutMillis: Int, descriptor: Int32?) -> TerminalWait {
        while true {
            guard timeouts.count < Self.readLimit, let step = script.first else {
                pending = Self.scriptEnded
                return .timedOut
            }
            if let descriptor, let wake = Self.poll(descriptor) { return wake }
            switch step {
            case .input(let input):
                script.removeFirst()
                if case .resize(let width, let height) = input { size = (width, height) }
                return .input(input)
            case .wait(let millis):
                let slept = min(millis, max(0, timeoutMillis))
                clock.advance(slept)
                if slept == millis { script.removeFirst() } else { script[0] = .wait(millis - slept) }
                return .timedOut
            case .signal(let signal):
                script.removeFirst()
                pending = signal
                return .timedOut
            case .perform(let action):
                script.removeFirst()
                action()
            case .snapshot(let name):
                script.removeFirst()
                snapshots[name] = screen
            }
        }
    }

    /// What a poll of `descriptor` alone finds now: woken, failed, or nil (nothing).
    private static func poll(_ descriptor: Int32) -> TerminalWait? {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard Glibc.poll(&entry, 1, 0) == 1 else { return nil }
        if Int32(entry.revents) & Int32(POLLNVAL | POLLERR | POLLHUP) != 0 { return .wakeFailed("revents \(entry.revents)") }
        return .woken
    }

    func pendingSignal() -> Int32? {
        if case .signal(let signal) = script.first {
            script.removeFirst()
            return signal
        }
        defer { pending = nil }
        return pending
    }

    func shutdown() { isShutDown = true }

    /// How often the terminal was lent to another program, and taken back.
    private(set) var suspensions = 0
    private(set) var resumptions = 0
    func suspend() { suspensions += 1 }
    func resume() { resumptions += 1 }
}

extension FakeTerminal.Step {
    /// Typing `text`, a key per character.
    static func type(_ text: String) -> [FakeTerminal.Step] { text.map { .input(.key(.character($0))) } }
    /// A key.
    static func key(_ key: Key) -> FakeTerminal.Step { .input(.key(key)) }
}
