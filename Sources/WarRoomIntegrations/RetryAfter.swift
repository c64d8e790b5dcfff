import WarRoomCore

/// `Retry-After` (RFC 9110 §10.2.3): a number of seconds, or an HTTP-date read relative to `now`.
public enum RetryAfter {
    /// The longest wait honoured: a day. A vendor asking for more is treated as asking for a day,
    /// so one odd header cannot park a delivery for a year.
    public static let longest = TimeSpan.hours(24)

    /// The wait, zero for a date in the past, nil when absent or unreadable.
    public static func parse(_ value: String?, now: Timestamp) -> TimeSpan? {
        guard let text = value?.trimmingSpaces, !text.isEmpty else { return nil }
        if text.allSatisfy(\.isASCIIDigit) {
            guard text.count <= 9, let seconds = Int64(text) else { return longest }
            return min(.seconds(seconds), longest)
        }
        guard let date = httpDate(String(text)) else { return nil }
        return min(max(.zero, date - now), longest)
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), and the obsolete RFC 850
    /// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`) forms that
    /// RFC 9110 says a recipient must still read.
    public static func httpDate(_ text: String) -> Timestamp? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0 == ":" }).map { $0.lowercased() }
        guard tokens.count >= 7, let first = tokens.first, first.allSatisfy(\.isLetter) else { return nil }
        let rest = Array(tokens.dropFirst())
        var day: Int?, month: Int?, year: Int64?, clock: [Int] = []
        if let m = months.firstIndex(of: rest[0]) {
            // asctime: month day hh mm ss year
            guard rest.count == 6 else { return nil }
            month = m + 1; day = Int(rest[1]); clock = rest[2...4].compactMap { Int($0) }; year = Int64(rest[5])
        } else {
            // IMF-fixdate or RFC 850: day month year hh mm ss GMT
            guard rest.count == 7, rest[6] == "gmt", let m = months.firstIndex(of: rest[1]) else { return nil }
            day = Int(rest[0]); month = m + 1; clock = rest[3...5].compactMap { Int($0) }
            if let y = Int64(rest[2]) {
                // RFC 9110: a two-digit year more than 50 years ahead is in the past century.
                year = rest[2].count == 2 ? (y < 70 ? 2000 + y : 1900 + y) : y
            }
        }
        guard let day, let month, let year, clock.count == 3, year >= 1970, year <= 9999 else { return nil }
        // Through the core's ISO 8601 reader, which checks every field's range (no 31 February).
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        guard (0...99).contains(day), clock.allSatisfy({ (0...99).contains($0) }) else { return nil }
        return Timestamp(iso8601: "\(year)-\(two(month))-\(two(day))T\(two(clock[0])):\(two(clock[1])):\(two(clock[2]))Z")
    }
}
