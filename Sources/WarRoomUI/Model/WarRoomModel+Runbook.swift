import WarRoomCore
import WarRoomReports
import WarRoomScreen

/// The runbook view's place: which runbooks it offers (those that answer the incident, then those
/// linked to it), which one it shows, how far it is scrolled, the code block selected and whether
/// running it was asked and waits for a yes.
public struct RunbookViewState: Hashable, Sendable {
    /// A runbook the view offers, and why.
    public struct Offer: Hashable, Sendable {
        public var name: String
        public var why: String
    }

    public var offers: [Offer]
    /// The offer shown.
    public var index: Int
    /// The first line shown.
    public var scroll = 0
    /// The code block selected (an index into the runbook's blocks), nil before Tab.
    public var block: Int?
    /// Enter asked to run the selected block: y runs it, any other key does not.
    public var confirming = false

    public var current: Offer? { offers.indices.contains(index) ? offers[index] : nil }
}

/// A code block of a runbook as run from the view: what the runtime runs and the entry records.
public struct RunbookStep: Hashable, Sendable {
    public var runbook: String
    /// The block's number in the runbook, from 1.
    public var block: Int
    /// The section it is in (empty before the first heading).
    public var section: String
    /// The program and arguments (`bash -c SCRIPT`).
    public var arguments: [String]
    /// The script the confirmation showed.
    public var script: String

    public init(runbook: String, block: Int, section: String, arguments: [String], script: String) {
        self.runbook = runbook
        self.block = block
        self.section = section
        self.arguments = arguments
        self.script = script
    }
}

extension WarRoomModel {
    /// The alerts this incident's runbook matching reads: every alert recorded, its name and link.
    var runbookAlerts: [RunbookAlert] {
        incident.timeline.compactMap(\.alert).map { RunbookAlert(name: $0.name, runbookURL: $0.runbookURL) }
    }

    /// The runbooks that answer this incident, best first, then those linked to it that no match
    /// found (a linked one missing from this folder is offered too, and says so).
    public var runbookOffers: [RunbookViewState.Offer] {
        guard let runbooks else { return [] }
        var offers = runbooks.matches(service: incident.service, alerts: runbookAlerts).map { match in
            RunbookViewState.Offer(name: match.runbook.name, why: Self.why(match.reason))
        }
        for record in incident.runbooks {
            guard let link = record.linked, !offers.contains(where: { $0.name == record.name }) else { continue }
            offers.append(RunbookViewState.Offer(name: record.name, why: "linked by \(link.person)"))
        }
        return offers
    }

    static func why(_ reason: RunbookReason) -> String {
        switch reason {
        case .link: "an alert's runbook_url names it"
        case .alert(let name): "it answers alert \(name)"
        case .service(let service): "service \(service)"
        }
    }

    /// The runbook the strip offers until somebody opens one: the best match, with its last test.
    var runbookOfferAlert: Alert? {
        guard mode != .runbook, !incident.runbooks.contains(where: { !$0.openings.isEmpty }),
              let offer = runbookOffers.first, let runbook = runbooks?.named(offer.name) else { return nil }
        let tested = runbook.facts.lastTested.map { tested in
            let days = max(0, Int((now - tested).millis / 86_400_000))
            return runbook.isStale(now: now) ? "last tested \(days) days ago, STALE" : "last tested \(tested.dateOnly)"
        } ?? "never tested"
        return Alert.runbookOffer(offer.name, message: "Runbook \(offer.name) (\(offer.why); \(tested)): F2 opens it")
    }

    /// F2 or `/runbook`: the view on the best runbook (or `name`, just linked); says why not
    /// when there is none. The runbook shown is recorded as opened, once a person.
    mutating func openRunbookView(named name: String? = nil) -> [Effect] {
        guard let runbooks else {
            notice = Notice(.error, runbooksUnavailable.map { "No runbooks: \($0)" }
                ?? "No runbook folder: write runbooks = \"PATH\" in the config file (see the README's runbooks section)")
            return []
        }
        let offers = runbookOffers
        let index = name.flatMap { name in offers.firstIndex { $0.name == name } } ?? 0
        guard !offers.isEmpty else {
            let service = incident.service.map { "service \($0)" } ?? "no service set (/service NAME)"
            notice = Notice(.info, "No runbook answers this incident (\(service), \(runbookAlerts.count) alert"
                + (runbookAlerts.count == 1 ? "" : "s") + "): /runbook NAME links one — Tab offers the \(runbooks.runbooks.count) in the folder")
            return []
        }
        runbookView = RunbookViewState(offers: offers, index: index)
        mode = .runbook
        notice = nil
        return recordOpening()
    }

    /// The opening of the runbook shown, when this person has not opened it in this incident yet
    /// (a wall display records nothing).
    mutating func recordOpening() -> [Effect] {
        guard !readOnly, let offer = runbookView?.current, let runbook = runbooks?.named(offer.name) else { return [] }
        guard incident.runbooks.first(where: { $0.name == runbook.name })?.opened(by: author) != true,
              !runbookOpensAsked.contains(runbook.name) else { return [] }
        runbookOpensAsked.insert(runbook.name)
        let use = RunbookUse(runbook: runbook.name, action: .opened, lastTested: Self.recordable(runbook.facts.lastTested, now: now))
        return [.record(.useRunbook(use), at: nil, source: .runbook(runbook.name))]
    }

    /// A last-tested time the log can keep (a date ahead of the clock, a typo in a front matter,
    /// is left out rather than refuse the record).
    static func recordable(_ time: Timestamp?, now: Timestamp) -> Timestamp? {
        guard let time, TimeBounds.eventTimeProblem(time, now: now) == nil else { return nil }
        return time
    }

    /// `/runbook NAME`: link it (once) and open it.
    mutating func linkRunbook(_ name: String) -> [Effect] {
        guard let runbook = runbooks?.named(name) else { return openRunbookView() }
        var effects: [Effect] = []
        let linked = incident.runbooks.contains { $0.name == runbook.name && $0.linked != nil }
        let matched = runbookOffers.contains { $0.name == runbook.name }
        if !linked, !matched, !readOnly {
            let use = RunbookUse(runbook: runbook.name, action: .linked, lastTested: Self.recordable(runbook.facts.lastTested, now: now))
            effects.append(.record(.useRunbook(use), at: nil, source: .runbook(runbook.name)))
        }
        // Shown at once; the link's event puts it among the offers for everyone.
        var offers = runbookOffers
        if !offers.contains(where: { $0.name == runbook.name }) {
            offers.append(RunbookViewState.Offer(name: runbook.name, why: "linked by \(author)"))
        }
        runbookView = RunbookViewState(offers: offers, index: offers.firstIndex { $0.name == runbook.name } ?? 0)
        mode = .runbook
        notice = nil
        return effects + recordOpening()
    }

    /// A key in the runbook view.
    mutating func runbookAction(_ action: KeyAction) -> [Effect] {
        guard var view = runbookView, let offer = view.current else {
            mode = .input
            return []
        }
        let runbook = runbooks?.named(offer.name)
        let page = RunbookPane.page(height: height)
        let lines = runbook.map { RunbookPane.lines($0, width: width - 4) } ?? []
        let maxScroll = max(0, lines.count - page)
        let blocks = runbook?.codeBlocks.count ?? 0
        var effects: [Effect] = []
        switch action {
        case .closeOverlay:
            mode = .input
            runbookView = nil
            return []
        case .scrollUp: view.scroll -= 1
        case .scrollDown: view.scroll += 1
        case .pageUp: view.scroll -= page
        case .pageDown: view.scroll += page
        case .jumpOldest: view.scroll = 0
        case .jumpNewest: view.scroll = maxScroll
        case .nextBlock, .previousBlock:
            guard blocks > 0 else {
                notice = Notice(.info, "This runbook has no code blocks to run")
                break
            }
            let step = action == .nextBlock ? 1 : -1
            view.block = view.block.map { ($0 + step + blocks) % blocks } ?? (step > 0 ? 0 : blocks - 1)
            // The block's fence in view, with a line of context above it.
            if let selected = view.block, let first = lines.firstIndex(where: { $0.block == selected }) {
                let last = lines.lastIndex { $0.block == selected } ?? first
                if first < view.scroll || last >= view.scroll + page { view.scroll = max(0, first - 1) }
            }
            notice = nil
        case .runBlock:
            guard let runbook, let selected = view.block, runbook.codeBlocks.indices.contains(selected) else {
                notice = Notice(.info, blocks == 0 ? "This runbook has no code blocks to run" : "Tab selects a code block first; Enter then runs it (asks first)")
                break
            }
            if readOnly {
                notice = Notice(.error, "This is a read-only wall display: run runbook steps from another terminal")
            } else if !runsCommands {
                notice = Notice(.error, "This war room cannot run commands: run the block with warroom exec -- …")
            } else {
                switch RunbookScript(runbook.codeBlocks[selected]) {
                case .run:
                    view.confirming = true
                    notice = Notice(.info, "Run block \(selected + 1) in this terminal? y runs it, any other key does not")
                case .notShell(let language):
                    notice = Notice(.info, "Block \(selected + 1) is \(language), not a shell's: it is shown to copy, never run")
                case .placeholders(let names):
                    notice = Notice(.error, "Block \(selected + 1) has placeholders to fill in (\(names.joined(separator: ", "))): "
                        + "run it with your values through warroom exec -- …; nothing was run")
                case .empty:
                    notice = Notice(.info, "Block \(selected + 1) holds only comments: nothing to run")
                }
            }
        case .nextRunbook, .previousRunbook:
            guard view.offers.count > 1 else {
                notice = Notice(.info, "Only this runbook answers the incident: /runbook NAME links another")
                break
            }
            view.index = (view.index + (action == .nextRunbook ? 1 : view.offers.count - 1)) % view.offers.count
            view.scroll = 0
            view.block = nil
            notice = nil
            runbookView = view
            return recordOpening()
        case .quit, .help:
            return perform(action)
        case .redraw:
            effects = [.redraw]
        default:
            break
        }
        view.scroll = min(max(0, view.scroll), maxScroll)
        runbookView = view
        return effects
    }

    /// The answer to "run block N?": y runs it (the runtime lends the terminal), anything else not.
    mutating func answerRun(_ key: Key) -> [Effect] {
        guard var view = runbookView else { return [] }
        view.confirming = false
        runbookView = view
        guard key == .character("y") || key == .character("Y"), let offer = view.current, let selected = view.block,
              let runbook = runbooks?.named(offer.name), runbook.codeBlocks.indices.contains(selected),
              case .run(let arguments, let script) = RunbookScript(runbook.codeBlocks[selected]) else {
            notice = Notice(.info, "Not run")
            return []
        }
        notice = nil
        let block = runbook.codeBlocks[selected]
        return [.runCommand(RunbookStep(runbook: runbook.name, block: selected + 1, section: block.section,
                                        arguments: arguments, script: script))]
    }

    /// A block ran: its entry, dated when it started, as `warroom exec` records one.
    mutating func ran(_ run: CommandRun, step: RunbookStep, startedAt: Timestamp) -> [Effect] {
        let entry = Entry(kind: .action, text: TimelineWording.ran(step: step.block, of: step.runbook, script: step.script, run),
                          run: run)
        notice = Notice(run.succeeded ? .info : .error, "Block \(step.block) of \(step.runbook): "
            + TimelineWording.ending(run) + (readOnly ? "" : "; recording it"))
        guard !readOnly else { return [] }
        return [.record(.log(entry), at: startedAt, source: .run(entry.text))]
    }
}
