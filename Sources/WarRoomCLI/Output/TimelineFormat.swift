import WarRoomCore
import WarRoomText

/// `timeline --format text|markdown|csv`.
enum TimelineFormat: String, CaseIterable {
    case text, markdown, csv

    func render(_ state: IncidentState) -> String {
        switch self {
        case .text:
            return state.timeline.map { Self.textRow($0, dated: true) }.joined(separator: "\n")
        case .markdown:
            var lines = ["| Time (UTC) | Author | Kind | Event |", "|---|---|---|---|"]
            for item in state.timeline {
                var text = Self.markdownCell(item.text)
                if item.isRetracted { text = "~~\(text)~~ (retracted)" }
                lines.append("| \(item.at.dateOnly) \(item.at.clockTime) | \(Self.markdownCell(item.author)) | \(item.kind.rawValue) | \(text) |")
            }
            return lines.joined(separator: "\n")
        case .csv:
            var lines = ["at,author,kind,text,retracted"]
            for item in state.timeline {
                lines.append([item.at.iso8601, item.author, item.kind.rawValue, item.text, item.isRetracted ? "true" : "false"]
                    .map(Self.csvField).joined(separator: ","))
            }
            return lines.joined(separator: "\n")
        }
    }

    /// `14:02:07 alice    action   rolled back`, sanitized onto one line.
    static func textRow(_ item: TimelineItem, dated: Bool) -> String {
        let time = dated ? "\(item.at.dateOnly) \(item.at.clockTime)" : item.at.clockTime
        let author = Sanitizer.clean(item.author)
        var text = Sanitizer.clean(item.text)
        if item.isRetracted { text = "[retracted] " + text }
        if !item.previousTexts.isEmpty { text += " (amended)" }
        return "\(time) \(pad(author, 10)) \(pad(item.kind.rawValue, 12)) \(text)"
    }

    /// A table cell: one line, pipes escaped, HTML and Markdown syntax neutralized.
    static func markdownCell(_ text: String) -> String {
        var out = ""
        for character in Sanitizer.clean(text) {
            switch character {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "#", "~": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// RFC 4180 quoting, control characters made visible, and a leading `'` before `=`, `+`, `-`,
    /// `@` so a spreadsheet does not run the cell as a formula.
    static func csvField(_ text: String) -> String {
        var value = Sanitizer.clean(text, newlines: .keep)
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "'" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

import Foundation
