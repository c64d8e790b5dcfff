import Testing
import WarRoomCore
@testable import WarRoomReports

/// The live SLO arithmetic (burn rates, multiwindow alerts, budget from the live ratio) against
/// the SRE workbook's numbers.
@Suite("SLOs: live status from measured error ratios")
struct LiveSLOStatusTests {
    static let at = Timestamp(iso8601: "2026-11-28T14:00:00Z")!
    static let thirtyDays = TimeSpan.hours(24 * 30)

    /// The workbook's recommended set for 99.9 %: 14.4× over 5m/1h and 6× over 30m/6h page, 3×
    /// over 2h/1d and 1× over 6h/3d open tickets.
    static let workbookAlerts = [
        SLODefinition.BurnRateAlert(severity: "page", shortWindow: .minutes(5), longWindow: .hours(1), burnRate: 14.4),
        SLODefinition.BurnRateAlert(severity: "page", shortWindow: .minutes(30), longWindow: .hours(6), burnRate: 6),
        SLODefinition.BurnRateAlert(severity: "ticket", shortWindow: .hours(2), longWindow: .hours(24), burnRate: 3),
        SLODefinition.BurnRateAlert(severity: "ticket", shortWindow: .hours(6), longWindow: .hours(72), burnRate: 1),
    ]

    static func definition(target: Double = 0.999, window: SLOWindow = .rolling(thirtyDays),
                           alerts: [SLODefinition.BurnRateAlert] = workbookAlerts) -> SLODefinition {
        SLODefinition(service: "checkout-api", owner: nil, slis: [SLODefinition.SLI(name: "availability")], objectives: [
            SLODefinition.Objective(sli: "availability", budget: ErrorBudget(target: target, window: window), burnRateAlerts: alerts, line: nil),
        ], policy: [.featureFreezeReview: "review it"])
    }

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-9 * max(1, abs(b)) } ?? false }

    @Test("The workbook: burn 14.4 for 1 h spends 2 % of a 30 d budget, 6 for 6 h 5 %, 1 for 3 d 10 %")
    func workbookConsumption() throws {
        let definition = Self.definition()
        let objective = definition.objectives[0]
        for (burn, hours, share) in [(14.4, 1.0, 0.02), (6.0, 6.0, 0.05), (1.0, 72.0, 0.10)] {
            #expect(Self.close(objective.budget.consumed(burnRate: burn, for: .hours(Int64(hours)), at: Self.at), share))
            // The same through the live status: that burn for that long, none otherwise, is an
            // error ratio over the 30 d window of burn × (1 − target) × hours / 720.
            let ratio30d = burn * 0.001 * hours / 720
            let status = LiveSLOStatus(definition, objective, at: Self.at, ratios: [Self.thirtyDays: ratio30d])
            #expect(Self.close(status.consumedShare, share), "\(burn)× for \(hours) h: \(String(describing: status.consumedShare))")
            #expect(Self.close(status.remainingShare, 1 - share))
            #expect(status.tier == .normal)
        }
    }

    @Test("Burn rate is error ratio ÷ (1 − target); an alert fires only when both windows are above its rate")
    func multiwindow() throws {
        let definition = Self.definition()
        // 1.5 % errors over the last hour (burn 15), a short spike not yet in the 6 h figure.
        let ratios: [TimeSpan: Double?] = [.minutes(5): 0.015, .hours(1): 0.015, .minutes(30): 0.015, .hours(6): 0.0045,
                                            .hours(2): 0.008, .hours(24): 0.002, .hours(72): 0.0009, Self.thirtyDays: 0.0002]
        let status = LiveSLOStatus(definition, definition.objectives[0], at: Self.at, ratios: ratios)
        #expect(status.ratios.map(\.window) == [.minutes(5), .minutes(30), .hours(1), .hours(2), .hours(6), .hours(24), .hours(72), Self.thirtyDays])
        let burns = status.alerts.map { [$0.shortBurn ?? -1, $0.longBurn ?? -1] }
        for (got, want) in zip(burns, [[15.0, 15.0], [15.0, 4.5], [8.0, 2.0], [4.5, 0.9]]) {
            #expect(Self.close(got[0], want[0]) && Self.close(got[1], want[1]), "\(got) ≠ \(want)")
        }
        #expect(status.alerts.map(\.fires) == [true, false, false, false])
        #expect(status.firing.map(\.alert.severity) == ["page"])
        #expect(Self.close(status.fastBurn?.burnRate, 15) && status.fastBurn?.window == .hours(1))
        // 0.02 % over 30 d at 99.9 %: burn 0.2 for the whole window, 20 % spent.
        #expect(Self.close(status.consumedShare, 0.2))
        #expect(status.tier == .normal && status.action == "Normal feature development")
    }

    @Test("Exactly at the rate does not fire; no data in a window never fires and spends nothing it cannot see")
    func edgesAndNoData() {
        let definition = Self.definition(alerts: [Self.workbookAlerts[0]])
        let at = LiveSLOStatus(definition, definition.objectives[0], at: Self.at,
                               ratios: [.minutes(5): 0.0144, .hours(1): 0.0144, Self.thirtyDays: 0.0006])
        #expect(at.alerts.map(\.fires) == [false], "14.4 is not above 14.4")
        #expect(Self.close(at.consumedShare, 0.6) && at.tier == .featureFreezeReview && at.action == "review it")
        let missing = LiveSLOStatus(definition, definition.objectives[0], at: Self.at,
                                    ratios: [.minutes(5): 0.5, .hours(1): nil, Self.thirtyDays: .nan])
        #expect(missing.alerts.map(\.fires) == [false])
        #expect(missing.alerts[0].longBurn == nil && Self.close(missing.alerts[0].shortBurn, 500))
        #expect(missing.consumedShare == nil && missing.tier == nil && missing.fastBurn == nil)
        let exhausted = LiveSLOStatus(definition, definition.objectives[0], at: Self.at, ratios: [Self.thirtyDays: 0.0015])
        #expect(Self.close(exhausted.consumedShare, 1.5) && exhausted.tier == .freezeDeploys)
        let negative = LiveSLOStatus(definition, definition.objectives[0], at: Self.at, ratios: [Self.thirtyDays: -1e-12])
        #expect(negative.consumedShare == 0 && negative.tier == .normal, "a rounding below zero spends nothing")
    }

    @Test("A calendar month is measured over the month so far and spends against the whole month's budget")
    func calendarMonth() {
        let definition = Self.definition(window: .calendarMonth, alerts: [])
        let tenth = Timestamp(iso8601: "2026-03-11T00:00:00Z")!
        let span = LiveSLOStatus.budgetSpan(definition.objectives[0].budget, at: tenth)
        #expect(span == .hours(240))
        #expect(LiveSLOStatus.windows(for: definition.objectives[0], at: tenth) == [.hours(240)])
        // 0.1 % errors for 10 days of March's 31: burn 1 for 10/31 of the month.
        let status = LiveSLOStatus(definition, definition.objectives[0], at: tenth, ratios: [.hours(240): 0.001])
        #expect(Self.close(status.consumedShare, 10.0 / 31.0))
    }
}
