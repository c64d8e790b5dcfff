import Testing
@testable import WarRoomAlerts

/// A fixed-seed generator, so a failing input is reproducible.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}

/// No input traps: every body parses to alerts or to an `AlertParseError` with a message. A trap
/// would crash the test process, which fails the run.
@Suite struct FuzzTests {
    /// Parses with every format; returns how many bodies were refused.
    @discardableResult
    static func survive(_ body: [UInt8], limits: AlertLimits = AlertLimits()) -> Int {
        var refused = 0
        for format in AlertFormat.allCases {
            do {
                let alerts = try format.parse(body, limits: limits)
                for alert in alerts {
                    #expect(!AlertEntryText.finding(for: alert).contains("\n"))
                    _ = AlertRouting.decide(alert, openIncidents: [], alreadyRecorded: [], policy: AlertPolicy())
                }
            } catch {
                refused += 1
                #expect(!error.description.isEmpty)
            }
        }
        return refused
    }

    @Test func randomBytes() {
        var random = SplitMix64(state: 0x5EED_0013)
        var refused = 0
        for _ in 0..<2_000 {
            let count = random.below(300)
            refused += Self.survive((0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        }
        #expect(refused == 6_000)
    }

    @Test(arguments: Fixture.all)
    func everyTruncation(file: String) {
        let body = Fixture.bytes(file)
        #expect(body.count > 500)
        var refused = 0
        for cut in 0..<body.count { refused += Self.survive(Array(body[..<cut])) }
        // Only cuts inside the trailing white space leave the JSON whole.
        #expect(refused >= (body.count - 2) * 3)
    }

    @Test(arguments: Fixture.all)
    func byteFlipsAndSplices(file: String) {
        var random = SplitMix64(state: UInt64(file.utf8.count) &* 7919)
        let body = Fixture.bytes(file)
        let tokens: [[UInt8]] = ["null", "[]", "{}", "1e999999", "-0", "123456789012345678901234567890", "\"\\u0000\"",
                                 "true", "\"\\ud800\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:60Z\""].map { Array($0.utf8) }
        for _ in 0..<400 {
            var mutated = body
            switch random.below(3) {
            case 0: mutated[random.below(mutated.count)] = UInt8(truncatingIfNeeded: random.next())
            case 1:
                let at = random.below(mutated.count)
                mutated.replaceSubrange(at..<min(mutated.count, at + random.below(12)), with: tokens[random.below(tokens.count)])
            default:
                // Swap a JSON value's text for another token after a colon.
                if let colon = mutated.indices.filter({ mutated[$0] == UInt8(ascii: ":") }).randomElement(using: &random) {
                    let end = mutated[colon...].firstIndex { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "}") } ?? mutated.count
                    mutated.replaceSubrange((colon + 1)..<end, with: tokens[random.below(tokens.count)])
                }
            }
            Self.survive(mutated)
        }
    }

    @Test(arguments: [
        "{\"version\":\"4\",\"groupKey\":1e999999,\"status\":\"firing\",\"alerts\":[]}",
        "{\"event\":{\"id\":\"E\",\"event_type\":\"incident.triggered\",\"occurred_at\":\"2026-11-28T14:00:00Z\",\"data\":{\"id\":\"Q\",\"type\":\"incident\",\"number\":1e999999}}}",
        "{\"event\":{\"id\":\"E\",\"event_type\":\"incident.triggered\",\"occurred_at\":\"2026-11-28T14:00:00Z\",\"data\":{\"id\":\"Q\",\"type\":\"incident\",\"number\":123456789012345678901234567890123}}}",
        "{\"event\":{\"id\":\"E\",\"event_type\":\"incident.triggered\",\"occurred_at\":\"2026-11-28T14:00:00Z\",\"data\":{\"id\":\"Q\",\"type\":\"incident\",\"number\":-9223372036854775809}}}",
        "{\"version\":\"4\",\"groupKey\":\"g\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{},\"startsAt\":\"9999-12-31T23:59:59-23:59\"}]}",
        "{\"version\":\"4\",\"groupKey\":\"g\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{},\"startsAt\":\"0000-01-01T00:00:00+23:59\"}]}",
        "{\"version\":\"4\",\"groupKey\":\"g\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"\\u0000\\u2028x\\r\\ny\"},\"startsAt\":\"2026-11-28T14:00:00.9999999999999999999Z\"}]}",
        "{\"a\":" + String(repeating: "{\"a\":", count: 31) + "1" + String(repeating: "}", count: 32),
        String(repeating: "{", count: 5_000),
        String(repeating: "\"", count: 5_000),
        String(repeating: "\\", count: 5_000),
    ])
    func hostileValues(body: String) {
        Self.survive(Array(body.utf8))
    }

    @Test func invalidUTF8AndNULInsideValidFixtures() {
        var body = Fixture.bytes("alertmanager-firing.json")
        if let at = body.firstIndex(of: UInt8(ascii: "5")) { body.insert(contentsOf: [0xC3, 0x28, 0x00, 0xF8], at: at) }
        #expect(Self.survive(body) == 3)
    }
}
