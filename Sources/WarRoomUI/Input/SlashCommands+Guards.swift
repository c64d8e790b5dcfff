import WarRoomCore

extension SlashCommands {
    /// What `/notify` completes to for the root-cause escalation, and records as an escalation.
    public static let nextTier = "next tier"

    /// `Incident Commander`, `tech lead`: a role written as two words, if these two are one.
    static func twoWordRole(_ first: String, _ second: String) -> Role? {
        for joined in [first + "-" + second, first + " " + second, first + second] {
            if let role = try? Role.parse(joined) { return role }
        }
        return RoleSpelling.role(fullName: first + " " + second)
    }

    /// `/amend N` may carry a multi-line text (an entry's text that Tab put in the line).
    static func isAmend(_ text: String) -> Bool {
        let first = text.prefix { $0 != " " && $0 != "\n" }.lowercased()
        return first == "/amend"
    }

    /// The text of a filter. A first word that is a command's name (`mitigating …`) is refused:
    /// the person most likely meant the command, and a filter would silently swallow it. Quotes
    /// filter for the words themselves: `"mitigating"`.
    static func filterText(_ words: [String]) throws(InputError) -> String? {
        guard let first = words.first else { return nil }
        let text = words.joined(separator: " ")
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            let inner = String(text.dropFirst().dropLast())
            return inner.isEmpty ? nil : inner
        }
        let name = first.hasSuffix("!") ? String(first.dropLast()) : first
        if let command = named(name) {
            let kindHint = TimelineItem.Kind(rawValue: name.lowercased()).map { "kind:\($0.rawValue) shows those rows; " } ?? ""
            throw InputError("Not filtered, not recorded: '\(first)' is the command /\(command.name); type /\(command.name) … to run it, "
                + "\(kindHint)or quote the words to filter for them: \"\(text)\"")
        }
        return text
    }
}

/// Every accepted spelling of each role, for completion and two-word titles.
enum RoleSpelling {
    static func spellings(_ role: Role) -> [String] {
        var names = [role.rawValue, role.title]
        if let alias = role.alias { names.insert(alias, at: 0) }
        switch role {
        case .commander: names += ["incident-commander", "commander"]
        case .comms: names += ["communications", "comms-lead", "communications lead"]
        case .tech: names += ["technical", "tech-lead", "technical lead", "tech lead"]
        case .scribe: break
        }
        return names
    }

    /// What people type for the role: `ic`, `cl`, `tl`, `scribe`.
    static func short(_ role: Role) -> String { role.alias ?? role.rawValue }

    /// The role whose full name this is, ignoring case, spaces and hyphens.
    static func role(fullName: String) -> Role? {
        let key = fold(fullName)
        return Role.allCases.first { role in spellings(role).contains { fold($0) == key } }
    }

    static func fold(_ text: String) -> String { text.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" } }
}
