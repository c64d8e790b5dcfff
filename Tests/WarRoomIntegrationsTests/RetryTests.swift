import Testing
import WarRoomCore
@testable import WarRoomIntegrations

@Suite("Retry-After and backoff")
struct RetryTests {
    static let now = Timestamp(iso8601: "2026-11-28T14:10:00Z") ?? Timestamp(millis: 0)

    @Test("Retry-After in seconds or as an HTTP-date, relative to now", arguments: [
        ("120", 120_000 as Int64?), ("0", 0), (" 5 ", 5000),
        ("Sat, 28 Nov 2026 14:11:30 GMT", 90_000), ("Saturday, 28-Nov-26 14:10:10 GMT", 10_000), ("Sat Nov 28 14:10:45 2026", 45_000),
        ("Sat, 28 Nov 2026 14:00:00 GMT", 0), ("99999999999", 86_400_000), ("604800", 86_400_000),
        ("soon", nil), ("-5", nil), ("", nil), ("Sat, 31 Feb 2026 14:00:00 GMT", nil), ("Sat, 28 Nov 2026 25:00:00 GMT", nil),
    ])
    func retryAfter(_ value: String, _ millis: Int64?) {
        #expect(RetryAfter.parse(value, now: Self.now) == millis.map { TimeSpan(millis: $0) })
    }

    @Test("Backoff stays between half and all of the capped exponential, for any random value",
          arguments: [1, 2, 3, 5, 9, 10, 30, 64, 1000, Int.max, 0, -3])
    func bounds(_ attempt: Int) {
        let backoff = Backoff.standard
        let nominal = min(backoff.cap.millis, backoff.base.millis << Int64(min(max(attempt, 1) - 1, 40)))
        for random in [0.0, 0.25, 0.5, 0.999, 1.0, -1, .nan, .infinity] {
            let delay = backoff.delay(attempt: attempt, random: random).millis
            #expect(delay >= nominal / 2 && delay <= nominal, "attempt \(attempt) random \(random): \(delay)")
        }
        #expect(backoff.delay(attempt: attempt, random: 0.9) > backoff.delay(attempt: attempt, random: 0.1) || nominal < 2)
    }

    @Test("Backoff grows, then holds at the cap")
    func grows() {
        let delays = (1...12).map { Backoff.standard.delay(attempt: $0, random: 0.999_999).millis }
        #expect(delays == delays.sorted())
        #expect(delays.first.map { $0 >= 1000 && $0 <= 2000 } == true)
        #expect(delays.last.map { $0 > 590_000 && $0 <= 600_000 } == true)
    }

    @Test("A longer Retry-After wins; a shorter one does not shorten the backoff; a huge one is held to a day")
    func honoursRetryAfter() {
        #expect(Backoff.standard.delay(attempt: 1, random: 0, retryAfter: .minutes(5)) == .minutes(5))
        #expect(Backoff.standard.delay(attempt: 8, random: 0, retryAfter: .seconds(1)).millis >= 128_000)
        #expect(Backoff.standard.delay(attempt: 1, random: 0, retryAfter: .hours(1000)) == .hours(24))
    }

    @Test("Minimum spacing per type, as data", arguments: DestinationType.allCases)
    func spacing(_ type: DestinationType) {
        let expected: [DestinationType: Int64] = [.slack: 1000, .statuspage: 1000, .pagerduty: 500, .teams: 1000, .opsgenie: 1000, .webhook: 100]
        #expect(type.minimumSpacing.millis == expected[type])
    }
}
