#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension IncidentState {
    /// Folds events, in record order, onto `start`. Returns nil while no declaration has been seen:
    /// events before it have no incident to belong to. Never traps, whatever the events say.
    public static func fold(_ events: some Sequence<Event>, onto start: IncidentState? = nil) -> IncidentState? {
        var state = start
        for event in events {
            if state == nil {
                guard case .declared(let declaration) = event.payload else { continue }
                state = IncidentState(declaration: event, declaration)
            }
            state?.apply(event)
        }
        return state
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
            addRow(event, sequence, kind: .declared, text: Self.declarationText(declaration))
            if sequence > 0 { anomaly(event, "the incident was already declared") }
        case .severityChanged(let change):
            applySeverity(change, event, sequence)
        case .impactRecorded(let report):
            applyImpact(report, event)
            addRow(event, sequence, kind: .impact, text: Self.impactText(report))
        case .roleAssigned(let assignment):
            applyRole(assignment, event, sequence)
        case .entry(let entry):
            addRow(event, sequence, kind: TimelineItem.Kind(rawValue: entry.kind.rawValue) ?? .note,
                   text: entry.text, tags: entry.tags)
            if TodoProposal.isTodo(entry.text) { todoOrder.append(event.id) }
        case .entryAmended(let amendment):
            addRow(event, sequence, kind: .note, text: "amended an entry", hidden: true)
            amend(amendment, event)
        case .entryRetracted(let retraction):
            addRow(event, sequence, kind: .note, text: "retracted an entry", hidden: true)
            retract(retraction, event)
        case .hypothesisOpened(let opening):
            openHypothesis(opening, event, sequence)
        case .hypothesisDecided(let decision):
            decideHypothesis(decision, event, sequence)
        case .notified(let record):
            notifications.append(NotificationEntry(at: event.at, record: record, author: event.author))
            addRow(event, sequence, kind: .notification, text: Self.notificationText(record))
        case .statusChanged(let change):
            applyStatus(change, event, sequence)
        case .updatePosted(let post):
            let posted = PostedUpdate(at: event.at, audience: post.audience, text: post.text, author: event.author)
            updates.append(posted)
            if latestUpdate.map({ posted.at > $0.at }) ?? true { latestUpdate = posted }
            if latestUpdates[post.audience].map({ posted.at > $0.at }) ?? true { latestUpdates[post.audience] = posted }
            insertAnchor(UpdateAnchor(at: event.at, kind: .posted(post.audience)))
            if !status.isActive, let resolvedAt, posted.at >= resolvedAt { allClearSent.insert(post.audience) }
            addRow(event, sequence, kind: .update, text: "Status update to \(post.audience.rawValue): \(post.text)",
                   detail: .update(post.audience))
        case .postmortemStatusChanged(let change):
            postmortemStatus = change.status
            postmortem.lastAuthor = event.author
            postmortem.forcedFinal = change.status == .final ? change.forced : nil
            postmortem.editsSinceFinal = 0
            addRow(event, sequence, kind: .postmortem, text: "Post-mortem marked \(change.status.rawValue)"
                   + (postmortem.forcedFinal == nil ? "" : " (forced)"))
        case .postmortemTextSet, .postmortemImpactSet, .factorSet, .whyAdded, .actionItemAdded, .actionItemDone,
             .actionItemUpdated, .actionItemStatusChanged, .whyAmended:
            applyPostmortem(event, sequence)
        case .factsRecorded(let facts):
            applyFacts(facts, event, sequence)
        }
    }

    // MARK: - Cases

    private mutating func applySeverity(_ change: SeverityChange, _ event: Event, _ sequence: Int) {
        let from = severity
        var text = "Severity \(from.label) → \(change.to.label)"
        if let trigger = change.trigger {
            text += " (automatic: \(trigger.reason))"
        } else if let reason = change.reason, !reason.isEmpty {
            text += ": \(reason)"
        }
        addRow(event, sequence, kind: .severity, text: text)
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
        let text = previous.map { "\(assignment.role.title) handed off: \($0) → \(assignment.person)" }
            ?? "\(assignment.person) is \(assignment.role.title)"
        addRow(event, sequence, kind: .role, text: text, detail: .role(assignment.role, handoff: previous != nil))
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
        let owner = opening.owner.map { " (\($0), \(opening.timebox.compact))" } ?? " (\(opening.timebox.compact))"
        addRow(event, sequence, kind: .hypothesis, text: "Hypothesis #\(number)\(owner): \(opening.text)",
               detail: .hypothesis(number: number, verdict: nil))
        hypotheses.append(Hypothesis(id: event.id, number: number, text: opening.text, owner: opening.owner,
                                     openedAt: event.at, timebox: opening.timebox,
                                     deadline: event.at + opening.timebox, state: .open, extended: false,
                                     decidedAt: nil))
        if let owner = opening.owner { people.insert(owner) }
    }

    private mutating func decideHypothesis(_ decision: HypothesisDecision, _ event: Event, _ sequence: Int) {
        guard let index = hypotheses.firstIndex(where: { $0.id == decision.hypothesis }) else {
            addRow(event, sequence, kind: .hypothesis, text: "Decision on an unknown hypothesis")
            anomaly(event, "refers to no hypothesis of this incident")
            return
        }
        var hypothesis = hypotheses[index]
        let verb: String
        var problem: String?
        switch decision.verdict {
        case .confirmed, .ruledOut:
            verb = decision.verdict == .confirmed ? "confirmed" : "ruled out"
            if hypothesis.state == .confirmed || hypothesis.state == .ruledOut {
                problem = "hypothesis #\(hypothesis.number) was already \(hypothesis.state.rawValue)"
            } else {
                hypothesis.state = decision.verdict == .confirmed ? .confirmed : .ruledOut
                hypothesis.decidedAt = event.at
                if decision.verdict == .confirmed { rootCauseAt = rootCauseAt ?? event.at }
            }
        case .extended:
            let span = decision.extendedBy ?? hypothesis.timebox
            verb = "extended by \(span.compact)"
            if hypothesis.extended || hypothesis.state != .open {
                problem = "hypothesis #\(hypothesis.number) can no longer be extended"
            } else {
                hypothesis.extended = true
                hypothesis.deadline = max(hypothesis.deadline, event.at) + span
            }
        case .escalated:
            verb = "escalated"
            if hypothesis.state != .open {
                problem = "hypothesis #\(hypothesis.number) is not open"
            } else {
                hypothesis.state = .escalated
                hypothesis.decidedAt = event.at
            }
        }
        var text = "Hypothesis #\(hypothesis.number) \(verb): \(hypothesis.text)"
        if let note = decision.note, !note.isEmpty { text += " — \(note)" }
        addRow(event, sequence, kind: .hypothesis, text: text,
               detail: .hypothesis(number: hypothesis.number, verdict: decision.verdict))
        if let problem { anomaly(event, problem) } else { hypotheses[index] = hypothesis }
    }

    private mutating func applyStatus(_ change: StatusChange, _ event: Event, _ sequence: Int) {
        let from = status
        let target: IncidentStatus = change.reopen ? .investigating : change.to
        var text = target == .investigating ? "Reopened (\(from.rawValue) → investigating)"
            : "Status \(from.rawValue) → \(target.rawValue)"
        if let reason = change.reason, !reason.isEmpty {
            text += change.overridden ? " (override: \(reason))" : ": \(reason)"
        }
        addRow(event, sequence, kind: .status, text: text)
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
        var parts: [String] = []
        func change(_ what: String, _ old: String?, _ new: String) {
            parts.append(old.map { $0 == new ? "\(what) \(new)" : "\(what) \(new) (was \($0))" } ?? "\(what) \(new)")
        }
        let service = facts.service?.nonBlank
        if let service { change("service", self.service, service) }
        if let started = facts.impactStartedAt {
            change("impact started", impactStartedAt.map { factTime($0) }, factTime(started))
        }
        if let detected = facts.detectedAt { change("detected", factTime(detectedAt), factTime(detected)) }
        addRow(event, sequence, kind: .facts, text: "Facts: " + (parts.isEmpty ? "nothing given" : parts.joined(separator: " · ")))
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

    /// `13:50:00`, with the date when it is not the declaration's day.
    private func factTime(_ time: Timestamp) -> String {
        time.dateOnly == declaredAt.dateOnly ? time.clockTime : "\(time.dateOnly) \(time.clockTime)"
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

    private mutating func applyPostmortem(_ event: Event, _ sequence: Int) {
        postmortem.lastAuthor = event.author
        switch event.payload {
        case .postmortemTextSet, .postmortemImpactSet, .factorSet, .whyAdded, .whyAmended:
            if postmortemStatus == .final { postmortem.editsSinceFinal += 1 }
        default:
            break
        }
        let text: String
        switch event.payload {
        case .postmortemTextSet(let set):
            postmortem.texts[set.section] = set.text
            text = "Post-mortem \(set.section.heading.lowercased()) written"
        case .postmortemImpactSet(let impact):
            postmortem.impact.usersAffected = impact.usersAffected ?? postmortem.impact.usersAffected
            postmortem.impact.revenue = impact.revenue ?? postmortem.impact.revenue
            postmortem.impact.sloBudget = impact.sloBudget ?? postmortem.impact.sloBudget
            postmortem.impact.supportTickets = impact.supportTickets ?? postmortem.impact.supportTickets
            text = "Post-mortem impact figures recorded"
        case .factorSet(let factor):
            postmortem.factors[factor.level] = factor.text
            text = "\(factor.level.label): \(factor.text)"
        case .whyAdded(let why):
            postmortem.whys.append(why.text)
            text = "Why #\(postmortem.whys.count): \(why.text)"
        case .actionItemAdded(let added):
            let number = postmortem.actionItems.count + 1
            postmortem.actionItems.append(ActionItem(id: event.id, number: number, text: added.text, owner: added.owner,
                                                     priority: added.priority, due: added.due, addedAt: event.at,
                                                     doneAt: nil, fromEntry: added.fromEntry))
            people.insert(added.owner)
            text = "Action item \(number) (\(added.priority.rawValue), \(added.owner), due \(added.due.dateOnly)): \(added.text)"
        case .actionItemDone(let done):
            guard let index = postmortem.actionItems.firstIndex(where: { $0.id == done.item }) else {
                addRow(event, sequence, kind: .postmortem, text: "Done: an unknown action item")
                return anomaly(event, "completes no action item of this incident")
            }
            if postmortem.actionItems[index].doneAt == nil { postmortem.actionItems[index].doneAt = event.at }
            postmortem.actionItems[index].status = .done
            postmortem.actionItems[index].statusReason = nil
            text = "Action item \(postmortem.actionItems[index].number) done: \(postmortem.actionItems[index].text)"
        case .actionItemUpdated(let update):
            guard let index = postmortem.actionItems.firstIndex(where: { $0.id == update.item }) else {
                addRow(event, sequence, kind: .postmortem, text: "Edit of an unknown action item")
                return anomaly(event, "edits no action item of this incident")
            }
            var item = postmortem.actionItems[index]
            var changes: [String] = []
            if let value = update.text { item.text = value; changes.append("text") }
            if let value = update.owner {
                item.owner = value
                people.insert(value)
                changes.append("owner \(value)")
            }
            if let value = update.priority { item.priority = value; changes.append(value.rawValue) }
            if let value = update.due { item.due = value.startOfDay; changes.append("due \(value.dateOnly)") }
            postmortem.actionItems[index] = item
            text = "Action item \(item.number) edited (\(changes.isEmpty ? "no change" : changes.joined(separator: ", "))): \(item.text)"
        case .actionItemStatusChanged(let change):
            guard let index = postmortem.actionItems.firstIndex(where: { $0.id == change.item }) else {
                addRow(event, sequence, kind: .postmortem, text: "Status of an unknown action item")
                return anomaly(event, "moves no action item of this incident")
            }
            var item = postmortem.actionItems[index]
            item.status = change.status
            item.doneAt = change.status == .done ? (item.doneAt ?? event.at) : nil
            item.statusReason = change.reason
            postmortem.actionItems[index] = item
            text = "Action item \(item.number) \(change.status.label.lowercased())"
                + (change.reason.map { " (\($0))" } ?? "") + ": \(item.text)"
        case .whyAmended(let amendment):
            guard amendment.number >= 1, amendment.number <= postmortem.whys.count else {
                addRow(event, sequence, kind: .postmortem, text: "Amendment of an unknown why")
                return anomaly(event, "amends why #\(amendment.number), which was not written")
            }
            postmortem.whys[amendment.number - 1] = amendment.text
            text = "Why #\(amendment.number) amended: \(amendment.text)"
        default:
            return
        }
        addRow(event, sequence, kind: .postmortem, text: text)
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

    /// Inserts a row in (at, record order) position. `hidden` rows (amendments, retractions) are
    /// not shown: their effect is on the row they refer to.
    private mutating func addRow(_ event: Event, _ sequence: Int, kind: TimelineItem.Kind, text: String,
                                 tags: [EntryTag] = [], hidden: Bool = false, detail: TimelineItem.Detail? = nil) {
        guard !hidden else { return }
        let item = TimelineItem(id: event.id, sequence: sequence, at: event.at, recordedAt: event.recordedAt,
                                author: event.author, kind: kind, text: text, tags: tags, previousTexts: [],
                                retraction: nil, detail: detail)
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

    static func declarationText(_ declaration: Declaration) -> String {
        var text = "Declared \(declaration.severity.label): \(declaration.title)"
        if let service = declaration.service, !service.isEmpty { text += " [\(service)]" }
        if let summary = declaration.summary, !summary.isEmpty { text += " — \(summary)" }
        return text
    }

    static func impactText(_ report: ImpactReport) -> String {
        var parts: [String] = []
        if let percent = report.usersAffectedPercent { parts.append("\(formatPercent(percent)) of users affected") }
        if let count = report.usersAffectedCount { parts.append("\(count) users affected") }
        if report.customerReported { parts.append("customer-reported") }
        if report.payingAccounts { parts.append("paying accounts") }
        if report.dataIntegrity { parts.append("data-integrity concern") }
        if report.securityBreach { parts.append("security breach") }
        if parts.isEmpty { parts.append("no change") }
        var text = "Impact: " + parts.joined(separator: ", ")
        if let note = report.note, !note.isEmpty { text += " — \(note)" }
        return text
    }

    static func notificationText(_ record: NotificationRecord) -> String {
        var text = record.kind == .escalation ? "Escalated to \(record.target)" : "Notified \(record.target)"
        if let tier = record.tier, !tier.isEmpty { text += " (\(tier))" }
        return text
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
