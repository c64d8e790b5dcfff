import WarRoomCore

/// One `/command` of the input line: its row in `CommandTable` (name, aliases, usage, summary,
/// what Tab offers) and its parser. Parsing, the help screen and tab completion all read it, so
/// the three never disagree.
public struct SlashCommand: Sendable {
    /// The command's row in the table.
    public var form: SlashForm
    let parse: @Sendable (_ args: [String], _ forced: Bool, _ context: InputContext) throws(InputError) -> InputAction

    public var name: String { form.name }
    public var aliases: [String] { form.aliases }
    /// Arguments, as shown in help: `N REASON…`.
    public var usage: String { form.usage }
    public var summary: String { form.summary }
    /// What the arguments complete to.
    public var completes: Completion { form.completion }

    /// What Tab offers after the command name.
    public typealias Completion = CommandCompletion

    /// The command `name` of `CommandTable`, read by `parse`. A name without a row gets no usage
    /// and no summary, which `CommandTableTests` refuses.
    init(_ name: String,
         parse: @escaping @Sendable (_ args: [String], _ forced: Bool, _ context: InputContext) throws(InputError) -> InputAction) {
        form = CommandTable.slash(name) ?? SlashForm(name: name, aliases: [], summary: "", arguments: [])
        self.parse = parse
    }
}

/// What a parser may consult: the state (hypothesis numbers), the clock (typed times) and the
/// proposals waiting in the store's inbox.
public struct InputContext: Sendable {
    public var state: IncidentState
    public var now: Timestamp
    public var proposals: [Proposal]
    /// The cause tags other incidents carry: a new tag close to one of them is a likely typo.
    public var knownCauses: [String]
    /// The links between incidents and the incidents in the store, once looked up (nil before:
    /// `/link` then waits for them rather than record an id no one checked).
    public var links: LinkFacts?
    /// The on-call schedules and escalation policy, when there is an on-call file: `/page` then
    /// resolves to a person.
    public var onCall: OnCallRoster?
    /// The team's runbooks, when a folder is configured: `/runbook NAME` names one of them.
    public var runbooks: RunbookLibrary?
    public init(state: IncidentState, now: Timestamp, proposals: [Proposal] = [], knownCauses: [String] = [],
                links: LinkFacts? = nil, onCall: OnCallRoster? = nil, runbooks: RunbookLibrary? = nil) {
        self.runbooks = runbooks
        self.state = state
        self.now = now
        self.proposals = proposals
        self.knownCauses = knownCauses
        self.links = links
        self.onCall = onCall
    }
}

extension SlashCommands {
    /// `/runbook` (the view on the runbooks that answer the incident), `/runbook NAME` (that one,
    /// linked to the incident): a name of the folder (any case, `.md` or a `runbook_url` naming
    /// it), else refused with the nearest names.
    static func runbook(_ args: [String], context: InputContext) throws(InputError) -> InputAction {
        guard let typed = rest(args, from: 0) else { return .openRunbook(nil) }
        guard let library = context.runbooks else {
            throw InputError("/runbook \(typed): there is no runbook folder; write runbooks = \"PATH\" in the config file")
        }
        let name = RunbookLibrary.linkedName(typed) ?? typed
        guard let runbook = library.named(name) else {
            let names = library.names
            let list = names.isEmpty ? "the folder has none" : "Tab offers the \(names.count) in the folder"
            throw InputError("/runbook: no runbook '\(name)'" + Suggestion.didYouMean(name, among: names) + "; \(list)")
        }
        return .openRunbook(runbook.name)
    }
}

public enum SlashCommands {
    /// Every command, in help order.
    public static let all: [SlashCommand] = [
        entry("note", .note),
        entry("action", .action),
        entry("decision", .decision),
        entry("finding", .finding),
        entry("comms", .comms),
        SlashCommand("amend") { args, _, context throws(InputError) in
            try EntryReference.amend(args, context: context)
        },
        SlashCommand("retract") { args, _, context throws(InputError) in
            try EntryReference.retract(args, context: context)
        },
        SlashCommand("sev") { args, _, _ throws(InputError) in
            guard let first = args.first else { throw InputError("/sev needs a level: /sev 1 data corruption seen") }
            let level: Severity
            do { level = try Severity.parse(first) } catch { throw InputError("\(error)") }
            return .record(.setSeverity(level, reason: rest(args, from: 1)), at: nil)
        },
        SlashCommand("role") { args, _, _ throws(InputError) in
            guard args.count >= 2 else { throw InputError("/role needs a role and a name: /role ic alice") }
            // "Incident Commander alice": the longest title the first words spell, before a one-word role.
            if let (role, used) = Role.leading(args) {
                return .record(.assignRole(role, person: stripAt(rest(args, from: used) ?? "")), at: nil)
            }
            throw InputError("\(CommandError.unknownRole(args[0]))")
        },
        SlashCommand("hyp") { args, _, _ throws(InputError) in
            var words = args, owner: String?, timebox: TimeSpan?
            if let last = words.last, words.count > 1, last.first?.isNumber == true, let span = TimeSpan.parse(last) {
                timebox = span; words.removeLast()
            }
            if let index = words.lastIndex(where: { $0.hasPrefix("@") && $0.count > 1 }) {
                owner = String(words[index].dropFirst()); words.remove(at: index)
            }
            guard !words.isEmpty else { throw InputError("/hyp needs the hypothesis: /hyp bad config deploy @bob 15m") }
            return .record(.openHypothesis(text: words.joined(separator: " "), owner: owner, timebox: timebox), at: nil)
        },
        decision("confirm", .confirmed),
        decision("ruleout", .ruledOut),
        decision("extend", .extended),
        decision("escalate", .escalated),
        SlashCommand("impact") { args, _, _ throws(InputError) in
            var report = ImpactReport()
            for word in args {
                let lower = word.lowercased()
                if lower.hasSuffix("%"), let value = Double(lower.dropLast()) { report.usersAffectedPercent = value }
                else if let count = Int(lower) { report.usersAffectedCount = count }
                else if lower.hasPrefix("customer") { report.customerReported = true }
                else if lower.hasPrefix("paying") { report.payingAccounts = true }
                else if lower.hasPrefix("data") { report.dataIntegrity = true }
                else if lower.hasPrefix("secur") { report.securityBreach = true }
                else { throw InputError("/impact does not know '\(word)': use 30%, a count, customer, paying, data or security") }
            }
            return .record(.recordImpact(report), at: nil)
        },
        SlashCommand("notify") { args, _, _ throws(InputError) in
            guard let target = rest(args, from: 0) else {
                throw InputError("/notify needs who was told: /notify VP Eng + CTO (Tab after /notify offers who is owed a notification)")
            }
            // The completion offered for the root-cause escalation names no person: it is one.
            let escalation = target.lowercased() == nextTier
            return .record(.notify(target: target, kind: escalation ? .escalation : nil, tier: nil), at: nil)
        },
        SlashCommand("page") { args, forced, context throws(InputError) in
            try page(args, forced: forced, context: context)
        },
        SlashCommand("ack") { args, _, context throws(InputError) in
            try acknowledge(args, context: context)
        },
        SlashCommand("cause") { args, forced, context throws(InputError) in
            try cause(args, forced: forced, context: context)
        },
        SlashCommand("link") { args, _, context throws(InputError) in
            try link(args, context: context)
        },
        SlashCommand("runbook") { args, _, context throws(InputError) in
            try runbook(args, context: context)
        },
        SlashCommand("incidents") { _, _, _ throws(InputError) in .showIncidents },
        SlashCommand("search") { args, _, _ throws(InputError) in
            let query = SearchQuery(rest(args, from: 0) ?? "")
            guard !query.isEmpty else {
                throw InputError("/search needs words to find: /search connection reset, or a phrase: /search \"replica lag\"")
            }
            return .search(query)
        },
        SlashCommand("accept") { args, _, context throws(InputError) in
            .decideProposal(.accept(try proposal(args, "accept", context)))
        },
        SlashCommand("dismiss") { args, _, context throws(InputError) in
            let label = try proposal(args, "dismiss", context)
            guard let reason = rest(args, from: 1) else {
                throw InputError("/dismiss \(label) needs a reason: /dismiss \(label) flapping disk alert, not user-facing (it is kept in the record)")
            }
            return .decideProposal(.dismiss(label, reason: reason))
        },
        // The facts a declaration may leave out, set or corrected at any time.
        SlashCommand("service") { args, _, _ throws(InputError) in
            guard let name = rest(args, from: 0) else { throw InputError("/service needs the service or feature: /service checkout-api") }
            return .record(.setFacts(IncidentFacts(service: name)), at: nil)
        },
        SlashCommand("started") { args, _, context throws(InputError) in
            .record(.setFacts(IncidentFacts(impactStartedAt: try factTime(args, "started", context))), at: nil)
        },
        SlashCommand("detected") { args, _, context throws(InputError) in
            .record(.setFacts(IncidentFacts(detectedAt: try factTime(args, "detected", context))), at: nil)
        },
        SlashCommand("update") { args, _, _ throws(InputError) in
            try UpdateArguments.parse(args)
        },
        status("status", nil),
        status("identified", .status(.identified)),
        status("mitigating", .status(.mitigating)),
        status("mitigated", .status(.monitoring)),
        status("resolve", .status(.resolved)),
        status("close", .status(.closed)),
        status("reopen", .reopen),
        SlashCommand("filter") { args, _, context throws(InputError) in
            // `/filter /mitigating …` (the `/` key opened the filter, the person typed a command):
            // the command is run, or refused as that command, and never becomes a filter.
            if let first = args.first, first.hasPrefix("/") {
                return try parse(args.joined(separator: " "), context: context)
            }
            var kind: TimelineItem.Kind?, words: [String] = []
            for word in args {
                if word.lowercased().hasPrefix("kind:") {
                    let name = String(word.dropFirst(5)).lowercased()
                    guard let parsed = TimelineItem.Kind(rawValue: name) else {
                        throw InputError("unknown kind '\(name)': use \(TimelineItem.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    kind = parsed
                } else { words.append(word) }
            }
            let text = try filterText(words)
            return .filter(kind == nil && text == nil ? nil : TimelineFilter(text: text, kind: kind))
        },
        SlashCommand("follow") { _, _, _ throws(InputError) in .follow },
        SlashCommand("help") { _, _, _ throws(InputError) in
            .showHelp
        },
        SlashCommand("quit") { _, _, _ throws(InputError) in .quit },
    ]

    /// The command a name or alias means.
    public static func named(_ name: String) -> SlashCommand? {
        let key = name.lowercased()
        return all.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// Understands one submitted line. Plain text is a note; a leading `HH:MM` or `HH:MM:SS`
    /// backdates whatever follows; a line with a newline (a paste) is always one entry.
    public static func parse(_ line: String, context: InputContext) throws(InputError) -> InputAction {
        var body = Substring(line)
        var at: Timestamp?
        if let space = body.firstIndex(of: " "), let clock = TimeExpression.wallClock(body[..<space]) {
            do {
                at = try TimeExpression.clockTime(clock, typed: String(body[..<space]), now: context.now)
            } catch {
                throw InputError(error.description)
            }
            body = body[body.index(after: space)...]
        }
        let text = String(body)
        guard !text.allSatisfy(\.isWhitespace) else { throw InputError("nothing to record: type an entry, or /help") }
        guard text.hasPrefix("/"), !text.contains("\n") || isAmend(text) else {
            return .record(.log(Entry(kind: .note, text: text)), at: at)
        }
        var words = text.dropFirst().split(separator: " ").map(String.init)
        guard var name = words.first?.lowercased(), name != "!" else { throw InputError("a lone / is not a command: type /help") }
        words.removeFirst()
        let forced = name.hasSuffix("!")
        if forced { name.removeLast() }
        guard let command = named(name) else {
            // The one did-you-mean first (`/mitigatign` → /mitigating); else the commands sharing its first two letters.
            let names = all.flatMap { [$0.name] + $0.aliases }
            let close = Suggestion.closest(to: name, among: names).flatMap(named).map { ["/" + $0.name] }
                ?? all.filter { $0.name.hasPrefix(String(name.prefix(2))) }.map { "/" + $0.name }
            throw InputError("unknown command /\(name)" + (close.isEmpty ? ": type /help for the list" : ": did you mean \(close.joined(separator: ", "))?"))
        }
        let action = try command.parse(words, forced, context)
        if case .record(let recorded, _) = action { return .record(recorded, at: at) }
        return action
    }

    // MARK: - Builders

    static func rest(_ args: [String], from index: Int) -> String? {
        guard args.count > index else { return nil }
        let text = args[index...].joined(separator: " ")
        return text.isEmpty ? nil : text
    }

    /// The one time `/started` and `/detected` take, read against the war room's clock.
    static func factTime(_ args: [String], _ name: String, _ context: InputContext) throws(InputError) -> Timestamp {
        guard args.count == 1, let text = args.first else {
            throw InputError("/\(name) needs one time: /\(name) 13:50 (\(TimeExpression.formats))")
        }
        do { return try TimeExpression.parse(text, now: context.now) } catch { throw InputError("\(error)") }
    }

    /// The waiting proposal the first word names (`P2`, `p2`, `2`), as its label: refused with
    /// the waiting ones when it names none of them.
    static func proposal(_ args: [String], _ name: String, _ context: InputContext) throws(InputError) -> String {
        let waiting = context.proposals.filter(\.isOpen).map(\.label)
        let list = waiting.isEmpty ? "no proposal is waiting (alerts propose incidents: warroom proposals --all lists past ones)"
            : "waiting: " + waiting.joined(separator: ", ")
        guard let first = args.first else { throw InputError("/\(name) needs a proposal: /\(name) \(waiting.first ?? "P1") — \(list)") }
        guard let number = ProposalInbox.number(first) else { throw InputError("'\(first)' is not a proposal (P2, or 2) — \(list)") }
        let label = Proposal.label(number)
        guard waiting.contains(label) else { throw InputError("\(label) is not waiting — \(list)") }
        return label
    }

    static func stripAt(_ name: String) -> String { name.hasPrefix("@") ? String(name.dropFirst()) : name }

    static func entry(_ name: String, _ kind: EntryKind) -> SlashCommand {
        SlashCommand(name) { args, _, _ throws(InputError) in
            guard let text = rest(args, from: 0) else { throw InputError("/\(name) needs some text") }
            return .record(.log(Entry(kind: kind, text: text)), at: nil)
        }
    }

    static func decision(_ name: String, _ verdict: HypothesisVerdict) -> SlashCommand {
        SlashCommand(name) { args, _, context throws(InputError) in
            guard let first = args.first, let number = Int(first.hasPrefix("#") ? String(first.dropFirst()) : first), number > 0 else {
                let open = context.state.hypotheses.filter(\.isUndecided).map { "#\($0.number)" }
                throw InputError("/\(name) needs a hypothesis number" + (open.isEmpty ? ": none is open" : ": open ones are \(open.joined(separator: ", "))"))
            }
            var span: TimeSpan?
            var note = rest(args, from: 1)
            if verdict == .extended, let text = note {
                guard let parsed = TimeSpan.parse(text) else { throw InputError("/extend takes a span such as 10m, not '\(text)'") }
                span = parsed; note = nil
            }
            return .record(.decideHypothesis(number: number, verdict: verdict, extendedBy: span, note: note, markIdentified: true), at: nil)
        }
    }

    static func status(_ name: String, _ target: StatusTarget?) -> SlashCommand {
        SlashCommand(name) { args, forced, _ throws(InputError) in
            var words = args
            let destination: StatusTarget
            if let target { destination = target } else {
                guard let first = words.first else { throw InputError("/status needs a status: \(IncidentStatus.choices)") }
                do { destination = try StatusTarget.parse(first) } catch { throw InputError("\(error)") }
                words.removeFirst()
            }
            return .record(.setStatus(destination, reason: rest(words, from: 0), force: forced), at: nil)
        }
    }
}
