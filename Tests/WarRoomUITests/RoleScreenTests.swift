import Testing
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// Every role in the table reaches the war room: typed, completed, in F1 help and in the roster;
/// a role added to `Role` is checked here without a new test. The Deputy is the optional one.
@Suite("Screen and input: every role, and the optional Deputy")
struct RoleScreenTests {
    static func model(_ s: Scenario, width: Int = 120, height: Int = 40) -> WarRoomModel {
        WarRoomModel(incident: s.s, policy: s.policy, now: s.now, author: "carol", width: width, height: height)
    }

    static func parse(_ line: String, _ s: Scenario = .declared(.sev2)) throws -> InputAction {
        try SlashCommands.parse(line, context: InputContext(state: s.s, now: s.now))
    }

    @Test("/role takes every spelling of every role", arguments: Role.allCases)
    func everySpelling(_ role: Role) throws {
        for spelling in role.spellings {
            #expect(try Self.parse("/role \(spelling) bob smith") == .record(.assignRole(role, person: "bob smith"), at: nil),
                    "/role \(spelling) bob smith")
        }
    }

    @Test("/role deputy, in the words people use", arguments: [
        ("/role deputy bob", "bob"), ("/role Deputy IC @bob", "bob"), ("/role deputy commander bob", "bob"),
        ("/role deputy incident commander bob", "bob"), ("/role Deputy Incident Commander bob jones", "bob jones"),
        ("/role deputy ic", "ic"),
    ])
    func deputy(_ line: String, _ person: String) throws {
        #expect(try Self.parse(line) == .record(.assignRole(.deputy, person: person), at: nil))
    }

    @Test("Tab after /role offers every role, and completes each from its spellings", arguments: Role.allCases)
    func completion(_ role: Role) {
        var m = Self.model(.declared(.sev2))
        m.input.replace(with: "/role ")
        #expect(m.completions() == Role.allCases.map(\.short), "in roster order")
        for spelling in role.spellings {
            m.input.replace(with: "/role " + (spelling.split(separator: " ").first.map(String.init) ?? spelling))
            #expect(m.completions().contains(role.short), "\(spelling)")
        }
    }

    @Test("Tab completes the Deputy from what people start to type", arguments: ["dep", "Deputy", "d"])
    func deputyCompletion(_ typed: String) {
        var m = Self.model(.declared(.sev2))
        m.input.replace(with: "/role " + typed)
        _ = m.update(.input(.key(.tab)))
        #expect(m.input.text == "/role deputy ")
    }

    @Test("F1 help's /role line names every role")
    func help() throws {
        var m = Self.model(.declared(.sev2), height: 200)
        m.mode = .help
        let line = try #require(WarRoomView.render(m).grid.lines.first { $0.contains("/role") })
        for role in Role.allCases { #expect(line.contains(role.short), "\(role) missing from \(line)") }
    }

    /// The rows of the roster pane when it has the whole body (a small screen, the roles pane picked).
    static func roster(_ s: Scenario) -> (lines: [String], grid: Grid) {
        var m = model(s, width: 40, height: 20)
        m.focusedPane = .roles
        let grid = WarRoomView.render(m).grid
        return (grid.lines, grid)
    }

    @Test("With room, the roster lists every role in order, a vacant Deputy as optional, not as a gap")
    func rosterWithRoom() throws {
        var s = Scenario.declared(.sev2)
        s.must(.assignRole(.commander, person: "alice"))
        let (lines, grid) = Self.roster(s)
        let rows = Role.allCases.map { role in lines.firstIndex { $0.contains(role.label.uppercased() + " ") } }
        #expect(rows.allSatisfy { $0 != nil } && rows == rows.sorted { ($0 ?? 0) < ($1 ?? 0) }, "\(lines)")
        let deputy = try #require(lines.firstIndex { $0.contains("DEPUTY") })
        #expect(lines[deputy].contains("— optional —"), "\(lines[deputy])")
        let column = try #require(lines[deputy].firstRange(of: "— optional")).lowerBound
        let x = lines[deputy].distance(from: lines[deputy].startIndex, to: column)
        #expect(grid[x, deputy].role == .muted, "not in the vacancy's warning colour")
        #expect(lines.filter { $0.contains("— vacant —") }.count == Role.required.count - 1)
    }

    @Test("A held Deputy shows its holder after the IC; a vacant one raises no alert line", arguments: [(120, 40), (80, 24)])
    func rosterHeld(_ size: (Int, Int)) throws {
        var s = Scenario.declared(.sev2)
        s.must(.assignRole(.commander, person: "alice"))
        let vacant = WarRoomView.render(Self.model(s, width: size.0, height: size.1)).grid.lines
        #expect(!vacant.contains { $0.contains("Deputy") || $0.contains("DEPUTY") }, "\(vacant)")
        s.must(.assignRole(.deputy, person: "bob"))
        let held = WarRoomView.render(Self.model(s, width: size.0, height: size.1)).grid.lines
        let ic = try #require(held.firstIndex { $0.contains("IC     alice") })
        #expect(held[ic + 1].contains("DEPUTY bob"), "\(held)")
    }
}
