import Foundation
import WarRoomCore

/// The post-mortem's payload structs, member by member, as their synthesized `Codable`
/// conformances read them (see `EventJSONPayloads.swift`).
extension EventJSONReader {
    mutating func readPostmortemText() throws(Miss) -> PostmortemText {
        var section: PostmortemSection?, text: String?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("section") {
                try seen.mark(0)
                section = try readEnum(EventJSONEnums.postmortemSection)
            } else if key.matches("text") {
                try seen.mark(1)
                text = try readString()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let section, let text else { throw Miss() }
        return PostmortemText(section: section, text: text)
    }

    mutating func readPostmortemImpact() throws(Miss) -> PostmortemImpact {
        var usersAffected: String?, revenue: String?, sloBudget: String?, supportTickets: Int?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("usersAffected") {
                try seen.mark(0)
                usersAffected = try readOptionalString()
            } else if key.matches("revenue") {
                try seen.mark(1)
                revenue = try readOptionalString()
            } else if key.matches("sloBudget") {
                try seen.mark(2)
                sloBudget = try readOptionalString()
            } else if key.matches("supportTickets") {
                try seen.mark(3)
                supportTickets = takeNull() ? nil : try readInt()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        return PostmortemImpact(usersAffected: usersAffected, revenue: revenue, sloBudget: sloBudget,
                                supportTickets: supportTickets)
    }

    mutating func readContributingFactor() throws(Miss) -> ContributingFactor {
        var level: FactorLevel?, text: String?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("level") {
                try seen.mark(0)
                level = try readEnum(EventJSONEnums.factorLevel)
            } else if key.matches("text") {
                try seen.mark(1)
                text = try readString()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let level, let text else { throw Miss() }
        return ContributingFactor(level: level, text: text)
    }

    mutating func readWhyAnswer() throws(Miss) -> WhyAnswer {
        var text: String?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("text") {
                try seen.mark(0)
                text = try readString()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let text else { throw Miss() }
        return WhyAnswer(text: text)
    }

    mutating func readActionItemAdded() throws(Miss) -> ActionItemAdded {
        var text: String?, owner: String?, priority: ActionPriority?, due: Timestamp?, fromEntry: UUID?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("text") {
                try seen.mark(0)
                text = try readString()
            } else if key.matches("owner") {
                try seen.mark(1)
                owner = try readString()
            } else if key.matches("priority") {
                try seen.mark(2)
                priority = try readEnum(EventJSONEnums.actionPriority)
            } else if key.matches("due") {
                try seen.mark(3)
                due = try readTimestamp()
            } else if key.matches("fromEntry") {
                try seen.mark(4)
                fromEntry = takeNull() ? nil : try readUUID()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let text, let owner, let priority, let due else { throw Miss() }
        return ActionItemAdded(text: text, owner: owner, priority: priority, due: due, fromEntry: fromEntry)
    }

    mutating func readActionItemDone() throws(Miss) -> ActionItemDone {
        var item: UUID?
        var seen = SeenMembers()
        var more = try beginObject()
        while more {
            let key = try readKey()
            if key.matches("item") {
                try seen.mark(0)
                item = try readUUID()
            } else {
                throw Miss()
            }
            more = try nextMember()
        }
        guard let item else { throw Miss() }
        return ActionItemDone(item: item)
    }
}
