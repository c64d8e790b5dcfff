/// One terminal cell: a grapheme and the role it is drawn in. A wide grapheme (CJK, emoji)
/// occupies its cell and the next one, which holds `continuation`.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here; empty for the right half of a wide grapheme.
    public var text: String
    public var role: StyleRole

    public init(_ text: String, _ role: StyleRole = .text) {
        self.text = text
        self.role = role
    }

    public static let blank = Cell(" ", .text)
    /// The right half of a wide grapheme: draws nothing of its own.
    public static func continuation(_ role: StyleRole) -> Cell { Cell("", role) }

    public var isContinuation: Bool { text.isEmpty }
}

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

/// A rectangle of cells.
public struct Rect: Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The rectangle shrunk by `amount` on every side.
    public func inset(_ amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
}
