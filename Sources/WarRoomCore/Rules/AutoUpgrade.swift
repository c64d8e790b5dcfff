extension ImpactState {
    /// The automatic upgrade a new impact report triggers, if any: the most severe level any
    /// trigger asks for, with that trigger as the reason. Never a downgrade.
    ///
    /// - data-integrity concern → SEV1; security breach → SEV1;
    /// - customer-reported on paying accounts → at least SEV2;
    /// - the users affected (share or count) at least doubled since the last classification → one level up.
    /// Only what `report` says counts: flags recorded earlier do not fire again.
    public func upgrade(for report: ImpactReport, current: Severity) -> (Severity, UpgradeTrigger)? {
        var candidates: [(Severity, UpgradeTrigger)] = []
        if report.dataIntegrity { candidates.append((.sev1, .dataIntegrity)) }
        if report.securityBreach { candidates.append((.sev1, .securityBreach)) }
        let paying = report.payingAccounts || payingAccounts
        let reported = report.customerReported || customerReported
        if (report.payingAccounts || report.customerReported), paying, reported {
            candidates.append((.sev2, .payingCustomerReported))
        }
        if scopeDoubled(by: report) { candidates.append((current.upgraded, .scopeDoubled)) }
        guard let best = candidates.min(by: { $0.0 < $1.0 }), best.0.isMoreSevere(than: current) else { return nil }
        return best
    }

    /// Whether the report's figure is at least twice the baseline of the same measure.
    func scopeDoubled(by report: ImpactReport) -> Bool {
        if let percent = report.usersAffectedPercent, let base = baselinePercent, base > 0, percent >= 2 * base {
            return true
        }
        if let count = report.usersAffectedCount, let base = baselineCount, base > 0, base <= count / 2 {
            return true
        }
        return false
    }
}
