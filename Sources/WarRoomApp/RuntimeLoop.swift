import WarRoomConfig
import WarRoomCore
import WarRoomReports
import WarRoomStore
import WarRoomUI

extension WarRoomRuntime {
    /// One running war room: the model, the screen, the draft and the store's read position.
    /// What it reads becomes messages; what the model returns it carries out, sending back what
    /// became of each effect, before the next key is read.
    final class Loop {
        let setup: Setup
        var model: WarRoomModel
        let terminal: any TerminalDevice
        let drafts: DraftSession?
        /// The last sequence number read or written: reads and appends start after it.
        var lastSequence: Int64
        /// The timeline's laid-out rows, kept from frame to frame (the model stays a plain value).
        let rows = TimelineRowCache()
        /// Something the screen shows may have changed since the last draw.
        var dirty = true
        /// Told the events of each successful record (the outbox worker looks again).
        var onRecorded: (([Event]) -> Void)?
        /// The store's proposal inbox as read so far, and the last sequence read.
        var inbox = ProposalInbox()
        var inboxLast: Int64 = 0
        /// A failed inbox read was logged (once, until one works again).
        var inboxFailing = false
        /// Reads the live budgets off the loop, when the war room shows them.
        lazy var budgetReader: BudgetReader? = setup.budgets.map(BudgetReader.init)

        init(setup: Setup, model: WarRoomModel, terminal: any TerminalDevice, drafts: DraftSession?, lastSequence: Int64) {
            self.setup = setup
            self.model = model
            self.terminal = terminal
            self.drafts = drafts
            self.lastSequence = lastSequence
        }

        /// Until quit or a signal: draw when something changed, then sleep until a key, a wake-up
        /// of the store's change signal, the next second boundary (countdowns) or the next store
        /// poll (every 250 ms without a signal; with one, every 2 s in case a wake-up was missed),
        /// whichever is first. A wake-up is drained and the store looked at at once.
        func run() -> Outcome {
            let watch = StoreChangeWatch(store: setup.store, pollMillis: WarRoomRuntime.pollMillis) { [unowned self] in
                logLine($0)
            }
            var lastPoll: Int64 = 0
            var drawnSecond = Int64.min
            if let outcome = readInbox() { return outcome }
            if model.looksUpCausesAtStart, let outcome = send(lookUpCauses()) { return outcome }
            if let outcome = send(.othersWrote) { return outcome } // the links, before the first frame
            while true {
                let now = setup.clock()
                if now.millis / 1000 != drawnSecond, let outcome = send(.tick(now)) { return outcome }
                if let read = budgetReader?.take(), let outcome = send(.budgetsRead(read)) { return outcome }
                if dirty {
                    let (grid, cursor) = WarRoomView.render(model, rows: rows)
                    terminal.draw(grid, cursor: cursor)
                    drawnSecond = now.millis / 1000
                    dirty = false
                }
                let interval = watch.interval
                let toNextSecond = 1000 - now.millis % 1000
                let toNextPoll = max(0, lastPoll + interval - setup.monotonicMillis())
                let wait = terminal.read(timeoutMillis: Int(min(toNextSecond, toNextPoll, interval)), wakingOn: watch.descriptor)
                var lookNow = false
                switch wait {
                case .input(let input):
                    // What was read is applied first, so a paste that came with the signal is in the draft.
                    if let outcome = send(.input(input)) { return outcome }
                case .woken:
                    watch.woken(atMillis: setup.monotonicMillis())
                    lookNow = true
                case .wakeFailed(let reason):
                    watch.failed(reason)
                    lookNow = true
                case .timedOut:
                    break
                }
                if let signal = terminal.pendingSignal(), let outcome = send(.signal(signal)) { return outcome }
                if lookNow || setup.monotonicMillis() - lastPoll >= watch.interval {
                    lastPoll = setup.monotonicMillis()
                    if let outcome = send(.pollDue) { return outcome }
                }
            }
        }

        /// Gives `message` to the model and carries out the effects it returns (and those of the
        /// messages they answer with). Returns how the war room ended, if one of them ended it.
        func send(_ message: Message) -> Outcome? {
            let effects = model.update(message, rows: rows)
            setup.observe?(message, effects)
            switch message {
            case .pollDue, .events([]): break // nothing on screen changes by itself
            default: dirty = true
            }
            for effect in effects {
                if let outcome = carryOut(effect) { return outcome }
            }
            return nil
        }

        private func carryOut(_ effect: Effect) -> Outcome? {
            switch effect {
            case .record(let command, let at, let source):
                return send(record(command, at: at, source: source))
            case .readStore(let evenIfUnchanged):
                do {
                    // Asked first either way: it also marks what this read has seen.
                    let changed = try setup.store.hasExternalChanges()
                    guard changed || evenIfUnchanged else { return nil }
                    let newer = try setup.store.events(of: setup.incident, after: lastSequence)
                    if let last = newer.last { lastSequence = last.sequence }
                    if let outcome = send(.events(newer.map(\.event))) { return outcome }
                    if changed, let outcome = send(.othersWrote) { return outcome }
                    return readInbox()
                } catch let error as StoreError where error.isUnreachable {
                    return send(.storeUnreachable(error.description))
                } catch {
                    return send(.storeReadFailed("\(error)"))
                }
            case .deliverQueued:
                return deliverQueued()
            case .decideProposal(let decision, let source):
                if let outcome = send(decide(decision, source: source)) { return outcome }
                return readInbox()
            case .search(let query):
                return send(search(query))
            case .lookUpCauses:
                return send(lookUpCauses())
            case .lookUpLinks:
                return send(lookUpLinks())
            case .lookUpBudgets(let service):
                budgetReader?.ask(service: service)
                return nil
            case .saveDraft(let text):
                // A save decided before an earlier effect of the same message changed the line (a
                // record that failed put its text back) or saved it already is stale: carried out,
                // it could drop the text again.
                guard let drafts, text == model.unsentText, text != model.savedDraft else { return nil }
                return send(drafts.save(text) ? .draftSaved(text)
                                              : .draftSaveFailed(text, reason: drafts.lastFailure ?? "unknown error"))
            case .saveUpdate(let audience, let text):
                let path = UpdateFiles.save(text, audience: audience, incident: setup.incident, at: setup.clock(),
                                            directory: setup.updatesDirectory)
                return send(.updateSaved(audience, path: path))
            case .draftUpdate(let audience):
                let draft = StatusUpdateDrafter.draft(model.incident, audience: audience, policy: model.policy, now: model.now)
                return send(.updateDrafted(audience, draft.text))
            case .log(let line):
                logLine(line)
                return nil
            case .quit(let draft):
                return .quit(WarRoomRuntime.keep(draft, in: drafts))
            case .showIncidents:
                return .showIncidents
            case .endBySignal(let signal, let draft):
                let fate = WarRoomRuntime.keep(draft, in: drafts)
                logLine("signal \(signal): leaving, draft of \(draft.count) characters \(fate == .kept ? "kept" : "not kept")")
                return .signal(signal, fate)
            case .redraw:
                terminal.invalidate()
                return nil
            case .runCommand(let step):
                guard let run = setup.runCommand else { return nil }
                let startedAt = setup.clock()
                logLine("running step \(step.block) of runbook \(step.runbook)")
                // The terminal is the command's until it ends (and the person has read its output).
                terminal.suspend()
                let result = run(step)
                terminal.resume()
                return send(.commandRan(result, step: step, startedAt: startedAt))
            }
        }

        /// Appends a command inside one write transaction, deciding against the latest state; says
        /// what became of it. Its event ids are fixed before the first try, so that when the
        /// server cannot be reached (or drops the answer after COMMIT) the entry goes to the spool
        /// with the same ids, and its delivery cannot write it twice. While entries wait in the
        /// spool, a new one queues behind them without trying the store: order is kept, and
        /// typing never waits for a server's timeout.
        private func record(_ command: Command, at: Timestamp?, source: RecordSource) -> Message {
            let now = setup.clock()
            let entry = SpoolEntry(incident: setup.incident, knownSequence: lastSequence, commands: [command],
                                   author: setup.author, at: at ?? now, recordedAt: now, summary: Self.summary(source))
            if let spool = setup.spool, model.queuesEntries { return queue(entry, in: spool, source: source) }
            do {
                let result = try setup.store.record(entry, onto: model.incident, knownSequence: lastSequence, policy: setup.policy,
                                                   now: now, routing: setup.routing)
                if let last = result.events.last {
                    lastSequence = last.sequence
                    // The report's summary, level with the log. The events are every one after the
                    // sequence the model had (others' first), so this fold is the incident at
                    // `last`. It copies the state, once per entry typed: human speed, not a loop.
                    if result.written > 0 {
                        let state = IncidentState.fold(result.events.map(\.event), onto: model.incident) ?? model.incident
                        setup.store.keepSummary(of: state, through: last.sequence)
                    }
                }
                onRecorded?(result.events.map(\.event))
                return .recorded(result.events.map(\.event), source: source)
            } catch let error as CommandError {
                return .recordFailed(error.description, source: source)
            } catch let error as StoreError where error.isUnreachable {
                guard let spool = setup.spool else { return .appendFailed("\(error)", source: source) }
                return queue(entry, in: spool, source: source)
            } catch {
                return .appendFailed("\(error)", source: source)
            }
        }

        /// Reads what the proposal inbox gained and, when it gained anything, tells the model the
        /// waiting proposals. A failure (an older PostgreSQL grant without the inbox) hides
        /// proposals, never the incident: logged once.
        func readInbox() -> Outcome? {
            do {
                let read = try setup.store.inboxEvents(after: inboxLast)
                if inboxFailing { logLine("reading the proposal inbox works again") }
                inboxFailing = false
                for stored in read.events { inbox.apply(stored.event) }
                for bad in read.unreadable { logLine("inbox event \(bad.sequence) cannot be read and is left out: \(bad.reason)") }
                let moved = read.last > inboxLast
                inboxLast = max(inboxLast, read.last)
                return moved ? send(.proposals(inbox.open)) : nil
            } catch {
                if !inboxFailing { logLine("reading the proposal inbox failed: \(error)") }
                inboxFailing = true
                return nil
            }
        }

        /// Accepts or dismisses a proposal in the store's inbox, decided there against its latest
        /// events; says what became of it. An accepted proposal is a new incident, declared
        /// without an IC: whoever decides commands this room.
        /// The knowledge base, brought level with the log first (what changed since the last
        /// search, usually this incident's latest entries).
        private func search(_ query: SearchQuery) -> Message {
            do {
                // The room waits for no backlog (a store from before the index): the newest first.
                let refresh = try SearchIndex.refresh(setup.store, atMost: SimilarIncident.refreshLimit)
                let hits = try setup.store.search(query, limit: 50)
                let cut = try SearchIndex.cutNote(setup.store, query, shown: hits.count, limit: 50).map { $0 + "." }
                let notes = [SearchIndex.behindNote(refresh), cut].compactMap { $0 }
                let note = notes.isEmpty ? nil : notes.joined(separator: " · ")
                return .searchResults(SearchResults(query: query, hits: hits, note: note))
            } catch {
                return .searchFailed("\(error)")
            }
        }

        /// The tags other incidents carry and the incidents this one repeats, from the knowledge
        /// base (brought level first, as a search does).
        private func lookUpCauses() -> Message {
            do {
                let known = try KnownCauses.tags(in: setup.store, except: setup.incident)
                return .causesLookedUp(CauseFacts(known: known, repeats: try KnownCauses.repeats(of: model.incident, in: setup.store),
                                                  precedents: try KnownCauses.precedents(of: model.incident, in: setup.store)))
            } catch {
                return .causesLookUpFailed("\(error)")
            }
        }

        /// Every link in the store, the incidents there are, and those linked to this one as they stand.
        private func lookUpLinks() -> Message {
            do {
                let known = try setup.store.incidents().map(\.id)
                let graph = try IncidentLinks.graph(in: setup.store)
                let related = try IncidentLinks.related(to: setup.incident, graph: graph.with(setup.incident, links: model.incident.links),
                                                        known: known, in: setup.store)
                return .linksLookedUp(LinkFacts(graph: graph, known: known, related: related))
            } catch {
                return .linksLookUpFailed("\(error)")
            }
        }

        private func decide(_ decision: ProposalDecision, source: RecordSource) -> Message {
            do {
                switch decision {
                case .accept(let reference):
                    let accepted = try setup.store.acceptProposal(reference, author: setup.author, now: setup.clock(),
                                                                  policy: setup.policy, commander: nil, routing: setup.routing)
                    let proposal = accepted.proposal
                    return .proposalDecided("\(accepted.incident) declared from \(proposal.label) (\(proposal.severity.label), \(proposal.findingsPhrase)), "
                        + "no IC yet: open it in another terminal, warroom open \(accepted.incident)"
                        + (accepted.inboxNote.map { " — " + $0 } ?? ""))
                case .dismiss(let reference, let reason):
                    let proposal = try setup.store.dismissProposal(reference, reason: reason, author: setup.author, now: setup.clock())
                    return .proposalDecided("\(proposal.label) dismissed (\(proposal.title)): the reason is kept in the inbox")
                }
            } catch let error as ProposalError {
                return .recordFailed(error.description + "; nothing was written", source: source)
            } catch let error as CommandError {
                return .recordFailed(error.description, source: source)
            } catch {
                return .appendFailed("\(error)", source: source)
            }
        }

        private func queue(_ entry: SpoolEntry, in spool: Spool, source: RecordSource) -> Message {
            do {
                let queued = try spool.enqueue(entry)
                return .queued(Self.shown(queued), source: source)
            } catch {
                return .appendFailed("the server cannot be reached and the offline spool failed: \(error)", source: source)
            }
        }

        /// What the person typed, for the spool and its messages.
        static func summary(_ source: RecordSource) -> String {
            switch source {
            case .line(let text): text
            case .update(let audience, let text): "/update \(audience.rawValue): \(text)"
            case .escalation(_, let text): text
            case .runbook(let name): "/runbook \(name)"
            case .run(let text): text
            }
        }

        /// A spool entry as the screen shows it.
        static func shown(_ entry: SpoolEntry) -> QueuedEntry {
            QueuedEntry(id: entry.firstID, at: entry.at, author: entry.author, text: entry.summary,
                        unconfirmed: entry.needsLatestState)
        }

        /// Entries already in the spool when the war room opens (an earlier war room's or
        /// command's), and refusals waiting to be shown: told to the model, which delivers them
        /// at its next tick.
        func offerSpool() {
            guard let spool = setup.spool else { return }
            if let waiting = try? spool.pending(), !waiting.isEmpty {
                _ = send(.spoolPending(waiting.filter { $0.incident == setup.incident }.map(Self.shown)))
            }
            for refusal in (try? spool.takeRefusals(of: setup.author)) ?? [] {
                _ = send(.deliveryRefused(QueuedEntry(id: refusal.id, at: refusal.at, author: refusal.author, text: refusal.summary,
                                                      unconfirmed: false), reason: refusal.reason))
            }
        }

        /// One delivery pass of the spool; its refusals are shown here (and so leave the spool),
        /// with this author's that another process's delivery left.
        private func deliverQueued() -> Outcome? {
            guard let spool = setup.spool else { return nil }
            let incident = setup.incident, state = model.incident, last = lastSequence
            let report = spool.deliver(to: setup.store, policy: setup.policy, now: setup.clock(), routing: setup.routing) {
                $0 == incident ? (state, last) : nil
            }
            let mine = report.newEvents[incident] ?? []
            if let newest = mine.last { lastSequence = max(lastSequence, newest.sequence) }
            if !mine.isEmpty { onRecorded?(mine.map(\.event)) }
            // Another warroom process is delivering this spool: not an outage, try again shortly.
            if report.busyElsewhere { return send(.delivered([], entries: [], remaining: max(1, report.remaining))) }
            // Refusals first: the entries they name leave the queue before it is counted.
            let shown = Set(report.refused.map(\.id))
            let taken = ((try? spool.takeRefusals(of: setup.author)) ?? []).filter { !shown.contains($0.id) }
            for refusal in report.refused + taken {
                let entry = QueuedEntry(id: refusal.id, at: refusal.at, author: refusal.author, text: refusal.summary, unconfirmed: false)
                if let outcome = send(.deliveryRefused(entry, reason: refusal.reason)) { return outcome }
            }
            let delivered = report.delivered.map(\.entry.firstID)
            // Only an unreachable server means offline; a stop for another reason (a busy store,
            // the spool file failed) keeps the entries and tries again, without claiming an outage.
            if !delivered.isEmpty || !mine.isEmpty || report.stoppedBy == nil || !report.offline {
                let waiting = report.stoppedBy == nil ? 0 : max(1, report.remaining)
                if let outcome = send(.delivered(mine.map(\.event), entries: delivered, remaining: waiting)) { return outcome }
            }
            if let reason = report.stoppedBy {
                if report.offline { return send(.deliveryFailed(reason, remaining: report.remaining)) }
                logLine("delivery stopped: \(reason)")
            }
            return nil
        }

        private func logLine(_ line: String) {
            _ = setup.log?.write(line, at: setup.clock().iso8601)
        }
    }
}
