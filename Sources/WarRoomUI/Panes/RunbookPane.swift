import WarRoomCore
import WarRoomScreen
import WarRoomText

/// The runbook view, over the panes below the header: the runbook's facts (why it is offered,
/// when it was last tested and by whom, its owner), then its body, headings as titles and each
/// fenced code block framed and numbered (`┌ [2] bash`), the selected one in the selection style.
/// Asked to run a block, the script is shown whole at the bottom before anything runs. The texts
/// are the runbook file's: untrusted, cleaned here.
enum RunbookPane {
    /// One line of the body as drawn.
    struct Line: Hashable {
        var text: String
        var role: StyleRole
        /// The code block (an index) the line belongs to, fence lines included.
        var block: Int?
    }

    /// Rows of body the view shows at a screen height: below the header, the box's borders, the
    /// facts line and a blank, above the footer.
    static func page(height: Int) -> Int { max(1, height - 6) }

    /// The body of `runbook` as lines of at most `width` columns.
    static func lines(_ runbook: Runbook, width: Int) -> [Line] {
        let width = max(8, width)
        let body = runbook.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Each block from its opening fence through its closing one (or the end of the body).
        var spans: [(start: Int, end: Int)] = []
        for block in runbook.codeBlocks {
            let start = block.line - runbook.bodyLine
            let inner = block.text.isEmpty ? 0 : block.text.split(separator: "\n", omittingEmptySubsequences: false).count
            spans.append((start, min(body.count - 1, start + inner + 1)))
        }
        var lines: [Line] = []
        var index = 0
        while index < body.count {
            if let number = spans.firstIndex(where: { $0.start == index }), number < runbook.codeBlocks.count {
                let block = runbook.codeBlocks[number]
                let label = "┌ [\(number + 1)]" + (block.language.map { " " + $0 } ?? "")
                lines.append(Line(text: Sanitizer.clean(label), role: .muted, block: number))
                for code in block.text.split(separator: "\n", omittingEmptySubsequences: false) {
                    for row in hardWrapped(Sanitizer.clean(String(code)), width: width - 2) {
                        lines.append(Line(text: "│ " + row, role: .action, block: number))
                    }
                }
                lines.append(Line(text: "└", role: .muted, block: number))
                index = spans[number].end + 1
                continue
            }
            let text = Sanitizer.clean(body[index])
            let isHeading = text.drop { $0 == " " }.hasPrefix("#")
            let rows = text.isEmpty ? [""] : TextWrap.lines(text, width: width)
            for row in rows { lines.append(Line(text: row, role: isHeading ? .title : .text, block: nil)) }
            index += 1
        }
        while lines.first?.text.isEmpty == true { lines.removeFirst() }
        return lines
    }

    /// Code cut by columns, its indentation and spaces kept (word wrapping would drop them).
    static func hardWrapped(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var rows: [String] = [], row = "", used = 0
        for character in text {
            let cells = DisplayWidth.of(character)
            if used + cells > width, !row.isEmpty {
                rows.append(row)
                row = ""
                used = 0
            }
            row.append(character)
            used += cells
        }
        return rows + [row]
    }

    /// The facts line: why it is offered, the last test (STALE past the method's quarter), who owns it.
    static func facts(_ runbook: Runbook, offer: RunbookViewState.Offer, now: Timestamp) -> (String, StyleRole) {
        var parts = [offer.why]
        let tested: String
        if let date = runbook.facts.lastTested?.dateOnly, let ago = runbook.testedAgo(now: now) {
            tested = "last tested \(date) (\(ago))" + (runbook.facts.testedBy.map { " by \($0)" } ?? "")
        } else {
            tested = "never tested"
        }
        let stale = runbook.isStale(now: now)
        parts.append(stale ? tested + ": STALE, check each step" : tested)
        if let owner = runbook.facts.owner { parts.append("owner \(owner)") }
        return (Sanitizer.clean(parts.joined(separator: " · ")), stale ? .warning : .muted)
    }

    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel) {
        guard let view = model.runbookView, let offer = view.current else { return }
        let count = view.offers.count > 1 ? " \(view.index + 1)/\(view.offers.count)" : ""
        let title = "Runbook\(count): \(offer.name)" + (view.offers.count > 1 ? " — n/p: others" : "")
        let inner = grid.box(rect, title: Sanitizer.clean(title), focused: true)
        guard inner.height > 0, inner.width > 4 else { return }
        guard let runbook = model.runbooks?.named(offer.name) else {
            grid.put(Sanitizer.clean("\(offer.name) is linked to this incident but is not in your runbook folder."),
                     x: inner.x + 1, y: inner.y, role: .warning, limit: inner.width - 1)
            grid.put("Someone else's folder may hold it; warroom runbook list shows yours.", x: inner.x + 1, y: min(inner.maxY - 1, inner.y + 1),
                     role: .muted, limit: inner.width - 1)
            return
        }
        let (facts, factsRole) = self.facts(runbook, offer: offer, now: model.now)
        // Two rows at most (the second is the blank above the body otherwise): a narrow screen
        // still shows STALE and the owner.
        for (offset, row) in TextWrap.lines(facts, width: max(1, inner.width - 2)).prefix(min(2, inner.height)).enumerated() {
            grid.put(row, x: inner.x + 1, y: inner.y + offset, role: factsRole, limit: inner.width - 1)
        }
        let lines = self.lines(runbook, width: inner.width - 2)
        var body = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 2))
        if view.confirming, let selected = view.block, runbook.codeBlocks.indices.contains(selected),
           case .run(let arguments, let script) = RunbookScript(runbook.codeBlocks[selected]) {
            body.height = confirmation(&grid, in: body, shell: arguments.first ?? "bash", script: script, block: selected + 1)
        }
        for (offset, line) in lines.dropFirst(view.scroll).prefix(body.height).enumerated() {
            let selected = line.block != nil && line.block == view.block
            grid.put(line.text, x: body.x + 1, y: body.y + offset, role: selected ? .selection : line.role, limit: body.width - 1)
        }
        if view.scroll > 0, rect.width > 20 { grid.putRight(" ↑ more ", right: rect.maxX - 2, y: body.y - 1, role: .muted) }
        if view.scroll + body.height < lines.count, rect.width > 20 {
            grid.putRight(" ↓ more ", right: rect.maxX - 2, y: rect.maxY - 1, role: .muted)
        }
    }

    /// The script about to run, whole (or as much as fits, saying how much does not), at the
    /// bottom of `rect`; returns the rows left above it for the body.
    static func confirmation(_ grid: inout Grid, in rect: Rect, shell: String, script: String, block: Int) -> Int {
        let width = max(1, rect.width - 4)
        var rows = script.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { hardWrapped(Sanitizer.clean(String($0)), width: width) }
        let room = max(1, rect.height / 2 - 2)
        if rows.count > room {
            let hidden = rows.count - (room - 1)
            rows = Array(rows.prefix(room - 1)) + ["… and \(hidden) more lines: scroll the runbook to read them first"]
        }
        let height = rows.count + 2
        let top = rect.maxY - height
        guard top > rect.y else { return rect.height }
        grid.fill(Rect(x: rect.x, y: top, width: rect.width, height: height), with: Cell(" ", .inputInfo))
        grid.put(Sanitizer.clean(" Run block \(block) in this terminal (\(shell) -c), recorded as an action entry:"),
                 x: rect.x, y: top, role: .inputInfo, limit: rect.width)
        for (offset, row) in rows.enumerated() {
            grid.put("  " + row, x: rect.x + 1, y: top + 1 + offset, role: .action, limit: rect.width - 1)
        }
        grid.put(" y runs it · any other key does not", x: rect.x, y: top + height - 1, role: .inputInfo, limit: rect.width)
        return max(0, top - rect.y)
    }
}
