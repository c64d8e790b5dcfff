import WarRoomCore

/// A runbook's Markdown body cut where a reader needs it: ATX headings (`#` … `######`) start
/// sections, and fenced code blocks (three or more backticks or tildes, CommonMark's rules:
/// closed by a fence of the same character at least as long, else by the end of the file) are
/// picked out with their info string's first word as the language. A `#` line inside a fence is
/// code, not a heading.
enum RunbookMarkdown {
    struct Fence {
        var character: Character
        var length: Int
        var indent: Int
        var info: String
    }

    /// The sections and code blocks of `lines`, the first of which is the file's line `firstLine`.
    static func split(_ lines: [String], firstLine: Int) -> (sections: [RunbookSection], codeBlocks: [RunbookCodeBlock]) {
        var sections: [RunbookSection] = []
        var blocks: [RunbookCodeBlock] = []
        var current = RunbookSection(title: "", level: 0, line: firstLine, text: "")
        var currentLines: [String] = []
        var open: (fence: Fence, line: Int, lines: [String])?

        func finishSection() {
            current.text = trimmedBlankLines(currentLines).joined(separator: "\n")
            if current.level > 0 || !current.text.isEmpty { sections.append(current) }
        }

        for (offset, line) in lines.enumerated() {
            let number = firstLine + offset
            if var block = open {
                if closes(line, block.fence) {
                    blocks.append(RunbookCodeBlock(language: language(block.fence.info), text: block.lines.joined(separator: "\n"),
                                                   line: block.line, section: current.title))
                    open = nil
                } else {
                    block.lines.append(dedented(line, by: block.fence.indent))
                    open = block
                }
                currentLines.append(line)
                continue
            }
            if let fence = opening(line) {
                open = (fence, number, [])
                currentLines.append(line)
                continue
            }
            if let (level, title) = heading(line) {
                finishSection()
                current = RunbookSection(title: title, level: level, line: number, text: "")
                currentLines = []
                continue
            }
            currentLines.append(line)
        }
        if let block = open {
            blocks.append(RunbookCodeBlock(language: language(block.fence.info), text: trimmedBlankLines(block.lines).joined(separator: "\n"),
                                           line: block.line, section: current.title))
        }
        finishSection()
        return (sections, blocks)
    }

    /// Up to three spaces, then the run of `#`s and a space or the end: `## Mitigation ##` →
    /// (2, "Mitigation").
    static func heading(_ line: String) -> (Int, String)? {
        var rest = Substring(line)
        var indent = 0
        while rest.first == " ", indent < 4 { rest.removeFirst(); indent += 1 }
        guard indent <= 3 else { return nil }
        let hashes = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        rest = rest.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var title = rest.trimmingSpaces
        // A closing run of `#`s after a space is not part of the title.
        let closing = title.reversed().prefix { $0 == "#" }.count
        if closing > 0 {
            let before = title.dropLast(closing)
            if before.isEmpty || before.last == " " || before.last == "\t" { title = before.trimmingSpaces }
        }
        return (hashes, String(title))
    }

    static func opening(_ line: String) -> Fence? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let character = rest.first, character == "`" || character == "~" else { return nil }
        let length = rest.prefix { $0 == character }.count
        guard length >= 3 else { return nil }
        let info = String(rest.dropFirst(length).trimmingSpaces)
        // A backtick fence's info string may not hold a backtick (that is inline code).
        if character == "`", info.contains("`") { return nil }
        return Fence(character: character, length: length, indent: indent, info: info)
    }

    static func closes(_ line: String, _ fence: Fence) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        let length = rest.prefix { $0 == fence.character }.count
        return length >= fence.length && rest.dropFirst(length).trimmingSpaces.isEmpty
    }

    static func language(_ info: String) -> String? {
        info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first.map(String.init)
    }

    /// The line without up to `indent` leading spaces (the opening fence's indentation).
    static func dedented(_ line: String, by indent: Int) -> String {
        let spaces = min(indent, line.prefix { $0 == " " }.count)
        return String(line.dropFirst(spaces))
    }

    static func trimmedBlankLines(_ lines: [String]) -> ArraySlice<String> {
        var slice = lines[...]
        while let first = slice.first, first.trimmingSpaces.isEmpty { slice.removeFirst() }
        while let last = slice.last, last.trimmingSpaces.isEmpty { slice.removeLast() }
        return slice
    }
}
