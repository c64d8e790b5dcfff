import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Automatic upgrades")
struct AutoUpgradeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let start: Severity
        let first: ImpactReport?
        let report: ImpactReport
        let expected: Severity
        let trigger: UpgradeTrigger?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "data-integrity concern → SEV1", start: .sev3, first: nil,
             report: ImpactReport(dataIntegrity: true), expected: .sev1, trigger: .dataIntegrity),
        Case(name: "security breach → SEV1", start: .sev4, first: nil,
             report: ImpactReport(securityBreach: true), expected: .sev1, trigger: .securityBreach),
        Case(name: "customer-reported on paying accounts → SEV2", start: .sev4, first: nil,
             report: ImpactReport(customerReported: true, payingAccounts: true), expected: .sev2,
             trigger: .payingCustomerReported),
        Case(name: "customer-reported, paying flag from an earlier report", start: .sev3,
             first: ImpactReport(payingAccounts: true),
             report: ImpactReport(customerReported: true), expected: .sev2, trigger: .payingCustomerReported),
        Case(name: "customer-reported alone does nothing", start: .sev3, first: nil,
             report: ImpactReport(customerReported: true), expected: .sev3, trigger: nil),
        Case(name: "paying customers on a SEV1 stay SEV1 (never a downgrade)", start: .sev1, first: nil,
             report: ImpactReport(customerReported: true, payingAccounts: true), expected: .sev1, trigger: nil),
        Case(name: "scope doubles (10% → 20%) → one level up", start: .sev3,
             first: ImpactReport(usersAffectedPercent: 10),
             report: ImpactReport(usersAffectedPercent: 20), expected: .sev2, trigger: .scopeDoubled),
        Case(name: "scope grows but not double (10% → 19%) → no change", start: .sev3,
             first: ImpactReport(usersAffectedPercent: 10),
             report: ImpactReport(usersAffectedPercent: 19), expected: .sev3, trigger: nil),
        Case(name: "count doubles (500 → 1000) → one level up", start: .sev2,
             first: ImpactReport(usersAffectedCount: 500),
             report: ImpactReport(usersAffectedCount: 1000), expected: .sev1, trigger: .scopeDoubled),
        Case(name: "first figure sets the baseline, no upgrade", start: .sev3, first: nil,
             report: ImpactReport(usersAffectedPercent: 40), expected: .sev3, trigger: nil),
        Case(name: "doubling at SEV1 stays SEV1", start: .sev1, first: ImpactReport(usersAffectedPercent: 10),
             report: ImpactReport(usersAffectedPercent: 30), expected: .sev1, trigger: nil),
        Case(name: "strongest trigger wins: doubling and data integrity → SEV1 by data integrity", start: .sev3,
             first: ImpactReport(usersAffectedPercent: 5),
             report: ImpactReport(usersAffectedPercent: 10, dataIntegrity: true), expected: .sev1, trigger: .dataIntegrity),
    ]

    @Test("Triggers", arguments: cases)
    func trigger(_ c: Case) {
        var scenario = Scenario.declared(c.start)
        if let first = c.first { scenario.must(.recordImpact(first)) }
        let events = scenario.must(.recordImpact(c.report))
        #expect(scenario.s.severity == c.expected)
        let upgrades = events.compactMap { event -> SeverityChange? in
            if case .severityChanged(let change) = event.payload { return change }
            return nil
        }
        if let trigger = c.trigger {
            #expect(upgrades.count == 1, "each upgrade is its own event")
            #expect(upgrades.first?.trigger == trigger)
            #expect(upgrades.first?.reason == trigger.reason)
        } else {
            #expect(upgrades.isEmpty)
        }
    }

    @Test("Doubling is measured from the last classification, not from the first report")
    func baselineResetsOnClassification() {
        var scenario = Scenario.declared(.sev3)
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 10)))
        scenario.must(.setSeverity(.sev2, reason: "key feature down"))
        // 10% → 15% after reclassification: not double of 10%
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 15)))
        #expect(scenario.s.severity == .sev2)
        // 15% → 20%: not double of the 10% baseline taken at reclassification either
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 19)))
        #expect(scenario.s.severity == .sev2)
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 20)))
        #expect(scenario.s.severity == .sev1)
    }

    @Test("A flag recorded earlier does not fire again after a manual downgrade")
    func noRefire() {
        var scenario = Scenario.declared(.sev3)
        scenario.must(.recordImpact(ImpactReport(dataIntegrity: true)))
        #expect(scenario.s.severity == .sev1)
        scenario.must(.setSeverity(.sev2, reason: "data verified intact"))
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 5)))
        #expect(scenario.s.severity == .sev2)
    }

    @Test("Never an automatic downgrade: an impact report never lowers severity")
    func neverDowngrade() {
        for level in Severity.allCases {
            var scenario = Scenario.declared(level)
            scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 1, customerReported: false)))
            #expect(scenario.s.severity == level)
        }
    }
}
