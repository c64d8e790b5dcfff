#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns commands into events: the only way new facts enter the log.
public enum Incident {
    /// Checks `command` against `state` and returns the events that record it, stamped with
    /// `at` (when it happened), `now` (when it is recorded) and `author`. Ids come from `makeID`,
    /// so tests can make them predictable. Throws, changing nothing, when the command is invalid.
    public static func record(
        _ command: Command, incident: IncidentID, state: IncidentState?, author: String,
        at: Timestamp, now: Timestamp, policy: Policy, makeID: () -> UUID
    ) throws(CommandError) -> [Event] {
        guard let who = author.nonBlank else { throw .emptyText(field: "author") }
        let payloads = try decide(command, state: state, at: at, now: now, policy: policy)
        return payloads.map {
            Event(id: makeID(), incident: incident, at: at, recordedAt: now, author: who, payload: $0)
        }
    }

    /// Severity, status and update clocks start at the declaration: a change dated before it would
    /// be ignored by every countdown, so it is refused. (Entries may come earlier: what was seen
    /// before anyone declared belongs in the timeline.)
    static func requireAfterDeclaration(_ what: String, at: Timestamp, state: IncidentState,
                                        instead: String) throws(CommandError) {
        guard at < state.declaredAt else { return }
        throw .timesOutOfOrder("\(what) at \(at.iso8601) is before the declaration at \(state.declaredAt.iso8601): "
                               + "\(instead) at or after the declaration")
    }

    /// The events `command` means, or why it is refused.
    public static func decide(
        _ command: Command, state: IncidentState?, at: Timestamp, now: Timestamp, policy: Policy
    ) throws(CommandError) -> [EventPayload] {
        guard at <= now else { throw .futureTime(at: at, now: now) }
        // Every path but imports comes through here: refuse what the log could not read back.
        for (what, time) in [("the time", Optional(at)), ("the clock's reading", Optional(now))] + command.typedTimes {
            if let time, let problem = TimeBounds.eventTimeProblem(time, now: now) {
                throw .timeOutOfRange("\(what) \(TimeBounds.printable(time)) \(problem); nothing was recorded")
            }
        }
        if case .declare(let declaration) = command {
            if let state { throw .alreadyDeclared(state.id) }
            return [.declared(try validated(declaration, at: at))]
        }
        guard let state else { throw .noIncident }
        // A drill's deadlines, defaults and typed timeboxes at its speed.
        let policy = policy.paced(for: state)
        if state.status == .closed && !command.allowedWhenClosed { throw .incidentClosed }
        switch command {
        case .declare:
            throw .alreadyDeclared(state.id)
        case .setSeverity(let level, let reason):
            try requireAfterDeclaration("a severity change", at: at, state: state,
                                        instead: "declare with the right severity, or date the change")
            guard level != state.severity else { throw .sameSeverity(level) }
            let reason = reason.nonBlank
            if state.severity.isMoreSevere(than: level), reason == nil {
                throw .downgradeNeedsReason(from: state.severity, to: level)
            }
            return [.severityChanged(SeverityChange(to: level, reason: reason))]
        case .recordImpact(let report):
            try validate(report)
            var events: [EventPayload] = [.impactRecorded(report)]
            if let (level, trigger) = state.impact.upgrade(for: report, current: state.severity, policy: policy) {
                try requireAfterDeclaration("an impact report that raises the severity to \(level.label)", at: at,
                                            state: state, instead: "date it")
                events.append(.severityChanged(SeverityChange(to: level, reason: trigger.reason, trigger: trigger)))
            }
            return events
        case .assignRole(let role, let person):
            // `@bob` is bob, as in the war room's `/role ic @bob`, on every path: a handoff from bob
            // to "@bob" would be recorded otherwise.
            guard let person = String(person.trimmingSpaces.drop { $0 == "@" }).nonBlank else {
                throw .emptyText(field: "person's name")
            }
            // `/role deputy ic`: the name is missing, and "ic" is nobody.
            if let named = Role.named(person) { throw .personIsARole(person: person, role: role, named: named) }
            if state.roles[role]?.person == person { throw .alreadyHolds(person: person, role: role) }
            return [.roleAssigned(RoleAssignment(role: role, person: person))]
        case .log(let entry):
            guard entry.text.nonBlank != nil else { throw .emptyText(field: "entry") }
            if let alert = entry.alert {
                guard alert.key.nonBlank != nil else { throw .emptyText(field: "alert's key") }
                guard !state.alertKeys.contains(alert.key) else { throw .alertAlreadyRecorded(state.id) }
            }
            if let run = entry.run, run.command.first?.nonBlank == nil { throw .emptyText(field: "command") }
            return [.entry(entry)]
        case .amend(let id, let text):
            try requireLiveEntry(id, in: state)
            guard text.nonBlank != nil else { throw .emptyText(field: "amended text") }
            return [.entryAmended(EntryAmendment(entry: id, text: text))]
        case .retract(let id, let reason):
            try requireLiveEntry(id, in: state)
            return [.entryRetracted(EntryRetraction(entry: id, reason: reason.nonBlank))]
        case .openHypothesis(let text, let owner, let timebox):
            guard text.nonBlank != nil else { throw .emptyText(field: "hypothesis") }
            let span = timebox.map(policy.paced) ?? policy.hypothesisTimebox
            guard span > .zero, span <= .hours(24) else { throw .invalidTimebox(span) }
            return [.hypothesisOpened(HypothesisOpening(text: text, owner: owner.nonBlank, timebox: span))]
        case .decideHypothesis(let number, let verdict, let span, let note, let markIdentified):
            return try decideHypothesis(number, verdict, span.map(policy.paced), note, markIdentified, state: state)
        case .notify(let target, let kind, let tier):
            guard let target = target.nonBlank else { throw .emptyText(field: "notification target") }
            return [.notified(classify(target: target, kind: kind, tier: tier.nonBlank, state: state, at: at,
                                       policy: policy))]
        case .page(let order):
            return [.notified(try page(order, state: state, at: at, policy: policy))]
        case .acknowledgePage(let id, let person):
            guard let person = String(person.trimmingSpaces.drop { $0 == "@" }).nonBlank else { throw .emptyText(field: "person's name") }
            guard let page = state.notifications.first(where: { $0.id == id && $0.isPage }) else { throw .unknownPage }
            if let answer = page.acknowledged { throw .pageAlreadyAcknowledged(person: answer.person) }
            return [.pageAcknowledged(PageAcknowledgement(page: id, person: person))]
        case .useRunbook(let use):
            return [.runbookUsed(try runbookUse(use, state: state))]
        case .markDrill(let mark):
            if let problem = mark.problem(on: state) { throw .badDrillMark(problem) }
            return [.drillMarked(mark)]
        case .setStatus(let target, let reason, let force):
            try requireAfterDeclaration("a status change", at: at, state: state, instead: "date it")
            return [.statusChanged(try statusChange(target, reason: reason.nonBlank, force: force, state: state,
                                                    at: at, policy: policy))]
        case .postUpdate(let audience, let text):
            try requireAfterDeclaration("a status update", at: at, state: state, instead: "date it")
            guard text.nonBlank != nil else { throw .emptyText(field: "status update") }
            return [.updatePosted(StatusUpdatePost(audience: audience, text: text))]
        case .setPostmortemStatus(let status, let forced):
            let forced = status == .final ? forced?.compactMap(\.nonBlank) : nil
            return [.postmortemStatusChanged(PostmortemStatusChange(status: status, forced: forced?.isEmpty == false ? forced : nil))]
        case .setPostmortemText(let section, let text):
            guard text.nonBlank != nil else { throw .emptyText(field: "\(section.rawValue) text") }
            return [.postmortemTextSet(PostmortemText(section: section, text: text))]
        case .setPostmortemImpact(let impact):
            if let tickets = impact.supportTickets, tickets < 0 { throw .negativeTickets(tickets) }
            let cleaned = PostmortemImpact(usersAffected: impact.usersAffected.nonBlank, revenue: impact.revenue.nonBlank,
                                           sloBudget: impact.sloBudget.nonBlank, supportTickets: impact.supportTickets)
            guard cleaned != PostmortemImpact() else { throw .emptyImpact }
            return [.postmortemImpactSet(cleaned)]
        case .setFactor(let level, let text):
            guard text.nonBlank != nil else { throw .emptyText(field: "\(level.rawValue) cause") }
            return [.factorSet(ContributingFactor(level: level, text: text))]
        case .tagCause(let text, let remove):
            let tag = try CauseTag.normalize(text)
            let current = state.postmortem.causes
            if remove {
                guard current.contains(tag) else { throw .causeTagAbsent(tag, current: current) }
            } else {
                guard !current.contains(tag) else { throw .causeTagPresent(tag) }
                guard current.count < CauseTag.maxPerIncident else { throw .tooManyCauseTags(limit: CauseTag.maxPerIncident) }
            }
            return [.causeTagged(CauseTagChange(tag: tag, removed: remove))]
        case .link(let link):
            return [.incidentLinked(try linkChange(link, state: state))]
        case .unlink(let typed):
            let other = (try? IncidentIDRule.normalized(typed)) ?? typed
            guard let current = state.links.first(where: { $0.other == other }) else {
                throw .linkAbsent(other, current: state.links.map(\.other))
            }
            return [.incidentLinked(IncidentLinkChange(other: other, kind: current.kind, removed: true))]
        case .addWhy(let text):
            guard text.nonBlank != nil else { throw .emptyText(field: "answer") }
            guard state.postmortem.whys.count < 5 else { throw .tooManyWhys }
            return [.whyAdded(WhyAnswer(text: text))]
        case .addActionItem(let text, let owner, let priority, let due, let fromEntry, let force):
            guard text.nonBlank != nil else { throw .emptyText(field: "action item") }
            guard let owner = owner.nonBlank else { throw .emptyText(field: "action item's owner") }
            try requireDueNotPast(due, now: now, force: force)
            return [.actionItemAdded(ActionItemAdded(text: text, owner: owner, priority: priority, due: due.startOfDay,
                                                     fromEntry: fromEntry))]
        case .completeActionItem(let number):
            let items = state.postmortem.actionItems
            guard number >= 1, number <= items.count else {
                throw .unknownActionItem(number, valid: items.filter { !$0.isDone }.map(\.number))
            }
            guard !items[number - 1].isDone else { throw .actionItemAlreadyDone(number) }
            return [.actionItemDone(ActionItemDone(item: items[number - 1].id))]
        case .setFacts(let facts):
            return [.factsRecorded(try validated(facts, state: state, now: now))]
        case .editActionItem(let number, let text, let owner, let priority, let due, let force):
            return [.actionItemUpdated(try actionItemUpdate(number, text: text, owner: owner, priority: priority, due: due,
                                                            force: force, state: state, now: now))]
        case .setActionItemStatus(let number, let status, let reason):
            let item = try actionItem(number, in: state)
            guard item.status != status else { throw .actionItemAlreadyInStatus(number, status) }
            let reason = reason.nonBlank
            if status == .dropped, reason == nil { throw .dropNeedsReason(number) }
            return [.actionItemStatusChanged(ActionItemStatusChange(item: item.id, status: status, reason: reason))]
        case .amendWhy(let number, let text):
            let whys = state.postmortem.whys
            guard number >= 1, number <= whys.count else { throw .unknownWhy(number, count: whys.count) }
            guard let text = text.nonBlank else { throw .emptyText(field: "answer") }
            guard text != whys[number - 1].nonBlank else { throw .whyUnchanged(number) }
            return [.whyAmended(WhyAmendment(number: number, text: text))]
        }
    }

    // MARK: - Action items

    /// Action item `number` of the incident, open or not.
    private static func actionItem(_ number: Int, in state: IncidentState) throws(CommandError) -> ActionItem {
        let items = state.postmortem.actionItems
        guard number >= 1, number <= items.count else { throw .noSuchActionItem(number, count: items.count) }
        return items[number - 1]
    }

    /// A due day before today's (UTC) is almost always a typo: it needs `force`. Before 1970 or more
    /// than ten years ahead (`TimeBounds`) is refused even then: no follow-up is due there, and every
    /// stored time must stay in the range every reader accepts.
    private static func requireDueNotPast(_ due: Timestamp, now: Timestamp, force: Bool) throws(CommandError) {
        let latest = TimeBounds.latestDue(now: now)
        guard due >= TimeBounds.earliest, due <= latest else {
            throw .dueDateOutOfRange(due: due, latest: latest)
        }
        guard !force, due.startOfDay < now.startOfDay else { return }
        throw .dueDateInPast(due: due.startOfDay, today: now.startOfDay)
    }

    private static func actionItemUpdate(
        _ number: Int, text: String?, owner: String?, priority: ActionPriority?, due: Timestamp?, force: Bool,
        state: IncidentState, now: Timestamp
    ) throws(CommandError) -> ActionItemUpdate {
        let item = try actionItem(number, in: state)
        if let text, text.nonBlank == nil { throw .emptyText(field: "action item") }
        if let owner, owner.nonBlank == nil { throw .emptyText(field: "action item's owner") }
        if let due { try requireDueNotPast(due, now: now, force: force) }
        // Only what changes is recorded: an edit that changes nothing is refused, not logged.
        var update = ActionItemUpdate(item: item.id)
        if let text = text.nonBlank, text != item.text { update.text = text }
        if let owner = owner.nonBlank, owner != item.owner { update.owner = owner }
        if let priority, priority != item.priority { update.priority = priority }
        if let due = due?.startOfDay, due != item.due { update.due = due }
        guard update != ActionItemUpdate(item: item.id) else { throw .actionItemUnchanged(number) }
        return update
    }

    // MARK: - Checks

    private static func validated(_ declaration: Declaration, at: Timestamp) throws(CommandError) -> Declaration {
        guard declaration.title.nonBlank != nil else { throw .emptyText(field: "title") }
        var declaration = declaration
        declaration.summary = declaration.summary.nonBlank
        declaration.service = declaration.service.nonBlank
        if let detected = declaration.detectedAt, detected > at {
            throw .timesOutOfOrder("detected at \(detected.iso8601) is after the declaration at \(at.iso8601)")
        }
        if let started = declaration.impactStartedAt {
            let detected = declaration.detectedAt ?? at
            if started > detected {
                throw .timesOutOfOrder("impact started at \(started.iso8601) is after detection at \(detected.iso8601)")
            }
        }
        return declaration
    }

    /// The facts as they will be recorded, or why not: every time at or before now, and together
    /// with what is already known, impact started ≤ detected ≤ declared (declaring is detecting).
    private static func validated(_ facts: IncidentFacts, state: IncidentState,
                                  now: Timestamp) throws(CommandError) -> IncidentFacts {
        var facts = facts
        if let service = facts.service {
            guard let trimmed = service.nonBlank else { throw .emptyText(field: "service") }
            facts.service = trimmed
        }
        guard !facts.isEmpty else { throw .noFacts }
        for time in [facts.impactStartedAt, facts.detectedAt].compactMap({ $0 }) where time > now {
            throw .futureTime(at: time, now: now)
        }
        let started = facts.impactStartedAt ?? state.impactStartedAt
        let detected = facts.detectedAt ?? state.detectedAt
        if let given = facts.detectedAt, given > state.declaredAt {
            throw .timesOutOfOrder("detected at \(given.iso8601) is after the declaration at "
                                   + "\(state.declaredAt.iso8601): detection comes at or before declaring")
        }
        if let started, started > detected {
            let hint = switch (facts.impactStartedAt, facts.detectedAt) {
            case (_?, nil): " (correct the detection time too if it was later)"
            case (nil, _?): " (correct the impact start too if it was earlier)"
            default: ""
            }
            throw .timesOutOfOrder("impact started at \(started.iso8601) is after detection at \(detected.iso8601): "
                                   + "impact starts at or before detection" + hint)
        }
        var unchanged: [String] = []
        if let service = facts.service, service == state.service { unchanged.append("the service is already '\(service)'") }
        if let time = facts.impactStartedAt, time == state.impactStartedAt {
            unchanged.append("impact already started at \(time.iso8601)")
        }
        if let time = facts.detectedAt, time == state.detectedAt { unchanged.append("already detected at \(time.iso8601)") }
        let given = [facts.service != nil, facts.impactStartedAt != nil, facts.detectedAt != nil].filter { $0 }.count
        if unchanged.count == given { throw .factsUnchanged(unchanged.joined(separator: "; ")) }
        return facts
    }

    private static func validate(_ report: ImpactReport) throws(CommandError) {
        if let percent = report.usersAffectedPercent, !(percent.isFinite && (0...100).contains(percent)) {
            throw .invalidPercent(percent)
        }
        if let count = report.usersAffectedCount, count < 0 { throw .invalidCount(count) }
        let saysSomething = report.usersAffectedPercent != nil || report.usersAffectedCount != nil
            || report.customerReported || report.payingAccounts || report.dataIntegrity || report.securityBreach
            || report.note.nonBlank != nil
        guard saysSomething else { throw .emptyImpact }
    }

    private static func requireLiveEntry(_ id: UUID, in state: IncidentState) throws(CommandError) {
        guard let item = state.timelineItem(for: id), item.kind.isEntry else { throw .unknownEntry }
        guard !item.isRetracted else { throw .entryRetracted }
    }

    private static func decideHypothesis(
        _ number: Int, _ verdict: HypothesisVerdict, _ span: TimeSpan?, _ note: String?, _ markIdentified: Bool,
        state: IncidentState
    ) throws(CommandError) -> [EventPayload] {
        guard let hypothesis = state.hypothesis(number: number) else {
            throw .unknownHypothesis(number, valid: state.hypotheses.filter(\.isUndecided)
                .map(\.number))
        }
        switch verdict {
        case .confirmed, .ruledOut:
            guard hypothesis.isUndecided else {
                throw .hypothesisNotOpen(number: number, state: hypothesis.state)
            }
        case .extended:
            guard hypothesis.state == .open else { throw .hypothesisNotOpen(number: number, state: hypothesis.state) }
            guard !hypothesis.extended else { throw .alreadyExtended(number: number) }
            if let span, !(span > .zero && span <= .hours(24)) { throw .invalidTimebox(span) }
        case .escalated:
            guard hypothesis.state == .open else { throw .hypothesisNotOpen(number: number, state: hypothesis.state) }
        }
        var events: [EventPayload] = [.hypothesisDecided(HypothesisDecision(
            hypothesis: hypothesis.id, verdict: verdict, extendedBy: verdict == .extended ? span ?? hypothesis.timebox : nil,
            note: note.nonBlank))]
        if verdict == .confirmed, markIdentified, state.status == .investigating {
            events.append(.statusChanged(StatusChange(to: .identified,
                                                      reason: "hypothesis #\(number) confirmed")))
        }
        return events
    }

    /// Which obligation a notification discharges: the matrix's escalation target of a level
    /// (named by the target: see `NotifyTarget.names`), else — for an escalation, or once the
    /// root-cause deadline has passed — the root-cause escalation.
    static func classify(target: String, kind: NotificationKind?, tier: String?, state: IncidentState,
                         at: Timestamp, policy: Policy) -> NotificationRecord {
        let levels = [state.severity] + Severity.allCases.filter { $0 != state.severity }
        if kind != .escalation,
           let level = levels.first(where: { NotifyTarget.names(policy.rule(for: $0).escalationTarget, in: target, policy: policy)
               && !state.isDischarged(.notify($0)) }) {
            return NotificationRecord(target: target, kind: .notification, tier: tier, obligation: .notify(level))
        }
        if kind != .notification,
           let owed = state.obligations(policy: policy).first(where: { $0.kind == .rootCauseEscalation }),
           kind == .escalation || at >= owed.deadline {
            return NotificationRecord(target: target, kind: .escalation, tier: tier, obligation: .rootCauseEscalation)
        }
        return NotificationRecord(target: target, kind: kind ?? .notification, tier: tier, obligation: nil)
    }

    /// A runbook's use, its name checked: a file's name, not empty, bounded, without control
    /// characters or a path. A second link of one runbook is refused; openings are not (the war
    /// room records a person's first).
    private static func runbookUse(_ use: RunbookUse, state: IncidentState) throws(CommandError) -> RunbookUse {
        guard let name = use.runbook.nonBlank else { throw .emptyText(field: "runbook name") }
        guard RunbookUse.isValidName(name) else { throw .badRunbookName(name) }
        if use.action == .linked, state.runbooks.contains(where: { $0.name == name && $0.linked != nil }) {
            throw .runbookAlreadyLinked(name)
        }
        return RunbookUse(runbook: name, action: use.action, lastTested: use.lastTested)
    }

    /// A page as resolved by the schedule: classified like any escalation (it may discharge the
    /// root-cause escalation), keeping whom it paged. An automatic escalation is refused once its
    /// page was answered or escalated (by another war room, say): it is recorded once.
    private static func page(_ order: NotificationRecord, state: IncidentState, at: Timestamp,
                             policy: Policy) throws(CommandError) -> NotificationRecord {
        guard let target = order.target.nonBlank else { throw .emptyText(field: "page target") }
        guard let person = order.person.nonBlank else { throw .emptyText(field: "person paged") }
        if let escalated = order.escalates {
            guard let page = state.notifications.first(where: { $0.id == escalated && $0.isPage }) else { throw .unknownPage }
            guard page.acknowledged == nil, page.escalatedBy == nil else { throw .pageAlreadyEscalated }
        }
        var record = classify(target: target, kind: .escalation, tier: order.tier.nonBlank, state: state, at: at, policy: policy)
        record.person = person
        record.schedule = order.schedule.nonBlank
        record.level = order.level
        record.escalates = order.escalates
        return record
    }

    private static func statusChange(
        _ target: StatusTarget, reason: String?, force: Bool, state: IncidentState, at: Timestamp, policy: Policy
    ) throws(CommandError) -> StatusChange {
        let destination: IncidentStatus
        switch target {
        case .reopen: destination = .investigating
        case .status(let status): destination = status
        }
        if destination == .investigating {
            guard state.status != .investigating else { throw .alreadyInvestigating }
            return StatusChange(to: .investigating, reopen: true, reason: reason)
        }
        guard destination != state.status else { throw .sameStatus(destination) }
        guard state.status.canMove(to: destination) else {
            throw .invalidTransition(from: state.status, to: destination,
                                     allowed: IncidentStatus.allCases.filter { state.status.canMove(to: $0) })
        }
        var overridden = false
        switch destination {
        case .resolved:
            let elapsed = state.status == .monitoring ? at - state.statusSince : nil
            if (elapsed ?? .zero) < policy.monitoringWindow || elapsed == nil {
                guard force else { throw .monitoringWindow(required: policy.monitoringWindow, elapsed: elapsed) }
                guard reason != nil else { throw .overrideNeedsReason }
                overridden = true
            }
        case .closed:
            if policy.requiresPostmortem(state.highestSeverity) {
                guard state.postmortemStatus == .final else { throw .postmortemNotFinal(state.postmortemStatus) }
            }
        default:
            break
        }
        return StatusChange(to: destination, reason: reason, overridden: overridden)
    }
}

extension Incident {
    /// The most incidents one may link: a coordinating parent has a handful of children, not a
    /// fleet (a list that long wants a query, not links).
    public static let maxLinks = 32

    /// A link as recorded: the other incident's id in the store's spelling (`4`, `inc-4` are
    /// INC-4), checked against this incident's own links. One link per other incident, one
    /// parent, one original.
    static func linkChange(_ link: IncidentLink, state: IncidentState) throws(CommandError) -> IncidentLinkChange {
        let other: IncidentID
        do { other = try IncidentIDRule.normalized(link.other) } catch { throw .unknownLinkTarget(link.other, known: []) }
        guard other != state.id else { throw .linkToSelf(other) }
        let current = state.links.first { $0.other == other }
        if current?.kind == link.kind { throw .linkPresent(other, phrase: link.kind.view.phrase) }
        if link.kind == .parent, let parent = state.links.first(where: { $0.kind == .parent && $0.other != other }) {
            throw .secondParent(child: state.id, parent: parent.other)
        }
        if link.kind == .duplicate, let original = state.links.first(where: { $0.kind == .duplicate && $0.other != other }) {
            throw .secondOriginal(original.other)
        }
        guard current != nil || state.links.count < maxLinks else { throw .tooManyLinks(limit: maxLinks) }
        return IncidentLinkChange(other: other, kind: link.kind)
    }
}

extension Command {
    /// What may still be recorded on a closed incident: the record itself, the post-mortem, a reopen.
    var allowedWhenClosed: Bool {
        switch self {
        case .log, .amend, .retract, .setFacts, .setPostmortemStatus, .setPostmortemText, .setPostmortemImpact, .setFactor, .addWhy,
             .addActionItem, .completeActionItem, .editActionItem, .setActionItemStatus, .amendWhy, .tagCause, .link, .unlink,
             .useRunbook, .markDrill: true
        case .setStatus(let target, _, _): target == .reopen || target == .status(.investigating)
        default: false
        }
    }
}

extension Optional where Wrapped == String {
    /// The text trimmed, or nil when it is nil or only blanks.
    var nonBlank: String? { self?.nonBlank }
}

extension String {
    /// The text trimmed, or nil when only blanks.
    var nonBlank: String? {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return nil }
        return String(self[first...last])
    }
}

extension Command {
    /// The times a command carries besides its `at` (a declaration's detection and impact start):
    /// each must pass `TimeBounds` like `at`. A new command with a time of its own adds it here.
    var typedTimes: [(String, Timestamp?)] {
        switch self {
        case .declare(let declaration):
            return [("detected at", declaration.detectedAt), ("impact started at", declaration.impactStartedAt)]
        case .setFacts(let facts):
            return [("detected at", facts.detectedAt), ("impact started at", facts.impactStartedAt)]
        case .log(let entry):
            return [("the alert's start", entry.alert?.startsAt)]
        case .useRunbook(let use):
            return [("the runbook's last test", use.lastTested)]
        default:
            return []
        }
    }
}
