import WarRoomCore
import WarRoomScreen

/// Everything the war room screen shows and every decision about keys: a pure value updated by
/// messages. The runtime feeds it keys, clock ticks and store events, and carries out the
/// effects it returns; it never draws or writes by itself.
public struct WarRoomModel: Sendable {
    public var incident: IncidentState
    public var policy: Policy
    public var now: Timestamp
    /// Who entries are recorded as.
    public var author: String
    /// A wall display: shows everything, records nothing.
    public var readOnly: Bool
    public var width: Int
    public var height: Int

    public var mode: Mode = .input
    public var input = LineEditor()
    public var history: [String] = []
    /// Position while recalling history: nil when editing a fresh line.
    public var historyIndex: Int?
    /// The line being edited before history recall began.
    var stash = ""
    /// Rows scrolled back from the newest; 0 follows new entries.
    public var scrollBack = 0
    public var filter: TimelineFilter?
    /// The pane shown when the screen is too small for all of them.
    public var focusedPane: Pane = .timeline
    public var helpScroll = 0
    /// One line for the footer: an error that kept the typed text, or a notice.
    public var notice: Notice?
    var completion: CompletionCycle?
    /// The status-update draft being edited (`/update`); nil when the editor is closed.
    public var composer: UpdateComposer?
    /// Edited, unposted drafts of the audiences not in the editor: kept until posted or discarded
    /// (Ctrl-X), so Esc, Tab or another `/update` never throws an edit away.
    public var keptDrafts: [Audience: UpdateComposer] = [:]
    /// Ctrl-X asked "discard?": the next key answers.
    var confirmingDiscard = false
    /// What Enter does with the line: record it, or apply it as a timeline filter (`/` in
    /// navigation mode). The screen shows the difference through `inputPrompt`.
    public var lineKind: LineKind = .entry
    /// The entry text put aside while the filter line is open (`unsentText` keeps it in drafts).
    public internal(set) var asideEntry: String?
    /// Timeline rows already laid out: a memo, so drawing a long incident costs what is new on screen.
    let timelineRows = TimelineRowCache()

    /// A notice in the footer.
    public struct Notice: Hashable, Sendable {
        public enum Kind: Hashable, Sendable { case error, info }
        public var kind: Kind
        public var text: String
        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// What the input line is for.
    public enum LineKind: Hashable, Sendable {
        /// An entry or a /command.
        case entry
        /// The text of a timeline filter (`kind:KIND` and/or words); a /command typed here runs as one.
        case filter
    }

    /// The panes of the screen.
    public enum Pane: String, CaseIterable, Hashable, Sendable {
        case timeline = "Timeline", update = "Update", roles = "Roles", hypotheses = "Hypotheses"
    }

    public init(incident: IncidentState, policy: Policy, now: Timestamp, author: String, readOnly: Bool = false,
                width: Int, height: Int) {
        self.incident = incident
        self.policy = policy
        self.now = now
        self.author = author
        self.readOnly = readOnly
        self.width = width
        self.height = height
    }
}

/// A status-update draft under edit.
public struct UpdateComposer: Hashable, Sendable {
    public var audience: Audience
    public var editor: LineEditor
    /// The drafter's text, to tell whether the IC changed it.
    public var drafted: String

    public var isEdited: Bool { editor.text != drafted }
}

/// What the runtime must do after an update.
public enum Effect: Hashable, Sendable {
    /// Keep a copy of a posted update where the IC can copy it (a file beside the store).
    case saveUpdate(audience: Audience, text: String)
    /// Append the command's events; on failure send `.recordFailed` with `source` to restore it.
    case record(Command, at: Timestamp?, source: RecordSource)
    /// Leave, keeping `draft` (unsent input) for the next start when it is not empty.
    case quit(draft: String)
    /// Repaint everything (Ctrl-L).
    case redraw
}

/// What the runtime tells the model.
public enum Message: Hashable, Sendable {
    case input(TerminalInput)
    /// The clock moved.
    case tick(Timestamp)
    /// Events arrived from the store: ours after a commit, or another process's.
    case events([Event])
    /// A record effect failed: say why, and put the text back.
    case recordFailed(String, source: RecordSource)
    /// A draft from the last session, offered back.
    case restoreDraft(String)
    /// A signal asked us to leave (SIGINT, SIGTERM, SIGHUP).
    case terminate
}

/// Where a recorded command was typed, so a record that fails puts the text back there.
public enum RecordSource: Hashable, Sendable {
    /// The input line, as submitted.
    case line(String)
    /// The status-update editor: the text posted to an audience.
    case update(Audience, String)
}
