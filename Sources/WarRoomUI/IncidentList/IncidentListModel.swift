import WarRoomCore
import WarRoomScreen
import WarRoomText

/// One incident as the list shows it: what an IC scanning several fires asks first.
public struct IncidentListRow: Hashable, Sendable {
    public var id: IncidentID
    public var severity: Severity
    public var status: IncidentStatus
    public var title: String
    public var service: String?
    public var commander: String?
    public var declaredAt: Timestamp
    /// The most urgent status update owed, if one is.
    public var nextUpdate: Timestamp?
    /// How many obligations are owed (notifications, roles, escalations, updates…).
    public var owed: Int
    /// A child's parent, when it has one (the list shows it under the parent's row).
    public var parent: IncidentID?

    public init(_ state: IncidentState, policy: Policy, now: Timestamp, parent: IncidentID? = nil) {
        id = state.id
        severity = state.severity
        status = state.status
        // A drill says so where the eye starts, and `/drill` finds them.
        title = state.isDrill ? "[DRILL] " + state.title : state.title
        service = state.service
        commander = state.roles[.commander]?.person
        declaredAt = state.declaredAt
        nextUpdate = state.updateCountdown(policy: policy)?.nextDue
        owed = state.obligations(policy: policy).count
        self.parent = parent
    }

    /// Whether the row matches every word of `filter` (id, severity, status, title, service, IC;
    /// case folded).
    func matches(_ filter: String) -> Bool {
        let haystack = [id, severity.label, status.rawValue, title, service ?? "", commander ?? ""].joined(separator: " ").lowercased()
        return filter.lowercased().split(separator: " ").allSatisfy { haystack.contains($0) }
    }
}

/// The full-screen list of incidents (k9s-style): the open ones, most severe first, live; ↑/↓
/// choose, Enter opens the war room of one, `/` filters, `a` shows closed ones too, q quits.
/// Pure: the runtime feeds it rows, keys and the clock, and carries out what it returns.
public struct IncidentListModel: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        case open(IncidentID)
        case quit
        case redraw
    }

    public var rows: [IncidentListRow] = []
    public var now: Timestamp
    public var width: Int
    public var height: Int
    /// The store's name, for the title bar.
    public var storeName: String
    /// The selected incident (kept by id as rows come and go).
    public internal(set) var selected: IncidentID?
    /// The words typed after `/`.
    public internal(set) var filter = ""
    /// `/` was pressed: keys go to the filter until Enter or Esc.
    public internal(set) var filtering = false
    /// Closed incidents are listed too (`a`).
    public internal(set) var showsClosed = false
    /// Said in the footer until the next key.
    public var notice: String?

    public init(now: Timestamp, width: Int, height: Int, storeName: String) {
        self.now = now
        self.width = width
        self.height = height
        self.storeName = storeName
    }

    /// The rows shown: filtered, closed ones left out unless asked for; the most severe first,
    /// then the oldest, each child right after its parent.
    public var visible: [IncidentListRow] {
        let shown = rows.filter { (showsClosed || $0.status != .closed) && $0.matches(filter) }
        func order(_ a: IncidentListRow, _ b: IncidentListRow) -> Bool {
            (a.severity.rawValue, a.declaredAt.millis, a.id) < (b.severity.rawValue, b.declaredAt.millis, b.id)
        }
        let ids = Set(shown.map(\.id))
        let tops = shown.filter { $0.parent.map { !ids.contains($0) } ?? true }.sorted(by: order)
        var out: [IncidentListRow] = []
        func add(_ row: IncidentListRow, depth: Int) {
            guard !out.contains(where: { $0.id == row.id }), depth < 8 else { return }
            out.append(row)
            for child in shown.filter({ $0.parent == row.id }).sorted(by: order) { add(child, depth: depth + 1) }
        }
        for top in tops { add(top, depth: 0) }
        // A loop of parents (two writers at once) leaves rows no top reaches: listed last.
        return out + shown.filter { row in !out.contains { $0.id == row.id } }.sorted(by: order)
    }

    /// The selected row's place among `visible` (the first when the selection went away).
    public var selectedIndex: Int? {
        let rows = visible
        guard !rows.isEmpty else { return nil }
        return rows.firstIndex { $0.id == selected } ?? 0
    }

    /// How many rows fit between the title, the column header and the footer.
    var pageRows: Int { max(1, height - 4) }

    /// Selects `id` (the war room just left, when the list opens again).
    public mutating func select(_ id: IncidentID) {
        if visible.contains(where: { $0.id == id }) { selected = id }
    }

    public mutating func update(rows new: [IncidentListRow]) {
        rows = new
        if selected == nil || !visible.contains(where: { $0.id == selected }) { selected = visible.first?.id }
    }

    /// Applies a key (or a paste or resize); returns what the runtime must do, if anything.
    public mutating func update(_ input: TerminalInput) -> Action? {
        notice = nil
        switch input {
        case .resize(let width, let height):
            self.width = width
            self.height = height
            return .redraw
        case .paste(let text):
            if filtering { filter += Sanitizer.clean(text).replacing("↵ ", with: " ") }
            return nil
        case .key(let key):
            return filtering ? filterKey(key) : listKey(key)
        }
    }

    private mutating func filterKey(_ key: Key) -> Action? {
        switch key {
        case .character(let character): filter.append(character)
        case .backspace: if !filter.isEmpty { filter.removeLast() }
        case .enter: filtering = false
        case .escape: filtering = false; filter = ""
        case .ctrl("q"): return .quit
        case .ctrl("u"): filter = ""
        default: break
        }
        if !visible.contains(where: { $0.id == selected }) { selected = visible.first?.id }
        return nil
    }

    private mutating func listKey(_ key: Key) -> Action? {
        let rows = visible
        let index = selectedIndex ?? 0
        func select(_ place: Int) {
            guard !rows.isEmpty else { return }
            selected = rows[min(max(0, place), rows.count - 1)].id
        }
        switch key {
        case .up, .character("k"): select(index - 1)
        case .down, .character("j"): select(index + 1)
        case .home, .character("g"): select(0)
        case .end, .character("G"): select(rows.count - 1)
        case .pageUp: select(index - pageRows)
        case .pageDown: select(index + pageRows)
        case .enter:
            guard let id = rows.isEmpty ? nil : rows[index].id else {
                notice = showsClosed || filter.isEmpty ? "No incident to open" : "No incident matches: Esc in the filter (/) clears it"
                return nil
            }
            return .open(id)
        case .character("/"):
            filtering = true
        case .escape:
            filter = ""
        case .character("a"):
            showsClosed.toggle()
            if !visible.contains(where: { $0.id == selected }) { selected = visible.first?.id }
        case .character("q"), .ctrl("q"):
            return .quit
        case .ctrl("l"):
            return .redraw
        case .character(let other):
            notice = "'\(Sanitizer.clean(String(other)))' does nothing here: Enter opens, / filters, a shows closed ones, q quits"
        default:
            break
        }
        return nil
    }
}
