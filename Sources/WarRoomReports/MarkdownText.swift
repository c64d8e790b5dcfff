import WarRoomText

/// User text made safe for a Markdown document: nothing a person typed can add a heading, a list,
/// a table column, a link, code or raw HTML, and no control character reaches the file.
///
/// Every function first runs the Sanitizer (controls and bidi characters become visible text),
/// then escapes. Backslash escapes are used for Markdown punctuation (`\|`, `\*`, `\[`) and
/// entities for the HTML characters (`&lt;`, `&gt;`, `&amp;`), so a renderer shows exactly what was
/// typed and a reader of the raw file still can.
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

    /// Backslash-escapes Markdown punctuation; HTML characters become entities.
    static func escapeInline(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
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
    /// underline, an ordered-list number. (`>` and `*` are already escaped inline.)
    static func escapeLineStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if "#-+=".contains(first) { return "\\" + text }
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
