extension Grid {
    /// Draws a border around `rect` with `title` in the top edge, and returns the inside.
    @discardableResult
    public mutating func box(_ rect: Rect, title: String, focused: Bool = false, titleRole: StyleRole = .title) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let role: StyleRole = focused ? .focusBorder : .border
        for x in rect.x..<rect.maxX {
            self[x, rect.y] = Cell("─", role)
            self[x, rect.maxY - 1] = Cell("─", role)
        }
        for y in rect.y..<rect.maxY {
            self[rect.x, y] = Cell("│", role)
            self[rect.maxX - 1, y] = Cell("│", role)
        }
        self[rect.x, rect.y] = Cell("┌", role)
        self[rect.maxX - 1, rect.y] = Cell("┐", role)
        self[rect.x, rect.maxY - 1] = Cell("└", role)
        self[rect.maxX - 1, rect.maxY - 1] = Cell("┘", role)
        if rect.width > 4 { put(" \(title) ", x: rect.x + 1, y: rect.y, role: titleRole, limit: rect.width - 2) }
        return rect.inset(1)
    }
}
