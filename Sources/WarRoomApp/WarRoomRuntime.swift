import Foundation
import WarRoomConfig
import WarRoomCore
import WarRoomStore
import WarRoomTerminal
import WarRoomUI
import WarRoomScreen

/// The war room's loop: read a key or wait until the next second (or the next store poll),
/// update the model, carry out its effects, draw what changed. All decisions are the model's.
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
        public var clock: () -> Timestamp

        public init(store: any EventStore, incident: IncidentID, author: String, policy: Policy, theme: Theme,
                    noColor: Bool, readOnly: Bool, drafts: DraftStore, log: DiagnosticLog?, startNotice: String?,
                    updatesDirectory: String? = nil, clock: @escaping () -> Timestamp) {
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
        /// A signal that asks the process to end (SIGTERM, SIGHUP, SIGUSR1, SIGPIPE…): the caller
        /// should report, then end the process by the same signal.
        case signal(Int32, DraftFate)
    }

    let setup: Setup
    /// How often other processes' commits are looked for: they show within a second.
    static let pollMillis: Int64 = 250

    public init(_ setup: Setup) { self.setup = setup }

    /// Runs until quit or a signal; the terminal is restored on every way out.
    public func run() throws -> Outcome {
        let loaded = try setup.store.events(of: setup.incident, after: 0)
        guard let state = IncidentState.fold(loaded.map(\.event)) else {
            throw RuntimeError("incident \(setup.incident) has no declaration; the store may be damaged")
        }
        var lastSequence = loaded.last?.sequence ?? 0
        _ = try setup.store.hasExternalChanges()

        let terminal = try Terminal(theme: setup.theme, noColor: setup.noColor)
        defer { terminal.shutdown() }
        let size = terminal.size
        var model = WarRoomModel(incident: state, policy: setup.policy, now: setup.clock(), author: setup.author,
                                 readOnly: setup.readOnly, width: size.width, height: size.height)
        // A wall display neither keeps nor claims drafts.
        let drafts = setup.readOnly ? nil : setup.drafts.open(setup.incident)
        defer { drafts?.close() }
        if let drafts, let draft = drafts.restored {
            _ = model.update(.restoreDraft(draft))
            if drafts.restoredFrom > 1, let notice = model.notice {
                model.notice = WarRoomModel.Notice(notice.kind, notice.text
                    + " (the drafts of \(drafts.restoredFrom) war rooms that ended, one per line)")
            }
        } else if let notice = setup.startNotice {
            model.notice = WarRoomModel.Notice(.info, notice)
        }

        var savedDraft = model.unsentText
        var draftFailing = false
        var lastPoll: Int64 = 0
        // After a failed read, read again even if no new commit is signalled.
        var readFailed = false
        var drawnSecond = Int64.min
        var dirty = true
        while true {
            let now = setup.clock()
            if now.millis / 1000 != drawnSecond { _ = model.update(.tick(now)); dirty = true }
            if dirty {
                let (grid, cursor) = WarRoomView.render(model)
                terminal.draw(grid, cursor: cursor)
                drawnSecond = now.millis / 1000
                dirty = false
            }
            // Sleep until the next second boundary or the next poll, whichever is first.
            let toNextSecond = 1000 - now.millis % 1000
            let toNextPoll = max(0, lastPoll + Self.pollMillis - Self.monotonicMillis())
            let input = terminal.read(timeoutMillis: Int(min(toNextSecond, toNextPoll, Self.pollMillis)))

            var effects: [Effect] = []
            // What was read is applied first, so a paste that came with the signal is in the draft.
            if let input {
                effects += model.update(.input(input))
                dirty = true
            }
            if let signal = terminal.pendingSignal() {
                let fate = Self.keep(model.unsentText, in: drafts)
                logLine("signal \(signal): leaving, draft of \(model.unsentText.count) characters \(fate == .kept ? "kept" : "not kept")")
                return .signal(signal, fate)
            }
            if Self.monotonicMillis() - lastPoll >= Self.pollMillis {
                lastPoll = Self.monotonicMillis()
                // A failed read must not close the war room: say so, and try again at the next poll.
                do {
                    if try setup.store.hasExternalChanges() || readFailed {
                        let newer = try setup.store.events(of: setup.incident, after: lastSequence)
                        if let last = newer.last {
                            lastSequence = last.sequence
                            effects += model.update(.events(newer.map(\.event)))
                            dirty = true
                        }
                        readFailed = false
                    }
                } catch {
                    readFailed = true
                    logLine("reading the store failed: \(error)")
                    model.notice = WarRoomModel.Notice(.error, "Reading the store failed (retrying): \(error)")
                    dirty = true
                }
            }
            var recorded = true
            for effect in effects {
                switch effect {
                case .record(let command, let at, let source):
                    recorded = record(command, at: at, source: source, model: &model, lastSequence: &lastSequence)
                case .quit(let draft):
                    return .quit(Self.keep(draft, in: drafts))
                case .redraw:
                    terminal.invalidate()
                case .saveUpdate(let audience, let text):
                    // Only an update the store acknowledged is announced and copied out.
                    guard recorded else { break }
                    let path = UpdateFiles.save(text, audience: audience, incident: setup.incident,
                                                at: setup.clock(), directory: setup.updatesDirectory)
                    model.notice = WarRoomModel.Notice(.info, "Posted to \(audience.rawValue)"
                        + (path.map { "; a copy to send: \($0)" } ?? ""))
                }
            }
            if model.unsentText != savedDraft, let drafts {
                // A draft that cannot be saved is said (and logged) once, and again once saving works
                // again; typing clears notices, so the warning comes back while it lasts: the scribe
                // must know that a crash now would lose the text.
                if drafts.save(model.unsentText) {
                    savedDraft = model.unsentText
                    if draftFailing {
                        draftFailing = false
                        model.notice = WarRoomModel.Notice(.info, "Your draft is saved again")
                        dirty = true
                    }
                } else {
                    if !draftFailing { logLine("saving the draft failed: \(drafts.lastFailure ?? "unknown error")") }
                    draftFailing = true
                    if model.notice == nil {
                        model.notice = Self.draftWarning(drafts)
                        dirty = true
                    }
                }
            }
        }
    }

    /// The footer's warning while the draft cannot be saved.
    static func draftWarning(_ drafts: DraftSession) -> WarRoomModel.Notice {
        WarRoomModel.Notice(.error, "Your draft is NOT saved (\(drafts.lastFailure ?? "unknown error")): "
            + "if the war room ends, the text is printed on exit")
    }

    /// Saves the unsent text a leaving war room has, and says what became of it.
    static func keep(_ text: String, in drafts: DraftSession?) -> DraftFate {
        guard let drafts, !text.isEmpty else { return .none }
        return drafts.save(text) ? .kept : .lost(text, reason: drafts.lastFailure ?? "unknown error")
    }

    /// Milliseconds of a monotonic clock: store polls keep their pace even when the displayed
    /// clock is pinned (WARROOM_NOW) or the wall clock jumps.
    static func monotonicMillis() -> Int64 {
        Int64(DispatchTime.now().uptimeNanoseconds / 1_000_000)
    }

    /// Appends a command inside one write transaction, deciding against the latest state.
    /// Returns whether the store acknowledged it.
    @discardableResult
    private func record(_ command: Command, at: Timestamp?, source: RecordSource, model: inout WarRoomModel,
                        lastSequence: inout Int64) -> Bool {
        let now = setup.clock()
        do {
            let result = try setup.store.record(incident: setup.incident, onto: model.incident, knownSequence: lastSequence,
                                                author: setup.author, at: at ?? now, now: now, policy: setup.policy) { _ in command }
            if let last = result.events.last { lastSequence = last.sequence }
            _ = model.update(.events(result.events.map(\.event)))
            return true
        } catch let error as CommandError {
            _ = model.update(.recordFailed(error.description, source: source))
        } catch {
            logLine("append failed: \(error)")
            _ = model.update(.recordFailed("not recorded: \(error)", source: source))
        }
        return false
    }

    private func logLine(_ line: String) {
        _ = setup.log?.write(line, at: setup.clock().iso8601)
    }
}

/// A failure of the war room itself, with a message for the person at the terminal.
public struct RuntimeError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
