import WarRoomCore

/// One destination of the config file's `[integrations.NAME]` tables: where warroom sends
/// updates, pages and status-page changes, which of them, and with what credentials.
public struct Integration: Hashable, Sendable {
    /// The table's name: what the outbox, `warroom outbox` and `integrations test NAME` call it.
    public var name: String
    public var type: IntegrationType
    /// The endpoint (Slack, Teams, webhook: a secret, it may be `env:VAR`) or the API's base URL
    /// (the vendor's own when not set: `type.defaultBaseURL`).
    public var url: Credential?
    /// Which status updates it receives.
    public var audiences: [Audience]
    /// Which lifecycle events it receives.
    public var events: [IntegrationEvent]
    /// The type's credentials by key (`routing_key`, `api_key`, `secret`), inline or `env:VAR`.
    public var credentials: [String: Credential]
    /// PagerDuty: a routing key per `/page TARGET` (`[integrations.NAME.routing_keys]`).
    public var routingKeys: [String: Credential]
    /// The type's other settings (`page_id`, `region`, `client_url`, `deliver_notifications`).
    public var options: [String: TOMLValue]
    /// The line of its table, for messages.
    public var line: Int
}

/// What a destination is.
public enum IntegrationType: String, CaseIterable, Hashable, Sendable {
    case slack, teams, statuspage, pagerduty, opsgenie, webhook

    /// The keys a table of this type may hold, besides `type`, `url`, `audiences` and `events`.
    var keys: [String] {
        switch self {
        case .slack, .teams: []
        case .webhook: ["secret"]
        case .statuspage: ["api_key", "page_id", "deliver_notifications"]
        case .pagerduty: ["routing_key", "client_url"]
        case .opsgenie: ["api_key", "region"]
        }
    }

    /// The keys that hold secrets: inline only in a private file.
    static let secretKeys: Set<String> = ["secret", "api_key", "routing_key"]

    /// Whether `url` is the secret endpoint itself (a Slack or Teams webhook URL is its credential).
    var urlIsSecret: Bool { self == .slack || self == .teams || self == .webhook }

    /// The vendor's API when `url` is not set; nil where the URL is the endpoint and required.
    public var defaultBaseURL: String? {
        switch self {
        case .statuspage: "https://api.statuspage.io"
        case .pagerduty: "https://events.pagerduty.com"
        case .opsgenie: "https://api.opsgenie.com"
        case .slack, .teams, .webhook: nil
        }
    }

    /// What it receives when its table names no `events`.
    public var defaultEvents: [IntegrationEvent] {
        switch self {
        case .slack, .teams: [.declared, .severity, .update, .resolved]
        case .statuspage: [.update, .status, .resolved]
        case .pagerduty, .opsgenie: [.page, .acknowledged, .resolved]
        case .webhook: IntegrationEvent.allCases
        }
    }

    /// Which status updates it receives when its table names no `audiences`.
    public var defaultAudiences: [Audience] {
        switch self {
        case .slack, .teams: [.engineering]
        case .statuspage: [.customers]
        case .pagerduty, .opsgenie: []
        case .webhook: Audience.allCases
        }
    }
}

/// The lifecycle events a destination may receive, by the names `events = [...]` uses.
public enum IntegrationEvent: String, CaseIterable, Hashable, Sendable {
    /// An incident declared.
    case declared
    /// Its severity changed.
    case severity
    /// A status update posted (to the audiences the destination receives).
    case update
    /// Its lifecycle status changed (investigating, identified, monitoring …).
    case status
    /// It was resolved.
    case resolved
    /// An escalation or `/page TARGET`.
    case page
    /// A paged role was assigned.
    case acknowledged
    /// An `/action` tagged deploy, as a change event.
    case deploy
}

/// A credential as the config file gives it: the value itself (only in a file that only its
/// owner may read), or `env:VAR`, read from the environment when it is used.
public enum Credential: Hashable, Sendable, CustomStringConvertible {
    case inline(String)
    case environment(String)

    /// The value, or nil when the variable is unset or empty.
    public func resolve(_ environment: [String: String]) -> String? {
        switch self {
        case let .inline(value): value
        case let .environment(name): environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// Never the secret: `env:NAME`, or `***`.
    public var description: String {
        switch self {
        case .inline: "***"
        case let .environment(name): "env:\(name)"
        }
    }
}
