import Foundation
import WarRoomCore

/// A pager's export of pages (PagerDuty's or Opsgenie's incident CSV, or JSON: a list of
/// objects, or one object holding it under `incidents`, `alerts`, `pages` or `data`), read into
/// pages for on-call health. Columns are found by name, in any case, among the names the pagers
/// use; each row needs who was paged and when. Every mistake is a `Diagnostic` with its line
/// (CSV) or item (JSON); a file with any is imported not at all, so nothing half-lands.
public enum PagerExport {
    /// One page of the export.
    public struct Row: Hashable, Sendable {
        public var page: PageImported
        public var at: Timestamp
        /// The row's line (CSV) or item number (JSON), for messages.
        public var line: Int
    }

    static let personNames = ["assigned_to", "assigned_to_user_names", "assigned_to_user", "assignee", "assignees", "owner",
                              "responder", "responders", "person", "user", "engineer", "acknowledged_by", "acknowledged_by_user_names"]
    static let createdNames = ["created_at", "created_on", "created", "createdat", "triggered_at", "start_time", "started_at", "at", "time"]
    static let acknowledgedNames = ["acknowledged_at", "acknowledged_on", "first_acknowledged_at", "acknowledgedat", "ack_at", "acked_at"]
    static let idNames = ["id", "incident_number", "incident_id", "alert_id", "tinyid", "number", "key"]
    static let titleNames = ["title", "description", "summary", "message", "name"]
    static let serviceNames = ["service", "service_name", "servicename", "team"]

    /// Reads `text`, a CSV export unless it starts with `[` or `{`; `source` names the pager or file.
    public static func parse(_ text: String, file: String, source: String) -> (rows: [Row], problems: [Diagnostic]) {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let start = body.first { !$0.isWhitespace }
        if start == "[" || start == "{" { return json(body, file: file, source: source) }
        return csv(body, file: file, source: source)
    }

    // MARK: - CSV

    static func csv(_ text: String, file: String, source: String) -> (rows: [Row], problems: [Diagnostic]) {
        let records = CSVRecords.parse(text)
        guard let header = records.first, header.fields.contains(where: { !$0.isEmpty }) else {
            return ([], [Diagnostic(file: file, message: "has no header row: the first line names the columns (created_at, assigned_to, acknowledged_at, id)")])
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_") }
        var problems: [Diagnostic] = []
        if let problem = records.unterminated {
            problems.append(Diagnostic(file: file, line: problem, message: "a quoted field is never closed: the rest of the file cannot be read"))
        }
        guard let person = column(names, personNames), let created = column(names, createdNames) else {
            let missing = [column(names, personNames) == nil ? "who was paged (assigned_to)" : nil,
                           column(names, createdNames) == nil ? "when (created_at)" : nil].compactMap { $0 }
            return ([], problems + [Diagnostic(file: file, line: header.line, message: "has no column for " + missing.joined(separator: " or ")
                + "; its columns: \(names.joined(separator: ", "))")])
        }
        let fields = Fields(person: person, created: created, acknowledged: column(names, acknowledgedNames), id: column(names, idNames),
                            title: column(names, titleNames), service: column(names, serviceNames))
        var rows: [Row] = []
        for record in records.dropFirst() where record.fields.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            func value(_ index: Int?) -> String? {
                guard let index, index < record.fields.count else { return nil }
                let text = record.fields[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            switch row(person: value(fields.person), created: value(fields.created), acknowledged: value(fields.acknowledged),
                       id: value(fields.id), title: value(fields.title), service: value(fields.service), source: source, line: record.line) {
            case .success(let row): rows.append(row)
            case .failure(let problem): problems.append(Diagnostic(file: file, line: record.line, message: problem.message))
            }
        }
        return (rows, problems)
    }

    struct Fields { var person: Int, created: Int, acknowledged: Int?, id: Int?, title: Int?, service: Int? }

    static func column(_ names: [String], _ wanted: [String]) -> Int? {
        for name in wanted { if let index = names.firstIndex(of: name) { return index } }
        return nil
    }

    struct Problem: Error { var message: String }

    /// One row's page, or what is wrong with it.
    static func row(person: String?, created: String?, acknowledged: String?, id: String?, title: String?, service: String?,
                    source: String, line: Int) -> Result<Row, Problem> {
        guard let person = person?.split(separator: ",").first.map({ $0.trimmingCharacters(in: .whitespaces) }), !person.isEmpty else {
            return .failure(Problem(message: "names nobody paged: the assigned_to column is empty"))
        }
        guard let createdText = created else { return .failure(Problem(message: "has no time: the created_at column is empty")) }
        guard let at = instant(createdText) else {
            return .failure(Problem(message: "'\(createdText)' is not a time: write ISO 8601 (2026-11-03T02:14:00Z, or with an offset)"))
        }
        var acknowledgedAt: Timestamp?
        if let text = acknowledged {
            guard let instant = instant(text) else {
                return .failure(Problem(message: "acknowledged_at '\(text)' is not a time: write ISO 8601, or leave it empty"))
            }
            guard instant >= at else {
                return .failure(Problem(message: "was acknowledged at \(instant.iso8601), before it was sent (\(at.iso8601))"))
            }
            acknowledgedAt = instant
        }
        let external = id ?? "\(person)@\(at.iso8601)"
        return .success(Row(page: PageImported(person: person, acknowledgedAt: acknowledgedAt, externalID: external, title: title,
                                               service: service, source: source), at: at, line: line))
    }

    /// ISO 8601 with an offset or `Z`, a space for the `T`, or a number of seconds (or
    /// milliseconds) since 1970 as some exports write them.
    static func instant(_ text: String) -> Timestamp? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let instant = Timestamp(iso8601: trimmed) ?? Timestamp(iso8601: trimmed.replacingOccurrences(of: " ", with: "T")) {
            return instant
        }
        if trimmed.allSatisfy(\.isASCIIDigit), let number = Int64(trimmed), number > 0 {
            let millis = number > 100_000_000_000 ? number : number * 1_000
            let instant = Timestamp(millis: millis)
            return TimeBounds.eventTimeProblem(instant, now: instant) == nil ? instant : nil
        }
        return nil
    }

    // MARK: - JSON

    static func json(_ text: String, file: String, source: String) -> (rows: [Row], problems: [Diagnostic]) {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) } catch {
            return ([], [Diagnostic(file: file, message: "is not JSON that reads (\(error.localizedDescription)): export the pages as a CSV or JSON list")])
        }
        var list = parsed as? [Any]
        if list == nil, let object = parsed as? [String: Any] {
            list = ["incidents", "alerts", "pages", "data"].lazy.compactMap { object[$0] as? [Any] }.first
        }
        guard let list else {
            return ([], [Diagnostic(file: file, message: "holds no list of pages: give a JSON list, or an object with one under incidents, alerts, pages or data")])
        }
        var rows: [Row] = []
        var problems: [Diagnostic] = []
        for (index, item) in list.enumerated() {
            guard let object = item as? [String: Any] else {
                problems.append(Diagnostic(file: file, table: "item \(index + 1)", message: "is not an object"))
                continue
            }
            let keys = Dictionary(object.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
            func value(_ names: [String]) -> String? {
                for name in names {
                    if let text = scalar(keys[name]) { return text }
                }
                return nil
            }
            // PagerDuty's API shape: assignments[0].assignee.summary.
            let assigned = (keys["assignments"] as? [[String: Any]])?.first.flatMap { ($0["assignee"] as? [String: Any])?["summary"] as? String }
            let owner = value(personNames) ?? assigned
            switch row(person: owner, created: value(createdNames), acknowledged: value(acknowledgedNames), id: value(idNames),
                       title: value(titleNames), service: value(serviceNames) ?? ((keys["service"] as? [String: Any])?["summary"] as? String),
                       source: source, line: index + 1) {
            case .success(let row): rows.append(row)
            case .failure(let problem): problems.append(Diagnostic(file: file, table: "item \(index + 1)", message: problem.message))
            }
        }
        return (rows, problems)
    }

    static func scalar(_ value: Any?) -> String? {
        switch value {
        case let text as String: text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text
        case let number as NSNumber: number.stringValue
        case let list as [Any]: list.first.flatMap { scalar($0) }
        case let object as [String: Any]: (object["summary"] ?? object["name"] ?? object["username"]).flatMap { scalar($0) }
        default: nil
        }
    }
}

/// RFC 4180 records: fields split on commas, quotes doubled inside quoted fields, CRLF or LF,
/// newlines inside quotes kept; each record with the line it starts on.
struct CSVRecords {
    struct Record { var fields: [String]; var line: Int }
    var records: [Record] = []
    /// The line of a quoted field that is never closed.
    var unterminated: Int?

    var first: Record? { records.first }
    func dropFirst() -> ArraySlice<Record> { records.dropFirst() }

    static func parse(_ text: String) -> CSVRecords {
        var result = CSVRecords()
        var fields: [String] = [], field = "", quoted = false, line = 1, start = 1, afterQuote = false
        var iterator = text.makeIterator()
        var pending: Character?
        func endRecord() {
            fields.append(field)
            result.records.append(Record(fields: fields, line: start))
            fields = []; field = ""
        }
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; afterQuote = true; pending = next }
                    } else { quoted = false }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty && !afterQuote: quoted = true
            case ",": fields.append(field); field = ""; afterQuote = false
            case "\n", "\r\n", "\r":
                endRecord(); afterQuote = false
                line += 1; start = line
            default: field.append(character)
            }
        }
        if quoted { result.unterminated = start }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return result
    }
}
