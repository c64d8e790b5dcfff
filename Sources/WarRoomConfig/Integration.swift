import WarRoomCore
import WarRoomIntegrations

/// One destination of the config file's `[integrations.NAME]` tables: where warroom sends
/// updates, pages and status-page changes, which of them, and with what credentials.
public struct Integration: Hashable, Sendable {
    /// The table's name: what the outbox, `warroom outbox` and `integrations test NAME` call it.
    public var name: String
    public var type: DestinationType
    /// The endpoint (Slack, Teams, webhook: a secret, it may be `env:VAR`) or the API's base URL
    /// (the vendor's own when not set: `type.defaultBaseURL`).
    public var url: Credential?
    /// Which status updates it receives.
    public var audiences: [Audience]
    /// Which lifecycle events it receives.
    public var events: [NoticeEvent]
    /// The type's credentials by key (`routing_key`, `api_key`, `secret`), inline or `env:VAR`.
    public var credentials: [String: Credential]
    /// PagerDuty: a routing key per `/page TARGET` (`[integrations.NAME.routing_keys]`).
    public var routingKeys: [String: Credential]
    /// Statuspage: `impact_override` by level (`[integrations.NAME.impact_override]`); nil: the defaults.
    public var impactOverride: [Severity: String]? = nil
    /// Statuspage: affected component ids and the status each shows while the incident is open
    /// (`[integrations.NAME.components]`).
    public var components: [String: String] = [:]
    /// The type's other settings (`page_id`, `region`, `client_url`, `deliver_notifications`).
    public var options: [String: TOMLValue]
    /// The line of its table, for messages.
    public var line: Int
}

extension DestinationType {
    /// The keys a table of this type may hold, besides `type`, `url`, `audiences` and `events`.
    var configKeys: [String] {
        switch self {
        case .slack, .teams: []
        case .webhook: ["secret"]
        case .statuspage: ["api_key", "page_id", "deliver_notifications"]
        case .pagerduty: ["routing_key", "client_url"]
        case .opsgenie: ["api_key", "region"]
        }
    }

    /// `defaultEvents` in the one order lists are shown in.
    var orderedDefaultEvents: [NoticeEvent] { NoticeEvent.configurable.filter(defaultEvents.contains) }

    /// `defaultAudiences` in the one order lists are shown in.
    var orderedDefaultAudiences: [Audience] { Audience.allCases.filter(defaultAudiences.contains) }
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

extension Integration {
    /// What routing needs of it: where, and which notices (no credentials).
    public var route: DeliveryRoute {
        DeliveryRoute(name: name, type: type, audiences: Set(audiences), events: Set(events))
    }
}

extension Config {
    /// The routing of every configured destination, for the record paths to queue deliveries
    /// with; nil when none is configured (nothing is queued).
    public func deliveryRouting(storeIdentity: String) -> DestinationRouting? {
        integrations.isEmpty ? nil : DestinationRouting(routes: integrations.map(\.route), storeIdentity: storeIdentity)
    }
}
