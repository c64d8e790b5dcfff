import WarRoomText

/// CSV for every report (RFC 4180).
public enum CSVText {
    /// One field: quoted when it must be, control characters made visible, and a leading `'`
    /// before `=`, `+`, `-`, `@` so a spreadsheet does not run the cell as a formula.
    public static func field(_ text: String) -> String {
        var value = Sanitizer.clean(text, newlines: .keep)
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "'" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
