import CTerminal
import Glibc
import Testing
@testable import WarRoomTerminal
import WarRoomScreen

/// Every test that touches real curses (or the C locale) lives under this one serialized suite:
/// ncurses state is process-global and crashed when used from parallel tests.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct CursesTests {
    static let theme = Theme(name: "test", styles: [
        .text: .plain,
        .title: Style(foreground: .palette(196), bold: true),
        .muted: Style(foreground: .palette(244), dim: true),
        .selection: Style(foreground: .palette(231), background: .palette(24)),
        .footerKey: Style(reverse: true, underline: true),
    ])

    /// The row as curses holds it, read back with `mvwinnwstr`: what the terminal was told.
    static func screenRow(_ terminal: Terminal, _ y: Int) -> String {
        var buffer = [wchar_t](repeating: 0, count: 1024)
        let count = mvwinnwstr(ct_stdscr(), Int32(y), 0, &buffer, Int32(buffer.count - 1))
        guard count != ERR else { return "<ERR>" }
        var text = ""
        for character in buffer.prefix(while: { $0 != 0 }) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: character)) { text.unicodeScalars.append(scalar) }
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// A grid with text written cell by cell: wide graphemes get a continuation cell.
    static func grid(width: Int, height: Int, rows: [[String]], role: StyleRole = .text) -> Grid {
        var grid = Grid(width: width, height: height)
        for (y, row) in rows.enumerated() {
            var x = 0
            for text in row {
                grid[x, y] = Cell(text, role)
                if let character = text.first, DisplayWidth.of(character) == 2 {
                    grid[x + 1, y] = .continuation(role)
                    x += 2
                } else {
                    x += 1
                }
            }
        }
        return grid
    }
}
