import WarRoomCore

/// The kinds of destination `type = "..."` names in an `[integrations.NAME]` table.
public enum DestinationType: String, CaseIterable, Hashable, Sendable {
    case slack, teams, statuspage, pagerduty, opsgenie, webhook

    /// The vendor's API base when `url` is not set; nil where `url` is the (secret) endpoint itself.
    public var defaultBaseURL: String? {
        switch self {
        case .statuspage: "https://api.statuspage.io"
        case .pagerduty: "https://events.pagerduty.com"
        case .opsgenie: OpsgenieSettings.Region.us.baseURL
        case .slack, .teams, .webhook: nil
        }
    }

    /// True when the whole URL is a credential (anyone holding it can post), so only its host is
    /// ever shown.
    public var urlIsSecret: Bool { defaultBaseURL == nil }

    /// Which notices this type gets when `events` is not set.
    public var defaultEvents: Set<NoticeEvent> {
        switch self {
        case .slack, .teams: [.declared, .severityChanged, .statusUpdate, .resolved]
        case .statuspage: [.statusUpdate, .statusChanged, .resolved]
        case .pagerduty, .opsgenie: [.page, .acknowledged, .resolved]
        case .webhook: Set(NoticeEvent.configurable)
        }
    }

    /// Which status updates this type gets when `audiences` is not set.
    public var defaultAudiences: Set<Audience> {
        switch self {
        case .slack, .teams: [.engineering]
        case .statuspage: [.customers]
        case .pagerduty, .opsgenie: []
        case .webhook: Set(Audience.allCases)
        }
    }

    /// The least time between two requests to one destination of this type.
    public var minimumSpacing: TimeSpan {
        switch self {
        // Slack: incoming webhooks allow about one message per second per channel
        // (api.slack.com/docs/rate-limits, "Incoming webhooks").
        case .slack: .seconds(1)
        // Statuspage: the v1 API allows about one request per second per API key
        // (developer.statuspage.io, "Rate limiting").
        case .statuspage: .seconds(1)
        // PagerDuty Events API v2: 120 events per minute per routing key
        // (developer.pagerduty.com, Events API v2 "Rate limits").
        case .pagerduty: TimeSpan(millis: 500)
        // Teams Workflows and Opsgenie publish no per-webhook figure; one a second is polite
        // and far above what an incident produces.
        case .teams, .opsgenie: .seconds(1)
        // Our own receivers: no vendor limit, but never a burst faster than 10 a second.
        case .webhook: TimeSpan(millis: 100)
        }
    }

    /// The vendor's name as people write it, for messages.
    public var displayName: String {
        switch self {
        case .slack: "Slack"
        case .teams: "Microsoft Teams"
        case .statuspage: "Statuspage"
        case .pagerduty: "PagerDuty"
        case .opsgenie: "Opsgenie"
        case .webhook: "the webhook"
        }
    }

    /// The valid spellings, for error messages: `slack, teams, … or webhook`.
    public static let choices = Choices.list(names)
}
