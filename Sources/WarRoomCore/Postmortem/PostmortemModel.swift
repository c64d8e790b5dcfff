#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The free-text sections of the post-mortem template.
public enum PostmortemSection: String, CaseIterable, Codable, Sendable {
    case summary, impact
    case whatHappened = "what-happened"
    case wentWell = "went-well"
    case wentPoorly = "went-poorly"
    case lessons

    /// The template's heading for the section.
    public var heading: String {
        switch self {
        case .summary: "Executive Summary"
        case .impact: "Impact"
        case .whatHappened: "What happened"
        case .wentWell: "What Went Well"
        case .wentPoorly: "What Went Poorly"
        case .lessons: "Lessons Learned"
        }
    }
}

/// The three depths of contributing factors in the template.
public enum FactorLevel: String, CaseIterable, Codable, Sendable {
    case immediate, underlying, systemic

    /// The template's label: "Immediate cause".
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() + " cause" }
}

/// An action item's priority.
public enum ActionPriority: String, CaseIterable, Codable, Sendable {
    case p1 = "P1", p2 = "P2", p3 = "P3"

    public static func parse(_ text: String) throws(CommandError) -> ActionPriority {
        guard let priority = ActionPriority(rawValue: text.trimmingSpaces.uppercased()) else {
            throw .unknownPriority(text)
        }
        return priority
    }
}

/// A section's text was set (the latest setting wins).
public struct PostmortemText: Hashable, Codable, Sendable {
    public var section: PostmortemSection
    public var text: String
    public init(section: PostmortemSection, text: String) {
        self.section = section
        self.text = text
    }
}

/// The impact figures of the template; nil fields say nothing new.
public struct PostmortemImpact: Hashable, Codable, Sendable {
    public var usersAffected: String?
    public var revenue: String?
    public var sloBudget: String?
    public var supportTickets: Int?
    public init(usersAffected: String? = nil, revenue: String? = nil, sloBudget: String? = nil, supportTickets: Int? = nil) {
        self.usersAffected = usersAffected
        self.revenue = revenue
        self.sloBudget = sloBudget
        self.supportTickets = supportTickets
    }
}

/// A contributing factor at one depth (the latest setting wins).
public struct ContributingFactor: Hashable, Codable, Sendable {
    public var level: FactorLevel
    public var text: String
    public init(level: FactorLevel, text: String) {
        self.level = level
        self.text = text
    }
}

/// The next answer of the 5 whys.
public struct WhyAnswer: Hashable, Codable, Sendable {
    public var text: String
    public init(text: String) { self.text = text }
}

/// A follow-up action item. `fromEntry` links it to the `TODO:` entry it came from.
public struct ActionItemAdded: Hashable, Codable, Sendable {
    public var text: String
    public var owner: String
    public var priority: ActionPriority
    /// The due date, as midnight UTC of that day.
    public var due: Timestamp
    public var fromEntry: UUID?
    public init(text: String, owner: String, priority: ActionPriority, due: Timestamp, fromEntry: UUID? = nil) {
        self.text = text
        self.owner = owner
        self.priority = priority
        self.due = due
        self.fromEntry = fromEntry
    }
}

/// An action item was done.
public struct ActionItemDone: Hashable, Codable, Sendable {
    public var item: UUID
    public init(item: UUID) { self.item = item }
}

/// Everything recorded for the post-mortem.
public struct PostmortemState: Hashable, Sendable {
    public var texts: [PostmortemSection: String] = [:]
    public var impact = PostmortemImpact()
    public var factors: [FactorLevel: String] = [:]
    public var whys: [String] = []
    public var actionItems: [ActionItem] = []
    /// Who last wrote to the post-mortem: its author in the header.
    public var lastAuthor: String?

    public init() {}
}

/// An action item and where it stands.
public struct ActionItem: Hashable, Sendable, Identifiable {
    public var id: UUID
    /// Its number within the incident (1, 2, …); across incidents it is `INC-3:2`.
    public var number: Int
    public var text: String
    public var owner: String
    public var priority: ActionPriority
    public var due: Timestamp
    public var addedAt: Timestamp
    public var doneAt: Timestamp?
    public var fromEntry: UUID?

    public var isDone: Bool { doneAt != nil }

    /// Done on or before the end of its due day.
    public var doneOnTime: Bool { doneAt.map { $0 < due + .hours(24) } ?? false }

    /// Open past the end of its due day.
    public func isOverdue(at now: Timestamp) -> Bool { doneAt == nil && now >= due + .hours(24) }
}

extension IncidentState {
    /// Timeline entries that start with `TODO:` and have no action item made from them yet:
    /// proposed action items, in timeline order.
    public var proposedActionItems: [TimelineItem] {
        let taken = Set(postmortem.actionItems.compactMap(\.fromEntry))
        return timeline.filter { item in
            item.kind.isEntry && !item.isRetracted && !taken.contains(item.id)
                && item.text.trimmingSpaces.uppercased().hasPrefix("TODO:")
        }
    }
}

extension TimeExpression {
    /// A due date: `YYYY-MM-DD`, or `+7d` (days after `now`); midnight UTC of that day.
    public static func date(_ text: String, now: Timestamp) throws(CommandError) -> Timestamp {
        let trimmed = String(text.trimmingSpaces)
        if trimmed.hasPrefix("+"), trimmed.hasSuffix("d"), let days = Int64(trimmed.dropFirst().dropLast()), (0...3650).contains(days) {
            return (now + .hours(24 * days)).startOfDay
        }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int64(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let instant = Timestamp(CivilTime(year: year, month: month, day: day, hour: 0, minute: 0, second: 0, millisecond: 0))
        else { throw .invalidDate(text) }
        return instant
    }
}
