import CTerminal
import Glibc
import WarRoomScreen

/// The full-screen terminal: the only code that talks to curses. It draws `Grid`s (writing only
/// the cells that changed), reads keys, pastes and resizes, and reports interrupt signals. It
/// decides nothing about what to draw.
///
/// One `Terminal` can exist at a time (ncurses state is process-global). Not thread-safe: use it
/// from one thread.
public final class Terminal {
    /// Key codes ncurses reports for the bracketed-paste markers (above every real key code).
    static let pasteStartCode = KEY_MAX + 1
    static let pasteEndCode = KEY_MAX + 2
    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    let output: UnsafeMutablePointer<FILE>
    /// Files opened for a headless screen, closed at shutdown.
    let ownedFiles: [UnsafeMutablePointer<FILE>]
    var isShutDown = false
    /// The terminal is lent to another program (`suspend`) until `resume`.
    var isSuspended = false

    // Drawing state.
    var palette: ColorPairs
    var roleStyles: [StyleRole: CellStyle] = [:]
    let theme: Theme
    var previousGrid: Grid?
    var previousScreenSize: (width: Int, height: Int)?
    var cursorVisible: Bool?
    /// Cells written to curses by the last `draw` (the diff at work), for tests.
    package internal(set) var cellsWrittenLastDraw = 0

    // Input state: what arrived while reading something else (a resize during a paste).
    var queuedInput: [TerminalInput] = []
    /// The terminal hung up (its tmux server, ssh session or window is gone): the input reports
    /// end of file for ever, and no SIGHUP may come (a pane's process is not always the session
    /// leader the kernel signals). Reported as SIGHUP by `pendingSignal()`.
    var hungUp = false
    /// The descriptor keys come from, polled beside a wake-up descriptor (`read(timeoutMillis:wakingOn:)`).
    let inputDescriptor: Int32
    /// Longest paste kept (UTF-8 bytes); the rest of a larger paste is read and dropped.
    package var pasteLimitBytes = 1 << 20

    /// Starts the screen on the process's terminal (`TERM`, stdout, stdin). Call `preflight`
    /// first for a friendly error; `noColor` (from `NO_COLOR`) draws attributes only.
    public convenience init(theme: Theme, noColor: Bool) throws {
        try self.init(terminalName: nil, output: ct_stdout(), input: ct_stdin(), ownedFiles: [],
                      theme: theme, noColor: noColor, catchInterrupts: true, locale: "")
    }

    /// Starts a screen on any pair of streams: `terminalName` nil means `TERM`. With
    /// `catchInterrupts` false, SIGINT and friends keep their current handling (tests); `locale`
    /// "" means the environment's.
    package init(terminalName: String?, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>,
                 ownedFiles: [UnsafeMutablePointer<FILE>], theme: Theme, noColor: Bool, catchInterrupts: Bool,
                 locale: String) throws {
        guard ct_screen_active() == 0 else { throw TerminalError.alreadyActive }
        // Before newterm, or UTF-8 comes out as blanks or Latin-1.
        setlocale(LC_ALL, locale)
        // Before newterm, so ncurses does not install its own endwin-and-exit handlers.
        if catchInterrupts { ct_install_signal_handlers() }
        ct_install_crash_handler()
        // newterm, not initscr: initscr prints and exits on an unknown TERM.
        let started: OpaquePointer? = if let terminalName {
            terminalName.withCString { newterm($0, output, input) }
        } else {
            newterm(nil, output, input)
        }
        let name = terminalName ?? getenv("TERM").map { String(cString: $0) } ?? ""
        guard let started else { throw TerminalError.screenUnavailable(name) }
        set_term(started)
        guard let window = ct_stdscr() else {
            endwin()
            delscreen(started)
            throw TerminalError.screenUnavailable(name)
        }
        screen = started
        self.window = window
        self.output = output
        self.ownedFiles = ownedFiles
        inputDescriptor = fileno(input)
        self.theme = noColor ? theme.monochrome : theme

        raw()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        set_escdelay(25)

        var colorsOn = false, terminalDefaults = false
        if !noColor, has_colors(), start_color() == OK, ct_colors() >= 8 {
            colorsOn = true
            terminalDefaults = use_default_colors() == OK
        }
        palette = ColorPairs(enabled: colorsOn, colors: Int(ct_colors()), pairs: Int(ct_color_pairs()),
                             terminalDefaults: terminalDefaults)

        define_key("\u{1B}[200~", Self.pasteStartCode)
        define_key("\u{1B}[201~", Self.pasteEndCode)
        writeRaw(Self.bracketedPasteOn)
        ct_set_screen_active(1, fileno(output))
    }

    deinit { shutdown() }

    /// The screen's size in cells, as curses knows it (updated on resize).
    public var size: (width: Int, height: Int) {
        guard !isShutDown else { return (0, 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// The signal received since the last call that asks the process to end (SIGINT, SIGTERM,
    /// SIGHUP, SIGQUIT, SIGUSR1, SIGALRM, SIGPIPE… every one whose default action terminates
    /// without a crash), if any; the run loop should save, shut the screen down, and then call
    /// `Terminal.endProcess(bySignal:)`.
    public func pendingSignal() -> Int32? {
        let signal = ct_take_signal()
        if signal != 0 { return signal }
        return hungUp ? SIGHUP : nil
    }

    /// After curses reported no key: whether that was the terminal hanging up rather than a
    /// timeout (poll says POLLHUP, POLLERR or POLLNVAL on the input). Sets `hungUp`.
    @discardableResult
    func noteHangUp() -> Bool {
        guard !hungUp else { return true }
        var entry = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        if poll(&entry, 1, 0) > 0, Int32(entry.revents) & Int32(POLLHUP | POLLERR | POLLNVAL) != 0 { hungUp = true }
        return hungUp
    }

    /// Whether the screen catches `signal` (for tests and reports).
    public static func catchesSignal(_ signal: Int32) -> Bool { ct_is_leave_signal(signal) != 0 }

    /// Ends the process by `signal` with its default action, so its parent sees what ended it.
    /// Call after `shutdown()`.
    public static func endProcess(bySignal signal: Int32) -> Never {
        ct_die_by_signal(signal)
    }

    /// Gives the terminal back: bracketed paste off, normal screen, cooked mode. Safe to call
    /// more than once; also runs on deinit.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        writeRaw(Self.bracketedPasteOff)
        endwin()
        ct_set_screen_active(0, -1)
        delscreen(screen)
        for file in ownedFiles { fclose(file) }
    }

    /// Lends the terminal to another program for a while (a runbook's command): the normal
    /// screen, cooked mode, no bracketed paste. `resume` takes it back.
    public func suspend() {
        guard !isShutDown, !isSuspended else { return }
        isSuspended = true
        writeRaw(Self.bracketedPasteOff)
        def_prog_mode()
        endwin()
        ct_set_screen_active(0, -1)
    }

    /// Takes the terminal back after `suspend`: curses' modes again, a size changed meanwhile
    /// reported as a resize (the next read), and the next `draw` writes every cell.
    public func resume() {
        guard !isShutDown, isSuspended else { return }
        isSuspended = false
        ct_set_screen_active(1, fileno(output))
        reset_prog_mode()
        var real = winsize()
        if ioctl(fileno(output), UInt(TIOCGWINSZ), &real) == 0, real.ws_col > 0, real.ws_row > 0,
           Int(real.ws_col) != size.width || Int(real.ws_row) != size.height {
            // Queues a KEY_RESIZE, which the next read reports.
            resizeterm(Int32(real.ws_row), Int32(real.ws_col))
        }
        writeRaw(Self.bracketedPasteOn)
        invalidate()
        wrefresh(window)
    }

    /// Sends bytes curses knows nothing about (mode switches) straight to the terminal.
    func writeRaw(_ sequence: String) {
        fputs(sequence, output)
        fflush(output)
    }
}
