#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension IncidentState {
    /// Folds events, in record order, onto `start`. Returns nil while no declaration has been seen:
    /// events before it have no incident to belong to. Never traps, whatever the events say.
    public static func fold(_ events: some Sequence<Event>, onto start: IncidentState? = nil) -> IncidentState? {
        var remaining = events.makeIterator()
        // A plain (not optional) state: applying through `Optional` copied the whole state, dozens
        // of references, at every event.
        var state: IncidentState
        if let start {
            state = start
        } else {
            var first: IncidentState?
            while first == nil, let event = remaining.next() {
                guard case .declared(let declaration) = event.payload else { continue }
                first = IncidentState(declaration: event, declaration)
                first?.apply(event)
            }
            guard let first else { return nil }
            state = first
            // A whole incident: room for all its rows at once. (Not onto a state: reserving a
            // little more at each small batch would regrow the tables by that little each time.)
            state.reserveCapacity(adding: events.underestimatedCount)
        }
        while let event = remaining.next() { state.apply(event) }
        return state
    }

    /// Room for `count` more rows, so a long fold does not regrow its tables again and again.
    mutating func reserveCapacity(adding count: Int) {
        guard count > 0 else { return }
        timeline.reserveCapacity(timeline.count + count)
        timelineIndex.reserveCapacity(timelineIndex.count + count)
    }

    /// Applies one event. An event the lifecycle forbids, or one that refers to nothing, still gets
    /// its timeline row and is listed in `anomalies`; it changes nothing else.
    public mutating func apply(_ event: Event) {
        let sequence = eventCount
        eventCount += 1
        people.insert(event.author)
        if event.incident != id {
            anomaly(event, "belongs to incident \(event.incident), not \(id)")
            return
        }
        switch event.payload {
        case .declared(let declaration):
            addRow(event, sequence, kind: .declared, detail: .declared(declaration))
            if sequence > 0 { anomaly(event, "the incident was already declared") }
        case .severityChanged(let change):
            applySeverity(change, event, sequence)
        case .impactRecorded(let report):
            applyImpact(report, event)
            addRow(event, sequence, kind: .impact, detail: .impact(.init(report)))
        case .roleAssigned(let assignment):
            applyRole(assignment, event, sequence)
        case .entry(let entry):
            addRow(event, sequence, kind: TimelineItem.Kind(rawValue: entry.kind.rawValue) ?? .note,
                   text: entry.text, tags: entry.tags, detail: nil, alert: entry.alert, run: entry.run)
            if let alert = entry.alert { alertKeys.insert(alert.key) }
            if TodoProposal.isTodo(entry.text) { todoOrder.append(event.id) }
        case .entryAmended(let amendment):
            // No row of its own: its effect is on the row it refers to.
            amend(amendment, event)
        case .entryRetracted(let retraction):
            retract(retraction, event)
        case .hypothesisOpened(let opening):
            openHypothesis(opening, event, sequence)
        case .hypothesisDecided(let decision):
            decideHypothesis(decision, event, sequence)
        case .notified(let record):
            notifications.append(NotificationEntry(id: event.id, at: event.at, record: record, author: event.author))
            if let escalated = record.escalates, let place = notifications.firstIndex(where: { $0.id == escalated }),
               notifications[place].escalatedBy == nil {
                notifications[place].escalatedBy = event.id
            }
            addRow(event, sequence, kind: .notification, detail: .notification(record))
        case .pageAcknowledged(let answer):
            applyAcknowledgement(answer, event, sequence)
        case .statusChanged(let change):
            applyStatus(change, event, sequence)
        case .updatePosted(let post):
            let posted = PostedUpdate(at: event.at, audience: post.audience, text: post.text, author: event.author)
            updates.append(posted)
            if latestUpdate.map({ posted.at > $0.at }) ?? true { latestUpdate = posted }
            if latestUpdates[post.audience].map({ posted.at > $0.at }) ?? true { latestUpdates[post.audience] = posted }
            insertAnchor(UpdateAnchor(at: event.at, kind: .posted(post.audience)))
            if !status.isActive, let resolvedAt, posted.at >= resolvedAt { allClearSent.insert(post.audience) }
            addRow(event, sequence, kind: .update, detail: .update(post.audience, text: post.text))
        case .postmortemStatusChanged(let change):
            postmortemStatus = change.status
            postmortem.lastAuthor = event.author
            postmortem.forcedFinal = change.status == .final ? change.forced : nil
            postmortem.editsSinceFinal = 0
            addRow(event, sequence, kind: .postmortem,
                   detail: .postmortemStatus(change.status, forced: postmortem.forcedFinal != nil))
        case .postmortemTextSet(let set):
            editPostmortem(event)
            postmortem.texts[set.section] = set.text
            addRow(event, sequence, kind: .postmortem, detail: .postmortemText(set.section))
        case .postmortemImpactSet(let impact):
            editPostmortem(event)
            postmortem.impact.usersAffected = impact.usersAffected ?? postmortem.impact.usersAffected
            postmortem.impact.revenue = impact.revenue ?? postmortem.impact.revenue
            postmortem.impact.sloBudget = impact.sloBudget ?? postmortem.impact.sloBudget
            postmortem.impact.supportTickets = impact.supportTickets ?? postmortem.impact.supportTickets
            addRow(event, sequence, kind: .postmortem, detail: .postmortemImpact)
        case .factorSet(let factor):
            editPostmortem(event)
            postmortem.factors[factor.level] = factor.text
            addRow(event, sequence, kind: .postmortem, detail: .factor(factor))
        case .whyAdded(let why):
            editPostmortem(event)
            postmortem.whys.append(why.text)
            addRow(event, sequence, kind: .postmortem, detail: .why(number: postmortem.whys.count, text: why.text, amended: false))
        case .whyAmended(let amendment):
            editPostmortem(event)
            amendWhy(amendment, event, sequence)
        case .delivery(let record):
            // No row: the outbox is shown on its own (a count in the header, `warroom outbox`),
            // not as a stream of attempts between the people's entries.
            if let problem = outbox.apply(record, at: event.at) { anomaly(event, problem) }
        case .actionItemAdded(let added):
            postmortem.lastAuthor = event.author
            addActionItem(added, event, sequence)
        case .actionItemDone(let done):
            postmortem.lastAuthor = event.author
            completeActionItem(done, event, sequence)
        case .actionItemUpdated(let update):
            postmortem.lastAuthor = event.author
            editActionItem(update, event, sequence)
        case .actionItemStatusChanged(let change):
            postmortem.lastAuthor = event.author
            moveActionItem(change, event, sequence)
        case .factsRecorded(let facts):
            applyFacts(facts, event, sequence)
        case .causeTagged(let change):
            // Not an edit of the reviewed text: a repeat is often seen, and tagged, after final.
            postmortem.lastAuthor = event.author
            if change.removed { postmortem.causes.removeAll { $0 == change.tag } }
            else if !postmortem.causes.contains(change.tag) { postmortem.causes.append(change.tag) }
            addRow(event, sequence, kind: .postmortem, detail: .causeTag(change))
        case .incidentLinked(let change):
            applyLink(change, event, sequence)
        case .runbookUsed(let use):
            applyRunbookUse(use, event, sequence)
        case .drillMarked(let mark):
            // No row: the injects are the players' rows; met and missed are for the debrief.
            var record = drill ?? DrillRecord()
            record.apply(mark, at: event.at)
            drill = record
        }
    }

    // MARK: - Cases

    /// An acknowledgement answers its page and the rest of its escalation chain, both ways:
    /// whoever answers, nobody further up needs waking. One of a page this incident does not have (an
    /// import) keeps its row and is an anomaly.
    private mutating func applyAcknowledgement(_ answer: PageAcknowledgement, _ event: Event, _ sequence: Int) {
        guard let place = notifications.firstIndex(where: { $0.id == answer.page && $0.isPage }) else {
            anomaly(event, "acknowledges a page this incident does not have")
            addRow(event, sequence, kind: .notification, detail: .pageAcknowledged(person: answer.person, page: nil, after: nil))
            return
        }
        let page = notifications[place]
        // The chain both ways: the pages it escalated, and the ones that escalated it.
        var chain: [Int] = [place]
        for step in [\NotificationEntry.record.escalates, \NotificationEntry.escalatedBy] {
            var next = page[keyPath: step]
            while let id = next, let index = notifications.firstIndex(where: { $0.id == id }), !chain.contains(index) {
                chain.append(index)
                next = notifications[index][keyPath: step]
            }
        }
        for index in chain where notifications[index].acknowledged == nil {
            notifications[index].acknowledged = PageAnswer(at: event.at, person: answer.person)
        }
        let number = timelineItem(for: page.id)?.number
        addRow(event, sequence, kind: .notification,
               detail: .pageAcknowledged(person: answer.person, page: number, after: max(.zero, event.at - page.at)))
    }

    /// A runbook opened or linked: kept by name (a second link keeps the first: an import may
    /// hold one), each opening kept, and a row that says which.
    private mutating func applyRunbookUse(_ use: RunbookUse, _ event: Event, _ sequence: Int) {
        let mark = RunbookRecord.Mark(at: event.at, person: event.author, lastTested: use.lastTested)
        let place = runbooks.firstIndex { $0.name == use.runbook } ?? {
            runbooks.append(RunbookRecord(name: use.runbook, linked: nil, openings: []))
            return runbooks.count - 1
        }()
        switch use.action {
        case .opened: runbooks[place].openings.append(mark)
        case .linked: if runbooks[place].linked == nil { runbooks[place].linked = mark }
        }
        addRow(event, sequence, kind: .runbook, detail: .runbook(use))
    }

    /// A link's change. A log imported from elsewhere may hold a link to itself or to no valid id:
    /// a row that says so, and no link.
    private mutating func applyLink(_ change: IncidentLinkChange, _ event: Event, _ sequence: Int) {
        switch IncidentLink.apply(change, to: &links, owner: id) {
        case .refused(let problem):
            anomaly(event, problem)
            addRow(event, sequence, kind: .facts, detail: .link(change, previous: nil))
        case .applied(let previous):
            addRow(event, sequence, kind: .facts, detail: .link(change, previous: change.removed ? nil : previous))
        }
    }

    private mutating func applySeverity(_ change: SeverityChange, _ event: Event, _ sequence: Int) {
        addRow(event, sequence, kind: .severity,
               detail: .severity(from: severity, to: change.to, reason: change.reason, trigger: change.trigger))
        severity = change.to
        severitySince = event.at
        severityHistory.append(SeverityRecord(at: event.at, level: change.to, reason: change.reason,
                                              trigger: change.trigger, author: event.author))
        insertAnchor(UpdateAnchor(at: event.at, kind: .severity(change.to)))
        // A classification resets what "the scope doubled" is measured against.
        impact.baselinePercent = impact.usersAffectedPercent
        impact.baselineCount = impact.usersAffectedCount
    }

    private mutating func applyImpact(_ report: ImpactReport, _ event: Event) {
        var report = report
        // Only `decide` checks ranges; an imported event may carry anything. Keep the state sane.
        if let percent = report.usersAffectedPercent, !(percent.isFinite && (0...100).contains(percent)) {
            anomaly(event, "users affected \(percent) is not a share from 0 to 100; figure ignored")
            report.usersAffectedPercent = nil
        }
        if let count = report.usersAffectedCount, count < 0 {
            anomaly(event, "users affected \(count) is negative; figure ignored")
            report.usersAffectedCount = nil
        }
        if let percent = report.usersAffectedPercent {
            impact.usersAffectedPercent = percent
            if impact.baselinePercent == nil { impact.baselinePercent = percent }
        }
        if let count = report.usersAffectedCount {
            impact.usersAffectedCount = count
            if impact.baselineCount == nil { impact.baselineCount = count }
        }
        impact.customerReported = impact.customerReported || report.customerReported
        impact.payingAccounts = impact.payingAccounts || report.payingAccounts
        impact.dataIntegrity = impact.dataIntegrity || report.dataIntegrity
        impact.securityBreach = impact.securityBreach || report.securityBreach
    }

    private mutating func applyRole(_ assignment: RoleAssignment, _ event: Event, _ sequence: Int) {
        let previous = roles[assignment.role]?.person
        addRow(event, sequence, kind: .role, detail: .role(assignment.role, person: assignment.person, previous: previous))
        roles[assignment.role] = RoleHolder(person: assignment.person, since: event.at)
        roleHistory.append(RoleRecord(at: event.at, role: assignment.role, person: assignment.person,
                                      previous: previous))
        people.insert(assignment.person)
        if assignment.role == .commander {
            acknowledgedAt = min(acknowledgedAt ?? event.at, event.at)
        }
    }

    private mutating func openHypothesis(_ opening: HypothesisOpening, _ event: Event, _ sequence: Int) {
        let number = hypotheses.count + 1
        addRow(event, sequence, kind: .hypothesis,
               detail: .hypothesis(.init(number: number, verdict: nil, text: opening.text, owner: opening.owner,
                                         span: opening.timebox, note: nil)))
        hypotheses.append(Hypothesis(id: event.id, number: number, text: opening.text, owner: opening.owner,
                                     openedAt: event.at, timebox: opening.timebox,
                                     deadline: event.at + opening.timebox, state: .open, extended: false,
                                     decidedAt: nil))
        if let owner = opening.owner { people.insert(owner) }
    }

    private mutating func decideHypothesis(_ decision: HypothesisDecision, _ event: Event, _ sequence: Int) {
        guard let index = hypotheses.firstIndex(where: { $0.id == decision.hypothesis }) else {
            addRow(event, sequence, kind: .hypothesis, detail: .unknownTarget(.hypothesis))
            anomaly(event, "refers to no hypothesis of this incident")
            return
        }
        var hypothesis = hypotheses[index]
        var span = hypothesis.timebox
        var problem: String?
        switch decision.verdict {
        case .confirmed, .ruledOut:
            if hypothesis.state == .confirmed || hypothesis.state == .ruledOut {
                problem = "hypothesis #\(hypothesis.number) was already \(hypothesis.state.rawValue)"
            } else {
                hypothesis.state = decision.verdict == .confirmed ? .confirmed : .ruledOut
                hypothesis.decidedAt = event.at
                if decision.verdict == .confirmed { rootCauseAt = rootCauseAt ?? event.at }
            }
        case .extended:
            span = decision.extendedBy ?? hypothesis.timebox
            if hypothesis.extended || hypothesis.state != .open {
                problem = "hypothesis #\(hypothesis.number) can no longer be extended"
            } else {
                hypothesis.extended = true
                hypothesis.deadline = max(hypothesis.deadline, event.at) + span
            }
        case .escalated:
            if hypothesis.state != .open {
                problem = "hypothesis #\(hypothesis.number) is not open"
            } else {
                hypothesis.state = .escalated
                hypothesis.decidedAt = event.at
            }
        }
        addRow(event, sequence, kind: .hypothesis,
               detail: .hypothesis(.init(number: hypothesis.number, verdict: decision.verdict, text: hypothesis.text,
                                         owner: hypothesis.owner, span: span, note: decision.note)))
        if let problem { anomaly(event, problem) } else { hypotheses[index] = hypothesis }
    }

    private mutating func applyStatus(_ change: StatusChange, _ event: Event, _ sequence: Int) {
        let from = status
        let target: IncidentStatus = change.reopen ? .investigating : change.to
        addRow(event, sequence, kind: .status,
               detail: .status(from: from, to: target, reason: change.reason, overridden: change.overridden))
        guard from.canMove(to: target) else {
            anomaly(event, "the lifecycle does not allow \(from.rawValue) → \(target.rawValue)")
            return
        }
        status = target
        statusSince = event.at
        switch target {
        case .investigating:
            resolvedAt = nil
            closedAt = nil
            rootCauseAt = nil
        case .identified:
            identifiedAt = identifiedAt ?? event.at
            rootCauseAt = rootCauseAt ?? event.at
        case .mitigating:
            break
        case .monitoring:
            mitigatedAt = mitigatedAt ?? event.at
        case .resolved:
            // Resolving straight from investigating (a false positive, or it went away) mitigated
            // nothing: time to mitigate stays absent rather than reading 0s.
            if from != .investigating { mitigatedAt = mitigatedAt ?? event.at }
            resolvedAt = event.at
            allClearSent = []
        case .closed:
            closedAt = event.at
        }
    }

    private mutating func applyFacts(_ facts: IncidentFacts, _ event: Event, _ sequence: Int) {
        let service = facts.service?.nonBlank
        addRow(event, sequence, kind: .facts, detail: .facts(.init(
            service: service.map { ($0, self.service) }, impactStarted: facts.impactStartedAt.map { ($0, impactStartedAt) },
            detected: facts.detectedAt.map { ($0, detectedAt) }, declaredAt: declaredAt)))
        // Only `decide` checks the order; an imported event may carry anything. Keep the state sane.
        let started = facts.impactStartedAt ?? impactStartedAt
        let detected = facts.detectedAt ?? detectedAt
        if detected > declaredAt {
            return anomaly(event, "detection at \(detected.iso8601) would be after the declaration; facts ignored")
        }
        if let started, started > detected {
            return anomaly(event, "impact start at \(started.iso8601) would be after detection; facts ignored")
        }
        if let service { self.service = service }
        impactStartedAt = started
        detectedAt = detected
    }

    private mutating func amend(_ amendment: EntryAmendment, _ event: Event) {
        guard let index = timelineIndex[amendment.entry], timeline[index].kind.isEntry else {
            return anomaly(event, "amends no entry of this incident")
        }
        guard !timeline[index].isRetracted else { return anomaly(event, "amends a retracted entry") }
        timeline[index].previousTexts.append(timeline[index].text)
        timeline[index].text = amendment.text
        // An entry that becomes a TODO takes the next proposal number then, not one by its place.
        if TodoProposal.isTodo(amendment.text), !todoOrder.contains(amendment.entry) { todoOrder.append(amendment.entry) }
    }

    private mutating func retract(_ retraction: EntryRetraction, _ event: Event) {
        guard let index = timelineIndex[retraction.entry], timeline[index].kind.isEntry else {
            return anomaly(event, "retracts no entry of this incident")
        }
        guard !timeline[index].isRetracted else { return anomaly(event, "the entry was already retracted") }
        timeline[index].retraction = retraction.reason ?? ""
    }

    /// A change to the document's text: after it was marked final, it counts as an edit since.
    private mutating func editPostmortem(_ event: Event) {
        postmortem.lastAuthor = event.author
        if postmortemStatus == .final { postmortem.editsSinceFinal += 1 }
    }

    private mutating func amendWhy(_ amendment: WhyAmendment, _ event: Event, _ sequence: Int) {
        guard amendment.number >= 1, amendment.number <= postmortem.whys.count else {
            addRow(event, sequence, kind: .postmortem, detail: .unknownTarget(.why))
            return anomaly(event, "amends why #\(amendment.number), which was not written")
        }
        postmortem.whys[amendment.number - 1] = amendment.text
        addRow(event, sequence, kind: .postmortem, detail: .why(number: amendment.number, text: amendment.text, amended: true))
    }

    private mutating func addActionItem(_ added: ActionItemAdded, _ event: Event, _ sequence: Int) {
        let number = postmortem.actionItems.count + 1
        postmortem.actionItems.append(ActionItem(id: event.id, number: number, text: added.text, owner: added.owner,
                                                 priority: added.priority, due: added.due, addedAt: event.at,
                                                 doneAt: nil, fromEntry: added.fromEntry))
        people.insert(added.owner)
        addRow(event, sequence, kind: .postmortem, detail: .actionItemAdded(number: number, added))
    }

    private mutating func completeActionItem(_ done: ActionItemDone, _ event: Event, _ sequence: Int) {
        guard let index = postmortem.actionItems.firstIndex(where: { $0.id == done.item }) else {
            addRow(event, sequence, kind: .postmortem, detail: .unknownTarget(.actionItemDone))
            return anomaly(event, "completes no action item of this incident")
        }
        if postmortem.actionItems[index].doneAt == nil { postmortem.actionItems[index].doneAt = event.at }
        postmortem.actionItems[index].status = .done
        postmortem.actionItems[index].statusReason = nil
        let item = postmortem.actionItems[index]
        addRow(event, sequence, kind: .postmortem, detail: .actionItemDone(number: item.number, text: item.text))
    }

    private mutating func editActionItem(_ update: ActionItemUpdate, _ event: Event, _ sequence: Int) {
        guard let index = postmortem.actionItems.firstIndex(where: { $0.id == update.item }) else {
            addRow(event, sequence, kind: .postmortem, detail: .unknownTarget(.actionItemEdit))
            return anomaly(event, "edits no action item of this incident")
        }
        var item = postmortem.actionItems[index]
        if let value = update.text { item.text = value }
        if let value = update.owner {
            item.owner = value
            people.insert(value)
        }
        if let value = update.priority { item.priority = value }
        if let value = update.due { item.due = value.startOfDay }
        postmortem.actionItems[index] = item
        addRow(event, sequence, kind: .postmortem, detail: .actionItemEdited(number: item.number, update, text: item.text))
    }

    private mutating func moveActionItem(_ change: ActionItemStatusChange, _ event: Event, _ sequence: Int) {
        guard let index = postmortem.actionItems.firstIndex(where: { $0.id == change.item }) else {
            addRow(event, sequence, kind: .postmortem, detail: .unknownTarget(.actionItemStatus))
            return anomaly(event, "moves no action item of this incident")
        }
        var item = postmortem.actionItems[index]
        item.status = change.status
        item.doneAt = change.status == .done ? (item.doneAt ?? event.at) : nil
        item.statusReason = change.reason
        postmortem.actionItems[index] = item
        addRow(event, sequence, kind: .postmortem, detail: .actionItemStatus(number: item.number, change, text: item.text))
    }

    // MARK: - Helpers

    /// Keeps `updateAnchors` in (at, record order): after every anchor at the same instant.
    private mutating func insertAnchor(_ anchor: UpdateAnchor) {
        guard let last = updateAnchors.last, last.at > anchor.at else { return updateAnchors.append(anchor) }
        var low = 0, high = updateAnchors.count
        while low < high {
            let mid = (low + high) / 2
            if updateAnchors[mid].at <= anchor.at { low = mid + 1 } else { high = mid }
        }
        updateAnchors.insert(anchor, at: low)
    }

    private mutating func anomaly(_ event: Event, _ message: String) {
        anomalies.append(Anomaly(event: event.id, message: message))
    }

    /// Inserts a row in (at, record order) position: a recorded change with its `detail` and no
    /// text, or an entry (`detail` nil) with the person's text.
    private mutating func addRow(_ event: Event, _ sequence: Int, kind: TimelineItem.Kind, text: String = "",
                                 tags: [EntryTag] = [], detail: TimelineItem.Detail?, alert: AlertSource? = nil,
                                 run: CommandRun? = nil) {
        let item = TimelineItem(id: event.id, sequence: sequence, at: event.at, recordedAt: event.recordedAt,
                                author: event.author, kind: kind, text: text, tags: tags, previousTexts: [],
                                retraction: nil, detail: detail, alert: alert, run: run)
        // Most events arrive in time order: the common case is an append.
        if let last = timeline.last, last.at > event.at {
            var low = 0, high = timeline.count
            while low < high {
                let mid = (low + high) / 2
                if timeline[mid].at <= event.at { low = mid + 1 } else { high = mid }
            }
            timeline.insert(item, at: low)
            for position in low..<timeline.count { timelineIndex[timeline[position].id] = position }
        } else {
            timelineIndex[event.id] = timeline.count
            timeline.append(item)
        }
    }
}

/// `30%`, `2.5%`: a share without trailing zeros.
public func formatPercent(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e15 else { return "\(value)%" }
    let tenths = (value * 10).rounded()
    let whole = Int64(tenths / 10)
    let fraction = Int64(abs(tenths.truncatingRemainder(dividingBy: 10)))
    return fraction == 0 ? "\(whole)%" : "\(whole).\(fraction)%"
}
