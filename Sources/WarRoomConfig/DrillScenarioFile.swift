import WarRoomCore
import Yams

/// Reads a drill scenario: one YAML document with `title`, `objectives`, `severity`, `service`,
/// `roles`, `duration`, `commands` and `injects` (each `at` an offset, one thing to play, and its
/// `expect` items with their `contingency`). Every mistake is a `Diagnostic` with file, line and
/// key (a did-you-mean for a misspelt key or name); a scenario with any mistake is not returned,
/// so nothing is ever played from half a file.
public enum DrillScenarioFile {
    /// Says what is wrong with an alert inject's payload text, or nil when it is a payload the
    /// intake accepts. Given by the caller: the Alertmanager parser lives in `WarRoomAlerts`,
    /// which the config does not depend on.
    public typealias AlertCheck = (String) -> String?

    static let topKeys = ["title", "summary", "based_on", "objectives", "severity", "service", "roles", "duration", "commands", "injects"]
    static let injectKeys = ["at", "note", "expect"] + DrillInject.Kind.keys
    static let contingencyKeys = ["note"] + DrillInject.Kind.keys
    static let commandKeys = ["run", "stop"]
    static let messageKeys = ["from", "text"]
    static let impactKeys = ["users_affected", "users_count", "customer_reported", "paying_accounts", "data_integrity", "security_breach", "note"]
    static let leavesKeys = ["role", "reason"]
    static let wrongKeys = ["hypothesis", "evidence"]
    static let expectationKeys = ["role", "action", "within", "points", "contingency"]
        + DrillAction.Kind.allCases.compactMap(\.detailKey).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    /// The longest line of text a field holds (titles, messages…); a payload may be longer.
    static let longest = 2_000
    /// The shortest drill worth playing.
    static let shortest = TimeSpan.minutes(1)

    /// The scenario at `path`, named after its file (`bad-config-deploy.yaml` → `bad-config-deploy`);
    /// nil with every mistake when it cannot be read or has any.
    public static func read(path: String, checkAlert: AlertCheck) -> (scenario: DrillScenario?, problems: [Diagnostic]) {
        switch FileText.read(path) {
        case .missing:
            return (nil, [Diagnostic(file: path, message: "is not there: name a scenario file, or a shipped scenario (warroom drill list)")])
        case .problem(let problem):
            return (nil, [Diagnostic(file: path, message: problem + "; nothing was read")])
        case .text(let text):
            return parse(text, name: name(ofFile: path), file: path, checkAlert: checkAlert)
        }
    }

    /// `a/bad-config-deploy.yaml` → `bad-config-deploy` (`.yml` too).
    public static func name(ofFile path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".yaml", ".yml"] where last.lowercased().hasSuffix(suffix) { return String(last.dropLast(suffix.count)) }
        return last
    }

    /// Reads a scenario's text; `file` labels the diagnostics. Pure.
    public static func parse(_ text: String, name: String, file: String, checkAlert: AlertCheck) -> (scenario: DrillScenario?, problems: [Diagnostic]) {
        // The reader holds the check only while it reads.
        withoutActuallyEscaping(checkAlert) { check in read(text, name: name, file: file, checkAlert: check) }
    }

    private static func read(_ text: String, name: String, file: String, checkAlert: @escaping AlertCheck) -> (scenario: DrillScenario?, problems: [Diagnostic]) {
        var reader = Reader(file: file, name: name, checkAlert: checkAlert)
        var scenario: DrillScenario?
        do {
            var documents = try Yams.compose_all(yaml: text)
            var count = 0
            while let document = documents.next() {
                count += 1
                if count == 1 {
                    scenario = reader.scenario(document)
                } else {
                    reader.problem(document, key: nil, "starts a second document: a file holds one scenario; put the other in a file of its own")
                    break
                }
            }
            if let error = documents.error { reader.yamlError(error) }
            if count == 0, reader.problems.isEmpty { reader.problems.append(Diagnostic(file: file, message: "holds no scenario: write title, objectives, severity, duration and injects (see the README)")) }
        } catch {
            reader.yamlError(error)
        }
        return (reader.problems.isEmpty ? scenario : nil, reader.problems)
    }

    struct Reader: YAMLReader {
        let file: String
        let name: String
        let checkAlert: AlertCheck
        var problems: [Diagnostic] = []
        var failed = false
        var roles: [Role] = Role.required
        var duration: TimeSpan?
        var commands: [DrillCommand] = []
        var declaresCommands = false

        init(file: String, name: String, checkAlert: @escaping AlertCheck) {
            self.file = file
            self.name = name
            self.checkAlert = checkAlert
        }

        mutating func scenario(_ node: Node) -> DrillScenario? {
            guard let top = entries(node, known: DrillScenarioFile.topKeys, table: nil) else { return nil }
            let title = text(top["title"], key: "title", table: nil, missing: node, example: "Checkout 502s after a WAF rule deploy")
            let summary = text(top["summary"], key: "summary", table: nil, example: "What happens, for the game master", multiline: true)
            let basedOn = text(top["based_on"], key: "based_on", table: nil, example: "https://blog.cloudflare.com/…")
            let objectives = list(top["objectives"], key: "objectives", missing: node,
                                  example: "- Classify severity before troubleshooting")
            var severity = Severity.sev2
            if let severityNode = top["severity"] {
                if let level = self.severity(severityNode, key: "severity", table: nil) { severity = level }
            } else {
                problem(node, key: "severity", "is missing: the severity the drill is declared with (SEV2)")
            }
            let service = text(top["service"], key: "service", table: nil, example: "checkout")
            if let rolesNode = top["roles"] { roles = readRoles(rolesNode) }
            if let durationNode = top["duration"] {
                duration = readDuration(durationNode)
            } else {
                problem(node, key: "duration", "is missing: how long the drill lasts at 1× (45m, 1h30m)")
            }
            if let commandsNode = top["commands"] { commands = readCommands(commandsNode) }
            var injects: [DrillInject] = []
            if let injectsNode = top["injects"] {
                if let list = injectsNode.sequence, !list.isEmpty {
                    if list.count > DrillScenario.mostInjects {
                        problem(injectsNode, key: "injects", "holds \(list.count) injects, more than \(DrillScenario.mostInjects): split the scenario")
                    } else {
                        for (index, item) in list.enumerated() {
                            if let inject = inject(item, number: index + 1) { injects.append(inject) }
                        }
                    }
                } else {
                    problem(injectsNode, key: "injects", "must list what is played: - at: +00:05, symptom: Support reports 502s")
                }
            } else {
                problem(node, key: "injects", "is missing: list what is played, each at an offset (- at: +00:05, symptom: …)")
            }
            guard problems.isEmpty, let title, let duration else { return nil }
            return DrillScenario(name: name, title: title, summary: summary, basedOn: basedOn, objectives: objectives, severity: severity,
                                 service: service, roles: roles, duration: duration, commands: commands, injects: injects)
        }

        // MARK: The scenario's parts

        mutating func readRoles(_ node: Node) -> [Role] {
            guard let list = node.sequence, !list.isEmpty else {
                problem(node, key: "roles", "must list the roles the drill expects: [commander, comms, tech, scribe]")
                return Role.required
            }
            var result: [Role] = []
            for item in list {
                guard let role = role(item, key: "roles", table: nil, among: Role.allCases) else { continue }
                if result.contains(role) {
                    problem(item, key: "roles", "names \(role.rawValue) twice: list each role once")
                } else {
                    result.append(role)
                }
            }
            return result.isEmpty ? Role.required : result
        }

        mutating func readDuration(_ node: Node) -> TimeSpan? {
            let written = scalar(node)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let span = DrillOffset.parse(written) ?? TimeSpan.parse(written) else {
                problem(node, key: "duration", "'\(written)' is not a duration: write 45m, 1h30m or 01:30")
                return nil
            }
            guard span >= DrillScenarioFile.shortest, span <= DrillScenario.longest else {
                problem(node, key: "duration", "'\(written)' is outside 1m to \(DrillScenario.longest.compact): a drill lasts minutes to a long day")
                return nil
            }
            return span
        }

        mutating func readCommands(_ node: Node) -> [DrillCommand] {
            declaresCommands = true
            guard let mapping = node.mapping, !mapping.isEmpty else {
                problem(node, key: "commands", "must map each command's name to its run (and stop): add-latency: {run: …, stop: …}")
                return []
            }
            var result: [DrillCommand] = []
            for (nameNode, value) in mapping {
                guard let name = nameNode.string?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { continue }
                let table = "commands.\(name)"
                guard name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    problem(nameNode, key: name, table: "commands", "is not a command name: use letters, digits, - and _ (add-latency)")
                    continue
                }
                guard let fields = entries(value, known: DrillScenarioFile.commandKeys, table: table) else { continue }
                guard let runNode = fields["run"] else {
                    problem(value, key: "run", table: table, "is missing: the command that causes the fault (tc qdisc add dev eth0 root netem delay 300ms)")
                    continue
                }
                guard let run = argv(runNode, key: "run", table: table) else { continue }
                let stop = fields["stop"].flatMap { argv($0, key: "stop", table: table) }
                if fields["stop"] != nil, stop == nil { continue }
                result.append(DrillCommand(name: name, run: run, stop: stop))
            }
            return result
        }

        /// A command as a program and its words: a list as given, a string for `/bin/sh -c`.
        mutating func argv(_ node: Node, key: String, table: String) -> [String]? {
            if let list = node.sequence {
                let words = list.compactMap { $0.scalar?.string }
                guard !words.isEmpty, words.count == list.count, !words[0].trimmingCharacters(in: .whitespaces).isEmpty,
                      words.allSatisfy({ $0.count <= DrillScenarioFile.longest }) else {
                    problem(node, key: key, table: table, "must be the program and its words, each a string: [tc, qdisc, del, dev, eth0, root]")
                    return nil
                }
                return words
            }
            guard let line = text(node, key: key, table: table, example: "tc qdisc del dev eth0 root") else { return nil }
            return ["/bin/sh", "-c", line]
        }

        mutating func inject(_ node: Node, number: Int) -> DrillInject? {
            let before = problems.count
            guard let fields = entries(node, known: DrillScenarioFile.injectKeys, table: "inject \(number)") else { return nil }
            guard let atNode = fields["at"] else {
                problem(node, key: "at", table: "inject \(number)", "is missing: when it is played, as an offset from the start (+00:05)")
                return nil
            }
            let written = scalar(atNode)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let offset = DrillOffset.parse(written) else {
                problem(atNode, key: "at", table: "inject \(number)",
                        "'\(written)' is not an offset: write +HH:MM after the start (+00:05 is five minutes), or +90s, +1h30m")
                return nil
            }
            let table = "inject \(number) at \(DrillOffset.text(offset))"
            if let duration, offset >= duration {
                problem(atNode, key: "at", table: table, "is at or after the drill's end (duration \(duration.compact), \(DrillOffset.text(duration))): "
                        + "nobody could answer it; play it earlier or lengthen duration (offsets are +HH:MM, hours then minutes)")
            }
            let kind = self.kind(fields, at: node, table: table)
            var expectations: [DrillExpectation] = []
            if let expectNode = fields["expect"] {
                if let list = expectNode.sequence, !list.isEmpty {
                    for (index, item) in list.enumerated() {
                        if let expectation = expectation(item, offset: offset, table: "\(table), expect \(index + 1)") { expectations.append(expectation) }
                    }
                } else {
                    problem(expectNode, key: "expect", table: table, "must list what the players are expected to do: - {role: ic, action: severity-set, within: 5m, points: 10}")
                }
            }
            let note = text(fields["note"], key: "note", table: table, example: "what good looks like", multiline: true)
            guard problems.count == before, let kind else { return nil }
            return DrillInject(offset: offset, kind: kind, expectations: expectations, note: note)
        }

        /// The one thing an inject (or a contingency) plays.
        mutating func kind(_ fields: [String: Node], at node: Node, table: String) -> DrillInject.Kind? {
            let given = DrillInject.Kind.keys.filter { fields[$0] != nil }
            guard let key = given.first, let value = fields[key] else {
                problem(node, key: nil, table: table, "plays nothing: give one of " + Choices.list(DrillInject.Kind.keys))
                return nil
            }
            guard given.count == 1 else {
                problem(fields[given[1]], key: given[1], table: table, "is a second thing to play beside \(key): one inject plays one thing; "
                        + "write another inject at the same offset")
                return nil
            }
            switch key {
            case "alert":
                guard let payload = value.scalar?.string, !payload.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    problem(value, key: key, table: table, "must be the Alertmanager webhook body as JSON text: alert: | then the payload, indented")
                    return nil
                }
                if let mistake = checkAlert(payload) {
                    problem(value, key: key, table: table, "is not an Alertmanager payload the intake accepts: \(mistake)")
                    return nil
                }
                return .alert(payload: payload)
            case "symptom":
                return text(value, key: key, table: table, example: "Support: checkout returns 502 for EU customers", multiline: true).map { .symptom($0) }
            case "message":
                guard let parts = entries(value, known: DrillScenarioFile.messageKeys, table: "\(table).message") else { return nil }
                let from = text(parts["from"], key: "from", table: "\(table).message", missing: value, example: "CEO")
                let said = text(parts["text"], key: "text", table: "\(table).message", missing: value, example: "What is the ETA?", multiline: true)
                guard let from, let said else { return nil }
                return .stakeholderMessage(from: from, text: said)
            case "impact":
                return impact(value, table: "\(table).impact").map { .impact($0) }
            case "role_leaves":
                if value.scalar != nil {
                    return role(value, key: key, table: table, among: roles).map { .roleLeaves($0, reason: nil) }
                }
                guard let parts = entries(value, known: DrillScenarioFile.leavesKeys, table: "\(table).role_leaves") else { return nil }
                guard let roleNode = parts["role"] else {
                    problem(value, key: "role", table: "\(table).role_leaves", "is missing: whose holder leaves (tech)")
                    return nil
                }
                let reason = text(parts["reason"], key: "reason", table: "\(table).role_leaves", example: "end of shift")
                return role(roleNode, key: "role", table: "\(table).role_leaves", among: roles).map { .roleLeaves($0, reason: reason) }
            case "hypothesis_wrong":
                guard let parts = entries(value, known: DrillScenarioFile.wrongKeys, table: "\(table).hypothesis_wrong") else { return nil }
                let hypothesis = text(parts["hypothesis"], key: "hypothesis", table: "\(table).hypothesis_wrong", missing: value,
                                      example: "replica lag causes the stale reads")
                let evidence = text(parts["evidence"], key: "evidence", table: "\(table).hypothesis_wrong", missing: value,
                                    example: "lag is 0 s on every replica", multiline: true)
                guard let hypothesis, let evidence else { return nil }
                return .hypothesisWrong(hypothesis: hypothesis, evidence: evidence)
            default:
                guard let named = text(value, key: key, table: table, example: "add-latency") else { return nil }
                guard declaresCommands else {
                    problem(value, key: key, table: table, "runs '\(named)', but the scenario declares no commands: declare it under commands: "
                            + "with its run (and stop), so the game master sees it before the drill starts")
                    return nil
                }
                guard let command = commands.first(where: { $0.name == named }) else {
                    let names = commands.map(\.name)
                    problem(value, key: key, table: table, "'\(named)' is not one of the scenario's commands" + Suggestion.didYouMean(named, among: names)
                            + (names.isEmpty ? "" : ": \(Choices.list(names, last: "and"))"))
                    return nil
                }
                return .command(command)
            }
        }

        mutating func impact(_ node: Node, table: String) -> ImpactReport? {
            guard let fields = entries(node, known: DrillScenarioFile.impactKeys, table: table) else { return nil }
            var report = ImpactReport()
            func flag(_ key: String, _ path: WritableKeyPath<ImpactReport, Bool>, reader: inout Reader) {
                guard let value = fields[key] else { return }
                switch reader.scalar(value)?.lowercased() {
                case "true", "yes": report[keyPath: path] = true
                case "false", "no": report[keyPath: path] = false
                default: reader.problem(value, key: key, table: table, "'\(reader.scalar(value) ?? "")' is not true or false")
                }
            }
            flag("customer_reported", \.customerReported, reader: &self)
            flag("paying_accounts", \.payingAccounts, reader: &self)
            flag("data_integrity", \.dataIntegrity, reader: &self)
            flag("security_breach", \.securityBreach, reader: &self)
            if let value = fields["users_affected"] {
                let written = scalar(value)?.trimmingCharacters(in: .whitespaces) ?? ""
                let digits = written.hasSuffix("%") ? String(written.dropLast()).trimmingCharacters(in: .whitespaces) : written
                if let share = Double(digits), share.isFinite, share >= 0, share <= 100, digits.allSatisfy({ $0.isASCIIDigit || $0 == "." }) {
                    report.usersAffectedPercent = share
                } else {
                    problem(value, key: "users_affected", table: table, "'\(written)' is not a share of users: write a percentage from 0 to 100 (30%)")
                }
            }
            if let value = fields["users_count"] {
                let written = scalar(value)?.trimmingCharacters(in: .whitespaces) ?? ""
                if let count = Int(written), count >= 0, count <= 10_000_000_000 {
                    report.usersAffectedCount = count
                } else {
                    problem(value, key: "users_count", table: table, "'\(written)' is not a count of users: write a whole number (1200)")
                }
            }
            report.note = text(fields["note"], key: "note", table: table, example: "EU paying accounts")
            let says = report.customerReported || report.payingAccounts || report.dataIntegrity || report.securityBreach
                || report.usersAffectedPercent != nil || report.usersAffectedCount != nil
            if !says, !fields.keys.contains(where: { $0 != "note" }) {
                problem(node, key: nil, table: table, "reports nothing: give customer_reported, paying_accounts, data_integrity, security_breach, "
                        + "users_affected or users_count")
                return nil
            }
            return report
        }

        mutating func expectation(_ node: Node, offset: TimeSpan, table: String) -> DrillExpectation? {
            let before = problems.count
            guard let fields = entries(node, known: DrillScenarioFile.expectationKeys, table: table) else { return nil }
            var who: Role?
            if let roleNode = fields["role"] {
                who = role(roleNode, key: "role", table: table, among: roles)
            } else {
                problem(node, key: "role", table: table, "is missing: who is expected to act (\(Choices.list(roles.map(\.short))))")
            }
            let action = self.action(fields, at: node, table: table)
            var within: TimeSpan?
            if let withinNode = fields["within"] {
                let written = scalar(withinNode)?.trimmingCharacters(in: .whitespaces) ?? ""
                if let span = TimeSpan.parse(written), span.millis > 0 {
                    within = span
                } else {
                    problem(withinNode, key: "within", table: table, "'\(written)' is not a time to act in: write 5m, 90s or 1h")
                }
            } else {
                problem(node, key: "within", table: table, "is missing: how long after the inject they have (5m)")
            }
            var points: Int?
            if let pointsNode = fields["points"] {
                let written = scalar(pointsNode)?.trimmingCharacters(in: .whitespaces) ?? ""
                if let value = Int(written), (0...DrillExpectation.mostPoints).contains(value) {
                    points = value
                } else {
                    problem(pointsNode, key: "points", table: table, "'\(written)' is not a score: write a whole number from 0 to \(DrillExpectation.mostPoints) (10)")
                }
            } else {
                problem(node, key: "points", table: table, "is missing: what meeting it is worth (10)")
            }
            var contingency: DrillInject?
            if let within, let duration {
                let deadline = offset + within
                if deadline > duration {
                    problem(fields["within"], key: "within", table: table, "ends at \(DrillOffset.text(deadline)), after the drill's end at "
                            + "\(DrillOffset.text(duration)): shorten it or lengthen duration")
                } else if let contingencyNode = fields["contingency"] {
                    if deadline == duration {
                        problem(contingencyNode, key: "contingency", table: table, "would be played at \(DrillOffset.text(deadline)), as the drill ends: "
                                + "shorten within so the players can still answer it")
                    } else {
                        contingency = self.contingency(contingencyNode, deadline: deadline, table: "\(table), contingency")
                    }
                }
            }
            guard problems.count == before, let who, let action, let within, let points else { return nil }
            return DrillExpectation(role: who, action: action, within: within, points: points, contingency: contingency)
        }

        /// The action and its detail key, if it has one; a detail key of another action is refused.
        mutating func action(_ fields: [String: Node], at node: Node, table: String) -> DrillAction? {
            guard let actionNode = fields["action"] else {
                problem(node, key: "action", table: table, "is missing: what they are expected to do (\(DrillAction.Kind.choices))")
                return nil
            }
            let written = scalar(actionNode)?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard let kind = DrillAction.Kind(rawValue: written) else {
                problem(actionNode, key: "action", table: table, "'\(written)' is not an action" + Suggestion.didYouMean(written, among: DrillAction.Kind.names)
                        + ": write one of \(DrillAction.Kind.choices)")
                return nil
            }
            for other in DrillAction.Kind.allCases {
                guard let key = other.detailKey, key != kind.detailKey, let stray = fields[key] else { continue }
                let owners = DrillAction.Kind.allCases.filter { $0.detailKey == key }.map(\.rawValue)
                problem(stray, key: key, table: table, "goes with \(Choices.list(owners)), not \(kind.rawValue)")
                return nil
            }
            let detailNode = kind.detailKey.flatMap { fields[$0] }
            let detail = detailNode.flatMap { scalar($0)?.trimmingCharacters(in: .whitespaces) }
            if let detailNode, detail?.isEmpty != false, let key = kind.detailKey {
                problem(detailNode, key: key, table: table, "is empty: say which, or leave it out")
                return nil
            }
            func pick<T>(_ values: [(String, T)], what: String, reader: inout Reader) -> T? {
                guard let detail, let key = kind.detailKey else { return nil }
                if let found = values.first(where: { $0.0 == detail.lowercased() }) { return found.1 }
                let names = values.map(\.0)
                reader.problem(detailNode, key: key, table: table, "'\(detail)' is not \(what)" + Suggestion.didYouMean(detail, among: names)
                               + ": write \(Choices.list(names))")
                return nil
            }
            switch kind {
            case .severitySet:
                guard let detailNode else { return .severitySet(nil) }
                return severity(detailNode, key: "severity", table: table).map { .severitySet($0) }
            case .roleAssigned:
                guard let detailNode else { return .roleAssigned(nil) }
                return role(detailNode, key: "assigns", table: table, among: Role.allCases).map { .roleAssigned($0) }
            case .updatePosted:
                guard detail != nil else { return .updatePosted(nil) }
                return pick(Audience.allCases.map { ($0.rawValue, $0) }, what: "an audience", reader: &self).map { .updatePosted($0) }
            case .hypothesisRecorded: return .hypothesisRecorded
            case .hypothesisDecided:
                guard detail != nil else { return .hypothesisDecided(nil) }
                return pick(HypothesisVerdict.allCases.map { ($0.rawValue, $0) }, what: "a verdict", reader: &self).map { .hypothesisDecided($0) }
            case .escalated: return .escalated(target: detail)
            case .paged: return .paged(target: detail)
            case .runbookOpened: return .runbookOpened(detail)
            case .mitigationRecorded: return .mitigationRecorded
            case .statusSet:
                guard detail != nil else {
                    problem(node, key: "status", table: table, "is missing: which status they set (\(IncidentStatus.names.joined(separator: ", ")))")
                    return nil
                }
                return pick(IncidentStatus.allCases.map { ($0.rawValue, $0) }, what: "a status", reader: &self).map { .statusSet($0) }
            case .entryLogged:
                guard detail != nil else { return .entryLogged(nil) }
                return pick(EntryKind.allCases.map { ($0.rawValue, $0) }, what: "an entry kind", reader: &self).map { .entryLogged($0) }
            case .impactRecorded: return .impactRecorded
            }
        }

        /// An inject without a time of its own (played at the deadline) or expectations.
        mutating func contingency(_ node: Node, deadline: TimeSpan, table: String) -> DrillInject? {
            if let mapping = node.mapping {
                for (keyNode, _) in mapping {
                    switch keyNode.string {
                    case "at":
                        problem(keyNode, key: "at", table: table, "a contingency is played at its expectation's deadline (\(DrillOffset.text(deadline))), "
                                + "not at a time of its own: leave at out")
                        return nil
                    case "expect":
                        problem(keyNode, key: "expect", table: table, "a contingency carries no expectations of its own: the one it hangs on is still scored")
                        return nil
                    default: continue
                    }
                }
            }
            let before = problems.count
            guard let fields = entries(node, known: DrillScenarioFile.contingencyKeys, table: table) else { return nil }
            let kind = self.kind(fields, at: node, table: table)
            let note = text(fields["note"], key: "note", table: table, example: "what good looks like", multiline: true)
            guard problems.count == before, let kind else { return nil }
            return DrillInject(offset: deadline, kind: kind, note: note)
        }

        // MARK: Values

        /// A text; nil (said) when missing (if `missing` is given), not a scalar, empty or too long.
        mutating func text(_ node: Node?, key: String, table: String?, missing: Node? = nil, example: String, multiline: Bool = false) -> String? {
            guard let node else {
                if let missing { problem(missing, key: key, table: table, "is missing: \(key): \(example)") }
                return nil
            }
            guard let scalar = node.scalar else {
                problem(node, key: key, table: table, "must be text (\(key): \(example)), not a " + (node.sequence != nil ? "list" : "mapping"))
                return nil
            }
            let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
            let isNull = (scalar.style == .plain || scalar.style == .any) && node.null != nil
            guard !value.isEmpty, !isNull else {
                problem(node, key: key, table: table, "is empty: write \(key): \(example)")
                return nil
            }
            guard multiline || !value.contains(where: \.isNewline) else {
                problem(node, key: key, table: table, "must be one line of text (\(key): \(example))")
                return nil
            }
            guard value.count <= DrillScenarioFile.longest else {
                problem(node, key: key, table: table, "is longer than \(DrillScenarioFile.longest) characters: shorten it")
                return nil
            }
            return value
        }

        /// A list of one-line texts, at least one.
        mutating func list(_ node: Node?, key: String, missing: Node, example: String) -> [String] {
            guard let node else {
                problem(missing, key: key, "is missing: list what the team should practise, one per line (\(example))")
                return []
            }
            guard let items = node.sequence, !items.isEmpty else {
                problem(node, key: key, "must be a list, one per line: \(example)")
                return []
            }
            return items.compactMap { text($0, key: key, table: nil, example: String(example.dropFirst(2))) }
        }

        mutating func severity(_ node: Node, key: String, table: String?) -> Severity? {
            let written = scalar(node)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let level = try? Severity.parse(written) else {
                problem(node, key: key, table: table, "'\(written)' is not a severity: write \(Severity.choices)")
                return nil
            }
            return level
        }

        /// A role's name, alias or title; it must be one of `among` (the scenario's roles, for who acts).
        mutating func role(_ node: Node, key: String, table: String?, among: [Role]) -> Role? {
            let written = scalar(node)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let role = Role.named(written) else {
                problem(node, key: key, table: table, "'\(written)' is not a role" + Suggestion.didYouMean(written, among: Role.spellings.map(\.0))
                        + ": write \(Role.choices)")
                return nil
            }
            guard among.contains(role) else {
                problem(node, key: key, table: table, "'\(written)' is not one of the scenario's roles (\(Choices.list(among.map(\.rawValue), last: "and"))): "
                        + "add \(role.rawValue) to roles, or name another")
                return nil
            }
            return role
        }
    }
}
