import WarRoomCore

/// An SLO's window: rolling (`30d`, `28d`, `4w`), or the calendar month an instant is in (its
/// budget follows the month's length: February's is shorter than March's).
public enum SLOWindow: Hashable, Sendable, CustomStringConvertible {
    case rolling(TimeSpan)
    case calendarMonth

    /// `30d`, `28d`, `4w`, `720h`, or `month`; nil for anything else (or a window under an hour).
    public static func parse(_ text: String) -> SLOWindow? {
        let lower = text.lowercased().filter { !$0.isWhitespace }
        if lower == "month" || lower == "calendar-month" || lower == "calendarmonth" { return .calendarMonth }
        guard let unit = lower.last, let count = Int64(lower.dropLast()), count > 0, count <= 3_660 else { return nil }
        let span: TimeSpan
        switch unit {
        case "d": span = .hours(24 * count)
        case "w": span = .hours(24 * 7 * count)
        case "h": span = .hours(count)
        default: return nil
        }
        return .rolling(span)
    }

    /// How long the window is for `at` (the month it falls in, for a calendar month).
    public func length(at: Timestamp) -> TimeSpan {
        switch self {
        case .rolling(let span): return span
        case .calendarMonth:
            let civil = at.civil
            let start = Timestamp(CivilTime(year: civil.year, month: civil.month, day: 1)) ?? at
            let next = civil.month == 12 ? CivilTime(year: civil.year + 1, month: 1, day: 1) : CivilTime(year: civil.year, month: civil.month + 1, day: 1)
            return (Timestamp(next) ?? at) - start
        }
    }

    /// Where the window that ends at `at` begins: `at` minus its length, rolling; the first of
    /// the month, for a calendar month (its budget is the whole month's, its spending so far).
    public func start(endingAt at: Timestamp) -> Timestamp {
        switch self {
        case .rolling(let span): return at - span
        case .calendarMonth:
            let civil = at.civil
            return Timestamp(CivilTime(year: civil.year, month: civil.month, day: 1)) ?? at - length(at: at)
        }
    }

    public var description: String {
        switch self {
        case .rolling(let span): span.millis % 86_400_000 == 0 ? "\(span.millis / 86_400_000)d" : span.compact
        case .calendarMonth: "calendar month"
        }
    }
}

/// An SLO's target over its window, and what its error budget is and how fast it burns: the
/// arithmetic of the SRE workbook, with even traffic assumed where only a share of requests is
/// known.
public struct ErrorBudget: Hashable, Sendable {
    /// The share of good events promised, 0 < target < 1 (`0.9995` for 99.95 %).
    public var target: Double
    public var window: SLOWindow

    public init(target: Double, window: SLOWindow) {
        self.target = target
        self.window = window
    }

    /// The share of events that may be bad: 1 − target.
    public var allowedBadShare: Double { 1 - target }

    /// The budget as time of total outage over the window (30 d at 99.95 %: 21.6 min).
    public func budget(at: Timestamp) -> TimeSpan {
        TimeSpan(millis: Int64((Double(window.length(at: at).millis) * allowedBadShare).rounded()))
    }

    /// The share of the budget (1.0 = all of it) that `badShare` of events failing for `duration`
    /// consumes, traffic even: 30 % failing for 41 min against 99.95 % over 30 d is 0.569.
    public func consumed(badShare: Double, for duration: TimeSpan, at: Timestamp) -> Double {
        let budget = Double(budget(at: at).millis)
        guard budget > 0 else { return .infinity }
        return max(0, min(1, badShare)) * Double(max(0, duration.millis)) / budget
    }

    /// The burn rate of an error ratio: how many times faster than the budget allows it is spent.
    public func burnRate(errorRatio: Double) -> Double { errorRatio / allowedBadShare }

    /// The share of the budget a burn rate consumes over `duration` (14.4 for 1 h of 30 d: 0.02).
    public func consumed(burnRate: Double, for duration: TimeSpan, at: Timestamp) -> Double {
        burnRate * Double(duration.millis) / Double(window.length(at: at).millis)
    }

    /// How long a burn rate takes to spend the whole budget (14.4 over 30 d: 50 h).
    public func exhaustion(burnRate: Double, at: Timestamp) -> TimeSpan? {
        guard burnRate > 0 else { return nil }
        return TimeSpan(millis: Int64((Double(window.length(at: at).millis) / burnRate).rounded()))
    }
}

/// One stretch of impact on a service: from `start` to `end`, `badShare` of its events failing.
public struct ImpactSpan: Hashable, Sendable {
    public var start: Timestamp
    public var end: Timestamp
    public var badShare: Double

    public init(start: Timestamp, end: Timestamp, badShare: Double) {
        self.start = start
        self.end = end
        self.badShare = badShare
    }

    /// The bad-event time of spans that may overlap, each instant counted once at the largest
    /// share failing then (two incidents about one outage do not spend its budget twice).
    public static func badTime(_ spans: [ImpactSpan]) -> TimeSpan {
        let edges = Set(spans.flatMap { [$0.start, $0.end] }).sorted()
        var total = 0.0
        for (from, to) in zip(edges, edges.dropFirst()) {
            let share = spans.filter { $0.start <= from && $0.end >= to }.map { max(0, min(1, $0.badShare)) }.max() ?? 0
            total += share * Double(to.millis - from.millis)
        }
        return TimeSpan(millis: Int64(total.rounded()))
    }
}

/// The method's error-budget policy: what a service must do with the budget it has left.
public enum BudgetTier: String, CaseIterable, Hashable, Sendable {
    case normal, featureFreezeReview, allHandsOnReliability, freezeDeploys

    /// The tier for the share of budget left (1.0 untouched, 0 or less exhausted): above 50 %
    /// normal; 25–50 % a feature-freeze review; below 25 % all hands on reliability; exhausted,
    /// freeze all non-critical deploys.
    public static func tier(remaining: Double) -> BudgetTier {
        if remaining <= 0 { return .freezeDeploys }
        if remaining < 0.25 { return .allHandsOnReliability }
        if remaining <= 0.5 { return .featureFreezeReview }
        return .normal
    }

    /// The tier's name: `feature-freeze review`.
    public var label: String {
        switch self {
        case .normal: "normal"
        case .featureFreezeReview: "feature-freeze review"
        case .allHandsOnReliability: "all hands on reliability"
        case .freezeDeploys: "freeze all non-critical deploys"
        }
    }

    /// The policy's words for the tier (the method's defaults).
    public var defaultAction: String {
        switch self {
        case .normal: "Normal feature development"
        case .featureFreezeReview: "Feature freeze review with Eng Manager"
        case .allHandsOnReliability: "All hands on reliability work until budget recovers"
        case .freezeDeploys: "Freeze all non-critical deploys, conduct review with VP Eng"
        }
    }
}
