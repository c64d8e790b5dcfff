import WarRoomCore
import WarRoomScreen

extension WarRoomModel {
    /// Applies one message and returns the effects to carry out. `rows` is the timeline's memo of
    /// laid-out rows, which scrolling consults to know how far back the timeline goes: pass the one
    /// the screen is rendered with (a fresh one gives the same answer, only slower).
    public mutating func update(_ message: Message, rows: TimelineRowCache = TimelineRowCache()) -> [Effect] {
        var effects = apply(message, rows: rows)
        // Typing `/cause` fetches the tags in use, so Tab and the typo check have them by Enter.
        if case .input = message, !causesRequested, input.text.hasPrefix("/cause") {
            causesRequested = true
            effects.append(.lookUpCauses)
        }
        // Typing `/link` before the links came (or after a look-up failed) asks for them.
        if case .input = message, links == nil, input.text.hasPrefix("/link") { effects += askLinksIfDue() }
        return withDraftSave(effects, after: message)
    }

    mutating func apply(_ message: Message, rows: TimelineRowCache) -> [Effect] {
        switch message {
        case .tick(let instant):
            now = instant
            return retryIfDue() + (linksStale ? askLinksIfDue() : []) + askBudgetsIfDue() + escalateIfDue()
        case .storeUnreachable, .queued, .spoolPending, .delivered, .deliveryRefused, .deliveryFailed:
            return spooled(message)
        case .pollDue, .storeReadFailed, .recorded, .appendFailed, .updateSaved, .updateDrafted, .draftSaved,
             .draftSaveFailed, .startNotice, .proposals, .proposalDecided, .searchResults, .searchFailed,
             .causesLookedUp, .causesLookUpFailed, .linksLookedUp, .linksLookUpFailed, .othersWrote, .budgetsRead:
            return carriedOut(message, rows: rows)
        case .events(let events):
            // A read that works again says so, in place of the failure it announced.
            if storeReadFailing, let shown = notice, shown.kind == .error, shown.text.hasPrefix(Self.storeReadFailedNotice) {
                notice = Notice(.info, "Reading the store works again")
            }
            storeReadFailing = false
            // A read that works while nothing waits ends an outage.
            if offline, queued.isEmpty {
                offline = false
                nextDeliveryAt = nil
                deliveryFailures = 0
                if notice?.text.hasPrefix(Self.unreachableNotice) == true { notice = Notice(.info, "The store's server is back") }
            }
            let before = visibleRowsCount
            // In place: a fold onto a copy would duplicate the whole timeline per event.
            for event in events { incident.apply(event) }
            // Scrolled back: keep the same rows in view as new ones arrive below.
            if scrollBack > 0 { scrollBack += max(0, visibleRowsCount - before) }
            // A notification of ours that cleared nothing says what is still owed, so a wording
            // the rules did not recognise is not taken for a discharged obligation.
            for event in events where event.author == author {
                switch event.payload {
                case .notified(let record) where record.person != nil:
                    // A page: the escalation's own notice stands; a typed one says what follows.
                    guard record.escalates == nil, let person = record.person else { break }
                    let next = onCall?.pendingEscalations(incident).first { $0.page.id == event.id }
                    notice = Notice(.info, "Paged \(person): /ack when they answer"
                        + (next.map { "; \($0.target.description) is paged at \($0.due.clockTime) if nobody does" } ?? ""))
                case .notified(let record):
                    if let owed = incident.notificationNotice(for: record, policy: policy, now: now) {
                        notice = Notice(.info, "Recorded, but " + owed)
                    }
                case .causeTagged(let change) where !change.removed && causesRequested && causes.known[change.tag] == nil:
                    // Said, so a tag typed differently from the one meant is seen at once.
                    notice = Notice(.info, "\(change.tag) is a new cause tag: no other incident carries it yet (/cause -\(change.tag) takes it off)")
                case .entry where event.at.startOfDay != now.startOfDay:
                    // A backdated entry of another day sorts out of view: say where it went, so
                    // "14:25" meant for today but read as yesterday is seen and can be undone.
                    let number = incident.timelineItem(for: event.id).map { "#\($0.number) " } ?? ""
                    let day = TimelinePane.dayLabel(event.at, today: now.startOfDay)
                    notice = Notice(.info, "Recorded \(number)dated \(day) \(event.at.clockTime) UTC, not today"
                        + (number.isEmpty ? "" : ": /retract \(number.dropFirst().dropLast()) WHY if it was not meant"))
                default:
                    break
                }
            }
            return (CauseFacts.touched(by: events) ? [.lookUpCauses] : []) + (LinkFacts.touched(by: events) ? askLinks() : [])
        case .recordFailed(let reason, .update(let audience, let text)):
            // A post that failed goes back into the editor, nothing lost.
            stashComposer()
            keptDrafts[audience] = nil
            draftingAudience = nil
            composer = UpdateComposer(audience: audience, editor: LineEditor(text), drafted: "")
            mode = .compose
            notice = Notice(.error, reason + " — the update was not posted; it is back in the editor")
            return []
        case .recordFailed(let reason, .escalation(let page, let text)):
            // Another war room escalated it first, or someone answered: nothing to say.
            guard !reason.contains(CommandError.pageAlreadyEscalated.description), !reason.contains("acknowledged already") else { return [] }
            escalationsAsked.remove(page)
            let failures = (escalationRetries[page]?.failures ?? 0) + 1
            let wait = EscalationRetry.wait(after: failures)
            escalationRetries[page] = EscalationRetry(failures: failures, due: now + wait)
            self.notice = Notice(.error, reason + " — \(text) was not recorded; retrying in \(wait.compact)")
            return []
        case .recordFailed(let reason, .runbook(let name)):
            runbookOpensAsked.remove(name)
            notice = Notice(.error, reason + " — runbook \(name): not recorded")
            return []
        case .recordFailed(let reason, .run(let text)):
            // What ran is done either way: the entry's words go to the line, to record by hand.
            if input.isEmpty {
                input.replace(with: "/action " + text)
                lineKind = .entry
            }
            notice = Notice(.error, reason + " — the step ran but was NOT recorded; its entry is in the line: Enter records it")
            return []
        case .recordFailed(let reason, .line(let source)):
            if input.isEmpty {
                input.replace(with: source)
                lineKind = .entry
            } else if input.text != source { history.append(source) }
            self.notice = Notice(.error, reason + " — your text is back in the line")
            return []
        case .restoreDraft(let draft, let warRooms):
            input.replace(with: draft)
            lineKind = .entry
            // Already in this war room's draft file: nothing to save until it changes.
            savedDraft = draft
            self.notice = Notice(.info, "Restored the unsent text from last time: Enter records it, Ctrl-U clears it"
                + (warRooms > 1 ? " (the drafts of \(warRooms) war rooms that ended, one per line)" : ""))
            return []
        case .signal(let signal):
            return [.endBySignal(signal, draft: unsentText)]
        case .commandRan(let run, let step, let startedAt):
            return ran(run, step: step, startedAt: startedAt)
        case .input(.resize(let w, let h)):
            width = w
            height = h
            return []
        case .input(.paste(let text)):
            if mode == .compose, var composer {
                // A paste is not an answer to "discard?": the edits stay, with the paste added.
                if confirmingDiscard {
                    confirmingDiscard = false
                    notice = Notice(.info, "Kept your edits")
                }
                composer.editor.insert(text)
                self.composer = composer
                return []
            }
            guard mode == .input else { return [] }
            if readOnly {
                notice = Notice(.error, Self.readOnlyNotice)
                return []
            }
            notice = nil
            input.insert(text)
            return []
        case .input(.key(let key)):
            return handle(key, rows: rows)
        }
    }

    private var visibleRowsCount: Int { incident.timeline.count }

    private mutating func handle(_ key: Key, rows: TimelineRowCache) -> [Effect] {
        if key != .tab { completion = nil }
        if mode == .confirmQuit {
            switch key {
            case .character("y"), .character("Y"), .ctrl("q"): return [.quit(draft: unsentText)]
            default:
                // Back where the question was asked: the editor, when Ctrl-Q came from it.
                mode = composer == nil ? .input : .compose
                notice = Notice(.info, "Still here; your text is kept")
                return []
            }
        }
        if mode == .compose, confirmingDiscard { return answerDiscard(key) }
        if mode == .runbook, runbookView?.confirming == true { return answerRun(key) }
        if readOnly, mode == .input, case .character = key {
            notice = Notice(.error, Self.readOnlyNotice)
            return []
        }
        guard let action = KeyTable.action(for: key, in: mode) else {
            if mode == .compose, case .character(let character) = key, var composer {
                composer.editor.insert(String(character))
                self.composer = composer
            } else if mode == .input, case .character(let character) = key {
                notice = nil
                historyIndex = nil
                input.insert(String(character))
            } else if mode == .navigate, case .character(let character) = key, let digit = character.wholeNumberValue,
                      (1...Pane.allCases.count).contains(digit) {
                focusedPane = Pane.allCases[digit - 1]
            }
            return []
        }
        if mode == .input && action != .submit { notice = notice?.kind == .error ? notice : nil }
        if mode == .runbook { return runbookAction(action) }
        return perform(action, rows: rows)
    }

    mutating func perform(_ action: KeyAction, rows: TimelineRowCache = TimelineRowCache()) -> [Effect] {
        if mode == .compose { return composeAction(action, rows: rows) }
        if readOnly, action != .backToInput, KeyTable.typingActions.contains(action) {
            notice = Notice(.error, Self.readOnlyNotice)
            return []
        }
        switch action {
        case .submit: return submit()
        case .complete: complete()
        case .historyBack: recall(-1)
        case .historyForward: recall(+1)
        case .cursorLeft: input.moveLeft()
        case .cursorRight: input.moveRight()
        case .cursorHome: input.home()
        case .cursorEnd: input.end()
        case .backspace:
            if lineKind == .filter && input.isEmpty {
                leaveFilterLine()
                notice = Notice(.info, "Left the filter line: Enter records again")
            } else { input.backspace() }
        case .deleteForward: input.deleteForward()
        case .deleteWord: input.deleteWord()
        case .deleteToStart: input.deleteToStart()
        case .scrollUp where mode == .search: scrollSearch(-1)
        case .scrollDown where mode == .search: scrollSearch(+1)
        case .pageUp where mode == .search: scrollSearch(-max(1, pageSize / 2))
        case .pageDown where mode == .search: scrollSearch(+max(1, pageSize / 2))
        case .scrollUp:
            if mode == .help { helpScroll = max(0, helpScroll - 1) } else { scrollBack = clampedScroll(rows, scrollBack + 1) }
        case .scrollDown:
            if mode == .help { helpScroll = min(helpScroll + 1, HelpPane.lines.count) } else { scrollBack = max(0, scrollBack - 1) }
        case .pageUp:
            if mode == .help { helpScroll = max(0, helpScroll - pageSize) } else { scrollBack = clampedScroll(rows, scrollBack + pageSize) }
        case .pageDown:
            if mode == .help { helpScroll = min(helpScroll + pageSize, HelpPane.lines.count) } else { scrollBack = max(0, scrollBack - pageSize) }
        case .jumpNewest: scrollBack = 0
        case .jumpOldest: scrollBack = clampedScroll(rows, Int.max / 2)
        case .help:
            mode = .help
            helpScroll = 0
        case .closeOverlay: mode = .input
        case .quit:
            let edited = editedAudiences
            if !edited.isEmpty {
                mode = .confirmQuit
                let names = UpdateArguments.orList(edited.map(\.rawValue), "and")
                // The question first: a footer cut at 80 columns still shows which key does what.
                notice = Notice(.info, "Quit anyway? y quits, any other key stays. "
                    + (edited.count == 1 ? "Your edited status update for \(names) is not posted"
                                         : "Your edited status updates for \(names) are not posted")
                    + " and will not be kept" + (unsentText.isEmpty ? "" : " (the line's text is kept as a draft)"))
                return []
            }
            guard unsentText.isEmpty else {
                mode = .confirmQuit
                notice = Notice(.info, "Unsent text in the line. Quit anyway? y quits (the text is kept as a draft), any other key stays")
                return []
            }
            return [.quit(draft: "")]
        case .navigate:
            mode = .navigate
            if lineKind == .filter && input.isEmpty { leaveFilterLine() }
        case .backToInput: mode = .input
        case .nextPane:
            let panes = Pane.allCases
            focusedPane = panes[((panes.firstIndex(of: focusedPane) ?? 0) + 1) % panes.count]
        case .startFilter:
            mode = .input
            // The line's unsent text is never replaced by a filter, nor typed onto: it is put aside
            // while the filter line is open (and kept in the draft), and comes back after it.
            var aside = ""
            if lineKind == .entry, !input.isEmpty {
                asideEntry = input.take()
                aside = " — your unsent text is put aside and comes back after it"
            }
            lineKind = .filter
            notice = Notice(.info, "Filter: words and/or kind:KIND, Enter applies (empty: show all rows); a /command typed here runs as one" + aside)
        case .redraw: return [.redraw]
        case .openRunbook: return openRunbookView()
        case .lineUp, .lineDown, .newline, .nextAudience, .post, .discard, .nextBlock, .previousBlock, .runBlock, .nextRunbook,
             .previousRunbook: break
        }
        return []
    }

    /// Moves the search results by `incidents`, staying within them.
    private mutating func scrollSearch(_ incidents: Int) {
        guard var results = search else { return }
        results.scroll = min(max(0, results.scroll + incidents), max(0, results.hits.count - 1))
        search = results
    }

    /// Keys while editing a status-update draft.
    private mutating func composeAction(_ action: KeyAction, rows: TimelineRowCache) -> [Effect] {
        guard var editing = composer else {
            mode = .input
            return []
        }
        switch action {
        case .newline: editing.editor.insert("\n")
        case .cursorLeft: editing.editor.moveLeft()
        case .cursorRight: editing.editor.moveRight()
        case .lineUp: editing.editor.moveLine(-1)
        case .lineDown: editing.editor.moveLine(+1)
        case .backspace: editing.editor.backspace()
        case .deleteForward: editing.editor.deleteForward()
        case .closeOverlay:
            mode = .input
            composer = editing
            stashComposer()
            notice = Notice(.info, editing.isEdited
                ? "Your \(editing.audience.rawValue) draft is kept, edits and all: /update \(editing.audience.rawValue) opens it again (Ctrl-X there discards it)"
                : "Closed: /update drafts it again from the latest record")
            return []
        case .nextAudience:
            let all = Audience.allCases
            let next = all[((all.firstIndex(of: editing.audience) ?? 0) + 1) % all.count]
            composer = editing
            stashComposer()
            notice = editing.isEdited ? Notice(.info, "Kept your \(editing.audience.rawValue) edits (Tab comes back to them); now \(next.rawValue)") : nil
            return open(next)
        case .discard:
            guard editing.isEdited else {
                notice = Notice(.info, "Nothing to discard: this \(editing.audience.rawValue) draft is as drafted")
                return []
            }
            confirmingDiscard = true
            notice = Notice(.info, "Discard your edits to the \(editing.audience.rawValue) update? y discards (a fresh draft replaces it), any other key keeps them")
        case .post:
            let text = editing.editor.text
            guard !text.allSatisfy(\.isWhitespace) else {
                notice = Notice(.error, "The update is empty: write it, or Esc")
                return []
            }
            // Posted: the next /update drafts afresh. A failure brings the text back (see recordFailed).
            composer = nil
            keptDrafts[editing.audience] = nil
            mode = .input
            notice = Notice(.info, "Posting to \(editing.audience.rawValue)…")
            return [.record(.postUpdate(audience: editing.audience, text: text), at: nil,
                            source: .update(editing.audience, text))]
        case .quit:
            mode = .input
            composer = editing
            return perform(.quit, rows: rows)
        default:
            break
        }
        composer = editing
        return []
    }

    /// Moves the open editor's draft, when edited, to the kept drafts; closes the editor.
    mutating func stashComposer() {
        guard let current = composer else { return }
        keptDrafts[current.audience] = current.isEdited ? current : nil
        composer = nil
    }

    /// Opens `audience` in the editor: its kept draft, else a fresh one from the record, which the
    /// runtime drafts (`.draftUpdate`, answered by `.updateDrafted`): the documents are the
    /// reports' business, not the screen's.
    mutating func open(_ audience: Audience) -> [Effect] {
        if let kept = keptDrafts.removeValue(forKey: audience) {
            composer = kept
            draftingAudience = nil
            return []
        }
        composer = nil
        draftingAudience = audience
        return [.draftUpdate(audience)]
    }

    /// The answer to "discard?": y discards the open draft's edits, any other key keeps them.
    private mutating func answerDiscard(_ key: Key) -> [Effect] {
        confirmingDiscard = false
        guard let editing = composer, key == .character("y") || key == .character("Y") else {
            notice = Notice(.info, "Kept your edits")
            return []
        }
        keptDrafts[editing.audience] = nil
        notice = Notice(.info, "Discarded your edits: this is a fresh \(editing.audience.rawValue) draft from the record")
        composer = nil
        return open(editing.audience)
    }

    /// `wanted`, or less when the timeline does not reach that far back.
    func clampedScroll(_ rows: TimelineRowCache, _ wanted: Int) -> Int { TimelinePane.maxScrollBack(self, rows: rows, upTo: wanted) }

    /// Rows a page scroll moves: most of the timeline pane.
    var pageSize: Int { max(1, height - 10) }

    private mutating func submit() -> [Effect] {
        // A filter line is the filter's text, unless it is a /command: that runs as one.
        let isFilterText = lineKind == .filter && !input.text.hasPrefix("/")
        let line = isFilterText ? "/filter " + input.text : input.text
        guard isFilterText || !line.allSatisfy(\.isWhitespace) else { return [] }
        let action: InputAction
        do {
            action = try SlashCommands.parse(line, context: InputContext(state: incident, now: now, proposals: proposals,
                                                                         knownCauses: Array(causes.known.keys), links: links,
                                                                         onCall: onCall, runbooks: runbooks))
        } catch {
            notice = Notice(.error, error.message)
            return []
        }
        // What was typed, as typed: ↑ after a filter-line filter brings back the words, to record
        // them if they were meant as an entry.
        let typed = isFilterText ? input.text : line
        if !typed.allSatisfy(\.isWhitespace), history.last != typed { history.append(typed) }
        historyIndex = nil
        let wasFilterLine = lineKind == .filter
        lineKind = .entry
        defer { if wasFilterLine { restoreAside() } }
        switch action {
        case .record(let command, let at):
            if readOnly {
                notice = Notice(.error, "This is a read-only wall display: record from another terminal")
                return []
            }
            _ = input.take()
            scrollBack = 0
            notice = nil
            return [.record(command, at: at, source: .line(line))]
        case .decideProposal(let decision):
            if readOnly {
                notice = Notice(.error, "This is a read-only wall display: decide proposals from another terminal")
                return []
            }
            _ = input.take()
            notice = nil
            return [.decideProposal(decision, source: .line(line))]
        case .search(let query):
            _ = input.take()
            notice = nil
            return [.search(query)]
        case .openRunbook(let name):
            _ = input.take()
            return name.map { linkRunbook($0) } ?? openRunbookView()
        case .showHelp:
            _ = input.take()
            mode = .help
            helpScroll = 0
        case .quit:
            _ = input.take()
            return [.quit(draft: "")]
        case .showIncidents:
            _ = input.take()
            // An edited update would be lost on the way: said, and the room stays.
            if !editedAudiences.isEmpty {
                notice = Notice(.error, "Your edited status update for " + UpdateArguments.orList(editedAudiences.map(\.rawValue), "and")
                    + " is not posted: post it (/update, Ctrl-S) or discard it (Ctrl-X) before /incidents")
                return []
            }
            return [.showIncidents]
        case .filter(let filter):
            _ = input.take()
            self.filter = filter
            scrollBack = 0
            notice = Notice(.info, filter.map {
                "Filtered: \($0.summary) — /filter alone shows everything" + (isFilterText ? "; meant it as an entry? ↑ brings it back" : "")
            } ?? "Showing every row")
        case .follow:
            _ = input.take()
            scrollBack = 0
        case .composeUpdate(let audience):
            _ = input.take()
            if readOnly {
                notice = Notice(.error, "This is a read-only wall display: post updates from another terminal")
                return []
            }
            stashComposer()
            let kept = keptDrafts[audience] != nil
            mode = .compose
            notice = kept ? Notice(.info, "Your edited \(audience.rawValue) draft, as you left it (Ctrl-X discards it)") : nil
            return open(audience)
        }
        return []
    }

    private mutating func recall(_ step: Int) {
        guard !history.isEmpty else { return }
        if historyIndex == nil {
            guard step < 0 else { return }
            stash = input.text
            historyIndex = history.count
        }
        let next = (historyIndex ?? history.count) + step
        if next >= history.count {
            historyIndex = nil
            input.replace(with: stash)
        } else {
            historyIndex = max(0, next)
            input.replace(with: history[max(0, next)])
        }
    }
}
