import WarRoomCore
import WarRoomScreen

enum UpdatePane {
    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel, focused: Bool) {
        guard !rect.isEmpty else { return }
        guard let countdown = model.incident.updateCountdown(policy: model.policy) else {
            let settled = settled(model.incident)
            let inner = grid.box(rect, title: settled.title, focused: focused)
            var y = inner.y
            for line in settled.lines where y < inner.maxY {
                for row in TextWrap.lines(line.0, width: max(1, inner.width)) where y < inner.maxY {
                    grid.put(row, x: inner.x, y: y, role: line.1, limit: inner.width)
                    y += 1
                }
            }
            return
        }
        let inner = grid.box(rect, title: title(countdown, width: rect.width), focused: focused)
        guard inner.width > 0, inner.height > 0 else { return }
        let timing = countdown.timing(at: model.now)
        let (clock, role): (String, StyleRole) = switch timing {
        case .due(let left): (left.clock, .countdown)
        case .overdue(let late): ("+" + late.clock, .overdue)
        }
        var y = inner.y
        if inner.height >= BigDigits.height + 2, BigDigits.width(clock) <= inner.width {
            let x = inner.x + (inner.width - BigDigits.width(clock)) / 2
            for row in BigDigits.rows(clock) {
                grid.put(row, x: x, y: y, role: role == .overdue ? .overdue : .bigDigits)
                y += 1
            }
            if timing.isOverdue { grid.put("OVERDUE by \(clock.dropFirst())", x: inner.x, y: y, role: .overdue, limit: inner.width); y += 1 }
        } else {
            let line = timing.isOverdue ? "OVERDUE \(clock)" : "\(clock) left"
            grid.put(line, x: inner.x, y: y, role: role, limit: inner.width)
            y += 1
        }
        if y < inner.maxY {
            // The all-clear is owed once, not on a cadence.
            let due = countdown.isAllClear ? "due \(countdown.nextDue.clockTime) · once"
                : "due \(countdown.nextDue.clockTime) · every \(countdown.cadence.compact)"
            grid.put(due, x: inner.x, y: y, role: .muted, limit: inner.width)
            y += 1
        }
        if y < inner.maxY {
            // The longest wording that fits: a narrow pane keeps the audience, not the seconds.
            let choices = countdown.lastPosted.map { ["last \($0.at.clockTime) to \($0.audience.rawValue)",
                                                      "last \($0.at.hourMinute) to \($0.audience.rawValue)",
                                                      "last \($0.at.hourMinute) \($0.audience.rawValue)"] }
                ?? (countdown.isAllClear ? ["resolved: /update \(countdown.audience.rawValue): TEXT", "/update \(countdown.audience.rawValue):"]
                    : ["none sent yet: /update TEXT", "none sent: /update"])
            let last = choices.first { DisplayWidth.of($0) <= inner.width } ?? choices[choices.count - 1]
            grid.put(TextWrap.truncated(last, width: inner.width), x: inner.x, y: y, role: .muted, limit: inner.width)
            y += 1
        }
        // The other audiences' clocks, where there is room.
        for other in model.incident.updateCountdowns(policy: model.policy) where other.audience != countdown.audience {
            guard y < inner.maxY else { break }
            let timing = other.timing(at: model.now)
            let span = timing.short(late: "late")
            // The longest wording that fits, never a number cut in half.
            let what = other.isAllClear ? "all-clear " : ""
            let choices = ["\(other.audience.rawValue): \(what)\(timing.phrase)", "\(other.audience.rawValue): \(what)\(span)",
                           "\(other.audience.rawValue) \(span)"]
            let line = choices.first { DisplayWidth.of($0) <= inner.width } ?? TextWrap.truncated(choices[2], width: inner.width)
            grid.put(line, x: inner.x, y: y, role: timing.isOverdue ? .overdue : .muted, limit: inner.width)
            y += 1
        }
    }
}

extension UpdatePane {
    /// The pane's title while a countdown runs: after resolution what is owed is the resolved
    /// message (the all-clear), whatever the core's countdown says it is due to.
    /// The countdown's title ("Next update to executives", "All-clear owed to customers"), or its
    /// short form where a box `width` wide would cut it (corners and spaces around it take 4).
    static func title(_ countdown: UpdateCountdown, width: Int) -> String {
        let full = countdown.isAllClear ? "All-clear owed to \(countdown.audience.rawValue)" : countdown.title
        let short = countdown.isAllClear ? "All-clear owed" : countdown.shortTitle
        return full.count + 4 <= width ? full : short
    }

    /// What the pane says when no countdown runs (the core returns none): after resolution,
    /// whether the resolved message went out; never a bare "No more updates" while it is owed.
    static func settled(_ s: IncidentState) -> (title: String, lines: [(String, StyleRole)]) {
        guard let resolvedAt = s.resolvedAt, !s.status.isActive else {
            return ("Updates", [("No update due: \(s.status.rawValue)", .muted)])
        }
        if let sent = s.updates.last(where: { $0.at >= resolvedAt }) {
            return ("Updates", [("Resolved message posted", .ok),
                                ("\(sent.at.clockTime) to \(sent.audience.rawValue); no more updates due", .muted)])
        }
        return ("All-clear owed", [("Resolved message (all-clear) owed", .overdue),
                                   ("resolved \(resolvedAt.clockTime): /update posts it", .muted)])
    }
}

enum RosterPane {
    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel, focused: Bool) {
        guard !rect.isEmpty else { return }
        let inner = grid.box(rect, title: "Roles", focused: focused)
        let doubling = model.incident.roleGaps.compactMap { gap -> [Role]? in
            if case .commanderDoubling(_, let also) = gap { return also + [.commander] }
            return nil
        }.first ?? []
        for (offset, role) in model.incident.rosterRoles(fitting: inner.height).enumerated() {
            let y = inner.y + offset
            let label = TimelinePane.fit(role.label.uppercased(), 7)
            var x = inner.x + grid.put(label, x: inner.x, y: y, role: .muted, limit: inner.width)
            guard let holder = model.incident.roles[role] else {
                // An optional role nobody holds is no gap: not in the colour of one.
                grid.put(role.isRequired ? "— vacant —" : "— optional —", x: x, y: y,
                         role: role.isRequired ? .roleVacant : .muted, limit: inner.maxX - x)
                continue
            }
            let flagged = doubling.contains(role)
            x += grid.put(holder.person, x: x, y: y, role: flagged ? .warning : .roleHolder, limit: max(0, inner.maxX - x - 6))
            if inner.maxX - x >= 6 { grid.put(" " + holder.since.hourMinute, x: x, y: y, role: .timestamp, limit: inner.maxX - x) }
        }
    }
}

extension HypothesisVerdict {
    /// One word for a narrow pane.
    var shortChoice: String {
        switch self {
        case .confirmed: "confirm"
        case .ruledOut: "pivot"
        case .extended: "extend"
        case .escalated: "escalate"
        }
    }
}

enum HypothesesPane {
    /// How long before a timebox runs out its bar turns to `timeboxWarning`.
    static let timeboxWarning = TimeSpan.minutes(3)

    static func draw(_ grid: inout Grid, _ rect: Rect, _ model: WarRoomModel, focused: Bool) {
        guard !rect.isEmpty else { return }
        let inner = grid.box(rect, title: "Hypotheses", focused: focused)
        guard inner.width > 0, inner.height > 0 else { return }
        let clocks = model.incident.hypothesisClocks(at: model.now)
        var y = inner.y
        if clocks.isEmpty {
            let hints = ["None running: /hyp TEXT @OWNER 15m", "None running: /hyp TEXT", "None running"]
            grid.put(hints.first { DisplayWidth.of($0) <= inner.width } ?? hints[hints.count - 1], x: inner.x, y: y, role: .muted, limit: inner.width)
            y += 1
        }
        for clock in clocks where y < inner.maxY {
            let h = clock.hypothesis
            var x = inner.x + grid.put("#\(h.number) ", x: inner.x, y: y, role: clock.isExpired ? .expired : .title, limit: inner.width)
            let textRoom = max(0, inner.maxX - x - (h.owner == nil ? 0 : min(8, 2 + DisplayWidth.of(h.owner ?? ""))))
            x += grid.put(TextWrap.truncated(h.text, width: textRoom), x: x, y: y, role: .text, limit: textRoom)
            if let owner = h.owner { grid.put(" @" + owner, x: x, y: y, role: .author, limit: inner.maxX - x) }
            y += 1
            guard y < inner.maxY else { break }
            switch clock.timing {
            case .due(let left):
                // The last minutes change the bar's style and say so, before the timebox expires.
                let ending = left <= timeboxWarning
                let label = " \(left.clock)" + (ending ? " ends soon" : "") + (h.extended ? " (extended)" : "")
                let barWidth = max(0, min(20, inner.width - DisplayWidth.of(label) - 1))
                let filled = Int((Double(barWidth) * clock.fractionUsed).rounded())
                var bx = inner.x + 1
                bx += grid.put(String(repeating: "█", count: filled), x: bx, y: y, role: ending ? .timeboxWarning : .barFilled, limit: barWidth)
                bx += grid.put(String(repeating: "░", count: barWidth - filled), x: bx, y: y, role: .barEmpty, limit: barWidth - filled)
                grid.put(label, x: bx, y: y, role: ending ? .timeboxWarning : .countdown, limit: inner.maxX - bx)
            case .overdue(let late):
                let choices = clock.decisionOwed.map(\.shortChoice).joined(separator: "/")
                let lines = [" EXPIRED +\(late.clock): \(choices)", " EXPIRED +\(late.clock): decide", " EXPIRED +\(late.clock)"]
                let line = lines.first { DisplayWidth.of($0) <= inner.width } ?? lines[lines.count - 1]
                grid.put(line, x: inner.x, y: y, role: .expired, limit: inner.width)
            }
            y += 1
        }
        for h in model.incident.hypotheses.reversed() where !h.isRunning && y < inner.maxY {
            grid.put(TextWrap.truncated("#\(h.number) \(h.state.rawValue): \(h.text)", width: inner.width), x: inner.x, y: y,
                     role: h.state == .confirmed ? .ok : .muted, limit: inner.width)
            y += 1
        }
    }
}
