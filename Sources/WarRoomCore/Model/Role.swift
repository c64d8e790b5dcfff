/// The four incident roles, each held by at most one person at a time.
public enum Role: String, CaseIterable, Codable, Sendable {
    case commander, comms, tech, scribe

    /// The role's full title, as shown in the roster.
    public var title: String {
        switch self {
        case .commander: "Incident Commander"
        case .comms: "Communications Lead"
        case .tech: "Technical Lead"
        case .scribe: "Scribe"
        }
    }

    /// The short alias people type: `ic`, `cl`, `tl`; the scribe has none.
    public var alias: String? {
        switch self {
        case .commander: "ic"
        case .comms: "cl"
        case .tech: "tl"
        case .scribe: nil
        }
    }

    /// The valid spellings, for error messages.
    public static let choices = "commander (ic), comms (cl), tech (tl) or scribe"

    /// Every spelling `parse` accepts, as people would write it: names, aliases, full titles and
    /// the short forms of titles. Case and `-`/`_`/space separators do not matter.
    public static let spellings: [(String, Role)] = [
        ("commander", .commander), ("ic", .commander), ("incident commander", .commander),
        ("comms", .comms), ("cl", .comms), ("communications lead", .comms), ("communications", .comms),
        ("comms lead", .comms), ("communication lead", .comms),
        ("tech", .tech), ("tl", .tech), ("technical lead", .tech), ("technical", .tech), ("tech lead", .tech),
        ("scribe", .scribe),
    ]

    /// Reads a role's name, alias or full title, in any case, with spaces, hyphens or underscores
    /// between words (`Incident Commander`, `incident-commander`, `TECH_LEAD`).
    public static func parse(_ text: String) throws(CommandError) -> Role {
        let key = folded(text)
        guard !key.isEmpty, let match = spellings.first(where: { folded($0.0) == key }) else {
            throw .unknownRole(text)
        }
        return match.1
    }

    /// Lowercased without separators: the form spellings are compared in.
    private static func folded(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter {
            $0 != "-" && $0 != "_" && $0 != " " && $0 != "\t"
        }))
    }
}
