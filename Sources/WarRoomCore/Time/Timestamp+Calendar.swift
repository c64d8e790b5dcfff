/// UTC calendar fields of a timestamp, by pure arithmetic (no Foundation calendar, no time zone
/// database): the core formats and parses times the same way on every machine.
public struct CivilTime: Hashable, Sendable {
    public var year: Int64, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int, millisecond: Int

    public init(year: Int64, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }
}

extension Timestamp {
    private static let millisPerDay: Int64 = 86_400_000

    /// The UTC calendar fields of this instant.
    public var civil: CivilTime {
        let days = floorDiv(millis, Self.millisPerDay)
        // The remainder, not `millis - days * millisPerDay`: that product overflows in the last day
        // before Int64.min, which a deadline reaches when an imported timebox wraps it around.
        let remainder = millis % Self.millisPerDay
        let msOfDay = remainder < 0 ? remainder + Self.millisPerDay : remainder
        let (y, m, d) = Self.civilFromDays(days)
        let secondsOfDay = Int(msOfDay / 1000)
        return CivilTime(year: y, month: m, day: d,
                         hour: secondsOfDay / 3600, minute: (secondsOfDay % 3600) / 60,
                         second: secondsOfDay % 60, millisecond: Int(msOfDay % 1000))
    }

    /// The instant of the given UTC calendar fields; nil when a field is out of range.
    public init?(_ c: CivilTime) {
        guard (1...12).contains(c.month), (1...Self.daysIn(month: c.month, year: c.year)).contains(c.day),
              (0...23).contains(c.hour), (0...59).contains(c.minute), (0...59).contains(c.second),
              (0...999).contains(c.millisecond), (-99_999...99_999).contains(c.year) else { return nil }
        let days = Self.daysFromCivil(c.year, c.month, c.day)
        let seconds = Int64(c.hour * 3600 + c.minute * 60 + c.second)
        self.init(millis: days * Self.millisPerDay + seconds * 1000 + Int64(c.millisecond))
    }

    /// Midnight UTC of this instant's day.
    public var startOfDay: Timestamp {
        Timestamp(millis: floorDiv(millis, Self.millisPerDay) * Self.millisPerDay)
    }

    static func daysIn(month: Int, year: Int64) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days, valid over the whole proleptic calendar.
    static func daysFromCivil(_ year: Int64, _ month: Int, _ day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let m = Int64(month), d = Int64(day)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (Int64, Int, Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
