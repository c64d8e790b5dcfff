/// Why the terminal screen could not start, worded for the person who ran the command: what was
/// wrong and what to do about it.
public enum TerminalError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A standard stream (`"stdin"` or `"stdout"`) is not a terminal.
    case notATerminal(stream: String)
    /// `TERM` is missing or empty.
    case terminalTypeUnset
    /// No terminfo entry exists for `TERM`.
    case terminalTypeUnknown(String)
    /// No terminfo database could be found at all.
    case terminfoMissing(String)
    /// The terminal type is known but cannot position the cursor (`dumb`, for instance).
    case terminalTooLimited(String)
    /// ncurses refused to start a screen on this terminal.
    case screenUnavailable(String)
    /// A screen is already running in this process; ncurses allows one at a time here.
    case alreadyActive

    /// The message to print, one line.
    public var description: String {
        switch self {
        case .notATerminal(let stream):
            return "warroom needs a terminal: \(stream) is not a tty (run it in a terminal, or use `warroom show` from scripts)"
        case .terminalTypeUnset:
            return "warroom needs a terminal: TERM is not set (set it, e.g. TERM=xterm-256color)"
        case .terminalTypeUnknown(let name):
            return "TERM '\(name)' is unknown: try TERM=xterm-256color"
        case .terminfoMissing(let name):
            return "TERM '\(name)' cannot be looked up: no terminfo database found (install ncurses-base, or set TERMINFO)"
        case .terminalTooLimited(let name):
            return "TERM '\(name)' cannot position the cursor, which the war room needs: try TERM=xterm-256color"
        case .screenUnavailable(let name):
            return "could not start the screen on TERM '\(name)': try TERM=xterm-256color, or use `warroom show` from scripts"
        case .alreadyActive:
            return "the war room screen is already running in this process"
        }
    }
}
