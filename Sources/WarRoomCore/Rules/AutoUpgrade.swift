extension ImpactState {
    /// The automatic upgrade a new impact report triggers, if any: the most severe level any
    /// trigger asks for, with that trigger as the reason. Never a downgrade.
    ///
    /// - data-integrity concern → SEV1; security breach → SEV1;
    /// - customer-reported on paying accounts → at least SEV2;
    /// - the users affected (share or count) at least doubled since the last classification, and the
    ///   new figure reaches the policy's floor (1% of users or 100 users by default) → one level up.
    /// Only what `report` says counts: flags recorded earlier do not fire again.
    public func upgrade(for report: ImpactReport, current: Severity,
                        policy: Policy) -> (Severity, UpgradeTrigger)? {
        var candidates: [(Severity, UpgradeTrigger)] = []
        if report.dataIntegrity { candidates.append((.sev1, .dataIntegrity)) }
        if report.securityBreach { candidates.append((.sev1, .securityBreach)) }
        let paying = report.payingAccounts || payingAccounts
        let reported = report.customerReported || customerReported
        if (report.payingAccounts || report.customerReported), paying, reported {
            candidates.append((.sev2, .payingCustomerReported))
        }
        if scopeDoubled(by: report, policy: policy) { candidates.append((current.upgraded, .scopeDoubled)) }
        guard let best = candidates.min(by: { $0.0 < $1.0 }), best.0.isMoreSevere(than: current) else { return nil }
        return best
    }

    /// Whether the report's figure is at least twice the baseline of the same measure and at or
    /// above the policy's floor for that measure. Below the floor, rough estimates (1 → 2 → 4 users)
    /// double on every guess; they must not walk a SEV4 up to SEV1.
    func scopeDoubled(by report: ImpactReport, policy: Policy) -> Bool {
        if let percent = report.usersAffectedPercent, let base = baselinePercent, base > 0, percent >= 2 * base,
           percent >= policy.doublingFloorPercent {
            return true
        }
        // `count / 2` rather than `2 * base`: no overflow for any count.
        if let count = report.usersAffectedCount, let base = baselineCount, base > 0, base <= count / 2,
           count >= policy.doublingFloorUsers {
            return true
        }
        return false
    }
}
