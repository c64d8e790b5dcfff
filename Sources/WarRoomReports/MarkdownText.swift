import WarRoomText

/// User text made safe for a Markdown document: nothing a person typed can add a heading, a list,
/// a table column, a link, code or raw HTML, and no control character reaches the file.
///
/// Every function first runs the Sanitizer (controls and bidi characters become visible text),
/// then escapes, once, with backslashes (`\|`, `\*`, `\[`), and only what Markdown would read:
/// `<` only where it could open a tag or an autolink (`\<b>`; `p99 < 2s` stays), `&` only where it
/// would start an entity (`\&gt;`; `R&D` stays), `>` only at the start of a line (a quote). So a
/// renderer shows exactly what was typed, and the raw file reads as typed too — never `&gt;`.
public enum MarkdownText {
    /// Text for inside a line (after a label, inside emphasis): one line, newlines shown as " / ",
    /// Markdown punctuation and HTML escaped. Not safe at the start of a line: see `line(_:)`.
    public static func inline(_ text: String) -> String {
        escapeInline(ReportText.line(text))
    }

    /// A table cell: `inline(_:)`, whose `|` are escaped so the row keeps its columns.
    public static func cell(_ text: String) -> String {
        inline(text)
    }

    /// Text that starts a line (a list item's text, a paragraph line): `inline(_:)`, plus the
    /// block markers a line may open with — `#`, `-`, `+`, `=`, `1.`, `1)` — escaped.
    public static func line(_ text: String) -> String {
        escapeLineStart(inline(text))
    }

    /// A block of user text: each line trimmed (so indentation cannot make a code block) and
    /// escaped as a line; blank lines separate paragraphs (one blank line at most). Empty when
    /// the text is blank.
    public static func paragraph(_ text: String) -> String {
        lines(text).map { $0.map(line).joined(separator: "\n") }.joined(separator: "\n\n")
    }

    /// The text's non-blank lines as list items: each escaped as a line; a bullet the person
    /// typed (`- `, `* `, `• `) is dropped, since the document draws its own.
    public static func listItems(_ text: String) -> [String] {
        lines(text).flatMap { $0 }.map { item in
            var rest = Substring(item)
            for bullet in ["- ", "* ", "+ ", "• "] where rest.hasPrefix(bullet) {
                rest = rest.dropFirst(bullet.count)
                break
            }
            return line(String(rest))
        }.filter { !$0.isEmpty }
    }

    // MARK: - Escaping

    /// Groups of consecutive non-blank lines, each line trimmed; blank lines split the groups.
    static func lines(_ text: String) -> [[String]] {
        var groups: [[String]] = []
        var current: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = raw.trimmed(" \t")
            if trimmed.isEmpty {
                if !current.isEmpty { groups.append(current) }
                current = []
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// Backslash-escapes Markdown punctuation, and `<` and `&` where they would start HTML.
    static func escapeInline(_ text: String) -> String {
        let characters = Array(text)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for (index, character) in characters.enumerated() {
            switch character {
            case "&" where startsReference(characters, at: index + 1): out += "\\&"
            case "<" where index + 1 < characters.count && opensTag(characters[index + 1]): out += "\\<"
            case "\\", "`", "*", "_", "[", "]", "|", "~": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// What may follow `<` in a raw HTML tag, a comment, a declaration or an autolink.
    static func opensTag(_ next: Character) -> Bool {
        (next.isASCII && next.isLetter) || next == "/" || next == "!" || next == "?"
    }

    /// Whether `&` followed by `characters[start...]` is an entity or a numeric character
    /// reference (`&gt;`, `&#62;`, `&#x3E;`), which a renderer would decode.
    static func startsReference(_ characters: [Character], at start: Int) -> Bool {
        var index = start
        func isHex(_ c: Character) -> Bool { c.isASCII && c.isHexDigit }
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        func isAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
        guard index < characters.count else { return false }
        var body: (Character) -> Bool = isAlnum
        var limit = 32
        if characters[index] == "#" {
            index += 1
            guard index < characters.count else { return false }
            if characters[index] == "x" || characters[index] == "X" {
                index += 1
                body = isHex
                limit = 6
            } else {
                body = isDigit
                limit = 7
            }
        } else if !(characters[index].isASCII && characters[index].isLetter) {
            return false
        }
        let first = index
        while index < characters.count, index - first < limit, body(characters[index]) { index += 1 }
        return index > first && index < characters.count && characters[index] == ";"
    }

    /// `#` escaped everywhere, for heading text: a trailing `#` run would be read as the
    /// heading's closing sequence.
    static func escapeHashes(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "#" { out += "\\#" } else { out.append(character) }
        }
        return out
    }

    /// Escapes what would open a block at the start of a line: a heading, a list item, a setext
    /// underline, a quote, an ordered-list number. (`*` is already escaped inline.)
    static func escapeLineStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if "#-+=>".contains(first) { return "\\" + text }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = text.dropFirst(digits.count)
            if let marker = rest.first, marker == "." || marker == ")" {
                return String(digits) + "\\" + String(rest)
            }
        }
        return text
    }
}
