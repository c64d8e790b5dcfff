import Testing
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// The side panes, the help and the notices as a tired IC reads them at 80×24 and 120×40.
@Suite("Screen: panes, help and notices")
struct ScreenPanesTests {
    static func model(_ s: Scenario, width: Int = 120, height: Int = 40) -> WarRoomModel {
        WarRoomModel(incident: s.s, policy: s.policy, now: s.now, author: "carol", width: width, height: height)
    }

    /// A SEV2 resolved 72 minutes after detection.
    static func resolved() -> Scenario {
        var s = Scenario.declared(.sev2)
        s.must(.assignRole(.commander, person: "alice"))
        s.advance(.minutes(72))
        s.must(.setStatus(.status(.resolved), reason: "error rate back to baseline", force: true))
        return s
    }

    @Test("T+ stops at resolution and shows the total", arguments: [(120, 40), (80, 24), (60, 16)])
    func elapsedStops(_ size: (Int, Int)) throws {
        var s = Self.resolved()
        let at = WarRoomView.render(Self.model(s, width: size.0, height: size.1)).grid.lines[0]
        s.advance(.hours(3))
        let later = WarRoomView.render(Self.model(s, width: size.0, height: size.1)).grid.lines[0]
        #expect(at.contains("resolved after 1h12m"), "\(at)")
        #expect(later.contains("resolved after 1h12m"), "the total no longer moves: \(later)")
        #expect(!at.contains("T+"))
        var running = Scenario.declared(.sev2)
        running.advance(.minutes(14))
        #expect(WarRoomView.render(Self.model(running, width: size.0, height: size.1)).grid.lines[0].contains("T+00:14:00"))
    }

    @Test("After resolution the update pane says the all-clear is owed, then that it was posted",
          arguments: [(120, 40), (80, 24)])
    func allClear(_ size: (Int, Int)) throws {
        var s = Self.resolved()
        let owed = WarRoomView.render(Self.model(s, width: size.0, height: size.1)).grid.lines.joined(separator: "\n")
        #expect(!owed.contains("No more updates"), "\(owed)")
        #expect(owed.contains("All-clear owed"), "\(owed)")
        s.advance(.minutes(2))
        s.must(.postUpdate(audience: .engineering, text: "Resolved: checkout is back"))
        let half = WarRoomView.render(Self.model(s, width: size.0, height: size.1)).grid.lines.joined(separator: "\n")
        #expect(half.contains("All-clear owed"), "executives are still owed theirs: \(half)")
        s.must(.postUpdate(audience: .executives, text: "Resolved: checkout is back"))
        let posted = WarRoomView.render(Self.model(s, width: size.0, height: size.1)).grid.lines.joined(separator: "\n")
        #expect(posted.contains("Resolved message posted"), "\(posted)")
        #expect(!posted.contains("All-clear owed"), "\(posted)")
    }

    @Test("A timebox's last 3 minutes change the bar's style; before that it is the usual bar")
    func timeboxWarning() throws {
        var s = Scenario.declared(.sev2)
        s.must(.openHypothesis(text: "Bad deploy", owner: "bob", timebox: .minutes(10)), by: "bob")
        func roles(_ s: Scenario) -> Set<StyleRole> {
            let grid = WarRoomView.render(Self.model(s)).grid
            return Set(grid.cells.map(\.role))
        }
        for (minutes, warned) in [(1, false), (6, false), (7, true), (8, true), (9, true)] as [(Int64, Bool)] {
            var at = s
            at.advance(.minutes(minutes) + .seconds(1))
            let seen = roles(at)
            #expect(seen.contains(.timeboxWarning) == warned, "\(minutes)m in")
            #expect(seen.contains(.barFilled) == !warned, "\(minutes)m in")
        }
        s.advance(.minutes(8))
        let text = WarRoomView.render(Self.model(s, width: 80, height: 24)).grid.lines.joined(separator: "\n")
        #expect(text.contains("ends soon"), "\(text)")
    }

    /// Every help line met while paging from the top to the end.
    static func helpRows(width: Int, height: Int) -> [String] {
        var s = Scenario.declared(.sev2)
        s.advance(.minutes(1))
        var m = Self.model(s, width: width, height: height)
        _ = m.update(.input(.key(.function(1))))
        #expect(m.mode == .help)
        var seen: [String] = []
        var previous: [String] = []
        for _ in 0..<400 {
            let lines = WarRoomView.render(m).grid.lines
            let inner = lines.dropFirst().dropLast(2).map { line -> String in
                var row = line.dropFirst()
                if row.last == "│" { row = row.dropLast() }
                return String(row)
            }
            if inner == previous { break }
            seen += inner
            previous = inner
            _ = m.update(.input(.key(.down)))
        }
        return seen
    }

    @Test("Every help line is whole and readable; paging reaches every command", arguments: [(80, 24), (120, 40), (40, 12)])
    func helpReadable(_ size: (Int, Int)) throws {
        let rows = Self.helpRows(width: size.0, height: size.1)
        let words = rows.joined(separator: " ").split(separator: " ").joined(separator: " ")
        for command in SlashCommands.all {
            let key = "/" + command.name + (command.aliases.isEmpty ? "" : " " + command.aliases.map { "/" + $0 }.joined(separator: " "))
            let usage = command.usage.isEmpty ? key : key + " " + command.usage
            #expect(words.contains(usage.split(separator: " ").joined(separator: " ")), "\(usage) is cut at \(size.0)×\(size.1)")
            #expect(words.contains(command.summary.split(separator: " ").joined(separator: " ")),
                    "\(command.summary) is cut at \(size.0)×\(size.1)")
        }
        // The description column starts after a gap: a key never runs into its description.
        for row in rows where row.hasPrefix("    /") {
            let parts = row.split(separator: " ", omittingEmptySubsequences: false)
            #expect(parts.count < 3 || row.contains("  "), "\(row)")
        }
    }

    @Test("A long notice (the saved copy's path) shows whole, above the input line", arguments: [(80, 24), (120, 40), (40, 12)])
    func noticeWhole(_ size: (Int, Int)) throws {
        var s = Scenario.declared(.sev2)
        s.advance(.minutes(1))
        var m = Self.model(s, width: size.0, height: size.1)
        let path = "/home/oncall/.local/share/warroom/updates/INC-1-2026-11-28T14-01-00Z-engineering.md"
        m.notice = WarRoomModel.Notice(.info, "Posted to engineering; the countdown restarts; a copy to send: \(path)")
        let lines = WarRoomView.render(m).grid.lines
        let joined = lines.map { $0.hasPrefix(" ") ? String($0.dropFirst()) : $0 }.joined()
        #expect(joined.contains(path), "the whole path is on screen:\n\(lines.joined(separator: "\n"))")
        #expect(lines[size.1 - 2].hasPrefix("›"), "the input line stays where it is")
        #expect(!lines[size.1 - 1].contains("copy"), "the footer keeps its hints")
        // The notice hides no pane row: every frame above it is closed (a tiny screen lets the
        // notice cover the pane rather than cut the notice).
        let first = try #require(lines.firstIndex { $0.contains("Posted to engineering") })
        #expect(size.0 < 80 || lines[first - 1].contains("└"), "a pane's bottom edge sits right above the notice:\n\(lines.joined(separator: "\n"))")
    }
}

extension ScreenPanesTests {
    @Test("The update editor wraps at words, keeps every character, and puts the cursor where it is",
          arguments: [("Customers have reported the problem. Paying accounts are affected.", 20),
                      ("Status: Investigating — 日本語 support tickets arriving fast", 17),
                      ("averyveryverylongwordthatcannotwrap and then more", 10),
                      ("line one\n\nline three is longer than the row", 12)])
    func composerWrapsAtWords(_ text: String, _ width: Int) throws {
        for cursor in [0, text.count / 2, text.count] {
            let (rows, row, column) = ComposePane.layout(text, cursor: cursor, width: width)
            #expect(rows.map(\.text).joined().filter { $0 != "\n" } == String(text.filter { $0 != "\n" }), "nothing lost")
            for (index, line) in rows.enumerated() {
                #expect(DisplayWidth.of(line.text) <= width, "\(line.text)")
                // A row ends at a word unless its only word is wider than the row.
                if index + 1 < rows.count, let next = rows[index + 1].text.first, next != " ", let last = line.text.last, last != " " {
                    #expect(!line.text.contains(" ") || rows[index + 1].start > line.start + line.text.count,
                            "'\(line.text)' | '\(rows[index + 1].text)' splits a word")
                }
            }
            let start = rows[row].start
            #expect(start <= cursor && cursor <= start + rows[row].text.count)
            #expect(column == DisplayWidth.of(String(rows[row].text.prefix(cursor - start))))
        }
    }
}

@Suite("What the input line says it is")
struct ScreenInputLineTests {
    @Test("The filter line says 'Filter:' on screen, the entry line does not; a wall display says read-only",
          arguments: [(120, 40), (80, 24)])
    func prompts(_ size: (Int, Int)) {
        let s = Scenario.declared(.sev2)
        var m = ScreenPanesTests.model(s, width: size.0, height: size.1)
        let inputRow = { (m: WarRoomModel) in WarRoomView.render(m).grid.lines[size.1 - 2] }
        #expect(inputRow(m).hasPrefix("› type an entry"), "\(inputRow(m))")
        _ = m.update(.input(.key(.escape)))
        _ = m.update(.input(.key(.character("/"))))
        #expect(inputRow(m).contains("Filter: "), "\(inputRow(m))")
        for character in "rollback" { _ = m.update(.input(.key(.character(character)))) }
        #expect(inputRow(m).contains("Filter: rollback"), "\(inputRow(m))")
        var wall = ScreenPanesTests.model(s, width: size.0, height: size.1)
        wall.readOnly = true
        #expect(inputRow(wall).hasPrefix("read-only"), "\(inputRow(wall))")
        #expect(!inputRow(wall).contains("type an entry"))
    }
}
