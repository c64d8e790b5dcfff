#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What an event records. Each case carries a small struct so the stored JSON names every field.
public enum EventPayload: Hashable, Sendable {
    case declared(Declaration)
    case severityChanged(SeverityChange)
    case impactRecorded(ImpactReport)
    case roleAssigned(RoleAssignment)
    case entry(Entry)
    case entryAmended(EntryAmendment)
    case entryRetracted(EntryRetraction)
    case hypothesisOpened(HypothesisOpening)
    case hypothesisDecided(HypothesisDecision)
    case notified(NotificationRecord)
    case statusChanged(StatusChange)
    case updatePosted(StatusUpdatePost)
    case postmortemStatusChanged(PostmortemStatusChange)
    case postmortemTextSet(PostmortemText)
    case postmortemImpactSet(PostmortemImpact)
    case factorSet(ContributingFactor)
    case whyAdded(WhyAnswer)
    case actionItemAdded(ActionItemAdded)
    case actionItemDone(ActionItemDone)
    case factsRecorded(IncidentFacts)
    case actionItemUpdated(ActionItemUpdate)
    case actionItemStatusChanged(ActionItemStatusChange)
    case whyAmended(WhyAmendment)
    case delivery(DeliveryRecord)
    case causeTagged(CauseTagChange)
    case incidentLinked(IncidentLinkChange)
    case pageAcknowledged(PageAcknowledgement)
    case runbookUsed(RunbookUse)
    /// What the drill runner did: started, an inject played, an expectation's time up, ended.
    case drillMarked(DrillMark)

    /// The case's event type.
    public var eventType: EventType {
        switch self {
        case .declared: .declared
        case .severityChanged: .severityChanged
        case .impactRecorded: .impactRecorded
        case .roleAssigned: .roleAssigned
        case .entry: .entry
        case .entryAmended: .entryAmended
        case .entryRetracted: .entryRetracted
        case .hypothesisOpened: .hypothesisOpened
        case .hypothesisDecided: .hypothesisDecided
        case .notified: .notified
        case .statusChanged: .statusChanged
        case .updatePosted: .updatePosted
        case .postmortemStatusChanged: .postmortemStatusChanged
        case .postmortemTextSet: .postmortemTextSet
        case .postmortemImpactSet: .postmortemImpactSet
        case .factorSet: .factorSet
        case .whyAdded: .whyAdded
        case .actionItemAdded: .actionItemAdded
        case .actionItemDone: .actionItemDone
        case .factsRecorded: .factsRecorded
        case .actionItemUpdated: .actionItemUpdated
        case .actionItemStatusChanged: .actionItemStatusChanged
        case .whyAmended: .whyAmended
        case .delivery: .delivery
        case .causeTagged: .causeTagged
        case .incidentLinked: .incidentLinked
        case .pageAcknowledged: .pageAcknowledged
        case .runbookUsed: .runbookUsed
        case .drillMarked: .drillMarked
        }
    }

    /// The stored name of the case (`eventType.rawValue`).
    public var type: String { eventType.rawValue }

    static func decode(type: String, from decoder: any Decoder) throws -> EventPayload {
        guard let eventType = EventType(rawValue: type) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "unknown event type '\(type)' (written by a newer warroom?)"))
        }
        return try decode(eventType, from: decoder)
    }

    /// The payload of a known type, read by its struct's synthesized `Decodable`.
    static func decode(_ eventType: EventType, from decoder: any Decoder) throws -> EventPayload {
        switch eventType {
        case .declared: .declared(try Declaration(from: decoder))
        case .severityChanged: .severityChanged(try SeverityChange(from: decoder))
        case .impactRecorded: .impactRecorded(try ImpactReport(from: decoder))
        case .roleAssigned: .roleAssigned(try RoleAssignment(from: decoder))
        case .entry: .entry(try Entry(from: decoder))
        case .entryAmended: .entryAmended(try EntryAmendment(from: decoder))
        case .entryRetracted: .entryRetracted(try EntryRetraction(from: decoder))
        case .hypothesisOpened: .hypothesisOpened(try HypothesisOpening(from: decoder))
        case .hypothesisDecided: .hypothesisDecided(try HypothesisDecision(from: decoder))
        case .notified: .notified(try NotificationRecord(from: decoder))
        case .statusChanged: .statusChanged(try StatusChange(from: decoder))
        case .updatePosted: .updatePosted(try StatusUpdatePost(from: decoder))
        case .postmortemStatusChanged: .postmortemStatusChanged(try PostmortemStatusChange(from: decoder))
        case .postmortemTextSet: .postmortemTextSet(try PostmortemText(from: decoder))
        case .postmortemImpactSet: .postmortemImpactSet(try PostmortemImpact(from: decoder))
        case .factorSet: .factorSet(try ContributingFactor(from: decoder))
        case .whyAdded: .whyAdded(try WhyAnswer(from: decoder))
        case .actionItemAdded: .actionItemAdded(try ActionItemAdded(from: decoder))
        case .actionItemDone: .actionItemDone(try ActionItemDone(from: decoder))
        case .factsRecorded: .factsRecorded(try IncidentFacts(from: decoder))
        case .actionItemUpdated: .actionItemUpdated(try ActionItemUpdate(from: decoder))
        case .actionItemStatusChanged: .actionItemStatusChanged(try ActionItemStatusChange(from: decoder))
        case .whyAmended: .whyAmended(try WhyAmendment(from: decoder))
        case .delivery: .delivery(try DeliveryRecord(from: decoder))
        case .causeTagged: .causeTagged(try CauseTagChange(from: decoder))
        case .incidentLinked: .incidentLinked(try IncidentLinkChange(from: decoder))
        case .pageAcknowledged: .pageAcknowledged(try PageAcknowledgement(from: decoder))
        case .runbookUsed: .runbookUsed(try RunbookUse(from: decoder))
        case .drillMarked: .drillMarked(try DrillMark(from: decoder))
        }
    }

    func encodeData(to encoder: any Encoder) throws {
        switch self {
        case .declared(let value): try value.encode(to: encoder)
        case .severityChanged(let value): try value.encode(to: encoder)
        case .impactRecorded(let value): try value.encode(to: encoder)
        case .roleAssigned(let value): try value.encode(to: encoder)
        case .entry(let value): try value.encode(to: encoder)
        case .entryAmended(let value): try value.encode(to: encoder)
        case .entryRetracted(let value): try value.encode(to: encoder)
        case .hypothesisOpened(let value): try value.encode(to: encoder)
        case .hypothesisDecided(let value): try value.encode(to: encoder)
        case .notified(let value): try value.encode(to: encoder)
        case .statusChanged(let value): try value.encode(to: encoder)
        case .updatePosted(let value): try value.encode(to: encoder)
        case .postmortemStatusChanged(let value): try value.encode(to: encoder)
        case .postmortemTextSet(let value): try value.encode(to: encoder)
        case .postmortemImpactSet(let value): try value.encode(to: encoder)
        case .factorSet(let value): try value.encode(to: encoder)
        case .whyAdded(let value): try value.encode(to: encoder)
        case .actionItemAdded(let value): try value.encode(to: encoder)
        case .actionItemDone(let value): try value.encode(to: encoder)
        case .factsRecorded(let value): try value.encode(to: encoder)
        case .actionItemUpdated(let value): try value.encode(to: encoder)
        case .actionItemStatusChanged(let value): try value.encode(to: encoder)
        case .whyAmended(let value): try value.encode(to: encoder)
        case .delivery(let value): try value.encode(to: encoder)
        case .causeTagged(let value): try value.encode(to: encoder)
        case .incidentLinked(let value): try value.encode(to: encoder)
        case .pageAcknowledged(let value): try value.encode(to: encoder)
        case .runbookUsed(let value): try value.encode(to: encoder)
        case .drillMarked(let value): try value.encode(to: encoder)
        }
    }
}

/// The incident is declared: always the first event of an incident.
public struct Declaration: Hashable, Codable, Sendable {
    public var title: String
    public var severity: Severity
    public var summary: String?
    public var service: String?
    /// When user impact began, if known.
    public var impactStartedAt: Timestamp?
    /// When the problem was detected; the declaration time when not given.
    public var detectedAt: Timestamp?
    /// A drill (a game day, a rehearsal): run as an incident, left out of every report.
    /// Encoded only when true, so every declaration written before it reads as it was.
    public var isDrill: Bool
    /// How fast a drill plays (`warroom drill run --speed 10x`): every deadline of the incident
    /// comes that much sooner (`Policy.paced(for:)`). Nil at real time, and for every incident
    /// that is not a drill; encoded only when set.
    public var drillSpeed: DrillSpeed?

    public init(title: String, severity: Severity, summary: String? = nil, service: String? = nil,
                impactStartedAt: Timestamp? = nil, detectedAt: Timestamp? = nil, isDrill: Bool = false,
                drillSpeed: DrillSpeed? = nil) {
        self.title = title
        self.severity = severity
        self.summary = summary
        self.service = service
        self.impactStartedAt = impactStartedAt
        self.detectedAt = detectedAt
        self.isDrill = isDrill
        // Only a drill is paced, and real time is no pace.
        self.drillSpeed = isDrill && drillSpeed != .realTime ? drillSpeed : nil
    }

    private enum CodingKeys: String, CodingKey {
        case title, severity, summary, service, impactStartedAt, detectedAt, drill, drillSpeed
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try c.decode(String.self, forKey: .title), severity: try c.decode(Severity.self, forKey: .severity),
                  summary: try c.decodeIfPresent(String.self, forKey: .summary),
                  service: try c.decodeIfPresent(String.self, forKey: .service),
                  impactStartedAt: try c.decodeIfPresent(Timestamp.self, forKey: .impactStartedAt),
                  detectedAt: try c.decodeIfPresent(Timestamp.self, forKey: .detectedAt),
                  isDrill: try c.decodeIfPresent(Bool.self, forKey: .drill) ?? false,
                  drillSpeed: try c.decodeIfPresent(Int64.self, forKey: .drillSpeed).map { hundredths in
                      guard let speed = DrillSpeed(hundredths: hundredths) else {
                          throw DecodingError.dataCorruptedError(forKey: .drillSpeed, in: c, debugDescription: "a drill speed outside 1x–60x")
                      }
                      return speed
                  })
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(severity, forKey: .severity)
        try c.encodeIfPresent(summary, forKey: .summary)
        try c.encodeIfPresent(service, forKey: .service)
        try c.encodeIfPresent(impactStartedAt, forKey: .impactStartedAt)
        try c.encodeIfPresent(detectedAt, forKey: .detectedAt)
        if isDrill { try c.encode(true, forKey: .drill) }
        try c.encodeIfPresent(drillSpeed?.hundredths, forKey: .drillSpeed)
    }
}

/// Sets or corrects the facts a declaration may leave out: each field given replaces what was
/// known; a nil field leaves it as it was.
public struct IncidentFacts: Hashable, Codable, Sendable {
    /// The service or feature affected.
    public var service: String?
    /// When user impact began.
    public var impactStartedAt: Timestamp?
    /// When the problem was detected.
    public var detectedAt: Timestamp?

    public init(service: String? = nil, impactStartedAt: Timestamp? = nil, detectedAt: Timestamp? = nil) {
        self.service = service
        self.impactStartedAt = impactStartedAt
        self.detectedAt = detectedAt
    }

    /// True when no field is given.
    public var isEmpty: Bool { service == nil && impactStartedAt == nil && detectedAt == nil }
}

/// Why the severity moved without a person deciding it: the matrix's escalation triggers.
public enum UpgradeTrigger: String, CaseIterable, Codable, Sendable {
    case scopeDoubled = "impact-scope-doubled"
    case dataIntegrity = "data-integrity-concern"
    case payingCustomerReported = "customer-reported-paying-accounts"
    case securityBreach = "security-breach"

    /// The reason written into the timeline.
    public var reason: String {
        switch self {
        case .scopeDoubled: "impact scope doubled since the last classification"
        case .dataIntegrity: "data-integrity concern"
        case .payingCustomerReported: "customer-reported on paying accounts"
        case .securityBreach: "security breach"
        }
    }
}

/// The severity level changed, by a person (`trigger` nil) or by an automatic trigger.
public struct SeverityChange: Hashable, Codable, Sendable {
    public var to: Severity
    public var reason: String?
    public var trigger: UpgradeTrigger?

    public init(to: Severity, reason: String?, trigger: UpgradeTrigger? = nil) {
        self.to = to
        self.reason = reason
        self.trigger = trigger
    }
}

/// What is known of the impact: any field left nil or false says nothing new.
public struct ImpactReport: Hashable, Codable, Sendable {
    /// Share of users affected, 0–100.
    public var usersAffectedPercent: Double?
    /// Number of users (or accounts) affected.
    public var usersAffectedCount: Int?
    public var customerReported: Bool
    public var payingAccounts: Bool
    public var dataIntegrity: Bool
    public var securityBreach: Bool
    public var note: String?

    public init(usersAffectedPercent: Double? = nil, usersAffectedCount: Int? = nil,
                customerReported: Bool = false, payingAccounts: Bool = false,
                dataIntegrity: Bool = false, securityBreach: Bool = false, note: String? = nil) {
        self.usersAffectedPercent = usersAffectedPercent
        self.usersAffectedCount = usersAffectedCount
        self.customerReported = customerReported
        self.payingAccounts = payingAccounts
        self.dataIntegrity = dataIntegrity
        self.securityBreach = securityBreach
        self.note = note
    }
}

/// Someone takes a role; when somebody else held it, this is a handoff.
public struct RoleAssignment: Hashable, Codable, Sendable {
    public var role: Role
    public var person: String

    public init(role: Role, person: String) {
        self.role = role
        self.person = person
    }
}

/// A line a person writes into the timeline.
public struct Entry: Hashable, Codable, Sendable {
    public var kind: EntryKind
    public var text: String
    public var tags: [EntryTag]
    /// Set when the entry records an alert (`warroom alerts serve`/`ingest`): where it came from.
    /// Encoded only when present, so every entry written before it reads as it was.
    public var alert: AlertSource?
    /// Set when the entry records a command run with `warroom exec`: its status, duration and
    /// output digest. Encoded only when present, like `alert`.
    public var run: CommandRun?

    public init(kind: EntryKind, text: String, tags: [EntryTag] = [], alert: AlertSource? = nil, run: CommandRun? = nil) {
        self.kind = kind
        self.text = text
        self.tags = tags
        self.alert = alert
        self.run = run
    }
}

/// Where an entry recorded from an alert came from: the sender's dedup key (what makes a second
/// delivery of the same alert a duplicate), its format, when the alert started as the sender said,
/// and the links it carried. Texts are the sender's, untrusted: outputs sanitize them.
public struct AlertSource: Hashable, Codable, Sendable {
    /// The dedup key (`alertmanager|{}:{alertname="X"}|fingerprint|startsAt|firing`): one entry per key.
    public var key: String
    /// The webhook format it came in (`alertmanager`, `grafana`, `pagerduty`).
    public var format: String
    /// When the alert started, as the sender said (the entry's own time may be later, when the
    /// sender's clock ran a little ahead of ours).
    public var startsAt: Timestamp
    /// The `runbook_url` annotation, if any.
    public var runbookURL: String?
    /// A link back to the source: the alert's `generatorURL`, Grafana's dashboard, PagerDuty's incident page.
    public var link: String?
    /// The alert's name (`alertname`, PagerDuty's incident title), which runbooks list under
    /// `alerts`; nil in entries recorded before it was kept (encoded only when set).
    public var name: String?

    public init(key: String, format: String, startsAt: Timestamp, runbookURL: String? = nil, link: String? = nil, name: String? = nil) {
        self.key = key
        self.format = format
        self.startsAt = startsAt
        self.runbookURL = runbookURL
        self.link = link
        self.name = name
    }
}

/// Replaces the text of an earlier entry; the original stays in the record.
public struct EntryAmendment: Hashable, Codable, Sendable {
    public var entry: UUID
    public var text: String

    public init(entry: UUID, text: String) {
        self.entry = entry
        self.text = text
    }
}

/// Withdraws an earlier entry; it stays in the record, marked retracted.
public struct EntryRetraction: Hashable, Codable, Sendable {
    public var entry: UUID
    public var reason: String?

    public init(entry: UUID, reason: String?) {
        self.entry = entry
        self.reason = reason
    }
}

/// A hypothesis starts its timebox. Its number (#1, #2 …) is its order among openings.
public struct HypothesisOpening: Hashable, Codable, Sendable {
    public var text: String
    public var owner: String?
    public var timebox: TimeSpan

    public init(text: String, owner: String?, timebox: TimeSpan) {
        self.text = text
        self.owner = owner
        self.timebox = timebox
    }
}

/// What the team decided about a hypothesis.
public enum HypothesisVerdict: String, CaseIterable, Codable, Sendable {
    case confirmed
    case ruledOut = "ruled-out"
    case extended
    case escalated
}

/// A decision on a hypothesis, referring to the event that opened it.
public struct HypothesisDecision: Hashable, Codable, Sendable {
    public var hypothesis: UUID
    public var verdict: HypothesisVerdict
    /// For `extended`: how much longer the timebox runs.
    public var extendedBy: TimeSpan?
    public var note: String?

    public init(hypothesis: UUID, verdict: HypothesisVerdict, extendedBy: TimeSpan? = nil, note: String? = nil) {
        self.hypothesis = hypothesis
        self.verdict = verdict
        self.extendedBy = extendedBy
        self.note = note
    }
}

/// Somebody outside the room was told (a notification) or brought in (an escalation).
public struct NotificationRecord: Hashable, Codable, Sendable {
    public var target: String
    public var kind: NotificationKind
    /// The tier or level named, if any (`tier 2`, `SEV1 leadership`).
    public var tier: String?
    /// The obligation this record discharges, resolved when it was recorded.
    public var obligation: ObligationKind?
    /// The person paged, when the on-call schedule resolved one (`/page secondary` → bob); nil for
    /// a free-text record. A page with a person waits for an acknowledgement.
    public var person: String?
    /// The schedule the person was on call on, when one resolved them.
    public var schedule: String?
    /// The escalation policy's level paged, when one was.
    public var level: Int?
    /// The page this one escalates because nobody acknowledged it in its level's timeout (the
    /// event id of that page): recorded by a war room, never typed.
    public var escalates: UUID?

    public init(target: String, kind: NotificationKind, tier: String? = nil, obligation: ObligationKind? = nil,
                person: String? = nil, schedule: String? = nil, level: Int? = nil, escalates: UUID? = nil) {
        self.target = target
        self.kind = kind
        self.tier = tier
        self.obligation = obligation
        self.person = person
        self.schedule = schedule
        self.level = level
        self.escalates = escalates
    }
}

/// A runbook of the team's folder was opened in the war room, or linked to the incident
/// (`/runbook NAME`), so whoever opens the runbook view next sees it and the record says which
/// runbooks the responders read (the handoff, a drill's score).
public struct RunbookUse: Hashable, Codable, Sendable {
    public enum Action: String, Codable, CaseIterable, Hashable, Sendable {
        /// Somebody (the event's author) read it in the war room.
        case opened
        /// Somebody linked it to the incident: it answers this incident though no match found it.
        case linked
    }

    /// The runbook's name (its file name without `.md`).
    public var runbook: String
    public var action: Action
    /// When the runbook was last tested, as the war room knew it then (the front matter, or a test
    /// recorded in the store); nil: never, or not known.
    public var lastTested: Timestamp?

    public init(runbook: String, action: Action, lastTested: Timestamp? = nil) {
        self.runbook = runbook
        self.action = action
        self.lastTested = lastTested
    }

    /// The longest runbook name recorded.
    public static let nameLimit = 120

    /// Whether `name` can be a runbook's: a file name (no `/`, no NUL or other control
    /// character, no bidi override) of at most `nameLimit` characters.
    public static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= nameLimit, name != ".", name != ".." else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned: false
            default: scalar != "/" && scalar != "\\"
            }
        }
    }
}

/// A page was answered: `person` acknowledged the page recorded as event `page`.
public struct PageAcknowledgement: Hashable, Codable, Sendable {
    public var page: UUID
    public var person: String

    public init(page: UUID, person: String) {
        self.page = page
        self.person = person
    }
}

/// The lifecycle status moved. `reopen` marks the return to investigating;
/// `overrideReason` is set when a guard (the monitoring window) was overridden.
public struct StatusChange: Hashable, Codable, Sendable {
    public var to: IncidentStatus
    public var reopen: Bool
    public var reason: String?
    public var overridden: Bool

    public init(to: IncidentStatus, reopen: Bool = false, reason: String? = nil, overridden: Bool = false) {
        self.to = to
        self.reopen = reopen
        self.reason = reason
        self.overridden = overridden
    }
}

/// A status update went out to an audience; the countdown restarts from here.
public struct StatusUpdatePost: Hashable, Codable, Sendable {
    public var audience: Audience
    public var text: String

    public init(audience: Audience, text: String) {
        self.audience = audience
        self.text = text
    }
}

/// The post-mortem document moved between draft, review and final.
public struct PostmortemStatusChange: Hashable, Codable, Sendable {
    public var status: PostmortemStatus
    /// Set when marked final with `--force`: what was still missing (placeholders, blaming
    /// sentences), kept so the document can say so.
    public var forced: [String]?

    public init(status: PostmortemStatus, forced: [String]? = nil) {
        self.status = status
        self.forced = forced
    }
}

extension AlertSource {
    /// What names the alert itself across firings and incidents: the sender's fingerprint of its
    /// labels (`alertmanager:5f1c…`), read from the dedup key (`format|group|fingerprint|startsAt|status`).
    /// Nil for PagerDuty's events, whose keys name one PagerDuty incident, not a rule.
    public var fingerprint: String? {
        guard format == "alertmanager" || format == "grafana" else { return nil }
        let parts = key.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count >= 5, parts[0] == format, !parts[parts.count - 3].isEmpty else { return nil }
        return "\(format):\(parts[parts.count - 3])"
    }
}
