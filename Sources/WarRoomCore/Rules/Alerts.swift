#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Something the room must act on now, most urgent first.
public struct Alert: Hashable, Sendable {
    /// How loudly to show it.
    public enum Level: Int, Hashable, Sendable, Comparable {
        /// Past a deadline.
        case critical = 0
        /// Needs attention soon, or a standing problem (a vacant role).
        case warning = 1
        /// Worth knowing (the monitoring window).
        case info = 2

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// What the alert is about, for styling and de-duplication.
    public enum Subject: Hashable, Sendable {
        case obligation(ObligationKind)
        case statusUpdate
        case hypothesis(Int)
        case role(RoleGap)
        case monitoringWindow
        /// Messages to one destination (its config name) that failed for good, or wait to be retried.
        case delivery(String)
        /// An incident alerts proposed (P`number`), waiting for the IC to accept or dismiss it.
        case proposal(Int)
        /// A child incident (the parent's war room) whose next status update is overdue.
        case child(IncidentID)
        /// A page nobody acknowledged yet (its event id).
        case page(UUID)
        /// A runbook answers the incident and nobody opened one yet (its name).
        case runbook(String)
    }

    public var level: Level
    public var subject: Subject
    /// One line, ready to show: "Notify VP Eng + CTO — overdue by 3m".
    public var message: String
    /// The deadline behind it, when there is one.
    public var deadline: Timestamp?
}

extension IncidentState {
    /// Everything due now, most urgent first: overdue items (longest overdue first), then warnings
    /// by deadline, then information.
    public func alerts(policy: Policy, now: Timestamp) -> [Alert] {
        let policy = policy.paced(for: self)
        var alerts: [Alert] = []
        for obligation in obligations(policy: policy) {
            let timing = obligation.timing(at: now)
            alerts.append(Alert(level: timing.isOverdue ? .critical : .warning, subject: .obligation(obligation.kind),
                                message: "\(obligation.title) — \(timing.phrase)", deadline: obligation.deadline))
        }
        // One alert for every overdue update, led by the most overdue: "Status update to
        // executives (and engineering) — overdue by 3m".
        let overdue = updateCountdowns(policy: policy).filter { $0.timing(at: now).isOverdue }
            .sorted { $0.nextDue < $1.nextDue }
        if let first = overdue.first {
            let what = first.isInitial ? "Initial notification" : first.isAllClear ? "All-clear" : "Status update"
            let others = overdue.dropFirst().map(\.audience.rawValue)
            let also = others.isEmpty ? "" : " (and \(others.joined(separator: ", ")))"
            alerts.append(Alert(level: .critical, subject: .statusUpdate,
                                message: "\(what) to \(first.audience.rawValue)\(also) — \(first.timing(at: now).phrase)",
                                deadline: first.nextDue))
        }
        for clock in hypothesisClocks(at: now) where clock.isExpired {
            let choices = clock.decisionOwed.map(\.choiceName).joined(separator: ", ")
            alerts.append(Alert(level: .critical, subject: .hypothesis(clock.hypothesis.number),
                                message: "Hypothesis #\(clock.hypothesis.number) timebox expired \(clock.timing.agoPhrase): decide — \(choices)",
                                deadline: clock.hypothesis.deadline))
        }
        if status.isActive {
            for gap in roleGaps {
                alerts.append(Alert(level: .warning, subject: .role(gap), message: gap.message, deadline: nil))
            }
        }
        if status == .monitoring {
            let end = statusSince + policy.monitoringWindow
            let message = now >= end
                ? "Monitoring window of \(policy.monitoringWindow.compact) complete: ready to resolve"
                : "Monitoring: \((end - now).clock) left before it may be resolved"
            alerts.append(Alert(level: .info, subject: .monitoringWindow, message: message, deadline: end))
        }
        alerts += deliveryAlerts(now: now)
        return alerts.enumerated().sorted { lhs, rhs in
            let (l, r) = (lhs.element, rhs.element)
            if l.level != r.level { return l.level < r.level }
            switch (l.deadline, r.deadline) {
            case let (a?, b?) where a != b: return a < b
            case (_?, nil): return true
            case (nil, _?): return false
            default: return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }

    /// Per destination: messages refused for good (a warning: somebody must retry or drop them),
    /// and messages waiting for a retry after a failure (information: they go by themselves).
    func deliveryAlerts(now: Timestamp) -> [Alert] {
        var order: [String] = []
        var failed: [String: [OutboundDelivery]] = [:], retrying: [String: [OutboundDelivery]] = [:]
        for delivery in outbox.deliveries {
            switch delivery.state {
            case .failed: failed[delivery.destination, default: []].append(delivery)
            case .retrying: retrying[delivery.destination, default: []].append(delivery)
            case .waiting, .sending, .delivered, .dropped: continue
            }
            if !order.contains(delivery.destination) { order.append(delivery.destination) }
        }
        var alerts: [Alert] = []
        for name in order {
            if let refused = failed[name], let last = refused.last {
                let count = refused.count == 1 ? "1 message" : "\(refused.count) messages"
                alerts.append(Alert(level: .warning, subject: .delivery(name),
                                    message: "\(count) to \(name) refused (see warroom outbox): \(Self.reasonShown(last.lastFailure))",
                                    deadline: nil))
            }
            if let waiting = retrying[name], let first = waiting.first {
                var when = ""
                if case .retrying(let at, _) = first.state { when = at <= now ? ", retrying now" : ", next try in \(TimeSpan.seconds((at - now).secondsRoundedUp).compact)" }
                let count = waiting.count == 1 ? "1 message" : "\(waiting.count) messages"
                alerts.append(Alert(level: .info, subject: .delivery(name),
                                    message: "\(count) to \(name) not sent yet\(when): \(Self.reasonShown(first.lastFailure))",
                                    deadline: nil))
            }
        }
        return alerts
    }

    /// A delivery's failure as the strip shows it: the timing is said before it, so "will retry" goes.
    static func reasonShown(_ reason: String?) -> String {
        guard var text = reason, !text.isEmpty else { return "no reason given" }
        for tail in ["; will retry", ", will retry"] where text.hasSuffix(tail) { text.removeLast(tail.count) }
        return text
    }

    /// The single most urgent alert, for the header.
    public func mostUrgentAlert(policy: Policy, now: Timestamp) -> Alert? {
        alerts(policy: policy, now: now).first
    }
}

extension Timing {
    /// "due in 4m", "overdue by 3m12s", "due now".
    public var phrase: String {
        switch self {
        case .due(let span): span.millis == 0 ? "due now" : "due in \(TimeSpan.seconds(span.secondsRoundedUp).compact)"
        case .overdue(let span): "overdue by \(TimeSpan.seconds(max(1, span.seconds)).compact)"
        }
    }
}

extension Timing {
    /// "3m12s ago" for an overdue deadline; the `phrase` otherwise.
    public var agoPhrase: String {
        if case .overdue(let span) = self { return "\(TimeSpan.seconds(max(1, span.seconds)).compact) ago" }
        return phrase
    }
}

extension HypothesisVerdict {
    /// The word for the choice the IC makes.
    public var choiceName: String {
        switch self {
        case .confirmed: "confirm"
        case .ruledOut: "pivot (rule out)"
        case .extended: "extend once"
        case .escalated: "escalate"
        }
    }
}

extension RoleGap {
    /// One line for the alerts strip.
    public var message: String {
        switch self {
        case .vacant(let role):
            "No \(role.title) assigned"
        case .commanderDoubling(let person, let also):
            "\(person) is IC and also \(also.map(\.title).joined(separator: " and ")): hand one off"
        }
    }
}

extension Alert {
    /// The war room's offer of runbook `name` (it holds the runbook folder; the core does not).
    public static func runbookOffer(_ name: String, message: String) -> Alert {
        Alert(level: .info, subject: .runbook(name), message: message, deadline: nil)
    }
}
