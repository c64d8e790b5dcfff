import WarRoomScreen
/// Where each part of the screen goes at a given size. Pure arithmetic, tested at every size.
public struct Layout: Hashable, Sendable {
    /// How the body is arranged.
    public enum Arrangement: Hashable, Sendable {
        /// Timeline on the left, a sidebar of update, roles and hypotheses on the right.
        case columns
        /// Update, roles and hypotheses side by side above the timeline (80×24).
        case stacked
        /// One pane at a time under a tab bar.
        case single
        /// Below the minimum: only a notice.
        case tooSmall
    }

    public static let minimumWidth = 24
    public static let minimumHeight = 8

    public var arrangement: Arrangement
    public var header: Rect
    public var alerts: Rect
    public var tabs: Rect
    public var timeline: Rect
    public var update: Rect
    public var roles: Rect
    public var hypotheses: Rect
    public var input: Rect
    public var footer: Rect

    /// The layout for a screen of `width`×`height` with `alertCount` rows of alerts wanted (one
    /// per kind: `AlertsStrip.rowsWanted`).
    public init(width: Int, height: Int, alertCount: Int, focused: WarRoomModel.Pane) {
        let none = Rect(x: 0, y: 0, width: 0, height: 0)
        (header, alerts, tabs, timeline, update, roles, hypotheses, input, footer) =
            (none, none, none, none, none, none, none, none, none)
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            arrangement = .tooSmall
            return
        }
        header = Rect(x: 0, y: 0, width: width, height: 1)
        footer = Rect(x: 0, y: height - 1, width: width, height: 1)
        input = Rect(x: 0, y: height - 2, width: width, height: 1)
        // Rows of the alerts strip, one per kind of thing owed (`alertCount`). Even a small screen
        // keeps two: knowing what is owed matters more than one more row of the timeline.
        let alertRows = min(alertCount, height >= 30 ? 4 : (height >= 20 ? 3 : (height >= 12 ? 2 : 1)))
        alerts = Rect(x: 0, y: 1, width: width, height: alertRows)
        let bodyTop = 1 + alertRows
        let body = Rect(x: 0, y: bodyTop, width: width, height: height - 2 - bodyTop)

        if width >= 100 && height >= 20 {
            arrangement = .columns
            let side = min(48, max(36, width / 3))
            timeline = Rect(x: 0, y: body.y, width: width - side, height: body.height)
            let column = Rect(x: width - side, y: body.y, width: side, height: body.height)
            let updateHeight = min(column.height / 3 + 1, 9)
            let rolesHeight = min(6, max(0, column.height - updateHeight))
            update = Rect(x: column.x, y: column.y, width: side, height: updateHeight)
            roles = Rect(x: column.x, y: column.y + updateHeight, width: side, height: rolesHeight)
            hypotheses = Rect(x: column.x, y: roles.maxY, width: side, height: max(0, column.maxY - roles.maxY))
        } else if width >= 60 && height >= 16 {
            arrangement = .stacked
            let stripHeight = min(6, body.height / 2)
            let third = width / 3
            update = Rect(x: 0, y: body.y, width: third, height: stripHeight)
            roles = Rect(x: third, y: body.y, width: third, height: stripHeight)
            hypotheses = Rect(x: 2 * third, y: body.y, width: width - 2 * third, height: stripHeight)
            timeline = Rect(x: 0, y: body.y + stripHeight, width: width, height: body.height - stripHeight)
        } else {
            arrangement = .single
            tabs = Rect(x: 0, y: body.y, width: width, height: 1)
            let pane = Rect(x: 0, y: body.y + 1, width: width, height: body.height - 1)
            switch focused {
            case .timeline: timeline = pane
            case .update: update = pane
            case .roles: roles = pane
            case .hypotheses: hypotheses = pane
            }
        }
    }

    /// Makes room for `rows` rows just above the input line (a notice too long for the footer):
    /// the panes that reach down to it get shorter, so the notice hides none of their rows.
    public mutating func reserveAboveInput(_ rows: Int) {
        guard rows > 0, arrangement != .tooSmall else { return }
        let bottom = input.y
        for path in [\Layout.timeline, \Layout.update, \Layout.roles, \Layout.hypotheses] where self[keyPath: path].maxY == bottom {
            let rect = self[keyPath: path]
            // A pane keeps its frame and a row inside; the notice covers what is left, if anything.
            self[keyPath: path].height = max(min(rect.height, 3), rect.height - rows)
        }
    }
}
