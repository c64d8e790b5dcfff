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

    /// Reads a role's name or alias, in any case.
    public static func parse(_ text: String) throws(CommandError) -> Role {
        let key = String(text.trimmingSpaces.lowercased())
        if let role = Role(rawValue: key) { return role }
        if let role = allCases.first(where: { $0.alias == key }) { return role }
        switch key {
        case "incident-commander", "incident_commander": return .commander
        case "communications", "comms-lead": return .comms
        case "technical", "tech-lead": return .tech
        default: throw .unknownRole(text)
        }
    }
}
