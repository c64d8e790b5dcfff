import CTerminal

/// The wide characters ncurses gets for one grid cell: a spacing character plus the zero-width
/// ones that ride on it (combining marks, variation selectors, joiners), NUL-terminated.
///
/// ncurses keeps at most `CCHARW_MAX` (5) characters per cell and only one of them may take
/// columns, so an emoji ZWJ sequence keeps its first emoji. Control and bidi characters never
/// reach the terminal: the UI sanitizes text, but this is the last line before the tty.
enum CellText {
    /// What an unprintable grapheme is drawn as.
    static let replacement: wchar_t = 0xFFFD
    /// Characters one ncurses cell holds.
    static let capacity = 5

    /// The NUL-terminated wide characters for `text` (a blank for an empty string).
    static func wideCharacters(_ text: String) -> [wchar_t] {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return [0x20, 0] }
        let base = wchar_t(bitPattern: first.value)
        var result: [wchar_t] = [isUnsafe(first) || ct_wcwidth(base) <= 0 ? replacement : base]
        while result.count < capacity, let scalar = scalars.next() {
            let character = wchar_t(bitPattern: scalar.value)
            // A second spacing character would start a new cell in ncurses: stop there.
            if ct_wcwidth(character) != 0 { break }
            if isUnsafe(scalar) { continue }
            result.append(character)
        }
        // A joiner left dangling would join whatever the terminal prints next.
        while result.count > 1, result.last == 0x200D { result.removeLast() }
        result.append(0)
        return result
    }

    /// Columns libc (and so ncurses) gives the cell's first character.
    static func columns(_ characters: [wchar_t]) -> Int {
        guard let first = characters.first else { return 1 }
        return Int(max(0, ct_wcwidth(first)))
    }

    /// Controls (C0, DEL, C1) and bidi overrides, which would move the cursor, change modes or
    /// reorder what comes after them on the line.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
