import Foundation
import Testing
import WarRoomConfig
import WarRoomCore

/// The on-call file in the method's YAML shape: what it defines, and every mistake with file, line and key.
@Suite struct OnCallFileTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/oncall.yaml").path
    static func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    @Test("The README's example reads whole: Berlin's 10:00 on Mondays, four people, an override, four escalation levels")
    func example() throws {
        let (definitions, problems) = OnCallFile.read(path: Self.fixture)
        #expect(problems.isEmpty, "\(problems)")
        let definition = try #require(definitions.first)
        let s = definition.schedule
        #expect(definitions.count == 1 && s.name == "backend-primary" && s.zone.identifier == "Europe/Berlin" && s.rotation == .weekly)
        #expect(s.handoffHour == 10 && s.handoffMinute == 0 && s.handoffWeekday == 1)
        #expect(s.start == Self.at("2026-11-30T09:00:00Z"), "10:00 CET, local to the schedule")
        #expect(s.members.map(\.name) == ["alice", "bob", "carol", "dave"])
        #expect(s.members[3].joined == Self.at("2026-11-02T05:00:00Z") && s.members[3].timeZone == "America/New_York",
                "a member's date is midnight where they are")
        #expect(s.overrides == [.init(.replace("dave", with: "erin"), from: Self.at("2026-12-24T09:00:00Z"), to: Self.at("2026-12-27T09:00:00Z"))])
        #expect(definition.rules == OnCallRules(minRotationSize: 4, maxConsecutiveWeeks: 2, shadowPeriod: .hours(24 * 14)))
        #expect(definition.escalation.map(\.target) == ["on-call-primary", "on-call-secondary", "engineering-manager", "vp-engineering"])
        #expect(definition.escalation.map(\.timeout) == [.minutes(5), .minutes(10), .minutes(15), .seconds(0)])
        #expect(s.onCall(at: Self.at("2026-12-25T12:00:00Z")) == ["erin"] && s.onCall(at: Self.at("2026-12-28T12:00:00Z")) == ["alice"])
        #expect(OnCallCheck.problems(s, rules: definition.rules, from: s.start, to: s.start + .hours(24 * 7 * 12)).isEmpty)
    }

    @Test("Times: a local one in the schedule's zone, one with its offset as written; spans as 2_weeks, 14d, 90m, 0")
    func timesAndSpans() {
        func start(_ written: String) -> Timestamp? {
            OnCallFile.parse("""
                schedule: {name: a, timezone: Europe/Berlin, rotation_type: daily, handoff_time: "09:00", start: "\(written)",
                           participants: {members: [a, b, c, d]}}
                """, file: "o.yaml").definitions.first?.schedule.start
        }
        #expect(start("2027-07-01 09:00") == Self.at("2027-07-01T07:00:00Z"), "CEST")
        #expect(start("2027-07-01T09:00") == Self.at("2027-07-01T07:00:00Z"))
        #expect(start("2027-07-01") == Self.at("2027-06-30T22:00:00Z"), "a date alone: local midnight")
        #expect(start("2027-07-01T09:00:00Z") == Self.at("2027-07-01T09:00:00Z"))
        #expect(start("2027-07-01T09:00:00+05:30") == Self.at("2027-07-01T03:30:00Z"))
        #expect(start("2027-03-28 02:30") == Self.at("2027-03-28T01:30:00Z"), "the skipped hour, as RFC 5545 reads it")
        #expect(OnCallFile.span("2_weeks") == .hours(24 * 14) && OnCallFile.span("1_week") == .hours(24 * 7) && OnCallFile.span("14d") == .hours(24 * 14))
        #expect(OnCallFile.span("90m") == .minutes(90) && OnCallFile.span("0") == .seconds(0) && OnCallFile.span("5_minutes") == .minutes(5))
        #expect(OnCallFile.span("2_fortnights") == nil && OnCallFile.span("soon") == nil && OnCallFile.span("-1_weeks") == nil)
    }

    static let base = """
        schedule:
          name: core
          timezone: UTC
          rotation_type: weekly
          handoff_time: "10:00"
          handoff_day: monday
          start: 2026-11-30 10:00
          participants:
            members: [a, b, c, d]
        """

    @Test("Each mistake names its file, line and key, says what to write, and leaves that schedule out", arguments: [
        ("  rotaton_type: weekly\n", 10, "rotaton_type", "is not a key here (did you mean 'rotation_type'?)"),
        ("  timezone: Europe/Berln\n", 3, "timezone", "'Europe/Berln' is not a time zone (did you mean 'Europe/Berlin'?)"),
        ("  rotation_type: weakly\n", 4, "rotation_type", "'weakly' is not a rotation (did you mean 'weekly'?): write weekly, daily or hourly"),
        ("  handoff_time: \"25:00\"\n", 5, "handoff_time", "'25:00' is not a time of day: write HH:MM, 24-hour (10:00)"),
        ("  handoff_day: mondy\n", 6, "handoff_day", "'mondy' is not a day (did you mean 'monday'?)"),
        ("  start: tomorrow\n", 7, "start", "'tomorrow' is not a time: write 2026-11-30 10:00 (in UTC) or ISO 8601 with its offset"),
        ("  participants:\n    members: []\n", 9, "members", "must list the people in rotation order"),
        ("  participants:\n    members: [a, b]\n    shadow_period: a_while\n", 10, "shadow_period", "'a_while' is not a span: write 2_weeks or 14d"),
        ("  participants:\n    members: [a]\n    min_rotation_size: none\n", 10, "min_rotation_size", "'none' is not a count"),
        ("  overrides:\n    - {add: e, remove: a, from: 2026-12-01 00:00, to: 2026-12-02 00:00}\n", 11, "remove",
         "give one of add, remove or replace, with the person's name (2 given)"),
        ("  overrides:\n    - {replace: a, from: 2026-12-01 00:00, to: 2026-12-02 00:00}\n", 11, "with", "is missing: replace a with whom?"),
        ("  overrides:\n    - {add: e, with: f, from: 2026-12-01 00:00, to: 2026-12-02 00:00}\n", 11, "with", "goes with replace, not add"),
        ("  overrides:\n    - {add: e, from: 2026-12-02 00:00, to: 2026-12-01 00:00}\n", 11, "to", "is not after from"),
        ("  overrides:\n    - {add: e, to: 2026-12-01 00:00}\n", 11, "from", "is missing: when the override begins"),
        ("escalation_policy:\n  - {level: 1, timeout: 5_minutes}\n", 11, "target", "is missing: whom this level pages"),
        ("escalation_policy:\n  - {level: 1, target: x, timeout: later}\n", 11, "timeout", "'later' is not a timeout: write 5_minutes"),
        ("health_metrics:\n  alert_if_pages_exceeds: 5\n", 11, "alert_if_pages_exceeds", "is not a key here (did you mean 'alert_if_pages_exceed'?)"),
    ])
    func mistakes(_ replacement: String, _ line: Int, _ key: String, _ message: String) throws {
        // The replacement takes the place of the base's line with the same key, or is appended.
        var lines = Self.base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let firstKey = replacement.split(separator: ":").first.map { String($0) } ?? ""
        if let index = lines.firstIndex(where: { $0.hasPrefix(firstKey + ":") }), firstKey.hasPrefix("  ") {
            let end = lines[(index + 1)...].firstIndex { !$0.hasPrefix("    ") } ?? lines.endIndex
            lines.replaceSubrange(index..<end, with: replacement.split(separator: "\n").map(String.init))
        } else {
            lines += replacement.split(separator: "\n").map(String.init)
        }
        let text = lines.joined(separator: "\n") + "\n"
        let (definitions, problems) = OnCallFile.parse(text, file: "oncall.yaml")
        let problem = try #require(problems.first, "\(text)")
        #expect(problem.file == "oncall.yaml" && problem.line == line && problem.key == key, "\(problems) in\n\(text)")
        #expect(problem.message.hasPrefix(message), "\(problem.message)")
        #expect(definitions.isEmpty, "left out")
        #expect(problems.last?.message == "left out until the mistakes above are fixed" || problems.count == 1 && definitions.isEmpty)
    }

    @Test("Several schedules, as documents or a list; a broken one is left out and the other kept; the same name twice is refused")
    func several() {
        let two = Self.base + "\n---\n" + Self.base.replacingOccurrences(of: "name: core", with: "name: secondary")
        #expect(OnCallFile.parse(two, file: "o.yaml").definitions.map(\.schedule.name) == ["core", "secondary"])
        let broken = Self.base + "\n---\n" + Self.base.replacingOccurrences(of: "name: core", with: "name: secondary")
            .replacingOccurrences(of: "rotation_type: weekly", with: "rotation_type: sometimes")
        let read = OnCallFile.parse(broken, file: "o.yaml")
        #expect(read.definitions.map(\.schedule.name) == ["core"] && read.problems.first?.line == 14, "\(read.problems)")
        let same = OnCallFile.parse(Self.base + "\n---\n" + Self.base, file: "o.yaml")
        #expect(same.problems.map(\.message) == ["'core' names 2 schedules: give each its own name"])
        #expect(OnCallFile.parse("", file: "o.yaml").problems.first?.message.hasPrefix("holds no schedule") == true)
        #expect(OnCallFile.parse("schedule: [\n", file: "o.yaml").problems.first?.message.hasPrefix("is not valid YAML") == true)
        #expect(OnCallFile.parse("name: core\n", file: "o.yaml").problems.first?.key == "name", "a schedule's key at the top")
    }

    static let team = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/oncall-team.yaml").path

    @Test("A level may name the schedule it pages; the health line and the rest after a long SEV1 are read")
    func teamFile() throws {
        let (definitions, problems) = OnCallFile.read(path: Self.team)
        #expect(problems.isEmpty, "\(problems)")
        #expect(definitions.map(\.schedule.name) == ["backend-primary", "backend-secondary"])
        let primary = try #require(definitions.first)
        #expect(primary.escalation.map(\.schedule) == [nil, "backend-secondary", nil, nil])
        #expect(primary.health == OnCallHealthRules(pagesPerWeek: 5, restAfterLongSEV1: true, longSEV1: .hours(4), rest: .hours(12)))
        let roster = OnCallRoster(definitions.map { ($0.schedule, $0.escalation) }, version: "team")
        let christmas = Self.at("2026-12-25T12:00:00Z")
        #expect(roster.levelList(at: christmas) == "1 on-call-primary (erin), 2 on-call-secondary (heidi), 3 engineering-manager, 4 vp-engineering")
    }

    @Test("A level's schedule that is not in the file, a bad health figure or rest span: each said with its line", arguments: [
        ("    schedule: backend-secondary  #", "    schedule: backend-secondry  #",
         ":31: key 'schedule' in [escalation_policy level 2]: 'backend-secondry' is no schedule of this file (did you mean 'backend-secondary'?)"),
        ("  alert_if_pages_exceed: 5", "  alert_if_pages_exceed: five",
         ": key 'alert_if_pages_exceed' in [health_metrics]: 'five' is not a count: write a whole number (5)"),
        ("  rest: 12_hours", "  rest: soon", ": key 'rest' in [compensation]: 'soon' is not a span: write 4_hours or 12h"),
        ("  post_incident_time_off: true", "  post_incident_time_off: maybe", ": key 'post_incident_time_off' in [compensation]: 'maybe' is not true or false"),
    ])
    func teamMistakes(_ change: (String, String, String)) throws {
        let text = try String(contentsOfFile: Self.team, encoding: .utf8)
        #expect(text.contains(change.0))
        let (_, problems) = OnCallFile.parse(text.replacingOccurrences(of: change.0, with: change.1), file: "oncall.yaml")
        #expect(problems.contains { $0.description.contains(change.2) && $0.description.hasPrefix("oncall.yaml:") }, "\(problems.map(\.description))")
    }
}
