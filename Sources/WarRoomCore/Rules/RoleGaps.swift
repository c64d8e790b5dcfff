/// Something wrong with who holds which role.
public enum RoleGap: Hashable, Sendable {
    /// Nobody holds the role.
    case vacant(Role)
    /// The Incident Commander also holds another role during a SEV1 or SEV2.
    case commanderDoubling(person: String, also: [Role])
}

extension IncidentState {
    /// Empty roles in roster order, then the IC holding a second role during SEV1/SEV2
    /// ("single brain to decide": the IC must not also be typing or debugging).
    public var roleGaps: [RoleGap] {
        var gaps = Role.allCases.filter { roles[$0] == nil }.map(RoleGap.vacant)
        if severity <= .sev2, let commander = roles[.commander]?.person {
            let others = Role.allCases.filter { $0 != .commander && roles[$0]?.person == commander }
            if !others.isEmpty { gaps.append(.commanderDoubling(person: commander, also: others)) }
        }
        return gaps
    }
}
