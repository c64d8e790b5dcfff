import WarRoomScreen

/// Where each part of the screen goes at a given size: the fixed rows (header, alerts, input,
/// footer) and the body's panes, placed from the list `BodyPane.all` by their constraints. Pure
/// arithmetic, tested at every size.
public struct Layout: Hashable, Sendable {
    /// How the body is arranged.
    public enum Arrangement: Hashable, Sendable {
        /// The main pane on the left, a column of side panes on the right, sized by what their
        /// content needs; leftover panes take the rows left below them.
        case columns
        /// The side panes side by side in a strip above the main pane (80×24).
        case stacked
        /// One pane at a time under a tab bar.
        case single
        /// Below the minimum: only a notice.
        case tooSmall
    }

    /// The narrowest screen that shows more than the too-small notice.
    public static let minimumWidth = 24
    /// The shortest screen that shows more than the too-small notice.
    public static let minimumHeight = 8
    /// The smallest screen given the wide layout.
    public static let columnsFrom = (width: 100, height: 20)
    /// The smallest screen given the strip of side panes.
    public static let stackedFrom = (width: 60, height: 16)

    /// How the body is arranged at this size.
    public var arrangement: Arrangement
    /// The header row.
    public var header: Rect
    /// The alerts strip under the header.
    public var alerts: Rect
    /// The tab bar (the small layout only).
    public var tabs: Rect
    /// The input line.
    public var input: Rect
    /// The footer row.
    public var footer: Rect
    /// Each shown pane's rectangle; a pane left out is hidden at this size.
    public var panes: [PaneID: Rect] = [:]

    /// A pane's rectangle, empty when it is hidden.
    public subscript(pane: PaneID) -> Rect { panes[pane] ?? Rect(x: 0, y: 0, width: 0, height: 0) }
    /// The timeline's rectangle.
    public var timeline: Rect { self[.timeline] }
    /// The update countdown's rectangle.
    public var update: Rect { self[.update] }
    /// The roster's rectangle.
    public var roles: Rect { self[.roles] }
    /// The hypotheses' rectangle.
    public var hypotheses: Rect { self[.hypotheses] }

    /// The layout of `model`'s screen: the side panes sized by what their content wants.
    public init(_ model: WarRoomModel, alertCount: Int, list: [BodyPane] = BodyPane.all) {
        var wanted: [PaneID: Int] = [:]
        for pane in list where pane.place != .main { wanted[pane.id] = pane.height(model) }
        self.init(width: model.width, height: model.height, alertCount: alertCount, focused: model.focusedPane,
                  wanted: wanted, list: list)
    }

    /// The layout for a screen of `width`×`height` with `alertCount` rows of alerts wanted (one
    /// per kind: `AlertsStrip.rowsWanted`). `wanted` holds the rows each pane's content asks for
    /// in the side column (a pane not in it asks for its minimum); the main pane's rectangle
    /// never depends on it.
    public init(width: Int, height: Int, alertCount: Int, focused: WarRoomModel.Pane,
                wanted: [PaneID: Int] = [:], list: [BodyPane] = BodyPane.all) {
        let none = Rect(x: 0, y: 0, width: 0, height: 0)
        (header, alerts, tabs, input, footer) = (none, none, none, none, none)
        // A pane whose content wants no rows (the links of an incident linked to none) is hidden.
        let list = list.filter { wanted[$0.id] != 0 }
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            arrangement = .tooSmall
            return
        }
        header = Rect(x: 0, y: 0, width: width, height: 1)
        footer = Rect(x: 0, y: height - 1, width: width, height: 1)
        input = Rect(x: 0, y: height - 2, width: width, height: 1)
        // Rows of the alerts strip, one per kind of thing owed (`alertCount`). Even a small screen
        // keeps two: knowing what is owed matters more than one more row of the timeline.
        let alertRows = min(max(0, alertCount), height >= 30 ? 4 : (height >= 20 ? 3 : (height >= 12 ? 2 : 1)))
        alerts = Rect(x: 0, y: 1, width: width, height: alertRows)
        let bodyTop = 1 + alertRows
        let body = Rect(x: 0, y: bodyTop, width: width, height: height - 2 - bodyTop)
        let main = list.filter { $0.place == .main }
        var side = list.filter { $0.place == .side }

        if width >= Self.columnsFrom.width && height >= Self.columnsFrom.height {
            arrangement = .columns
            let sideWidth = min(48, max(36, width / 3))
            let columns = Split.sizes(body.width, [.fill(1), .length(sideWidth)])
            place(main, in: Rect(x: body.x, y: body.y, width: columns[0], height: body.height))
            let column = list.filter { $0.place != .main }
            let heights = Split.column(body.height, column.map { pane in
                Split.Item(minimum: pane.minimumHeight, preferred: wanted[pane.id] ?? pane.minimumHeight,
                           priority: pane.priority, fills: pane.place == .leftover)
            })
            var y = body.y
            for (pane, rows) in zip(column, heights) {
                guard let rows else { continue }
                panes[pane.id] = Rect(x: body.x + columns[0], y: y, width: columns[1], height: rows)
                y += rows
            }
        } else if width >= Self.stackedFrom.width && height >= Self.stackedFrom.height {
            arrangement = .stacked
            // Side by side, each at its minimum width or not at all: the least important go first.
            while side.map(\.minimumWidth).reduce(0, +) > body.width,
                  let least = side.indices.max(by: { side[$0].priority < side[$1].priority }) {
                side.remove(at: least)
            }
            // As tall as the tallest side pane asks for side by side (every listed role's row; no more
            // than its content wants, so a vacant optional role costs the timeline no row), at most
            // half the body.
            let stripHeight = min(side.map { min($0.compactHeight, wanted[$0.id] ?? $0.compactHeight) }.max() ?? 0,
                                  body.height / 2)
            let rows = Split.sizes(body.height, [.length(stripHeight), .fill(1)])
            let widths = Split.sizes(body.width, side.map { _ in .fill(1) })
            var x = body.x
            for (pane, columns) in zip(side, widths) {
                panes[pane.id] = Rect(x: x, y: body.y, width: columns, height: rows[0])
                x += columns
            }
            place(main, in: Rect(x: body.x, y: body.y + rows[0], width: body.width, height: rows[1]))
        } else {
            arrangement = .single
            tabs = Rect(x: 0, y: body.y, width: width, height: 1)
            let pane = Rect(x: 0, y: body.y + 1, width: width, height: body.height - 1)
            if let shown = list.first(where: { $0.tab == focused }) ?? main.first { panes[shown.id] = pane }
        }
    }

    /// The main panes share `rect` side by side (there is one today, the timeline).
    private mutating func place(_ main: [BodyPane], in rect: Rect) {
        var x = rect.x
        for (pane, columns) in zip(main, Split.sizes(rect.width, main.map { _ in .fill(1) })) {
            panes[pane.id] = Rect(x: x, y: rect.y, width: columns, height: rect.height)
            x += columns
        }
    }

    /// Makes room for `rows` rows just above the input line (a notice too long for the footer):
    /// the panes that reach down to it get shorter, so the notice hides none of their rows.
    public mutating func reserveAboveInput(_ rows: Int) {
        guard rows > 0, arrangement != .tooSmall else { return }
        let bottom = input.y
        for (id, rect) in panes where rect.maxY == bottom {
            // A pane keeps its frame and a row inside; the notice covers what is left, if anything.
            panes[id]?.height = max(min(rect.height, 3), rect.height - rows)
        }
    }
}
