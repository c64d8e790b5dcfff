/// A drill's times as a scenario file writes them and a timeline shows them: `+00:05` is five
/// minutes after the start (hours and minutes, HSEEP's H+00:05), `+01:30:15` with seconds; a
/// compact span (`+5m`, `+1h30m`, `+90s`) reads too.
public enum DrillOffset {
    /// The span `text` names, or nil. A bare number is refused (minutes or hours?).
    public static func parse(_ text: String) -> TimeSpan? {
        var rest = text.trimmingSpaces
        if rest.hasPrefix("+") { rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.count <= 12, rest.first?.isASCIIDigit == true else { return nil }
        if rest.contains(":") {
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3,
                  parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCIIDigit) }),
                  parts.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
            let numbers = parts.compactMap { Int64($0) }
            guard numbers.count == parts.count, numbers.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
            return .seconds(numbers[0] * 3_600 + numbers[1] * 60 + (numbers.count == 3 ? numbers[2] : 0))
        }
        guard !rest.allSatisfy(\.isASCIIDigit) else { return nil }
        return TimeSpan.parse(rest)
    }

    /// `+00:05`, `+01:30`, `+00:12:30` (seconds only when there are some; milliseconds dropped).
    public static func text(_ span: TimeSpan) -> String {
        let total = max(0, span.seconds)
        let hours = total / 3_600, minutes = (total % 3_600) / 60, seconds = total % 60
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "+\(two(hours)):\(two(minutes))" + (seconds == 0 ? "" : ":\(two(seconds))")
    }
}
