/// Reads the times people type for "when did this happen": every `--at`, `--started-at` and
/// backdated entry goes through here, so the CLI and the war room agree.
public enum TimeExpression {
    /// Accepted forms, for error messages.
    public static let formats = "ISO 8601 (2026-11-28T14:02:00Z), HH:MM or HH:MM:SS (UTC), 'now', or relative (-5m, -1h30m)"

    /// Parses `text` relative to `now`:
    /// - ISO 8601 date-time (`2026-11-28T14:02:00Z`);
    /// - `HH:MM` or `HH:MM:SS`: UTC, the most recent such time not after `now` (yesterday when needed);
    /// - `-5m`, `-1h30m`, `-90s`: that long before `now`; `now` itself.
    public static func parse(_ text: String, now: Timestamp) throws(TimeExpressionError) -> Timestamp {
        let trimmed = String(text.trimmingSpaces)
        if trimmed.lowercased() == "now" { return now }
        if trimmed.hasPrefix("-") {
            guard let span = TimeSpan.parse(trimmed.dropFirst()), trimmed.dropFirst().contains(where: { !$0.isASCIIDigit })
            else { throw .unreadable(text) }
            return now - span
        }
        if let clock = wallClock(trimmed) {
            var candidate = now.startOfDay + clock
            if candidate > now { candidate = candidate - .hours(24) }
            return candidate
        }
        if let instant = Timestamp(iso8601: trimmed) { return instant }
        throw .unreadable(text)
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

    public var description: String {
        switch self {
        case .unreadable(let text):
            return "cannot read the time '\(text)': use \(TimeExpression.formats)"
        }
    }
}
