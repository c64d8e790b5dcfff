#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A command as stable JSON, for the offline spool: a `command` name and named fields, spelled
/// here once and never renamed (a spool written by this version must read back after an upgrade).
/// Times are milliseconds and spans milliseconds, so nothing is rounded; payload structs keep the
/// encoding the event log already gives them.
extension Command: Codable {
    enum Key: String, CodingKey {
        case command, declaration, severity, reason, impact, role, person, entry, entryID, text, owner
        case timeboxMillis, number, verdict, extendedByMillis, note, markIdentified, target, kind, tier
        case status, force, audience, postmortemStatus, forced, section, postmortemImpact, factor
        case priority, dueMillis, facts, actionStatus, tag, remove, link, other, page, pageID, runbook, drill
    }

    /// The stored name of each case.
    enum Name: String, Codable {
        case declare, setSeverity, recordImpact, assignRole, log, amend, retract, openHypothesis
        case decideHypothesis, notify, setStatus, postUpdate, setPostmortemStatus, setPostmortemText
        case setPostmortemImpact, setFactor, addWhy, addActionItem, completeActionItem, setFacts
        case editActionItem, setActionItemStatus, amendWhy, tagCause, link, unlink, page, acknowledgePage, useRunbook, markDrill
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        func name(_ value: Name) throws { try c.encode(value, forKey: .command) }
        switch self {
        case .declare(let declaration):
            try name(.declare); try c.encode(declaration, forKey: .declaration)
        case .setSeverity(let level, let reason):
            try name(.setSeverity); try c.encode(level, forKey: .severity); try c.encodeIfPresent(reason, forKey: .reason)
        case .recordImpact(let report):
            try name(.recordImpact); try c.encode(report, forKey: .impact)
        case .assignRole(let role, let person):
            try name(.assignRole); try c.encode(role, forKey: .role); try c.encode(person, forKey: .person)
        case .log(let entry):
            try name(.log); try c.encode(entry, forKey: .entry)
        case .amend(let id, let text):
            try name(.amend); try c.encode(id, forKey: .entryID); try c.encode(text, forKey: .text)
        case .retract(let id, let reason):
            try name(.retract); try c.encode(id, forKey: .entryID); try c.encodeIfPresent(reason, forKey: .reason)
        case .openHypothesis(let text, let owner, let timebox):
            try name(.openHypothesis); try c.encode(text, forKey: .text); try c.encodeIfPresent(owner, forKey: .owner)
            try c.encodeIfPresent(timebox?.millis, forKey: .timeboxMillis)
        case .decideHypothesis(let number, let verdict, let extendedBy, let note, let markIdentified):
            try name(.decideHypothesis); try c.encode(number, forKey: .number); try c.encode(verdict, forKey: .verdict)
            try c.encodeIfPresent(extendedBy?.millis, forKey: .extendedByMillis)
            try c.encodeIfPresent(note, forKey: .note); try c.encode(markIdentified, forKey: .markIdentified)
        case .page(let record):
            try name(.page); try c.encode(record, forKey: .page)
        case .acknowledgePage(let page, let person):
            try name(.acknowledgePage); try c.encode(page, forKey: .pageID); try c.encode(person, forKey: .person)
        case .notify(let target, let kind, let tier):
            try name(.notify); try c.encode(target, forKey: .target); try c.encodeIfPresent(kind, forKey: .kind)
            try c.encodeIfPresent(tier, forKey: .tier)
        case .setStatus(let target, let reason, let force):
            try name(.setStatus); try c.encode(target.storedName, forKey: .status)
            try c.encodeIfPresent(reason, forKey: .reason); try c.encode(force, forKey: .force)
        case .postUpdate(let audience, let text):
            try name(.postUpdate); try c.encode(audience, forKey: .audience); try c.encode(text, forKey: .text)
        case .setPostmortemStatus(let status, let forced):
            try name(.setPostmortemStatus); try c.encode(status, forKey: .postmortemStatus)
            try c.encodeIfPresent(forced, forKey: .forced)
        case .setPostmortemText(let section, let text):
            try name(.setPostmortemText); try c.encode(section, forKey: .section); try c.encode(text, forKey: .text)
        case .setPostmortemImpact(let impact):
            try name(.setPostmortemImpact); try c.encode(impact, forKey: .postmortemImpact)
        case .setFactor(let level, let text):
            try name(.setFactor); try c.encode(level, forKey: .factor); try c.encode(text, forKey: .text)
        case .addWhy(let text):
            try name(.addWhy); try c.encode(text, forKey: .text)
        case .tagCause(let tag, let remove):
            try name(.tagCause); try c.encode(tag, forKey: .tag); try c.encode(remove, forKey: .remove)
        case .link(let link):
            try name(.link); try c.encode(link, forKey: .link)
        case .unlink(let other):
            try name(.unlink); try c.encode(other, forKey: .other)
        case .useRunbook(let use):
            try name(.useRunbook); try c.encode(use, forKey: .runbook)
        case .markDrill(let mark):
            try name(.markDrill); try c.encode(mark, forKey: .drill)
        case .addActionItem(let text, let owner, let priority, let due, let fromEntry, let force):
            try name(.addActionItem); try c.encode(text, forKey: .text); try c.encode(owner, forKey: .owner)
            try c.encode(priority, forKey: .priority); try c.encode(due.millis, forKey: .dueMillis)
            try c.encodeIfPresent(fromEntry, forKey: .entryID); try c.encode(force, forKey: .force)
        case .completeActionItem(let number):
            try name(.completeActionItem); try c.encode(number, forKey: .number)
        case .setFacts(let facts):
            try name(.setFacts); try c.encode(facts, forKey: .facts)
        case .editActionItem(let number, let text, let owner, let priority, let due, let force):
            try name(.editActionItem); try c.encode(number, forKey: .number)
            try c.encodeIfPresent(text, forKey: .text); try c.encodeIfPresent(owner, forKey: .owner)
            try c.encodeIfPresent(priority, forKey: .priority); try c.encodeIfPresent(due?.millis, forKey: .dueMillis)
            try c.encode(force, forKey: .force)
        case .setActionItemStatus(let number, let status, let reason):
            try name(.setActionItemStatus); try c.encode(number, forKey: .number)
            try c.encode(status, forKey: .actionStatus); try c.encodeIfPresent(reason, forKey: .reason)
        case .amendWhy(let number, let text):
            try name(.amendWhy); try c.encode(number, forKey: .number); try c.encode(text, forKey: .text)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        func span(_ key: Key) throws -> TimeSpan? { try c.decodeIfPresent(Int64.self, forKey: key).map(TimeSpan.init(millis:)) }
        func time(_ key: Key) throws -> Timestamp? { try c.decodeIfPresent(Int64.self, forKey: key).map(Timestamp.init(millis:)) }
        switch try c.decode(Name.self, forKey: .command) {
        case .declare:
            self = .declare(try c.decode(Declaration.self, forKey: .declaration))
        case .setSeverity:
            self = .setSeverity(try c.decode(Severity.self, forKey: .severity), reason: try c.decodeIfPresent(String.self, forKey: .reason))
        case .recordImpact:
            self = .recordImpact(try c.decode(ImpactReport.self, forKey: .impact))
        case .assignRole:
            self = .assignRole(try c.decode(Role.self, forKey: .role), person: try c.decode(String.self, forKey: .person))
        case .log:
            self = .log(try c.decode(Entry.self, forKey: .entry))
        case .amend:
            self = .amend(entry: try c.decode(UUID.self, forKey: .entryID), text: try c.decode(String.self, forKey: .text))
        case .retract:
            self = .retract(entry: try c.decode(UUID.self, forKey: .entryID), reason: try c.decodeIfPresent(String.self, forKey: .reason))
        case .openHypothesis:
            self = .openHypothesis(text: try c.decode(String.self, forKey: .text), owner: try c.decodeIfPresent(String.self, forKey: .owner),
                                   timebox: try span(.timeboxMillis))
        case .decideHypothesis:
            self = .decideHypothesis(number: try c.decode(Int.self, forKey: .number),
                                     verdict: try c.decode(HypothesisVerdict.self, forKey: .verdict),
                                     extendedBy: try span(.extendedByMillis), note: try c.decodeIfPresent(String.self, forKey: .note),
                                     markIdentified: try c.decode(Bool.self, forKey: .markIdentified))
        case .page:
            self = .page(try c.decode(NotificationRecord.self, forKey: .page))
        case .acknowledgePage:
            self = .acknowledgePage(page: try c.decode(UUID.self, forKey: .pageID), person: try c.decode(String.self, forKey: .person))
        case .notify:
            self = .notify(target: try c.decode(String.self, forKey: .target),
                           kind: try c.decodeIfPresent(NotificationKind.self, forKey: .kind),
                           tier: try c.decodeIfPresent(String.self, forKey: .tier))
        case .setStatus:
            let stored = try c.decode(String.self, forKey: .status)
            guard let target = StatusTarget(storedName: stored) else {
                throw DecodingError.dataCorruptedError(forKey: .status, in: c, debugDescription: "'\(stored)' is not a status")
            }
            self = .setStatus(target, reason: try c.decodeIfPresent(String.self, forKey: .reason),
                              force: try c.decode(Bool.self, forKey: .force))
        case .postUpdate:
            self = .postUpdate(audience: try c.decode(Audience.self, forKey: .audience), text: try c.decode(String.self, forKey: .text))
        case .setPostmortemStatus:
            self = .setPostmortemStatus(try c.decode(PostmortemStatus.self, forKey: .postmortemStatus),
                                        forced: try c.decodeIfPresent([String].self, forKey: .forced))
        case .setPostmortemText:
            self = .setPostmortemText(try c.decode(PostmortemSection.self, forKey: .section), text: try c.decode(String.self, forKey: .text))
        case .setPostmortemImpact:
            self = .setPostmortemImpact(try c.decode(PostmortemImpact.self, forKey: .postmortemImpact))
        case .setFactor:
            self = .setFactor(try c.decode(FactorLevel.self, forKey: .factor), text: try c.decode(String.self, forKey: .text))
        case .addWhy:
            self = .addWhy(try c.decode(String.self, forKey: .text))
        case .tagCause:
            self = .tagCause(try c.decode(String.self, forKey: .tag), remove: try c.decode(Bool.self, forKey: .remove))
        case .link:
            self = .link(try c.decode(IncidentLink.self, forKey: .link))
        case .unlink:
            self = .unlink(try c.decode(IncidentID.self, forKey: .other))
        case .useRunbook:
            self = .useRunbook(try c.decode(RunbookUse.self, forKey: .runbook))
        case .markDrill:
            self = .markDrill(try c.decode(DrillMark.self, forKey: .drill))
        case .addActionItem:
            guard let due = try time(.dueMillis) else {
                throw DecodingError.keyNotFound(Key.dueMillis, .init(codingPath: c.codingPath, debugDescription: "an action item needs its due day"))
            }
            self = .addActionItem(text: try c.decode(String.self, forKey: .text), owner: try c.decode(String.self, forKey: .owner),
                                  priority: try c.decode(ActionPriority.self, forKey: .priority), due: due,
                                  fromEntry: try c.decodeIfPresent(UUID.self, forKey: .entryID), force: try c.decode(Bool.self, forKey: .force))
        case .completeActionItem:
            self = .completeActionItem(number: try c.decode(Int.self, forKey: .number))
        case .setFacts:
            self = .setFacts(try c.decode(IncidentFacts.self, forKey: .facts))
        case .editActionItem:
            self = .editActionItem(number: try c.decode(Int.self, forKey: .number), text: try c.decodeIfPresent(String.self, forKey: .text),
                                   owner: try c.decodeIfPresent(String.self, forKey: .owner),
                                   priority: try c.decodeIfPresent(ActionPriority.self, forKey: .priority), due: try time(.dueMillis),
                                   force: try c.decode(Bool.self, forKey: .force))
        case .setActionItemStatus:
            self = .setActionItemStatus(number: try c.decode(Int.self, forKey: .number),
                                        status: try c.decode(ActionItemStatus.self, forKey: .actionStatus),
                                        reason: try c.decodeIfPresent(String.self, forKey: .reason))
        case .amendWhy:
            self = .amendWhy(number: try c.decode(Int.self, forKey: .number), text: try c.decode(String.self, forKey: .text))
        }
    }
}

extension StatusTarget {
    /// `reopen`, or the status's stored name.
    var storedName: String {
        switch self {
        case .reopen: IncidentStatus.reopen
        case .status(let status): status.rawValue
        }
    }

    init?(storedName: String) {
        if storedName == IncidentStatus.reopen { self = .reopen } else if let status = IncidentStatus(rawValue: storedName) {
            self = .status(status)
        } else { return nil }
    }
}
