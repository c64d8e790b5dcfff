import WarRoomText

extension Grid {
    /// Writes `text` on row `y` from column `x`, in `role`, within `limit` columns (default: to the
    /// right edge). Untrusted text is sanitized first (one line: newlines become `↵`). A wide
    /// grapheme that would not fit is replaced by a space, so nothing ever straddles an edge.
    /// Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + max(0, limit ?? (width - x)))
        var column = x
        let shown = Self.bounded(text, columns: end - x)
        if shown.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // Printable ASCII, most of what is drawn: clean as it is, a cell per byte, no grapheme breaking.
            for byte in shown.utf8 {
                if column >= end { break }
                if column >= 0 { self[column, y] = Cell(Self.ascii[Int(byte)], role) }
                column += 1
            }
            return max(0, column - x)
        }
        for character in Sanitizer.clean(shown) {
            let cells = DisplayWidth.of(character)
            if cells == 0 { continue }
            if column + cells > end {
                // Pad the last column rather than cut a wide grapheme in half.
                if column < end, column >= 0 { self[column, y] = Cell(" ", role); column += 1 }
                break
            }
            if column >= 0 {
                self[column, y] = Cell(String(character), role)
                if cells == 2 { self[column + 1, y] = .continuation(role) }
            }
            column += cells
        }
        return max(0, column - x)
    }

    /// Each ASCII byte as a one-character string, made once.
    static let ascii: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// Writes `text` and fills the rest of `width` columns with blanks in the same role.
    public mutating func putPadded(_ text: String, x: Int, y: Int, width columns: Int, role: StyleRole) {
        let used = put(text, x: x, y: y, role: role, limit: columns)
        if used < columns { fill(Rect(x: x + used, y: y, width: columns - used, height: 1), with: Cell(" ", role)) }
    }

    /// Writes `text` right-aligned so it ends at column `right` (exclusive).
    @discardableResult
    public mutating func putRight(_ text: String, right: Int, y: Int, role: StyleRole) -> Int {
        let shown = Self.bounded(text, columns: width)
        let columns = DisplayWidth.of(Sanitizer.clean(shown))
        return put(shown, x: right - columns, y: y, role: role, limit: columns)
    }

    /// At most what can show in `columns` cells (every drawn character takes at least one), with
    /// room for characters the sanitizer drops: a megabyte-long title costs what fits, not all of it.
    public static func bounded(_ text: String, columns: Int) -> String {
        let keep = 4 * max(0, columns) + 256
        return text.utf8.count > keep ? String(text.prefix(keep)) : text
    }
}

/// Word wrapping by display columns.
public enum TextWrap {
    /// Splits sanitized `text` into lines of at most `width` columns, breaking at spaces where it
    /// can and inside a word only when the word alone is too long. Explicit newlines are kept as
    /// line breaks. Always returns at least one line; never loops on a zero width.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [""] }
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) { return asciiLines(text, width: width) }
        return graphemeLines(text, width: width)
    }

    /// `lines` for any text: grapheme by grapheme, measured by display width.
    static func graphemeLines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [""] }
        var result: [String] = []
        for paragraph in Sanitizer.clean(text, newlines: .keep).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                let wordWidth = DisplayWidth.of(word)
                let gap = line.isEmpty ? 0 : 1
                if lineWidth + gap + wordWidth <= width {
                    if gap == 1 { line += " " }
                    line += word
                    lineWidth += gap + wordWidth
                    continue
                }
                if !line.isEmpty { result.append(line); line = ""; lineWidth = 0 }
                // A word longer than the line is cut by columns.
                for character in word {
                    let cells = DisplayWidth.of(character)
                    if lineWidth + cells > width, !line.isEmpty { result.append(line); line = ""; lineWidth = 0 }
                    line.append(character)
                    lineWidth += cells
                }
            }
            result.append(line)
        }
        return result.isEmpty ? [""] : result
    }

    /// `lines` for printable ASCII and newlines (already clean, a column per byte): the same
    /// steps on bytes, without grapheme breaking. Most entries take this path.
    static func asciiLines(_ text: String, width: Int) -> [String] {
        var result: [String] = []
        let bytes = Array(text.utf8)
        var line: [UInt8] = []
        line.reserveCapacity(width)
        func flush() {
            result.append(String(decoding: line, as: UTF8.self))
            line.removeAll(keepingCapacity: true)
        }
        for paragraph in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            for word in paragraph.split(separator: 0x20, omittingEmptySubsequences: false) {
                let gap = line.isEmpty ? 0 : 1
                if line.count + gap + word.count <= width {
                    if gap == 1 { line.append(0x20) }
                    line.append(contentsOf: word)
                    continue
                }
                if !line.isEmpty { flush() }
                // A word longer than the line is cut by columns.
                for byte in word {
                    if line.count + 1 > width, !line.isEmpty { flush() }
                    line.append(byte)
                }
            }
            flush()
        }
        return result.isEmpty ? [""] : result
    }
}

extension TextWrap {
    /// `text` in at most `width` columns: whole when it fits, else cut at the last word boundary
    /// that leaves room for `…` (inside a word only when the first word alone is too long), so a
    /// tired reader never takes half a word for a whole one. Sanitized, one line.
    public static func truncated(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        let clean = Sanitizer.clean(text)
        if DisplayWidth.of(clean) <= width { return clean }
        guard width > 1 else { return "…" }
        var kept = "", used = 0, lastBreak: String.Index?
        for character in clean {
            let cells = DisplayWidth.of(character)
            if used + cells > width - 1 { break }
            if character == " " { lastBreak = kept.endIndex }
            kept.append(character)
            used += cells
        }
        if let lastBreak {
            var head = String(kept[..<lastBreak])
            while let last = head.last, " ,;:—-+·(".contains(last) { head.removeLast() }
            if !head.isEmpty { return head + "…" }
        }
        return kept + "…"
    }
}
