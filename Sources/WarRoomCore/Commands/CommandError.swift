/// Why a command was refused. Each says what was wrong and what would be accepted;
/// a refused command changes nothing.
public enum CommandError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownSeverity(String)
    case unknownRole(String)
    case unknownStatus(String)
    case unknownEntryKind(String)
    case unknownAudience(String)
    case unknownHypothesis(Int, valid: [Int])
    case unknownEntry
    case noIncident
    case alreadyDeclared(IncidentID)
    case emptyText(field: String)
    case invalidPercent(Double)
    case invalidCount(Int)
    case invalidTimebox(TimeSpan)
    case futureTime(at: Timestamp, now: Timestamp)
    case timesOutOfOrder(String)
    case sameSeverity(Severity)
    case downgradeNeedsReason(from: Severity, to: Severity)
    case alreadyHolds(person: String, role: Role)
    /// The name given for a role's holder is itself a role's name (`/role deputy ic`): a missing
    /// name, most likely, never a person to record.
    case personIsARole(person: String, role: Role, named: Role)
    case hypothesisNotOpen(number: Int, state: Hypothesis.State)
    case alreadyExtended(number: Int)
    case sameStatus(IncidentStatus)
    case invalidTransition(from: IncidentStatus, to: IncidentStatus, allowed: [IncidentStatus])
    case alreadyInvestigating
    case monitoringWindow(required: TimeSpan, elapsed: TimeSpan?)
    case overrideNeedsReason
    case postmortemNotFinal(PostmortemStatus?)
    case incidentClosed
    case entryRetracted
    case emptyImpact
    case unknownPriority(String)
    case unknownActionItem(Int, valid: [Int])
    case actionItemAlreadyDone(Int)
    case tooManyWhys
    case invalidDate(String)
    case negativeTickets(Int)
    /// A time outside what the log can record and read back (`TimeBounds`); the text says which.
    case timeOutOfRange(String)
    case noFacts
    case factsUnchanged(String)
    case noSuchActionItem(Int, count: Int)
    case actionItemAlreadyInStatus(Int, ActionItemStatus)
    case dropNeedsReason(Int)
    case dueDateInPast(due: Timestamp, today: Timestamp)
    case actionItemUnchanged(Int)
    case unknownWhy(Int, count: Int)
    case whyUnchanged(Int)
    case dueDateOutOfRange(due: Timestamp, latest: Timestamp)
    /// An alert whose dedup key this incident already holds: a second delivery of it.
    case alertAlreadyRecorded(IncidentID)
    /// A cause tag that is not one word of letters, digits and `- . / _`; `suggestion` is the
    /// spelling that would be accepted, when there is one.
    case invalidCauseTag(String, problem: String, suggestion: String?)
    case causeTagPresent(String)
    case causeTagAbsent(String, current: [String])
    case tooManyCauseTags(limit: Int)
    /// A tag no incident uses yet, one edit or two from one in use: a typo until the person says
    /// it is new (`force` says how, in the words of the CLI or of the war room).
    case newCauseTagNearOld(tag: String, known: String, force: String)
    /// A link kind that is not one of `LinkKind`'s.
    case unknownLinkKind(String)
    case linkToSelf(IncidentID)
    /// The incident links `other` so already (`phrase`: "a child of").
    case linkPresent(IncidentID, phrase: String)
    case linkAbsent(IncidentID, current: [IncidentID])
    /// The incident is already a child (or a duplicate) of another: one parent, one original.
    case secondParent(child: IncidentID, parent: IncidentID)
    case secondOriginal(IncidentID)
    /// The link would make a loop of parents, duplicates or causes; the text says which.
    case linkLoop(String)
    /// The other incident's log already records this relation.
    case linkKnownOnOther(IncidentID, phrase: String)
    /// A duplicate of an incident that is itself a duplicate: link the original instead.
    case duplicateOfDuplicate(IncidentID, original: IncidentID)
    case tooManyLinks(limit: Int)
    /// A link to take off that the other incident's log holds, not this one's.
    case linkOnOtherEnd(IncidentID, phrase: String, this: IncidentID)
    /// No incident in the store has this id (`known`: the ids there are, for a suggestion).
    case unknownLinkTarget(IncidentID, known: [IncidentID])
    /// An acknowledgement or escalation of a page this incident does not have.
    case unknownPage
    /// The page was acknowledged already, by `person`.
    case pageAlreadyAcknowledged(person: String)
    /// An escalation of a page that another war room escalated first, or that was answered.
    case pageAlreadyEscalated
    /// A runbook name that names no file: a path, control characters, too long.
    case badRunbookName(String)
    /// The runbook is linked to this incident already.
    case runbookAlreadyLinked(String)
    /// A drill mark the drill cannot take (not a drill, started twice, after the end).
    case badDrillMark(String)

    public var description: String {
        switch self {
        case .unknownSeverity(let text):
            "unknown severity '\(text)': use \(Severity.choices)"
        case .unknownRole(let text):
            "unknown role '\(text)'\(Suggestion.didYouMean(text, among: Role.spellings.map(\.0))): use \(Role.choices)"
        case .unknownStatus(let text):
            "unknown status '\(text)': use \(IncidentStatus.choices)"
        case .unknownEntryKind(let text):
            "unknown entry kind '\(text)': use \(EntryKind.choices)"
        case .unknownAudience(let text):
            "unknown audience '\(text)': use \(Audience.choices)"
        case .unknownHypothesis(let number, let valid):
            valid.isEmpty ? "no hypothesis #\(number): none has been opened yet"
                : "no hypothesis #\(number): use one of \(valid.map { "#\($0)" }.joined(separator: ", "))"
        case .unknownEntry:
            "no such entry in this incident"
        case .noIncident:
            "no incident: declare one first"
        case .alreadyDeclared(let id):
            "incident \(id) is already declared"
        case .emptyText(let field):
            "the \(field) is empty: write some text"
        case .invalidPercent(let value):
            "users affected must be a share from 0 to 100%, not \(value)"
        case .invalidCount(let value):
            "users affected must be a count of 0 or more, not \(value)"
        case .invalidTimebox(let span):
            "a timebox must be longer than zero and at most a day, not \(span.compact)"
        case .futureTime(let at, let now):
            "\(at.iso8601) is in the future (now is \(now.iso8601)): record what has happened"
        case .timesOutOfOrder(let detail):
            "times out of order: \(detail)"
        case .sameSeverity(let level):
            "the incident is already \(level.label)"
        case .downgradeNeedsReason(let from, let to):
            "a downgrade from \(from.label) to \(to.label) needs a reason"
        case .alreadyHolds(let person, let role):
            "\(person) already holds \(role.title)"
        case .personIsARole(let person, let role, let named):
            "'\(person)' names a role (\(named.title)), not a person: give who takes \(role.title) after the role "
                + "(\(role.short) dana); nothing was recorded"
        case .hypothesisNotOpen(let number, let state):
            "hypothesis #\(number) is already \(state.rawValue)"
        case .alreadyExtended(let number):
            "hypothesis #\(number) was already extended once: pivot (rule it out) or escalate"
        case .sameStatus(let status):
            "the incident is already \(status.rawValue)"
        case .invalidTransition(let from, let to, let allowed):
            "cannot go from \(from.rawValue) to \(to.rawValue): from \(from.rawValue) use "
                + (allowed.isEmpty ? "nothing" : allowed.map(\.rawValue).joined(separator: ", "))
                + (to == .identified && from > .identified ? " (to record a root cause, confirm a hypothesis)" : "")
        case .alreadyInvestigating:
            "the incident is already investigating: there is nothing to reopen"
        case .monitoringWindow(let required, let elapsed):
            (elapsed.map { "only \($0.compact) of the \(required.compact) monitoring window has passed" }
                ?? "the incident has not been monitored (\(required.compact) required)")
                + ": wait, or force it with a reason"
        case .overrideNeedsReason:
            "an override needs a reason"
        case .postmortemNotFinal(let status):
            status.map { "closing needs the post-mortem marked final (it is \($0.rawValue)): mark it with "
                + "`warroom postmortem status final`" }
                ?? "closing needs the post-mortem marked final; it has no status yet: mark it with "
                + "`warroom postmortem status final`"
        case .incidentClosed:
            "the incident is closed: reopen it first"
        case .entryRetracted:
            "that entry was already retracted: it can be neither amended nor retracted again (record a new entry instead)"
        case .emptyImpact:
            "the impact report says nothing: give users affected or a flag"
        case .unknownPriority(let text):
            "unknown priority '\(text)': use \(Choices.list(ActionPriority.names))"
        case .unknownActionItem(let number, let valid):
            valid.isEmpty ? "no action item \(number): none is open"
                : "no open action item \(number): open ones are \(valid.map(String.init).joined(separator: ", "))"
        case .actionItemAlreadyDone(let number):
            "action item \(number) is already done"
        case .tooManyWhys:
            "the 5 whys are complete: amend the post-mortem's what-happened section instead"
        case .invalidDate(let text):
            "cannot read the date '\(text)': use YYYY-MM-DD, or +Nd for N days from today (at most ten years ahead)"
        case .timeOutOfRange(let detail):
            detail
        case .negativeTickets(let count):
            "support tickets must be 0 or more, not \(count)"
        case .noFacts:
            "no fact given: give the service, when impact started, or when it was detected"
        case .factsUnchanged(let detail):
            "nothing to correct: \(detail)"
        case .noSuchActionItem(let number, let count):
            count == 0 ? "no action item \(number): this incident has none yet"
                : "no action item \(number): this incident has \(count == 1 ? "only 1" : "1…\(count)")"
        case .actionItemAlreadyInStatus(let number, let status):
            "action item \(number) is already \(status.label.lowercased())"
        case .dropNeedsReason(let number):
            "dropping action item \(number) needs a reason (--reason \"…\"): the post-mortem shows why it was dropped"
        case .dueDateInPast(let due, let today):
            "the due date \(due.dateOnly) is before today (\(today.dateOnly), UTC): give a later date, "
                + "or add --force to record it anyway"
        case .actionItemUnchanged(let number):
            "that changes nothing: action item \(number) already has those values (give a new --text, --owner, --priority or --due)"
        case .unknownWhy(let number, let count):
            count == 0 ? "no why #\(number): none of the 5 whys is written yet"
                : "no why #\(number): the whys written are 1…\(count)"
        case .whyUnchanged(let number):
            "why #\(number) already says that"
        case .dueDateOutOfRange(let due, let latest):
            "the due date \(due.dateOnly) is out of range: give a date from 1970-01-01 to \(latest.dateOnly)"
        case .alertAlreadyRecorded(let id):
            "\(id) already records this alert (same key): a second delivery is not recorded again"
        case .invalidCauseTag(let text, let problem, let suggestion):
            "cause tag '\(text)': \(problem)" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .causeTagPresent(let tag):
            "the incident is already tagged '\(tag)'"
        case .causeTagAbsent(let tag, let current):
            "the incident is not tagged '\(tag)'" + (current.isEmpty ? ": it has no cause tag"
                : Suggestion.didYouMean(tag, among: current) + "; its tags: " + current.joined(separator: ", "))
        case .tooManyCauseTags(let limit):
            "the incident has \(limit) cause tags already, the most it may carry: remove one first"
        case .newCauseTagNearOld(let tag, let known, let force):
            "no incident is tagged '\(tag)' yet, but others are tagged '\(known)': did you mean '\(known)'? "
                + "Nothing was recorded; to record '\(tag)' as a new tag, \(force)"
        case .unknownLinkKind(let text):
            "'\(text)' is not a kind of link" + Suggestion.didYouMean(text, among: LinkKind.allCases.map(\.rawValue))
                + ": use \(LinkKind.usage) (parent: the other incident coordinates this one)"
        case .linkToSelf(let id):
            "\(id) cannot be linked to itself: name the other incident"
        case .linkPresent(let other, let phrase):
            "this incident is already linked as \(phrase) \(other)"
        case .linkAbsent(let other, let current):
            "this incident has no link to \(other)" + (current.isEmpty ? ": it links no incident"
                : Suggestion.didYouMean(other, among: current) + "; it links " + current.joined(separator: ", "))
        case .secondParent(let child, let parent):
            "\(child) is a child of \(parent) already: an incident has one parent; take that link off first"
        case .secondOriginal(let original):
            "this incident is a duplicate of \(original) already: take that link off first"
        case .linkLoop(let reason):
            reason + "; nothing was recorded"
        case .linkKnownOnOther(let other, let phrase):
            "\(other) already records this incident as \(phrase) \(other); nothing was recorded"
        case .duplicateOfDuplicate(let other, let original):
            "\(other) is itself a duplicate of \(original): link \(original), the incident being worked"
        case .linkOnOtherEnd(let other, let phrase, let this):
            "the link (this incident is \(phrase) \(other)) is recorded on \(other): take it off there, with "
                + "/link -\(this) in its war room or `warroom link \(this) --remove --incident \(other)`; nothing was changed"
        case .tooManyLinks(let limit):
            "the incident links \(limit) incidents already, the most it may: take one off first"
        case .unknownLinkTarget(let id, let known):
            "no incident \(id) in the store" + (known.isEmpty ? "" : Suggestion.didYouMean(id, among: known))
                + "; nothing was recorded"
        case .unknownPage:
            "this incident has no such page: /ack #N names a page's timeline number; nothing was recorded"
        case .pageAlreadyAcknowledged(let person):
            "that page was acknowledged already, by \(person); nothing was recorded"
        case .pageAlreadyEscalated:
            "that page was escalated or answered already; nothing was recorded"
        case .badRunbookName(let name):
            "'\(name.prefix(80))' is not a runbook's name (a file name without .md, at most \(RunbookUse.nameLimit) characters, "
                + "no '/' or control characters); nothing was recorded"
        case .runbookAlreadyLinked(let name):
            "runbook \(name) is linked to this incident already; nothing was recorded"
        case .badDrillMark(let problem):
            "\(problem); nothing was recorded"
        }
    }
}
