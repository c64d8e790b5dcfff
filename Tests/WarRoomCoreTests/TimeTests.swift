import Foundation
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

/// Every time warroom accepts must read back, and nothing outside the sane range gets in.
@Suite("Time bounds")
struct TimeBoundsTests {
    static let now = Timestamp(iso8601: "2026-11-28T14:02:00Z")!

    /// Instants across the whole range ISO 8601 writes: the edges, the days around them, every
    /// leap-rule year, and a reproducible spread of millisecond values in between.
    static var samples: [Timestamp] {
        let first = TimeBounds.earliestWritable.millis, last = TimeBounds.latestWritable.millis
        var values: [Int64] = [first, first + 1, first + 86_399_999, first + 86_400_000, last, last - 1, last - 86_400_000,
                               0, -1, 1, 951_782_400_000, 4_107_542_400_000, 13_574_563_200_000]
        var state: UInt64 = 0x5EED
        for _ in 0..<5000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(first + Int64(state >> 1) % (last - first + 1))
        }
        return values.map(Timestamp.init(millis:))
    }

    @Test("iso8601 and Timestamp(iso8601:) agree on every instant of year 0000…9999")
    func isoRoundTripOverTheWholeRange() throws {
        for instant in Self.samples {
            let text = instant.iso8601
            #expect(Timestamp(iso8601: text) == instant, "\(instant.millis) → \(text)")
        }
    }

    @Test("An offset cannot carry a time outside year 0000…9999, where it could not be written back",
          arguments: ["0000-01-01T00:00:00+01:00", "0000-01-01T00:59:59.999+01:00", "9999-12-31T23:30:00-01:00",
                      "9999-12-31T23:59:59.999-00:01"])
    func isoRefusesWhatCannotBeWrittenBack(_ text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test("The edges themselves read", arguments: ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
                                                   "0000-01-01T01:00:00+01:00", "9999-12-31T22:59:59-01:00"])
    func isoEdges(_ text: String) throws {
        let instant = try #require(Timestamp(iso8601: text))
        #expect(Timestamp(iso8601: instant.iso8601) == instant)
    }

    @Test("The bounds' constants are the dates they name")
    func constants() {
        #expect(TimeBounds.earliestWritable.iso8601 == "0000-01-01T00:00:00Z")
        #expect(TimeBounds.latestWritable.iso8601 == "9999-12-31T23:59:59.999Z")
        #expect(TimeBounds.latestDue(now: Timestamp(iso8601: "2026-11-28T14:10:00Z") ?? .init(millis: 0)).iso8601
                == "2036-12-05T00:00:00Z")
        #expect(TimeBounds.earliest.iso8601 == "1970-01-01T00:00:00Z")
    }

    @Test("Typed times before 1970 or more than a day ahead are refused, saying why",
          arguments: [("0000-01-01T00:00:00+01:00", "before 1970"), ("1969-12-31T23:59:59.999Z", "before 1970"),
                      ("0001-01-01T00:00:00Z", "before 1970"), ("-999999999h", "before 1970"),
                      ("-99999999d", "before 1970"), ("-20786d", "before 1970"), ("-999999999m", "before 1970"),
                      ("2026-11-29T14:02:01Z", "more than a day"), ("9999-12-31T23:59:59Z", "more than a day")])
    func typedOutOfRange(_ text: String, _ why: String) {
        do {
            let instant = try TimeExpression.parse(text, now: Self.now)
            Issue.record("'\(text)' was accepted as \(instant.millis)")
        } catch {
            #expect(error.description.contains(text), "\(error)")
            #expect(error.description.contains(why == "before 1970" ? "1970-01-01" : "more than a day"), "\(error)")
            #expect(!error.description.contains("cannot read"), "it is readable, only out of range: \(error)")
        }
    }

    @Test("Huge spans are unreadable, never a trap", arguments: ["-999999999999999h", "-9223372036854775807s",
                                                                 "-99999999999999999999d", "-1d99999999999h"])
    func hugeSpans(_ text: String) {
        #expect(throws: TimeExpressionError.unreadable(text)) { try TimeExpression.parse(text, now: Self.now) }
        #expect(TimeSpan.parse(text.dropFirst()) == nil)
    }

    @Test("The longest span the parser reads does not overflow")
    func longestSpan() throws {
        let span = try #require(TimeSpan.parse("999999999d999999999h999999999m999999999s"))
        #expect(span.millis == 999_999_999 * (86_400 + 3600 + 60 + 1) * 1000)
    }

    @Test("The edges of the range are accepted", arguments: ["1970-01-01T00:00:00Z", "2026-11-29T14:02:00Z", "now", "-20785d"])
    func typedEdges(_ text: String) throws {
        let instant = try TimeExpression.parse(text, now: Self.now)
        #expect(Timestamp(iso8601: instant.iso8601) == instant)
    }

    @Test("HH:MM: not after now is today; up to 10 minutes ahead is refused with both readings; later is yesterday",
          arguments: [("14:02", "2026-11-28T14:02:00Z"), ("13:52", "2026-11-28T13:52:00Z"), ("00:00", "2026-11-28T00:00:00Z"),
                      ("14:02:01", nil), ("14:05", nil), ("14:12", nil), ("14:12:01", "2026-11-27T14:12:01Z"),
                      ("14:13", "2026-11-27T14:13:00Z"), ("23:59", "2026-11-27T23:59:00Z")])
    func clockAhead(_ text: String, _ expected: String?) throws {
        guard let expected else {
            do {
                let instant = try TimeExpression.parse(text, now: Self.now)
                Issue.record("'\(text)' at 14:02 was taken as \(instant.iso8601)")
            } catch {
                let clock = try #require(TimeExpression.wallClock(text))
                #expect(error == .aheadOfNow(text, today: Self.now.startOfDay + clock,
                                             yesterday: Self.now.startOfDay + clock - .hours(24), now: Self.now))
                #expect(error.description.contains("2026-11-27T\(text.count == 5 ? text + ":00" : text)Z"), "\(error)")
                #expect(error.description.contains("ahead of now (14:02:00"), "\(error)")
            }
            return
        }
        #expect(try TimeExpression.parse(text, now: Self.now) == Timestamp(iso8601: expected))
        let clock = try #require(TimeExpression.wallClock(text))
        #expect(try TimeExpression.clockTime(clock, typed: text, now: Self.now) == Timestamp(iso8601: expected))
    }

    @Test("The core refuses events dated before 1970, or a clock outside the writable range")
    func decideRefusesOutOfRange() throws {
        let declared = try #require(IncidentState.fold(try Incident.record(
            .declare(Declaration(title: "t", severity: .sev2)), incident: "INC-1", state: nil, author: "a", at: Self.now,
            now: Self.now, policy: .standard, makeID: { UUID() })))
        let early = Timestamp(millis: -1)
        for (at, now) in [(early, Self.now), (Timestamp(millis: -62_200_000_000_000), Self.now),
                          (Self.now, Timestamp(millis: TimeBounds.latestWritable.millis + 1))] {
            #expect(throws: CommandError.self) {
                _ = try Incident.decide(.log(Entry(kind: .note, text: "x")), state: declared, at: at, now: now, policy: .standard)
            }
        }
        for (detected, started) in [(early, nil), (nil, early), (Self.now - .hours(1), Timestamp(millis: -86_400_000))] {
            do {
                _ = try Incident.decide(.declare(Declaration(title: "t", severity: .sev2, impactStartedAt: started, detectedAt: detected)),
                                        state: nil, at: Self.now, now: Self.now, policy: .standard)
                Issue.record("a declaration with a time before 1970 was accepted")
            } catch {
                #expect(error.description.contains("1970-01-01") && error.description.contains("nothing was recorded"))
            }
        }
        #expect(try Incident.decide(.log(Entry(kind: .note, text: "x")), state: declared, at: TimeBounds.earliest,
                                    now: Self.now, policy: .standard).count == 1)
    }

    @Test("Due dates run from today to ten years ahead; a past one needs force; none before 1970",
          arguments: [("2026-11-28T00:00:00Z", false, true), ("2036-11-29T00:00:00Z", false, true),
                      ("2036-12-06T00:00:00Z", true, false), ("2999-01-01T00:00:00Z", true, false),
                      ("9999-12-31T00:00:00Z", true, false), ("1970-01-01T00:00:00Z", true, true),
                      ("1970-01-01T00:00:00Z", false, false), ("2026-11-27T00:00:00Z", false, false),
                      ("1969-12-31T00:00:00Z", true, false)])
    func dueDates(_ text: String, _ force: Bool, _ accepted: Bool) throws {
        let declared = try #require(IncidentState.fold(try Incident.record(
            .declare(Declaration(title: "t", severity: .sev2)), incident: "INC-1", state: nil, author: "a", at: Self.now,
            now: Self.now, policy: .standard, makeID: { UUID() })))
        let due = try #require(Timestamp(iso8601: text))
        let command = Command.addActionItem(text: "fix", owner: "bob", priority: .p2, due: due, fromEntry: nil, force: force)
        if accepted {
            let events = try Incident.decide(command, state: declared, at: Self.now, now: Self.now, policy: .standard)
            #expect(events.count == 1)
        } else {
            #expect(throws: CommandError.self) { try Incident.decide(command, state: declared, at: Self.now, now: Self.now, policy: .standard) }
        }
        // Past the year 9999 (which the log could not write), even with force.
        #expect(throws: CommandError.self) {
            try Incident.decide(.addActionItem(text: "fix", owner: "bob", priority: .p2,
                                               due: TimeBounds.latestWritable + .hours(24), fromEntry: nil, force: true),
                                state: declared, at: Self.now, now: Self.now, policy: .standard)
        }
    }
}
