import WarRoomConfig
import WarRoomCore
import WarRoomScreen
import WarRoomStore
import WarRoomTerminal
import WarRoomUI

/// The full-screen incident list, live: each incident folded once and again only when its log
/// grew (the store's `incidents()` says how far each goes), the links read from their index, the
/// screen redrawn every second for the clocks and at once when another process commits.
public final class IncidentListRuntime {
    public struct Setup {
        public var store: any EventStore
        public var policy: Policy
        public var storeName: String
        public var theme: Theme
        public var noColor: Bool
        public var clock: () -> Timestamp
        public var monotonicMillis: () -> Int64
        /// Opens the screen; nil opens the process's terminal (curses).
        public var openTerminal: (() throws -> any TerminalDevice)?
        /// The incident to select when the list opens (the war room just left).
        public var selected: IncidentID?

        public init(store: any EventStore, policy: Policy, storeName: String, theme: Theme, noColor: Bool,
                    clock: @escaping () -> Timestamp, monotonicMillis: @escaping () -> Int64 = WarRoomRuntime.monotonicMillis,
                    openTerminal: (() throws -> any TerminalDevice)? = nil, selected: IncidentID? = nil) {
            self.store = store
            self.policy = policy
            self.storeName = storeName
            self.theme = theme
            self.noColor = noColor
            self.clock = clock
            self.monotonicMillis = monotonicMillis
            self.openTerminal = openTerminal
            self.selected = selected
        }
    }

    public enum Outcome: Hashable, Sendable {
        /// Enter on an incident.
        case open(IncidentID)
        case quit
        /// A signal asked the process to end.
        case signal(Int32)
    }

    let setup: Setup
    let directory: IncidentDirectory

    public init(_ setup: Setup) {
        self.setup = setup
        directory = IncidentDirectory(store: setup.store)
    }

    /// The rows at `now` (closed incidents only when `includeClosed`): only incidents whose log
    /// grew since the last call are folded again.
    public func rows(now: Timestamp, includeClosed: Bool = false) throws -> [IncidentListRow] {
        let (states, graph) = try directory.load(includeClosed: includeClosed)
        return states.map { IncidentListRow($0, policy: setup.policy, now: now, parent: graph.parents(of: $0.id).first) }
    }

    /// Until Enter, q or a signal; the terminal is restored on every way out.
    public func run() throws -> Outcome {
        _ = try setup.store.hasExternalChanges()
        let first = try rows(now: setup.clock())
        let terminal = try setup.openTerminal?() ?? Terminal(theme: setup.theme, noColor: setup.noColor)
        defer { terminal.shutdown() }
        let size = terminal.size
        var model = IncidentListModel(now: setup.clock(), width: size.width, height: size.height, storeName: setup.storeName)
        model.update(rows: first)
        if let selected = setup.selected, first.contains(where: { $0.id == selected }) { model.select(selected) }
        let watch = StoreChangeWatch(store: setup.store, pollMillis: 500) { _ in }
        var lastPoll = setup.monotonicMillis()
        var dirty = true
        var loadedClosed = false
        while true {
            let now = setup.clock()
            if now.millis / 1000 != model.now.millis / 1000 { model.now = now; dirty = true }
            if dirty {
                let (grid, cursor) = IncidentListView.render(model)
                terminal.draw(grid, cursor: cursor)
                dirty = false
            }
            let toNextSecond = 1000 - now.millis % 1000
            let toNextPoll = max(0, lastPoll + watch.interval - setup.monotonicMillis())
            var look = false
            switch terminal.read(timeoutMillis: Int(min(toNextSecond, toNextPoll)), wakingOn: watch.descriptor) {
            case .input(let input):
                dirty = true
                switch model.update(input) {
                case .open(let id): return .open(id)
                case .quit: return .quit
                case .redraw: terminal.invalidate()
                case nil: break
                }
            case .woken:
                watch.woken(atMillis: setup.monotonicMillis())
                look = true
            case .wakeFailed(let reason):
                watch.failed(reason)
                look = true
            case .timedOut:
                break
            }
            if let signal = terminal.pendingSignal() { return .signal(signal) }
            // `a` asks for the closed ones: read them at once (and leave them out again after).
            if model.showsClosed != loadedClosed, let fresh = try? rows(now: setup.clock(), includeClosed: model.showsClosed) {
                loadedClosed = model.showsClosed
                model.update(rows: fresh)
                dirty = true
            }
            if look || setup.monotonicMillis() - lastPoll >= watch.interval {
                lastPoll = setup.monotonicMillis()
                // A store that fails to answer keeps the rows it had; the next poll tries again.
                if (try? setup.store.hasExternalChanges()) == true,
                   let fresh = try? rows(now: setup.clock(), includeClosed: loadedClosed) {
                    model.update(rows: fresh)
                    dirty = true
                }
            }
        }
    }
}
