/// Reads the times people type for "when did this happen": every `--at`, `--started-at` and
/// backdated entry goes through here, so the CLI and the war room agree.
public enum TimeExpression {
    /// Accepted forms, for error messages.
    public static let formats = "ISO 8601 (2026-11-28T14:02:00Z), HH:MM or HH:MM:SS (UTC), 'now', or relative (-5m, -1h30m)"

    /// How far ahead of now a typed `HH:MM` is taken as a drifting clock rather than yesterday:
    /// "14:05" typed at 14:02 is refused with both readings instead of silently meaning yesterday.
    public static let clockDriftWindow = TimeSpan.minutes(10)

    /// Parses `text` relative to `now`:
    /// - ISO 8601 date-time (`2026-11-28T14:02:00Z`);
    /// - `HH:MM` or `HH:MM:SS`: UTC, read by `clockTime(_:typed:now:)`;
    /// - `-5m`, `-1h30m`, `-90s`: that long before `now`; `now` itself.
    /// Times before 1970 or more than a day after `now` are refused (`TimeBounds`).
    public static func parse(_ text: String, now: Timestamp) throws(TimeExpressionError) -> Timestamp {
        let trimmed = String(text.trimmingSpaces)
        let instant: Timestamp
        if trimmed.lowercased() == "now" {
            instant = now
        } else if trimmed.hasPrefix("-") {
            guard let span = TimeSpan.parse(trimmed.dropFirst()), trimmed.dropFirst().contains(where: { !$0.isASCIIDigit })
            else { throw .unreadable(text) }
            let (millis, overflow) = now.millis.subtractingReportingOverflow(span.millis)
            guard !overflow else {
                throw .outOfRange(text, reason: "is before \(TimeBounds.earliest.iso8601), the earliest time warroom records")
            }
            instant = Timestamp(millis: millis)
        } else if let clock = wallClock(trimmed) {
            instant = try clockTime(clock, typed: trimmed, now: now)
        } else if let parsed = Timestamp(iso8601Unbounded: trimmed) {
            instant = parsed // the range check below says why one outside year 0000…9999 is refused
        } else {
            throw .unreadable(text)
        }
        if let problem = TimeBounds.eventTimeProblem(instant, now: now) { throw .outOfRange(text, reason: problem) }
        return instant
    }

    /// The one reading of a typed wall-clock time (`clock` since midnight UTC), shared by the CLI
    /// and the war room: today's when it is not after `now`; yesterday's when it is more than
    /// `clockDriftWindow` ahead; refused with both readings when it is just ahead (a clock that
    /// drifts, or a typo: it must not silently be dated yesterday, nor recorded in the future).
    public static func clockTime(_ clock: TimeSpan, typed: String, now: Timestamp) throws(TimeExpressionError) -> Timestamp {
        let today = now.startOfDay + clock
        if today <= now { return today }
        let yesterday = today - .hours(24)
        if today.since(now) <= clockDriftWindow {
            throw .aheadOfNow(typed, today: today, yesterday: yesterday, now: now)
        }
        return yesterday
    }

    /// `HH:MM` or `HH:MM:SS` as a span since midnight; nil for anything else.
    public static func wallClock(_ text: some StringProtocol) -> TimeSpan? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
              parts.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
        let numbers = parts.compactMap { Int64($0) }
        guard numbers.count == parts.count, numbers[0] < 24, numbers[1] < 60,
              numbers.count == 2 || numbers[2] < 60 else { return nil }
        return .hours(numbers[0]) + .minutes(numbers[1]) + .seconds(numbers.count == 3 ? numbers[2] : 0)
    }
}

/// Why a typed time could not be read.
public enum TimeExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String)
    /// Readable, but outside what warroom records (`TimeBounds`); `reason` says which side.
    case outOfRange(String, reason: String)
    /// A wall-clock time just ahead of now: today's reading is in the future, yesterday's may
    /// not be what was meant.
    case aheadOfNow(String, today: Timestamp, yesterday: Timestamp, now: Timestamp)

    public var description: String {
        switch self {
        case .unreadable(let text):
            return "cannot read the time '\(text)': use \(TimeExpression.formats)"
        case .outOfRange(let text, let reason):
            return "the time '\(text)' \(reason); nothing was recorded"
        case .aheadOfNow(let text, let today, let yesterday, let now):
            return "\(text) is \(today.since(now).compact) ahead of now (\(now.clockTime) UTC), and nothing in the "
                + "future can be recorded: for yesterday type \(yesterday.iso8601), for now leave the time out"
        }
    }
}
