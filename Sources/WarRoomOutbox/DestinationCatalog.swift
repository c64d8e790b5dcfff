import WarRoomConfig
import WarRoomCore
import WarRoomIntegrations

/// Why a configured destination cannot be sent to now: worded with the table and the key, never a
/// value (`integrations.pd: routing_key is env:PD_KEY, which is not set`).
public struct DestinationProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The destination's name as asked for.
    public var destination: String
    /// The whole sentence.
    public var description: String

    /// A problem with `destination`, said in `description`.
    public init(destination: String, _ description: String) {
        self.destination = destination
        self.description = description
    }
}

/// The config file's `[integrations.NAME]` tables as destinations to send to: credentials read
/// from the environment when asked for (so a variable set later, or a worker started with it, is
/// seen), each problem said once per destination in plain words.
public struct DestinationCatalog: Sendable {
    /// The tables, in file order.
    public let integrations: [Integration]
    private let environment: [String: String]

    /// A catalog of `integrations`, resolving `env:VAR` credentials in `environment`.
    public init(integrations: [Integration], environment: [String: String]) {
        self.integrations = integrations
        self.environment = environment
    }

    /// The configured names, in file order.
    public var names: [String] { integrations.map(\.name) }

    /// The type of destination `name`, configured or not yet resolvable.
    public func type(of name: String) -> DestinationType? { integrations.first { $0.name == name }?.type }

    /// Every credential value the config file holds or names that is set (URLs that are secrets
    /// included): whatever is shown or recorded is scrubbed of all of them, not only of its own
    /// destination's.
    public var secretValues: [String] {
        var values: [String] = []
        for integration in integrations {
            let credentials = Array(integration.credentials.values) + Array(integration.routingKeys.values)
            values += credentials.compactMap { $0.resolve(environment) }
            if integration.type.urlIsSecret, let url = integration.url?.resolve(environment) { values += Self.urlSecrets(url) }
        }
        return values.filter { !$0.isEmpty }
    }

    /// What of a secret URL must never be shown: the whole URL, everything after its host (a vendor
    /// may echo the path), and each path segment or query value that looks like a token (digits,
    /// capitals, or long), so an echoed token alone is hidden too.
    public static func urlSecrets(_ url: String) -> [String] {
        var values = [url]
        guard let schemeEnd = url.range(of: "://") else { return values }
        let rest = url[schemeEnd.upperBound...]
        guard let pathStart = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else { return values }
        let tail = String(rest[pathStart...])
        if tail.count > 1 { values.append(tail) }
        let pieces = tail.split(whereSeparator: { "/?&=#".contains($0) })
        for piece in pieces where piece.count >= 12 || piece.contains(where: { $0.isNumber || $0.isUppercase }) {
            if piece.count >= 6 { values.append(String(piece)) }
        }
        return values
    }

    /// The destination `name`, ready to send to, or what keeps it from being sent to: not
    /// configured (with a did-you-mean), a credential unset, a setting missing.
    public func destination(named name: String) -> Result<Destination, DestinationProblem> {
        guard let integration = integrations.first(where: { $0.name == name }) else {
            let known = names
            let listed = known.isEmpty ? "no destination is configured (add [integrations.NAME] tables to the config file)"
                : "configured: \(Choices.list(known, last: "and"))"
            return .failure(DestinationProblem(destination: name, "there is no [integrations.\(name)] in the config file"
                + Suggestion.didYouMean(name, among: known) + "; \(listed)"))
        }
        return Self.destination(integration, environment: environment)
    }

    /// `integration` as a destination, its credentials resolved in `environment`.
    public static func destination(_ integration: Integration,
                                   environment: [String: String]) -> Result<Destination, DestinationProblem> {
        let name = integration.name
        let table = "integrations.\(name)"
        func problem(_ text: String) -> Result<Destination, DestinationProblem> {
            .failure(DestinationProblem(destination: name, "\(table): \(text)"))
        }
        /// The value of a credential, or the sentence saying why there is none.
        func resolve(_ credential: Credential, key: String) -> Result<String, DestinationProblem> {
            if let value = credential.resolve(environment) { return .success(value) }
            switch credential {
            case .environment(let variable):
                return .failure(DestinationProblem(destination: name, "\(table): \(key) is env:\(variable), which is not set"))
            case .inline:
                return .failure(DestinationProblem(destination: name, "\(table): \(key) is empty"))
            }
        }
        func required(_ key: String) -> Result<Secret, DestinationProblem> {
            guard let credential = integration.credentials[key] else {
                return .failure(DestinationProblem(destination: name, "\(table): type \(integration.type.rawValue) needs \(key)"))
            }
            return resolve(credential, key: key).map(Secret.init)
        }

        var url: String?
        if let credential = integration.url {
            switch resolve(credential, key: "url") {
            case .success(let value): url = value
            case .failure(let failure): return .failure(failure)
            }
        } else if integration.type.urlIsSecret {
            return problem("type \(integration.type.rawValue) needs url (its webhook URL, or \"env:VAR\")")
        }

        let settings: DestinationSettings
        switch integration.type {
        case .slack:
            settings = .slack
        case .teams:
            settings = .teams
        case .webhook:
            switch required("secret") {
            case .success(let secret): settings = .webhook(secret: secret)
            case .failure(let failure): return .failure(failure)
            }
        case .statuspage:
            let key: Secret
            switch required("api_key") {
            case .success(let secret): key = secret
            case .failure(let failure): return .failure(failure)
            }
            guard case .string(let pageID)? = integration.options["page_id"], !pageID.isEmpty else {
                return problem("type statuspage needs page_id")
            }
            var deliver = true
            if case .boolean(let value)? = integration.options["deliver_notifications"] { deliver = value }
            settings = .statuspage(StatuspageSettings(apiKey: key, pageID: pageID,
                                                      impactOverride: integration.impactOverride ?? StatuspageSettings.defaultImpactOverride,
                                                      components: integration.components, deliverNotifications: deliver))
        case .pagerduty:
            var keys: [String: Secret] = [:]
            if let credential = integration.credentials["routing_key"] {
                switch resolve(credential, key: "routing_key") {
                case .success(let value): keys[PagerDutySettings.defaultTarget] = Secret(value)
                case .failure(let failure): return .failure(failure)
                }
            }
            for (target, credential) in integration.routingKeys.sorted(by: { $0.key < $1.key }) {
                switch resolve(credential, key: "routing_keys.\(target)") {
                case .success(let value): keys[target] = Secret(value)
                case .failure(let failure): return .failure(failure)
                }
            }
            guard !keys.isEmpty else {
                return problem("type pagerduty needs routing_key, or a [\(table).routing_keys] table")
            }
            var clientURL: String?
            if case .string(let link)? = integration.options["client_url"] { clientURL = link }
            settings = .pagerduty(PagerDutySettings(routingKeys: keys, clientURL: clientURL))
        case .opsgenie:
            let key: Secret
            switch required("api_key") {
            case .success(let secret): key = secret
            case .failure(let failure): return .failure(failure)
            }
            var region = OpsgenieSettings.Region.us
            if case .string(let text)? = integration.options["region"], let chosen = OpsgenieSettings.Region(rawValue: text.lowercased()) {
                region = chosen
            }
            settings = .opsgenie(OpsgenieSettings(apiKey: key, region: region))
        }
        if let url, let why = Self.urlProblem(url) {
            // An env:VAR URL is only read now: said without its value, which may be the secret.
            return problem("url \(why)")
        }
        return .success(Destination(name: name, settings: settings, url: url,
                                    audiences: Set(integration.audiences), events: Set(integration.events)))
    }

    /// Why warroom will not send to `url` (the config file checks an inline one as it reads it; a
    /// URL from `env:VAR` is only seen here): https anywhere, plain http only to this machine,
    /// where a credential would not cross the network in clear.
    static func urlProblem(_ url: String) -> String? {
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = lower.dropFirst(8) } else if lower.hasPrefix("http://") { rest = lower.dropFirst(7) } else {
            return "must start with https:// (or http:// for a receiver on this machine)"
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPart = authority.split(separator: "@").last.map(String.init) ?? ""
        let host = hostPart.hasPrefix("[") ? String(hostPart.dropFirst().prefix { $0 != "]" }) : String(hostPart.prefix { $0 != ":" })
        guard !host.isEmpty, !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            return "must be a URL with a host and no spaces"
        }
        if lower.hasPrefix("http://"), !(host == "localhost" || host == "::1" || host.hasPrefix("127.")) {
            return "uses plain http, which is accepted only to this machine (127.0.0.1, ::1, localhost): use https://"
        }
        return nil
    }
}
