import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomTestSupport

/// The system's zone database as the on-call maths reads it.
@Suite struct SystemZoneTests {
    @Test("Europe/Berlin from the database agrees with the rule, every hour around each change and at random instants")
    func berlin() throws {
        let zone = try #require(SystemZone("Europe/Berlin"))
        let rule = CentralEurope()
        var compared = 0
        for year in Int64(2026)...2030 {
            for change in [CentralEurope.lastSunday(year, 3), CentralEurope.lastSunday(year, 10)] {
                for hour in -30...30 {
                    let instant = change + .minutes(Int64(hour) * 60 - 1)
                    #expect(zone.offset(at: instant) == rule.offset(at: instant), "\(instant)")
                    compared += 1
                }
            }
        }
        var rng = SeededGenerator(seed: 5)
        let from = Timestamp(iso8601: "2026-01-01T00:00:00Z")!
        for _ in 0..<500 {
            let instant = from + TimeSpan(millis: Int64.random(in: 0..<(86_400_000 * 365 * 5), using: &rng))
            #expect(zone.offset(at: instant) == rule.offset(at: instant), "\(instant)")
            compared += 1
        }
        #expect(compared == 5 * 2 * 61 + 500)
        // 10:00 local on the Monday after each change, through the database.
        #expect(zone.instant(CivilTime(year: 2027, month: 3, day: 29, hour: 10)) == Timestamp(iso8601: "2027-03-29T08:00:00Z"))
        #expect(zone.instant(CivilTime(year: 2027, month: 11, day: 1, hour: 10)) == Timestamp(iso8601: "2027-11-01T09:00:00Z"))
    }

    @Test("A name the database does not have is nil; UTC and a zone without daylight saving are fixed")
    func names() throws {
        #expect(SystemZone("Europe/Berln") == nil && SystemZone("") == nil)
        #expect(SystemZone.known.contains("Europe/Berlin"))
        let utc = try #require(SystemZone("UTC"))
        let kolkata = try #require(SystemZone("Asia/Kolkata"))
        for instant in [Timestamp(iso8601: "2027-01-15T12:00:00Z")!, Timestamp(iso8601: "2027-07-15T12:00:00Z")!] {
            #expect(utc.offset(at: instant) == .seconds(0) && kolkata.offset(at: instant) == .minutes(330))
        }
    }
}
