import WarRoomText

enum InputLine {
    /// Draws the prompt and the line (scrolled so the cursor shows); returns the cursor cell.
    /// Widths are those of what is drawn: a control shows as `^[`, an override as `<U+202E>`, a
    /// newline from a paste as `↵ `. Only the graphemes that can be on the row are measured and
    /// drawn, so a huge paste costs no more per frame than walking to the cursor.
    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel) -> (x: Int, y: Int)? {
        guard !rect.isEmpty else { return nil }
        let prompt = model.readOnly ? "read-only " : (model.mode == .navigate ? "nav › " : "› ")
        let used = grid.put(prompt, x: rect.x, y: rect.y, role: .prompt)
        let room = rect.width - used - 1
        guard room > 0 else { return nil }
        let text = model.input.text
        let cursorIndex = text.index(text.startIndex, offsetBy: model.input.cursor, limitedBy: text.endIndex) ?? text.endIndex
        // Back from the cursor while the graphemes before it fit.
        var start = cursorIndex
        var cursorColumn = 0
        while start > text.startIndex {
            let previous = text.index(before: start)
            let cells = drawnWidth(text[previous])
            if cursorColumn + cells > room { break }
            cursorColumn += cells
            start = previous
        }
        // Forward from there to the end of the row.
        var end = start
        var columns = 0
        while end < text.endIndex {
            let cells = drawnWidth(text[end])
            if columns + cells > room { break }
            columns += cells
            end = text.index(after: end)
        }
        grid.put(String(text[start..<end]), x: rect.x + used, y: rect.y, role: .input, limit: room)
        if model.input.isEmpty && model.mode == .input && !model.readOnly {
            grid.put("type an entry (14:02 backdates it) or /help", x: rect.x + used, y: rect.y, role: .muted, limit: room)
        }
        return (rect.x + used + cursorColumn, rect.y)
    }

    /// Columns a grapheme takes once sanitized, as `Grid.put` draws it.
    static func drawnWidth(_ character: Character) -> Int {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        return DisplayWidth.of(Sanitizer.clean(String(character)))
    }
}

enum Footer {
    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel) {
        guard !rect.isEmpty else { return }
        if let notice = model.notice {
            grid.putPadded(" " + notice.text, x: rect.x, y: rect.y, width: rect.width,
                           role: notice.kind == .error ? .inputError : .inputInfo)
            return
        }
        var x = rect.x
        for binding in model.footerHints {
            let hint = DisplayWidth.of(binding.label) + DisplayWidth.of(shortHelp(binding)) + 3
            if x + hint > rect.maxX { break }
            x += grid.put(" " + binding.label, x: x, y: rect.y, role: .footerKey)
            x += grid.put(" " + shortHelp(binding) + " ", x: x, y: rect.y, role: .footerText)
        }
    }

    /// The first words of a binding's help, for the footer.
    static func shortHelp(_ binding: KeyBinding) -> String {
        switch binding.action {
        case .submit: "record"
        case .complete: "complete"
        case .historyBack: "history"
        case .pageUp: "scroll"
        case .navigate: "navigate"
        case .help: "help"
        case .quit: "quit"
        case .scrollUp: "scroll"
        case .jumpNewest: "newest"
        case .startFilter: "filter"
        case .nextPane: "pane"
        case .backToInput: "type"
        case .closeOverlay: "close"
        case .post: "post"
        case .nextAudience: "audience"
        default: binding.help.split(separator: " ").prefix(2).joined(separator: " ").lowercased()
        }
    }
}

enum HelpPane {
    /// Every key and command, from the key table and the command table.
    static var lines: [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = [("KEYS", .title)]
        let modes: [(Mode, String)] = [(.input, "Typing"), (.navigate, "Navigation mode (Esc)"),
                                       (.compose, "Editing a status update (/update)"), (.help, "This screen")]
        for (mode, name) in modes {
            lines.append(("  \(name)", .muted))
            for binding in KeyTable.all where binding.modes.contains(mode) && binding.inHelp
                && (mode != .compose || binding.inFooter || binding.action == .newline || binding.action == .lineUp) {
                lines.append(("    " + TimelinePane.fit(binding.label, 14) + binding.help, .text))
            }
        }
        lines.append(("", .text))
        lines.append(("COMMANDS (type in the input line; a leading 14:02 backdates; add ! to force: /resolve! reason)", .title))
        for command in SlashCommands.all {
            let names = (["/" + command.name] + command.aliases.map { "/" + $0 }).joined(separator: " ")
            lines.append(("    " + TimelinePane.fit(names + " " + command.usage, 44) + command.summary, .text))
        }
        lines.append(("", .text))
        lines.append(("Plain text is a note, stamped now (UTC) and signed with your name.", .muted))
        return lines
    }

    static func draw(_ grid: inout Grid, _ rect: Rect, scroll: Int) {
        let inner = grid.box(rect, title: "Help — Esc closes", focused: true)
        guard inner.height > 0 else { return }
        let all = lines
        let start = min(max(0, scroll), max(0, all.count - inner.height))
        for (offset, line) in all.dropFirst(start).prefix(inner.height).enumerated() {
            grid.put(line.0, x: inner.x, y: inner.y + offset, role: line.1, limit: inner.width)
        }
    }
}
