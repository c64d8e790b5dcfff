import Foundation
import Testing

/// `warroom oncall who|schedule|check` through the real binary, on the README's example file.
@Suite struct OnCallCLITests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WarRoomConfigTests/Fixtures/oncall.yaml").path

    /// Who is paged when nobody acknowledges, under each schedule's line.
    static let escalation = "\n  escalation: 1 on-call-primary → 2 on-call-secondary after 5m → 3 engineering-manager after 15m → 4 vp-engineering after 30m\n"

    @Test("who: now, at a time in an override, before the start; schedule: a row a turn in Berlin time; check keeps every rule")
    func whoScheduleCheck() throws {
        let cli = try CLI(now: "2026-12-03T12:00:00Z")
        defer { cli.cleanUp() }
        #expect(try cli.ok("oncall", "who", "--file", Self.fixture)
                == "backend-primary: alice until 2026-12-07 10:00 Europe/Berlin, then bob" + Self.escalation)
        #expect(try cli.ok("oncall", "--file", Self.fixture) == cli.ok("oncall", "who", "--file", Self.fixture), "who is the default")
        #expect(try cli.ok("oncall", "who", "--file", Self.fixture, "--at", "2026-12-25T12:00:00Z")
                == "backend-primary: erin until 2026-12-27 10:00 Europe/Berlin, then dave (override; the rotation has dave)" + Self.escalation,
                "until the override ends, not the turn")
        #expect(try cli.ok("oncall", "who", "--file", Self.fixture, "--at", "+5d") == "backend-primary: bob until 2026-12-14 10:00 Europe/Berlin, then carol" + Self.escalation)
        #expect(try cli.ok("oncall", "who", "--file", Self.fixture, "--at", "2026-11-01T00:00:00Z")
                == "backend-primary: nobody yet — the rotation starts 2026-11-30 10:00 Europe/Berlin with alice\n")
        #expect(try cli.ok("oncall", "schedule", "--file", Self.fixture, "--weeks", "3") == """
            backend-primary (weekly, Europe/Berlin), 3 weeks:
              2026-11-30 10:00 → 2026-12-07 10:00  alice
              2026-12-07 10:00 → 2026-12-14 10:00  bob
              2026-12-14 10:00 → 2026-12-21 10:00  carol
              2026-12-21 10:00 → 2026-12-28 10:00  dave
              override 2026-12-24 10:00 Europe/Berlin → 2026-12-27 10:00 Europe/Berlin: erin instead of dave

            """)
        #expect(try cli.ok("oncall", "check", "--file", Self.fixture) == "backend-primary: keeps every rule over the next 12 weeks\n")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("oncall", "who", "--file", Self.fixture, "--json",
                                                                             "--at", "2026-12-25T12:00:00Z").utf8)) as? [[String: Any]])
        #expect(json.count == 1 && json[0]["schedule"] as? String == "backend-primary" && json[0]["timeZone"] as? String == "Europe/Berlin")
        #expect(json[0]["onCall"] as? [String] == ["erin"] && json[0]["rotation"] as? String == "dave" && json[0]["next"] as? [String] == ["dave"])
        #expect(json[0]["until"] as? String == "2026-12-27T09:00:00Z" && json[0]["at"] as? String == "2026-12-25T12:00:00Z", "\(json)")
        let levels = try #require(json[0]["escalation"] as? [[String: Any]])
        #expect(levels.map { $0["pagedAfterSeconds"] as? Int } == [0, 300, 900, 1_800] && levels.last?["target"] as? String == "vp-engineering")
        let before = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("oncall", "who", "--file", Self.fixture, "--json",
                                                                               "--at", "2026-11-01T00:00:00Z").utf8)) as? [[String: Any]])
        #expect(before[0]["onCall"] as? [String] == [] && before[0]["rotation"] is NSNull && before[0]["until"] is NSNull)
        let ics = try cli.ok("oncall", "schedule", "--file", Self.fixture, "--weeks", "4", "--format", "ics")
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"), "\(ics)")
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count - 1 == 6, "five turns and the override: \(ics)")
        #expect(ics.contains("DTSTART:20261224T090000Z\r\nDTEND:20261227T090000Z\r\nSUMMARY:On call: erin instead of dave (backend-primary override)"))
    }

    @Test("check exits 1 and says each broken rule; a mistake in the file is said with its line and nothing is read")
    func broken() throws {
        let cli = try CLI(now: "2026-12-03T12:00:00Z")
        defer { cli.cleanUp() }
        let text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        let file = cli.directory.appendingPathComponent("oncall.yaml").path
        try text.replacingOccurrences(of: "      - carol\n", with: "")
            .replacingOccurrences(of: "handoff_time: \"10:00\"", with: "handoff_time: \"00:00\"").write(toFile: file, atomically: true, encoding: .utf8)
        let check = try cli.run(["oncall", "check", "--file", file])
        #expect(check.status == 1 && check.out == """
            backend-primary: only 3 people in rotation: at least 4 prevents burnout (add people under participants.members)
            backend-primary: the handoff is at midnight (00:00 Europe/Berlin): never at midnight; hand off in business hours, 08:00–18:00 (10:00, say)
            backend-primary: the override from 2026-12-24 10:00 Europe/Berlin to 2026-12-27 10:00 Europe/Berlin replaces dave, who is not on call then (alice is): it changes nothing; check the name and the dates

            """, "without carol, dave's week moved and the override misses him: \(check.out)")
        try text.replacingOccurrences(of: "Europe/Berlin", with: "Europe/Berln").write(toFile: file, atomically: true, encoding: .utf8)
        let mistake = try cli.run(["oncall", "who", "--file", file])
        #expect(mistake.status != 0 && mistake.out.isEmpty)
        #expect(mistake.err.contains("\(file):4: key 'timezone' in [schedule backend-primary]: 'Europe/Berln' is not a time zone (did you mean 'Europe/Berlin'?)"),
                "\(mistake.err)")
        #expect(mistake.err.contains("2 mistakes in \(file); nothing was read from it"), "\(mistake.err)")
    }

    @Test("check says an escalation level that waits for nobody, and levels out of order")
    func escalation() throws {
        let cli = try CLI(now: "2026-12-03T12:00:00Z")
        defer { cli.cleanUp() }
        let file = cli.directory.appendingPathComponent("oncall.yaml").path
        try String(contentsOfFile: Self.fixture, encoding: .utf8).replacingOccurrences(of: "timeout: 10_minutes", with: "timeout: 0")
            .replacingOccurrences(of: "level: 3", with: "level: 5").write(toFile: file, atomically: true, encoding: .utf8)
        let check = try cli.run(["oncall", "check", "--file", file])
        #expect(check.status == 1 && check.out == """
            backend-primary: the escalation levels are numbered 1, 2, 5, 4: number them in order from 1
            backend-primary: escalation level 2 (on-call-secondary) has timeout 0: the page goes straight past it to the next level; give it time to acknowledge (5_minutes)

            """, "\(check.out)")
    }

    @Test("Refusals say what to type", arguments: [
        (["oncall", "who", "--file", "/nonexistent/oncall.yaml"], "no on-call file at /nonexistent/oncall.yaml: write one (see the README's on-call section) or name it with --file PATH"),
        (["oncall", "who", "--schedule", "backend-primary2"], "no schedule 'backend-primary2' in"),
        (["oncall", "who", "--at", "christmas"], "--at 'christmas' is not a time: write ISO 8601"),
        (["oncall", "schedule", "--weeks", "0"], "--weeks 0 is out of range: give 1 to 104 (4 unless told)"),
        (["oncall", "schedule", "--format", "icss"], "unknown format 'icss' (did you mean 'ics'?)"),
        (["oncall", "check", "--weeks", "600"], "--weeks 600 is out of range: give 1 to 520 (12 unless told)"),
    ])
    func refusals(_ arguments: [String], _ message: String) throws {
        let cli = try CLI(now: "2026-12-03T12:00:00Z")
        defer { cli.cleanUp() }
        let args = arguments.contains("--file") ? arguments : arguments + ["--file", Self.fixture]
        let result = try cli.run(args)
        #expect(result.status != 0 && result.out.isEmpty && result.err.contains(message), "\(result.err)")
        if arguments.contains("--schedule") { #expect(result.err.contains("(did you mean 'backend-primary'?): it has backend-primary")) }
    }
}
