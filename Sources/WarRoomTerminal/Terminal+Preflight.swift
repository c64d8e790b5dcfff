import CTerminal
import Glibc

extension Terminal {
    /// Checks, without touching the screen, that the war room can run here: stdin and stdout are
    /// terminals and `TERM` names a terminal that can position the cursor. Throws a
    /// `TerminalError` that says what to do otherwise.
    public static func preflight(environment: [String: String]) throws {
        try preflight(environment: environment, stdinIsTerminal: isatty(STDIN_FILENO) == 1,
                      stdoutIsTerminal: isatty(STDOUT_FILENO) == 1)
    }

    /// `preflight` with the tty checks given, so tests can run it without a terminal.
    static func preflight(environment: [String: String], stdinIsTerminal: Bool, stdoutIsTerminal: Bool) throws {
        // stdout first: `warroom | less` is the common mistake, and its message names the fix.
        guard stdoutIsTerminal else { throw TerminalError.notATerminal(stream: "stdout") }
        guard stdinIsTerminal else { throw TerminalError.notATerminal(stream: "stdin") }
        guard let name = environment["TERM"], !name.isEmpty else { throw TerminalError.terminalTypeUnset }
        switch ct_check_terminal(name) {
        case 1: return
        case 2: throw TerminalError.terminalTooLimited(name)
        case -1: throw TerminalError.terminfoMissing(name)
        default: throw TerminalError.terminalTypeUnknown(name)
        }
    }
}
