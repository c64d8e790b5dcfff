/// Where the incident is in its lifecycle.
public enum IncidentStatus: String, CaseIterable, Codable, Comparable, Sendable {
    case investigating, identified, mitigating, monitoring, resolved, closed

    /// Position along the lifecycle, for "forward" comparisons.
    public var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: IncidentStatus, rhs: IncidentStatus) -> Bool { lhs.order < rhs.order }

    /// Still being worked: not resolved and not closed.
    public var isActive: Bool { self < .resolved }

    /// The edges the lifecycle allows, guards aside: forward moves (skips allowed) until resolved,
    /// resolved → closed, and reopen (back to investigating) from anything after investigating.
    public func canMove(to target: IncidentStatus) -> Bool {
        if target == .investigating { return self != .investigating }
        if target == .closed { return self == .resolved }
        return target > self && self < .resolved
    }

    /// The verbs people type for a status (`/resolve`, `warroom status mitigated`), besides its name.
    public static let verbs: [(String, IncidentStatus)] = [
        ("mitigated", .monitoring), ("resolve", .resolved), ("close", .closed), ("identify", .identified),
        ("mitigate", .mitigating), ("monitor", .monitoring), ("investigate", .investigating),
    ]

    /// The word that reopens an incident (back to investigating), offered with the statuses.
    public static let reopen = "reopen"

    /// What a status command takes, in lifecycle order, then `reopen`: for completion and help.
    public static let targets = names + [reopen]

    /// The valid spellings, for error messages.
    public static let choices = Choices.list(targets)
}
