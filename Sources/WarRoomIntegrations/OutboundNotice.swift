import WarRoomCore

/// What warroom tells the world about one event: built by the caller from the store's events,
/// one plain value, so the requests made from it are a pure function of it.
public struct OutboundNotice: Hashable, Sendable {
    /// The incident as it stands after the causing event.
    public var incident: IncidentSnapshot
    /// What happened.
    public var kind: Kind
    /// When it happened (the causing event's time): every payload's timestamp.
    public var at: Timestamp
    /// A link to the incident for people (a dashboard, a wiki page), when one is configured.
    public var link: String?
    /// The store's identity key: dedup keys and idempotency keys stay unique across stores.
    public var storeIdentity: String
    /// The causing event's id: with the store, incident and destination, the idempotency key.
    public var eventID: String

    /// Wraps the fields.
    public init(incident: IncidentSnapshot, kind: Kind, at: Timestamp, link: String? = nil,
                storeIdentity: String, eventID: String) {
        self.incident = incident
        self.kind = kind
        self.at = at
        self.link = link
        self.storeIdentity = storeIdentity
        self.eventID = eventID
    }

    /// The kinds of notice, one per thing a destination may be told.
    public enum Kind: Hashable, Sendable {
        /// The incident was declared.
        case declared
        /// The severity moved.
        case severityChanged(from: Severity, to: Severity)
        /// A status update was posted for one audience; `text` is what that audience reads.
        case statusUpdate(audience: Audience, text: String)
        /// The lifecycle moved (`.resolved` is the resolution).
        case statusChanged(to: IncidentStatus)
        /// Someone was paged: an escalation or `/page TARGET`.
        case page(target: String, reason: String)
        /// The paged role was assigned: the page is acknowledged.
        case acknowledged(target: String, by: String)
        /// A change (a deploy recorded with `/action`, tagged deploy).
        case deploy(summary: String)
        /// `warroom integrations test NAME`: a harmless message that proves the configuration.
        case test
    }

    /// The filter name of this notice's kind (what `events` in the config lists).
    public var event: NoticeEvent { kind.event }
}

extension OutboundNotice.Kind {
    /// The filter name of this kind (what `events` in the config lists).
    public var event: NoticeEvent {
        switch self {
        case .declared: .declared
        case .severityChanged: .severityChanged
        case .statusUpdate: .statusUpdate
        case .statusChanged(let status): status == .resolved ? .resolved : .statusChanged
        case .page: .page
        case .acknowledged: .acknowledged
        case .deploy: .deploy
        case .test: .test
        }
    }
}

/// The incident fields a notice carries: what every payload may show.
public struct IncidentSnapshot: Hashable, Sendable {
    /// `INC-1`.
    public var id: String
    /// The incident's title.
    public var title: String
    /// The current severity.
    public var severity: Severity
    /// The current lifecycle status.
    public var status: IncidentStatus
    /// The affected service, when known.
    public var service: String?
    /// The Incident Commander's name, when one is assigned.
    public var commander: String?
    /// Every target paged so far (in paging order): a resolution resolves each of their pages.
    public var pagedTargets: [String]

    /// Wraps the fields.
    public init(id: String, title: String, severity: Severity, status: IncidentStatus,
                service: String? = nil, commander: String? = nil, pagedTargets: [String] = []) {
        self.id = id
        self.title = title
        self.severity = severity
        self.status = status
        self.service = service
        self.commander = commander
        self.pagedTargets = pagedTargets
    }
}

/// The names `events = [...]` in an `[integrations.NAME]` table accepts.
public enum NoticeEvent: String, CaseIterable, Hashable, Sendable {
    case declared
    case severityChanged = "severity_changed"
    case statusUpdate = "status_update"
    case statusChanged = "status_changed"
    case resolved
    case page
    case acknowledged
    case deploy
    /// Always wanted: `warroom integrations test NAME` names the destination itself.
    case test

    /// The spellings a config file may use, for error messages and did-you-mean.
    public static let configurable: [NoticeEvent] = allCases.filter { $0 != .test }
}
