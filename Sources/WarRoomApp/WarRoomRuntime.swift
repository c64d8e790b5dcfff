import Foundation
import WarRoomConfig
import WarRoomCore
import WarRoomReports
import WarRoomStore
import WarRoomTerminal
import WarRoomUI
import WarRoomScreen

/// The war room's loop: reads keys, the clocks and signals into messages for the model, carries
/// out the effects it returns (record, read the store, save the draft, draft or copy an update,
/// log, leave) and sends back what became of them, and draws the screen when it changed. It
/// decides nothing: notices, retries and what a failure means are the model's.
public final class WarRoomRuntime {
    /// What the loop needs from outside.
    public struct Setup {
        public var store: any EventStore
        public var incident: IncidentID
        public var author: String
        public var policy: Policy
        public var theme: Theme
        public var noColor: Bool
        public var readOnly: Bool
        public var drafts: DraftStore
        public var log: DiagnosticLog?
        /// A notice shown when the screen opens (config problems, a restored draft…).
        public var startNotice: String?
        /// Where posted updates are copied for the IC (a folder beside the store).
        public var updatesDirectory: String?
        /// The displayed clock (`WARROOM_NOW` may pin it).
        public var clock: () -> Timestamp
        /// Milliseconds of a monotonic clock, which paces store polls.
        public var monotonicMillis: () -> Int64
        /// Opens the screen; nil opens the process's terminal (curses).
        public var openTerminal: (() throws -> any TerminalDevice)?
        /// Sees every message the model gets and the effects it returns (tests).
        public var observe: ((Message, [Effect]) -> Void)?
        /// Where entries typed while the store's server cannot be reached are kept (nil: none is,
        /// and such an entry goes back to the line as any failed append does).
        public var spool: Spool?
        /// Which deliveries each recorded event queues (the config's destinations); nil: none.
        public var routing: (any DeliveryRouting)?
        /// Sends the outbox's deliveries while the war room is open (nil: this war room sends none).
        public var delivery: BackgroundDelivery?
        /// Reads the live error budgets of a service (`prometheus_url` and an SLO file); nil: the
        /// war room shows none. Called off the loop.
        public var budgets: (@Sendable (String?) -> LiveBudgets)?
        /// The on-call file's schedules and escalation policy; nil: `/page` records text as typed.
        public var onCall: OnCallRoster?
        /// The team's runbooks (the config's folder, with the store's recorded tests); nil: none.
        public var runbooks: RunbookLibrary?
        /// Why a configured runbook folder gave none (it cannot be read), said on F2.
        public var runbooksUnavailable: String?
        /// Runs a runbook's code block on the terminal the loop lent it (`suspend`), and returns
        /// how it went once the person has read its output; nil: this war room runs none.
        public var runCommand: ((RunbookStep) -> CommandRun)?

        public init(store: any EventStore, incident: IncidentID, author: String, policy: Policy, theme: Theme,
                    noColor: Bool, readOnly: Bool, drafts: DraftStore, log: DiagnosticLog?, startNotice: String?,
                    updatesDirectory: String? = nil, clock: @escaping () -> Timestamp,
                    monotonicMillis: @escaping () -> Int64 = WarRoomRuntime.monotonicMillis,
                    openTerminal: (() throws -> any TerminalDevice)? = nil,
                    observe: ((Message, [Effect]) -> Void)? = nil) {
            self.updatesDirectory = updatesDirectory
            self.store = store
            self.incident = incident
            self.author = author
            self.policy = policy
            self.theme = theme
            self.noColor = noColor
            self.readOnly = readOnly
            self.drafts = drafts
            self.log = log
            self.startNotice = startNotice
            self.clock = clock
            self.monotonicMillis = monotonicMillis
            self.openTerminal = openTerminal
            self.observe = observe
        }
    }

    /// What became of the text typed but not sent when the war room ended.
    public enum DraftFate: Sendable, Equatable {
        /// Nothing was typed (or the view was read-only).
        case none
        /// Saved as a draft; the next war room on the incident offers it back.
        case kept
        /// Could not be saved (`reason`): the text itself, for the caller to print so nothing is lost.
        case lost(String, reason: String)
    }

    /// How the loop ended.
    public enum Outcome: Sendable, Equatable {
        /// Quit (Ctrl-Q, /quit).
        case quit(DraftFate)
        /// `/incidents`: the caller shows the incident list.
        case showIncidents
        /// A signal that asks the process to end (SIGTERM, SIGHUP, SIGUSR1, SIGPIPE…): the caller
        /// should report, then end the process by the same signal.
        case signal(Int32, DraftFate)
    }

    let setup: Setup
    /// How often other processes' commits are looked for when the store offers no change signal
    /// (with one, they show on its wake-up; `StoreChangeWatch.safetyNetMillis` is the fallback).
    static let pollMillis: Int64 = 250

    public init(_ setup: Setup) { self.setup = setup }

    /// Runs until quit or a signal; the terminal is restored on every way out.
    public func run() throws -> Outcome {
        // Marked seen before the read, not after: a commit between the two would be counted seen
        // and never read until the next one.
        _ = try setup.store.hasExternalChanges()
        let loaded = try setup.store.events(of: setup.incident, after: 0)
        guard let state = IncidentState.fold(loaded.map(\.event)) else {
            throw RuntimeError("incident \(setup.incident) has no declaration; the store may be damaged")
        }

        let terminal = try setup.openTerminal?() ?? Terminal(theme: setup.theme, noColor: setup.noColor)
        defer { terminal.shutdown() }
        let size = terminal.size
        var model = WarRoomModel(incident: state, policy: setup.policy, now: setup.clock(), author: setup.author,
                                 readOnly: setup.readOnly, width: size.width, height: size.height)
        // A wall display neither keeps nor claims drafts.
        let drafts = setup.readOnly ? nil : setup.drafts.open(setup.incident)
        defer { drafts?.close() }
        model.keepsDrafts = drafts != nil
        model.watchesBudgets = setup.budgets != nil
        model.onCall = setup.onCall
        model.runbooks = setup.runbooks
        model.runbooksUnavailable = setup.runbooksUnavailable
        model.runsCommands = setup.runCommand != nil && !setup.readOnly
        let loop = Loop(setup: setup, model: model, terminal: terminal, drafts: drafts,
                        lastSequence: loaded.last?.sequence ?? 0)
        if !setup.readOnly, let delivery = setup.delivery {
            delivery.start()
            loop.onRecorded = { events in
                if events.contains(where: { if case .delivery = $0.payload { true } else { false } }) { delivery.kick() }
            }
        }
        defer { setup.delivery?.stop() }
        loop.offerSpool()
        if let drafts, let draft = drafts.restored {
            _ = loop.send(.restoreDraft(draft, fromWarRooms: drafts.restoredFrom))
        } else if let notice = setup.startNotice {
            _ = loop.send(.startNotice(notice))
        }
        return loop.run()
    }

    /// Saves the unsent text a leaving war room has, and says what became of it.
    static func keep(_ text: String, in drafts: DraftSession?) -> DraftFate {
        guard let drafts, !text.isEmpty else { return .none }
        return drafts.save(text) ? .kept : .lost(text, reason: drafts.lastFailure ?? "unknown error")
    }

    /// Milliseconds of a monotonic clock: store polls keep their pace even when the displayed
    /// clock is pinned (WARROOM_NOW) or the wall clock jumps.
    public static func monotonicMillis() -> Int64 {
        Int64(DispatchTime.now().uptimeNanoseconds / 1_000_000)
    }
}

/// A failure of the war room itself, with a message for the person at the terminal.
public struct RuntimeError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
