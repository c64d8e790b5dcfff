import WarRoomCore

/// Central European time by its own rule (+1h; +2h from the last Sunday of March to the last
/// Sunday of October, both at 01:00 UTC, as since 1996), so the on-call maths is tested without
/// a zone database, and the system's database against it.
public struct CentralEurope: ZoneRules {
    public let identifier = "Europe/Berlin"

    public init() {}

    /// 01:00 UTC on the last Sunday of `month`.
    public static func lastSunday(_ year: Int64, _ month: Int) -> Timestamp {
        var day = 31
        while true {
            if let midnight = Timestamp(CivilTime(year: year, month: month, day: day)) {
                // 1970-01-01, day 0, was a Thursday: Sunday is day 3 modulo 7.
                let days = midnight.millis / 86_400_000
                if ((days % 7) + 7) % 7 == 3 { return midnight + .hours(1) }
            }
            day -= 1
        }
    }

    public func offset(at instant: Timestamp) -> TimeSpan {
        let year = instant.civil.year
        return instant >= Self.lastSunday(year, 3) && instant < Self.lastSunday(year, 10) ? .hours(2) : .hours(1)
    }
}
