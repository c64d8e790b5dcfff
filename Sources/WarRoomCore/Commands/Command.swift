#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a person asks for. `decide` checks it against the state and turns it into events;
/// the CLI and the war room's input line both produce commands.
public enum Command: Hashable, Sendable {
    case declare(Declaration)
    /// A manual severity change; a downgrade needs a reason.
    case setSeverity(Severity, reason: String?)
    case recordImpact(ImpactReport)
    case assignRole(Role, person: String)
    case log(Entry)
    case amend(entry: UUID, text: String)
    case retract(entry: UUID, reason: String?)
    /// Opens a hypothesis; a nil timebox uses the policy's.
    case openHypothesis(text: String, owner: String?, timebox: TimeSpan?)
    /// Decides hypothesis #`number`. Confirming one while investigating also marks the incident
    /// identified unless `markIdentified` is false.
    case decideHypothesis(number: Int, verdict: HypothesisVerdict, extendedBy: TimeSpan?, note: String?,
                          markIdentified: Bool)
    /// Records a notification or escalation. `kind` nil lets the core tell from the target.
    case notify(target: String, kind: NotificationKind?, tier: String?)
    case setStatus(StatusTarget, reason: String?, force: Bool)
    case postUpdate(audience: Audience, text: String)
    /// Marks the post-mortem draft, review or final; `forced` lists what was still missing when a
    /// person marked it final anyway (the CLI checks placeholders and blame before asking).
    case setPostmortemStatus(PostmortemStatus, forced: [String]? = nil)
    case setPostmortemText(PostmortemSection, text: String)
    case setPostmortemImpact(PostmortemImpact)
    case setFactor(FactorLevel, text: String)
    case addWhy(String)
    /// Adds an action item; `fromEntry` links a `TODO:` entry it was proposed from. A due day
    /// before today is refused unless `force`.
    case addActionItem(text: String, owner: String, priority: ActionPriority, due: Timestamp, fromEntry: UUID?,
                       force: Bool = false)
    /// Marks action item `number` done.
    case completeActionItem(number: Int)
    /// Sets or corrects the service, impact start or detection time.
    case setFacts(IncidentFacts)
    /// Changes the given fields of action item `number`; a due day before today needs `force`.
    case editActionItem(number: Int, text: String?, owner: String?, priority: ActionPriority?, due: Timestamp?,
                        force: Bool)
    /// Moves action item `number` to a status; dropping needs a reason.
    case setActionItemStatus(number: Int, status: ActionItemStatus, reason: String?)
    /// Replaces answer `number` of the 5 whys.
    case amendWhy(number: Int, text: String)
    /// Puts a root-cause tag on the incident (`remove`: takes it off). The tag is checked against
    /// `CauseTag`'s spelling here; against the tags other incidents use by the CLI and the war
    /// room, which can see them.
    case tagCause(String, remove: Bool)
    /// Links another incident (`/link INC-4 parent`: INC-4 coordinates this one), or changes the
    /// kind of the link to it. Whether the other incident exists, and whether the link contradicts
    /// the links other incidents record, is checked by the CLI and the war room (`LinkGraph`),
    /// which can see them.
    case link(IncidentLink)
    /// Takes the link to another incident off.
    case unlink(IncidentID)
    /// Page a person, as the on-call schedule resolved them (`record` names person, schedule and
    /// level; `escalates` when a war room escalates an unanswered page).
    case page(NotificationRecord)
    /// `person` answered page `page` (its event id).
    case acknowledgePage(page: UUID, person: String)
    /// A runbook opened in the war room (recorded once a person and runbook) or linked to the
    /// incident (`/runbook NAME`, once a runbook).
    case useRunbook(RunbookUse)
    /// The drill runner marks what it did (`warroom drill run`); only a drill takes it.
    case markDrill(DrillMark)
}

/// Where a status command goes: a lifecycle status, or back to investigating.
public enum StatusTarget: Hashable, Sendable {
    case status(IncidentStatus)
    case reopen

    /// Reads a status name or `reopen`.
    public static func parse(_ text: String) throws(CommandError) -> StatusTarget {
        let key = String(text.trimmingSpaces.lowercased())
        if key == IncidentStatus.reopen { return .reopen }
        if let status = IncidentStatus(rawValue: key) ?? IncidentStatus.verbs.first(where: { $0.0 == key })?.1 {
            return .status(status)
        }
        throw .unknownStatus(text)
    }
}
