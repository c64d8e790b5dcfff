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
        var impactStartedAt: Timestamp?, detectedAt: Timestamp?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("title") {
                try seen.mark(0)
                title = try readString()
            } else if key.matches("severity") {
                try seen.mark(1)
                severity = try readSeverity()
            } else if key.matches("summary") {
                try seen.mark(2)
                summary = try readOptionalString()
            } else if key.matches("service") {
                try seen.mark(3)
                service = try readOptionalString()
            } else if key.matches("impactStartedAt") {
                try seen.mark(4)
                impactStartedAt = try readOptionalTimestamp()
            } else if key.matches("detectedAt") {
                try seen.mark(5)
                detectedAt = try readOptionalTimestamp()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let title, let severity else { throw Miss() }
        return Declaration(title: title, severity: severity, summary: summary, service: service,
                           impactStartedAt: impactStartedAt, detectedAt: detectedAt)
    }

    private mutating func readSeverityChange() throws(Miss) -> SeverityChange {
        var to: Severity?, reason: String?, trigger: UpgradeTrigger?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("to") {
                try seen.mark(0)
                to = try readSeverity()
            } else if key.matches("reason") {
                try seen.mark(1)
                reason = try readOptionalString()
            } else if key.matches("trigger") {
                try seen.mark(2)
                trigger = try readOptionalEnum(EventJSONEnums.upgradeTrigger)
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let to else { throw Miss() }
        return SeverityChange(to: to, reason: reason, trigger: trigger)
    }

    private mutating func readImpactReport() throws(Miss) -> ImpactReport {
        var percent: Double?, count: Int?, note: String?
        var customerReported: Bool?, payingAccounts: Bool?, dataIntegrity: Bool?, securityBreach: Bool?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("usersAffectedPercent") {
                try seen.mark(0)
                percent = takeNull() ? nil : try readDouble()
            } else if key.matches("usersAffectedCount") {
                try seen.mark(1)
                count = takeNull() ? nil : try readInt()
            } else if key.matches("customerReported") {
                try seen.mark(2)
                customerReported = try readBool()
            } else if key.matches("payingAccounts") {
                try seen.mark(3)
                payingAccounts = try readBool()
            } else if key.matches("dataIntegrity") {
                try seen.mark(4)
                dataIntegrity = try readBool()
            } else if key.matches("securityBreach") {
                try seen.mark(5)
                securityBreach = try readBool()
            } else if key.matches("note") {
                try seen.mark(6)
                note = try readOptionalString()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let customerReported, let payingAccounts, let dataIntegrity, let securityBreach else { throw Miss() }
        return ImpactReport(usersAffectedPercent: percent, usersAffectedCount: count,
                            customerReported: customerReported, payingAccounts: payingAccounts,
                            dataIntegrity: dataIntegrity, securityBreach: securityBreach, note: note)
    }

    private mutating func readRoleAssignment() throws(Miss) -> RoleAssignment {
        var role: Role?, person: String?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("role") {
                try seen.mark(0)
                role = try readEnum(EventJSONEnums.role)
            } else if key.matches("person") {
                try seen.mark(1)
                person = try readString()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let role, let person else { throw Miss() }
        return RoleAssignment(role: role, person: person)
    }

    private mutating func readEntry() throws(Miss) -> Entry {
        var kind: EntryKind?, text: String?, tags: [EntryTag]?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("text") {
                try seen.mark(0)
                text = try readString()
            } else if key.matches("kind") {
                try seen.mark(1)
                kind = try readEnum(EventJSONEnums.entryKind)
            } else if key.matches("tags") {
                try seen.mark(2)
                tags = try readTags()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let kind, let text, let tags else { throw Miss() }
        return Entry(kind: kind, text: text, tags: tags)
    }

    /// `[` tag, … `]`.
    private mutating func readTags() throws(Miss) -> [EntryTag] {
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index &+= 1
            return []
        }
        var tags: [EntryTag] = []
        while true {
            tags.append(try readEnum(EventJSONEnums.entryTag))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index &+= 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index &+= 1
                return tags
            default:
                throw Miss()
            }
        }
    }

    private mutating func readEntryAmendment() throws(Miss) -> EntryAmendment {
        var entry: UUID?, text: String?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("entry") {
                try seen.mark(0)
                entry = try readUUID()
            } else if key.matches("text") {
                try seen.mark(1)
                text = try readString()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let entry, let text else { throw Miss() }
        return EntryAmendment(entry: entry, text: text)
    }

    private mutating func readEntryRetraction() throws(Miss) -> EntryRetraction {
        var entry: UUID?, reason: String?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("entry") {
                try seen.mark(0)
                entry = try readUUID()
            } else if key.matches("reason") {
                try seen.mark(1)
                reason = try readOptionalString()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let entry else { throw Miss() }
        return EntryRetraction(entry: entry, reason: reason)
    }

    private mutating func readHypothesisOpening() throws(Miss) -> HypothesisOpening {
        var text: String?, owner: String?, timebox: TimeSpan?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("text") {
                try seen.mark(0)
                text = try readString()
            } else if key.matches("owner") {
                try seen.mark(1)
                owner = try readOptionalString()
            } else if key.matches("timebox") {
                try seen.mark(2)
                timebox = try readTimeSpan()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let text, let timebox else { throw Miss() }
        return HypothesisOpening(text: text, owner: owner, timebox: timebox)
    }

    private mutating func readHypothesisDecision() throws(Miss) -> HypothesisDecision {
        var hypothesis: UUID?, verdict: HypothesisVerdict?, extendedBy: TimeSpan?, note: String?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("hypothesis") {
                try seen.mark(0)
                hypothesis = try readUUID()
            } else if key.matches("verdict") {
                try seen.mark(1)
                verdict = try readEnum(EventJSONEnums.verdict)
            } else if key.matches("extendedBy") {
                try seen.mark(2)
                extendedBy = takeNull() ? nil : try readTimeSpan()
            } else if key.matches("note") {
                try seen.mark(3)
                note = try readOptionalString()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let hypothesis, let verdict else { throw Miss() }
        return HypothesisDecision(hypothesis: hypothesis, verdict: verdict, extendedBy: extendedBy, note: note)
    }

    private mutating func readNotificationRecord() throws(Miss) -> NotificationRecord {
        var target: String?, kind: NotificationKind?, tier: String?, obligation: ObligationKind?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("target") {
                try seen.mark(0)
                target = try readString()
            } else if key.matches("kind") {
                try seen.mark(1)
                kind = try readEnum(EventJSONEnums.notificationKind)
            } else if key.matches("tier") {
                try seen.mark(2)
                tier = try readOptionalString()
            } else if key.matches("obligation") {
                try seen.mark(3)
                obligation = try readOptionalEnum(EventJSONEnums.obligationKind)
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let target, let kind else { throw Miss() }
        return NotificationRecord(target: target, kind: kind, tier: tier, obligation: obligation)
    }

    private mutating func readStatusChange() throws(Miss) -> StatusChange {
        var to: IncidentStatus?, reopen: Bool?, reason: String?, overridden: Bool?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("to") {
                try seen.mark(0)
                to = try readEnum(EventJSONEnums.incidentStatus)
            } else if key.matches("reopen") {
                try seen.mark(1)
                reopen = try readBool()
            } else if key.matches("reason") {
                try seen.mark(2)
                reason = try readOptionalString()
            } else if key.matches("overridden") {
                try seen.mark(3)
                overridden = try readBool()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let to, let reopen, let overridden else { throw Miss() }
        return StatusChange(to: to, reopen: reopen, reason: reason, overridden: overridden)
    }

    private mutating func readStatusUpdatePost() throws(Miss) -> StatusUpdatePost {
        var audience: Audience?, text: String?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("audience") {
                try seen.mark(0)
                audience = try readEnum(EventJSONEnums.audience)
            } else if key.matches("text") {
                try seen.mark(1)
                text = try readString()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let audience, let text else { throw Miss() }
        return StatusUpdatePost(audience: audience, text: text)
    }

    private mutating func readPostmortemStatusChange() throws(Miss) -> PostmortemStatusChange {
        var status: PostmortemStatus?, forced: [String]?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("status") {
                try seen.mark(0)
                status = try readEnum(EventJSONEnums.postmortemStatus)
            } else if key.matches("forced") {
                try seen.mark(1)
                forced = takeNull() ? nil : try readStrings()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let status else { throw Miss() }
        return PostmortemStatusChange(status: status, forced: forced)
    }

    /// `[` string, … `]`.
    private mutating func readStrings() throws(Miss) -> [String] {
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index &+= 1
            return []
        }
        var strings: [String] = []
        while true {
            strings.append(try readString())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index &+= 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index &+= 1
                return strings
            default:
                throw Miss()
            }
        }
    }

    private mutating func readActionItemUpdate() throws(Miss) -> ActionItemUpdate {
        var item: UUID?, text: String?, owner: String?, priority: ActionPriority?, due: Timestamp?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("item") {
                try seen.mark(0)
                item = try readUUID()
            } else if key.matches("text") {
                try seen.mark(1)
                text = try readOptionalString()
            } else if key.matches("owner") {
                try seen.mark(2)
                owner = try readOptionalString()
            } else if key.matches("priority") {
                try seen.mark(3)
                priority = try readOptionalEnum(EventJSONEnums.actionPriority)
            } else if key.matches("due") {
                try seen.mark(4)
                due = try readOptionalTimestamp()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let item else { throw Miss() }
        return ActionItemUpdate(item: item, text: text, owner: owner, priority: priority, due: due)
    }

    private mutating func readActionItemStatusChange() throws(Miss) -> ActionItemStatusChange {
        var item: UUID?, status: ActionItemStatus?, reason: String?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("item") {
                try seen.mark(0)
                item = try readUUID()
            } else if key.matches("status") {
                try seen.mark(1)
                status = try readEnum(EventJSONEnums.actionItemStatus)
            } else if key.matches("reason") {
                try seen.mark(2)
                reason = try readOptionalString()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let item, let status else { throw Miss() }
        return ActionItemStatusChange(item: item, status: status, reason: reason)
    }

    private mutating func readWhyAmendment() throws(Miss) -> WhyAmendment {
        var number: Int?, text: String?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("number") {
                try seen.mark(0)
                number = try readInt()
            } else if key.matches("text") {
                try seen.mark(1)
                text = try readString()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let number, let text else { throw Miss() }
        return WhyAmendment(number: number, text: text)
    }

    private mutating func readIncidentFacts() throws(Miss) -> IncidentFacts {
        var service: String?, impactStartedAt: Timestamp?, detectedAt: Timestamp?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("service") {
                try seen.mark(0)
                service = try readOptionalString()
            } else if key.matches("impactStartedAt") {
                try seen.mark(1)
                impactStartedAt = try readOptionalTimestamp()
            } else if key.matches("detectedAt") {
                try seen.mark(2)
                detectedAt = try readOptionalTimestamp()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        return IncidentFacts(service: service, impactStartedAt: impactStartedAt, detectedAt: detectedAt)
    }
}
