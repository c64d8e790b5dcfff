extension CommandTable {
    /// The subcommands only the executable has: the screen, reading and writing the record in a
    /// shell, the post-mortem and action items, and the groups that hold subcommands.
    static let cliRows: [CommandDescription] = [
        .cli("open", "Open the war room on an incident (the default when no subcommand is given).", discussion: """
            With no open incident, asks for a title and a severity (then, each skippable, the service, when \
            impact started, when it was detected, and the Incident Commander: you unless you say otherwise) \
            and declares one. With --read-only it does not: it says there is no open incident and exits 1.
            """),
        .cli("demo", "Open a realistic, already-running demo incident in a temporary store, for a first look."),
        .cli("share", "Start (or join) a tmux session running the war room, and print how watchers attach read-only."),
        .cli("declare", "Declare a new incident and print its id.", discussion: """
            You become the Incident Commander unless you name someone else (--ic NAME) or nobody yet \
            (--no-ic). Service, impact start and detection time can be given now or set later with \
            `warroom service`, `warroom started` and `warroom detected`.
            """),
        .cli("log", "Write an entry into the timeline.", discussion: """
            Words are joined with spaces: `warroom log rolled back to v41 --kind action`. With --each-line, \
            every line of standard input becomes its own entry, each committed before the next line is read.
            """),
        .cli("exec", "Run a command and record it as an action entry: its status, duration and an output digest.",
             discussion: """
            `warroom exec [--incident ID] -- CMD ARGS…` runs CMD with its output passed through unchanged (on a terminal \
            it runs on a pseudo-terminal, so colours and prompts work and Ctrl-C reaches it), then records an action \
            entry: the command, its exit status (or the signal that ended it), how long it took, how many bytes and \
            lines it printed, and its first and last 5 lines made inert (escape sequences dropped, other controls shown). \
            A command that cannot be started is recorded too (exit 127, not found). --save-output keeps the whole output \
            beside the store (outputs/, mode 0600, never over an earlier file) and records where. The entry is printed \
            on stderr, so stdout carries only the command's output; warroom exits with the command's status (128+N when \
            signal N ended it), and signals sent to warroom are passed on to the command. Every word after `--` (or \
            from the first word that is not an option of exec's) is the command's, never warroom's.
            """),
        .cli("role", "Assign or hand off an incident role."),
        .cli("hypothesis", "Open a timeboxed hypothesis, or decide one."),
        .cli("postmortem", "Write the blameless post-mortem: sections, impact, factors, the 5 whys, action items, status."),
        .cli("postmortem set", "Write a section: " + Choices.list(PostmortemSection.names) + " (replaces it)."),
        .cli("postmortem impact", "Record the impact figures of the post-mortem."),
        .cli("postmortem factor", "Write a contributing factor: " + Choices.list(FactorLevel.names) + "."),
        .cli("postmortem why", "Append the next answer of the 5 whys, or correct one with --amend N."),
        .cli("postmortem action", "Add follow-up action items; list them with the ones proposed by TODO: entries."),
        .cli("postmortem action add", "Add an action item (--todo N turns the N-th proposed TODO: entry into one)."),
        .cli("postmortem action edit", "Change an action item's text, owner, priority or due date: INC-3:2 (or 2 with --incident)."),
        .cli("postmortem action list", "This incident's action items and proposals."),
        .cli("postmortem status", "Mark the post-mortem " + PostmortemStatus.choices
            + " (final needs every field filled and no blaming sentence)."),
        .cli("postmortem check", "Flag sentences that blame a person, with a system-framed suggestion (final needs none left)."),
        .cli("actions", "Open action items across every incident; `actions start|done|drop INC-3:2` moves one."),
        .cli("actions list", "List open action items across incidents."),
        .cli("actions start", "Mark an action item in progress: INC-3:2 (or 2 with --incident)."),
        .cli("actions done", "Mark an action item done: INC-3:2 (or 2 with --incident)."),
        .cli("actions drop", "Drop an action item, with why: INC-3:2 --reason \"…\" (it leaves the open list and the on-time share)."),
        .cli("actions reopen", "Put a done or dropped action item back to not started: INC-3:2."),
        .cli("show", "Print the incident's current state."),
        .cli("list", "List the incidents in the store."),
        .cli("timeline", "Print the timeline: text, markdown, csv or --json; --follow keeps printing new rows.", discussion: """
            Each row starts with its number (#7), as `warroom log` prints it and `warroom amend`/`retract` take it. \
            With --json: an array of rows (number, at, author, kind, text, tags, amended, previousTexts, retracted, \
            retractionReason); with --json --follow: one row object per line, and a row again when it is amended or retracted.
            """),
        .cli("export", "Export the incident.",
             discussion: "-o FILE creates FILE readable by you only (mode 0600, as the store); an existing FILE is replaced only with --force, keeping its mode."),
        .cli("export jsonl", "Every event of the incident, lossless, one JSON object per line."),
        .cli("export postmortem", "The blameless post-mortem as Markdown, from the method's template."),
        .cli("import", "Import events from a JSONL export; importing twice adds nothing.", discussion: """
            A malformed line is reported with its number, and nothing from the file is imported. So is an \
            event the store could not show: one whose incident has no declaration, one before its \
            declaration or out of order. An incident whose id this store already uses for another \
            incident is refused, naming both titles; --as-new imports it under the next free id (INC-n), \
            rewriting the incident of each of its events.
            """),
        .cli("check", "Check the store: SQLite's integrity, each incident's sequence without gaps, every event readable.", discussion: """
            Every stored event is decoded with the reader every command uses and each incident is folded: \
            an event that cannot be read back, or an incident without a declaration, is named by incident \
            and sequence (#N) and the check fails (exit status 2). Commands refuse to write to such an \
            incident; the others keep working.
            """),
        .cli("integrations", "Where updates, pages and status-page changes go: the config file's [integrations.NAME] tables."),
        .cli("integrations list", "List the configured destinations, what each receives, and whether its credentials are set.",
             discussion: """
            Reads the config file's [integrations.NAME] tables and prints each destination: its type, where it \
            sends (a webhook URL, which is a secret, shows only its host), the events and audiences it receives, \
            and each credential as env:VAR (set or NOT SET) or *** (inline). Secrets are never printed. A table \
            the config file got wrong is reported on stderr and left out. Exit status 1 when any destination \
            lacks a credential (an env:VAR that is not set), or a table was left out.
            """),
        .cli("integrations receive", "Stand in for Slack, Statuspage, PagerDuty, Opsgenie, Teams and webhooks on this machine, to try the outbox.",
             discussion: """
            Listens on 127.0.0.1 (port 8099 unless --port) and prints every request it gets, answering as each \
            vendor would by the request's path: Statuspage creates an incident, PagerDuty processes the event, \
            anything else gets 200 ok. Point a destination's url at it (http:// is allowed to this machine). \
            Stop it to see deliveries wait and retry; start it again to see each arrive once. Ctrl-C stops it.
            """),
        .cli("alerts", "Alerts in: Alertmanager, Grafana and PagerDuty webhooks declare incidents or join open ones."),
        .cli("alerts serve", "Receive alert webhooks at POST /alertmanager, /grafana and /pagerduty, on loopback by default.",
             discussion: """
            Each alert group is recorded once (by group key and fingerprint, or PagerDuty's event id): a firing \
            alert whose service matches an open incident is recorded on it as a finding tagged detection; one \
            that matches none declares an incident when [alerts] auto-declares its level (default: critical → \
            SEV2), detected at the alert's startsAt; a resolved one is recorded as a finding. An alert that would \
            be a proposed incident is answered 202 and NOT recorded (there is no proposal inbox yet). The answer \
            is 2xx only once the events are durable, 503 when the store cannot be reached (the sender retries). \
            PagerDuty deliveries must carry X-PagerDuty-Signature made with [alerts] pagerduty_secret. An address \
            beyond this machine needs --allow-remote and [alerts] shared_secret, which every sender then presents \
            as a bearer token or an HMAC. Prints one line per request; Ctrl-C or SIGTERM stops it.
            """),
        .cli("alerts ingest", "Record one alert payload from a file or standard input, as `alerts serve` would (--dry-run: only say what it would do)."),
        .cli("integrations test", "Send a harmless test message to one destination now, and say what it answered.",
             discussion: """
            Sends the destination's test message at once (not through the outbox, recording nothing): a \
            Slack or Teams message saying it is a test, a PagerDuty change event, an Opsgenie P5 alert, a \
            read of the Statuspage page, a signed webhook. Prints the verdict (delivered, or what was wrong, \
            with the vendor's message) and exits 1 unless delivered. --dry-run prints the exact request \
            instead, credentials shown as ***.
            """),
        .cli("outbox", "The deliveries to the configured destinations: list them, deliver them, retry or drop one."),
        .cli("outbox list", "List deliveries: id, incident, destination, what, state, attempts, age and the last failure.",
             discussion: """
            Without options: every delivery not yet delivered or dropped, across incidents; --incident ID: \
            all of that incident's; --all: every delivery of every incident. An id is shown as its last 8 \
            hex digits; `outbox retry` and `outbox drop` take those, the whole id, or any part of it \
            that starts or ends it and names one delivery.
            """),
        .cli("outbox deliver", "Send the deliveries that are due now, one line each; --follow keeps delivering.",
             discussion: """
            Each delivery is claimed in the store first (a lease: WARROOM_OUTBOX_LEASE_SECONDS, default 60), \
            so several processes may deliver from one store and each delivery is sent by one at a time; one \
            whose worker died is sent again, with the same idempotency key, once its lease has run out. \
            Failures that may pass (timeouts, refused connections, 429, 5xx) are retried with backoff; \
            other refusals stay failed until `warroom outbox retry`. Without --follow, every delivery due \
            now is handled once, waiting only for the destinations' rate limits. --follow keeps running, \
            waking when the store changes and at the next retry time, until SIGINT or SIGTERM. \
            --dry-run prints the exact requests that are due (credentials as ***), and claims and sends nothing.
            """),
        .cli("outbox retry", "Try a failed or dropped delivery again (it is sent by the next `outbox deliver`)."),
        .cli("outbox drop", "Give up on a delivery, with why: --reason TEXT (it is kept in the record)."),
        .cli("report", "Trends across incidents: counts, response times as distributions, and the method's scorecard.",
             discussion: """
            Over every incident of the store (--since/--until days, or --quarter 2026Q4; --service; \
            --severity SEV1,SEV2, the level each stands at now). Counts by severity, service and \
            month; time to detect (impact started → detected), acknowledge (declared → an IC), \
            mitigate and resolve (detected → mitigated, resolved) as n, median with a bootstrap 90 % \
            interval, p90 and max — never a mean; then the scorecard: each of the method's targets \
            beside its figure, met, MISSED or no data. --format text, markdown, csv or json.
            """),
        .cli("search", "Search every incident: titles, summaries, timelines, post-mortems, action items.",
             discussion: """
            Every word must match (stemmed: "failing" finds "failed"); "a phrase" in quotes matches as \
            written. Incidents matching by words come first, best first (a match in the title counts \
            most); then those where the words occur only inside longer ones (identifiers and error \
            strings: ECONNRES finds ECONNRESET), newest first. Each with a snippet, matches in bold \
            (in [brackets] when not printing to a terminal). --json for scripts.
            """),
        .cli("oncall", "On-call schedules: who is on call, the rotation ahead, and whether it keeps the method's rules."),
        .cli("oncall who", "Who is on call now (or --at TIME) on each schedule, until when, and who is next.",
             discussion: """
            The file is --file PATH, else oncall.yaml beside the config file, in the method's YAML shape \
            (schedule with name, timezone, rotation_type, handoff_time, handoff_day, start, participants \
            with members in rotation order, overrides; escalation_policy). --schedule NAME for one.
            """),
        .cli("oncall schedule", "The rotation ahead, a row per turn in the schedule's time zone, overrides beside it.",
             discussion: "--weeks N (default 4) from now or --from TIME; --schedule NAME for one."),
        .cli("oncall check", "Check each schedule against the method's rules; exits 1 when one is broken.",
             discussion: """
            At least min_rotation_size people (4); nobody on call more than max_consecutive_weeks (2) in a \
            row, overrides included; handoffs in business hours (08:00-18:00, Monday to Friday), never at \
            midnight; a new person primary only after the shadow_period (2 weeks) from when they joined. \
            Over the next --weeks N (default 12) from now or --from TIME.
            """),
        .cli("oncall health", "Pages per engineer and per turn against the method's line, when they landed, and rest owed.",
             discussion: """
            Over --since TIME (default -13w, a quarter) to --until TIME (now): pages per engineer per week \
            (alert above health_metrics.alert_if_pages_exceed, 5), split into business (08:00-18:00 Mon-Fri), \
            off (18:00-22:00, weekends) and sleep hours (22:00-08:00) in each engineer's time zone; the \
            median time to acknowledge; weeks in a row on call; incident time after hours; rest owed after a \
            SEV1 of compensation.long_sev1 (4h) or more; the survey's average against 4 of 5. Pages come \
            from the war room's /page, from alerts that fired into an incident (the primary on call then) \
            and from `warroom oncall pages import`. Drills are left out.
            """),
        .cli("oncall pages", "Pages from a pager's export, for on-call health."),
        .cli("oncall pages import", "Import a pager's export of pages (CSV or JSON); an export imported twice adds nothing.",
             discussion: """
            Columns by name, in any case: who (assigned_to, assignee, responder…), when (created_at, \
            created_on…), acknowledged_at, id (incident_number…), title, service. ISO 8601 times with an \
            offset. A file with a row that cannot be read is imported not at all: each row is named.
            """),
        .cli("oncall handoff", "The outgoing turn for the incoming person: incidents, pages, open action items, what is owed.",
             discussion: "--at TIME for another moment than now (the turn running then hands off); --schedule NAME for one."),
        .cli("oncall survey", "Record an answer to the quarterly on-call survey (--score 1..5, --comment TEXT)."),
        .cli("oncall rest", "Record that PERSON took the rest a long SEV1 (--incident ID) owed them."),
        .cli("runbook", "Runbooks: the team's runbook folder, each runbook's facts and steps, and whether they are tested."),
        .cli("runbook list", "A row per runbook: service, owner, when it was last tested (STALE after a quarter), how many alerts it answers.",
             discussion: """
            The folder is --dir PATH, else runbooks = "PATH" in the config file (relative to the config file's \
            folder): every NAME.md in it and its subfolders, README.md and hidden folders left out. Each \
            file's YAML front matter gives service, owner, alerts, dashboards, last_tested and tested_by. --json for scripts.
            """),
        .cli("runbook show", "One runbook by name (its file name without .md): the facts first, then the body.",
             discussion: """
            Says when it was last tested and by whom, STALE when never or more than a quarter (91 days) ago. \
            --json gives the facts, the sections (title and text) and the code blocks (language and text) in order.
            """),
        .cli("runbook check", "Check the runbooks against the method's rules; exits 1 when one is broken.",
             discussion: """
            Flags runbooks never tested or last tested more than a quarter (91 days) ago, mistakes in \
            front matter (with the line), services that had incidents in the store but have no runbook, \
            and alerts recorded on incidents whose runbook_url names no runbook of the folder. A runbook \
            without a Mitigation section, or without a service, is a warning. Drills are left out.
            """),
        .cli("runbook tested", "Record a test of a runbook (--by PERSON, --at TIME, --notes TEXT); --write also sets its front matter.",
             discussion: """
            The test is an event in the store's history: list, show and check count it as the runbook's last \
            test when it is later than the front matter's last_tested. With --write, last_tested and tested_by \
            are set in the file's front matter (replaced where written, added otherwise), every other byte kept.
            """),
        .cli("drill", "Game days: play a scenario into a drill incident in the real war room, and score it against the method."),
        .cli("drill list", "A row per drill scenario: name, title, duration, injects and points; the shipped ones and the team's.",
             discussion: """
            The team's scenarios are the NAME.yaml files of --dir PATH, else of drills = "PATH" in the config \
            file (relative to its folder); three are shipped inside warroom. --json for scripts.
            """),
        .cli("drill check", "Read a scenario (a FILE, or a NAME from drill list) and print its timeline at --speed; exits 1 on a mistake.",
             discussion: """
            Every mistake is said with file, line and key (an unknown key, action or role with a did-you-mean, an \
            offset that is not +HH:MM, an inject or deadline after the end, a command the scenario does not declare, \
            an alert that is not an Alertmanager payload). Otherwise prints each inject, each expectation's deadline \
            (and the contingency played when it is missed) and the end, at their offsets and at the wall-clock times \
            of --speed FACTOR (1x to 60x, default 1x).
            """),
        .cli("drill run", "Declare a drill incident (marked DRILL), print its id, and play the scenario's injects into it on schedule.",
             discussion: """
            Runs in the foreground until the scenario ends or the game master ends it; the players work in the war \
            room (warroom --incident ID, several terminals or warroom share). At --speed 10x every deadline, cadence \
            and timebox of the drill (and only the drill) comes ten times sooner. Keys: p pause/resume, n play the \
            next inject now, s skip it, e end (Ctrl-C too); without a terminal, one key a line on standard input. \
            When an expectation's time is up it is decided from the record, and a missed one's contingency is \
            played. Commands a scenario declares run only with --allow-commands, after they are listed for a yes \
            (--yes for scripts), each recorded like warroom exec; their stop commands run when the drill ends.
            """),
        .cli("drill score", "Score a drill from its record: the scenario's expectations and the method's rules, each with its evidence.",
             discussion: """
            Text by default; --format markdown is the debrief: what went well and what went poorly with times, \
            every expectation met or missed, the method's rules, the score. Scoring an ended drill records a test \
            of every runbook the players opened (warroom runbook list counts it); --no-mark-tested leaves them.
            """),
        .cli("slo", "SLOs and error budgets: check the SLO file, and what the incidents spent of each budget."),
        .cli("slo check", "Read the SLO file and say what it defines, or every mistake with file, line and key.",
             discussion: """
            The file is --file PATH, else slo.yaml beside the config file, in the method's YAML shape \
            (service, owner, slis, slos with sli, target, window and burn_rate_alerts, error_budget_policy); \
            several services as several documents or a list. Each budget is computed from its window, \
            never copied from an error_budget comment.
            """),
        .cli("slo status", "Each SLO's error budget: how much the incidents on its service spent, and the policy tier that leaves.",
             discussion: """
            An incident spends its share of users affected (/impact 30%) for its impact: from impact \
            start (else detection) to mitigation (else resolution, else now), inside the window that ends \
            --at (default now); overlapping incidents are counted once. One without a recorded share is \
            named and not counted. With prometheus_url in the config file, or --prometheus-url URL, each \
            SLI is also read live (GET /api/v1/query at --at): its error ratio over every alert window and \
            the SLO window, the burn rate of each alert pair (⚠ when both windows burn faster than its \
            rate), and the budget the live ratio leaves, with its tier; --json adds them under "live". \
            When Prometheus cannot be reached or answers an error, what failed is said on stderr, the \
            incident-based status is still printed, and the exit status is 2.
            """),
        .cli("proposals", "Incidents alerts proposed (their level does not declare by itself): list them, accept or dismiss one."),
        .cli("proposals list", "List the proposals waiting for the IC: number, level, title, service, alerts and since when.",
             discussion: """
            An alert that matches no open incident, at a level `[alerts]` does not auto-declare (warning → \
            SEV3 by default), waits here as a proposal; more alerts for the same service join it, and a \
            resolution shows on it. --all lists accepted and dismissed ones too. The war room shows the \
            waiting ones in its alerts strip and takes /accept and /dismiss.
            """),
        .cli("proposals accept", "Declare the incident a proposal describes: its alerts become its first findings.",
             discussion: """
            P3 (or 3) names the proposal. The incident is declared with its title, level and service, \
            detected (and impact started) when its first alert started, so time to detect is real; each \
            alert becomes a finding with its key, so later deliveries of it attach to the incident. You \
            are Incident Commander unless --ic names someone else or --no-ic declares it without one. Accepting twice, or two \
            people at once, declares one incident.
            """),
        .cli("proposals dismiss", "Record that a proposal is not an incident, with why: --reason TEXT (kept in the record)."),
        .cli("store", "The stores themselves: create one, copy every incident between two, or start a throwaway PostgreSQL server."),
        .cli("store init", "Create the store (or bring it to this warroom's schema) and say whether you may record in it.",
             discussion: """
            On PostgreSQL, run it once as the database's owner: it creates warroom's tables and triggers \
            and prints the grants the roles that record and the wall displays need. Reading commands never \
            create a store; writing commands create it too.
            """),
        .cli("store copy", "Copy every incident of one store into another (SQLite or PostgreSQL), losslessly; copying twice adds nothing.",
             discussion: """
            Each incident is read back as `warroom import` reads an export and imported under its own id, all \
            of it or nothing: one the target already has is skipped (events it lacks are added), one whose id \
            the target uses for a different incident is refused with both titles, and the others are still \
            copied. Every incident is then compared with its export from the source. Prints what was copied, \
            already there or refused; exit status 1 when any was refused. The source is only read.
            """),
        .cli("store dev-server", "Start a throwaway PostgreSQL server for a try-out and print the URL to use as --store.",
             discussion: """
            Runs initdb and pg_ctl (Debian's postgresql package) in a private directory, listening on \
            127.0.0.1 and a Unix socket there, as the postgres user when run as root; creates the database \
            warroom and a superuser with a password made for it, which the printed URL holds. Stays in the \
            foreground and stops the server on Ctrl-C or SIGTERM (and if this process dies); the directory is \
            removed then unless --dir was given. --tls adds a certificate authority of its own, and the URL \
            asks for sslmode=verify-full with it as sslrootcert.
            """),
    ]
}
