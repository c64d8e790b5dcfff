import WarRoomTerminal
import WarRoomScreen

/// What the war room's loop needs of a screen: the real terminal (`Terminal`, curses) or a fake
/// one that tests script with keys and clock steps and read back as grids.
public protocol TerminalDevice: AnyObject {
    /// The screen's size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows `grid` (writing only what changed since the last one) with the cursor at `cursor`.
    func draw(_ grid: Grid, cursor: (x: Int, y: Int)?)
    /// Forgets what is on screen, so the next `draw` writes every cell (Ctrl-L).
    func invalidate()
    /// The next key, paste or resize, waiting at most `timeoutMillis`, or until `descriptor` (a
    /// store's change signal, when given) is readable.
    func read(timeoutMillis: Int, wakingOn descriptor: Int32?) -> TerminalWait
    /// A signal that asks the process to end, if one arrived since the last call.
    func pendingSignal() -> Int32?
    /// Gives the terminal back as it was (safe to call twice).
    func shutdown()
    /// Lends the terminal to another program (a runbook's command) until `resume`.
    func suspend()
    /// Takes it back after `suspend`; the next `draw` writes every cell.
    func resume()
}

extension Terminal: TerminalDevice {}
