/// The scribe's input line: text and a cursor, edited by grapheme. A paste inserts text with its
/// newlines kept, so a multi-line paste becomes one entry.
public struct LineEditor: Hashable, Sendable {
    public private(set) var text: String = ""
    /// Cursor position, in graphemes from the start.
    public private(set) var cursor: Int = 0

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    public var isEmpty: Bool { text.isEmpty }

    public mutating func insert(_ string: String) {
        let index = text.index(text.startIndex, offsetBy: cursor)
        let before = text.count
        text.insert(contentsOf: string, at: index)
        // A combining mark, skin tone or second flag letter joins the grapheme before it: the
        // text grows by fewer characters than were inserted, and so does the cursor.
        cursor = min(text.count, cursor + (text.count - before))
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        let index = text.index(text.startIndex, offsetBy: cursor - 1)
        text.remove(at: index)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor))
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func home() { cursor = 0 }
    public mutating func end() { cursor = text.count }

    /// Moves to the same column of the previous (`-1`) or next (`+1`) line of a multi-line text.
    public mutating func moveLine(_ step: Int) {
        let characters = Array(text)
        var lineStart = cursor
        while lineStart > 0, characters[lineStart - 1] != "\n" { lineStart -= 1 }
        let column = cursor - lineStart
        if step < 0 {
            guard lineStart > 0 else { return }
            var previousStart = lineStart - 1
            while previousStart > 0, characters[previousStart - 1] != "\n" { previousStart -= 1 }
            cursor = min(previousStart + column, lineStart - 1)
        } else {
            var lineEnd = cursor
            while lineEnd < characters.count, characters[lineEnd] != "\n" { lineEnd += 1 }
            guard lineEnd < characters.count else { return }
            var nextEnd = lineEnd + 1
            while nextEnd < characters.count, characters[nextEnd] != "\n" { nextEnd += 1 }
            cursor = min(lineEnd + 1 + column, nextEnd)
        }
    }

    /// Deletes the word before the cursor (Ctrl-W).
    public mutating func deleteWord() {
        while cursor > 0, text[text.index(text.startIndex, offsetBy: cursor - 1)] == " " { backspace() }
        while cursor > 0, text[text.index(text.startIndex, offsetBy: cursor - 1)] != " " { backspace() }
    }

    /// Deletes everything before the cursor (Ctrl-U).
    public mutating func deleteToStart() {
        text.removeFirst(cursor)
        cursor = 0
    }

    /// Replaces the whole text, cursor at the end.
    public mutating func replace(with string: String) {
        text = string
        cursor = string.count
    }

    /// Empties the line and returns what it held.
    public mutating func take() -> String {
        defer { replace(with: "") }
        return text
    }

    /// The word the cursor is in or just after, and where it starts: for completion.
    public var currentWord: (word: String, start: Int) {
        let characters = Array(text)
        var start = cursor
        while start > 0, characters[start - 1] != " " { start -= 1 }
        return (String(characters[start..<cursor]), start)
    }

    /// Replaces the text from `start` (in graphemes) to the cursor with `string` (completion of a
    /// word or of a whole argument); the cursor ends after it.
    public mutating func replace(from start: Int, with string: String) {
        var characters = Array(text)
        let from = min(max(0, start), cursor, characters.count)
        characters.replaceSubrange(from..<min(cursor, characters.count), with: Array(string))
        text = String(characters)
        cursor = min(text.count, from + Array(string).count)
    }

    /// Replaces the current word with `word` (completion).
    public mutating func replaceCurrentWord(with word: String) {
        let (current, start) = currentWord
        var characters = Array(text)
        characters.replaceSubrange(start..<(start + current.count), with: Array(word))
        text = String(characters)
        cursor = start + word.count
    }
}
