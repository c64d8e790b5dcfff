import Foundation

/// A wake-up a store can offer instead of being polled: one file descriptor that becomes readable
/// when another connection (any process) MAY have committed. It is never the truth: after a
/// wake-up, `drain()` it, then ask `EventStore.hasExternalChanges()` and read after the last known
/// sequence. A wake-up may be spurious (our own write, a file touched without a commit) and one
/// may be missed (a server reconnect), so a waiter keeps a slow poll as a safety net.
///
/// The descriptor is level-triggered: it stays readable until drained, so a waiter that does not
/// drain would spin. Backends: inotify (+ a recheck timer) for SQLite (`SQLiteChangeSignal`);
/// for PostgreSQL, a `LISTEN` whose notification handler writes to a pipe or eventfd.
/// Use an instance from one thread at a time (other threads may make it readable).
public protocol StoreChangeSignal: AnyObject {
    /// The descriptor to `poll()` for `POLLIN`, owned by the signal (do not close or read it).
    var fileDescriptor: Int32 { get }

    /// Consumes every pending wake-up, so the descriptor is not readable until the next one.
    /// Throws `StoreChangeSignalBroken` when the signal can no longer fire (its watch was removed,
    /// its connection gave up): the waiter then falls back to polling.
    func drain() throws
}

/// A change signal that stopped working, and why: whoever waited on it polls instead.
public struct StoreChangeSignalBroken: Error, CustomStringConvertible, Equatable {
    /// What went wrong, for the diagnostic log.
    public var description: String

    /// A failure described by `description`.
    public init(_ description: String) { self.description = description }
}

extension EventStore {
    /// This store's change signal, or nil (poll only) with the reason when there is none: the
    /// backend offers none, making it failed, or `WARROOM_CHANGE_SIGNAL=off` asked for polling
    /// (the follow benchmark's reference; a file system where inotify misses other hosts' writes).
    public func openChangeSignal(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (signal: (any StoreChangeSignal)?, note: String?) {
        if let setting = environment["WARROOM_CHANGE_SIGNAL"], !setting.isEmpty {
            switch setting.lowercased() {
            case "off", "0", "no", "false":
                return (nil, "WARROOM_CHANGE_SIGNAL=\(setting): polling the store instead of waking on its changes")
            case "on", "1", "yes", "true":
                break
            default:
                return (nil, "WARROOM_CHANGE_SIGNAL=\(setting) is not on or off; polling the store to be safe")
            }
        }
        do {
            guard let signal = try makeChangeSignal() else { return (nil, nil) }
            return (signal, nil)
        } catch {
            return (nil, "no change signal for the store (\(error)): polling it instead")
        }
    }
}
