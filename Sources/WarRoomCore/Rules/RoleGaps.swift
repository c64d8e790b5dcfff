/// Something wrong with who holds which role.
public enum RoleGap: Hashable, Sendable {
    /// Nobody holds the role (a required one: an optional role is never a gap).
    case vacant(Role)
    /// The Incident Commander also holds another role during a SEV1 or SEV2.
    case commanderDoubling(person: String, also: [Role])
}

extension IncidentState {
    /// Empty required roles in roster order, then the IC holding a second role (optional ones
    /// too) at a level that needs an undivided commander ("single brain to decide": the IC must
    /// not also be typing or debugging).
    public var roleGaps: [RoleGap] {
        var gaps = Role.required.filter { roles[$0] == nil }.map(RoleGap.vacant)
        if severity.needsUndividedCommander, let commander = roles[.commander]?.person {
            let others = Role.allCases.filter { $0 != .commander && roles[$0]?.person == commander }
            if !others.isEmpty { gaps.append(.commanderDoubling(person: commander, also: others)) }
        }
        return gaps
    }
}

extension IncidentState {
    /// The roles a summary lists, in roster order: every required role, and an optional one only
    /// while someone holds it (a vacant optional role is nothing to report).
    public var listedRoles: [Role] { Role.allCases.filter { $0.isRequired || roles[$0] != nil } }

    /// The roster's rows for `rows` lines: every role when they fit; else the vacant optional
    /// ones give way first, so a required role is never pushed out by one nobody must hold.
    public func rosterRoles(fitting rows: Int) -> [Role] {
        Array((Role.allCases.count <= rows ? Role.allCases : listedRoles).prefix(max(0, rows)))
    }
}
