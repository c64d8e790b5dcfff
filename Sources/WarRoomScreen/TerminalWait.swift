/// What ended a wait for a key that may also be ended by another descriptor (a store's change
/// signal).
public enum TerminalWait: Hashable, Sendable {
    /// A key, paste or resize.
    case input(TerminalInput)
    /// The other descriptor is readable: drain it, then look at what it signals.
    case woken
    /// The other descriptor cannot be waited on (closed, in error, its writer gone): stop passing
    /// it, and poll instead. The reason is for the log.
    case wakeFailed(String)
    /// Nothing in time, or a signal interrupted the wait (check `pendingSignal()`).
    case timedOut
}
