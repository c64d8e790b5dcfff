import WarRoomCore
import WarRoomText

enum TimelinePane {
    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel, focused: Bool) {
        guard !rect.isEmpty else { return }
        var title = "Timeline"
        if let filter = model.filter { title += " · filter: \(filter.summary)" }
        if model.scrollBack > 0 { title += " · scrolled back (Ctrl-E: newest)" }
        let inner = grid.box(rect, title: title, focused: focused)
        guard inner.width > 0, inner.height > 0 else { return }
        let rows = visibleRows(model, width: inner.width, height: inner.height)
        if rows.isEmpty {
            let hint = model.filter == nil ? "No entries yet: type below and press Enter" : "No rows match the filter (/filter clears it)"
            grid.put(hint, x: inner.x, y: inner.y, role: .muted, limit: inner.width)
            return
        }
        for (offset, row) in rows.enumerated() { grid.place(row, x: inner.x, y: inner.y + offset) }
    }

    struct Span {
        var text: String
        var role: StyleRole
    }

    /// The rows on screen, oldest first. Found from the newest item backwards by row counts alone;
    /// only the items on screen are drawn, so the cost follows what is visible and how far the IC
    /// scrolled back, not the length of the incident.
    static func visibleRows(_ model: WarRoomModel, width: Int, height: Int) -> [[Cell]] {
        let items = newestItems(model, width: width, atLeast: height + model.scrollBack, drawingFrom: model.scrollBack)
        let total = items.reduce(0) { $0 + $1.rows }
        // Rows below the screen; scrolled past the oldest row, the screen shows the top.
        let below = min(model.scrollBack, max(0, total - height))
        return model.timelineRows.access { memo in
            var rows: [[Cell]] = []
            var under = 0 // rows of newer items than the one at hand
            for (item, count) in items {
                defer { under += count }
                // Rows of this item, counted from its last: the ones between `below` and `below + height`.
                let first = max(0, below - under), last = min(count, below + height - under)
                guard first < last else { continue }
                let drawn = memo.rows(for: item, width: width) { drawnRows(for: item, width: width) }
                rows.insert(contentsOf: drawn[(count - last)..<(count - first)], at: 0)
            }
            return rows
        }
    }

    /// The furthest the timeline can scroll back (rows above the bottom page), counting only as far
    /// as `wanted`: the cost follows how far the IC scrolls, not the length of the incident.
    static func maxScrollBack(_ model: WarRoomModel, upTo wanted: Int) -> Int {
        let alerts = model.incident.alerts(policy: model.policy, now: model.now).count
        let pane = Layout(width: model.width, height: model.height, alertCount: alerts, focused: model.focusedPane).timeline
        let inner = pane.inset(1)
        guard inner.width > 0, inner.height > 0 else { return 0 }
        let rows = newestItems(model, width: inner.width, atLeast: wanted + inner.height, drawingFrom: .max).reduce(0) { $0 + $1.rows }
        return max(0, min(wanted, rows - inner.height))
    }

    /// The newest items that pass the filter, newest first, with the rows each takes: at least
    /// `needed` rows of them, or every item when the timeline is shorter. Items starting at
    /// `drawingFrom` rows from the bottom or higher are likely on screen: they are drawn right
    /// away (which counts their rows too) rather than laid out twice.
    static func newestItems(_ model: WarRoomModel, width: Int, atLeast needed: Int,
                            drawingFrom: Int) -> [(item: TimelineItem, rows: Int)] {
        let matcher = model.filter.map(TimelineFilter.Matcher.init)
        return model.timelineRows.access { memo in
            var items: [(item: TimelineItem, rows: Int)] = []
            var count = 0
            var index = model.incident.timeline.endIndex
            while count < needed, index > model.incident.timeline.startIndex {
                index -= 1
                let item = model.incident.timeline[index]
                if let matcher, !matcher.matches(item) { continue }
                let rows = count >= drawingFrom
                    ? memo.rows(for: item, width: width) { drawnRows(for: item, width: width) }.count
                    : memo.rowCount(for: item, width: width) { lines(for: item, width: width).count }
                items.append((item, rows))
                count += rows
            }
            return items
        }
    }

    /// One item's rows as the cells they draw (sanitized, measured, wide graphemes whole), each as
    /// long as the columns it uses: what the frame copies onto the screen, and what is cached.
    static func drawnRows(for item: TimelineItem, width: Int) -> [[Cell]] {
        lines(for: item, width: width).map { spans in
            var row = Grid(width: width, height: 1)
            var x = 0
            for span in spans { x += row.put(span.text, x: x, y: 0, role: span.role, limit: width - x) }
            return Array(row.cells.prefix(x))
        }
    }

    /// One item as screen rows: `14:02:07 alice      action   text…`, wrapped under the text column.
    static func lines(for item: TimelineItem, width: Int) -> [[Span]] {
        let compact = width < 48
        let authorWidth = compact ? 0 : min(12, max(6, width / 8))
        let kindWidth = compact ? 0 : 10
        let time = compact ? item.at.hourMinute : item.at.clockTime
        let prefixWidth = time.count + 1 + (compact ? 0 : authorWidth + 1 + kindWidth + 1)
        var text = shown(item.text)
        if item.isRetracted { text = "[retracted] " + text + (item.retraction.map { $0.isEmpty ? "" : " (\($0))" } ?? "") }
        if !item.previousTexts.isEmpty { text += " (amended)" }
        if compact { text = "\(item.author): " + text }
        let role = item.isRetracted ? StyleRole.retracted : kindRole(item.kind)
        let wrapped = TextWrap.lines(text, width: max(1, width - prefixWidth))
        return wrapped.enumerated().map { index, line in
            if index > 0 { return [Span(text: String(repeating: " ", count: prefixWidth), role: .text), Span(text: line, role: role)] }
            var spans = [Span(text: time + " ", role: .timestamp)]
            if !compact {
                // Measured as drawn: a control in a name shows as `^[`, an override as `<U+202E>`.
                spans.append(Span(text: fit(Sanitizer.clean(item.author), authorWidth) + " ", role: .author))
                spans.append(Span(text: fit(label(item.kind), kindWidth) + " ", role: role))
            }
            spans.append(Span(text: line, role: role))
            return spans
        }
    }

    /// Characters of one entry drawn on screen: a longer entry (a pasted log, a 10 MB line from a
    /// script) shows its beginning and how much more there is, so a frame's cost stays bounded;
    /// `warroom timeline` and the exports have it whole.
    static let shownCharacters = 16_384

    /// `text`, or its first `shownCharacters` characters and a note of what is left out.
    static func shown(_ text: String) -> String {
        guard text.utf8.count > shownCharacters else { return text }
        let head = text.prefix(shownCharacters)
        guard head.endIndex < text.endIndex else { return text }
        let more = text.utf8.count - head.utf8.count
        return head + " … [\(more) more bytes not shown: `warroom timeline` prints the whole entry]"
    }

    /// The kind column's word.
    static func label(_ kind: TimelineItem.Kind) -> String {
        kind == .notification ? "notify" : kind.rawValue
    }

    static func kindRole(_ kind: TimelineItem.Kind) -> StyleRole {
        switch kind {
        case .note: .note
        case .action: .action
        case .decision: .decision
        case .finding: .finding
        case .comms, .update, .notification: .comms
        case .severity: .warning
        default: .system
        }
    }

    /// `text` cut or padded to exactly `width` columns.
    static func fit(_ text: String, _ width: Int) -> String {
        var out = "", used = 0
        for character in text {
            let cells = DisplayWidth.of(character)
            if used + cells > width { break }
            out.append(character)
            used += cells
        }
        if DisplayWidth.of(text) > width, width > 1, !out.isEmpty {
            out.removeLast()
            out += "…"
            used = DisplayWidth.of(out)
        }
        return out + String(repeating: " ", count: max(0, width - used))
    }
}
