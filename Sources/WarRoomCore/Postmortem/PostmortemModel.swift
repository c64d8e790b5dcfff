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
    /// The 5 whys, each at its latest (amended) text.
    public var whys: [String] = []
    public var actionItems: [ActionItem] = []
    /// The root causes as tags (`config-push`), in the order they were put on.
    public var causes: [String] = []
    /// Who last wrote to the post-mortem: its author in the header.
    public var lastAuthor: String?
    /// What was still missing when the post-mortem was last marked final with `--force`; nil when
    /// the latest status change was not forced. The document keeps it as a warning at the top.
    public var forcedFinal: [String]?
    /// Sections, impact figures, factors or whys changed since the post-mortem was marked final: a
    /// reader must know the final text was not the one reviewed. (Action items move on after
    /// final by design and do not count.)
    public var editsSinceFinal = 0

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
    /// When it was (last) done; nil unless its status is done.
    public var doneAt: Timestamp?
    public var fromEntry: UUID?
    /// Where it stands; `doneAt` is set exactly when this is `.done`.
    public var status: ActionItemStatus = .notStarted
    /// Why it was dropped (set while dropped), or the reason given with the last status change.
    public var statusReason: String?

    /// Creates an item; the status follows `doneAt` (done when set, else not started).
    public init(id: UUID, number: Int, text: String, owner: String, priority: ActionPriority, due: Timestamp,
                addedAt: Timestamp, doneAt: Timestamp?, fromEntry: UUID?) {
        self.id = id
        self.number = number
        self.text = text
        self.owner = owner
        self.priority = priority
        self.due = due
        self.addedAt = addedAt
        self.doneAt = doneAt
        self.fromEntry = fromEntry
        self.status = doneAt == nil ? .notStarted : .done
    }

    /// Done (and not reopened since).
    public var isDone: Bool { status == .done }
    /// Dropped on purpose: neither open nor done, and left out of the on-time share.
    public var isDropped: Bool { status == .dropped }
    /// Still to do: not started or in progress.
    public var isOpen: Bool { status == .notStarted || status == .inProgress }

    /// Done on or before the end of its due day.
    public var doneOnTime: Bool { isDone && (doneAt.map { $0 < due + .hours(24) } ?? false) }

    /// Open past the end of its due day.
    public func isOverdue(at now: Timestamp) -> Bool { isOpen && now >= due + .hours(24) }
}

/// Where an action item stands. Stored by these names in `actionItemStatusChanged`.
public enum ActionItemStatus: String, CaseIterable, Codable, Sendable {
    case notStarted, inProgress, done, dropped

    /// As the post-mortem's table writes it: `Not Started`, `In Progress`, `Done`, `Dropped`.
    public var label: String {
        switch self {
        case .notStarted: "Not Started"
        case .inProgress: "In Progress"
        case .done: "Done"
        case .dropped: "Dropped"
        }
    }
}

/// Changes some fields of an action item; nil fields stay as they were.
public struct ActionItemUpdate: Hashable, Codable, Sendable {
    public var item: UUID
    public var text: String?
    public var owner: String?
    public var priority: ActionPriority?
    /// The new due date, as midnight UTC of that day.
    public var due: Timestamp?
    public init(item: UUID, text: String? = nil, owner: String? = nil, priority: ActionPriority? = nil, due: Timestamp? = nil) {
        self.item = item
        self.text = text
        self.owner = owner
        self.priority = priority
        self.due = due
    }
}

/// An action item moved to another status; dropping one carries why.
public struct ActionItemStatusChange: Hashable, Codable, Sendable {
    public var item: UUID
    public var status: ActionItemStatus
    public var reason: String?
    public init(item: UUID, status: ActionItemStatus, reason: String? = nil) {
        self.item = item
        self.status = status
        self.reason = reason
    }
}

/// Replaces the text of answer `number` (1–5) of the 5 whys; the original stays in the record.
public struct WhyAmendment: Hashable, Codable, Sendable {
    public var number: Int
    public var text: String
    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// A timeline entry proposed as an action item by starting with `TODO:`, with its number.
public struct TodoProposal: Hashable, Sendable {
    /// Its order among every `TODO:` entry of the incident (1, 2, …): stable for the incident's
    /// life, whatever is adopted, retracted or amended later.
    public var number: Int
    /// The entry, at its latest text.
    public var entry: TimelineItem
    /// The action item made from it, if any.
    public var adoptedAs: Int?

    /// Waiting to become an action item: not adopted, not retracted, still a `TODO:`.
    public var isOpen: Bool { adoptedAs == nil && !entry.isRetracted && TodoProposal.isTodo(entry.text) }

    /// Whether a text proposes an action item: it starts with `TODO:`, in any case, after spaces.
    public static func isTodo(_ text: String) -> Bool {
        // Run for every entry of every fold, so ASCII is decided from the bytes; anything else
        // (a non-ASCII byte among the first characters) by Unicode's rules in `isTodoByCharacters`.
        var matched = 0
        var leading = true
        for byte in text.utf8 {
            if byte >= 0x80 { return isTodoByCharacters(text) }
            if leading, byte == 0x20 || (0x09...0x0D).contains(byte) { continue }
            leading = false
            // After `TODO:` an ASCII byte starts a character of its own: the colon stands alone.
            if matched == 5 { return true }
            let folded = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            guard folded == todoBytes[matched] else { return false }
            matched += 1
        }
        return matched == 5
    }

    private static let todoBytes = Array("todo:".utf8)

    /// The rule itself: the first five characters after whitespace, uppercased, are `TODO:`.
    package static func isTodoByCharacters(_ text: String) -> Bool {
        // Only the first five characters are looked at: uppercasing every whole entry as it was
        // folded made the fold of a long incident four times slower.
        let head = text.drop(while: \.isWhitespace).prefix(5)
        return head.count == 5 && head.uppercased() == "TODO:"
    }
}

extension IncidentState {
    /// Every timeline entry that is or ever was a `TODO:` (by its first or any later text), numbered
    /// in the order they became proposals. Numbers never shift: `--todo 3` means the same entry
    /// before and after another proposal is adopted, a TODO is backdated, or an entry is amended.
    public var todoProposals: [TodoProposal] {
        var adopted: [UUID: Int] = [:]
        for item in postmortem.actionItems {
            if let entry = item.fromEntry, adopted[entry] == nil { adopted[entry] = item.number }
        }
        return todoOrder.compactMap { timelineItem(for: $0) }.enumerated().map { offset, item in
            TodoProposal(number: offset + 1, entry: item, adoptedAs: adopted[item.id])
        }
    }

    /// Timeline entries that start with `TODO:` and have no action item made from them yet:
    /// proposed action items, in timeline order.
    public var proposedActionItems: [TimelineItem] {
        todoProposals.filter(\.isOpen).map(\.entry)
    }
}

extension TimeExpression {
    /// A due date: `YYYY-MM-DD`, or `+7d` (days after `now`); midnight UTC of that day.
    public static func date(_ text: String, now: Timestamp) throws(CommandError) -> Timestamp {
        let trimmed = String(text.trimmingSpaces)
        if trimmed.hasPrefix("+"), trimmed.hasSuffix("d"), let days = Int64(trimmed.dropFirst().dropLast()),
           (0...TimeBounds.dueAhead.millis / 86_400_000).contains(days) {
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
