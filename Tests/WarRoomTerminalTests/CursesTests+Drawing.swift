import CTerminal
import Glibc
import Testing
@testable import WarRoomTerminal
import WarRoomScreen

extension CursesTests {
    /// Drawing grids on a headless xterm-256color screen and reading curses' screen back.
    @Suite struct Drawing {
        @Test func asciiWideEmojiAndCombiningMarksRoundTrip() throws {
            let terminal = try Terminal.headless(width: 20, height: 6, theme: CursesTests.theme)
            defer { terminal.shutdown() }
            let rows: [[String]] = [
                "Hello, war room".map(String.init),
                ["中", "文", "o", "k"],
                ["🔥", "S", "E", "V", "1"],
                ["e\u{301}", "a\u{308}\u{304}", "n\u{303}", "!"],
                ["👩\u{200D}💻", "x"],
                ["❤\u{FE0F}", "y"],
            ]
            let grid = CursesTests.grid(width: 20, height: 6, rows: rows)
            terminal.draw(grid, cursor: nil)

            for y in 0..<4 {
                #expect(CursesTests.screenRow(terminal, y) == grid.lines[y], "row \(y)")
            }
            // One cell each, read back whole: the base and its marks in one cchar_t.
            #expect(terminal.screenText(x: 0, y: 3) == "e\u{301}")
            #expect(terminal.screenText(x: 1, y: 3) == "a\u{308}\u{304}")
            #expect(terminal.screenText(x: 0, y: 1) == "中")
            #expect(terminal.screenText(x: 2, y: 1) == "文")
            #expect(terminal.screenText(x: 0, y: 2) == "🔥")
            // ncurses keeps one spacing character per cell: a ZWJ sequence keeps its first emoji,
            // and still takes the two columns the grid gave it.
            #expect(terminal.screenText(x: 0, y: 4) == "👩")
            #expect(terminal.screenText(x: 2, y: 4) == "x")
            // libc gives ❤ one column but the grid two: the second is blanked, "y" stays put.
            #expect(terminal.screenText(x: 0, y: 5) == "❤\u{FE0F}")
            #expect(terminal.screenText(x: 1, y: 5) == " ")
            #expect(terminal.screenText(x: 2, y: 5) == "y")
        }

        @Test func onlyChangedCellsAreWritten() throws {
            let terminal = try Terminal.headless(width: 12, height: 3, theme: CursesTests.theme)
            defer { terminal.shutdown() }
            var grid = CursesTests.grid(width: 12, height: 3, rows: [
                "status: ok".map(String.init), ["中", "文"], "abc".map(String.init),
            ])
            terminal.draw(grid, cursor: nil)
            // Everything on the first frame, the two continuation cells excepted.
            #expect(terminal.cellsWrittenLastDraw == 12 * 3 - 2)

            terminal.draw(grid, cursor: nil)
            #expect(terminal.cellsWrittenLastDraw == 0)

            grid[8, 0] = Cell("n")
            grid[9, 0] = Cell("o")
            grid[2, 2] = Cell("C", .title)
            terminal.draw(grid, cursor: (x: 3, y: 2))
            #expect(terminal.cellsWrittenLastDraw == 3)
            #expect(CursesTests.screenRow(terminal, 0) == "status: no")
            #expect(CursesTests.screenRow(terminal, 1) == "中文")
            #expect(CursesTests.screenRow(terminal, 2) == "abC")

            // A redraw request repaints every cell once.
            terminal.invalidate()
            terminal.draw(grid, cursor: nil)
            #expect(terminal.cellsWrittenLastDraw == 12 * 3 - 2)
            #expect(CursesTests.screenRow(terminal, 0) == "status: no")
        }

        @Test func resizeRepaintsEverythingAndClipsToTheScreen() throws {
            let terminal = try Terminal.headless(width: 10, height: 4, theme: CursesTests.theme)
            defer { terminal.shutdown() }
            let wide = CursesTests.grid(width: 10, height: 4, rows: [
                "0123456789".map(String.init), ["a", "b", "c", "中", "d"], [], "bottom-row".map(String.init),
            ])
            terminal.draw(wide, cursor: nil)

            // The screen shrinks before the UI has drawn a grid of the new size.
            resizeterm(3, 4)
            #expect(terminal.size == (width: 4, height: 3))
            terminal.draw(wide, cursor: (x: 9, y: 3))
            #expect(terminal.cellsWrittenLastDraw == 4 * 3)
            #expect(CursesTests.screenRow(terminal, 0) == "0123")
            // 中 would straddle the right edge: a blank instead of half a character.
            #expect(CursesTests.screenRow(terminal, 1) == "abc")

            // The UI catches up with a smaller grid: all of it is drawn, nothing stale remains.
            let small = CursesTests.grid(width: 4, height: 3, rows: [["x"]])
            terminal.draw(small, cursor: nil)
            #expect(terminal.cellsWrittenLastDraw == 12)
            #expect(CursesTests.screenRow(terminal, 0) == "x")
            #expect(CursesTests.screenRow(terminal, 1) == "")

            // A grid smaller than the screen leaves the rest blank.
            resizeterm(5, 8)
            terminal.draw(small, cursor: nil)
            #expect(terminal.cellsWrittenLastDraw == 12)
            #expect((0..<5).map { CursesTests.screenRow(terminal, $0) } == ["x", "", "", "", ""])
        }

        @Test func stylesBecomeAttributesAndLazilyAllocatedPairs() throws {
            let terminal = try Terminal.headless(width: 6, height: 1, theme: CursesTests.theme)
            defer { terminal.shutdown() }
            var grid = Grid(width: 6, height: 1)
            grid[0, 0] = Cell("T", .title)
            grid[1, 0] = Cell("T", .title)
            grid[2, 0] = Cell("m", .muted)
            grid[3, 0] = Cell("s", .selection)
            grid[4, 0] = Cell("k", .footerKey)
            grid[5, 0] = Cell("u", .sev1)  // not in the theme: falls back to `text`
            terminal.draw(grid, cursor: nil)

            let title = try #require(terminal.screenStyle(x: 0, y: 0))
            #expect(title.attributes & ct_attr_bold() != 0)
            #expect(title.pair == 1)
            #expect(terminal.screenStyle(x: 1, y: 0)?.pair == 1)
            let muted = try #require(terminal.screenStyle(x: 2, y: 0))
            #expect(muted.attributes & ct_attr_dim() != 0)
            #expect(muted.pair == 2)
            #expect(terminal.screenStyle(x: 3, y: 0)?.pair == 3)
            var foreground: Int32 = 0, background: Int32 = 0
            #expect(extended_pair_content(3, &foreground, &background) == OK)
            #expect(foreground == 231 && background == 24)
            let key = try #require(terminal.screenStyle(x: 4, y: 0))
            #expect(key.attributes & ct_attr_reverse() != 0 && key.attributes & ct_attr_underline() != 0)
            #expect(key.pair == 0)
            #expect(terminal.screenStyle(x: 5, y: 0)?.pair == 0)
        }

        @Test func noColorDrawsAttributesOnly() throws {
            let terminal = try Terminal.headless(width: 2, height: 1, theme: CursesTests.theme, noColor: true)
            defer { terminal.shutdown() }
            var grid = Grid(width: 2, height: 1)
            grid[0, 0] = Cell("T", .title)
            grid[1, 0] = Cell("s", .selection)
            terminal.draw(grid, cursor: nil)
            let title = try #require(terminal.screenStyle(x: 0, y: 0))
            #expect(title.attributes & ct_attr_bold() != 0)
            #expect(title.pair == 0)
            #expect(terminal.screenStyle(x: 1, y: 0)?.pair == 0)
        }

        @Test func cellTextKeepsMarksAndDropsControls() {
            setlocale(LC_ALL, "C.UTF-8")
            #expect(CellText.wideCharacters("") == [0x20, 0])
            #expect(CellText.wideCharacters("a") == [0x61, 0])
            #expect(CellText.wideCharacters("e\u{301}") == [0x65, 0x301, 0])
            #expect(CellText.wideCharacters("\u{1B}") == [0xFFFD, 0])
            #expect(CellText.wideCharacters("\u{9B}") == [0xFFFD, 0])
            #expect(CellText.wideCharacters("\u{202E}") == [0xFFFD, 0])
            #expect(CellText.wideCharacters("\u{301}") == [0xFFFD, 0])
            #expect(CellText.wideCharacters("a\u{202E}\u{2066}") == [0x61, 0])
            #expect(CellText.wideCharacters("👩\u{200D}💻") == [0x1F469, 0])
            #expect(CellText.wideCharacters("a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}").count == CellText.capacity + 1)
        }

        @Test func oneScreenAtATimeAndShutdownIsIdempotent() throws {
            let terminal = try Terminal.headless(width: 4, height: 2, theme: CursesTests.theme)
            #expect(throws: TerminalError.alreadyActive) {
                _ = try Terminal.headless(width: 4, height: 2, theme: CursesTests.theme)
            }
            terminal.shutdown()
            terminal.shutdown()
            terminal.draw(Grid(width: 4, height: 2), cursor: (x: 0, y: 0))
            #expect(terminal.read(timeoutMillis: 0) == nil)
            #expect(terminal.size == (width: 0, height: 0))
            let again = try Terminal.headless(width: 4, height: 2, theme: CursesTests.theme)
            #expect(again.size == (width: 4, height: 2))
        }
    }
}
