import WarRoomCore

/// One `/command` of the input line. The table of them drives parsing, the help screen and
/// tab completion, so the three never disagree.
public struct SlashCommand: Sendable {
    public var name: String
    public var aliases: [String]
    /// Arguments, as shown in help: `N REASON…`.
    public var usage: String
    public var summary: String
    /// What the arguments complete to.
    public var completes: Completion
    let parse: @Sendable (_ args: [String], _ forced: Bool, _ context: InputContext) throws(InputError) -> InputAction

    /// What Tab offers after the command name.
    public enum Completion: Sendable { case nothing, roles, people, hypotheses, statuses, audiences, notifyTargets, entries }
}

/// What a parser may consult: the state (hypothesis numbers) and the clock (typed times).
public struct InputContext: Sendable {
    public var state: IncidentState
    public var now: Timestamp
    public init(state: IncidentState, now: Timestamp) {
        self.state = state
        self.now = now
    }
}

public enum SlashCommands {
    /// Every command, in help order.
    public static let all: [SlashCommand] = [
        entry("note", "A plain note (the default for text without a command).", .note),
        entry("action", "Something someone did.", .action),
        entry("decision", "Something the IC decided.", .decision),
        entry("finding", "Something someone found out.", .finding),
        entry("comms", "Something said to people outside the room.", .comms),
        SlashCommand(name: "amend", aliases: [], usage: "N NEW TEXT…", summary: "Correct entry #N (Tab after the number puts its text in the line).",
                     completes: .entries) { args, _, context throws(InputError) in
            try EntryReference.amend(args, context: context)
        },
        SlashCommand(name: "retract", aliases: [], usage: "N REASON…", summary: "Withdraw entry #N; it stays in the record, marked, with the reason.",
                     completes: .entries) { args, _, context throws(InputError) in
            try EntryReference.retract(args, context: context)
        },
        SlashCommand(name: "sev", aliases: ["severity"], usage: "1-4 REASON…", summary: "Change severity (a downgrade needs a reason).",
                     completes: .nothing) { args, _, _ throws(InputError) in
            guard let first = args.first else { throw InputError("/sev needs a level: /sev 1 data corruption seen") }
            let level: Severity
            do { level = try Severity.parse(first) } catch { throw InputError("\(error)") }
            return .record(.setSeverity(level, reason: rest(args, from: 1)), at: nil)
        },
        SlashCommand(name: "role", aliases: [], usage: "\(Role.usage) NAME", summary: "Assign or hand off a role.",
                     completes: .roles) { args, _, _ throws(InputError) in
            guard args.count >= 2 else { throw InputError("/role needs a role and a name: /role ic alice") }
            // "Incident Commander alice": the longest title the first words spell, before a one-word role.
            if let (role, used) = Role.leading(args) {
                return .record(.assignRole(role, person: stripAt(rest(args, from: used) ?? "")), at: nil)
            }
            do { _ = try Role.parse(args[0]) } catch { throw InputError("\(error)") }
            throw InputError("\(CommandError.unknownRole(args[0]))")
        },
        SlashCommand(name: "hyp", aliases: ["hypothesis"], usage: "TEXT… [@OWNER] [15m]",
                     summary: "Open a hypothesis with a timebox (15m default).", completes: .people) { args, _, _ throws(InputError) in
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
        decision("confirm", [], "Confirm hypothesis N: the root cause is known.", .confirmed),
        decision("ruleout", ["rule-out", "pivot"], "Rule hypothesis N out and pivot.", .ruledOut),
        decision("extend", [], "Extend hypothesis N once [by a span: /extend 2 10m].", .extended),
        decision("escalate", [], "Escalate hypothesis N to the next tier.", .escalated),
        SlashCommand(name: "impact", aliases: [], usage: "[30%] [COUNT] [customer] [paying] [data] [security]",
                     summary: "Record impact; may upgrade severity.", completes: .nothing) { args, _, _ throws(InputError) in
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
        SlashCommand(name: "notify", aliases: [], usage: "WHO…", summary: "Record a notification (\"VP Eng + CTO\"; Tab offers who is owed one).",
                     completes: .notifyTargets) { args, _, _ throws(InputError) in
            guard let target = rest(args, from: 0) else {
                throw InputError("/notify needs who was told: /notify VP Eng + CTO (Tab after /notify offers who is owed a notification)")
            }
            // The completion offered for the root-cause escalation names no person: it is one.
            let escalation = target.lowercased() == nextTier
            return .record(.notify(target: target, kind: escalation ? .escalation : nil, tier: nil), at: nil)
        },
        SlashCommand(name: "page", aliases: [], usage: "WHO…", summary: "Record an escalation to the next tier.",
                     completes: .nothing) { args, _, _ throws(InputError) in
            guard let target = rest(args, from: 0) else { throw InputError("/page needs who was paged: /page on-call secondary") }
            return .record(.notify(target: target, kind: .escalation, tier: nil), at: nil)
        },
        // The facts a declaration may leave out, set or corrected at any time.
        SlashCommand(name: "service", aliases: [], usage: "NAME…", summary: "Set or correct the service or feature affected.",
                     completes: .nothing) { args, _, _ throws(InputError) in
            guard let name = rest(args, from: 0) else { throw InputError("/service needs the service or feature: /service checkout-api") }
            return .record(.setFacts(IncidentFacts(service: name)), at: nil)
        },
        SlashCommand(name: "started", aliases: [], usage: "TIME", summary: "Set or correct when user impact began (13:50, -20m).",
                     completes: .nothing) { args, _, context throws(InputError) in
            .record(.setFacts(IncidentFacts(impactStartedAt: try factTime(args, "started", context))), at: nil)
        },
        SlashCommand(name: "detected", aliases: [], usage: "TIME", summary: "Set or correct when the problem was detected (13:58).",
                     completes: .nothing) { args, _, context throws(InputError) in
            .record(.setFacts(IncidentFacts(detectedAt: try factTime(args, "detected", context))), at: nil)
        },
        SlashCommand(name: "update", aliases: [], usage: "[AUDIENCE:] [TEXT…]",
                     summary: "Draft the status update (edit, Ctrl-S posts); with AUDIENCE: TEXT, record what was sent.",
                     completes: .audiences) { args, _, _ throws(InputError) in
            try UpdateArguments.parse(args)
        },
        status("status", [], "STATUS [REASON…]", "Move the lifecycle; add ! to override a guard: /status! resolved why", nil),
        status("identified", [], "[REASON…]", "The root cause is known.", .status(.identified)),
        status("mitigating", [], "[REASON…]", "Mitigation under way.", .status(.mitigating)),
        status("mitigated", ["monitoring"], "[REASON…]", "Mitigation in place; monitoring starts.", .status(.monitoring)),
        status("resolve", ["resolved"], "[REASON…]", "Resolve (needs 15m monitoring, or /resolve! REASON).", .status(.resolved)),
        status("close", ["closed"], "", "Close (needs the post-mortem final).", .status(.closed)),
        status("reopen", [], "REASON…", "Back to investigating.", .reopen),
        SlashCommand(name: "filter", aliases: [], usage: "[kind:KIND] [TEXT…]", summary: "Show matching timeline rows; /filter alone clears.",
                     completes: .nothing) { args, _, context throws(InputError) in
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
        SlashCommand(name: "follow", aliases: ["newest"], usage: "", summary: "Jump to the newest entry and follow.",
                     completes: .nothing) { _, _, _ throws(InputError) in .follow },
        SlashCommand(name: "help", aliases: ["?"], usage: "", summary: "Every key and command.", completes: .nothing) { _, _, _ throws(InputError) in
            .showHelp
        },
        SlashCommand(name: "quit", aliases: ["q", "exit"], usage: "", summary: "Leave the war room (asks if text is unsent).",
                     completes: .nothing) { _, _, _ throws(InputError) in .quit },
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

    static func stripAt(_ name: String) -> String { name.hasPrefix("@") ? String(name.dropFirst()) : name }

    static func entry(_ name: String, _ summary: String, _ kind: EntryKind) -> SlashCommand {
        SlashCommand(name: name, aliases: [], usage: "TEXT…", summary: summary, completes: .nothing) { args, _, _ throws(InputError) in
            guard let text = rest(args, from: 0) else { throw InputError("/\(name) needs some text") }
            return .record(.log(Entry(kind: kind, text: text)), at: nil)
        }
    }

    static func decision(_ name: String, _ aliases: [String], _ summary: String, _ verdict: HypothesisVerdict) -> SlashCommand {
        SlashCommand(name: name, aliases: aliases, usage: verdict == .extended ? "N [SPAN]" : "N [NOTE…]", summary: summary,
                     completes: .hypotheses) { args, _, context throws(InputError) in
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

    static func status(_ name: String, _ aliases: [String], _ usage: String, _ summary: String, _ target: StatusTarget?) -> SlashCommand {
        SlashCommand(name: name, aliases: aliases, usage: usage, summary: summary,
                     completes: target == nil ? .statuses : .nothing) { args, forced, _ throws(InputError) in
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
