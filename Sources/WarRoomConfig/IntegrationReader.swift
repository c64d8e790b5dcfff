import WarRoomCore
import WarRoomIntegrations

/// `[integrations.NAME]` tables: read once every entry is in, so a table is checked whole (its
/// type decides which keys it may hold; a required key missing, or an inline secret in a file
/// others may read, leaves the whole destination out, said so, rather than half of it working).
extension ConfigReader {
    static let integrationCommonKeys = ["type", "url", "audiences", "events"]
    /// Sub-tables of a destination besides `routing_keys`: Statuspage's maps.
    static let integrationMaps = ["impact_override", "components"]

    mutating func finishIntegrations(_ tables: [TOMLTable], privateFile: Bool) {
        var seen: Set<String> = []
        for table in tables where table.path.count == 2 && table.path[0] == "integrations" {
            let name = table.path[1]
            guard seen.insert(name).inserted else { continue }
            if let integration = readIntegration(name, line: table.line, privateFile: privateFile) {
                config.integrations.append(integration)
            }
        }
        for table in tables where table.path.count == 3 && table.path[0] == "integrations" && !seen.contains(table.path[1]) {
            problem(table.line, table.path, nil, "there is no [integrations.\(table.path[1])] table for these \(table.path[2] == "routing_keys" ? "routing keys" : "settings"); they were ignored")
        }
    }

    private mutating func readIntegration(_ name: String, line: Int, privateFile: Bool) -> Integration? {
        let table = ["integrations", name]
        let entries = integrationEntries[name] ?? []
        let ignored = "the integration '\(name)' was ignored"
        guard Self.isIntegrationName(name) else {
            problem(line, table, nil, "'\(TOMLValue.escaped(String(name.prefix(40))))' is not an integration name: use letters, "
                    + "digits, '-' and '_' (at most 64, starting with a letter or digit); \(ignored)")
            return nil
        }
        guard let typeEntry = entries.first(where: { $0.key == "type" }) else {
            problem(line, table, nil, "needs type = \"…\", one of \(Self.typeNames); \(ignored)")
            return nil
        }
        guard case let .string(typeName) = typeEntry.value, let type = DestinationType(rawValue: typeName) else {
            let found = typeEntry.value.tomlText
            let near = typeEntry.value.stringValue.flatMap { Suggestion.closest(to: $0, among: DestinationType.allCases.map(\.rawValue)) }
            problem(typeEntry.line, table, "type", "\(found) is not a type: "
                    + (near.map { "did you mean \"\($0)\"? " } ?? "") + "expected one of \(Self.typeNames); \(ignored)")
            return nil
        }
        var integration = Integration(name: name, type: type, url: nil, audiences: type.orderedDefaultAudiences, events: type.orderedDefaultEvents,
                                      credentials: [:], routingKeys: [:], options: [:], line: line)
        // Set once a key's message has said the integration was left out.
        var said = false
        let allowed = Self.integrationCommonKeys + type.configKeys
        for entry in entries where entry.key != "type" {
            guard allowed.contains(entry.key) else {
                unknownKey(entry, expected: allowed, extra: " for type \(type.rawValue)")
                continue
            }
            switch entry.key {
            case "url":
                guard let credential = credential(entry, secret: type.urlIsSecret, privateFile: privateFile, isURL: true,
                                                  consequence: ignored) else {
                    said = true
                    continue
                }
                integration.url = credential
            case "audiences":
                if let audiences = names(entry, Audience.self, what: "an audience", among: Audience.allCases) {
                    integration.audiences = audiences
                }
            case "events":
                if let events = names(entry, NoticeEvent.self, what: "an event", among: NoticeEvent.configurable) {
                    integration.events = events
                }
            case "secret", "api_key", "routing_key":
                guard let credential = credential(entry, secret: true, privateFile: privateFile, isURL: false,
                                                  consequence: ignored) else {
                    said = true
                    continue
                }
                integration.credentials[entry.key] = credential
            default:
                if let value = option(entry) { integration.options[entry.key] = value }
            }
        }
        for entry in routingKeyEntries[name] ?? [] {
            guard type == .pagerduty else {
                problem(entry.line, entry.table, entry.key, "routing keys are for type pagerduty; it was ignored")
                continue
            }
            guard let credential = credential(entry, secret: true, privateFile: privateFile, isURL: false,
                                              consequence: ignored) else {
                said = true
                continue
            }
            integration.routingKeys[entry.key] = credential
        }
        readStatuspageMaps(&integration)
        if said { return nil }
        if let missing = missingKey(integration) {
            problem(line, table, nil, "\(missing); \(ignored)")
            return nil
        }
        return integration
    }

    /// `[integrations.NAME.impact_override]` (`sev1 = "critical"` …, levels left out keep their
    /// default) and `[integrations.NAME.components]` (`component_id = "major_outage"`): each value
    /// checked against what Statuspage accepts; a wrong one is said and left out, the rest kept.
    private mutating func readStatuspageMaps(_ integration: inout Integration) {
        let maps = integrationMapEntries[integration.name] ?? [:]
        for (map, entries) in maps.sorted(by: { $0.key < $1.key }) {
            for entry in entries {
                guard integration.type == .statuspage else {
                    problem(entry.line, entry.table, entry.key, "\(map) is for type statuspage; it was ignored")
                    continue
                }
                let accepted = map == "impact_override" ? StatuspageSettings.impacts : StatuspageSettings.componentStatuses
                guard case let .string(value) = entry.value, accepted.contains(value) else {
                    let near = entry.value.stringValue.flatMap { Suggestion.closest(to: $0, among: accepted) }
                    problem(entry.line, entry.table, entry.key, "\(entry.value.tomlText) is not accepted here: "
                            + (near.map { "did you mean \"\($0)\"? " } ?? "") + "expected one of "
                            + Choices.list(accepted.map { "\"\($0)\"" }) + "; it was ignored")
                    continue
                }
                if map == "components" {
                    integration.components[entry.key] = value
                    continue
                }
                guard let level = Severity.allCases.first(where: { $0.label.lowercased() == entry.key.lowercased() }) else {
                    let levels = Severity.allCases.map { $0.label.lowercased() }
                    problem(entry.line, entry.table, entry.key, "'\(TOMLValue.escaped(String(entry.key.prefix(40))))' is not a level"
                            + Suggestion.didYouMean(entry.key.lowercased(), among: levels) + ": use \(Choices.list(levels)); it was ignored")
                    continue
                }
                var map = integration.impactOverride ?? StatuspageSettings.defaultImpactOverride
                map[level] = value
                integration.impactOverride = map
            }
        }
    }

    private func missingKey(_ integration: Integration) -> String? {
        switch integration.type {
        case .slack, .teams, .webhook:
            integration.url == nil ? "type \(integration.type.rawValue) needs url = \"…\" (its webhook URL, or \"env:VAR\")" : nil
        case .statuspage:
            integration.credentials["api_key"] == nil ? "type statuspage needs api_key"
                : integration.options["page_id"] == nil ? "type statuspage needs page_id" : nil
        case .pagerduty:
            integration.credentials["routing_key"] == nil && integration.routingKeys.isEmpty
                ? "type pagerduty needs routing_key, or a [integrations.\(integration.name).routing_keys] table" : nil
        case .opsgenie:
            integration.credentials["api_key"] == nil ? "type opsgenie needs api_key" : nil
        }
    }

    /// `env:VAR`, or the value itself: a secret only in a private file; a URL checked. (Also
    /// `[alerts]`' secrets: one way to read a credential.)
    mutating func credential(_ entry: TOMLEntry, secret: Bool, privateFile: Bool, isURL: Bool,
                                     consequence: String) -> Credential? {
        guard case let .string(raw) = entry.value else {
            problem(entry.line, entry.table, entry.key, "expected a string in quotes (the value, or \"env:VAR\"), found "
                    + "\(entry.value.typeDescription); it was ignored")
            return nil
        }
        let value = raw.trimmingSpaces
        if value.hasPrefix("env:") {
            let variable = String(value.dropFirst(4))
            guard Self.isVariableName(variable) else {
                problem(entry.line, entry.table, entry.key, "'env:' must be followed by an environment variable's name "
                        + "(letters, digits and '_', not starting with a digit); \(consequence)")
                return nil
            }
            return .environment(variable)
        }
        if secret && !privateFile {
            // Named by file, never by value: the message must not repeat the secret.
            problem(entry.line, entry.table, entry.key, "holds a secret, but \(file) may be read by others: "
                    + "chmod 600 \(file), or write \"env:VAR\" and set VAR; \(consequence)")
            return nil
        }
        if isURL, let problem = Self.urlProblem(String(value)) {
            self.problem(entry.line, entry.table, entry.key,
                         (secret ? problem : problem + " ('\(TOMLValue.escaped(String(value.prefix(60))))')") + "; \(consequence)")
            return nil
        }
        guard !value.isEmpty, !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            problem(entry.line, entry.table, entry.key, "must be one line, not empty; \(consequence)")
            return nil
        }
        return .inline(String(value))
    }

    /// An array of names of `T` (or one name); nil, reported, when any is not one.
    private mutating func names<T: RawRepresentable & Equatable>(_ entry: TOMLEntry, _: T.Type, what: String, among choices: [T]) -> [T]?
        where T.RawValue == String {
        let texts: [String]
        switch entry.value {
        case let .strings(values): texts = values
        case let .string(value): texts = [value]
        default:
            problem(entry.line, entry.table, entry.key, "expected a list like [\"\(choices.first?.rawValue ?? "")\"], found "
                    + "\(entry.value.typeDescription); kept the default")
            return nil
        }
        var found: [T] = []
        for text in texts {
            guard let value = T(rawValue: text.trimmingSpaces.lowercased()), choices.contains(value) else {
                let all = choices.map(\.rawValue)
                let near = Suggestion.closest(to: text, among: all).map { "did you mean \"\($0)\"? " } ?? ""
                problem(entry.line, entry.table, entry.key, "'\(TOMLValue.escaped(String(text.prefix(40))))' is not \(what): \(near)"
                        + "expected \(all.joined(separator: ", ")); kept the default")
                return nil
            }
            if !found.contains(value) { found.append(value) }
        }
        return found
    }

    private mutating func option(_ entry: TOMLEntry) -> TOMLValue? {
        switch (entry.key, entry.value) {
        case ("deliver_notifications", .boolean): return entry.value
        case ("region", let .string(region)) where ["us", "eu"].contains(region.lowercased()):
            return .string(region.lowercased())
        case ("page_id", let .string(id)) where Self.isIntegrationName(id): return entry.value
        case ("client_url", let .string(url)) where Self.urlProblem(url) == nil: return entry.value
        case ("deliver_notifications", _):
            problem(entry.line, entry.table, entry.key, "expected true or false, found \(entry.value.tomlText); it was ignored")
        case ("region", _):
            problem(entry.line, entry.table, entry.key, "expected \"us\" or \"eu\", found \(entry.value.tomlText); it was ignored")
        case ("page_id", _):
            problem(entry.line, entry.table, entry.key, "expected the page's id in quotes (letters and digits), found "
                    + "\(entry.value.tomlText); it was ignored")
        default:
            let why = entry.value.stringValue.flatMap(Self.urlProblem) ?? "expected a URL in quotes"
            problem(entry.line, entry.table, entry.key, "\(why); it was ignored")
        }
        return nil
    }

    /// Why `text` is not a URL warroom sends to: https anywhere, http only to this machine
    /// (tests, a local relay), since a secret would cross the network in clear.
    static func urlProblem(_ text: String) -> String? {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = text.dropFirst(8) } else if lower.hasPrefix("http://") { rest = text.dropFirst(7) } else {
            return "expected a URL starting with https://"
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last.map { hostPart in
            hostPart.hasPrefix("[") ? String(hostPart.prefix { $0 != "]" }.dropFirst()) : String(hostPart.prefix { $0 != ":" })
        } ?? ""
        guard !host.isEmpty, !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            return "expected a URL with a host and no spaces"
        }
        if lower.hasPrefix("http://"), !(host == "localhost" || host == "::1" || host.hasPrefix("127.")) {
            return "plain http is accepted only to this machine (127.0.0.1, ::1, localhost): use https://"
        }
        return nil
    }

    static var typeNames: String { DestinationType.allCases.map(\.rawValue).joined(separator: ", ") }

    static func isIntegrationName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 64, first.properties.isAlphabetic || ("0"..."9").contains(first),
              first.isASCII else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }
}

extension TOMLValue {
    /// The text of a string value; nil for the other kinds.
    var stringValue: String? { if case let .string(text) = self { text } else { nil } }
}
