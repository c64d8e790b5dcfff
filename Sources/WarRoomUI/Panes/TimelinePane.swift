import WarRoomCore
import WarRoomReports
import WarRoomText
import WarRoomScreen

enum TimelinePane {
    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel, rows cache: TimelineRowCache, focused: Bool) {
        guard !rect.isEmpty else { return }
        var title = "Timeline"
        if let filter = model.filter { title += " · filter: \(filter.summary)" }
        if model.scrollBack > 0 { title += " · scrolled back (Ctrl-E: newest)" }
        let inner = grid.box(rect, title: title, focused: focused)
        guard inner.width > 0, inner.height > 0 else { return }
        // Queued entries sit below the newest stored row, one row each, while the timeline follows.
        let queuedShown = model.scrollBack == 0 && model.filter == nil ? min(model.queued.count, inner.height - 1) : 0
        let rows = visibleRows(model, rows: cache, width: inner.width, height: inner.height - max(0, queuedShown))
        let queuedTop = min(inner.y + rows.count, inner.maxY - queuedShown)
        for (offset, entry) in model.queued.suffix(max(0, queuedShown)).enumerated() {
            drawQueued(&grid, entry, x: inner.x, y: queuedTop + offset, width: inner.width)
        }
        if rows.isEmpty, queuedShown <= 0 {
            let hint = model.filter == nil ? "No entries yet: type below and press Enter" : "No rows match the filter (/filter clears it)"
            grid.put(hint, x: inner.x, y: inner.y, role: .muted, limit: inner.width)
            return
        }
        for (offset, row) in rows.enumerated() { grid.place(row, x: inner.x, y: inner.y + offset) }
    }

    /// `…    14:12 carol: rolled back  queued`: no number until the store has it; `unconfirmed`
    /// when what it means depends on the state when it lands.
    static func drawQueued(_ grid: inout Grid, _ entry: QueuedEntry, x: Int, y: Int, width: Int) {
        let mark = entry.unconfirmed ? " unconfirmed" : " queued"
        let markWidth = DisplayWidth.of(mark)
        var used = grid.put(fit("…", numberWidth) + " " + entry.at.hourMinute + " ", x: x, y: y, role: .muted, limit: width)
        let room = width - used - markWidth
        if room > 0 {
            used += grid.put(entry.author + ": " + entry.text, x: x + used, y: y, role: .muted, limit: room)
        }
        grid.put(mark, x: x + min(used, max(0, width - markWidth)), y: y, role: .warning, limit: width - min(used, max(0, width - markWidth)))
    }

    struct Span {
        var text: String
        var role: StyleRole
    }

    /// The rows on screen, oldest first. Found from the newest item backwards by row counts alone;
    /// only the items on screen are drawn, so the cost follows what is visible and how far the IC
    /// scrolled back, not the length of the incident.
    static func visibleRows(_ model: WarRoomModel, rows cache: TimelineRowCache, width: Int, height: Int) -> [[Cell]] {
        let items = newestItems(model, rows: cache, width: width, atLeast: height + model.scrollBack, drawingFrom: model.scrollBack)
        let total = items.reduce(0) { $0 + $1.rows }
        // Rows below the screen; scrolled past the oldest row, the screen shows the top.
        let below = min(model.scrollBack, max(0, total - height))
        let today = model.now.startOfDay
        return cache.access(today: today) { memo in
            var rows: [[Cell]] = []
            var under = 0 // rows of newer items than the one at hand
            var top: (item: TimelineItem, head: [Cell], hidden: Int)?
            for (item, count) in items {
                defer { under += count }
                // Rows of this item, counted from its last: the ones between `below` and `below + height`.
                let first = max(0, below - under), last = min(count, below + height - under)
                guard first < last else { continue }
                let drawn = memo.rows(for: item, width: width) { drawnRows(for: item, width: width, today: today) }
                rows.insert(contentsOf: drawn[(count - last)..<(count - first)], at: 0)
                top = (item, drawn.first ?? [], count - last)
            }
            if let top, top.hidden > 0, !rows.isEmpty {
                rows[0] = pinned(rows[0], head: top.head, prefix: columns(for: top.item, width: width, today: today).prefixWidth)
            }
            return rows
        }
    }

    /// The furthest the timeline can scroll back (rows above the bottom page), counting only as far
    /// as `wanted`: the cost follows how far the IC scrolls, not the length of the incident.
    static func maxScrollBack(_ model: WarRoomModel, rows cache: TimelineRowCache, upTo wanted: Int) -> Int {
        let alerts = AlertsStrip.rowsWanted(model.alerts, now: model.now)
        let pane = Layout(width: model.width, height: model.height, alertCount: alerts, focused: model.focusedPane).timeline
        let inner = pane.inset(1)
        guard inner.width > 0, inner.height > 0 else { return 0 }
        let rows = newestItems(model, rows: cache, width: inner.width, atLeast: wanted + inner.height, drawingFrom: .max).reduce(0) { $0 + $1.rows }
        return max(0, min(wanted, rows - inner.height))
    }

    /// The newest items that pass the filter, newest first, with the rows each takes: at least
    /// `needed` rows of them, or every item when the timeline is shorter. Items starting at
    /// `drawingFrom` rows from the bottom or higher are likely on screen: they are drawn right
    /// away (which counts their rows too) rather than laid out twice.
    static func newestItems(_ model: WarRoomModel, rows cache: TimelineRowCache, width: Int, atLeast needed: Int,
                            drawingFrom: Int) -> [(item: TimelineItem, rows: Int)] {
        let matcher = model.filter.map(TimelineFilter.Matcher.init)
        let today = model.now.startOfDay
        return cache.access(today: today) { memo in
            var items: [(item: TimelineItem, rows: Int)] = []
            var count = 0
            var index = model.incident.timeline.endIndex
            while count < needed, index > model.incident.timeline.startIndex {
                index -= 1
                let item = model.incident.timeline[index]
                if let matcher, !matcher.matches(item) { continue }
                let rows = count >= drawingFrom
                    ? memo.rows(for: item, width: width) { drawnRows(for: item, width: width, today: today) }.count
                    : memo.rowCount(for: item, width: width) { lines(for: item, width: width, today: today).count }
                items.append((item, rows))
                count += rows
            }
            return items
        }
    }

    /// One item's rows as the cells they draw (sanitized, measured, wide graphemes whole), each as
    /// long as the columns it uses: what the frame copies onto the screen, and what is cached.
    static func drawnRows(for item: TimelineItem, width: Int, today: Timestamp) -> [[Cell]] {
        lines(for: item, width: width, today: today).map { spans in
            var row = Grid(width: width, height: 1)
            var x = 0
            for span in spans { x += row.put(span.text, x: x, y: 0, role: span.role, limit: width - x) }
            return Array(row.cells.prefix(x))
        }
    }

    /// Columns of the `#N` column: three digits line up; a longer number takes what it needs.
    static let numberWidth = 4

    /// The dim marker after an amended entry's latest text.
    static let amendedMarker = "(amended)"

    /// One item as screen rows: `#12 14:02:07 alice     action     text…`, wrapped under the text
    /// column; `#12 Nov 27 14:02:07 …` when the row is not from `today` (midnight UTC). A posted
    /// update is one row (audience and first line); a retracted row keeps its text, marked, with
    /// the reason; an amended one shows its latest text and a dim `(amended)`.
    static func lines(for item: TimelineItem, width: Int, today: Timestamp) -> [[Span]] {
        let (compact, authorWidth, kindWidth, number, time, prefixWidth) = columns(for: item, width: width, today: today)
        let role = item.isRetracted ? StyleRole.retracted : kindRole(item.kind)
        var head = [Span(text: number, role: .muted), Span(text: time + " ", role: .timestamp)]
        if !compact {
            // Measured as drawn: a control in a name shows as `^[`, an override as `<U+202E>`.
            head.append(Span(text: fit(Sanitizer.clean(item.author), authorWidth) + " ", role: .author))
            head.append(Span(text: fit(label(item.kind), kindWidth) + " ", role: role))
        }
        // Compact rows name the author in the text; a posted update's row is about its audience.
        var text = compact && item.detail.map({ if case .update = $0 { false } else { true } }) ?? true
            ? "\(Sanitizer.clean(item.author)): " : ""
        if let reason = item.retraction { text += reason.isEmpty ? "[retracted] " : "[retracted: \(reason)] " }
        // A column of margin before the border, so text never runs into it.
        let room = max(1, width - prefixWidth - (width >= 40 ? 1 : 0))
        if case .update(let audience, let posted) = item.detail {
            return [head + updateRow(item, audience: audience, posted: posted, lead: text, role: role, room: room)]
        }
        text += shown(TimelineWording.text(item))
        let amended = !item.previousTexts.isEmpty
        if amended { text += " " + amendedMarker }
        let wrapped = TextWrap.lines(text, width: room)
        let indent = Span(text: String(repeating: " ", count: prefixWidth), role: .text)
        return wrapped.enumerated().map { index, line in
            var spans = index == 0 ? head : [indent]
            if amended, index == wrapped.count - 1, line.hasSuffix(amendedMarker) {
                spans.append(Span(text: String(line.dropLast(amendedMarker.count)), role: role))
                spans.append(Span(text: amendedMarker, role: .muted))
            } else {
                spans.append(Span(text: line, role: role))
            }
            return spans
        }
    }

    /// Below this width a row is `#N HH:MM author: text`, without author and kind columns, so the
    /// text keeps most of a narrow pane.
    static let compactBelow = 72

    /// The columns of an item's first row: its number, time (dated when not `today`), and the
    /// author and kind columns unless compact; the text starts at `prefixWidth`.
    static func columns(for item: TimelineItem, width: Int, today: Timestamp)
        -> (compact: Bool, authorWidth: Int, kindWidth: Int, number: String, time: String, prefixWidth: Int) {
        let compact = width < compactBelow
        let authorWidth = compact ? 0 : min(12, max(6, width / 8))
        let kindWidth = compact ? 0 : 10
        var time = compact ? item.at.hourMinute : item.at.clockTime
        if item.at.startOfDay != today { time = dayLabel(item.at, today: today) + " " + time }
        let number = fit("#\(item.number)", max(numberWidth, "#\(item.number)".count)) + " "
        let prefixWidth = number.count + time.count + 1 + (compact ? 0 : authorWidth + 1 + kindWidth + 1)
        return (compact, authorWidth, kindWidth, number, time, prefixWidth)
    }

    /// The top row when it continues an entry whose first row is above the screen: the entry's
    /// number, time and author (dim) in the row's blank margin, so no row on screen is anonymous.
    static func pinned(_ row: [Cell], head: [Cell], prefix: Int) -> [Cell] {
        var row = row
        for index in 0..<min(prefix, row.count, head.count) where row[index].text == " " {
            row[index] = Cell(head[index].text, .muted)
        }
        // Never half of a wide grapheme at the edge of the margin.
        if prefix < head.count, prefix < row.count, head[prefix].isContinuation, prefix > 0 { row[prefix - 1] = Cell(" ", .muted) }
        return row
    }

    /// A posted update in one row: "to executives: <its first line>" and how many lines follow
    /// (the whole text is in `warroom show`, the export and the file the war room saved).
    static func updateRow(_ item: TimelineItem, audience: Audience, posted: String, lead: String, role: StyleRole,
                          room: Int) -> [Span] {
        let bodyLines = posted.split(separator: "\n", omittingEmptySubsequences: true)
            .map { String($0.drop { $0 == " " || $0 == "\t" }) }.filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
        let first = bodyLines.first ?? ""
        let more = bodyLines.count > 2 ? " (+\(bodyLines.count - 1) lines)" : (bodyLines.count == 2 ? " (+1 line)" : "")
        let amended = item.previousTexts.isEmpty ? "" : " " + amendedMarker
        let marker = more + amended
        let summary = lead + "to \(audience.rawValue): " + first
        // The first line matters more than the count of the rest: the count goes first.
        let keepMarker = DisplayWidth.of(summary) + DisplayWidth.of(marker) <= room
        let shown = TextWrap.truncated(summary, width: keepMarker ? room - DisplayWidth.of(marker) : room)
        return [Span(text: shown, role: role)] + (keepMarker && !marker.isEmpty ? [Span(text: marker, role: .muted)] : [])
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Nov 27" in the year of `today`, the full date in another year.
    static func dayLabel(_ at: Timestamp, today: Timestamp) -> String {
        let date = at.civil
        guard date.year == today.civil.year, (1...12).contains(date.month) else { return at.dateOnly }
        return "\(months[date.month - 1]) \(date.day < 10 ? " " : "")\(date.day)"
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
