#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import WarRoomCore
import WarRoomScreen

/// Everything the war room screen shows and every decision about keys: a pure value updated by
/// messages. The runtime feeds it keys, clock ticks and store events, and carries out the
/// effects it returns; it never draws or writes by itself. Every decision is here, the runtime's
/// failures included (a store that cannot be read, a draft that cannot be saved), so a war room
/// is tested as a value: messages in, effects and state out.
public struct WarRoomModel: Equatable, Sendable {
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
    /// The latest `/search` and what it found, shown over the panes in `.search` mode.
    public var search: SearchResults?
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
    /// The audience whose fresh draft was asked for (`.draftUpdate`) and has not come back yet.
    public internal(set) var draftingAudience: Audience?
    /// The runtime keeps the unsent text as a draft (not a wall display, not a test): the model
    /// asks for a save (`.saveDraft`) whenever it differs from the last one saved.
    public var keepsDrafts = false
    /// The unsent text as last saved (or restored): what a save would not change.
    public internal(set) var savedDraft = ""
    /// The last draft save failed: the next one that works says so.
    public internal(set) var draftSaveFailing = false
    /// The last store read failed: the next poll reads even if no commit is signalled.
    public internal(set) var storeReadFailing = false
    /// The incidents alerts proposed that wait for the IC (the store's inbox), oldest first.
    public internal(set) var proposals: [Proposal] = []
    /// The cause tags other incidents carry and the earlier incidents this one repeats, as the
    /// runtime last looked them up (at the start, and whenever a tag or an alert is recorded).
    public internal(set) var causes = CauseFacts()
    /// The look-up was asked for (at the start, or once `/cause` is typed): asked again only when
    /// a tag or an alert is recorded.
    public internal(set) var causesRequested = false
    /// Whether the war room looks up causes before its first frame: only an incident that could
    /// repeat one (it has a tag or an alert) pays for it; the rest look when `/cause` is typed.
    public var looksUpCausesAtStart: Bool { !incident.postmortem.causes.isEmpty || !incident.alertFingerprints.isEmpty }
    /// The links between this incident and others, and the incidents on their other ends, as the
    /// runtime last looked them up (at the start, after a link is recorded, and a moment after
    /// another process writes); nil until the first look-up answers.
    public internal(set) var links: LinkFacts?
    /// Another process wrote since the last look-up of the links: looked up again once
    /// `LinkFacts.refreshEvery` has passed since the last one.
    public internal(set) var linksStale = false
    /// When the links were last asked for (nil: never).
    public internal(set) var linksAskedAt: Timestamp?
    /// The on-call schedules and escalation policy (an on-call file was read): `/page` names a
    /// person, the strip shows pages waiting for an acknowledgement and whom the next tier is, and
    /// a page nobody answers in its level's timeout is escalated by this war room (one that may
    /// write). Nil without a file.
    public var onCall: OnCallRoster?
    /// The pages this war room asked to escalate, so a tick while the record is on its way does
    /// not ask twice (a refusal because another war room escalated first is expected).
    public internal(set) var escalationsAsked: Set<UUID> = []
    /// Escalations that failed to record, by page: how many times in a row, and when the next
    /// try is due (5 s, doubling to 2 min), so a store that keeps refusing is not asked every tick.
    public internal(set) var escalationRetries: [UUID: EscalationRetry] = [:]
    /// The team's runbooks (`runbooks = "PATH"` in the config, with the tests the store
    /// recorded): the strip offers the one that answers the incident, F2 and `/runbook` show it.
    /// Nil without a folder.
    public var runbooks: RunbookLibrary?
    /// Why there are no runbooks though a folder is configured (it cannot be read): said on F2.
    public var runbooksUnavailable: String?
    /// The runtime can lend its terminal to a runbook's code block (the process's own terminal).
    public var runsCommands = false
    /// The runbook view, while it is open.
    public internal(set) var runbookView: RunbookViewState?
    /// The runbooks whose opening this war room asked to record (so it is asked once).
    public internal(set) var runbookOpensAsked: Set<String> = []
    /// The runtime can read live SLIs (`prometheus_url` and an SLO file): the budgets of the
    /// incident's service are asked for at the start and every `LiveBudgets.refreshEvery`.
    public var watchesBudgets = false
    /// The live budgets as last read (nil: none asked for, or none came yet).
    public internal(set) var budgets: LiveBudgets?
    /// When the budgets were last asked for.
    public internal(set) var budgetsAskedAt: Timestamp?
    /// Entries typed while the store could not be reached, oldest first, until delivered.
    public internal(set) var queued: [QueuedEntry] = []
    /// The store's server cannot be reached: entries are queued, polls stop, attempts follow
    /// `DeliveryBackoff`.
    public internal(set) var offline = false
    /// Failed attempts in a row, for the backoff.
    public internal(set) var deliveryFailures = 0
    /// When the next delivery (or read) attempt is due; nil when none is planned.
    public internal(set) var nextDeliveryAt: Timestamp?

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

        /// The tab's label, longest first: the tab bar uses the longest that fits every tab.
        public var tabLabels: [String] {
            switch self {
            case .timeline: [rawValue, "Timeline", "Time"]
            case .update: [rawValue, "Update", "Upd"]
            case .roles: [rawValue, "Roles", "Role"]
            case .hypotheses: [rawValue, "Hyps", "Hyp"]
            }
        }
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

/// What the runtime must do after an update. Each one that can fail or produce something comes
/// back as a message (named on each case), so the model decides what follows.
public enum Effect: Hashable, Sendable {
    /// Keep a copy of a posted update where the IC can copy it (a file beside the store);
    /// answered by `.updateSaved`.
    case saveUpdate(audience: Audience, text: String)
    /// Append the command's events; answered by `.recorded`, or `.recordFailed`/`.appendFailed`
    /// with `source` to restore the text.
    case record(Command, at: Timestamp?, source: RecordSource)
    /// Read the events other processes committed (only when a commit is signalled, unless
    /// `evenIfUnchanged`); answered by `.events` when something was read, or `.storeReadFailed`.
    case readStore(evenIfUnchanged: Bool)
    /// Keep the unsent text as this war room's draft; answered by `.draftSaved`/`.draftSaveFailed`.
    case saveDraft(String)
    /// Draft a status update for `audience` from the model's record and clock as they are (effects
    /// are carried out before the next message); answered by `.updateDrafted`.
    case draftUpdate(Audience)
    /// Write a line to the diagnostic log.
    case log(String)
    /// Accept or dismiss a proposed incident in the store's inbox; answered by
    /// `.proposalDecided`, or `.recordFailed` with `source` to restore the text.
    case decideProposal(ProposalDecision, source: RecordSource)
    /// Search the knowledge base (re-indexing what changed first); answered by `.searchResults`
    /// or `.searchFailed`.
    case search(SearchQuery)
    /// Look up the tags other incidents carry and the incidents this one repeats; answered by
    /// `.causesLookedUp` or `.causesLookUpFailed`.
    case lookUpCauses
    /// Look up the links between incidents and the incidents linked to this one; answered by
    /// `.linksLookedUp` or `.linksLookUpFailed`.
    case lookUpLinks
    /// Read the live error budgets of `service` (off the loop: Prometheus may be slow); answered
    /// by `.budgetsRead`.
    case lookUpBudgets(service: String?)
    /// Leave, keeping `draft` (unsent input) for the next start when it is not empty.
    case quit(draft: String)
    /// Leave for the incident list (`/incidents`); the line was empty.
    case showIncidents
    /// Leave because of `signal`, keeping `draft`; the process then ends by that signal.
    case endBySignal(Int32, draft: String)
    /// Repaint everything (Ctrl-L).
    case redraw
    /// Lend the terminal to a runbook's code block, confirmed by the person at it; answered by
    /// `.commandRan`.
    case runCommand(RunbookStep)
    /// Deliver the offline spool's entries to the store, in order; answered by `.delivered`,
    /// `.deliveryRefused` (one per refusal) and/or `.deliveryFailed`.
    case deliverQueued
}

/// What the runtime tells the model: what was read (keys, clock, signals, the poll timer) and
/// what became of the effects it carried out.
public enum Message: Hashable, Sendable {
    case input(TerminalInput)
    /// The clock moved.
    case tick(Timestamp)
    /// Time to look for other processes' commits (every 250 ms of the monotonic clock).
    case pollDue
    /// Events read from the store (possibly none): another process's, or test input.
    case events([Event])
    /// A store read failed (`reason`): the war room stays open and reads again at the next poll.
    case storeReadFailed(String)
    /// A record effect was written: its events (with any other writer's before them).
    case recorded([Event], source: RecordSource)
    /// A record effect was refused: say why, and put the text back.
    case recordFailed(String, source: RecordSource)
    /// A record effect could not be written (the store failed, `reason`): put the text back.
    case appendFailed(String, source: RecordSource)
    /// The copy of a posted update was written to `path` (nil: there is no copy).
    case updateSaved(Audience, path: String?)
    /// The fresh draft a `.draftUpdate` asked for.
    case updateDrafted(Audience, String)
    /// The draft `text` was saved.
    case draftSaved(String)
    /// The draft `text` could not be saved (`reason`).
    case draftSaveFailed(String, reason: String)
    /// A draft from war rooms that ended (`fromWarRooms` of them, joined one per line), offered back.
    case restoreDraft(String, fromWarRooms: Int = 1)
    /// A notice for the opening screen (config problems…).
    case startNotice(String)
    /// The proposals waiting in the store's inbox, read at the start and whenever it changed.
    case proposals([Proposal])
    /// A proposal decision was recorded: what to tell the IC.
    case proposalDecided(String)
    /// What a `/search` found.
    case searchResults(SearchResults)
    /// A `/search` that could not be carried out, and why.
    case searchFailed(String)
    /// What `.lookUpCauses` found.
    case causesLookedUp(CauseFacts)
    /// A `.lookUpCauses` that failed, and why (logged; the tags are then checked for spelling only).
    case causesLookUpFailed(String)
    /// What `.lookUpLinks` found.
    case linksLookedUp(LinkFacts)
    /// A `.lookUpLinks` that failed, and why (logged; `/link` then says the incidents are unknown).
    case linksLookUpFailed(String)
    /// Another process committed to the store (any incident): the links may have changed.
    case othersWrote
    /// What `.lookUpBudgets` read.
    case budgetsRead(LiveBudgets)
    /// A signal asked us to leave (SIGTERM, SIGHUP…).
    case signal(Int32)
    /// A runbook's code block ran (`.runCommand`), from `startedAt`.
    case commandRan(CommandRun, step: RunbookStep, startedAt: Timestamp)
    /// The store's server cannot be reached (`reason`): said once, then the offline status line.
    case storeUnreachable(String)
    /// A record effect could not reach the store: the entry is in the offline spool, shown queued.
    case queued(QueuedEntry, source: RecordSource)
    /// Entries an earlier war room or command queued, waiting in the spool when this one opened.
    case spoolPending([QueuedEntry])
    /// Queued entries (`entries`, by first event id) were delivered: the incident's new events
    /// (others' and ours), and how many entries still wait.
    case delivered([Event], entries: [UUID], remaining: Int)
    /// A queued entry was refused on delivery (`reason`): shown to its author, never dropped silently.
    case deliveryRefused(QueuedEntry, reason: String)
    /// A delivery attempt could not reach the store (`reason`); `remaining` entries still wait.
    case deliveryFailed(String, remaining: Int)
}

/// An escalation that could not be recorded, and when it is tried again.
public struct EscalationRetry: Hashable, Sendable {
    public var failures: Int
    public var due: Timestamp

    /// The wait after the `failures`-th failure in a row: 5 s, 10 s, 20 s … at most 2 minutes.
    public static func wait(after failures: Int) -> TimeSpan {
        .seconds(min(120, 5 << min(max(0, failures - 1), 5)))
    }
}

/// Where a recorded command was typed, so a record that fails puts the text back there.
public enum RecordSource: Hashable, Sendable {
    /// The input line, as submitted.
    case line(String)
    /// The status-update editor: the text posted to an audience.
    case update(Audience, String)
    /// The war room's own escalation of an unanswered page (nothing typed to give back).
    case escalation(page: UUID, text: String)
    /// The runbook view's record that a runbook was opened or linked (its name).
    case runbook(String)
    /// The entry of a runbook step that ran (its text, given back to the line should it fail).
    case run(String)
}

/// The root causes across incidents, as far as this war room needs them.
public struct CauseFacts: Hashable, Sendable {
    /// Every tag other incidents carry, with those incidents.
    public var known: [String: [IncidentID]]
    /// The earlier incidents this one repeats, oldest first.
    public var repeats: [RepeatMatch]
    /// The earlier incidents that had one of this incident's alerts, newest first.
    public var precedents: [AlertPrecedent]

    public init(known: [String: [IncidentID]] = [:], repeats: [RepeatMatch] = [], precedents: [AlertPrecedent] = []) {
        self.known = known
        self.repeats = repeats
        self.precedents = precedents
    }

    /// Whether `events` may change what a look-up finds: a tag put on or off, an alert recorded.
    public static func touched(by events: [Event]) -> Bool {
        events.contains { event in
            switch event.payload {
            case .causeTagged: true
            case .entry(let entry): entry.alert?.fingerprint != nil
            default: false
            }
        }
    }
}

/// What a `/search` found: the incidents, best first, and anything the index could not include.
public struct SearchResults: Hashable, Sendable {
    public var query: SearchQuery
    public var hits: [SearchHit]
    /// Said above the results: incidents whose latest changes are not searched, and why.
    public var note: String?
    /// How far the list is scrolled, in incidents.
    public var scroll = 0

    public init(query: SearchQuery, hits: [SearchHit], note: String? = nil) {
        self.query = query
        self.hits = hits
        self.note = note
    }
}
