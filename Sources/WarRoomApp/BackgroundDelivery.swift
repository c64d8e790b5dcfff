import Foundation
import WarRoomCore

/// The war room's outbox worker: a thread of its own that runs delivery passes while the war room
/// is open, so a slow or silent vendor never holds up a key. It shares nothing with the loop but
/// the store's file or server (it writes through a connection of its own; the loop sees its steps
/// as any other writer's), and it is told to look again when the loop records something.
public final class BackgroundDelivery: @unchecked Sendable {
    /// What one pass did: when the next delivery is due (nil: none waits), and lines for the log.
    public struct Pass: Sendable {
        public var nextDue: Timestamp?
        public var lines: [String]
        public init(nextDue: Timestamp?, lines: [String]) {
            self.nextDue = nextDue
            self.lines = lines
        }
    }

    private let pass: @Sendable () -> Pass
    private let clock: @Sendable () -> Timestamp
    private let log: @Sendable (String) -> Void
    private let condition = NSCondition()
    private var stopped = false
    private var kicked = true
    /// The longest sleep between passes (a delivery queued by another process is found then).
    let idleMillis: Int64

    /// A worker running `pass` (which must not throw: it says what failed in its lines).
    public init(idleMillis: Int64 = 2_000, clock: @escaping @Sendable () -> Timestamp,
                log: @escaping @Sendable (String) -> Void, pass: @escaping @Sendable () -> Pass) {
        self.idleMillis = idleMillis
        self.clock = clock
        self.log = log
        self.pass = pass
    }

    /// Starts the thread.
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "warroom-outbox"
        thread.start()
    }

    /// Asks for a pass now (something was recorded).
    public func kick() {
        condition.lock()
        kicked = true
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread after its current pass; does not wait for it (a request in flight is
    /// left to its lease: another worker takes the delivery when it runs out).
    public func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            // Until a kick, a stop, or the next due time (at most `idleMillis` away).
            while !stopped && !kicked && Date() < wakeAt { _ = condition.wait(until: wakeAt) }
            if stopped {
                condition.unlock()
                return
            }
            kicked = false
            condition.unlock()
            let result = pass()
            for line in result.lines { log(line) }
            condition.lock()
            let now = clock()
            let until = result.nextDue.map { max(0, $0.millis - now.millis) } ?? idleMillis
            wakeAt = Date(timeIntervalSinceNow: Double(min(max(until, 50), idleMillis)) / 1000)
            condition.unlock()
        }
    }

    private var wakeAt = Date.distantPast
}
