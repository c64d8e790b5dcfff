/// The status-update editor: the draft, wrapped by the columns its sanitized text takes, with the
/// cursor kept in view.
enum ComposePane {
    /// Draws the editor over `rect`; returns the cursor cell.
    static func draw(_ grid: inout Grid, _ rect: Rect, _ composer: UpdateComposer) -> (x: Int, y: Int)? {
        grid.fill(rect, with: .blank)
        let title = "Status update — \(composer.audience.rawValue)" + (composer.isEdited ? " (edited)" : " (draft)")
        let inner = grid.box(rect, title: title, focused: true)
        guard inner.width > 0, inner.height > 0 else { return nil }
        // Rows of (text, index of its first character), soft-wrapped by columns.
        var rows: [(text: String, start: Int)] = []
        var cursorRow = 0, cursorColumn = 0
        var row = "", rowStart = 0, column = 0, index = 0
        let cursor = composer.editor.cursor
        for character in composer.editor.text {
            if index == cursor { cursorRow = rows.count; cursorColumn = column }
            if character == "\n" {
                rows.append((row, rowStart))
                row = ""; column = 0; rowStart = index + 1
            } else {
                // As drawn: a control takes two columns (`^[`), an override eight (`<U+202E>`).
                let cells = InputLine.drawnWidth(character)
                if column + cells > inner.width {
                    rows.append((row, rowStart))
                    row = ""; column = 0; rowStart = index
                    if index == cursor { cursorRow = rows.count; cursorColumn = 0 }
                }
                row.append(character)
                column += cells
            }
            index += 1
        }
        if index == cursor { cursorRow = rows.count; cursorColumn = column }
        rows.append((row, rowStart))
        let top = max(0, cursorRow - inner.height + 1)
        for (offset, line) in rows.dropFirst(top).prefix(inner.height).enumerated() {
            grid.put(line.text, x: inner.x, y: inner.y + offset, role: .input, limit: inner.width)
        }
        return (inner.x + min(cursorColumn, inner.width - 1), inner.y + cursorRow - top)
    }
}
