/// The incident roles, each held by at most one person at a time. Every fact about a role lives in
/// its row of `definition`; the order of the cases is the roster's order. Adding a role is a case
/// here and its row: parsing, completion, help, the roster, gaps and JSON all follow.
public enum Role: String, CaseIterable, Codable, Sendable {
    case commander, deputy, comms, tech, scribe

    /// The table: one row per role.
    public var definition: RoleDefinition {
        switch self {
        case .commander:
            RoleDefinition(title: "Incident Commander", alias: "ic", isRequired: true, spellings: [], personNoun: "commander")
        case .deputy:
            // PagerDuty's Deputy: backs the IC up, keeps the timers and calls them out. Optional:
            // many incidents run without one, so a vacancy is no gap.
            RoleDefinition(title: "Deputy Incident Commander", alias: nil, isRequired: false,
                           spellings: ["deputy ic", "deputy commander"], personNoun: "deputy")
        case .comms:
            RoleDefinition(title: "Communications Lead", alias: "cl", isRequired: true,
                           spellings: ["communications", "comms lead", "communication lead"])
        case .tech:
            RoleDefinition(title: "Technical Lead", alias: "tl", isRequired: true,
                           spellings: ["technical", "tech lead"])
        case .scribe:
            RoleDefinition(title: "Scribe", alias: nil, isRequired: true, spellings: [], personNoun: "scribe")
        }
    }

    /// The role's full title, as shown in the roster.
    public var title: String { definition.title }

    /// The short alias people type: `ic`, `cl`, `tl`; the scribe has none.
    public var alias: String? { definition.alias }

    /// A vacant required role is a gap (a warning); a vacant optional one is not.
    public var isRequired: Bool { definition.isRequired }

    /// What people type for the role, and what Tab completes to: the alias, else the name.
    public var short: String { alias ?? rawValue }

    /// The role in a few letters (the roster's column is 7 wide): the alias in capitals (`IC`,
    /// `CL`), else the name capitalised (`Scribe`).
    public var label: String { alias?.uppercased() ?? rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Every spelling of this role `parse` accepts: its name, alias, title, then the others.
    public var spellings: [String] {
        var seen: Set<String> = []
        return ([rawValue, alias, title.lowercased()].compactMap { $0 } + definition.spellings).filter { seen.insert(Self.folded($0)).inserted }
    }

    /// The valid spellings, for error messages: `commander (ic), comms (cl), tech (tl) or scribe`.
    public static let choices = Choices.list(allCases.map(\.choice))

    /// The name with its alias, as lists of choices show it: `commander (ic)`, `scribe`.
    public var choice: String { alias.map { "\(rawValue) (\($0))" } ?? rawValue }

    /// What people type, for usage lines: `ic|cl|tl|scribe`.
    public static let usage = Choices.bar(allCases.map(\.short))

    /// Every spelling `parse` accepts, as people would write it: names, aliases, full titles and
    /// the short forms of titles. Case and `-`/`_`/space separators do not matter.
    public static let spellings: [(String, Role)] = allCases.flatMap { role in role.spellings.map { ($0, role) } }

    /// The role holders that must be in place: a vacancy in one of these is a gap.
    public static var required: [Role] { allCases.filter(\.isRequired) }

    /// Reads a role's name, alias or full title, in any case, with spaces, hyphens or underscores
    /// between words (`Incident Commander`, `incident-commander`, `TECH_LEAD`).
    public static func parse(_ text: String) throws(CommandError) -> Role {
        guard let role = named(text) else { throw .unknownRole(text) }
        return role
    }

    /// The role this spelling names, or nil.
    public static func named(_ text: String) -> Role? {
        let key = folded(text)
        guard !key.isEmpty else { return nil }
        return spellings.first { folded($0.0) == key }?.1
    }

    /// The role that the first words name, trying the longest run of words first, and how many
    /// words it took; `keeping` words are always left over (for the name that follows):
    /// `Incident Commander alice` → (commander, 2).
    public static func leading(_ words: [String], keeping: Int = 1) -> (role: Role, words: Int)? {
        let longest = spellings.map { $0.0.split { $0 == " " || $0 == "-" || $0 == "_" }.count }.max() ?? 1
        var count = min(longest, words.count - keeping)
        while count >= 1 {
            if let role = named(words.prefix(count).joined(separator: " ")) { return (role, count) }
            count -= 1
        }
        return nil
    }

    /// Lowercased without separators: the form spellings are compared in.
    static func folded(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter {
            $0 != "-" && $0 != "_" && $0 != " " && $0 != "\t"
        }))
    }
}

/// One row of the role table.
public struct RoleDefinition: Sendable {
    /// The full title: `Incident Commander`.
    public var title: String
    /// The short form people type and the roster shows in capitals, if the role has one.
    public var alias: String?
    /// Whether a vacancy is a gap the room is warned about.
    public var isRequired: Bool
    /// Spellings accepted besides the name, alias and title (`tech lead`).
    public var spellings: [String]
    /// The word for the holder in a sentence (`the deputy forgot …`), which the blameless check
    /// reads as a person; nil when the role's name is no noun for a person (`comms`, `tech`).
    public var personNoun: String? = nil
}
