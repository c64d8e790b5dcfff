import Foundation
import Testing
@testable import WarRoomConfig
import WarRoomScreen

/// A theme file with one mistake, and where the diagnostic must point.
struct BrokenTheme: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var line: Int
    var table: String?
    var key: String?
    var fragment: String
    var testDescription: String { name }
}

@Suite("Themes")
struct ThemeTests {
    /// The repository's themes/ folder, found from this file so any working directory works.
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes").path

    @Test("Every built-in theme loads cleanly and styles every role (itself or through its fallback)",
          arguments: ThemeCatalog.builtInNames)
    func builtInsComplete(_ name: String) throws {
        let text = try #require(ThemeCatalog.builtInText(name))
        let (theme, diagnostics) = ThemeFile.parse(text, file: "\(name).toml", defaultName: "unnamed")
        #expect(diagnostics == [])
        let parsed = try #require(theme)
        #expect(parsed.name == name)
        #expect(parsed.styles[.text] != nil, "\(name) does not style text, the end of every fallback")
        for role in StyleRole.allCases where parsed.styles[role] == nil {
            #expect(parsed.style(role) == parsed.style(role.fallback ?? .text), "\(name): \(role.rawValue)")
        }
        let load = ThemeCatalog.load(name: name, userThemesDirectory: nil)
        #expect(load.diagnostics == [])
        #expect(load.theme == parsed)
    }

    @Test("The embedded themes equal themes/*.toml byte for byte", arguments: ThemeCatalog.builtInNames)
    func embeddedThemesMatchFiles(_ name: String) throws {
        let file = try String(contentsOfFile: Self.themesFolder + "/\(name).toml", encoding: .utf8)
        let embedded = try #require(ThemeCatalog.builtInText(name))
        #expect(Array(embedded.utf8) == Array(file.utf8))
    }

    @Test("themes/ holds exactly the built-ins")
    func themesFolderHoldsBuiltIns() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder).filter { $0.hasSuffix(".toml") }
        #expect(Set(files) == Set(ThemeCatalog.builtInNames.map { $0 + ".toml" }))
        #expect(ThemeCatalog.builtInNames.first == ThemeCatalog.defaultName)
    }

    @Test("Monochrome has no colour, and alerts still look different from text and from each other")
    func monochromeDistinguishable() throws {
        let theme = ThemeCatalog.monochromeTheme
        #expect(theme.name == "monochrome")
        for (role, style) in theme.styles {
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault, "\(role) has a colour")
        }
        let text = theme.style(.text)
        let badges = [StyleRole.sev1, .sev2, .sev3, .sev4].map(theme.style)
        #expect(Set(badges).count == 4)
        for role in [StyleRole.sev1, .sev2, .sev3, .sev4, .overdue, .warning, .roleVacant, .expired, .inputError,
                     .focusBorder, .footerKey, .selection, .muted, .timestamp] {
            #expect(theme.style(role) != text, "\(role) looks like plain text")
        }
        #expect(theme.style(.overdue) != theme.style(.muted))
        #expect(theme.style(.roleVacant) != theme.style(.roleHolder))
        #expect(theme.style(.expired) != theme.style(.barFilled))
        // A timebox's last minutes: unlike the running bar, its countdown and the expired one.
        for other in [StyleRole.text, .barFilled, .countdown, .expired] {
            #expect(theme.style(.timeboxWarning) != theme.style(other), "timeboxWarning looks like \(other)")
        }
    }

    @Test("Every theme tells a timebox's last minutes from the running bar and from an expired one",
          arguments: ThemeCatalog.builtInNames)
    func timeboxWarningDistinct(_ name: String) throws {
        let theme = try #require(ThemeCatalog.builtIn(name))
        #expect(theme.styles[.timeboxWarning] != nil)
        #expect(theme.style(.timeboxWarning) != theme.style(.barFilled))
        #expect(theme.style(.timeboxWarning) != theme.style(.expired))
        #expect(theme.monochrome.style(.timeboxWarning) != theme.monochrome.style(.barFilled))
    }

    @Test("High-contrast shows every alert in reverse video",
          arguments: [StyleRole.sev1, .sev2, .sev3, .sev4, .overdue, .warning, .roleVacant, .expired, .inputError])
    func highContrastAlerts(_ role: StyleRole) throws {
        let theme = try #require(ThemeCatalog.builtIn("high-contrast"))
        #expect(theme.style(role).reverse)
        #expect(theme.style(role).bold)
    }

    @Test("The dark theme's badges: sev1 white on red, bold")
    func darkBadges() throws {
        let theme = ThemeCatalog.defaultTheme
        #expect(theme.name == "dark")
        #expect(theme.style(.sev1) == Style(foreground: .palette(15), background: .palette(160), bold: true))
        #expect(theme.style(.overdue).bold)
        #expect(theme.style(.timestamp).dim)
        #expect(theme.style(.roleVacant).reverse)
    }

    @Test("Every theme tells its severities apart", arguments: ThemeCatalog.builtInNames)
    func severitiesDistinct(_ name: String) throws {
        let theme = try #require(ThemeCatalog.builtIn(name))
        #expect(Set([StyleRole.sev1, .sev2, .sev3, .sev4].map(theme.style)).count == 4)
    }

    static let broken: [BrokenTheme] = [
        BrokenTheme(name: "bad colour", text: "name = \"x\"\n\n[sev1]\nfg = \"reddish\"\n", line: 4, table: "sev1",
                    key: "fg", fragment: "'reddish' is not a colour: use a name (red, bright-red…), 0–255 or #rrggbb"),
        BrokenTheme(name: "palette index out of range", text: "[overdue]\nbg = 300\n", line: 2, table: "overdue",
                    key: "bg", fragment: "300 is not a palette index"),
        BrokenTheme(name: "unknown role", text: "[sev1]\nbold = true\n[sev5]\nbold = true\n", line: 3, table: "sev5",
                    key: nil, fragment: "unknown role: 'sev5': expected one of text, muted"),
        BrokenTheme(name: "role in the wrong case", text: "[rolevacant]\nreverse = true\n", line: 1, table: "rolevacant",
                    key: nil, fragment: "did you mean [roleVacant]?"),
        BrokenTheme(name: "nested role table", text: "[sev1.badge]\nbold = true\n", line: 1, table: "sev1.badge",
                    key: nil, fragment: "unknown role"),
        BrokenTheme(name: "unknown key", text: "[ok]\nforeground = \"green\"\n", line: 2, table: "ok",
                    key: "foreground", fragment: "unknown key: a role takes fg, bg, bold"),
        BrokenTheme(name: "wrong type for a flag", text: "[ok]\nbold = \"yes\"\n", line: 2, table: "ok",
                    key: "bold", fragment: "expected true or false, found \"yes\""),
        BrokenTheme(name: "wrong type for the name", text: "name = 3\n", line: 1, table: "", key: "name",
                    fragment: "expected a non-empty one-line string"),
        BrokenTheme(name: "unknown top-level key", text: "title = \"x\"\n", line: 1, table: "", key: "title",
                    fragment: "unknown key"),
        BrokenTheme(name: "syntax error", text: "[ok]\nfg = green\n", line: 2, table: "ok", key: "fg",
                    fragment: "put text in quotes"),
        BrokenTheme(name: "duplicate key", text: "[ok]\nfg = 2\nfg = 3\n", line: 3, table: "ok", key: "fg",
                    fragment: "already set on line 2"),
    ]

    @Test("A broken theme file gives the whole default theme and names file, line and key", arguments: broken)
    func brokenThemeFallsBack(_ example: BrokenTheme) throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/mine.toml"
            try writeFile(path, example.text)
            let load = ThemeCatalog.load(name: "mine", userThemesDirectory: folder)
            #expect(load.theme == ThemeCatalog.defaultTheme)
            let first = try #require(load.diagnostics.first)
            #expect(first.file == path)
            #expect(first.line == example.line)
            #expect(first.table == example.table)
            #expect(first.key == example.key)
            #expect(first.message.contains(example.fragment), "\(first.message)")
            let last = try #require(load.diagnostics.last)
            #expect(last.message.contains("using the default theme 'dark'"))
        }
    }

    @Test("The diagnostic reads file:line: key 'k' in [table]: message")
    func diagnosticDescription() {
        let diagnostic = Diagnostic(file: "/home/a/.config/warroom/themes/x.toml", line: 12, table: "sev1", key: "fg",
                                    message: "'reddish' is not a colour: use a name (red, bright-red…), 0–255 or #rrggbb")
        #expect(diagnostic.abbreviatingHome("/home/a").description
            == "~/.config/warroom/themes/x.toml:12: key 'fg' in [sev1]: 'reddish' is not a colour: use a name (red, bright-red…), 0–255 or #rrggbb")
        #expect(diagnostic.abbreviatingHome("/home/ab").file == diagnostic.file)
        #expect(Diagnostic(file: "c.toml", line: 3, table: "", key: "theme", message: "m").description == "c.toml:3: key 'theme': m")
        #expect(Diagnostic(file: "c.toml", line: 3, table: "foo", message: "m").description == "c.toml:3: [foo]: m")
        #expect(Diagnostic(file: nil, key: "theme", message: "m").description == "key 'theme': m")
    }

    @Test("An unknown theme name lists the available names and uses the default")
    func unknownName() throws {
        try withTemporaryDirectory { folder in
            try writeFile(folder + "/solarized.toml", "name = \"solarized\"\n")
            let load = ThemeCatalog.load(name: "nope", userThemesDirectory: folder)
            #expect(load.theme == ThemeCatalog.defaultTheme)
            let diagnostic = try #require(load.diagnostics.first)
            #expect(load.diagnostics.count == 1)
            #expect(diagnostic.message.contains("unknown theme 'nope'"))
            #expect(diagnostic.message.contains("available themes are dark, high-contrast, light, monochrome, solarized"))
        }
        let builtInOnly = ThemeCatalog.load(name: "nope", userThemesDirectory: nil)
        #expect(builtInOnly.diagnostics.first?.message.contains("available themes are dark, high-contrast, light, monochrome;") == true)
    }

    @Test("A name that would leave the themes folder is refused", arguments: ["../../etc/passwd", "a/b", ".hidden", "", "dark\u{0}"])
    func unsafeNames(_ name: String) {
        let load = ThemeCatalog.load(name: name, userThemesDirectory: "/tmp")
        #expect(load.theme == ThemeCatalog.defaultTheme)
        #expect(load.diagnostics.first?.message.contains("is not a theme name") == true)
    }

    @Test("The user's theme folder comes before the built-ins")
    func userThemePrecedence() throws {
        try withTemporaryDirectory { folder in
            try writeFile(folder + "/dark.toml", "name = \"my dark\"\n[text]\nfg = \"#ff0000\"\n")
            let load = ThemeCatalog.load(name: "dark", userThemesDirectory: folder)
            #expect(load.diagnostics == [])
            #expect(load.theme.name == "my dark")
            #expect(load.theme.style(.text).foreground == .palette(196))
            // Roles the file leaves out look like text.
            #expect(load.theme.style(.sev1) == load.theme.style(.text))
            // Other names still reach the built-ins.
            #expect(ThemeCatalog.load(name: "light", userThemesDirectory: folder).theme == ThemeCatalog.builtIn("light"))
        }
    }

    @Test("A theme file without a name is named after its file")
    func nameFromFile() throws {
        try withTemporaryDirectory { folder in
            try writeFile(folder + "/ocean.toml", "[sev1]\nbg = \"blue\"\n")
            let load = ThemeCatalog.load(name: "ocean", userThemesDirectory: folder)
            #expect(load.diagnostics == [])
            #expect(load.theme.name == "ocean")
        }
    }

    @Test("Unreadable theme files fall back to the default")
    func unreadableTheme() throws {
        try withTemporaryDirectory { folder in
            try FileManager.default.createDirectory(atPath: folder + "/dir.toml", withIntermediateDirectories: true)
            let load = ThemeCatalog.load(name: "dir", userThemesDirectory: folder)
            #expect(load.theme == ThemeCatalog.defaultTheme)
            #expect(load.diagnostics.first?.message.contains("is not a regular file") == true)

            try Data([0x5B, 0x6F, 0x6B, 0x5D, 0x0A, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: folder + "/binary.toml"))
            let binary = ThemeCatalog.load(name: "binary", userThemesDirectory: folder)
            #expect(binary.theme == ThemeCatalog.defaultTheme)
            #expect(binary.diagnostics.first?.message.contains("not valid UTF-8") == true)
        }
    }

    @Test("Theme names: built-ins and the user's .toml files, sorted")
    func names() throws {
        try withTemporaryDirectory { folder in
            try writeFile(folder + "/zebra.toml", "")
            try writeFile(folder + "/dark.toml", "")
            try writeFile(folder + "/notes.txt", "")
            try writeFile(folder + "/.hidden.toml", "")
            try FileManager.default.createDirectory(atPath: folder + "/folder.toml", withIntermediateDirectories: true)
            #expect(ThemeCatalog.names(userThemesDirectory: folder) == ["dark", "high-contrast", "light", "monochrome", "zebra"])
        }
        #expect(ThemeCatalog.names(userThemesDirectory: nil) == ["dark", "high-contrast", "light", "monochrome"])
        #expect(ThemeCatalog.names(userThemesDirectory: "/nonexistent/warroom") == ["dark", "high-contrast", "light", "monochrome"])
    }

    @Test("NO_COLOR set and non-empty selects monochrome", arguments: [
        (["NO_COLOR": "1"], true), (["NO_COLOR": "yes please"], true), (["NO_COLOR": ""], false), ([:], false),
        (["TERM": "xterm-256color"], false),
    ])
    func noColor(_ environment: [String: String], _ monochrome: Bool) {
        let requested = ThemeCatalog.defaultTheme
        let effective = ThemeCatalog.effectiveTheme(requested: requested, environment: environment)
        #expect(effective == (monochrome ? ThemeCatalog.monochromeTheme : requested))
    }

    @Test("A theme written out reads back the same", arguments: ThemeCatalog.builtInNames)
    func renderRoundTrip(_ name: String) throws {
        let theme = try #require(ThemeCatalog.builtIn(name))
        let (again, diagnostics) = ThemeFile.parse(ThemeFile.render(theme), file: "r", defaultName: "x")
        #expect(diagnostics == [])
        #expect(again == theme)
    }
}

extension ThemeTests {
    @Test("Every role's fallback chain ends at text, visiting no role twice", arguments: StyleRole.allCases)
    func fallbackChainEnds(_ role: StyleRole) {
        var seen: [StyleRole] = [role]
        var current = role.fallback
        while let next = current {
            guard !seen.contains(next) else { Issue.record("cycle: \(seen.map(\.rawValue)) → \(next.rawValue)"); return }
            seen.append(next)
            current = next.fallback
        }
        #expect(seen.last == .text)
    }

    @Test("A role a theme leaves out looks like its fallback, not like text",
          arguments: StyleRole.allCases.filter { $0.fallback != nil && $0.fallback != .text })
    func leftOutRoleUsesFallback(_ role: StyleRole) throws {
        let full = try #require(ThemeCatalog.builtIn("dark"))
        var styles = full.styles
        styles[role] = nil
        let fallback = try #require(role.fallback)
        // A fallback styled unlike text proves the chain was followed, not the old `text` default.
        styles[fallback] = Style(foreground: .palette(201), underline: true)
        let theme = Theme(name: "partial", styles: styles)
        #expect(theme.style(role) == Style(foreground: .palette(201), underline: true))
        #expect(theme.style(role) != theme.style(.text))
    }

    @Test("A theme file that lists only some roles loads, the rest following their fallbacks")
    func partialThemeFile() throws {
        let text = "name = \"tiny\"\n[text]\nfg = 250\n[warning]\nfg = 220\nbold = true\n"
        let (theme, diagnostics) = ThemeFile.parse(text, file: "tiny.toml", defaultName: "tiny")
        #expect(diagnostics == [])
        let parsed = try #require(theme)
        #expect(parsed.style(.timeboxWarning) == Style(foreground: .palette(220), bold: true))
        #expect(parsed.style(.overdue) == Style(foreground: .palette(220), bold: true))
        #expect(parsed.style(.muted) == Style(foreground: .palette(250)))
    }
}
