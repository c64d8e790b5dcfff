#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything known about one incident: the fold of its events, in record order.
/// Deadlines and alerts are not stored here; the rules compute them from (state, policy, now).
public struct IncidentState: Hashable, Sendable {
    public var id: IncidentID
    public var title: String
    public var summary: String?
    public var service: String?
    /// Declared as a drill: run like any incident, left out of the reports.
    public var isDrill = false
    /// How fast the drill plays, when it is a drill played faster than real time.
    public var drillSpeed: DrillSpeed?
    /// What the drill runner recorded, for a drill it played.
    public internal(set) var drill: DrillRecord?

    public var severity: Severity
    /// When the current severity took effect.
    public var severitySince: Timestamp
    public var severityHistory: [SeverityRecord]

    public var status: IncidentStatus
    /// When the current status took effect.
    public var statusSince: Timestamp

    // The lifecycle instants of product.md; nil until they happen.
    public var impactStartedAt: Timestamp?
    public var detectedAt: Timestamp
    public var declaredAt: Timestamp
    /// When an Incident Commander was first in place.
    public var acknowledgedAt: Timestamp?
    public var identifiedAt: Timestamp?
    /// When mitigation was in place: the first move to monitoring (or straight to resolved).
    public var mitigatedAt: Timestamp?
    public var resolvedAt: Timestamp?
    public var closedAt: Timestamp?
    /// When a root cause was first known: status identified, or a confirmed hypothesis.
    /// Cleared by a reopen, since the incident came back.
    public var rootCauseAt: Timestamp?

    public var impact: ImpactState
    /// Who holds each role now.
    public var roles: [Role: RoleHolder]
    public var roleHistory: [RoleRecord]
    /// Every hypothesis, by number order.
    public var hypotheses: [Hypothesis]
    public var notifications: [NotificationEntry]
    /// The notifications that paged a person, in record order.
    public var pages: [NotificationEntry] { notifications.filter(\.isPage) }
    /// Set by the fold only, with `latestUpdate`.
    public internal(set) var updates: [PostedUpdate]
    /// The posted update with the latest `at` (the first of equals), kept as updates fold in.
    public internal(set) var latestUpdate: PostedUpdate?
    /// Per audience, the posted update with the latest `at` (the first of equals).
    public internal(set) var latestUpdates: [Audience: PostedUpdate] = [:]
    /// The audiences sent an update since the latest resolution (recorded after it, dated at or
    /// after it): they have had the all-clear.
    public internal(set) var allClearSent: Set<Audience> = []
    /// The moments that move the status-update countdown, in time order (then record order).
    public var updateAnchors: [UpdateAnchor]
    public var postmortemStatus: PostmortemStatus?
    /// The post-mortem's sections, factors, whys and action items.
    public var postmortem = PostmortemState()
    /// Messages to the world (Slack, status pages, pagers) and where each stands.
    public var outbox = Outbox()

    /// Every event as a row, ordered by `at`, then by record order.
    public var timeline: [TimelineItem]
    /// Events the fold could not apply (a move the lifecycle forbids, a reference to nothing).
    /// They stay in the timeline; this says why they changed nothing else.
    public var anomalies: [Anomaly]
    /// How many events were folded, the declaration included.
    public var eventCount: Int
    /// Authors, role holders and hypothesis owners seen, for completion.
    public var people: Set<String>
    /// Entries in the order they became `TODO:` proposals (recorded so, or amended so): the
    /// proposals' numbers, which a backdated or amended entry never shifts.
    public internal(set) var todoOrder: [UUID] = []

    /// The dedup keys of every alert recorded on this incident (`Entry.alert`), retracted entries
    /// included: an alert someone took off the timeline is not attached again by its next delivery.
    public internal(set) var alertKeys: Set<String> = []

    /// The other incidents this one links, in the order linked (one link per incident; a changed
    /// kind keeps its place). Links recorded on the other incidents are `LinkGraph`'s.
    public internal(set) var links: [IncidentLink] = []
    /// The runbooks linked to the incident or opened in its war room, in the order first used.
    public internal(set) var runbooks: [RunbookRecord] = []

    /// Where each event sits in `timeline`, to amend and retract in place.
    var timelineIndex: [UUID: Int] = [:]

    /// The state right after a declaration.
    public init(declaration event: Event, _ declaration: Declaration) {
        id = event.incident
        title = declaration.title
        summary = declaration.summary
        service = declaration.service
        isDrill = declaration.isDrill
        drillSpeed = declaration.drillSpeed
        severity = declaration.severity
        severitySince = event.at
        severityHistory = [SeverityRecord(at: event.at, level: declaration.severity, reason: "declared", trigger: nil,
                                          author: event.author)]
        status = .investigating
        statusSince = event.at
        impactStartedAt = declaration.impactStartedAt
        detectedAt = declaration.detectedAt ?? event.at
        declaredAt = event.at
        impact = ImpactState()
        roles = [:]
        roleHistory = []
        hypotheses = []
        notifications = []
        updates = []
        updateAnchors = [UpdateAnchor(at: event.at, kind: .declared(declaration.severity))]
        timeline = []
        anomalies = []
        eventCount = 0
        people = []
    }

    /// The hypothesis with this display number (#1 is the first opened).
    public func hypothesis(number: Int) -> Hypothesis? {
        number >= 1 && number <= hypotheses.count ? hypotheses[number - 1] : nil
    }

    /// The timeline row of an event, if the event is in this incident.
    public func timelineItem(for id: UUID) -> TimelineItem? {
        timelineIndex[id].map { timeline[$0] }
    }

    /// The timeline row numbered `number` (`#7`, as `warroom log` prints it and the timeline
    /// shows it), if there is one. Amendments and retractions take numbers but have no row.
    public func timelineItem(number: Int) -> TimelineItem? {
        guard number >= 1 else { return nil }
        // Rows are ordered by `at`, not by number: a backdated entry sits earlier. Numbers are
        // record order, so look the event up by its place in the fold.
        return timeline.first { $0.sequence == number - 1 }
    }

    /// The most severe level the incident reached: what decides whether it needs a post-mortem.
    public var highestSeverity: Severity {
        severityHistory.map(\.level).min() ?? severity
    }

    /// Whether the root cause is known right now.
    public var rootCauseKnown: Bool { rootCauseAt != nil }
}

/// One step of the severity history.
public struct SeverityRecord: Hashable, Sendable {
    public var at: Timestamp
    public var level: Severity
    public var reason: String?
    public var trigger: UpgradeTrigger?
    public var author: String
}

/// What is known of the impact, merged from every report.
public struct ImpactState: Hashable, Sendable {
    public var usersAffectedPercent: Double?
    public var usersAffectedCount: Int?
    public var customerReported = false
    public var payingAccounts = false
    public var dataIntegrity = false
    public var securityBreach = false
    /// The figures at the last classification; "scope doubled" compares against these.
    public var baselinePercent: Double?
    public var baselineCount: Int?

    public init() {}
}

/// The current holder of a role.
public struct RoleHolder: Hashable, Sendable {
    public var person: String
    public var since: Timestamp
}

/// One assignment or handoff.
public struct RoleRecord: Hashable, Sendable {
    public var at: Timestamp
    public var role: Role
    public var person: String
    /// Who held the role before; nil for a first assignment.
    public var previous: String?
}

/// A recorded escalation or notification.
public struct NotificationEntry: Hashable, Sendable {
    /// The event that recorded it (a page's acknowledgement and escalation name it).
    public var id: UUID
    public var at: Timestamp
    public var record: NotificationRecord
    public var author: String
    /// For a page (a record with a person): who acknowledged it and when, once someone did.
    public var acknowledged: PageAnswer?
    /// For a page: the page that escalated it because nobody acknowledged it in time.
    public var escalatedBy: UUID?

    /// Whether it paged a person (and so waits for an acknowledgement).
    public var isPage: Bool { record.person != nil }
}

/// A runbook as the incident used it: who linked it, who opened it and when.
public struct RunbookRecord: Hashable, Sendable {
    /// One use: when, by whom, and the last test the war room knew of then.
    public struct Mark: Hashable, Sendable {
        public var at: Timestamp
        public var person: String
        public var lastTested: Timestamp?
    }

    public var name: String
    /// The first link (`/runbook NAME`); nil when it was only opened.
    public var linked: Mark?
    /// Every opening, in record order.
    public var openings: [Mark]

    /// Whether `person` opened it.
    public func opened(by person: String) -> Bool { openings.contains { $0.person == person } }
}

/// An acknowledgement of a page.
public struct PageAnswer: Hashable, Sendable {
    public var at: Timestamp
    public var person: String
}

/// A status update that went out.
public struct PostedUpdate: Hashable, Sendable {
    public var at: Timestamp
    public var audience: Audience
    public var text: String
    public var author: String
}

/// A moment that moves the status-update countdown.
public struct UpdateAnchor: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The incident was declared at this level: the initial notification clock starts.
        case declared(Severity)
        /// An update was posted to this audience.
        case posted(Audience)
        /// The severity changed to this level.
        case severity(Severity)
    }

    public var at: Timestamp
    public var kind: Kind
}

/// An event that was kept but changed nothing, and why.
public struct Anomaly: Hashable, Sendable {
    public var event: UUID
    public var message: String
}
