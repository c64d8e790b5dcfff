import WarRoomCore

/// The config file's `[alerts]` table and its `[alerts.levels]`: what alerts may do by themselves
/// (`warroom alerts serve`/`ingest`), where the receiver listens, and its secrets. The defaults
/// are what no table means: `critical` → SEV2 declared by itself, `error`/`warning` → SEV3
/// proposed, `info`/`none` ignored, a missing or unknown label proposed at SEV3.
public struct AlertsConfig: Hashable, Sendable {
    /// Severity label (lowercase) → SEV level. `[alerts.levels]` entries replace or add labels;
    /// the defaults hold for the labels it does not name.
    public var levels: [String: Severity]
    /// The levels an alert declares at by itself.
    public var autoDeclare: Set<Severity>
    /// Labels that never declare nor propose (they still attach to an open incident).
    public var ignored: [String]
    /// The level of an alert whose label is missing or unmapped; nil (`"ignore"`) ignores it.
    public var unmapped: Severity?
    /// Where `alerts serve` listens.
    public var listenHost: String
    public var listenPort: Int
    /// The author the intake records under.
    public var author: String
    /// PagerDuty V3 webhook secret (the one PagerDuty shows when the subscription is made).
    public var pagerDutySecret: Credential?
    /// The shared secret senders prove with a bearer token or HMAC, required to listen beyond loopback.
    public var sharedSecret: Credential?
    /// The line of the `[alerts]` table, when the file has one.
    public var line: Int?

    /// The labels and levels of the default policy (as `AlertPolicy.defaultLevels` in WarRoomAlerts,
    /// which this target does not see; a test keeps the two equal).
    public static let defaultLevels: [String: Severity] = [
        "critical": .sev2, "error": .sev3, "warning": .sev3,
        "p1": .sev1, "p2": .sev2, "p3": .sev3, "p4": .sev4, "p5": .sev4,
        "high": .sev2, "low": .sev4,
    ]
    public static let defaultListenHost = "127.0.0.1"
    public static let defaultListenPort = 9095
    public static let defaultAuthor = "alerts"

    public init(levels: [String: Severity] = AlertsConfig.defaultLevels, autoDeclare: Set<Severity> = [.sev1, .sev2],
                ignored: [String] = ["info", "none"], unmapped: Severity? = .sev3,
                listenHost: String = AlertsConfig.defaultListenHost, listenPort: Int = AlertsConfig.defaultListenPort,
                author: String = AlertsConfig.defaultAuthor, pagerDutySecret: Credential? = nil, sharedSecret: Credential? = nil,
                line: Int? = nil) {
        self.levels = levels
        self.autoDeclare = autoDeclare
        self.ignored = ignored
        self.unmapped = unmapped
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.author = author
        self.pagerDutySecret = pagerDutySecret
        self.sharedSecret = sharedSecret
        self.line = line
    }

    public static let standard = AlertsConfig()

    /// `HOST:PORT`, `[::1]:PORT`: how `listen` is written; nil with why not otherwise.
    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        let value = text.trimmingSpaces
        let host: Substring, portText: Substring
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return nil }
            host = value[value.index(after: value.startIndex)..<close]
            let rest = value[value.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
        } else {
            guard let colon = value.lastIndex(of: ":"), !value[..<colon].contains(":") else { return nil }
            host = value[..<colon]
            portText = value[value.index(after: colon)...]
        }
        guard !host.isEmpty, host.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic
                    || ("0"..."9").contains($0) || ".:-_".unicodeScalars.contains($0)) }),
              portText.count <= 5, portText.allSatisfy(\.isNumber), let port = Int(portText), (0...65535).contains(port) else {
            return nil
        }
        return (String(host), port)
    }
}

extension ConfigReader {
    static let alertsKeys = ["auto_declare", "ignored", "unmapped", "listen", "author", "pagerduty_secret", "shared_secret"]

    mutating func applyAlerts(_ entry: TOMLEntry, privateFile: Bool) {
        var alerts = config.alerts
        switch entry.key {
        case "auto_declare":
            guard let levels = severityList(entry, kept: alerts.autoDeclare) else { return }
            alerts.autoDeclare = levels
        case "ignored":
            let kept = "kept " + (alerts.ignored.isEmpty ? "none" : alerts.ignored.joined(separator: ", "))
            let labels: [String]
            switch entry.value {
            case let .strings(values): labels = values
            case let .string(value): labels = [value]
            default:
                problem(entry.line, entry.table, entry.key, "expected a list of severity labels like [\"info\", \"none\"], found "
                        + "\(entry.value.typeDescription); \(kept)")
                return
            }
            var cleaned: [String] = []
            for label in labels {
                guard let label = Self.label(label) else {
                    problem(entry.line, entry.table, entry.key, "'\(TOMLValue.escaped(String(label.prefix(40))))' is not a severity "
                            + "label: use one word, as senders write it (\"info\"); \(kept)")
                    return
                }
                if !cleaned.contains(label) { cleaned.append(label) }
            }
            alerts.ignored = cleaned
        case "unmapped":
            let kept = "kept " + (alerts.unmapped?.label ?? "ignore")
            guard case let .string(value) = entry.value else {
                problem(entry.line, entry.table, entry.key, "expected a level such as \"SEV3\", or \"ignore\", found "
                        + "\(entry.value.tomlText); \(kept)")
                return
            }
            if value.trimmingSpaces.lowercased() == "ignore" {
                alerts.unmapped = nil
            } else if let level = try? Severity.parse(value) {
                alerts.unmapped = level
            } else {
                problem(entry.line, entry.table, entry.key, "'\(TOMLValue.escaped(String(value.prefix(20))))' is not a level"
                        + Suggestion.didYouMean(value, among: Severity.allCases.map(\.label) + ["ignore"])
                        + ": expected SEV1 … SEV4, or \"ignore\"; \(kept)")
                return
            }
        case "listen":
            let kept = "kept \(alerts.listenHost):\(alerts.listenPort)"
            guard case let .string(value) = entry.value, let (host, port) = AlertsConfig.parseListen(value) else {
                problem(entry.line, entry.table, entry.key, "expected \"HOST:PORT\" such as \"127.0.0.1:9095\" (\"[::1]:9095\" for "
                        + "IPv6), found \(entry.value.tomlText); \(kept)")
                return
            }
            alerts.listenHost = host
            alerts.listenPort = port
        case "author":
            guard let name = text(entry, kept: "the author \"\(alerts.author)\"") else { return }
            alerts.author = name
        case "pagerduty_secret", "shared_secret":
            let consequence = entry.key == "pagerduty_secret"
                ? "no PagerDuty secret is set, so PagerDuty deliveries are refused"
                : "no shared secret is set, so alerts serve listens on loopback only"
            guard let credential = credential(entry, secret: true, privateFile: privateFile, isURL: false,
                                              consequence: consequence) else { return }
            if entry.key == "pagerduty_secret" { alerts.pagerDutySecret = credential } else { alerts.sharedSecret = credential }
        default:
            unknownKey(entry, expected: Self.alertsKeys, extra: " (label = \"SEV2\" lines go under [alerts.levels])")
            return
        }
        config.alerts = alerts
    }

    /// `critical = "SEV2"` under `[alerts.levels]`.
    mutating func applyAlertLevel(_ entry: TOMLEntry) {
        guard let label = Self.label(entry.key) else {
            problem(entry.line, entry.table, entry.key, "is not a severity label: use one word, as senders write it "
                    + "(critical = \"SEV2\"); it was ignored")
            return
        }
        let kept = config.alerts.levels[label].map { "kept \($0.label)" } ?? "the label stays unmapped"
        guard case let .string(value) = entry.value, let level = try? Severity.parse(value) else {
            let typed = entry.value.stringValue ?? entry.value.tomlText
            problem(entry.line, entry.table, entry.key, "\(entry.value.tomlText) is not a level"
                    + Suggestion.didYouMean(typed, among: Severity.allCases.map(\.label))
                    + ": expected \"SEV1\" … \"SEV4\"; \(kept)")
            return
        }
        config.alerts.levels[label] = level
    }

    /// A label as matched: trimmed, lowercase, one word of letters, digits, `-`, `_`, `.`.
    static func label(_ text: String) -> String? {
        let label = text.trimmingSpaces.lowercased()
        guard !label.isEmpty, label.count <= 64, label.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic
            || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }) else { return nil }
        return label
    }

    /// `["SEV1", "SEV2"]` (or `[]`, or one level as a string).
    private mutating func severityList(_ entry: TOMLEntry, kept current: Set<Severity>) -> Set<Severity>? {
        let kept = "kept " + (current.isEmpty ? "[]" : "[" + current.sorted().map { "\"\($0.label)\"" }.joined(separator: ", ") + "]")
        let texts: [String]
        switch entry.value {
        case let .strings(values): texts = values
        case let .string(value): texts = [value]
        default:
            problem(entry.line, entry.table, entry.key, "expected a list of levels like [\"SEV1\", \"SEV2\"], found "
                    + "\(entry.value.typeDescription); \(kept)")
            return nil
        }
        var levels: Set<Severity> = []
        for text in texts {
            guard let level = try? Severity.parse(text) else {
                problem(entry.line, entry.table, entry.key, "'\(TOMLValue.escaped(String(text.prefix(20))))' is not a level"
                        + Suggestion.didYouMean(text, among: Severity.allCases.map(\.label)) + ": expected SEV1 … SEV4; \(kept)")
                return nil
            }
            levels.insert(level)
        }
        return levels
    }
}
