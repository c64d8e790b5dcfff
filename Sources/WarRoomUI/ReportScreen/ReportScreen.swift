import WarRoomScreen
import WarRoomText

/// `warroom report --screen`: the text report full screen, in the war room's themes — headings,
/// bars and sparklines in the chart style, the scorecard's verdicts coloured as well as worded
/// (`met`, `MISSED`, `no data`), so monochrome and NO_COLOR read the same — scrolled with the
/// war room's keys; q quits. Pure: the runtime feeds it keys.
public struct ReportScreenModel: Hashable, Sendable {
    public enum Action: Hashable, Sendable { case quit, redraw }

    public var lines: [String]
    public var title: String
    public var width: Int
    public var height: Int
    /// The first line shown.
    public internal(set) var scroll = 0
    /// Characters scrolled off the left (←/→), for lines wider than the screen.
    public internal(set) var column = 0

    public init(text: String, title: String, width: Int, height: Int) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitizer.clean(String($0)) }
        if lines.last == "" { lines.removeLast() }
        self.title = title
        self.width = width
        self.height = height
    }

    /// Rows between the title bar and the footer.
    var page: Int { max(1, height - 2) }
    var maxScroll: Int { max(0, lines.count - page) }

    public mutating func update(_ input: TerminalInput) -> Action? {
        switch input {
        case .resize(let width, let height):
            self.width = width
            self.height = height
            scroll = min(scroll, maxScroll)
            return .redraw
        case .paste:
            return nil
        case .key(let key):
            switch key {
            case .up, .character("k"): scroll -= 1
            case .down, .character("j"), .enter: scroll += 1
            case .pageUp, .character("b"): scroll -= page
            case .pageDown, .character(" "), .character("f"): scroll += page
            case .home, .character("g"): scroll = 0
            case .end, .character("G"): scroll = maxScroll
            case .character("q"), .ctrl("q"), .escape: return .quit
            case .ctrl("l"): return .redraw
            case .right, .character("l"): column += 8
            case .left, .character("h"): column -= 8
            default: break
            }
            scroll = min(max(0, scroll), maxScroll)
            let widest = lines.map(\.count).max() ?? 0
            column = min(max(0, column), max(0, widest - width / 2))
            return nil
        }
    }
}

public enum ReportScreenView {
    /// Block elements and the ASCII chart's marks: drawn in the chart style.
    static let chartGlyphs: Set<Character> = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The style a report line is drawn in: a heading (no indent), a scorecard verdict, or text.
    static func role(for line: String) -> StyleRole {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("MISSED") { return .overdue }
        if trimmed.hasPrefix("met ") { return .ok }
        if trimmed.hasPrefix("no data ") { return .muted }
        if let first = line.first, first != " " { return .title }
        return .text
    }

    public static func render(_ model: ReportScreenModel) -> Grid {
        var grid = Grid(width: model.width, height: model.height)
        guard model.width >= 20, model.height >= 4 else {
            grid.put("Too small: 20×4 at least", x: 0, y: 0, role: .warning, limit: model.width)
            return grid
        }
        let position = model.lines.isEmpty ? "" : " \(model.scroll + 1)–\(min(model.lines.count, model.scroll + model.page)) of \(model.lines.count) "
        let x = grid.put(" " + Sanitizer.clean(model.title), x: 0, y: 0, role: .title, limit: model.width - DisplayWidth.of(position) - 1)
        _ = x
        grid.putRight(position, right: model.width, y: 0, role: .muted)
        for (offset, whole) in model.lines.dropFirst(model.scroll).prefix(model.page).enumerated() {
            let y = 1 + offset
            let base = role(for: whole)
            let line = String(whole.dropFirst(model.column))
            var column = 0
            // Character by character only where a chart is: its glyphs in the chart style.
            guard line.contains(where: { chartGlyphs.contains($0) }) else {
                grid.put(TextWrap.truncated(line, width: model.width), x: 0, y: y, role: base)
                continue
            }
            for character in line where column < model.width {
                column += grid.put(String(character), x: column, y: y, role: chartGlyphs.contains(character) ? .barFilled : base,
                                   limit: model.width - column)
            }
        }
        var fx = 1
        let footer = model.height - 1
        for (key, text) in [("↑/↓", "scroll"), ("←/→", "wide lines"), ("PgUp/PgDn", "page"), ("q", "quit")] {
            guard fx + DisplayWidth.of(key) + DisplayWidth.of(text) + 3 <= model.width else { break }
            fx += grid.put(key, x: fx, y: footer, role: .footerKey)
            fx += grid.put(" " + text + "  ", x: fx, y: footer, role: .footerText)
        }
        if model.scroll < model.maxScroll { grid.putRight(" ↓ more ", right: model.width, y: footer, role: .muted) }
        return grid
    }
}
