import WarRoomCore
import WarRoomScreen

/// A theme and everything worth telling the user about how it was chosen.
public struct ThemeLoad: Hashable, Sendable {
    /// The theme to draw with: the one asked for, or the default when it could not be used.
    public var theme: Theme
    /// Why the theme asked for is not the one in use, or what was wrong in its file.
    public var diagnostics: [Diagnostic]

    /// A theme and its diagnostics.
    public init(theme: Theme, diagnostics: [Diagnostic]) {
        self.theme = theme
        self.diagnostics = diagnostics
    }
}

/// Finds themes by name: the user's theme folder first, then the built-ins.
public enum ThemeCatalog {
    /// The name of the default theme.
    public static let defaultName = "dark"
    /// The name of the theme `NO_COLOR` selects.
    public static let monochromeName = "monochrome"
    /// The built-in theme names, the default first.
    public static var builtInNames: [String] { BuiltInThemes.names }

    /// The embedded text of a built-in theme, exactly as in the repository's themes/ folder.
    public static func builtInText(_ name: String) -> String? { BuiltInThemes.text(name) }

    /// A built-in theme by name.
    public static func builtIn(_ name: String) -> Theme? {
        builtIns.first { $0.key == name }?.theme
    }

    /// The default (dark) theme.
    public static var defaultTheme: Theme { builtIn(defaultName) ?? Theme(name: defaultName, styles: [:]) }

    /// The monochrome theme: attributes only, no colour.
    public static var monochromeTheme: Theme {
        builtIn(monochromeName) ?? defaultTheme.monochrome
    }

    /// Parsed once. A built-in that failed to parse is left out (a test keeps them all clean), so
    /// the program still starts with plain text rather than trapping.
    private static let builtIns: [(key: String, theme: Theme)] = BuiltInThemes.names.compactMap { name in
        guard let text = BuiltInThemes.text(name),
              let theme = ThemeFile.parse(text, file: "built-in theme '\(name)'", defaultName: name).theme
        else { return nil }
        return (name, theme)
    }

    /// Loads the theme called `name`: `<userThemesDirectory>/<name>.toml` if it exists, else the
    /// built-in of that name. An unknown name or a file with any problem gives the default theme,
    /// whole, plus diagnostics naming file, line and key.
    public static func load(name: String, userThemesDirectory: String?) -> ThemeLoad {
        guard isValidName(name) else {
            let shown = TOMLValue.escaped(String(name.prefix(60)))
            return fallback([Diagnostic(file: nil, key: "theme", message:
                "'\(shown)' is not a theme name: use letters, digits, '-', '_' and '.' (no '/'); using the default theme '\(defaultName)'")])
        }
        if let directory = userThemesDirectory, !directory.isEmpty {
            let path = PathText.joined(directory, name + ".toml")
            switch FileText.read(path) {
            case .missing:
                break
            case let .problem(problem):
                return fallback([Diagnostic(file: path, message: "\(problem); using the default theme '\(defaultName)'")])
            case let .text(text):
                let (theme, diagnostics) = ThemeFile.parse(text, file: path, defaultName: name)
                if let theme { return ThemeLoad(theme: theme, diagnostics: []) }
                let summary = Diagnostic(file: path, message:
                    "theme '\(name)' has \(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s") and was not used; using the default theme '\(defaultName)'")
                return fallback(diagnostics + [summary])
            }
        }
        if let theme = builtIn(name) { return ThemeLoad(theme: theme, diagnostics: []) }
        let available = names(userThemesDirectory: userThemesDirectory).joined(separator: ", ")
        var lookedAt = ""
        if let directory = userThemesDirectory, !directory.isEmpty {
            lookedAt = " (looked for \(PathText.joined(directory, name + ".toml")))"
        }
        return fallback([Diagnostic(file: nil, key: "theme", message:
            "unknown theme '\(name)'\(lookedAt): available themes are \(available); using the default theme '\(defaultName)'")])
    }

    /// Every theme name that `load` accepts: the built-ins and the user's `*.toml` files, sorted.
    public static func names(userThemesDirectory: String?) -> [String] {
        var names = Set(BuiltInThemes.names)
        if let directory = userThemesDirectory, !directory.isEmpty {
            for entry in FileText.directoryEntries(directory) where entry.hasSuffix(".toml") {
                let name = String(entry.dropLast(5))
                if isValidName(name), FileText.isRegularFile(PathText.joined(directory, entry)) { names.insert(name) }
            }
        }
        return names.sorted()
    }

    /// The theme to draw with: monochrome when `NO_COLOR` is set and non-empty (no-color.org),
    /// otherwise the one requested.
    public static func effectiveTheme(requested: Theme, environment: [String: String]) -> Theme {
        if let value = environment["NO_COLOR"], !value.isEmpty { return monochromeTheme }
        return requested
    }

    /// A name that stays inside the themes folder: no separators, no leading dot.
    static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 64, name.first != "." else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "-", "_", ".": true
            default: false
            }
        }
    }


    private static func fallback(_ diagnostics: [Diagnostic]) -> ThemeLoad {
        ThemeLoad(theme: defaultTheme, diagnostics: diagnostics)
    }
}
