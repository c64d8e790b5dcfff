import WarRoomCore
import WarRoomText

/// Small formatting helpers shared by the drafts and the post-mortem: user text on one line,
/// numbers, durations and UTC times in words. Internal: the documents are the public surface.
enum ReportText {
    /// User text for a plain-text line: each line trimmed, empty lines dropped, the rest joined with
    /// " / ", every control, escape and bidi character made visible by the Sanitizer.
    static func line(_ text: String) -> String {
        let parts = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmed(" \t") }
            .filter { !$0.isEmpty }
        return Sanitizer.clean(parts.joined(separator: " / "), newlines: .mark)
    }

    /// True when the text holds something other than blanks.
    static func isBlank(_ text: String?) -> Bool {
        guard let text else { return true }
        return text.allSatisfy { $0.isWhitespace }
    }

    /// `12,000`: a count with thousands separators.
    static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `1 user`, `12,000 users`.
    static func users(_ count: Int) -> String {
        count == 1 ? "1 user" : "\(number(count)) users"
    }

    /// A length in words, to the minute: `15 minutes`, `1 hour 10 minutes`, `2 days 3 hours`,
    /// `less than a minute`.
    static func duration(_ span: TimeSpan) -> String {
        let seconds = max(0, span.seconds)
        let minutes = (seconds + 30) / 60
        if minutes == 0 { return "less than a minute" }
        let days = minutes / 1440, hours = (minutes % 1440) / 60, rest = minutes % 60
        var parts: [String] = []
        if days > 0 { parts.append(days == 1 ? "1 day" : "\(days) days") }
        if hours > 0 { parts.append(hours == 1 ? "1 hour" : "\(hours) hours") }
        if rest > 0 { parts.append(rest == 1 ? "1 minute" : "\(rest) minutes") }
        return parts.joined(separator: " ")
    }

    /// A policy length as people say it: whole hours up to three days in hours (`48 hours`,
    /// `24 hours`), anything else as `duration(_:)` (`15 minutes`).
    static func policySpan(_ span: TimeSpan) -> String {
        let seconds = span.seconds
        if seconds > 0, seconds % 3600 == 0, seconds <= 72 * 3600 {
            let hours = seconds / 3600
            return hours == 1 ? "1 hour" : "\(hours) hours"
        }
        return duration(span)
    }

    /// `14:40 UTC`, or `2026-11-29 14:40 UTC` when the day differs from `reference`'s.
    static func time(_ instant: Timestamp, relativeTo reference: Timestamp) -> String {
        instant.dateOnly == reference.dateOnly ? "\(instant.hourMinute) UTC" : "\(instant.dateOnly) \(instant.hourMinute) UTC"
    }

    /// `13:52 to 14:42 UTC (50 minutes)`; both dates are written when the span crosses midnight.
    static func span(from start: Timestamp, to end: Timestamp, separator: String = " to ") -> String {
        let range = start.dateOnly == end.dateOnly
            ? "\(start.hourMinute)\(separator)\(end.hourMinute) UTC"
            : "\(start.dateOnly) \(start.hourMinute)\(separator)\(end.dateOnly) \(end.hourMinute) UTC"
        return "\(range) (\(duration(end - start)))"
    }

    /// A lifecycle status as a capitalized word: `Investigating`.
    static func statusWord(_ status: IncidentStatus) -> String {
        status.rawValue.prefix(1).uppercased() + status.rawValue.dropFirst()
    }

    /// A share of users in words: `45% of users`, `all users`.
    static func share(_ percent: Double) -> String {
        percent >= 100 ? "all users" : "\(formatPercent(percent)) of users"
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set`.
    func trimmed(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
