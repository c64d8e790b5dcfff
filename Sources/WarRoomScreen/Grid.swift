/// The whole screen as cells: what the UI renders and what the terminal layer draws. Writing
/// outside the grid is clipped, never a trap; wide graphemes never straddle the right edge.
public struct Grid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// The text of one row, continuation cells skipped: what a person sees on that line.
    public func rowText(_ y: Int) -> String {
        guard y >= 0 && y < height else { return "" }
        var line = ""
        for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].text }
        return line
    }

    /// Every row's text, trailing blanks trimmed.
    public var lines: [String] {
        (0..<height).map { y in
            var line = rowText(y)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// Copies a row of cells laid out before (by `put` on a grid of its own) onto row `y` from
    /// column `x`, clipped; a wide grapheme cut in half by an edge becomes a blank.
    public mutating func place(_ row: [Cell], x: Int, y: Int) {
        guard y >= 0, y < height else { return }
        let first = max(0, -x), end = min(row.count, width - x)
        guard first < end else { return }
        let base = y * width + x
        cells.withUnsafeMutableBufferPointer { screen in
            for index in first..<end { screen[base + index] = row[index] }
            if row[first].isContinuation { screen[base + first] = Cell(" ", row[first].role) }
            if end < row.count, row[end].isContinuation { screen[base + end - 1] = Cell(" ", row[end - 1].role) }
        }
    }

    /// Fills a rectangle (clipped) with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let clipped = rect.intersection(Rect(x: 0, y: 0, width: width, height: height))
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { self[x, y] = cell }
        }
    }

    /// Positions (row-major) whose cell differs from `previous`; everything when sizes differ.
    public func changes(since previous: Grid?) -> [(x: Int, y: Int)] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).flatMap { y in (0..<width).map { x in (x, y) } }
        }
        var changed: [(x: Int, y: Int)] = []
        for index in cells.indices where cells[index] != previous.cells[index] {
            changed.append((index % width, index / width))
        }
        return changed
    }
}
