#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension TimelineItem {
    /// What a recorded change was, with every value its row's wording needs, so the fold writes no
    /// display text. Indirect: a row stays one reference wide however big its case, so the items
    /// the timeline cache keys on stay cheap to copy.
    public indirect enum Detail: Hashable, Sendable {
        /// The incident was declared.
        case declared(Declaration)
        /// The severity moved from `from`, by a person (`reason`) or a trigger.
        case severity(from: Severity, to: Severity, reason: String?, trigger: UpgradeTrigger?)
        /// An impact report, as recorded (figures the fold ignored included: the row shows them).
        case impact(ImpactRow)
        /// Someone took a role; `previous` held it before (a handoff).
        case role(Role, person: String, previous: String?)
        /// A hypothesis opened (`verdict` nil) or decided.
        case hypothesis(HypothesisRow)
        /// Somebody outside the room was told or brought in.
        case notification(NotificationRecord)
        /// `person` acknowledged page `#page` (nil: a page this incident does not have), `after`
        /// the page.
        case pageAcknowledged(person: String, page: Int?, after: TimeSpan?)
        /// A runbook opened in the war room or linked to the incident.
        case runbook(RunbookUse)
        /// The status moved (`to` is investigating on a reopen).
        case status(from: IncidentStatus, to: IncidentStatus, reason: String?, overridden: Bool)
        /// A status update posted to one audience, with its text.
        case update(Audience, text: String)
        /// Facts set or corrected after the declaration.
        case facts(FactsRow)
        /// The post-mortem moved to `status`; `forced` when marked final with --force.
        case postmortemStatus(PostmortemStatus, forced: Bool)
        /// A post-mortem section's text was written.
        case postmortemText(PostmortemSection)
        /// The post-mortem's impact figures were recorded.
        case postmortemImpact
        /// A contributing factor was set.
        case factor(ContributingFactor)
        /// Answer `number` of the 5 whys, written (`amended` false) or amended.
        case why(number: Int, text: String, amended: Bool)
        /// An action item was added, as numbered then.
        case actionItemAdded(number: Int, ActionItemAdded)
        /// An action item was done; `text` is its text then.
        case actionItemDone(number: Int, text: String)
        /// An action item was edited; `text` is its text after the edit.
        case actionItemEdited(number: Int, ActionItemUpdate, text: String)
        /// An action item moved to another status; `text` is its text then.
        case actionItemStatus(number: Int, ActionItemStatusChange, text: String)
        /// A cause tag was put on or taken off.
        case causeTag(CauseTagChange)
        /// A link to another incident was made, changed (`previous`: the kind it had) or taken off.
        case link(IncidentLinkChange, previous: LinkKind?)
        /// The event refers to something this incident does not have.
        case unknownTarget(UnknownTarget)
    }

    /// A hypothesis row: what was opened, or what was decided about it.
    public struct HypothesisRow: Hashable, Sendable {
        /// Its number (#1, #2 …).
        public var number: Int
        /// Nil when opened.
        public var verdict: HypothesisVerdict?
        /// The hypothesis's text.
        public var text: String
        /// The owner named when it opened.
        public var owner: String?
        /// The timebox when opened; how much longer it runs when extended.
        public var span: TimeSpan
        /// The decision's note.
        public var note: String?

        /// A row as the fold records it.
        public init(number: Int, verdict: HypothesisVerdict?, text: String, owner: String?, span: TimeSpan, note: String?) {
            self.number = number
            self.verdict = verdict
            self.text = text
            self.owner = owner
            self.span = span
            self.note = note
        }
    }

    /// The facts given, each with what was known before it (nil when nothing was).
    public struct FactsRow: Hashable, Sendable {
        /// The service given, trimmed, and the one before.
        public var service: (new: String, old: String?)? {
            newService.map { ($0, oldService) }
        }
        /// When impact started, as given, and before.
        public var impactStarted: (new: Timestamp, old: Timestamp?)? {
            newImpactStart.map { ($0, oldImpactStart) }
        }
        /// When the problem was detected, as given, and before.
        public var detected: (new: Timestamp, old: Timestamp?)? {
            newDetected.map { ($0, oldDetected) }
        }
        /// The declaration's time: times on its day are written without the date.
        public var declaredAt: Timestamp

        private var newService: String?, oldService: String?
        private var newImpactStart: Timestamp?, oldImpactStart: Timestamp?
        private var newDetected: Timestamp?, oldDetected: Timestamp?

        /// A row as the fold records it.
        public init(service: (new: String, old: String?)?, impactStarted: (new: Timestamp, old: Timestamp?)?,
                    detected: (new: Timestamp, old: Timestamp?)?, declaredAt: Timestamp) {
            (newService, oldService) = (service?.new, service?.old)
            (newImpactStart, oldImpactStart) = (impactStarted?.new, impactStarted?.old)
            (newDetected, oldDetected) = (detected?.new, detected?.old)
            self.declaredAt = declaredAt
        }
    }

    /// An impact report as a row keeps it. Equal by the bits of its share, so a row that
    /// recorded NaN (an imported event may carry anything) equals itself and folding stays
    /// comparable.
    public struct ImpactRow: Hashable, Sendable {
        /// The report as recorded.
        public var report: ImpactReport

        /// A row of `report`.
        public init(_ report: ImpactReport) { self.report = report }

        public static func == (lhs: ImpactRow, rhs: ImpactRow) -> Bool {
            var left = lhs.report, right = rhs.report
            guard left.usersAffectedPercent?.bitPattern == right.usersAffectedPercent?.bitPattern else { return false }
            (left.usersAffectedPercent, right.usersAffectedPercent) = (nil, nil)
            return left == right
        }

        public func hash(into hasher: inout Hasher) {
            var plain = report
            plain.usersAffectedPercent = nil
            hasher.combine(plain)
            hasher.combine(report.usersAffectedPercent?.bitPattern)
        }
    }

    /// What an event referred to that the incident does not have.
    public enum UnknownTarget: String, Hashable, Sendable, CaseIterable {
        case hypothesis, actionItemDone, actionItemEdit, actionItemStatus, why
    }
}
