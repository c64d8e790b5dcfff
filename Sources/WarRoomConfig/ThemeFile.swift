import WarRoomScreen

/// Reads a theme file: `name = "…"` at the top, then one `[role]` table per `StyleRole` with
/// `fg`, `bg` (colours) and `bold`, `dim`, `reverse`, `underline`, `italic` (booleans).
public enum ThemeFile {
    /// The colour keys a role table may hold.
    public static let colorKeys = ["fg", "bg"]
    /// The attribute keys a role table may hold.
    public static let flagKeys = ["bold", "dim", "reverse", "underline", "italic"]

    /// Reads a theme. The theme is nil when anything was wrong: a theme is used whole or not at all,
    /// so a typo never leaves the screen half-styled. `defaultName` names a file without `name`.
    public static func parse(_ text: String, file: String, defaultName: String) -> (theme: Theme?, diagnostics: [Diagnostic]) {
        let document = TOMLSubset.parse(text, file: file)
        var diagnostics = document.diagnostics
        var name = defaultName
        var styles: [StyleRole: Style] = [:]

        func problem(_ line: Int?, _ table: [String], _ key: String?, _ message: String) {
            diagnostics.append(Diagnostic(file: file, line: line, table: TOMLSubset.display(table), key: key, message: message))
        }

        for table in document.tables {
            guard table.path.count == 1, let role = StyleRole(rawValue: table.path[0]) else {
                problem(table.line, table.path, nil, "unknown role: " + roleHint(TOMLSubset.display(table.path)))
                continue
            }
            styles[role] = styles[role] ?? .plain
        }

        for entry in document.entries {
            if entry.table.isEmpty {
                guard entry.key == "name" else {
                    problem(entry.line, [], entry.key, "unknown key: a theme has `name = \"…\"` at the top and [role] tables")
                    continue
                }
                guard case let .string(text) = entry.value, !text.isEmpty,
                      !text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
                else {
                    problem(entry.line, [], entry.key, "expected a non-empty one-line string, found \(entry.value.tomlText)")
                    continue
                }
                name = text
                continue
            }
            // Keys under an unknown role were already reported with the table.
            guard entry.table.count == 1, let role = StyleRole(rawValue: entry.table[0]) else { continue }
            var style = styles[role] ?? .plain
            switch entry.key {
            case "fg", "bg":
                switch ColorSpec.parse(entry.value) {
                case let .success(color):
                    if entry.key == "fg" { style.foreground = color } else { style.background = color }
                case let .failure(error):
                    problem(entry.line, entry.table, entry.key, error.message)
                }
            case "bold", "dim", "reverse", "underline", "italic":
                guard case let .boolean(flag) = entry.value else {
                    problem(entry.line, entry.table, entry.key, "expected true or false, found \(entry.value.tomlText)")
                    continue
                }
                switch entry.key {
                case "bold": style.bold = flag
                case "dim": style.dim = flag
                case "reverse": style.reverse = flag
                case "underline": style.underline = flag
                default: style.italic = flag
                }
            default:
                problem(entry.line, entry.table, entry.key,
                        "unknown key: a role takes \((colorKeys + flagKeys).joined(separator: ", "))")
            }
            styles[role] = style
        }

        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        return (Theme(name: name, styles: styles), [])
    }

    /// `'sev5': expected one of text, muted, …`, with a suggestion when only the case is wrong.
    static func roleHint(_ written: String) -> String {
        let lowered = written.lowercased()
        if let near = StyleRole.allCases.first(where: { $0.rawValue.lowercased() == lowered }) {
            return "'\(written)': did you mean [\(near.rawValue)]? (roles are case-sensitive)"
        }
        return "'\(written)': expected one of " + StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// A theme as theme-file text, roles in `StyleRole` order: for writing a user's starting point.
    public static func render(_ theme: Theme) -> String {
        var text = "name = \"\(TOMLValue.escaped(theme.name))\"\n"
        for role in StyleRole.allCases {
            guard let style = theme.styles[role] else { continue }
            text += "\n[\(role.rawValue)]\n"
            if style.foreground != .terminalDefault { text += "fg = \(colorText(style.foreground))\n" }
            if style.background != .terminalDefault { text += "bg = \(colorText(style.background))\n" }
            if style.bold { text += "bold = true\n" }
            if style.dim { text += "dim = true\n" }
            if style.reverse { text += "reverse = true\n" }
            if style.underline { text += "underline = true\n" }
            if style.italic { text += "italic = true\n" }
        }
        return text
    }

    private static func colorText(_ color: Color) -> String {
        switch color {
        case .terminalDefault: "\"default\""
        case let .palette(index): String(index)
        }
    }
}
