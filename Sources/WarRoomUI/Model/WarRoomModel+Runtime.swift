import WarRoomCore

extension WarRoomModel {
    /// How a failed store read is announced; a read that works again replaces it.
    static let storeReadFailedNotice = "Reading the store failed (retrying): "

    /// What became of the runtime's effects (store reads and appends, draft saves, update drafts
    /// and copies) and what it was told to show at the start: every notice and retry is decided here.
    mutating func carriedOut(_ message: Message, rows: TimelineRowCache) -> [Effect] {
        switch message {
        case .pollDue:
            // Offline, each poll would wait for the server's timeout: attempts follow the backoff.
            return offline ? [] : [.readStore(evenIfUnchanged: storeReadFailing)]
        case .storeReadFailed(let reason):
            // A failed read must not close the war room: say so, and read again at the next poll.
            storeReadFailing = true
            notice = Notice(.error, Self.storeReadFailedNotice + reason)
            return [.log("reading the store failed: \(reason)")]
        case .recorded(let events, let source):
            // Applied as others' events are (which asks again for what they touch).
            let lookUp = apply(.events(events), rows: rows)
            if case .run = source, let entry = events.first(where: { if case .entry = $0.payload { true } else { false } }),
               let number = incident.timelineItem(for: entry.id)?.number, let shown = notice {
                notice = Notice(shown.kind, shown.text.replacing("; recording it", with: "; recorded as #\(number)"))
            }
            // Only an update the store acknowledged is copied out (and announced, by .updateSaved).
            guard case .update(let audience, let text) = source else { return lookUp }
            return lookUp + [.saveUpdate(audience: audience, text: text)]
        case .appendFailed(let reason, let source):
            _ = apply(.recordFailed("not recorded: \(reason)", source: source), rows: rows)
            return [.log("append failed: \(reason)")]
        case .updateSaved(let audience, let path):
            notice = Notice(.info, "Posted to \(audience.rawValue)" + (path.map { "; a copy to send: \($0)" } ?? ""))
            return []
        case .updateDrafted(let audience, let text):
            // Only the draft still waited for: the editor may have moved on meanwhile.
            guard draftingAudience == audience, mode == .compose || mode == .confirmQuit else { return [] }
            draftingAudience = nil
            composer = UpdateComposer(audience: audience, editor: LineEditor(text), drafted: text)
            return []
        case .draftSaved(let text):
            savedDraft = text
            if draftSaveFailing {
                draftSaveFailing = false
                notice = Notice(.info, "Your draft is saved again")
            }
            return []
        case .draftSaveFailed(_, let reason):
            // Said (and logged) once, and again once saving works again; typing clears notices, so
            // the warning comes back while it lasts: the scribe must know that a crash now would
            // lose the text.
            let first = !draftSaveFailing
            draftSaveFailing = true
            if notice == nil {
                notice = Notice(.error, "Your draft is NOT saved (\(reason)): if the war room ends, the text is printed on exit")
            }
            return first ? [.log("saving the draft failed: \(reason)")] : []
        case .startNotice(let text):
            notice = Notice(.info, text)
            return []
        case .proposals(let waiting):
            proposals = waiting.filter(\.isOpen)
            return []
        case .proposalDecided(let text):
            notice = Notice(.info, text)
            return [.log(text)]
        case .searchResults(let results):
            search = results
            // A line being typed stays as it was; the results are over it until Esc.
            if mode == .input || mode == .navigate { mode = .search }
            notice = results.note.map { Notice(.info, $0) }
            return []
        case .searchFailed(let reason):
            notice = Notice(.error, "Search failed: \(reason)")
            return [.log("search failed: \(reason)")]
        case .causesLookedUp(let facts):
            causesRequested = true
            let seen = Set(causes.repeats.map(\.earlier)), known = Set(causes.precedents.map(\.incident))
            causes = facts
            // A repeat is said once, when it is first seen; the header keeps it in view.
            if let first = facts.repeats.first(where: { !seen.contains($0.earlier) }) {
                notice = Notice(.error, CauseFacts.repeatNotice(first, start: incident.declaredAt))
            } else if let first = facts.precedents.first(where: { !known.contains($0.incident) && !seen.contains($0.incident) }) {
                // An alert seen before: where the IC starts from (said once, like a repeat).
                notice = Notice(.info, CauseFacts.precedentNotice(first, others: facts.precedents.count - 1))
            }
            return []
        case .causesLookUpFailed(let reason):
            return [.log("looking up cause tags failed: \(reason)")]
        case .linksLookedUp(let facts):
            let before = links.map { $0.graph(for: incident).relations(of: incident.id) }
            links = facts
            linksStale = false
            // Said when another incident's log links this one anew (a child joining its parent):
            // the pane shows it, the notice says where it came from.
            if let before, let added = facts.graph(for: incident).relations(of: incident.id)
                .first(where: { $0.recordedOn != incident.id && !before.contains($0) }) {
                notice = Notice(.info, "\(added.other) linked this incident: it is now \(added.view.phrase) \(added.other)")
            }
            return []
        case .linksLookUpFailed(let reason):
            return [.log("looking up the links between incidents failed: \(reason)")]
        case .othersWrote:
            linksStale = true
            return askLinksIfDue()
        case .budgetsRead(let read):
            // A read that failed keeps the figures it had, with what went wrong.
            if read.statuses.isEmpty, let problem = read.problem, let kept = budgets, !kept.statuses.isEmpty {
                budgets = LiveBudgets(statuses: kept.statuses, problem: problem)
            } else {
                budgets = read
            }
            return []
        default:
            // Keys, ticks, events, refusals and signals are `apply`'s, which sends only the above here.
            return []
        }
    }

    /// Asks for the live budgets when watched and `LiveBudgets.refreshEvery` has passed (at once the
    /// first time).
    mutating func askBudgetsIfDue() -> [Effect] {
        guard watchesBudgets else { return [] }
        if let asked = budgetsAskedAt, now < asked + LiveBudgets.refreshEvery, now >= asked { return [] }
        budgetsAskedAt = now
        return [.lookUpBudgets(service: incident.service)]
    }

    /// Asks for the links now.
    mutating func askLinks() -> [Effect] {
        linksAskedAt = now
        return [.lookUpLinks]
    }

    /// Asks for the links unless they were asked for less than `LinkFacts.refreshEvery` ago (the
    /// next tick asks, while they are stale).
    mutating func askLinksIfDue() -> [Effect] {
        if let asked = linksAskedAt, now < asked + LinkFacts.refreshEvery, now >= asked { return [] }
        return askLinks()
    }

    /// `effects`, then a save of the unsent text when it differs from the draft last saved. The
    /// line is saved after every change, so no signal or crash loses it; a failed save is asked
    /// for again with the next message (a tick at least), until it works. Last, so a line sent
    /// as a record stays in the draft file until the store has it; a record that fails puts the
    /// text back and saves it, and the runtime skips the save decided before, now stale.
    func withDraftSave(_ effects: [Effect], after message: Message) -> [Effect] {
        switch message {
        case .draftSaved, .draftSaveFailed: return effects
        default: break
        }
        let leaving = effects.contains { if case .quit = $0 { true } else if case .endBySignal = $0 { true } else { false } }
        guard keepsDrafts, !readOnly, !leaving, unsentText != savedDraft else { return effects }
        // After the message's own effects: the line's old text stays in the draft file until the
        // record that took it is durable, so a crash while the store is busy loses nothing.
        return effects + [.saveDraft(unsentText)]
    }
}
