import WarRoomText
import WarRoomScreen

enum InputLine {
    /// Draws the prompt and the line (scrolled so the cursor shows); returns the cursor cell.
    /// Widths are those of what is drawn: a control shows as `^[`, an override as `<U+202E>`, a
    /// newline from a paste as `↵ `. Only the graphemes that can be on the row are measured and
    /// drawn, so a huge paste costs no more per frame than walking to the cursor.
    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel) -> (x: Int, y: Int)? {
        guard !rect.isEmpty else { return nil }
        let used = grid.put(model.inputPrompt, x: rect.x, y: rect.y, role: .prompt)
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
        if let placeholder = model.inputPlaceholder {
            grid.put(placeholder, x: rect.x + used, y: rect.y, role: .muted, limit: room)
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
    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel, bodyTop: Int = 0) {
        guard !rect.isEmpty else { return }
        if let notice = model.notice {
            let role: StyleRole = notice.kind == .error ? .inputError : .inputInfo
            let rows = noticeRows(notice.text, width: rect.width)
            if rows.count == 1 {
                grid.putPadded(" " + rows[0], x: rect.x, y: rect.y, width: rect.width, role: role)
                return
            }
            // Too long for the footer (a saved copy's path): the whole text, wrapped, in the
            // rows above the input line, so nothing of it is cut; the footer keeps its hints.
            let bottom = rect.y - 1
            let shown = rows.suffix(max(1, bottom - bodyTop))
            for (offset, row) in shown.enumerated() {
                grid.putPadded(" " + row, x: rect.x, y: bottom - shown.count + offset, width: rect.width, role: role)
            }
        }
        if model.notice == nil, let status = model.offlineStatus {
            // The outage stays said while it lasts: what waits, and that it is being retried.
            grid.putPadded(" " + status, x: rect.x, y: rect.y, width: rect.width, role: model.offline ? .inputError : .inputInfo)
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

    /// A notice's rows at `width` (a space of margin on the left): one when it fits.
    static func noticeRows(_ text: String, width: Int) -> [String] {
        TextWrap.lines(Sanitizer.clean(text), width: max(1, width - 2))
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
        case .nextBlock: "next block"
        case .runBlock: "run block"
        case .nextRunbook: "other runbooks"
        default: binding.help.split(separator: " ").prefix(2).joined(separator: " ").lowercased()
        }
    }
}

enum HelpPane {
    /// One help entry: what to press or type, and what it does.
    struct Entry {
        var key: String
        var text: String
    }

    /// One part of the help: a heading, then entries (nil key: a line of prose).
    enum Part {
        case heading(String)
        case subheading(String)
        case entries([Entry], keyColumn: Int)
        case prose(String)
    }

    /// Every key and command, from the key table and the command table.
    static var parts: [Part] {
        var parts: [Part] = [.heading("KEYS")]
        let modes: [(Mode, String)] = [(.input, "Typing"), (.navigate, "Navigation mode (Esc)"),
                                       (.compose, "Editing a status update (/update)"),
                                       (.search, "Search results (/search)"), (.runbook, "A runbook (F2, /runbook)"),
                                       (.help, "This screen")]
        for (mode, name) in modes {
            parts.append(.subheading(name))
            let entries = KeyTable.all.filter { binding in
                binding.modes.contains(mode) && binding.inHelp
                    && (mode != .compose || binding.inFooter || binding.action == .newline || binding.action == .lineUp)
            }.map { Entry(key: $0.label, text: $0.help) }
            parts.append(.entries(entries, keyColumn: 14))
        }
        parts.append(.prose(""))
        parts.append(.heading("COMMANDS (type in the input line; a leading 14:02 backdates; add ! to force: /resolve! reason)"))
        let commands = SlashCommands.all.map { command in
            let names = (["/" + command.name] + command.aliases.map { "/" + $0 }).joined(separator: " ")
            return Entry(key: command.usage.isEmpty ? names : names + " " + command.usage, text: command.summary)
        }
        parts.append(.entries(commands, keyColumn: 40))
        parts.append(.prose(""))
        parts.append(.prose("Plain text is a note, stamped now (UTC) and signed with your name."))
        return parts
    }

    /// The help as lines of at most `width` columns. An entry's description wraps under its own
    /// column; a key too long for its column gets a line of its own, the description below it,
    /// so no line runs into the next and nothing is cut.
    static func lines(width: Int) -> [(String, StyleRole)] {
        let width = max(1, width)
        var lines: [(String, StyleRole)] = []
        func add(_ text: String, indent: Int, role: StyleRole) {
            let pad = String(repeating: " ", count: min(indent, max(0, width - 8)))
            for row in TextWrap.lines(text, width: max(1, width - pad.count)) { lines.append((pad + row, role)) }
        }
        for part in parts {
            switch part {
            case .heading(let text): add(text, indent: 0, role: .title)
            case .subheading(let text): add(text, indent: 2, role: .muted)
            case .prose(let text): text.isEmpty ? lines.append(("", .text)) : add(text, indent: 0, role: .muted)
            case .entries(let entries, let wanted):
                let indent = width >= 60 ? 4 : 2
                // The key column: as wanted on a wide screen, two fifths of a narrow one.
                let column = min(wanted, max(8, (width - indent) * 2 / 5))
                let textWidth = width - indent - column
                for entry in entries {
                    let key = Sanitizer.clean(entry.key)
                    if textWidth >= 16, DisplayWidth.of(key) < column {
                        let rows = TextWrap.lines(entry.text, width: textWidth)
                        for (index, row) in rows.enumerated() {
                            let left = index == 0 ? TimelinePane.fit(key, column) : String(repeating: " ", count: column)
                            lines.append((String(repeating: " ", count: indent) + left + row, .text))
                        }
                    } else {
                        add(key, indent: indent, role: .text)
                        add(entry.text, indent: indent + min(column, 6), role: .text)
                    }
                }
            }
        }
        return lines
    }

    /// The help at 80 columns: how far the model lets it scroll (the pane clamps to the end).
    static var lines: [(String, StyleRole)] { lines(width: 77) }

    /// The first line shown for the model's `scroll` (0 … `lines.count`, as it clamps today)
    /// when `count` lines show `height` at a time. When the help wraps to more lines than that
    /// range, the scroll maps onto it proportionally, so every line stays reachable.
    static func start(scroll: Int, count: Int, height: Int) -> Int {
        let last = max(0, count - height), cap = max(1, lines.count)
        let scroll = min(max(0, scroll), cap)
        return last <= cap ? min(scroll, last) : min(last, scroll * last / cap)
    }

    /// The furthest scroll that still moves the help at `width`×`height` (the whole screen): what
    /// the model can clamp `helpScroll` to instead of `lines.count`.
    static func maxScroll(width: Int, height: Int) -> Int {
        max(0, lines(width: width - 3).count - (height - 3))
    }

    static func draw(_ grid: inout Grid, _ rect: Rect, scroll: Int) {
        let inner = grid.box(rect, title: "Help — Esc closes", focused: true)
        guard inner.height > 0, inner.width > 0 else { return }
        // A column of margin on the right, so no description runs into the frame.
        let all = lines(width: inner.width - 1)
        let start = start(scroll: scroll, count: all.count, height: inner.height)
        for (offset, line) in all.dropFirst(start).prefix(inner.height).enumerated() {
            grid.put(line.0, x: inner.x, y: inner.y + offset, role: line.1, limit: inner.width)
        }
        // More above or below: say so in the frame, so scrolling is discoverable.
        if start > 0, rect.width > 20 { grid.putRight(" ↑ more ", right: rect.maxX - 2, y: rect.y, role: .muted) }
        if start + inner.height < all.count, rect.width > 20 {
            grid.putRight(" ↓ more (PgDn) ", right: rect.maxX - 2, y: rect.maxY - 1, role: .muted)
        }
    }
}
