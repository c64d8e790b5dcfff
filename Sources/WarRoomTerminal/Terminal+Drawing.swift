import CTerminal
import WarRoomScreen

extension Terminal {
    /// Shows `grid`, writing only the cells that changed since the last frame (everything after
    /// a resize), clipped to the screen; then shows the cursor at `cursor` or hides it.
    public func draw(_ grid: Grid, cursor: (x: Int, y: Int)?) {
        guard !isShutDown else { return }
        let screenSize = size
        let screenResized = previousScreenSize.map { $0 != screenSize } ?? true
        let gridResized = previousGrid.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if screenResized || gridResized {
            // Cells the new grid does not cover must not keep the old frame's text.
            werase(window)
        }
        if screenResized {
            // The terminal reflowed or cut what it showed: repaint it all once.
            clearok(window, true)
        }
        let changed = grid.changes(since: screenResized || gridResized ? nil : previousGrid)
        var written = 0
        for position in changed where position.x < screenSize.width && position.y < screenSize.height {
            written += drawCell(of: grid, x: position.x, y: position.y, screenWidth: screenSize.width)
        }
        cellsWrittenLastDraw = written
        previousGrid = grid
        previousScreenSize = screenSize
        placeCursor(cursor, screenSize: screenSize)
        wnoutrefresh(window)
        doupdate()
    }

    /// Makes the next `draw` repaint the whole screen from scratch (after something else wrote
    /// to the terminal, or on the user's redraw key).
    public func invalidate() {
        previousGrid = nil
        previousScreenSize = nil
    }

    /// Writes one cell; returns how many curses cells it wrote (0 for a continuation cell).
    private func drawCell(of grid: Grid, x: Int, y: Int, screenWidth: Int) -> Int {
        let cell = grid[x, y]
        // The wide grapheme's own cell covers its right half.
        if cell.isContinuation { return 0 }
        let style = cellStyle(cell.role)
        let gridWide = x + 1 < grid.width && grid[x + 1, y].isContinuation
        var characters = CellText.wideCharacters(cell.text)
        let columns = CellText.columns(characters)
        if gridWide && x + 1 >= screenWidth {
            // Half a wide grapheme does not fit on a narrower screen (mid-resize): leave a blank.
            characters = [0x20, 0]
        } else if !gridWide && columns == 2 {
            // The grid gave it one column, curses would take two and eat the neighbour.
            characters = [CellText.replacement, 0]
        }
        put(characters, style: style, x: x, y: y)
        if gridWide && x + 1 < screenWidth && CellText.columns(characters) < 2 {
            // The grid reserved two columns but curses fills one: blank the other, or the
            // previous frame's character would stay there.
            put([0x20, 0], style: style, x: x + 1, y: y)
            return 2
        }
        return 1
    }

    private func put(_ characters: [wchar_t], style: CellStyle, x: Int, y: Int) {
        var cell = cchar_t()
        characters.withUnsafeBufferPointer { buffer in
            _ = ct_set_cchar(&cell, buffer.baseAddress, style.attributes, style.pair)
        }
        // The bottom-right cell reports ERR (the cursor cannot advance) but is drawn.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
    }

    private func cellStyle(_ role: StyleRole) -> CellStyle {
        if let known = roleStyles[role] { return known }
        let style = palette.cellStyle(theme.style(role))
        roleStyles[role] = style
        return style
    }

    private func placeCursor(_ cursor: (x: Int, y: Int)?, screenSize: (width: Int, height: Int)) {
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < screenSize.width, cursor.y < screenSize.height {
            if cursorVisible != true {
                curs_set(1)
                cursorVisible = true
            }
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else if cursorVisible != false {
            curs_set(0)
            cursorVisible = false
        }
    }
}
