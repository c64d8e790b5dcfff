import Foundation
import WarRoomCore

/// The payload structs, member by member, as their synthesized `Codable` conformances read them:
/// a non-optional member must be present and not null; an optional one may be absent or null.
extension EventJSONReader {
    /// The payload of `kind`. The switch is exhaustive, so a new type must get a reader here (or,
    /// to defer, `throw Miss()` and `JSONDecoder` reads it).
    mutating func readPayload(_ kind: EventType) throws(Miss) -> EventPayload {
        switch kind {
        case .declared: .declared(try readDeclaration())
        case .severityChanged: .severityChanged(try readSeverityChange())
        case .impactRecorded: .impactRecorded(try readImpactReport())
        case .roleAssigned: .roleAssigned(try readRoleAssignment())
        case .entry: .entry(try readEntry())
        case .entryAmended: .entryAmended(try readEntryAmendment())
        case .entryRetracted: .entryRetracted(try readEntryRetraction())
        case .hypothesisOpened: .hypothesisOpened(try readHypothesisOpening())
        case .hypothesisDecided: .hypothesisDecided(try readHypothesisDecision())
        case .notified: .notified(try readNotificationRecord())
        case .statusChanged: .statusChanged(try readStatusChange())
        case .updatePosted: .updatePosted(try readStatusUpdatePost())
        case .postmortemStatusChanged: .postmortemStatusChanged(try readPostmortemStatusChange())
        case .factsRecorded: .factsRecorded(try readIncidentFacts())
        case .actionItemUpdated: .actionItemUpdated(try readActionItemUpdate())
        case .actionItemStatusChanged: .actionItemStatusChanged(try readActionItemStatusChange())
        case .whyAmended: .whyAmended(try readWhyAmendment())
        case .postmortemTextSet: .postmortemTextSet(try readPostmortemText())
        case .postmortemImpactSet: .postmortemImpactSet(try readPostmortemImpact())
        case .factorSet: .factorSet(try readContributingFactor())
        case .whyAdded: .whyAdded(try readWhyAnswer())
        case .actionItemAdded: .actionItemAdded(try readActionItemAdded())
        case .actionItemDone: .actionItemDone(try readActionItemDone())
        case .delivery: .delivery(try readDeliveryRecord())
        case .causeTagged: .causeTagged(try readCauseTagChange())
        case .incidentLinked: .incidentLinked(try readIncidentLinkChange())
        case .pageAcknowledged: .pageAcknowledged(try readPageAcknowledgement())
        case .runbookUsed: .runbookUsed(try readRunbookUse())
        case .drillMarked: .drillMarked(try readDrillMark())
        }
    }

    // MARK: Optional members

    mutating func readOptionalString() throws(Miss) -> String? {
        takeNull() ? nil : try readString()
    }

    mutating func readOptionalTimestamp() throws(Miss) -> Timestamp? {
        takeNull() ? nil : try readTimestamp()
    }

    mutating func readOptionalEnum<E>(_ table: EventJSONEnumTable<E>) throws(Miss) -> E? {
        takeNull() ? nil : try readEnum(table)
    }

    mutating func readInt() throws(Miss) -> Int {
        guard let value = Int(exactly: try readInt64()) else { throw Miss() }
        return value
    }

    /// Whole seconds, as `TimeSpan`'s decoder reads them.
    private mutating func readTimeSpan() throws(Miss) -> TimeSpan {
        .seconds(try readInt64())
    }

    // MARK: Payloads

    private mutating func readDeclaration() throws(Miss) -> Declaration {
        var title: String?, severity: Severity?, summary: String?, service: String?
        var impactStartedAt: Timestamp?, detectedAt: Timestamp?, drill = false, speed: DrillSpeed?
        try readMembers("title", "severity", "summary", "service", "impactStartedAt",
                        "detectedAt", "drill", "drillSpeed") { r, member throws(Miss) in
            switch member {
            case 0: title = try r.readString()
            case 1: severity = try r.readSeverity()
            case 2: summary = try r.readOptionalString()
            case 3: service = try r.readOptionalString()
            case 4: impactStartedAt = try r.readOptionalTimestamp()
            case 5: detectedAt = try r.readOptionalTimestamp()
            case 6: drill = try r.readBool()
            case 7:
                guard let read = DrillSpeed(hundredths: try r.readInt64()) else { throw Miss() }
                speed = read
            default: throw Miss()
            }
        }
        guard let title, let severity else { throw Miss() }
        return Declaration(title: title, severity: severity, summary: summary, service: service,
                           impactStartedAt: impactStartedAt, detectedAt: detectedAt, isDrill: drill, drillSpeed: speed)
    }

    private mutating func readSeverityChange() throws(Miss) -> SeverityChange {
        var to: Severity?, reason: String?, trigger: UpgradeTrigger?
        try readMembers("to", "reason", "trigger") { r, member throws(Miss) in
            switch member {
            case 0: to = try r.readSeverity()
            case 1: reason = try r.readOptionalString()
            case 2: trigger = try r.readOptionalEnum(EventJSONEnums.upgradeTrigger)
            default: throw Miss()
            }
        }
        guard let to else { throw Miss() }
        return SeverityChange(to: to, reason: reason, trigger: trigger)
    }

    private mutating func readImpactReport() throws(Miss) -> ImpactReport {
        var percent: Double?, count: Int?, note: String?
        var customerReported: Bool?, payingAccounts: Bool?, dataIntegrity: Bool?, securityBreach: Bool?
        try readMembers("usersAffectedPercent", "usersAffectedCount", "customerReported", "payingAccounts",
                        "dataIntegrity", "securityBreach", "note") { r, member throws(Miss) in
            switch member {
            case 0: percent = r.takeNull() ? nil : try r.readDouble()
            case 1: count = r.takeNull() ? nil : try r.readInt()
            case 2: customerReported = try r.readBool()
            case 3: payingAccounts = try r.readBool()
            case 4: dataIntegrity = try r.readBool()
            case 5: securityBreach = try r.readBool()
            case 6: note = try r.readOptionalString()
            default: throw Miss()
            }
        }
        guard let customerReported, let payingAccounts, let dataIntegrity, let securityBreach else { throw Miss() }
        return ImpactReport(usersAffectedPercent: percent, usersAffectedCount: count,
                            customerReported: customerReported, payingAccounts: payingAccounts,
                            dataIntegrity: dataIntegrity, securityBreach: securityBreach, note: note)
    }

    private mutating func readRoleAssignment() throws(Miss) -> RoleAssignment {
        var role: Role?, person: String?
        try readMembers("role", "person") { r, member throws(Miss) in
            switch member {
            case 0: role = try r.readEnum(EventJSONEnums.role)
            case 1: person = try r.readString()
            default: throw Miss()
            }
        }
        guard let role, let person else { throw Miss() }
        return RoleAssignment(role: role, person: person)
    }

    private mutating func readEntry() throws(Miss) -> Entry {
        var kind: EntryKind?, text: String?, tags: [EntryTag]?, alert: AlertSource?, run: CommandRun?
        try readMembers("text", "kind", "tags", "alert", "run") { r, member throws(Miss) in
            switch member {
            case 0: text = try r.readString()
            case 1: kind = try r.readEnum(EventJSONEnums.entryKind)
            case 2: tags = try r.readTags()
            case 3: alert = r.takeNull() ? nil : try r.readAlertSource()
            case 4: run = r.takeNull() ? nil : try r.readCommandRun()
            default: throw Miss()
            }
        }
        guard let kind, let text, let tags else { throw Miss() }
        return Entry(kind: kind, text: text, tags: tags, alert: alert, run: run)
    }

    /// An entry's `run`: a command `warroom exec` ran.
    private mutating func readCommandRun() throws(Miss) -> CommandRun {
        var command: [String]?, exitStatus: Int?, signal: Int?, startError: String?, duration: Int64?
        var bytes: Int64?, lines: Int64?, head: [String]?, tail: [String]?, saved: String?
        try readMembers("command", "exitStatus", "signal", "startError", "durationMillis", "outputBytes",
                        "outputLines", "head", "tail", "savedOutput") { r, member throws(Miss) in
            switch member {
            case 0: command = try r.readStrings()
            case 1: exitStatus = r.takeNull() ? nil : try r.readInt()
            case 2: signal = r.takeNull() ? nil : try r.readInt()
            case 3: startError = try r.readOptionalString()
            case 4: duration = try r.readInt64()
            case 5: bytes = try r.readInt64()
            case 6: lines = try r.readInt64()
            case 7: head = try r.readStrings()
            case 8: tail = try r.readStrings()
            case 9: saved = try r.readOptionalString()
            default: throw Miss()
            }
        }
        guard let command, let duration, let bytes, let lines, let head, let tail else { throw Miss() }
        return CommandRun(command: command, exitStatus: exitStatus, signal: signal, startError: startError,
                          durationMillis: duration, outputBytes: bytes, outputLines: lines, head: head, tail: tail,
                          savedOutput: saved)
    }

    /// An entry's `alert`: where an alert's entry came from.
    private mutating func readAlertSource() throws(Miss) -> AlertSource {
        var key: String?, format: String?, startsAt: Timestamp?, runbookURL: String?, link: String?, name: String?
        try readMembers("key", "format", "startsAt", "runbookURL", "link", "name") { r, member throws(Miss) in
            switch member {
            case 0: key = try r.readString()
            case 1: format = try r.readString()
            case 2: startsAt = try r.readTimestamp()
            case 3: runbookURL = try r.readOptionalString()
            case 4: link = try r.readOptionalString()
            case 5: name = try r.readOptionalString()
            default: throw Miss()
            }
        }
        guard let key, let format, let startsAt else { throw Miss() }
        return AlertSource(key: key, format: format, startsAt: startsAt, runbookURL: runbookURL, link: link, name: name)
    }

    /// `[` tag, … `]`.
    private mutating func readTags() throws(Miss) -> [EntryTag] {
        try readArray { r throws(Miss) in try r.readEnum(EventJSONEnums.entryTag) }
    }

    private mutating func readEntryAmendment() throws(Miss) -> EntryAmendment {
        var entry: UUID?, text: String?
        try readMembers("entry", "text") { r, member throws(Miss) in
            switch member {
            case 0: entry = try r.readUUID()
            case 1: text = try r.readString()
            default: throw Miss()
            }
        }
        guard let entry, let text else { throw Miss() }
        return EntryAmendment(entry: entry, text: text)
    }

    private mutating func readEntryRetraction() throws(Miss) -> EntryRetraction {
        var entry: UUID?, reason: String?
        try readMembers("entry", "reason") { r, member throws(Miss) in
            switch member {
            case 0: entry = try r.readUUID()
            case 1: reason = try r.readOptionalString()
            default: throw Miss()
            }
        }
        guard let entry else { throw Miss() }
        return EntryRetraction(entry: entry, reason: reason)
    }

    private mutating func readHypothesisOpening() throws(Miss) -> HypothesisOpening {
        var text: String?, owner: String?, timebox: TimeSpan?
        try readMembers("text", "owner", "timebox") { r, member throws(Miss) in
            switch member {
            case 0: text = try r.readString()
            case 1: owner = try r.readOptionalString()
            case 2: timebox = try r.readTimeSpan()
            default: throw Miss()
            }
        }
        guard let text, let timebox else { throw Miss() }
        return HypothesisOpening(text: text, owner: owner, timebox: timebox)
    }

    private mutating func readHypothesisDecision() throws(Miss) -> HypothesisDecision {
        var hypothesis: UUID?, verdict: HypothesisVerdict?, extendedBy: TimeSpan?, note: String?
        try readMembers("hypothesis", "verdict", "extendedBy", "note") { r, member throws(Miss) in
            switch member {
            case 0: hypothesis = try r.readUUID()
            case 1: verdict = try r.readEnum(EventJSONEnums.verdict)
            case 2: extendedBy = r.takeNull() ? nil : try r.readTimeSpan()
            case 3: note = try r.readOptionalString()
            default: throw Miss()
            }
        }
        guard let hypothesis, let verdict else { throw Miss() }
        return HypothesisDecision(hypothesis: hypothesis, verdict: verdict, extendedBy: extendedBy, note: note)
    }

    private mutating func readNotificationRecord() throws(Miss) -> NotificationRecord {
        var target: String?, kind: NotificationKind?, tier: String?, obligation: ObligationKind?
        var person: String?, schedule: String?, level: Int?, escalates: UUID?
        try readMembers("target", "kind", "tier", "obligation", "person", "schedule", "level", "escalates") { r, member throws(Miss) in
            switch member {
            case 0: target = try r.readString()
            case 1: kind = try r.readEnum(EventJSONEnums.notificationKind)
            case 2: tier = try r.readOptionalString()
            case 3: obligation = try r.readOptionalEnum(EventJSONEnums.obligationKind)
            case 4: person = try r.readOptionalString()
            case 5: schedule = try r.readOptionalString()
            case 6: level = r.takeNull() ? nil : try r.readInt()
            case 7: escalates = r.takeNull() ? nil : try r.readUUID()
            default: throw Miss()
            }
        }
        guard let target, let kind else { throw Miss() }
        return NotificationRecord(target: target, kind: kind, tier: tier, obligation: obligation, person: person,
                                  schedule: schedule, level: level, escalates: escalates)
    }

    private mutating func readPageAcknowledgement() throws(Miss) -> PageAcknowledgement {
        var page: UUID?, person: String?
        try readMembers("page", "person") { r, member throws(Miss) in
            switch member {
            case 0: page = try r.readUUID()
            case 1: person = try r.readString()
            default: throw Miss()
            }
        }
        guard let page, let person else { throw Miss() }
        return PageAcknowledgement(page: page, person: person)
    }

    private mutating func readRunbookUse() throws(Miss) -> RunbookUse {
        var runbook: String?, action: RunbookUse.Action?, lastTested: Timestamp?
        try readMembers("runbook", "action", "lastTested") { r, member throws(Miss) in
            switch member {
            case 0: runbook = try r.readString()
            case 1: action = try r.readEnum(EventJSONEnums.runbookAction)
            case 2: lastTested = try r.readOptionalTimestamp()
            default: throw Miss()
            }
        }
        guard let runbook, let action else { throw Miss() }
        return RunbookUse(runbook: runbook, action: action, lastTested: lastTested)
    }

    private mutating func readDrillMark() throws(Miss) -> DrillMark {
        var mark = DrillMark(action: .started)
        var action: DrillMark.Action?
        try readMembers("action", "inject", "expectation", "offset", "text", "scenarioName", "scenarioFile",
                        "scenarioText") { r, member throws(Miss) in
            switch member {
            case 0: action = try r.readEnum(EventJSONEnums.drillAction)
            case 1: mark.inject = r.takeNull() ? nil : try r.readInt()
            case 2: mark.expectation = r.takeNull() ? nil : try r.readInt()
            case 3: mark.offset = r.takeNull() ? nil : try r.readTimeSpan()
            case 4: mark.text = try r.readOptionalString()
            case 5: mark.scenarioName = try r.readOptionalString()
            case 6: mark.scenarioFile = try r.readOptionalString()
            case 7: mark.scenarioText = try r.readOptionalString()
            default: throw Miss()
            }
        }
        guard let action else { throw Miss() }
        mark.action = action
        return mark
    }

    private mutating func readStatusChange() throws(Miss) -> StatusChange {
        var to: IncidentStatus?, reopen: Bool?, reason: String?, overridden: Bool?
        try readMembers("to", "reopen", "reason", "overridden") { r, member throws(Miss) in
            switch member {
            case 0: to = try r.readEnum(EventJSONEnums.incidentStatus)
            case 1: reopen = try r.readBool()
            case 2: reason = try r.readOptionalString()
            case 3: overridden = try r.readBool()
            default: throw Miss()
            }
        }
        guard let to, let reopen, let overridden else { throw Miss() }
        return StatusChange(to: to, reopen: reopen, reason: reason, overridden: overridden)
    }

    private mutating func readStatusUpdatePost() throws(Miss) -> StatusUpdatePost {
        var audience: Audience?, text: String?
        try readMembers("audience", "text") { r, member throws(Miss) in
            switch member {
            case 0: audience = try r.readEnum(EventJSONEnums.audience)
            case 1: text = try r.readString()
            default: throw Miss()
            }
        }
        guard let audience, let text else { throw Miss() }
        return StatusUpdatePost(audience: audience, text: text)
    }

    private mutating func readPostmortemStatusChange() throws(Miss) -> PostmortemStatusChange {
        var status: PostmortemStatus?, forced: [String]?
        try readMembers("status", "forced") { r, member throws(Miss) in
            switch member {
            case 0: status = try r.readEnum(EventJSONEnums.postmortemStatus)
            case 1: forced = r.takeNull() ? nil : try r.readStrings()
            default: throw Miss()
            }
        }
        guard let status else { throw Miss() }
        return PostmortemStatusChange(status: status, forced: forced)
    }

    /// `[` string, … `]`.
    private mutating func readStrings() throws(Miss) -> [String] {
        try readArray { r throws(Miss) in try r.readString() }
    }

    /// A JSON array whose elements `element` reads, each in turn; anything else defers (`Miss`).
    @inline(__always)
    private mutating func readArray<Element>(_ element: (inout EventJSONReader) throws(Miss) -> Element) throws(Miss) -> [Element] {
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index &+= 1
            return []
        }
        var elements: [Element] = []
        while true {
            elements.append(try element(&self))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index &+= 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index &+= 1
                return elements
            default:
                throw Miss()
            }
        }
    }

    private mutating func readActionItemUpdate() throws(Miss) -> ActionItemUpdate {
        var item: UUID?, text: String?, owner: String?, priority: ActionPriority?, due: Timestamp?
        try readMembers("item", "text", "owner", "priority", "due") { r, member throws(Miss) in
            switch member {
            case 0: item = try r.readUUID()
            case 1: text = try r.readOptionalString()
            case 2: owner = try r.readOptionalString()
            case 3: priority = try r.readOptionalEnum(EventJSONEnums.actionPriority)
            case 4: due = try r.readOptionalTimestamp()
            default: throw Miss()
            }
        }
        guard let item else { throw Miss() }
        return ActionItemUpdate(item: item, text: text, owner: owner, priority: priority, due: due)
    }

    private mutating func readActionItemStatusChange() throws(Miss) -> ActionItemStatusChange {
        var item: UUID?, status: ActionItemStatus?, reason: String?
        try readMembers("item", "status", "reason") { r, member throws(Miss) in
            switch member {
            case 0: item = try r.readUUID()
            case 1: status = try r.readEnum(EventJSONEnums.actionItemStatus)
            case 2: reason = try r.readOptionalString()
            default: throw Miss()
            }
        }
        guard let item, let status else { throw Miss() }
        return ActionItemStatusChange(item: item, status: status, reason: reason)
    }

    private mutating func readWhyAmendment() throws(Miss) -> WhyAmendment {
        var number: Int?, text: String?
        try readMembers("number", "text") { r, member throws(Miss) in
            switch member {
            case 0: number = try r.readInt()
            case 1: text = try r.readString()
            default: throw Miss()
            }
        }
        guard let number, let text else { throw Miss() }
        return WhyAmendment(number: number, text: text)
    }

    private mutating func readCauseTagChange() throws(Miss) -> CauseTagChange {
        var tag: String?, removed: Bool?
        try readMembers("tag", "removed") { r, member throws(Miss) in
            switch member {
            case 0: tag = try r.readString()
            case 1: removed = try r.readBool()
            default: throw Miss()
            }
        }
        guard let tag, let removed else { throw Miss() }
        return CauseTagChange(tag: tag, removed: removed)
    }

    private mutating func readIncidentLinkChange() throws(Miss) -> IncidentLinkChange {
        var other: String?, kind: LinkKind?, removed: Bool?
        try readMembers("other", "kind", "removed") { r, member throws(Miss) in
            switch member {
            case 0: other = try r.readString()
            case 1: kind = try r.readEnum(EventJSONEnums.linkKind)
            case 2: removed = try r.readBool()
            default: throw Miss()
            }
        }
        guard let other, let kind, let removed else { throw Miss() }
        return IncidentLinkChange(other: other, kind: kind, removed: removed)
    }

    private mutating func readIncidentFacts() throws(Miss) -> IncidentFacts {
        var service: String?, impactStartedAt: Timestamp?, detectedAt: Timestamp?
        try readMembers("service", "impactStartedAt", "detectedAt") { r, member throws(Miss) in
            switch member {
            case 0: service = try r.readOptionalString()
            case 1: impactStartedAt = try r.readOptionalTimestamp()
            case 2: detectedAt = try r.readOptionalTimestamp()
            default: throw Miss()
            }
        }
        return IncidentFacts(service: service, impactStartedAt: impactStartedAt, detectedAt: detectedAt)
    }
}
