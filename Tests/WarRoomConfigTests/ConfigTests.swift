import Foundation
import Testing
import WarRoomCore
@testable import WarRoomConfig

/// One policy key set in a config file, and the policy it must produce.
struct PolicyOverride: Sendable, CustomTestStringConvertible {
    var text: String
    var expected: Policy
    var testDescription: String { text.replacingOccurrences(of: "\n", with: " ") }
}

/// A config file with one bad value, and where the diagnostic must point.
struct BadConfig: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var line: Int
    var table: String?
    var key: String?
    var fragment: String
    var testDescription: String { name }
}

private func override(_ text: String, _ change: (inout Policy) -> Void) -> PolicyOverride {
    var policy = Policy.standard
    change(&policy)
    return PolicyOverride(text: text, expected: policy)
}

@Suite("Config file")
struct ConfigTests {
    static let overrides: [PolicyOverride] = [
        override("[policy]\nhypothesis_timebox = \"20m\"") { $0.hypothesisTimebox = .minutes(20) },
        override("[policy]\nmonitoring_window = \"1h30m\"") { $0.monitoringWindow = .minutes(90) },
        override("[policy]\nmonitoring_window = \"0s\"") { $0.monitoringWindow = .zero },
        override("[policy]\npostmortem_due = \"3d\"") { $0.postmortemDue = .hours(72) },
        override("[policy.sev1]\nresponse_time = \"90s\"") { $0.sev1.responseTime = .seconds(90) },
        override("[policy.sev2]\nupdate_cadence = \"20m\"") { $0.sev2.updateCadence = .minutes(20) },
        override("[policy.sev3]\ninitial_notification = \"45m\"") { $0.sev3.initialNotification = .minutes(45) },
        override("[policy.sev1]\ninitial_notification = \"none\"") { $0.sev1.initialNotification = nil },
        override("[policy.sev4]\nescalate_within = \"2h\"") { $0.sev4.escalateWithin = .hours(2) },
        override("[policy.sev2]\nescalate_within = \"None\"") { $0.sev2.escalateWithin = nil },
        override("[policy.sev1]\nescalate_within = \"0m\"") { $0.sev1.escalateWithin = .zero },
        override("[policy.sev3]\nroot_cause_deadline = \"4h\"") { $0.sev3.rootCauseDeadline = .hours(4) },
        override("[policy.sev1]\nroot_cause_deadline = \"none\"") { $0.sev1.rootCauseDeadline = nil },
        override("[policy.sev2]\nescalation_target = \"Director of Eng\"") { $0.sev2.escalationTarget = "Director of Eng" },
        override("[policy.sev4]\nupdate_cadence = \"15\"") { $0.sev4.updateCadence = .minutes(15) },
        override("[policy]\nhypothesis_timebox = \"24h\"") { $0.hypothesisTimebox = .hours(24) },
        override("[policy]\ndoubling_floor_percent = 5") { $0.doublingFloorPercent = 5 },
        override("[policy]\ndoubling_floor_percent = \"0.5\"") { $0.doublingFloorPercent = 0.5 },
        override("[policy]\ndoubling_floor_percent = \"2.5%\"") { $0.doublingFloorPercent = 2.5 },
        override("[policy]\ndoubling_floor_users = 1000") { $0.doublingFloorUsers = 1000 },
        override("[policy]\ndoubling_floor_users = 0") { $0.doublingFloorUsers = 0 },
        override("[policy]\nall_clear_within = \"0m\"") { $0.allClearWithin = .zero },
        override("[policy]\nall_clear_within = \"1h\"") { $0.allClearWithin = .hours(1) },
        override("[policy]\npostmortem_required = \"SEV1\"") { $0.postmortemRequired = [.sev1] },
        override("[policy]\npostmortem_required = \"sev1, sev2,SEV3\"") { $0.postmortemRequired = [.sev1, .sev2, .sev3] },
        override("[policy]\npostmortem_required = \"all\"") { $0.postmortemRequired = Set(Severity.allCases) },
        override("[policy]\npostmortem_required = \"none\"") { $0.postmortemRequired = [] },
        override("[policy.audiences]\ncustomers = \"1h\"") { $0.audiences[.customers] = .every(.hours(1)) },
        override("[policy.audiences]\nexecutives = \"none\"") { $0.audiences[.executives] = nil },
        override("[policy.audiences]\ncustomers = \"severity\"\nengineering = \"10m\"") {
            $0.audiences[.customers] = .severity
            $0.audiences[.engineering] = .every(.minutes(10))
        },
        override("[policy.aliases]\nboss = \"Eng Manager\"") { $0.notifyAliases["boss"] = "Eng Manager" },
        override("[policy.aliases]\nEM = \"none\"") { $0.notifyAliases["em"] = nil },
    ]

    @Test("Each policy key overrides its default and nothing else", arguments: overrides)
    func policyOverride(_ example: PolicyOverride) {
        let load = Config.parse(example.text, file: "config.toml")
        #expect(load.diagnostics == [])
        #expect(load.config.policy == example.expected)
    }

    @Test("A full config file")
    func fullFile() {
        let text = """
        # the team's numbers
        theme = "light"
        author = "alice"

        [policy]
        hypothesis_timebox = "10m"

        [policy.sev1]
        update_cadence = "10m"
        escalation_target = 'CTO'

        [policy.sev4]
        response_time = "2d"
        """
        let load = Config.parse(text, file: "c.toml")
        #expect(load.diagnostics == [])
        #expect(load.path == "c.toml")
        #expect(load.config.theme == "light")
        #expect(load.config.author == "alice")
        var expected = Policy.standard
        expected.hypothesisTimebox = .minutes(10)
        expected.sev1.updateCadence = .minutes(10)
        expected.sev1.escalationTarget = "CTO"
        expected.sev4.responseTime = .hours(48)
        #expect(load.config.policy == expected)
    }

    static let bad: [BadConfig] = [
        BadConfig(name: "zero cadence", text: "[policy.sev1]\nupdate_cadence = \"0m\"", line: 2, table: "policy.sev1",
                  key: "update_cadence", fragment: "must be longer than zero; kept the default 15m"),
        BadConfig(name: "negative cadence", text: "[policy.sev3]\n\nupdate_cadence = \"-5m\"", line: 3, table: "policy.sev3",
                  key: "update_cadence", fragment: "'-5m' is not a span: expected a string like \"15m\""),
        BadConfig(name: "timebox over a day", text: "[policy]\nhypothesis_timebox = \"25h\"", line: 2, table: "policy",
                  key: "hypothesis_timebox", fragment: "1d1h is too long: at most 1d; kept the default 15m"),
        BadConfig(name: "absurd span", text: "[policy]\npostmortem_due = \"999999999d\"", line: 2, table: "policy",
                  key: "postmortem_due", fragment: "is too long: at most 365d; kept the default 2d"),
        BadConfig(name: "zero timebox", text: "[policy]\nhypothesis_timebox = \"0s\"", line: 2, table: "policy",
                  key: "hypothesis_timebox", fragment: "must be longer than zero"),
        BadConfig(name: "span as a number", text: "[policy]\nhypothesis_timebox = 15", line: 2, table: "policy",
                  key: "hypothesis_timebox", fragment: "found the number 15 (write \"15m\" for minutes)"),
        BadConfig(name: "span as a boolean", text: "[policy]\nmonitoring_window = true", line: 2, table: "policy",
                  key: "monitoring_window", fragment: "found true"),
        BadConfig(name: "unreadable span", text: "[policy.sev2]\nresponse_time = \"soon\"", line: 2, table: "policy.sev2",
                  key: "response_time", fragment: "'soon' is not a span"),
        BadConfig(name: "none where a span is required", text: "[policy.sev2]\nresponse_time = \"none\"", line: 2,
                  table: "policy.sev2", key: "response_time", fragment: "'none' is not a span"),
        BadConfig(name: "zero root-cause deadline", text: "[policy.sev1]\nroot_cause_deadline = \"0m\"", line: 2,
                  table: "policy.sev1", key: "root_cause_deadline", fragment: "must be longer than zero; kept the default 30m"),
        BadConfig(name: "bad optional span keeps none", text: "[policy.sev3]\nescalate_within = \"later\"", line: 2,
                  table: "policy.sev3", key: "escalate_within", fragment: "or \"none\" (no deadline); kept the default none"),
        BadConfig(name: "unknown policy key", text: "[policy]\nlunch_break = \"1h\"", line: 2, table: "policy",
                  key: "lunch_break", fragment: "unknown key: expected one of hypothesis_timebox, monitoring_window, postmortem_due"),
        BadConfig(name: "camel-case key", text: "[policy]\nhypothesisTimebox = \"1h\"", line: 2, table: "policy",
                  key: "hypothesisTimebox", fragment: "did you mean 'hypothesis_timebox'?"),
        BadConfig(name: "unknown severity key", text: "[policy.sev4]\ncadence = \"1h\"", line: 2, table: "policy.sev4",
                  key: "cadence", fragment: "unknown key: expected one of response_time"),
        BadConfig(name: "unknown table", text: "theme = \"dark\"\n[policy.sev5]\nresponse_time = \"1m\"", line: 2,
                  table: "policy.sev5", key: nil, fragment: "unknown table: expected [policy], [policy.sev1] … [policy.sev4], [policy.audiences]"),
        BadConfig(name: "unknown top-level key", text: "colour = \"red\"", line: 1, table: "", key: "colour",
                  fragment: "unknown key: expected one of theme, author"),
        BadConfig(name: "policy key at the top", text: "hypothesis_timebox = \"5m\"", line: 1, table: "", key: "hypothesis_timebox",
                  fragment: "policy numbers go under [policy]"),
        BadConfig(name: "theme not a string", text: "theme = 3", line: 1, table: "", key: "theme",
                  fragment: "expected a string in quotes, found an integer 3; kept the default theme"),
        BadConfig(name: "theme with a path", text: "theme = \"../../x\"", line: 1, table: "", key: "theme",
                  fragment: "is not a theme name"),
        BadConfig(name: "empty author", text: "author = \"  \"", line: 1, table: "", key: "author", fragment: "must not be empty"),
        BadConfig(name: "author with a line break", text: "author = \"a\\nb\"", line: 1, table: "", key: "author",
                  fragment: "must be one line without control characters"),
        BadConfig(name: "escalation target not a string", text: "[policy.sev1]\nescalation_target = true", line: 2,
                  table: "policy.sev1", key: "escalation_target", fragment: "kept 'VP Eng + CTO'"),
        BadConfig(name: "unquoted span", text: "[policy]\nmonitoring_window = 15m", line: 2, table: "policy",
                  key: "monitoring_window", fragment: "put text in quotes"),
        BadConfig(name: "percent floor over 100", text: "[policy]\ndoubling_floor_percent = 150", line: 2, table: "policy",
                  key: "doubling_floor_percent", fragment: "expected a share of users from 0 to 100 (1, or \"0.5\" in quotes), found 150; kept the default 1%"),
        BadConfig(name: "percent floor not a number", text: "[policy]\ndoubling_floor_percent = \"lots\"", line: 2,
                  table: "policy", key: "doubling_floor_percent", fragment: "found \"lots\"; kept the default 1%"),
        BadConfig(name: "negative user floor", text: "[policy]\ndoubling_floor_users = -1", line: 2, table: "policy",
                  key: "doubling_floor_users", fragment: "expected a count of users, 0 or more (such as 100), found -1; kept the default 100"),
        BadConfig(name: "user floor as a string", text: "[policy]\ndoubling_floor_users = \"100\"", line: 2, table: "policy",
                  key: "doubling_floor_users", fragment: "kept the default 100"),
        BadConfig(name: "all-clear not a span", text: "[policy]\nall_clear_within = \"soon\"", line: 2, table: "policy",
                  key: "all_clear_within", fragment: "'soon' is not a span"),
        BadConfig(name: "unknown severity in postmortem_required", text: "[policy]\npostmortem_required = \"SEV1, SEV5\"",
                  line: 2, table: "policy", key: "postmortem_required",
                  fragment: "'SEV5' is not a severity: expected levels such as \"SEV1, SEV2\", or \"all\" or \"none\"; kept SEV1, SEV2"),
        BadConfig(name: "postmortem_required as a boolean", text: "[policy]\npostmortem_required = true", line: 2,
                  table: "policy", key: "postmortem_required", fragment: "found true; kept SEV1, SEV2"),
        BadConfig(name: "unknown audience", text: "[policy.audiences]\nexecs = \"1h\"", line: 2, table: "policy.audiences",
                  key: "execs", fragment: "unknown key: expected one of engineering, executives, customers"),
        BadConfig(name: "bad audience cadence", text: "[policy.audiences]\ncustomers = \"hourly\"", line: 2,
                  table: "policy.audiences", key: "customers",
                  fragment: "'hourly' is not a cadence: expected \"severity\" (the severity's cadence), a span such as \"1h\", or \"none\" (owed no updates); kept \"none\""),
        BadConfig(name: "zero audience cadence", text: "[policy.audiences]\nengineering = \"0m\"", line: 2,
                  table: "policy.audiences", key: "engineering", fragment: "must be longer than zero and at most 365d; kept \"severity\""),
        BadConfig(name: "alias not a string", text: "[policy.aliases]\nem = 3", line: 2, table: "policy.aliases", key: "em",
                  fragment: "expected a string in quotes, found an integer 3; kept 'eng manager'"),
        BadConfig(name: "misspelt new policy key", text: "[policy]\ndoubling_flor_users = 5", line: 2, table: "policy",
                  key: "doubling_flor_users", fragment: "did you mean 'doubling_floor_users'?"),
        BadConfig(name: "duplicate key", text: "[policy]\npostmortem_due = \"1d\"\npostmortem_due = \"2d\"", line: 3,
                  table: "policy", key: "postmortem_due", fragment: "already set on line 2"),
    ]

    @Test("A bad value is reported with line and key, and that key keeps its default", arguments: bad)
    func badValue(_ example: BadConfig) throws {
        let load = Config.parse(example.text, file: "config.toml")
        let diagnostic = try #require(load.diagnostics.first)
        #expect(load.diagnostics.count == 1)
        #expect(diagnostic.file == "config.toml")
        #expect(diagnostic.line == example.line)
        #expect(diagnostic.table == example.table)
        #expect(diagnostic.key == example.key)
        #expect(diagnostic.message.contains(example.fragment), "\(diagnostic.message)")
        #expect(load.config.policy == (example.name == "duplicate key" ? policyWithPostmortemDay() : .standard))
        #expect(load.config.author == nil)
    }

    private func policyWithPostmortemDay() -> Policy {
        var policy = Policy.standard
        policy.postmortemDue = .hours(24)
        return policy
    }

    @Test("Good keys beside bad ones still apply")
    func mixed() {
        let text = "author = 7\ntheme = \"light\"\n[policy]\nhypothesis_timebox = \"20m\"\nmonitoring_window = \"bad\"\n"
            + "[policy.sev1]\nupdate_cadence = [1]\nresponse_time = \"2m\"\n"
        let load = Config.parse(text, file: "c")
        #expect(load.diagnostics.map(\.line) == [1, 5, 7])
        #expect(load.diagnostics.map(\.key) == ["author", "monitoring_window", "update_cadence"])
        #expect(load.diagnostics[2].message.contains("the line was ignored"))
        #expect(load.config.theme == "light")
        #expect(load.config.author == nil)
        #expect(load.config.policy.hypothesisTimebox == .minutes(20))
        #expect(load.config.policy.monitoringWindow == Policy.standard.monitoringWindow)
        #expect(load.config.policy.sev1.responseTime == .minutes(2))
        #expect(load.config.policy.sev1.updateCadence == Policy.standard.sev1.updateCadence)
    }

    @Test("No config file is fine: defaults, no diagnostics, no path")
    func missingFile() throws {
        try withTemporaryDirectory { folder in
            let load = Config.load(environment: ["XDG_CONFIG_HOME": folder, "HOME": folder])
            #expect(load == ConfigLoad(config: .standard, diagnostics: [], path: nil))
        }
        #expect(Config.load(environment: [:]).path == nil)
    }

    @Test("The file is found through XDG_CONFIG_HOME")
    func xdgConfigHome() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/xdg/warroom/config.toml"
            try writeFile(path, "author = \"bob\"\n")
            let load = Config.load(environment: ["XDG_CONFIG_HOME": folder + "/xdg", "HOME": "/nonexistent"])
            #expect(load.path == path)
            #expect(load.config.author == "bob")
            #expect(load.diagnostics == [])
        }
    }

    @Test("Without XDG_CONFIG_HOME the file is ~/.config/warroom/config.toml, shown with ~ in diagnostics")
    func homeFallback() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/.config/warroom/config.toml"
            try writeFile(path, "theme = \"light\"\nauthr = \"bob\"\n")
            let load = Config.load(environment: ["HOME": folder, "XDG_CONFIG_HOME": "relative/ignored"])
            #expect(load.path == path)
            #expect(load.config.theme == "light")
            #expect(load.diagnostics.map(\.description)
                == ["~/.config/warroom/config.toml:2: key 'authr': unknown key (did you mean 'author'?); it was ignored"])
        }
    }

    @Test("An unreadable config file is reported and the defaults used")
    func unreadable() throws {
        try withTemporaryDirectory { folder in
            try FileManager.default.createDirectory(atPath: folder + "/warroom/config.toml", withIntermediateDirectories: true)
            let load = Config.load(environment: ["XDG_CONFIG_HOME": folder])
            #expect(load.config == .standard)
            #expect(load.path == folder + "/warroom/config.toml")
            #expect(load.diagnostics.first?.message.contains("is not a regular file; using the built-in defaults") == true)
        }
    }

    @Test("Paths follow XDG, ignoring relative and empty values", arguments: [
        (["HOME": "/home/a"], "/home/a/.config/warroom/config.toml", "/home/a/.config/warroom/themes", "/home/a/.local/state/warroom"),
        (["HOME": "/home/a/", "XDG_CONFIG_HOME": "/cfg", "XDG_STATE_HOME": "/st/"],
         "/cfg/warroom/config.toml", "/cfg/warroom/themes", "/st/warroom"),
        (["HOME": "/home/a", "XDG_CONFIG_HOME": "cfg", "XDG_STATE_HOME": ""],
         "/home/a/.config/warroom/config.toml", "/home/a/.config/warroom/themes", "/home/a/.local/state/warroom"),
        ([:], "/.config/warroom/config.toml", "/.config/warroom/themes", "/.local/state/warroom"),
        (["HOME": "relative"], "/.config/warroom/config.toml", "/.config/warroom/themes", "/.local/state/warroom"),
    ])
    func paths(_ environment: [String: String], _ config: String, _ themes: String, _ state: String) {
        let paths = Config.paths(environment: environment)
        #expect(paths.config == config)
        #expect(paths.themes == themes)
        #expect(paths.state == state)
    }

    @Test("Arbitrary config text never traps")
    func noTraps() {
        let pieces = ["[policy]", "[policy.sev1]", "update_cadence", "=", "\"0m\"", "\"none\"", "15", "true", "\n", "\"999999999d\"",
                      "theme", "\"../\"", "'x'", "#", "[", "]", "\"", "author", "escalation_target"]
        var seed: UInt64 = 42
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<12 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(seed >> 33) % pieces.count] + (seed & 1 == 0 ? " " : "")
            }
            let load = Config.parse(text, file: "fuzz")
            #expect(load.config.policy.hypothesisTimebox <= .hours(24))
            #expect(load.config.policy.sev1.updateCadence > .zero)
        }
    }
}
