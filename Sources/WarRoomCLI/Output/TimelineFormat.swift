import WarRoomCore
import WarRoomReports
import WarRoomText

/// `timeline --format text|markdown|csv` (and `--json`). Every row carries its number (`#7`, as
/// `warroom log` prints it and `amend`/`retract` take it); an amended row shows its latest text,
/// marked; a retracted row stays, marked, with its reason.
enum TimelineFormat: String, CaseIterable {
    case text, markdown, csv

    func render(_ state: IncidentState) -> String {
        switch self {
        case .text:
            return state.timeline.map { Self.numberedRow($0) }.joined(separator: "\n")
        case .markdown:
            var lines = ["| # | Time (UTC) | Author | Kind | Event |", "|---|---|---|---|---|"]
            for item in state.timeline {
                var text = Self.markdownCell(TimelineWording.text(item))
                if item.isRetracted {
                    text = "~~\(text)~~ (retracted" + (item.retraction.flatMap { $0.isEmpty ? nil : ": " + Self.markdownCell($0) } ?? "") + ")"
                }
                if !item.previousTexts.isEmpty { text += " (\(Self.amendedNote(item)))" }
                lines.append("| \(item.number) | \(item.at.dateOnly) \(item.at.clockTime) | \(Self.markdownCell(item.author)) "
                    + "| \(item.kind.rawValue) | \(text) |")
            }
            return lines.joined(separator: "\n")
        case .csv:
            var lines = ["number,at,author,kind,text,retracted,amended,retraction_reason,previous_texts"]
            for item in state.timeline {
                lines.append([String(item.number), item.at.iso8601, item.author, item.kind.rawValue, TimelineWording.text(item),
                              item.isRetracted ? "true" : "false", item.previousTexts.isEmpty ? "false" : "true",
                              item.retraction ?? "", item.previousTexts.joined(separator: "\n")]
                    .map(Self.csvField).joined(separator: ","))
            }
            return lines.joined(separator: "\n")
        }
    }

    /// `#7 2026-11-28 14:02:07 alice      action       rolled back`: the `timeline` text row.
    static func numberedRow(_ item: TimelineItem) -> String {
        "#\(item.number) " + textRow(item, dated: true)
    }

    /// `14:02:07 alice    action   rolled back`, sanitized onto one line; `[retracted: reason]`
    /// before a retracted row's text, `(amended)` after an amended one's.
    static func textRow(_ item: TimelineItem, dated: Bool) -> String {
        let time = dated ? "\(item.at.dateOnly) \(item.at.clockTime)" : item.at.clockTime
        let author = Sanitizer.clean(item.author)
        var text = Sanitizer.clean(TimelineWording.text(item))
        if let reason = item.retraction {
            text = (reason.isEmpty ? "[retracted] " : "[retracted: \(Sanitizer.clean(reason))] ") + text
        }
        if !item.previousTexts.isEmpty { text += " (\(amendedNote(item)))" }
        return "\(time) \(pad(author, 10)) \(pad(item.kind.rawValue, 12)) \(text)"
    }

    /// `amended`, or `amended 3 times`.
    static func amendedNote(_ item: TimelineItem) -> String {
        item.previousTexts.count == 1 ? "amended" : "amended \(item.previousTexts.count) times"
    }

    /// One row for `--json` outputs: everything, unsanitized (JSONValue escapes it).
    static func json(_ item: TimelineItem) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("number", .number(Int64(item.number))),
            ("at", .string(item.at.iso8601)),
            ("author", .string(item.author)),
            ("kind", .string(item.kind.rawValue)),
            ("text", .string(TimelineWording.text(item))),
            ("tags", .array(item.tags.map { .string($0.rawValue) })),
            ("amended", .bool(!item.previousTexts.isEmpty)),
            ("previousTexts", .array(item.previousTexts.map(JSONValue.string))),
            ("retracted", .bool(item.isRetracted)),
            ("retractionReason", item.retraction.map { $0.isEmpty ? .null : .string($0) } ?? .null),
        ]
        // Only on rows recorded from an alert: where it came from.
        if let alert = item.alert {
            members.append(("alert", .object([
                ("format", .string(alert.format)), ("key", .string(alert.key)), ("startsAt", .string(alert.startsAt.iso8601)),
                ("runbookURL", alert.runbookURL.map(JSONValue.string) ?? .null), ("link", alert.link.map(JSONValue.string) ?? .null),
            ])))
        }
        // Only on rows recorded by `warroom exec`: the command, how it ended, the output digest.
        if let run = item.run {
            members.append(("run", .object([
                ("command", .array(run.command.map(JSONValue.string))),
                ("exitStatus", run.exitStatus.map { .number(Int64($0)) } ?? .null),
                ("signal", run.signal.map { .number(Int64($0)) } ?? .null),
                ("startError", .optional(run.startError)),
                ("durationMillis", .number(run.durationMillis)),
                ("outputBytes", .number(run.outputBytes)), ("outputLines", .number(run.outputLines)),
                ("head", .array(run.head.map(JSONValue.string))), ("tail", .array(run.tail.map(JSONValue.string))),
                ("savedOutput", .optional(run.savedOutput)),
            ])))
        }
        return .object(members)
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
    static func csvField(_ text: String) -> String { CSVText.field(text) }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

import Foundation
