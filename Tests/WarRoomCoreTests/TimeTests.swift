import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Time")
struct TimeTests {
    @Test("ISO 8601 round-trips exactly, milliseconds included",
          arguments: ["2026-11-28T14:02:00Z", "2026-11-28T14:02:00.123Z", "1970-01-01T00:00:00Z",
                      "2000-02-29T23:59:59.999Z", "1969-12-31T23:59:59.001Z", "2400-02-29T00:00:00Z"])
    func isoRoundTrip(_ text: String) throws {
        let stamp = try #require(Timestamp(iso8601: text))
        #expect(stamp.iso8601 == text)
    }

    @Test("ISO 8601 accepts offsets, minutes-only and a space separator")
    func isoVariants() {
        #expect(Timestamp(iso8601: "2026-11-28T16:02:00+02:00") == Timestamp(iso8601: "2026-11-28T14:02:00Z"))
        #expect(Timestamp(iso8601: "2026-11-28T09:02:00-0500") == Timestamp(iso8601: "2026-11-28T14:02:00Z"))
        #expect(Timestamp(iso8601: "2026-11-28 14:02") == Timestamp(iso8601: "2026-11-28T14:02:00Z"))
        #expect(Timestamp(iso8601: "2026-11-28T14:02:00.5Z")?.millis == Timestamp(iso8601: "2026-11-28T14:02:00Z")!.millis + 500)
    }

    @Test("ISO 8601 rejects nonsense", arguments: ["", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
                                                   "2026-11-28T24:00:00Z", "2026-11-28T14:02:00Zjunk", "14:02",
                                                   "2026-11-28T14:02:00.Z", "２０２６-11-28T14:02:00Z"])
    func isoRejects(_ text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test("The epoch is 1970-01-01")
    func epoch() {
        #expect(Timestamp(millis: 0).iso8601 == "1970-01-01T00:00:00Z")
        #expect(Timestamp(unixSeconds: 1_764_338_520).iso8601 == "2025-11-28T14:02:00Z")
    }

    @Test("Spans parse and print the same compact form",
          arguments: [("15m", 900), ("90s", 90), ("1h30m", 5400), ("2d", 172_800), ("15", 900), ("1h0m5s", 3605)])
    func spanParse(_ text: String, _ seconds: Int64) throws {
        let span = try #require(TimeSpan.parse(text))
        #expect(span == .seconds(seconds))
        #expect(TimeSpan.parse(span.compact) == span)
    }

    @Test("Spans reject nonsense", arguments: ["", "m", "15x", "5m3h", "1h1h", "-5m", "9999999999m"])
    func spanRejects(_ text: String) {
        #expect(TimeSpan.parse(text) == nil)
    }

    @Test("Countdown clock rounds up, so 00:00 means the deadline itself")
    func clockForm() {
        #expect(TimeSpan(millis: 1).clock == "00:01")
        #expect(TimeSpan(millis: 0).clock == "00:00")
        #expect(TimeSpan.minutes(15).clock == "15:00")
        #expect((TimeSpan.hours(2) + .seconds(5)).clock == "2:00:05")
    }

    @Test("Elapsed clock: hours always, never negative")
    func elapsedClock() {
        #expect(TimeSpan.seconds(0).elapsedClock == "00:00:00")
        #expect((TimeSpan.hours(26) + .minutes(3) + .seconds(9)).elapsedClock == "26:03:09")
        #expect(TimeSpan.seconds(-5).elapsedClock == "00:00:00")
    }

    @Test("Typed times: ISO, wall clock (most recent not in the future) and relative",
          arguments: [
              ("2026-11-28T13:00:00Z", "2026-11-28T13:00:00Z"),
              ("14:02", "2026-11-28T14:02:00Z"),
              ("14:02:30", "2026-11-28T14:02:30Z"),
              ("15:00", "2026-11-27T15:00:00Z"), // later than now today: yesterday
              ("-5m", "2026-11-28T14:05:00Z"),
              ("-1h30m", "2026-11-28T12:40:00Z"),
              ("now", "2026-11-28T14:10:00Z"),
          ])
    func typedTimes(_ text: String, _ expected: String) throws {
        let now = try #require(Timestamp(iso8601: "2026-11-28T14:10:00Z"))
        #expect(try TimeExpression.parse(text, now: now) == Timestamp(iso8601: expected))
    }

    @Test("Unreadable typed times name the accepted forms", arguments: ["25:00", "yesterday", "-5", "14:2", "1:02:03:04"])
    func typedTimeErrors(_ text: String) {
        #expect(throws: TimeExpressionError.unreadable(text)) { try TimeExpression.parse(text, now: t0) }
        let message = TimeExpressionError.unreadable(text).description
        #expect(message.contains("HH:MM") && message.contains("-5m"))
    }
}
