import CTerminal
import Glibc
import WarRoomScreen

extension Terminal {
    /// Like `read(timeoutMillis:)`, but also ends as soon as `descriptor` is readable (`.woken`).
    /// stdin and the descriptor are polled together; keys curses already holds come first.
    /// With `descriptor` nil, exactly `read(timeoutMillis:)`.
    public func read(timeoutMillis: Int, wakingOn descriptor: Int32?) -> TerminalWait {
        guard let descriptor else { return read(timeoutMillis: timeoutMillis).map(TerminalWait.input) ?? .timedOut }
        guard !isShutDown else { return .timedOut }
        // Bytes curses has already taken off stdin (the rest of an escape sequence that matched no
        // key, a resize queued during a paste) would not make the descriptor readable.
        if let input = read(timeoutMillis: 0) { return .input(input) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(max(0, timeoutMillis)))
        while true {
            let left = clock.now.duration(to: deadline)
            let remaining = timeoutMillis < 0 ? -1
                : max(0, Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            var entries = [pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&entries, 2, Int32(clamping: remaining))
            if ready < 0 {
                let code = errno
                // A signal: SIGWINCH leaves a resize for curses to report; the others are the caller's.
                if code == EINTR { return read(timeoutMillis: 0).map(TerminalWait.input) ?? .timedOut }
                return .wakeFailed("poll: \(String(cString: strerror(code)))")
            }
            if ready == 0 { return .timedOut }
            let wake = Int32(entries[1].revents)
            if wake & Int32(POLLNVAL | POLLERR | POLLHUP) != 0 {
                // A closed pipe stays readable at end of file: waiting on it again would spin.
                return .wakeFailed(wake & Int32(POLLNVAL) != 0 ? "the descriptor is not open"
                                   : wake & Int32(POLLHUP) != 0 ? "its writer closed it" : "it is in error")
            }
            if wake & Int32(POLLIN) != 0 { return .woken }
            if entries[0].revents != 0 {
                // Up to 25 ms for the rest of a character or sequence whose first byte came.
                wtimeout(window, Int32(clamping: remaining < 0 ? 25 : min(remaining, 25)))
                var value: wint_t = 0
                let status = wget_wch(window, &value)
                // ERR right after stdin was readable: end of input, as `read(timeoutMillis:)` says
                // (a hang-up is then reported as SIGHUP).
                if status == ERR {
                    noteHangUp()
                    return .timedOut
                }
                if let input = decode(status: status, value: value) { return .input(input) }
                if remaining == 0 { return .timedOut }
            }
        }
    }
}
