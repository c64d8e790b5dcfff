import Foundation
import Testing
import WarRoomTerminal

/// Which signals the screen catches to give the terminal back: every one whose default action
/// ends the process without a crash; none that is ignored or stops by default.
@Suite("Signals the screen catches")
struct SignalSetTests {
    @Test("Every terminating, non-crash signal is caught",
          arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE, SIGVTALRM, SIGPROF,
                      SIGXCPU, SIGXFSZ, SIGIO, SIGPWR, SIGSTKFLT, __libc_current_sigrtmin(), __libc_current_sigrtmax()])
    func caught(signal: Int32) {
        #expect(Terminal.catchesSignal(signal))
    }

    @Test("Crashes, stops and ignored-by-default signals are not",
          arguments: [SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE, SIGTRAP, SIGSYS, SIGKILL, SIGSTOP, SIGTSTP, SIGTTIN,
                      SIGTTOU, SIGCHLD, SIGWINCH, SIGCONT, SIGURG])
    func notCaught(signal: Int32) {
        #expect(!Terminal.catchesSignal(signal))
    }
}
