import WarRoomCore

/// What the config file sets: the theme, who is typing, and the policy numbers.
public struct Config: Hashable, Sendable {
    /// The theme name; nil means the default.
    public var theme: String?
    /// The name entries are attributed to; nil means the caller decides (e.g. `$USER`).
    public var author: String?
    /// The policy numbers, the method's defaults where the file says nothing.
    public var policy: Policy
    /// Where updates, pages and status-page changes go (`[integrations.NAME]`), in file order.
    public var integrations: [Integration] = []
    /// What alerts in may do and where the receiver listens (`[alerts]`, `[alerts.levels]`).
    public var alerts = AlertsConfig.standard
    /// The Prometheus server the SLIs are read from live (`prometheus_url`); nil: none.
    public var prometheusURL: String?
    /// The runbook folder (`runbooks = "PATH"`): a relative path is relative to the config
    /// file's folder, and `load` expands a leading `~`; nil: none.
    public var runbooks: String?
    /// The team's drill scenario folder (`drills = "PATH"`), read like `runbooks`; nil: the shipped ones only.
    public var drills: String?

    /// A config; the defaults are what no file means.
    public init(theme: String? = nil, author: String? = nil, policy: Policy = .standard) {
        self.theme = theme
        self.author = author
        self.policy = policy
    }

    /// No file: the default theme, no author, the standard policy.
    public static let standard = Config()
}

/// A config and what was wrong in its file.
public struct ConfigLoad: Hashable, Sendable {
    /// The config to use: every key the file got wrong holds its default.
    public var config: Config
    /// Every problem, with file, line and key.
    public var diagnostics: [Diagnostic]
    /// The file read; nil when there is none (a missing file is not an error).
    public var path: String?

    /// A config, its diagnostics and the file it came from.
    public init(config: Config, diagnostics: [Diagnostic], path: String?) {
        self.config = config
        self.diagnostics = diagnostics
        self.path = path
    }
}

extension Config {
    /// Reads `<config dir>/warroom/config.toml` (see `paths`). A missing file gives the defaults
    /// and no diagnostics; a broken one gives the defaults for every key it got wrong.
    public static func load(environment: [String: String]) -> ConfigLoad {
        let path = paths(environment: environment).config
        let home = environment["HOME"]
        switch FileText.read(path) {
        case .missing:
            return ConfigLoad(config: .standard, diagnostics: [], path: nil)
        case let .problem(problem):
            let diagnostic = Diagnostic(file: path, message: "\(problem); using the built-in defaults")
            return ConfigLoad(config: .standard, diagnostics: [diagnostic.abbreviatingHome(home)], path: path)
        case let .text(text):
            var load = parse(text, file: path, privateFile: FileText.isPrivate(path))
            load.config.runbooks = load.config.runbooks.map { expandingHome($0, home: home) }
            load.config.drills = load.config.drills.map { expandingHome($0, home: home) }
            load.diagnostics = load.diagnostics.map { $0.abbreviatingHome(home) }
            return load
        }
    }

    /// Reads config text; `file` labels the diagnostics and becomes `path`. Pure. `privateFile`:
    /// whether only its owner may read the file (mode 0600), without which an inline secret is
    /// refused (`env:VAR` is always accepted).
    public static func parse(_ text: String, file: String, privateFile: Bool = false) -> ConfigLoad {
        let document = TOMLSubset.parse(text, file: file)
        var reader = ConfigReader(file: file)
        reader.privateFile = privateFile
        reader.diagnostics = document.diagnostics.map { diagnostic in
            var copy = diagnostic
            if !copy.message.contains("ignored") { copy.message += "; the line was ignored" }
            return copy
        }
        for table in document.tables where ConfigReader.section(table.path) == nil {
            reader.problem(table.line, table.path, nil,
                           "unknown table: expected [policy], [policy.sev1] … [policy.sev4], [policy.audiences], "
                            + "[policy.aliases], [integrations.NAME], [integrations.NAME.routing_keys], [integrations.NAME.impact_override], [integrations.NAME.components], [alerts] or [alerts.levels]; "
                            + "its keys were ignored")
        }
        for entry in document.entries {
            reader.apply(entry)
        }
        reader.finishIntegrations(document.tables, privateFile: privateFile)
        reader.config.alerts.line = document.tables.first { $0.path == ["alerts"] }?.line
        return ConfigLoad(config: reader.config, diagnostics: reader.diagnostics.sorted(by: ConfigReader.fileOrder), path: file)
    }
}

extension Config {
    /// `~` and `~/x` under `home` (unchanged without an absolute one).
    static func expandingHome(_ path: String, home: String?) -> String {
        guard let home, home.hasPrefix("/"), path == "~" || path.hasPrefix("~/") else { return path }
        return path == "~" ? home : PathText.joined(home, String(path.dropFirst(2)))
    }

    /// A path written in the file at `file`: as written when absolute or under `~`, else
    /// relative to the file's folder.
    static func relative(_ path: String, toFileAt file: String) -> String {
        guard !path.hasPrefix("/"), path != "~", !path.hasPrefix("~/"), let slash = file.lastIndex(of: "/") else { return path }
        let folder = file[..<slash]
        return folder.isEmpty ? "/" + path : PathText.joined(String(folder), path)
    }
}

/// Applies entries one at a time, keeping the default of any key it cannot use.
struct ConfigReader {
    enum Section {
        case top, policy, severity(Severity), audiences, aliases, integration(String), routingKeys(String), alerts, alertLevels
        /// A destination's sub-table other than `routing_keys` (`impact_override`, `components`).
        case integrationMap(String, String)
    }

    let file: String
    var config = Config.standard
    var diagnostics: [Diagnostic] = []
    /// Whether only its owner may read the file: an inline secret is refused otherwise.
    var privateFile = false
    /// Each `[integrations.NAME]` table's entries (and its `routing_keys`), read once all are in.
    var integrationEntries: [String: [TOMLEntry]] = [:]
    var routingKeyEntries: [String: [TOMLEntry]] = [:]
    /// Statuspage's `[integrations.NAME.impact_override]` and `[integrations.NAME.components]`, by name.
    var integrationMapEntries: [String: [String: [TOMLEntry]]] = [:]

    init(file: String) { self.file = file }

    static let topKeys = ["theme", "author", "prometheus_url", "runbooks", "drills"]
    static let policyKeys = ["hypothesis_timebox", "monitoring_window", "postmortem_due", "doubling_floor_percent",
                             "doubling_floor_users", "all_clear_within", "postmortem_required"]
    static let audienceKeys = Audience.allCases.map(\.rawValue)
    static let severityKeys = ["response_time", "update_cadence", "initial_notification", "escalate_within",
                               "root_cause_deadline", "escalation_target"]
    /// The longest span any policy number may be: longer ones are typos, and they would push
    /// deadlines past anything the screen can show.
    static let longest = TimeSpan.hours(24 * 365)

    static func section(_ path: [String]) -> Section? {
        switch path {
        case []: .top
        case ["policy"]: .policy
        case ["policy", "sev1"]: .severity(.sev1)
        case ["policy", "sev2"]: .severity(.sev2)
        case ["policy", "sev3"]: .severity(.sev3)
        case ["policy", "sev4"]: .severity(.sev4)
        case ["policy", "audiences"]: .audiences
        case ["policy", "aliases"]: .aliases
        case ["alerts"]: .alerts
        case ["alerts", "levels"]: .alertLevels
        case let path where path.count == 2 && path[0] == "integrations": .integration(path[1])
        case let path where path.count == 3 && path[0] == "integrations" && path[2] == "routing_keys": .routingKeys(path[1])
        case let path where path.count == 3 && path[0] == "integrations" && ConfigReader.integrationMaps.contains(path[2]):
            .integrationMap(path[1], path[2])
        default: nil
        }
    }

    static func fileOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        (lhs.line ?? 0) < (rhs.line ?? 0)
    }

    mutating func problem(_ line: Int, _ table: [String], _ key: String?, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, table: TOMLSubset.display(table), key: key, message: message))
    }

    mutating func apply(_ entry: TOMLEntry) {
        guard let section = ConfigReader.section(entry.table) else { return }  // reported with its table
        switch section {
        case .top: applyTop(entry)
        case .policy: applyPolicy(entry)
        case let .severity(level): applySeverity(entry, level)
        case .audiences: applyAudience(entry)
        case .aliases: applyAlias(entry)
        case let .integration(name): integrationEntries[name, default: []].append(entry)
        case let .routingKeys(name): routingKeyEntries[name, default: []].append(entry)
        case let .integrationMap(name, map): integrationMapEntries[name, default: [:]][map, default: []].append(entry)
        case .alerts: applyAlerts(entry, privateFile: privateFile)
        case .alertLevels: applyAlertLevel(entry)
        }
    }

    mutating func applyTop(_ entry: TOMLEntry) {
        switch entry.key {
        case "theme":
            guard let name = text(entry, kept: "the default theme") else { return }
            guard ThemeCatalog.isValidName(name) else {
                problem(entry.line, entry.table, entry.key,
                        "'\(TOMLValue.escaped(name))' is not a theme name: use letters, digits, '-', '_' and '.'; kept the default theme")
                return
            }
            config.theme = name
        case "author":
            guard let name = text(entry, kept: "no author (your user name is used)") else { return }
            config.author = name
        case "prometheus_url":
            guard let url = text(entry, kept: "no Prometheus (SLOs from incidents only)") else { return }
            if let mistake = PrometheusURL.problem(with: url) {
                problem(entry.line, entry.table, entry.key, mistake + "; kept no Prometheus (SLOs from incidents only)")
                return
            }
            config.prometheusURL = url
        case "runbooks":
            guard let folder = text(entry, kept: "no runbook folder") else { return }
            config.runbooks = Config.relative(folder, toFileAt: file)
        case "drills":
            guard let folder = text(entry, kept: "no drill scenario folder (the shipped scenarios only)") else { return }
            config.drills = Config.relative(folder, toFileAt: file)
        default:
            unknownKey(entry, expected: ConfigReader.topKeys,
                       extra: " (policy numbers go under [policy] and [policy.sev1] … [policy.sev4])")
        }
    }

    mutating func applyPolicy(_ entry: TOMLEntry) {
        var policy = config.policy
        switch entry.key {
        case "hypothesis_timebox":
            guard let span = span(entry, current: policy.hypothesisTimebox, zeroAllowed: false, most: .hours(24)) else { return }
            policy.hypothesisTimebox = span
        case "monitoring_window":
            guard let span = span(entry, current: policy.monitoringWindow, zeroAllowed: true) else { return }
            policy.monitoringWindow = span
        case "postmortem_due":
            guard let span = span(entry, current: policy.postmortemDue, zeroAllowed: false) else { return }
            policy.postmortemDue = span
        case "doubling_floor_percent":
            guard let percent = percent(entry, current: policy.doublingFloorPercent) else { return }
            policy.doublingFloorPercent = percent
        case "doubling_floor_users":
            guard let users = count(entry, current: policy.doublingFloorUsers) else { return }
            policy.doublingFloorUsers = users
        case "all_clear_within":
            guard let span = span(entry, current: policy.allClearWithin, zeroAllowed: true) else { return }
            policy.allClearWithin = span
        case "postmortem_required":
            guard let levels = severities(entry, current: policy.postmortemRequired) else { return }
            policy.postmortemRequired = levels
        default:
            unknownKey(entry, expected: ConfigReader.policyKeys,
                       extra: " (per-severity numbers go under [policy.sev1] … [policy.sev4])")
            return
        }
        config.policy = policy
    }

    mutating func applySeverity(_ entry: TOMLEntry, _ level: Severity) {
        var rule = config.policy.rule(for: level)
        switch entry.key {
        case "response_time":
            guard let span = span(entry, current: rule.responseTime, zeroAllowed: false) else { return }
            rule.responseTime = span
        case "update_cadence":
            guard let span = span(entry, current: rule.updateCadence, zeroAllowed: false) else { return }
            rule.updateCadence = span
        case "initial_notification":
            guard let span = optionalSpan(entry, current: rule.initialNotification, zeroAllowed: true,
                                          noneMeans: "one update cadence") else { return }
            rule.initialNotification = span
        case "escalate_within":
            guard let span = optionalSpan(entry, current: rule.escalateWithin, zeroAllowed: true,
                                          noneMeans: "no deadline") else { return }
            rule.escalateWithin = span
        case "root_cause_deadline":
            guard let span = optionalSpan(entry, current: rule.rootCauseDeadline, zeroAllowed: false,
                                          noneMeans: "no trigger") else { return }
            rule.rootCauseDeadline = span
        case "escalation_target":
            guard let target = text(entry, kept: "'\(rule.escalationTarget)'") else { return }
            rule.escalationTarget = target
        default:
            unknownKey(entry, expected: ConfigReader.severityKeys, extra: "")
            return
        }
        switch level {
        case .sev1: config.policy.sev1 = rule
        case .sev2: config.policy.sev2 = rule
        case .sev3: config.policy.sev3 = rule
        case .sev4: config.policy.sev4 = rule
        }
    }

    /// `engineering = "severity"`, `customers = "1h"`, `executives = "none"`: who is owed updates.
    mutating func applyAudience(_ entry: TOMLEntry) {
        guard let audience = Audience(rawValue: entry.key) else {
            unknownKey(entry, expected: ConfigReader.audienceKeys, extra: " (the audiences updates go to)")
            return
        }
        let current = config.policy.audiences[audience]
        let kept = "kept " + (current.map { cadence in
            switch cadence {
            case .severity: "\"severity\""
            case .every(let span): "\"\(span.compact)\""
            }
        } ?? "\"none\"")
        let expected = "expected \"severity\" (the severity's cadence), a span such as \"1h\", or \"none\" (owed no updates)"
        guard case let .string(value) = entry.value else {
            problem(entry.line, entry.table, entry.key, "\(expected), found \(entry.value.tomlText); \(kept)")
            return
        }
        switch value.trimmingSpaces.lowercased() {
        case "severity": config.policy.audiences[audience] = .severity
        case "none": config.policy.audiences[audience] = nil
        default:
            guard let span = TimeSpan.parse(value) else {
                problem(entry.line, entry.table, entry.key,
                        "'\(TOMLValue.escaped(String(value.prefix(40))))' is not a cadence: \(expected); \(kept)")
                return
            }
            guard span > .zero, span <= ConfigReader.longest else {
                problem(entry.line, entry.table, entry.key,
                        "a cadence must be longer than zero and at most \(ConfigReader.longest.compact); \(kept)")
                return
            }
            config.policy.audiences[audience] = .every(span)
        }
    }

    /// `em = "Eng Manager"`: another name for a notification target; `"none"` drops an alias.
    mutating func applyAlias(_ entry: TOMLEntry) {
        let key = entry.key.trimmingSpaces.lowercased()
        guard key.contains(where: { $0.isLetter || $0.isNumber }) else {
            problem(entry.line, entry.table, entry.key, "an alias needs letters or digits; it was ignored")
            return
        }
        let kept = Policy.standardAliases[key].map { "'\($0)'" } ?? "no alias"
        guard let target = text(entry, kept: kept) else { return }
        if target.lowercased() == "none" {
            config.policy.notifyAliases[key] = nil
        } else {
            config.policy.notifyAliases[key] = target
        }
    }

    /// A share of users from 0 to 100: an integer, or a string such as "0.5" or "0.5%".
    mutating func percent(_ entry: TOMLEntry, current: Double) -> Double? {
        let kept = "kept the default \(formatPercent(current))"
        let value: Double?
        switch entry.value {
        case let .integer(number): value = Double(number)
        case let .string(text):
            let body = text.trimmingSpaces
            value = Double(body.hasSuffix("%") ? String(body.dropLast()) : String(body))
        case .boolean, .strings: value = nil
        }
        guard let value, value.isFinite, (0...100).contains(value) else {
            problem(entry.line, entry.table, entry.key,
                    "expected a share of users from 0 to 100 (1, or \"0.5\" in quotes), found \(entry.value.tomlText); \(kept)")
            return nil
        }
        return value
    }

    /// A count of users, 0 or more.
    mutating func count(_ entry: TOMLEntry, current: Int) -> Int? {
        guard case let .integer(number) = entry.value, number >= 0, let value = Int(exactly: number) else {
            problem(entry.line, entry.table, entry.key,
                    "expected a count of users, 0 or more (such as 100), found \(entry.value.tomlText); kept the default \(current)")
            return nil
        }
        return value
    }

    /// `"SEV1, SEV2"`, `"all"` or `"none"`: the levels that need a final post-mortem to close.
    mutating func severities(_ entry: TOMLEntry, current: Set<Severity>) -> Set<Severity>? {
        let keptText = current.isEmpty ? "none" : current.sorted().map(\.label).joined(separator: ", ")
        let expected = "expected levels such as \"SEV1, SEV2\", or \"all\" or \"none\""
        guard case let .string(value) = entry.value else {
            problem(entry.line, entry.table, entry.key, "\(expected), found \(entry.value.tomlText); kept \(keptText)")
            return nil
        }
        switch value.trimmingSpaces.lowercased() {
        case "all": return Set(Severity.allCases)
        case "none": return []
        default: break
        }
        var levels: Set<Severity> = []
        for part in value.split(whereSeparator: { $0 == "," || $0 == " " }) where !part.isEmpty {
            guard let level = try? Severity.parse(String(part)) else {
                problem(entry.line, entry.table, entry.key,
                        "'\(TOMLValue.escaped(String(part.prefix(20))))' is not a severity: \(expected); kept \(keptText)")
                return nil
            }
            levels.insert(level)
        }
        guard !levels.isEmpty else {
            problem(entry.line, entry.table, entry.key, "\(expected); kept \(keptText)")
            return nil
        }
        return levels
    }

    mutating func unknownKey(_ entry: TOMLEntry, expected: [String], extra: String) {
        if let near = ConfigReader.suggestion(for: entry.key, among: expected) {
            problem(entry.line, entry.table, entry.key, "unknown key (did you mean '\(near)'?); it was ignored")
            return
        }
        problem(entry.line, entry.table, entry.key,
                "unknown key: expected one of \(expected.joined(separator: ", "))\(extra); it was ignored")
    }

    /// The expected key a mistyped one most likely meant: the same but for case and separators
    /// (`hypothesisTimebox`), or at most two edits away (`authr`).
    static func suggestion(for key: String, among expected: [String]) -> String? {
        func fold(_ text: String) -> [Unicode.Scalar] {
            Array(text.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
        }
        let folded = fold(key)
        guard folded.count >= 3, folded.count <= 64 else { return nil }
        let scored = expected.map { ($0, editDistance(folded, fold($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    /// Levenshtein distance (the core's, which every "did you mean" uses).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int { Suggestion.editDistance(a, b) }

    /// A one-line, non-empty string, or nil after reporting why not.
    mutating func text(_ entry: TOMLEntry, kept: String) -> String? {
        guard case let .string(value) = entry.value else {
            problem(entry.line, entry.table, entry.key,
                    "expected a string in quotes, found \(entry.value.typeDescription) \(entry.value.tomlText); kept \(kept)")
            return nil
        }
        let trimmed = value.trimmingSpaces
        guard !trimmed.isEmpty else {
            problem(entry.line, entry.table, entry.key, "must not be empty; kept \(kept)")
            return nil
        }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            problem(entry.line, entry.table, entry.key, "must be one line without control characters; kept \(kept)")
            return nil
        }
        guard value.count <= 200 else {
            problem(entry.line, entry.table, entry.key, "is longer than 200 characters; kept \(kept)")
            return nil
        }
        return String(trimmed)
    }

    /// A span written as a string (`"15m"`), within bounds, or nil after reporting why not.
    mutating func span(_ entry: TOMLEntry, current: TimeSpan, zeroAllowed: Bool,
                       most: TimeSpan = ConfigReader.longest) -> TimeSpan? {
        readSpan(entry, keptText: current.compact, zeroAllowed: zeroAllowed, most: most, noneMeans: nil) ?? nil
    }

    /// Like `span`, but `"none"` means nil. The outer nil means "keep the default".
    mutating func optionalSpan(_ entry: TOMLEntry, current: TimeSpan?, zeroAllowed: Bool,
                               noneMeans: String) -> TimeSpan?? {
        readSpan(entry, keptText: current?.compact ?? "none", zeroAllowed: zeroAllowed,
                 most: ConfigReader.longest, noneMeans: noneMeans)
    }

    private mutating func readSpan(_ entry: TOMLEntry, keptText: String, zeroAllowed: Bool, most: TimeSpan,
                                   noneMeans: String?) -> TimeSpan?? {
        let examples = "a string like \"15m\", \"2h\", \"90s\" or \"1h30m\"" + (noneMeans.map { " or \"none\" (\($0))" } ?? "")
        let kept = "kept the default \(keptText)"
        let value: String
        switch entry.value {
        case let .string(text):
            value = text
        case let .integer(number):
            problem(entry.line, entry.table, entry.key,
                    "expected \(examples), found the number \(number) (write \"\(number)m\" for minutes); \(kept)")
            return nil
        case .boolean, .strings:
            problem(entry.line, entry.table, entry.key, "expected \(examples), found \(entry.value.tomlText); \(kept)")
            return nil
        }
        if noneMeans != nil, value.trimmingSpaces.lowercased() == "none" { return .some(nil) }
        guard let span = TimeSpan.parse(value) else {
            problem(entry.line, entry.table, entry.key,
                    "'\(TOMLValue.escaped(String(value.prefix(40))))' is not a span: expected \(examples); \(kept)")
            return nil
        }
        if span <= .zero && !zeroAllowed {
            problem(entry.line, entry.table, entry.key, "must be longer than zero; \(kept)")
            return nil
        }
        if span > most {
            problem(entry.line, entry.table, entry.key, "\(span.compact) is too long: at most \(most.compact); \(kept)")
            return nil
        }
        return .some(span)
    }
}

