import Foundation
import WarRoomCore

/// The post-mortem's payload structs, member by member, as their synthesized `Codable`
/// conformances read them (see `EventJSONPayloads.swift`).
extension EventJSONReader {
    mutating func readPostmortemText() throws(Miss) -> PostmortemText {
        var section: PostmortemSection?, text: String?
        try readMembers("section", "text") { r, member throws(Miss) in
            switch member {
            case 0: section = try r.readEnum(EventJSONEnums.postmortemSection)
            case 1: text = try r.readString()
            default: throw Miss()
            }
        }
        guard let section, let text else { throw Miss() }
        return PostmortemText(section: section, text: text)
    }

    mutating func readPostmortemImpact() throws(Miss) -> PostmortemImpact {
        var usersAffected: String?, revenue: String?, sloBudget: String?, supportTickets: Int?
        try readMembers("usersAffected", "revenue", "sloBudget", "supportTickets") { r, member throws(Miss) in
            switch member {
            case 0: usersAffected = try r.readOptionalString()
            case 1: revenue = try r.readOptionalString()
            case 2: sloBudget = try r.readOptionalString()
            case 3: supportTickets = r.takeNull() ? nil : try r.readInt()
            default: throw Miss()
            }
        }
        return PostmortemImpact(usersAffected: usersAffected, revenue: revenue, sloBudget: sloBudget,
                                supportTickets: supportTickets)
    }

    mutating func readContributingFactor() throws(Miss) -> ContributingFactor {
        var level: FactorLevel?, text: String?
        try readMembers("level", "text") { r, member throws(Miss) in
            switch member {
            case 0: level = try r.readEnum(EventJSONEnums.factorLevel)
            case 1: text = try r.readString()
            default: throw Miss()
            }
        }
        guard let level, let text else { throw Miss() }
        return ContributingFactor(level: level, text: text)
    }

    mutating func readWhyAnswer() throws(Miss) -> WhyAnswer {
        var text: String?
        try readMembers("text") { r, _ throws(Miss) in text = try r.readString() }
        guard let text else { throw Miss() }
        return WhyAnswer(text: text)
    }

    mutating func readActionItemAdded() throws(Miss) -> ActionItemAdded {
        var text: String?, owner: String?, priority: ActionPriority?, due: Timestamp?, fromEntry: UUID?
        try readMembers("text", "owner", "priority", "due", "fromEntry") { r, member throws(Miss) in
            switch member {
            case 0: text = try r.readString()
            case 1: owner = try r.readString()
            case 2: priority = try r.readEnum(EventJSONEnums.actionPriority)
            case 3: due = try r.readTimestamp()
            case 4: fromEntry = r.takeNull() ? nil : try r.readUUID()
            default: throw Miss()
            }
        }
        guard let text, let owner, let priority, let due else { throw Miss() }
        return ActionItemAdded(text: text, owner: owner, priority: priority, due: due, fromEntry: fromEntry)
    }

    mutating func readActionItemDone() throws(Miss) -> ActionItemDone {
        var item: UUID?
        try readMembers("item") { r, _ throws(Miss) in item = try r.readUUID() }
        guard let item else { throw Miss() }
        return ActionItemDone(item: item)
    }
}
