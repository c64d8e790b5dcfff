import WarRoomCore

/// A quarter of a calendar year in UTC: `2026Q4` is 1 October 2026 00:00 to 1 January 2027.
public struct Quarter: Hashable, Sendable, CustomStringConvertible {
    public var year: Int64
    /// 1…4.
    public var number: Int

    public init(year: Int64, number: Int) {
        self.year = year
        self.number = number
    }

    /// `2026Q4`, `2026q4` or `2026-Q4`; refused with the form to use.
    public static func parse(_ text: String) throws(ReportError) -> Quarter {
        let upper = text.uppercased().replacing("-", with: "")
        let parts = upper.split(separator: "Q", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit), let year = Int64(parts[0]),
              year >= 1970, year <= 9999, parts[1].count == 1, let number = Int(parts[1]), (1...4).contains(number) else {
            throw .badQuarter(text)
        }
        return Quarter(year: year, number: number)
    }

    public var description: String { "\(year)Q\(number)" }

    public var start: Timestamp { Self.firstDay(year: year, month: (number - 1) * 3 + 1) }
    public var end: Timestamp { number == 4 ? Self.firstDay(year: year + 1, month: 1) : Self.firstDay(year: year, month: number * 3 + 1) }
    public var previous: Quarter { number == 1 ? Quarter(year: year - 1, number: 4) : Quarter(year: year, number: number - 1) }

    static func firstDay(year: Int64, month: Int) -> Timestamp {
        Timestamp(CivilTime(year: year, month: month, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0)) ?? Timestamp(millis: 0)
    }
}

/// Which incidents a report counts: declared in [since, until), on one of `services` (any case;
/// all when empty), at one of `severities` (its level now; all when empty), drills never.
public struct ReportFilter: Hashable, Sendable {
    public var since: Timestamp?
    public var until: Timestamp?
    public var services: [String]
    public var severities: Set<Severity>

    public init(since: Timestamp? = nil, until: Timestamp? = nil, services: [String] = [], severities: Set<Severity> = []) {
        self.since = since
        self.until = until
        self.services = services
        self.severities = severities
    }

    /// A drill never is: it rehearses the response, and its clocks are not the organisation's.
    public func includes(_ incident: IncidentSummary) -> Bool {
        !incident.isDrill && includes(at: incident.declaredAt, service: incident.service, severity: incident.severity)
    }

    /// Whether something that began `at`, on `service`, at `severity` is in the report.
    public func includes(at: Timestamp, service: String?, severity: Severity) -> Bool {
        if let since, at < since { return false }
        if let until, at >= until { return false }
        if !severities.isEmpty, !severities.contains(severity) { return false }
        if !services.isEmpty {
            guard let service = service?.lowercased(), services.contains(where: { $0.lowercased() == service }) else { return false }
        }
        return true
    }
}

/// Why a report was refused: what was wrong, and the form that works.
public enum ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    case badQuarter(String)
    case periodConflict
    case emptyPeriod(since: Timestamp, until: Timestamp)

    public var description: String {
        switch self {
        case .badQuarter(let text): "'\(text)' is not a quarter: write it as 2026Q4 (Q1 is January to March, UTC)"
        case .periodConflict: "--quarter names the period itself: give it, or --since/--until, not both"
        case .emptyPeriod(let since, let until):
            "--since \(since.iso8601) is not before --until \(until.iso8601): no incident could be in that period"
        }
    }
}
