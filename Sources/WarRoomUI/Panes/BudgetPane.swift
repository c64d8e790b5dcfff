import WarRoomCore
import WarRoomReports
import WarRoomScreen
import WarRoomText

/// The error budgets of the incident's service, measured live from Prometheus (`prometheus_url`
/// and `slo.yaml`), as the runtime last read them.
public struct LiveBudgets: Hashable, Sendable {
    public var statuses: [LiveSLOStatus]
    /// What could not be read, if anything (said in the pane, the figures it has kept).
    public var problem: String?

    public init(statuses: [LiveSLOStatus], problem: String? = nil) {
        self.statuses = statuses
        self.problem = problem
    }

    /// How often the war room asks again.
    public static let refreshEvery = TimeSpan.seconds(60)
}

extension PaneID {
    /// The live error budget of the incident's service.
    public static let budget = PaneID("budget")
}

extension BodyPane {
    /// Two rows per SLO of the incident's service: budget left and the fastest alert's burn rate,
    /// then any alert that would fire. Hidden without live figures; below the wide layout, shown
    /// only while an alert would fire.
    static let budget = BodyPane(.budget, tab: nil, place: .side, priority: 5, compactHeight: 5,
                                 height: { BudgetPane.rowsWanted($0) }) { grid, rect, context in
        BudgetPane.draw(&grid, rect, context.model)
    }
}

enum BudgetPane {
    /// The pane's lines; `compact` (a strip of 80×24) says the same in fewer words.
    static func lines(_ budgets: LiveBudgets, compact: Bool = false) -> [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = []
        for status in budgets.statuses {
            lines.append((compact ? status.sli : "\(status.service) \(status.sli)", .title))
            var figures: [String] = []
            if let left = status.remainingShare { figures.append(percent(max(0, left)) + " left") } else { figures.append(compact ? "no data" : "budget: no data") }
            if let (window, burn) = status.fastBurn { figures.append(compact ? "\(oneDecimal(burn))×" : "burn \(oneDecimal(burn))× (\(window.compact))") }
            let exhausted = (status.remainingShare ?? 1) <= 0
            lines.append(((compact ? "" : "  ") + figures.joined(separator: " · "), exhausted ? .overdue : .text))
            for alert in status.firing {
                lines.append((compact ? "⚠ \(alert.alert.severity) fires"
                              : "  ⚠ \(alert.alert.severity) would fire: \(alert.alert.shortWindow.compact)/\(alert.alert.longWindow.compact) > \(oneDecimal(alert.alert.burnRate))×", .overdue))
            }
        }
        if let problem = budgets.problem { lines.append((problem, .warning)) }
        return lines
    }

    static func percent(_ share: Double) -> String {
        let value = share * 100
        return value >= 10 ? "\(Int(value.rounded()))%" : oneDecimal(value) + "%"
    }

    /// `14.4`, `6`, `0.3`: one decimal, none when it is zero; a figure past any sense is said so.
    static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e9 else { return value.isNaN ? "?" : "∞" }
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }

    static func rowsWanted(_ model: WarRoomModel) -> Int {
        guard let budgets = model.budgets else { return 0 }
        let lines = lines(budgets)
        guard !lines.isEmpty else { return 0 }
        let wide = model.width >= Layout.columnsFrom.width && model.height >= Layout.columnsFrom.height
        guard wide || budgets.statuses.contains(where: { !$0.firing.isEmpty }) else { return 0 }
        return lines.count + 2
    }

    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel) {
        guard !rect.isEmpty, let budgets = model.budgets else { return }
        let firing = budgets.statuses.contains { !$0.firing.isEmpty }
        let inner = grid.box(rect, title: firing ? "Error budget ⚠" : "Error budget", titleRole: firing ? .overdue : .title)
        guard inner.width > 0, inner.height > 0 else { return }
        for (offset, line) in lines(budgets, compact: inner.width < 30).enumerated() where offset < inner.height {
            grid.put(TextWrap.truncated(line.0, width: inner.width), x: inner.x, y: inner.y + offset, role: line.1)
        }
    }
}
