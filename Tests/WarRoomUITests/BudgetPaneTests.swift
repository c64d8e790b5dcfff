import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomReports
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// The live error budget in the war room: asked for at the start and every minute when the
/// runtime can read Prometheus, shown for the incident's service, a firing alert in view at every
/// size, a failed read said while the last figures stay.
@Suite("Screen: the live error budget")
struct BudgetPaneTests {
    static func status(ratios: [TimeSpan: Double?]) -> LiveSLOStatus {
        let alerts = [
            SLODefinition.BurnRateAlert(severity: "page", shortWindow: .minutes(5), longWindow: .hours(1), burnRate: 14.4),
            SLODefinition.BurnRateAlert(severity: "ticket", shortWindow: .hours(6), longWindow: .hours(72), burnRate: 1),
        ]
        let definition = SLODefinition(service: "checkout-api", owner: nil, slis: [SLODefinition.SLI(name: "availability")], objectives: [
            SLODefinition.Objective(sli: "availability", budget: ErrorBudget(target: 0.999, window: .rolling(.hours(24 * 30))),
                                    burnRateAlerts: alerts, line: nil),
        ], policy: [:])
        return LiveSLOStatus(definition, definition.objectives[0], at: t0, ratios: ratios)
    }

    /// 2 % errors for the last hour (burn 20): the page alert fires; 40 % of the 30 d budget spent.
    static let burning = status(ratios: [.minutes(5): 0.02, .hours(1): 0.02, .hours(6): 0.004, .hours(72): 0.0009,
                                         .hours(24 * 30): 0.0004])
    static let calm = status(ratios: [.minutes(5): 0.0001, .hours(1): 0.0001, .hours(6): 0.0001, .hours(72): 0.0001,
                                      .hours(24 * 30): 0.0001])

    static func model(width: Int, height: Int) -> WarRoomModel {
        let script = Script.checkoutOutage()
        var model = WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: width, height: height)
        model.watchesBudgets = true
        return model
    }

    @Test("Asked for at the first tick and every 60 s, for the incident's service; not at all unless watched")
    func cadence() {
        var model = Self.model(width: 120, height: 40)
        #expect(model.update(.tick(model.now)).contains(.lookUpBudgets(service: "checkout-api")))
        #expect(!model.update(.tick(model.now + .seconds(30))).contains(.lookUpBudgets(service: "checkout-api")))
        #expect(model.update(.tick(model.now + .seconds(60))).contains(.lookUpBudgets(service: "checkout-api")))
        var unwatched = Self.model(width: 120, height: 40)
        unwatched.watchesBudgets = false
        #expect(!unwatched.update(.tick(unwatched.now)).contains { if case .lookUpBudgets = $0 { true } else { false } })
    }

    @Test("The pane: budget left, the fastest burn, the alert that would fire; a failed read keeps the figures and says why")
    func pane() throws {
        var model = Self.model(width: 120, height: 40)
        _ = model.update(.budgetsRead(LiveBudgets(statuses: [Self.burning])))
        let lines = BudgetPane.lines(try #require(model.budgets)).map(\.0)
        #expect(lines == ["checkout-api availability", "  60% left · burn 20× (1h)", "  ⚠ page would fire: 5m/1h > 14.4×"], "\(lines)")
        let text = WarRoomView.render(model).grid.lines.joined(separator: "\n")
        #expect(text.contains("Error budget ⚠"), "\(text)")
        _ = model.update(.budgetsRead(LiveBudgets(statuses: [], problem: "Prometheus at http://127.0.0.1:9090: connection refused")))
        #expect(model.budgets?.statuses == [Self.burning], "the last figures stay")
        #expect(model.budgets?.problem == "Prometheus at http://127.0.0.1:9090: connection refused")
        // At 80×24 the pane shows only while an alert would fire.
        var small = Self.model(width: 80, height: 24)
        _ = small.update(.budgetsRead(LiveBudgets(statuses: [Self.calm])))
        #expect(BudgetPane.rowsWanted(small) == 0)
        #expect(!WarRoomView.render(small).grid.lines.joined().contains("Error budget"))
        _ = small.update(.budgetsRead(LiveBudgets(statuses: [Self.burning])))
        #expect(WarRoomView.render(small).grid.lines.joined().contains("Error budget"))
        #expect(BudgetPane.oneDecimal(14.4) == "14.4" && BudgetPane.oneDecimal(6) == "6" && BudgetPane.oneDecimal(.infinity) == "∞")
        #expect(BudgetPane.percent(0.053) == "5.3%" && BudgetPane.percent(0.6) == "60%")
    }

    @Test("Golden screens with a burning budget", arguments: [(120, 40), (80, 24)])
    func golden(_ size: (Int, Int)) throws {
        var model = Self.model(width: size.0, height: size.1)
        _ = model.update(.budgetsRead(LiveBudgets(statuses: [Self.burning])))
        try Golden.check(WarRoomView.render(model).grid, theme: ThemeCatalog.defaultTheme, name: "budget-\(size.0)x\(size.1)-dark")
    }
}
