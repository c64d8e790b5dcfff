import WarRoomCore

/// One configured destination (`[integrations.NAME]`), credentials already resolved.
public struct Destination: Hashable, Sendable {
    /// The table's NAME: part of every idempotency key, and what `integrations test` names.
    public var name: String
    /// The endpoint (Slack, Teams, webhook: a secret) or the API base (the others). Without a
    /// trailing `/`.
    public var url: String
    /// Which status updates it receives.
    public var audiences: Set<Audience>
    /// Which notices it receives.
    public var events: Set<NoticeEvent>
    /// The type and its settings.
    public var settings: DestinationSettings

    /// A destination; `url` nil means the vendor's default base, `audiences`/`events` nil the
    /// type's defaults.
    public init(name: String, settings: DestinationSettings, url: String? = nil,
                audiences: Set<Audience>? = nil, events: Set<NoticeEvent>? = nil) {
        self.name = name
        self.settings = settings
        let type = settings.type
        var base = url ?? settings.defaultBaseURL ?? type.defaultBaseURL ?? ""
        while base.hasSuffix("/") { base.removeLast() }
        self.url = base
        self.audiences = audiences ?? type.defaultAudiences
        self.events = events ?? type.defaultEvents
    }

    /// The destination's type.
    public var type: DestinationType { settings.type }

    /// Whether this notice goes here: its event is listed, and a status update is for one of
    /// the audiences. The test notice always goes.
    public func wants(_ notice: OutboundNotice) -> Bool {
        if case .test = notice.kind { return true }
        return route.wants(notice.kind)
    }

    /// The destination as routing sees it: the same filters, without credentials.
    public var route: DeliveryRoute { DeliveryRoute(name: name, type: type, audiences: audiences, events: events) }

    /// Every credential value this destination holds (the secret URL included): what redaction
    /// removes from anything shown.
    public var secretValues: [String] {
        var values = settings.secrets.map(\.value)
        if type.urlIsSecret { values.append(url) }
        return values.filter { !$0.isEmpty }
    }
}

extension Destination: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `slack-eng (slack) https://hooks.slack.com/services/***`: never a credential.
    public var description: String { "\(name) (\(type.rawValue)) \(Redaction.url(url, isSecret: type.urlIsSecret, secrets: secretValues))" }
    /// The same as `description`.
    public var debugDescription: String { description }
    /// `dump` shows the redacted form only.
    public var customMirror: Mirror { Mirror(self, children: ["description": description], displayStyle: .struct) }
}

/// A type's settings and credentials.
public enum DestinationSettings: Hashable, Sendable {
    /// A Slack incoming webhook: the URL is the credential.
    case slack
    /// A Teams Workflows webhook ("When a Teams webhook request is received"): the URL is the credential.
    case teams
    /// Atlassian Statuspage.
    case statuspage(StatuspageSettings)
    /// PagerDuty Events API v2.
    case pagerduty(PagerDutySettings)
    /// Opsgenie's alert API.
    case opsgenie(OpsgenieSettings)
    /// A generic signed webhook.
    case webhook(secret: Secret)

    /// The type these settings are for.
    public var type: DestinationType {
        switch self {
        case .slack: .slack
        case .teams: .teams
        case .statuspage: .statuspage
        case .pagerduty: .pagerduty
        case .opsgenie: .opsgenie
        case .webhook: .webhook
        }
    }

    /// The settings' own default base URL (Opsgenie's EU host), before the type's.
    var defaultBaseURL: String? {
        if case .opsgenie(let settings) = self { return settings.region.baseURL }
        return nil
    }

    /// The credentials held.
    var secrets: [Secret] {
        switch self {
        case .slack, .teams: []
        case .statuspage(let s): [s.apiKey]
        case .pagerduty(let s): s.routingKeys.keys.sorted().compactMap { s.routingKeys[$0] }
        case .opsgenie(let s): [s.apiKey]
        case .webhook(let secret): [secret]
        }
    }
}
