import WarRoomCore
import WarRoomScreen
import WarRoomText

/// The results of `/search`, over the panes: an incident a result, its row (id, level, status,
/// day, service, title) and a snippet below with the matched words marked, best first; Esc
/// closes. The matches are told apart by style and by the `›…‹` around them, so a monochrome
/// terminal or NO_COLOR still shows which words matched.
enum SearchPane {
    static func draw(_ grid: inout Grid, _ rect: Rect, _ results: SearchResults) {
        let terms = results.query.terms.map { "\u{201C}\($0)\u{201D}" }.joined(separator: " ")
        let count = results.hits.count
        let title = count == 0 ? "Search \(terms): nothing — Esc closes"
            : "Search \(terms): \(count) incident\(count == 1 ? "" : "s"), best first — Esc closes"
        let inner = grid.box(rect, title: Sanitizer.clean(title), focused: true)
        guard inner.height > 0, inner.width > 4 else { return }
        guard count > 0 else {
            let advice = results.query.terms.count > 1 ? "Every word must match: try fewer, or part of an identifier (econnres)."
                : "Try another word, or part of an identifier (econnres finds ECONNRESET)."
            grid.put("No incident matches \(Sanitizer.clean(terms)).", x: inner.x + 1, y: inner.y, role: .text, limit: inner.width - 1)
            grid.put(advice, x: inner.x + 1, y: inner.y + 1, role: .muted, limit: inner.width - 1)
            return
        }
        // Three rows a result (row, snippet, gap); the scroll moves by results.
        let fits = max(1, (inner.height + 1) / 3)
        let first = min(results.scroll, max(0, count - fits))
        var y = inner.y
        for hit in results.hits.dropFirst(first) {
            guard y + 1 < inner.maxY || (y < inner.maxY && inner.height < 2) else { break }
            var x = inner.x + 1
            let right = inner.maxX - 1
            x += grid.put(hit.incident, x: x, y: y, role: .title, limit: right - x)
            x += grid.put("  " + hit.severity.label, x: x, y: y, role: WarRoomView.role(for: hit.severity), limit: max(0, right - x))
            let facts = "  \(hit.status.rawValue)  \(hit.declaredAt.dateOnly)" + (hit.service.map { "  " + $0 } ?? "") + "  "
            x += grid.put(Sanitizer.clean(facts), x: x, y: y, role: .muted, limit: max(0, right - x))
            grid.put(Sanitizer.clean(hit.title), x: x, y: y, role: .text, limit: max(0, right - x))
            if y + 1 < inner.maxY { snippet(&grid, hit.snippet, x: inner.x + 5, y: y + 1, right: right) }
            y += 3
        }
        if first > 0, rect.width > 20 { grid.putRight(" ↑ more ", right: rect.maxX - 2, y: rect.y, role: .muted) }
        if first + fits < count, rect.width > 20 { grid.putRight(" ↓ more ", right: rect.maxX - 2, y: rect.maxY - 1, role: .muted) }
    }

    /// The snippet on one row, the matched parts in the selection style between `›` and `‹`.
    static func snippet(_ grid: inout Grid, _ snippet: String, x start: Int, y: Int, right: Int) {
        var x = start
        for piece in SearchQuery.pieces(of: snippet) where x < right {
            let text = piece.matched ? "\u{203A}" + piece.text + "\u{2039}" : piece.text
            x += grid.put(Sanitizer.clean(text), x: x, y: y, role: piece.matched ? .selection : .muted, limit: right - x)
        }
    }
}
