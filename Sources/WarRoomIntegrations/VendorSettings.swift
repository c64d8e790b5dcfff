import WarRoomCore

/// Statuspage: `api_key`, `page_id`, `impact_override`, `components`, `deliver_notifications`.
public struct StatuspageSettings: Hashable, Sendable {
    /// The API key, sent as `Authorization: OAuth KEY`.
    public var apiKey: Secret
    /// The page's id (`page_id`).
    public var pageID: String
    /// `impact_override` by severity; a level missing from the map lets Statuspage compute it.
    public var impactOverride: [Severity: String]
    /// Affected component ids and the status each shows while the incident is open (all go
    /// back to `operational` on resolution).
    public var components: [String: String]
    /// Whether Statuspage emails and texts its subscribers (`deliver_notifications`).
    public var deliverNotifications: Bool

    /// The values `impact_override` accepts (Statuspage API v1, incident object).
    public static let impacts = ["none", "minor", "major", "critical"]
    /// The values a component status accepts (Statuspage API v1, component object).
    public static let componentStatuses = ["operational", "under_maintenance", "degraded_performance",
                                           "partial_outage", "major_outage"]
    /// SEV1 critical, SEV2 major, SEV3 and SEV4 minor: the matrix's names, one step per level.
    public static let defaultImpactOverride: [Severity: String] = [.sev1: "critical", .sev2: "major", .sev3: "minor", .sev4: "minor"]

    /// The settings; the map defaults to `defaultImpactOverride`, notifications to on.
    public init(apiKey: Secret, pageID: String, impactOverride: [Severity: String] = defaultImpactOverride,
                components: [String: String] = [:], deliverNotifications: Bool = true) {
        self.apiKey = apiKey
        self.pageID = pageID
        self.impactOverride = impactOverride
        self.components = components
        self.deliverNotifications = deliverNotifications
    }
}

/// PagerDuty: a `routing_key` per page target, the severity map, `client_url`.
public struct PagerDutySettings: Hashable, Sendable {
    /// Routing keys (integration keys of Events API v2 integrations) by page target; the key
    /// `default` serves any target not listed, deploy change events and the test.
    public var routingKeys: [String: Secret]
    /// `payload.severity` by level.
    public var severities: [Severity: String]
    /// `client_url`: where "View in warroom" points in PagerDuty, when configured.
    public var clientURL: String?
    /// Whether deploys are sent as change events (only when `deploy` is also in `events`).
    public var changeEvents: Bool

    /// The routing key name that serves every target without its own.
    public static let defaultTarget = "default"
    /// The values `payload.severity` accepts (Events API v2).
    public static let severityValues = ["critical", "error", "warning", "info"]
    /// SEV1 critical, SEV2 error, SEV3 warning, SEV4 info.
    public static let defaultSeverities: [Severity: String] = [.sev1: "critical", .sev2: "error", .sev3: "warning", .sev4: "info"]

    /// The settings; the map defaults to `defaultSeverities`.
    public init(routingKeys: [String: Secret], severities: [Severity: String] = defaultSeverities,
                clientURL: String? = nil, changeEvents: Bool = true) {
        self.routingKeys = routingKeys
        self.severities = severities
        self.clientURL = clientURL
        self.changeEvents = changeEvents
    }

    /// The routing key for a target: its own, else `default`.
    public func routingKey(for target: String) -> Secret? {
        routingKeys[target] ?? routingKeys[Self.defaultTarget]
    }
}

/// Opsgenie: `api_key`, the region, the priority map.
public struct OpsgenieSettings: Hashable, Sendable {
    /// An API integration's key, sent as `Authorization: GenieKey KEY`.
    public var apiKey: Secret
    /// US or EU host (the default base URL).
    public var region: Region
    /// `priority` by level.
    public var priorities: [Severity: String]

    /// The two Opsgenie hosts.
    public enum Region: String, CaseIterable, Hashable, Sendable {
        case us, eu
        /// The API host of the region.
        public var baseURL: String { self == .us ? "https://api.opsgenie.com" : "https://api.eu.opsgenie.com" }
    }

    /// The values `priority` accepts.
    public static let priorityValues = ["P1", "P2", "P3", "P4", "P5"]
    /// SEV1 P1 … SEV4 P4 (P5 is left for informational alerts, such as the test).
    public static let defaultPriorities: [Severity: String] = [.sev1: "P1", .sev2: "P2", .sev3: "P3", .sev4: "P4"]

    /// The settings; US and `defaultPriorities` unless told.
    public init(apiKey: Secret, region: Region = .us, priorities: [Severity: String] = defaultPriorities) {
        self.apiKey = apiKey
        self.region = region
        self.priorities = priorities
    }
}
