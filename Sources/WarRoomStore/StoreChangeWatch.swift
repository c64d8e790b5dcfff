import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a loop that follows a store paces its looks: it waits on the store's change signal when
/// there is one (looking at once on a wake-up, and every `safetyNetMillis` in case one was
/// missed), or polls every `pollMillis`. It drains each wake-up, and falls back to polling, saying
/// why in one line, when the signal breaks or keeps firing however it is drained (never a busy
/// loop). The war room waits through its terminal (`descriptor`); `warroom timeline --follow`
/// through `wait()`.
public final class StoreChangeWatch {
    /// The poll interval without a signal.
    public let pollMillis: Int64
    /// The poll interval with a signal: only for a wake-up that was missed.
    public static let safetyNetMillis: Int64 = 2_000
    /// More wake-ups than this within one second of the monotonic clock means drains do not empty
    /// the signal: it is dropped rather than spun on.
    public static let wakeLimitPerSecond = 1_000

    private var signal: (any StoreChangeSignal)?
    private let log: (String) -> Void
    private var wakeSecond = Int64.min
    private var wakesThisSecond = 0

    /// Follows with `signal` (nil: polls every `pollMillis`); `note` (why there is no signal) and
    /// every later fallback go to `log`.
    public init(signal: (any StoreChangeSignal)?, note: String? = nil, pollMillis: Int64 = 250,
                log: @escaping (String) -> Void) {
        self.signal = signal
        self.pollMillis = pollMillis
        self.log = log
        if let note { log(note) }
    }

    /// Follows `store` with the signal it offers (`EventStore.openChangeSignal`).
    public convenience init(store: any EventStore, environment: [String: String] = ProcessInfo.processInfo.environment,
                            pollMillis: Int64 = 250, log: @escaping (String) -> Void) {
        let (signal, note) = store.openChangeSignal(environment: environment)
        self.init(signal: signal, note: note, pollMillis: pollMillis, log: log)
    }

    /// The descriptor to wait on beside the others, while the signal works.
    public var descriptor: Int32? { signal?.fileDescriptor }

    /// How long until the store must be looked at anyway, since the last look.
    public var interval: Int64 { signal == nil ? pollMillis : Self.safetyNetMillis }

    /// The descriptor was readable: drains it. Look at the store now (even when the signal just
    /// broke: what it failed to say may have happened).
    public func woken(atMillis now: Int64) {
        guard let signal else { return }
        if now / 1000 != wakeSecond {
            wakeSecond = now / 1000
            wakesThisSecond = 0
        }
        wakesThisSecond += 1
        guard wakesThisSecond <= Self.wakeLimitPerSecond else {
            failed("it woke \(wakesThisSecond) times within a second, however drained")
            return
        }
        do {
            try signal.drain()
        } catch {
            failed("\(error)")
        }
    }

    /// The signal cannot be waited on: drops it, and polls from now on.
    public func failed(_ reason: String) {
        guard signal != nil else { return }
        signal = nil
        log("the store's change signal stopped working (\(reason)): polling it every \(pollMillis) ms instead")
    }

    /// Blocks until the signal wakes (drained) or `interval` has passed: then look at the store.
    public func wait() {
        guard let descriptor else {
            usleep(UInt32(clamping: pollMillis * 1000))
            return
        }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, Int32(clamping: interval))
        if ready < 0 {
            if errno != EINTR { failed("poll: \(String(cString: strerror(errno)))") }
            return
        }
        guard ready == 1 else { return }
        if Int32(entry.revents) & Int32(POLLNVAL | POLLERR | POLLHUP) != 0 {
            failed(Int32(entry.revents) & Int32(POLLNVAL) != 0 ? "the descriptor is not open" : "its descriptor hung up or is in error")
            return
        }
        woken(atMillis: Int64(DispatchTime.now().uptimeNanoseconds / 1_000_000))
    }
}
