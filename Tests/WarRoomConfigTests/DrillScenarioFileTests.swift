import Foundation
import Testing
import WarRoomAlerts
import WarRoomConfig
import WarRoomCore

/// Drill scenario files: what they define, every mistake with file, line and key, and the shipped
/// scenarios and the README's example read whole, their alerts through the intake's own parser.
@Suite struct DrillScenarioFileTests {
    /// The intake's Alertmanager parser, as `warroom drill check` uses it.
    static func checkAlert(_ payload: String) -> String? {
        do {
            return try AlertFormat.alertmanager.parse(Array(payload.utf8)).isEmpty ? "no alerts" : nil
        } catch {
            return error.description
        }
    }

    static func parse(_ text: String, name: String = "small") -> (scenario: DrillScenario?, problems: [Diagnostic]) {
        DrillScenarioFile.parse(text, name: name, file: "drill.yaml", checkAlert: checkAlert)
    }

    static let base = """
        title: Checkout 502s
        objectives:
          - Classify severity first
        severity: SEV2
        service: checkout
        roles: [commander, comms, tech, scribe]
        duration: 30m
        commands:
          add-latency:
            run: tc qdisc add dev lo root netem delay 300ms
            stop: [tc, qdisc, del, dev, lo, root, netem]
        injects:
          - at: +00:00
            symptom: Support reports 502s
            expect:
              - role: commander
                action: severity-set
                severity: SEV1
                within: 5m
                points: 10
                contingency:
                  message: {from: CEO, text: Is this a SEV1?}
          - at: +00:05
            command: add-latency
          - at: +00:10
            impact: {customer_reported: true, paying_accounts: true}

        """

    @Test("The base reads whole: every field, the contingency at its deadline, commands as words")
    func base() throws {
        let (read, problems) = Self.parse(Self.base)
        #expect(problems.isEmpty, "\(problems)")
        let scenario = try #require(read)
        #expect(scenario.name == "small" && scenario.title == "Checkout 502s" && scenario.objectives == ["Classify severity first"])
        #expect(scenario.severity == .sev2 && scenario.service == "checkout" && scenario.roles == [.commander, .comms, .tech, .scribe])
        #expect(scenario.duration == .minutes(30) && scenario.summary == nil && scenario.basedOn == nil)
        let command = DrillCommand(name: "add-latency", run: ["/bin/sh", "-c", "tc qdisc add dev lo root netem delay 300ms"],
                                   stop: ["tc", "qdisc", "del", "dev", "lo", "root", "netem"])
        #expect(scenario.commands == [command])
        #expect(scenario.injects.map(\.offset) == [.zero, .minutes(5), .minutes(10)])
        #expect(scenario.injects[0].kind == .symptom("Support reports 502s") && scenario.injects[1].kind == .command(command))
        #expect(scenario.injects[2].kind == .impact(ImpactReport(customerReported: true, payingAccounts: true)))
        let expectation = try #require(scenario.injects[0].expectations.first)
        #expect(expectation.role == .commander && expectation.action == .severitySet(.sev1) && expectation.within == .minutes(5) && expectation.points == 10)
        #expect(expectation.contingency == DrillInject(offset: .minutes(5), kind: .stakeholderMessage(from: "CEO", text: "Is this a SEV1?")))
        #expect(scenario.runsCommands && scenario.possiblePoints == 10)
        #expect(Self.parse(Self.base.replacingOccurrences(of: "\n", with: "\r\n")).scenario == scenario, "CRLF reads the same")
    }

    /// (what to replace in the base, with what, the line, the key, the start of the message).
    static let mistakes: [(String, String, Int, String?, String)] = [
        ("title: Checkout", "titel: Checkout", 1, "titel", "is not a key here (did you mean 'title'?)"),
        ("title: Checkout 502s\n", "", 1, "title", "is missing: title: "),
        ("title: Checkout 502s", "title: \"\"", 1, "title", "is empty"),
        ("title: Checkout 502s", "title: [a, b]", 1, "title", "must be text (title: "),
        ("title: Checkout 502s", "title: |\n  two\n  lines", 1, "title", "must be one line of text"),
        ("at: +00:05", "at: +5:00x", 23, "at", "'+5:00x' is not an offset: write +HH:MM after the start (+00:05 is five minutes)"),
        ("at: +00:05", "at: 5", 23, "at", "'5' is not an offset"),
        ("    command: add-latency\n", "", 23, nil, "plays nothing: give one of"),
        ("  - at: +00:05\n", "  - when: +00:05\n", 23, "when", "is not a key here"),
        ("at: +00:10", "at: +00:45", 25, "at", "is at or after the drill's end (duration 30m, +00:30)"),
        ("at: +00:10", "at: +00:30", 25, "at", "is at or after the drill's end"),
        ("at: +00:10", "at: +05:00", 25, "at", "is at or after the drill's end (duration 30m, +00:30): nobody could answer it; play it earlier or lengthen duration (offsets are +HH:MM"),
        ("role: commander", "role: comander", 16, "role", "'comander' is not a role (did you mean 'commander'?)"),
        ("role: commander", "role: deputy", 16, "role", "'deputy' is not one of the scenario's roles (commander, comms, tech and scribe): add deputy to roles"),
        ("      - role: commander\n        action:", "      - action:", 16, "role", "is missing: who is expected to act (ic, cl, tl or scribe)"),
        ("action: severity-set", "action: sevrity-set", 17, "action", "'sevrity-set' is not an action (did you mean 'severity-set'?): write one of severity-set, "),
        ("action: severity-set", "action: fixed-it", 17, "action", "'fixed-it' is not an action: write one of"),
        ("        action: severity-set\n        severity: SEV1\n", "", 16, "action", "is missing: what they are expected to do"),
        ("commands:\n  add-latency:\n    run: tc qdisc add dev lo root netem delay 300ms\n    stop: [tc, qdisc, del, dev, lo, root, netem]\n", "",
         20, "command", "runs 'add-latency', but the scenario declares no commands: declare it under commands: with its run (and stop)"),
        ("command: add-latency", "command: add-latncy", 24, "command", "'add-latncy' is not one of the scenario's commands (did you mean 'add-latency'?): add-latency"),
        ("    run: tc qdisc add dev lo root netem delay 300ms\n", "", 10, "run", "is missing: the command that causes the fault"),
        ("    stop: [tc, qdisc, del, dev, lo, root, netem]", "    stop: [tc, {a: b}]", 11, "stop", "must be the program and its words, each a string"),
        ("  add-latency:", "  add latency!:", 9, "add latency!", "is not a command name"),
        ("    stop:", "    undo:", 11, "undo", "is not a key here"),
        ("within: 5m", "within: 45m", 19, "within", "ends at +00:45, after the drill's end at +00:30: shorten it or lengthen duration"),
        ("within: 5m", "within: 30m", 22, "contingency", "would be played at +00:30, as the drill ends"),
        ("within: 5m", "within: soon", 19, "within", "'soon' is not a time to act in: write 5m, 90s or 1h"),
        ("within: 5m", "within: 0m", 19, "within", "'0m' is not a time to act in"),
        ("        within: 5m\n", "", 16, "within", "is missing: how long after the inject they have"),
        ("points: 10", "points: lots", 20, "points", "'lots' is not a score: write a whole number from 0 to 1000"),
        ("points: 10", "points: 1001", 20, "points", "'1001' is not a score"),
        ("points: 10", "points: -5", 20, "points", "'-5' is not a score"),
        ("        points: 10\n", "", 16, "points", "is missing: what meeting it is worth"),
        ("severity: SEV2", "severity: SEV5", 4, "severity", "'SEV5' is not a severity: write SEV1, SEV2, SEV3 or SEV4"),
        ("severity: SEV2\n", "", 1, "severity", "is missing: the severity the drill is declared with"),
        ("severity: SEV1", "severity: critical", 18, "severity", "'critical' is not a severity"),
        ("severity: SEV1", "audience: executives", 18, "audience", "goes with update-posted, not severity-set"),
        ("severity: SEV1", "status: resolved", 18, "status", "goes with status-set, not severity-set"),
        ("severity: SEV1", "target: vp", 18, "target", "goes with escalated or paged, not severity-set"),
        ("severity: SEV1", "verdic: x", 18, "verdic", "is not a key here (did you mean 'verdict'?)"),
        ("action: severity-set\n        severity: SEV1", "action: status-set", 16, "status", "is missing: which status they set (investigating, identified"),
        ("action: severity-set\n        severity: SEV1", "action: status-set\n        status: fixed", 18, "status",
         "'fixed' is not a status: write investigating, identified, mitigating, monitoring, resolved or closed"),
        ("action: severity-set\n        severity: SEV1", "action: status-set\n        status: monitorng", 18, "status", "'monitorng' is not a status (did you mean 'monitoring'?)"),
        ("action: severity-set\n        severity: SEV1", "action: update-posted\n        audience: execs", 18, "audience",
         "'execs' is not an audience (did you mean 'executives'?): write engineering, executives or customers"),
        ("action: severity-set\n        severity: SEV1", "action: hypothesis-decided\n        verdict: wrong", 18, "verdict", "'wrong' is not a verdict: write confirmed, ruled-out, extended or escalated"),
        ("action: severity-set\n        severity: SEV1", "action: role-assigned\n        assigns: comz", 18, "assigns", "'comz' is not a role (did you mean 'comms'?)"),
        ("action: severity-set\n        severity: SEV1", "action: entry-logged\n        kind: remark", 18, "kind", "'remark' is not an entry kind: write note, action, decision, finding or comms"),
        ("action: severity-set\n        severity: SEV1", "action: paged\n        target: \"\"", 18, "target", "is empty: say which, or leave it out"),
        ("duration: 30m", "duration: soon", 7, "duration", "'soon' is not a duration: write 45m, 1h30m or 01:30"),
        ("duration: 30m", "duration: 13h", 7, "duration", "'13h' is outside 1m to 12h"),
        ("duration: 30m", "duration: 30s", 7, "duration", "'30s' is outside 1m to 12h"),
        ("duration: 30m\n", "", 1, "duration", "is missing: how long the drill lasts at 1×"),
        ("roles: [commander, comms, tech, scribe]", "roles: [commander, coms, tech, scribe]", 6, "roles", "'coms' is not a role (did you mean 'comms'?)"),
        ("roles: [commander, comms, tech, scribe]", "roles: [commander, comms, comms, tech, scribe]", 6, "roles", "names comms twice: list each role once"),
        ("roles: [commander, comms, tech, scribe]", "roles: []", 6, "roles", "must list the roles the drill expects"),
        ("roles: [commander, comms, tech, scribe]", "roles: [comms, tech, scribe]", 16, "role", "'commander' is not one of the scenario's roles (comms, tech and scribe)"),
        ("customer_reported: true", "customer_reported: maybe", 26, "customer_reported", "'maybe' is not true or false"),
        ("paying_accounts: true", "users_affected: 130%", 26, "users_affected", "'130%' is not a share of users: write a percentage from 0 to 100 (30%)"),
        ("paying_accounts: true", "users_count: many", 26, "users_count", "'many' is not a count of users"),
        ("paying_accounts: true", "paying_acounts: true", 26, "paying_acounts", "is not a key here (did you mean 'paying_accounts'?)"),
        ("{customer_reported: true, paying_accounts: true}", "{note: hmm}", 26, nil, "reports nothing: give customer_reported, paying_accounts"),
        ("message: {from: CEO, text: Is this a SEV1?}", "message: {from: CEO}", 22, "text", "is missing: text: "),
        ("message: {from: CEO, text: Is this a SEV1?}", "message: Is this a SEV1?", 22, nil, "must be a mapping of keys (from, text)"),
        ("          message:", "          at: +00:06\n          message:", 22, "at", "a contingency is played at its expectation's deadline (+00:05), not at a time of its own"),
        ("          message:", "          expect: []\n          message:", 22, "expect", "a contingency carries no expectations of its own"),
        ("          message: {from: CEO, text: Is this a SEV1?}", "          note: nothing", 22, nil, "plays nothing: give one of alert, symptom, message"),
        ("          message:", "          mesage:", 22, "mesage", "is not a key here (did you mean 'message'?)"),
        ("    symptom: Support reports 502s", "    symtom: Support reports 502s", 14, "symtom", "is not a key here (did you mean 'symptom'?)"),
        ("    symptom: Support reports 502s", "    note: nothing here", 13, nil, "plays nothing: give one of alert, symptom, message, impact, role_leaves, hypothesis_wrong or command"),
        ("    symptom: Support reports 502s", "    symptom: Support reports 502s\n    message: {from: a, text: b}", 15, "message",
         "is a second thing to play beside symptom: one inject plays one thing; write another inject at the same offset"),
        ("    symptom: Support reports 502s", "    symptom: \"\"", 14, "symptom", "is empty"),
        ("    symptom: Support reports 502s", "    role_leaves: deputy", 14, "role_leaves", "'deputy' is not one of the scenario's roles"),
        ("    symptom: Support reports 502s", "    role_leaves: {reason: shift ends}", 14, "role", "is missing: whose holder leaves (tech)"),
        ("    symptom: Support reports 502s", "    hypothesis_wrong: {hypothesis: DDoS}", 14, "evidence", "is missing: evidence: "),
        ("    symptom: Support reports 502s", "    hypothesis_wrong: {hypothesis: DDoS, evidense: none}", 14, "evidense", "is not a key here (did you mean 'evidence'?)"),
        ("    symptom: Support reports 502s", "    alert: '{\"version\": \"4\", \"status\": \"firing\", \"alerts\": []}'", 14, "alert",
         "is not an Alertmanager payload the intake accepts: groupKey is missing"),
        ("    symptom: Support reports 502s", "    alert: '{\"version\": \"3\"}'", 14, "alert", "is not an Alertmanager payload the intake accepts: alertmanager payload version '3'"),
        ("    symptom: Support reports 502s", "    alert: 'not json'", 14, "alert", "is not an Alertmanager payload the intake accepts: the body is not JSON"),
        ("    symptom: Support reports 502s", "    alert: {version: 4}", 14, "alert", "must be the Alertmanager webhook body as JSON text: alert: | then the payload"),
        ("objectives:\n  - Classify severity first\n", "", 1, "objectives", "is missing: list what the team should practise"),
        ("objectives:\n  - Classify severity first", "objectives: practise", 2, "objectives", "must be a list, one per line"),
        ("service: checkout", "service: checkout\nservise: api", 6, "servise", "is not a key here (did you mean 'service'?)"),
        ("title: Checkout 502s", "title: Checkout 502s\ntitle: again", 1, "title", "is written more than once in one mapping"),
    ]

    @Test("Each mistake names its file, line and key, says what to write, and nothing is kept", arguments: DrillScenarioFileTests.mistakes)
    func mistake(_ find: String, _ replacement: String, _ line: Int, _ key: String?, _ message: String) throws {
        #expect(Self.base.contains(find), "the base holds \(find)")
        let text = Self.base.replacingOccurrences(of: find, with: replacement)
        let (scenario, problems) = Self.parse(text)
        let problem = try #require(problems.first, "no problem found in\n\(text)")
        #expect(problem.file == "drill.yaml" && problem.line == line && problem.key == key, "\(problems.map(\.description)) in\n\(text)")
        #expect(problem.message.hasPrefix(message), "\(problem.message)")
        #expect(scenario == nil, "a scenario with a mistake is not returned")
    }

    @Test("Mistakes print as path:LINE: key 'K' in [TABLE]: message")
    func printed() {
        let text = Self.base.replacingOccurrences(of: "action: severity-set", with: "action: sevrity-set")
        #expect(Self.parse(text).problems.map(\.description) == [
            "drill.yaml:17: key 'action' in [inject 1 at +00:00, expect 1]: 'sevrity-set' is not an action (did you mean 'severity-set'?): write one of "
                + DrillAction.Kind.choices,
        ])
        let contingency = Self.base.replacingOccurrences(of: "text: Is this a SEV1?", with: "txt: Is this a SEV1?")
        #expect(Self.parse(contingency).problems.first?.description.hasPrefix(
            "drill.yaml:22: key 'txt' in [inject 1 at +00:00, expect 1, contingency.message]: is not a key here (did you mean 'text'?)") == true,
                "\(Self.parse(contingency).problems)")
    }

    @Test("Every mistake of a file is said, not just the first")
    func several() {
        let text = Self.base.replacingOccurrences(of: "severity: SEV2", with: "severity: SEV9")
            .replacingOccurrences(of: "at: +00:05", with: "at: later").replacingOccurrences(of: "points: 10", with: "points: many")
        #expect(Self.parse(text).problems.map(\.line) == [4, 20, 23], "\(Self.parse(text).problems)")
    }

    @Test("Whole-file mistakes: not YAML, empty, a list, a second document, too long a text")
    func wholeFile() {
        #expect(Self.parse("title: [\n").problems.map(\.description) == ["drill.yaml:2: is not valid YAML: did not find expected node content; nothing after it was read"],
                "said once, not also as an empty file")
        #expect(Self.parse("").problems.map(\.message) == ["holds no scenario: write title, objectives, severity, duration and injects (see the README)"])
        #expect(Self.parse("- title: a\n").problems.first?.message.hasPrefix("must be a mapping of keys (title, summary") == true)
        let second = Self.parse(Self.base + "---\ntitle: other\n")
        #expect(second.scenario == nil && second.problems.first?.line == 28 && second.problems.first?.message.hasPrefix("starts a second document") == true,
                "\(second.problems)")
        let long = Self.parse(Self.base.replacingOccurrences(of: "title: Checkout 502s", with: "title: " + String(repeating: "x", count: 2_001)))
        #expect(long.problems.first?.message == "is longer than 2000 characters: shorten it")
        let head = String(Self.base[..<Self.base.range(of: "injects:")!.lowerBound])
        #expect(Self.parse(head + "injects: []\n").problems.map(\.description) == ["drill.yaml:12: key 'injects': must list what is played: - at: +00:05, symptom: Support reports 502s"])
        #expect(Self.parse(head + "injects:\n  - {at: +00:01, symptom: x, expect: yes}\n").problems.map(\.description)
                == ["drill.yaml:13: key 'expect' in [inject 1 at +00:01]: must list what the players are expected to do: - {role: ic, action: severity-set, within: 5m, points: 10}"])
        #expect(Self.parse(head).problems.map(\.description) == ["drill.yaml:1: key 'injects': is missing: list what is played, each at an offset (- at: +00:05, symptom: …)"])
        #expect(Self.parse("title: x\u{0}\n").problems.first?.message.hasPrefix("is not valid YAML") == true, "a NUL is refused, never a trap")
    }

    @Test("Shapes that read: role_leaves as a word or a mapping, a command as a list, offsets with seconds, injects sorted, notes kept")
    func shapes() throws {
        let text = Self.base
            .replacingOccurrences(of: "    impact: {customer_reported: true, paying_accounts: true}",
                                  with: "    role_leaves: {role: tl, reason: end of shift}\n    note: the handoff")
            .replacingOccurrences(of: "  - at: +00:05\n", with: "  - at: +00:12:30\n    note: |\n      two\n      lines\n")
            .replacingOccurrences(of: "    symptom: Support reports 502s", with: "    hypothesis_wrong: {hypothesis: DDoS, evidence: traffic is normal}")
            .replacingOccurrences(of: "run: tc qdisc add dev lo root netem delay 300ms", with: "run: [tc, qdisc, add, dev, lo]")
        let (read, problems) = Self.parse(text)
        #expect(problems.isEmpty, "\(problems)")
        let scenario = try #require(read)
        #expect(scenario.injects.map(\.offset) == [.zero, .minutes(10), .seconds(750)])
        #expect(scenario.injects[0].kind == .hypothesisWrong(hypothesis: "DDoS", evidence: "traffic is normal"))
        #expect(scenario.injects[1].kind == .roleLeaves(.tech, reason: "end of shift") && scenario.injects[1].note == "the handoff")
        #expect(scenario.injects[2].note == "two\nlines" && scenario.commands.first?.run == ["tc", "qdisc", "add", "dev", "lo"])
        let short = Self.parse(Self.base.replacingOccurrences(of: "    symptom: Support reports 502s", with: "    role_leaves: comms"))
        #expect(short.scenario?.injects.first?.kind == .roleLeaves(.comms, reason: nil), "\(short.problems)")
        let defaults = Self.parse(Self.base.replacingOccurrences(of: "roles: [commander, comms, tech, scribe]\n", with: ""))
        #expect(defaults.scenario?.roles == Role.required, "no roles: the four the method requires")
        let hours = Self.parse(Self.base.replacingOccurrences(of: "duration: 30m", with: "duration: 01:30"))
        #expect(hours.scenario?.duration == .minutes(90))
    }

    @Test("Every action of the vocabulary reads, with its detail where it has one")
    func actions() throws {
        let cases: [(String, DrillAction)] = [
            ("severity-set", .severitySet(nil)), ("severity-set\n        severity: sev1", .severitySet(.sev1)),
            ("role-assigned", .roleAssigned(nil)), ("role-assigned\n        assigns: Incident Commander", .roleAssigned(.commander)),
            ("update-posted", .updatePosted(nil)), ("update-posted\n        audience: customers", .updatePosted(.customers)),
            ("hypothesis-recorded", .hypothesisRecorded), ("hypothesis-decided", .hypothesisDecided(nil)),
            ("hypothesis-decided\n        verdict: ruled-out", .hypothesisDecided(.ruledOut)), ("escalated", .escalated(target: nil)),
            ("escalated\n        target: vp engineering", .escalated(target: "vp engineering")), ("paged\n        target: aws-support", .paged(target: "aws-support")),
            ("runbook-opened", .runbookOpened(nil)), ("runbook-opened\n        runbook: edge-rollback", .runbookOpened("edge-rollback")),
            ("mitigation-recorded", .mitigationRecorded), ("status-set\n        status: Resolved", .statusSet(.resolved)),
            ("entry-logged", .entryLogged(nil)), ("entry-logged\n        kind: decision", .entryLogged(.decision)), ("impact-recorded", .impactRecorded),
            ("Severity-Set", .severitySet(nil)),
        ]
        for (written, action) in cases {
            let text = Self.base.replacingOccurrences(of: "severity-set\n        severity: SEV1", with: written)
            let (scenario, problems) = Self.parse(text)
            #expect(problems.isEmpty && scenario?.injects.first?.expectations.first?.action == action, "\(written): \(problems)")
        }
        #expect(Set(cases.map(\.1.kind)) == Set(DrillAction.Kind.allCases), "every kind tried")
    }

    @Test("File names: NAME.yaml and NAME.yml name the scenario; a missing or unreadable file is said")
    func files() throws {
        #expect(DrillScenarioFile.name(ofFile: "a/b/bad-config-deploy.yaml") == "bad-config-deploy" && DrillScenarioFile.name(ofFile: "x.YML") == "x")
        #expect(DrillScenarioFile.name(ofFile: "plain") == "plain")
        try withTemporaryDirectory { folder in
            try writeFile(folder + "/mine.yaml", Self.base)
            let (scenario, problems) = DrillScenarioFile.read(path: folder + "/mine.yaml", checkAlert: Self.checkAlert)
            #expect(problems.isEmpty && scenario?.name == "mine")
            let missing = DrillScenarioFile.read(path: folder + "/none.yaml", checkAlert: Self.checkAlert)
            #expect(missing.scenario == nil && missing.problems.first?.message.hasPrefix("is not there") == true)
            let directory = DrillScenarioFile.read(path: folder, checkAlert: Self.checkAlert)
            #expect(directory.problems.first?.message == "is not a regular file; nothing was read")
            try Data(repeating: UInt8(ascii: "#"), count: (1 << 20) + 1).write(to: URL(fileURLWithPath: folder + "/huge.yaml"))
            #expect(DrillScenarioFile.read(path: folder + "/huge.yaml", checkAlert: Self.checkAlert).problems.first?.message.hasPrefix("is too large") == true)
            try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: folder + "/binary.yaml"))
            #expect(DrillScenarioFile.read(path: folder + "/binary.yaml", checkAlert: Self.checkAlert).problems.first?.message == "is not valid UTF-8 text; nothing was read")
        }
    }

    @Test("The catalog: shipped names, a team folder by name, a file by path, the names for a did-you-mean")
    func catalog() throws {
        #expect(DrillScenarioCatalog.builtInNames == ["bad-config-deploy", "cloud-provider-outage", "database-failover"])
        try withTemporaryDirectory { folder in
            try writeFile(folder + "/ours.yaml", Self.base)
            try writeFile(folder + "/broken.yml", "title: [\n")
            try writeFile(folder + "/.hidden.yaml", Self.base)
            try writeFile(folder + "/notes.txt", "not a scenario")
            let entries = try #require(DrillScenarioCatalog.folder(folder, checkAlert: Self.checkAlert))
            #expect(entries.map(\.name) == ["broken", "ours"] && entries.map { $0.scenario != nil } == [false, true])
            #expect(entries[0].problems.first?.file == folder + "/broken.yml")
            #expect(DrillScenarioCatalog.find("ours", folder: folder, checkAlert: Self.checkAlert).entry?.file == folder + "/ours.yaml")
            #expect(DrillScenarioCatalog.find(folder + "/ours.yaml", folder: nil, checkAlert: Self.checkAlert).entry?.scenario?.name == "ours")
            let shipped = try #require(DrillScenarioCatalog.find("database-failover", folder: folder, checkAlert: Self.checkAlert).entry)
            #expect(shipped.isBuiltIn && shipped.file == "database-failover (shipped)" && shipped.problems.isEmpty)
            let none = DrillScenarioCatalog.find("bad-config", folder: folder, checkAlert: Self.checkAlert)
            #expect(none.entry == nil && none.names == ["broken", "ours", "bad-config-deploy", "cloud-provider-outage", "database-failover"])
            #expect(DrillScenarioCatalog.folder(folder + "/ours.yaml", checkAlert: Self.checkAlert) == nil, "a file is no folder")
            #expect(DrillScenarioCatalog.find("nope.yaml", folder: nil, checkAlert: Self.checkAlert).entry?.problems.first?.message.hasPrefix("is not there") == true)
        }
    }

    @Test("drills = \"PATH\" in the config names the team's folder, relative to the config file; a list there is refused")
    func configKey() {
        let load = Config.parse("drills = \"game-days\"\n", file: "/home/a/.config/warroom/config.toml")
        #expect(load.diagnostics.isEmpty && load.config.drills == "/home/a/.config/warroom/game-days")
        #expect(Config.parse("drills = \"/srv/drills\"\n", file: "/x/config.toml").config.drills == "/srv/drills")
        let typo = Config.parse("drill = \"x\"\n", file: "c.toml")
        #expect(typo.config.drills == nil && typo.diagnostics.first?.description.contains("(did you mean 'drills'?)") == true, "\(typo.diagnostics)")
    }
}
