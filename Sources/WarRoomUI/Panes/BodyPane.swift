import WarRoomCore
import WarRoomScreen

/// The name of a pane of the body, the key of its rectangle in a `Layout`. A new pane declares
/// its own in its file (`extension PaneID { static let facts = PaneID("facts") }`).
public struct PaneID: Hashable, Sendable, CustomStringConvertible {
    /// The name, for messages and tests.
    public let name: String
    /// A pane's name.
    public init(_ name: String) { self.name = name }
    /// The name.
    public var description: String { name }
}

/// What a pane is handed to draw itself: the model, and whether it has the focus. A value, so
/// what panes need can grow (a row cache, say) without changing every pane's signature.
public struct PaneContext {
    /// The state drawn.
    public var model: WarRoomModel
    /// The timeline's memo of laid-out rows, kept by the runtime from frame to frame.
    public var rows: TimelineRowCache
    /// Whether the pane shows the focus border.
    public var focused: Bool
}

/// A pane of the body as the layout sees it: what room it needs, how important it is, and how it
/// draws. `BodyPane.all` lists them; the layout places whatever the list holds.
public struct BodyPane: Sendable {
    /// Where a pane lives.
    public enum Place: Hashable, Sendable {
        /// The body's main pane (the timeline): every arrangement shows it, given all room left.
        case main
        /// A side pane: in the side column of the wide layout, in the strip of the 80×24 one, and
        /// behind a tab on a small screen.
        case side
        /// Shown only in the wide layout's side column, on the rows the side panes leave free, and
        /// hidden when those are fewer than its minimum.
        case leftover
    }

    /// The pane's name, its key in the layout.
    public var id: PaneID
    /// The focus (and tab) this pane answers to; nil for a pane that is never focused.
    public var tab: WarRoomModel.Pane?
    /// Where the pane lives.
    public var place: Place
    /// Lower is more important: given its minimum first, hidden last.
    public var priority: Int
    /// The smallest frame worth drawing: below it the pane is hidden (or, where it cannot be, the
    /// arrangement is not used).
    public var minimumWidth: Int, minimumHeight: Int
    /// The height it asks for side by side with the other side panes (the 80×24 strip).
    public var compactHeight: Int
    /// The rows its content wants in the side column, frame included.
    public var height: @Sendable (WarRoomModel) -> Int
    /// Draws the pane into its rectangle.
    public var draw: @Sendable (inout Grid, Rect, PaneContext) -> Void

    /// A pane.
    public init(_ id: PaneID, tab: WarRoomModel.Pane?, place: Place, priority: Int, minimumWidth: Int = 20,
                minimumHeight: Int = 3, compactHeight: Int = 3, height: @escaping @Sendable (WarRoomModel) -> Int = { _ in 3 },
                draw: @escaping @Sendable (inout Grid, Rect, PaneContext) -> Void) {
        self.id = id
        self.tab = tab
        self.place = place
        self.priority = priority
        self.minimumWidth = minimumWidth
        self.minimumHeight = minimumHeight
        self.compactHeight = compactHeight
        self.height = height
        self.draw = draw
    }

    /// Every pane of the body, in screen order (top to bottom, left to right). A new pane is its
    /// file (an id, a `BodyPane` value, a draw function) and one entry here.
    public static let all: [BodyPane] = [.timeline, .update, .roles, .hypotheses, .links, .budget, .facts]
}

extension PaneID {
    /// The timeline.
    public static let timeline = PaneID("timeline")
    /// The status-update countdown.
    public static let update = PaneID("update")
    /// The roster.
    public static let roles = PaneID("roles")
    /// The running hypotheses.
    public static let hypotheses = PaneID("hypotheses")
}

extension BodyPane {
    /// The timeline: the main pane.
    static let timeline = BodyPane(.timeline, tab: .timeline, place: .main, priority: 0) { grid, rect, context in
        TimelinePane.draw(&grid, rect, context.model, rows: context.rows, focused: context.focused)
    }

    /// The update countdown: nine rows hold the big digits, the due time and the last update.
    static let update = BodyPane(.update, tab: .update, place: .side, priority: 2, compactHeight: 6,
                                 height: { _ in 9 }) { grid, rect, context in
        UpdatePane.draw(&grid, rect, context.model, focused: context.focused)
    }

    /// The roster: a row per listed role (every required one, and an optional one while held), so a
    /// new role grows the box by itself. Short and what a vacancy alert points at, so it is whole
    /// before the countdown grows.
    static let roles = BodyPane(.roles, tab: .roles, place: .side, priority: 1, compactHeight: Role.allCases.count + 2,
                                height: { $0.incident.listedRoles.count + 2 }) { grid, rect, context in
        RosterPane.draw(&grid, rect, context.model, focused: context.focused)
    }

    /// The hypotheses: two rows per running one, one per settled one.
    static let hypotheses = BodyPane(.hypotheses, tab: .hypotheses, place: .side, priority: 3, compactHeight: 6,
                                     height: { HypothesesPane.rowsWanted($0) + 2 }) { grid, rect, context in
        HypothesesPane.draw(&grid, rect, context.model, focused: context.focused)
    }
}

extension HypothesesPane {
    /// The rows `draw` fills: a hint when none runs, two per running hypothesis, one per settled one.
    static func rowsWanted(_ model: WarRoomModel) -> Int {
        let running = model.incident.hypotheses.filter(\.isRunning).count
        return (running == 0 ? 1 : 2 * running) + model.incident.hypotheses.count - running
    }
}
