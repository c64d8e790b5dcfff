import WarRoomCore

/// What alerts may do on their own: which `severity` label means which SEV level, which levels
/// declare an incident without a person, and which labels are never incidents. The config file's
/// `[alerts]` table; the defaults below need no config.
public struct AlertPolicy: Equatable, Sendable {
    /// Severity label (lowercased) → SEV level.
    public var levels: [String: Severity]
    /// Levels an alert declares at by itself; every other mapped level is proposed to the IC.
    public var autoDeclare: Set<Severity>
    /// Labels that never declare nor propose (only attach to an incident already open).
    public var ignored: Set<String>
    /// The level proposed for an alert whose label is missing or unknown; nil ignores such alerts.
    public var unmapped: Severity?

    /// A policy; labels are matched in lowercase.
    public init(levels: [String: Severity] = AlertPolicy.defaultLevels, autoDeclare: Set<Severity> = [.sev1, .sev2],
                ignored: Set<String> = ["info", "none"], unmapped: Severity? = .sev3) {
        self.levels = Dictionary(levels.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.autoDeclare = autoDeclare
        self.ignored = Set(ignored.map { $0.lowercased() })
        self.unmapped = unmapped
    }

    /// `critical` → SEV2, declared on its own (the default: a page-worthy alert should not
    /// wait for someone to type `/declare`, but SEV1 stays a human's call). `error` and `warning` →
    /// SEV3, proposed: warnings are often noisy, and an incident nobody asked for teaches people to
    /// ignore incidents. PagerDuty's priorities `p1`…`p5` and urgencies `high`/`low` map so a
    /// PagerDuty incident, already paged by PagerDuty, declares at P1/P2 and high urgency.
    public static let defaultLevels: [String: Severity] = [
        "critical": .sev2, "error": .sev3, "warning": .sev3,
        "p1": .sev1, "p2": .sev2, "p3": .sev3, "p4": .sev4, "p5": .sev4,
        "high": .sev2, "low": .sev4,
    ]

    /// What an alert with `label` leads to when it matches no open incident.
    public func rule(for label: String?) -> AlertSeverityRule {
        let key = label?.lowercased() ?? ""
        if ignored.contains(key) { return .ignore }
        guard let level = levels[key] ?? unmapped else { return .ignore }
        return autoDeclare.contains(level) ? .declare(level) : .propose(level)
    }
}

/// The policy's answer for one severity label.
public enum AlertSeverityRule: Equatable, Sendable {
    /// Declare at this level.
    case declare(Severity)
    /// List for the IC at this level.
    case propose(Severity)
    /// Neither.
    case ignore
}
