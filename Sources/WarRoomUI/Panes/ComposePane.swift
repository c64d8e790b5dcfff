import WarRoomScreen
/// The status-update editor: the draft, wrapped by the columns its sanitized text takes, with the
/// cursor kept in view.
enum ComposePane {
    /// Draws the editor over `rect`; returns the cursor cell.
    static func draw(_ grid: inout Grid, _ rect: Rect, _ composer: UpdateComposer) -> (x: Int, y: Int)? {
        grid.fill(rect, with: .blank)
        let title = "Status update — \(composer.audience.rawValue)" + (composer.isEdited ? " (edited)" : " (draft)")
        let inner = grid.box(rect, title: title, focused: true)
        guard inner.width > 0, inner.height > 0 else { return nil }
        let (rows, cursorRow, cursorColumn) = layout(composer.editor.text, cursor: composer.editor.cursor, width: inner.width)
        let top = max(0, cursorRow - inner.height + 1)
        for (offset, line) in rows.dropFirst(top).prefix(inner.height).enumerated() {
            grid.put(line.text, x: inner.x, y: inner.y + offset, role: .input, limit: inner.width)
        }
        return (inner.x + min(cursorColumn, inner.width - 1), inner.y + cursorRow - top)
    }

    /// The draft's rows at `width`, soft-wrapped after the last space that fits (inside a word
    /// only when the word alone is wider than the row), each with the index of its first
    /// character; and the cursor's row and column. Widths are those drawn (`^[`, `<U+202E>`).
    static func layout(_ text: String, cursor: Int, width: Int) -> (rows: [(text: String, start: Int)], row: Int, column: Int) {
        var rows: [(text: String, start: Int)] = []
        var current: [(character: Character, index: Int, cells: Int)] = []
        var start = 0, column = 0, index = 0
        func push(_ characters: ArraySlice<(character: Character, index: Int, cells: Int)>, start: Int) {
            rows.append((String(characters.map(\.character)), start))
        }
        for character in text {
            if character == "\n" {
                push(current[...], start: start)
                current = []; column = 0; start = index + 1
            } else {
                let cells = InputLine.drawnWidth(character)
                if column + cells > width, !current.isEmpty {
                    if let space = current.lastIndex(where: { $0.character == " " }), space > 0 {
                        push(current[...space], start: start)
                        current = Array(current[(space + 1)...])
                    } else {
                        push(current[...], start: start)
                        current = []
                    }
                    start = current.first?.index ?? index
                    column = current.reduce(0) { $0 + $1.cells }
                }
                current.append((character, index, cells))
                column += cells
            }
            index += 1
        }
        push(current[...], start: start)
        // The cursor is on the last row starting at or before it.
        let row = rows.lastIndex { $0.start <= cursor } ?? 0
        var cursorColumn = 0
        for character in rows[row].text.prefix(max(0, cursor - rows[row].start)) { cursorColumn += InputLine.drawnWidth(character) }
        return (rows, row, cursorColumn)
    }
}
