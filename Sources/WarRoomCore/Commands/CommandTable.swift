/// Every command, as the war room's input line and the `warroom` executable take it. The slash
/// parser's names and usage, the F1 help, Tab completion and every subcommand's help come from
/// here; a `/command` and a subcommand that record the same `Command` share a row.
public enum CommandTable {
    /// Every row: the `/commands` in help order, then the subcommands only the executable has.
    public static let all: [CommandDescription] = slashRows + cliRows

    /// The rows that have a `/command`, in help order.
    public static let slashCommands: [SlashForm] = all.compactMap(\.slash)

    /// The rows that have a subcommand of `warroom` (ArgumentParser reads each configuration
    /// many times a run: the list is made once).
    public static let cliCommands: [CLIForm] = all.compactMap(\.cli)

    /// The `/command` named `name` (not an alias).
    public static func slash(_ name: String) -> SlashForm? { slashCommands.first { $0.name == name } }

    /// The subcommand at `path` (`hypothesis confirm`).
    public static func cli(_ path: String) -> CLIForm? { cliCommands.first { $0.path == path } }

    static let slashRows: [CommandDescription] = [
        .slash("note", [], [.init(.text)], "A plain note (the default for text without a command)."),
        .slash("action", [], [.init(.text)], "Something someone did."),
        .slash("decision", [], [.init(.text)], "Something the IC decided."),
        .slash("finding", [], [.init(.text)], "Something someone found out."),
        .slash("comms", [], [.init(.text)], "Something said to people outside the room."),
        .slash("amend", [], [.init(.entryNumber), .init(.text, "NEW TEXT…")],
               "Correct entry #N (Tab after the number puts its text in the line).",
               cli: .command("amend", "Correct an entry's text; the earlier text stays in the record.", discussion: """
                   N is the entry's number as `warroom log` prints it and `warroom timeline` shows it: 7, #7, \
                   INC-1#7 or "INC-1 #7". The timeline then shows the new text, marked (amended).
                   """)),
        .slash("retract", [], [.init(.entryNumber), .init(.text, "REASON…")],
               "Withdraw entry #N; it stays in the record, marked, with the reason.",
               cli: .command("retract", "Retract an entry that was wrong; it stays in the timeline, marked, with the reason.",
                             discussion: "N is the entry's number as `warroom log` prints it: 7, #7, INC-1#7 or \"INC-1 #7\".")),
        .slash("sev", ["severity"], [.init(.severity), .init(.text, "REASON…")], "Change severity (a downgrade needs a reason).",
               cli: .command("severity", "Change the severity (a downgrade needs --reason).")),
        .slash("role", [], [.init(.role), .init(.person)], "Assign or hand off a role.",
               cli: .command("role assign", "Give a role to someone; if someone held it, this is a handoff.",
                             discussion: "Roles: " + Role.allCases.map(\.choice).joined(separator: ", ") + ".")),
        .slash("hyp", ["hypothesis"], [.init(.text), .init(.person, "@OWNER", optional: true), .init(.span, "15m", optional: true)],
               "Open a hypothesis with a timebox (15m default).",
               cli: .command("hypothesis add", "Open a hypothesis with a timebox (default 15m).")),
        .slash("confirm", [], [.init(.hypothesisNumber), .init(.text, "NOTE…", optional: true)],
               "Confirm hypothesis N: the root cause is known.",
               cli: .command("hypothesis confirm",
                             "Confirm a hypothesis: the root cause is known (marks the incident identified while investigating).")),
        .slash("ruleout", ["rule-out", "pivot"], [.init(.hypothesisNumber), .init(.text, "NOTE…", optional: true)],
               "Rule hypothesis N out and pivot.",
               cli: .command("hypothesis rule-out", "Rule a hypothesis out (pivot).")),
        .slash("extend", [], [.init(.hypothesisNumber), .init(.span, optional: true)],
               "Extend hypothesis N once [by a span: /extend 2 10m].",
               cli: .command("hypothesis extend", "Extend a hypothesis's timebox, once.")),
        .slash("escalate", [], [.init(.hypothesisNumber), .init(.text, "NOTE…", optional: true)],
               "Escalate hypothesis N to the next tier.",
               cli: .command("hypothesis escalate", "Escalate a hypothesis to the next tier.")),
        .slash("impact", [], ["30%", "COUNT", "customer", "paying", "data", "security"].map { .init(.impact, $0, optional: true) },
               "Record impact; may upgrade severity.",
               cli: .command("impact", "Record what is known of the impact; may upgrade the severity automatically.", discussion: """
                   Automatic upgrades: data integrity or security → SEV1; customer-reported on paying accounts → at \
                   least SEV2; users affected doubled since the last classification → one level up.
                   """)),
        .slash("notify", [], [.init(.notifyTarget)], "Record a notification (\"VP Eng + CTO\"; Tab offers who is owed one).",
               cli: .command("notify", "Record an escalation or a notification (e.g. \"VP Eng + CTO\").", discussion: """
                   A target named in the severity matrix discharges that level's notification. Past the root-cause \
                   deadline, or with --escalation, it counts as the escalation to the next tier.
                   """)),
        .slash("page", [], [.init(.text, "WHO…")],
               "Page the next tier (/page, /page secondary, /page 2, /page bob: the on-call file says who; /page! TEXT as typed)."),
        .slash("ack", [], [.init(.text, "[#N] [WHO]")], "Record that a page was acknowledged (the latest waiting, #N, or the one to WHO)."),
        .slash("cause", [], [.init(.causeTag)],
               "Tag the root cause (Tab offers tags in use; /cause -TAG takes one off, /cause! TAG insists on a new one).",
               cli: .command("postmortem cause", "Tag the root cause (config-push, db/replica-lag); none: list the tags.", discussion: """
                   A tag is one word: lowercase letters, digits and - . / _. An incident that shares a tag (or an alert) with \
                   an earlier one whose action items were not done when it began is a repeat: the war room, the post-mortem \
                   and `warroom report` say so. A new tag one or two letters from one in use is refused as a likely typo \
                   unless --new is given.
                   """)),
        .slash("link", [], [.init(.linkTarget), .init(.linkKind)],
               "Link another incident; KIND: related, duplicate, caused-by, parent (it coordinates this one) or child. /link -INC-4 takes a link off.",
               cli: .command("link", "Link another incident: related, a duplicate, caused by it, its parent or its child; none: list the links.",
                             discussion: """
                   KIND says what the other incident is to this one: related; duplicate (this incident reports what the \
                   other already does); caused-by; parent (the other coordinates this one, for several teams at once); \
                   child. A second parent, a loop of parents, or a link the other incident already records is refused. \
                   With no INCIDENT, prints every link of this incident, from either end, with each other incident's \
                   severity, status and next update; a parent's war room shows its children the same way.
                   """)),
        .slash("runbook", ["runbooks"], [.init(.runbook, optional: true)],
               "Open the runbook view (F2): the runbooks that answer this incident; /runbook NAME links another and opens it."),
        .slash("incidents", [], [], "Leave for the list of every open incident (Enter opens one; leaving its war room comes back)."),
        .slash("search", [], [.init(.text, "WORDS…")], "Search every incident's record, best match first (Esc closes)."),
        // Incidents alerts proposed (the alerts strip shows the waiting ones).
        .slash("accept", [], [.init(.text, "P2")], "Declare proposal P2 (from alerts) as a new incident, without an IC yet."),
        .slash("dismiss", [], [.init(.text, "P2"), .init(.text, "REASON…")], "Record that proposal P2 is not an incident, and why."),
        // The facts a declaration may leave out, set or corrected at any time.
        .slash("service", [], [.init(.text, "NAME…")], "Set or correct the service or feature affected.",
               cli: .command("service", "Set or correct the service or feature affected.",
                             discussion: "Drafts and the post-mortem use it in place of [service or feature affected].")),
        .slash("started", [], [.init(.time)], "Set or correct when user impact began (13:50, -20m).",
               cli: .command("started", "Set or correct when user impact began (time to detect starts here).",
                             discussion: "TIME: \(TimeExpression.formats). It must be at or before the detection time.")),
        .slash("detected", [], [.init(.time)], "Set or correct when the problem was detected (13:58).",
               cli: .command("detected", "Set or correct when the problem was detected (T+ and response times count from it).",
                             discussion: "TIME: \(TimeExpression.formats). It must be at or before the declaration.")),
        .slash("update", [], [.init(.audience, optional: true), .init(.text, optional: true)],
               "Draft the status update (edit, Ctrl-S posts); with AUDIENCE: TEXT, record what was sent.",
               cli: .command("update", "Draft the status update owed now; --post records it and restarts the countdown.", discussion: """
                   The initial notification if none was posted yet, a status update otherwise, the resolved message \
                   after resolution, for one audience. --post records the draft (or --text, what was actually sent), \
                   saves a copy beside the store and prints it.
                   """)),
        .slash("status", [], [.init(.status), .init(.text, "REASON…", optional: true)],
               "Move the lifecycle; add ! to override a guard: /status! resolved why",
               cli: .command("status", "Move the lifecycle: " + IncidentStatus.choices + ".", discussion: """
                   Forward skips are allowed. Resolving needs 15 minutes in monitoring, or --force --reason. \
                   Closing needs the post-mortem marked final (`warroom postmortem status final`).
                   """)),
        .slash("identified", [], [.init(.text, "REASON…", optional: true)], "The root cause is known."),
        .slash("mitigating", [], [.init(.text, "REASON…", optional: true)], "Mitigation under way."),
        .slash("mitigated", ["monitoring"], [.init(.text, "REASON…", optional: true)], "Mitigation in place; monitoring starts."),
        .slash("resolve", ["resolved"], [.init(.text, "REASON…", optional: true)], "Resolve (needs 15m monitoring, or /resolve! REASON)."),
        .slash("close", ["closed"], [], "Close (needs the post-mortem final)."),
        .slash("reopen", [], [.init(.text, "REASON…")], "Back to investigating."),
        .slash("filter", [], [.init(.entryKind, optional: true), .init(.text, optional: true)],
               "Show matching timeline rows; /filter alone clears."),
        .slash("follow", ["newest"], [], "Jump to the newest entry and follow."),
        .slash("help", ["?"], [], "Every key and command."),
        .slash("quit", ["q", "exit"], [], "Leave the war room (asks if text is unsent)."),
    ]
}
