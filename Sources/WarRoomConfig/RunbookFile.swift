import WarRoomCore
import Yams

/// Reads one runbook: a Markdown file that may open with YAML front matter (`---` on its first
/// line, `---` again after it) giving `service`, `owner`, `alerts`, `dashboards`, `last_tested`,
/// `tested_by` (and `title`), then the body, split into sections by headings and searched for
/// fenced code blocks. Every mistake in the front matter is a `Diagnostic` with the file's line and
/// the key; the runbook is kept whatever the mistakes (with the facts that did read), since at
/// 3 AM a runbook with a typo in its front matter is still the runbook. Never traps: an empty
/// file, a lone `---`, CRLF line ends, a byte-order mark all read.
public enum RunbookFile {
    /// The keys the front matter may have.
    public static let keys = ["service", "owner", "alerts", "dashboards", "last_tested", "tested_by", "title"]
    /// The longest one-line value (a service, an owner, a URL…) the front matter may hold.
    static let longest = 500

    /// The file at `path`, named after its file name without `.md`; nil with the reason when it
    /// cannot be read (missing, not a regular file, larger than 1 MiB, not UTF-8).
    public static func read(path: String) -> (runbook: Runbook?, problems: [Diagnostic]) {
        switch FileText.read(path) {
        case .missing:
            return (nil, [Diagnostic(file: path, message: "is not there (it was listed a moment ago: moved or deleted?)")])
        case .problem(let problem):
            let tooLarge = problem.hasPrefix("is too large")
            return (nil, [Diagnostic(file: path, message: problem + (tooLarge ? "; a runbook is at most 1 MiB: split it" : "") + "; it was left out")])
        case .text(let text):
            return parse(text, name: name(ofFile: path), file: path)
        }
    }

    /// `checkout.md` → `checkout`; `a/b/KubePodCrashLooping.md` → `KubePodCrashLooping`.
    public static func name(ofFile path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.lowercased().hasSuffix(".md") ? String(last.dropLast(3)) : last
    }

    /// Reads a runbook's text; `file` labels the diagnostics. Pure.
    public static func parse(_ text: String, name: String, file: String) -> (runbook: Runbook, problems: [Diagnostic]) {
        var content = Substring(text)
        if content.unicodeScalars.first == "\u{FEFF}" { content = Substring(content.unicodeScalars.dropFirst()) }
        // `\r\n` is one Character, and a newline: CRLF files split like LF ones.
        let lines = content.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var runbook = Runbook(name: name, file: file)
        var problems: [Diagnostic] = []
        var bodyStart = 0
        if let first = lines.first, isFence(first) {
            if let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) || lines[$0].trimmingTrailing == "..." }) {
                var reader = FrontMatterReader(file: file)
                reader.read(lines[1..<close].joined(separator: "\n"))
                runbook.facts = reader.facts
                runbook.hasFrontMatter = true
                problems = reader.problems
                bodyStart = close + 1
            } else {
                problems.append(Diagnostic(file: file, line: 1, message: "opens front matter with --- but no later line closes it with ---: "
                                           + "the file was read as Markdown without facts; add a line --- after the last key"))
            }
        }
        let body = Array(lines[min(bodyStart, lines.count)...])
        runbook.body = body.joined(separator: "\n")
        runbook.bodyLine = bodyStart + 1
        (runbook.sections, runbook.codeBlocks) = RunbookMarkdown.split(body, firstLine: bodyStart + 1)
        return (runbook, problems)
    }

    static func isFence(_ line: String) -> Bool { line.trimmingTrailing == "---" }

    /// The front matter's keys, each mistake said with the Markdown file's line (the front
    /// matter starts on line 2).
    struct FrontMatterReader: YAMLReader {
        let file: String
        var problems: [Diagnostic] = []
        var failed = false
        var lineOffset: Int { 1 }
        var facts = RunbookFacts()
        static let table = "front matter"

        init(file: String) { self.file = file }

        mutating func read(_ yaml: String) {
            let node: Node?
            do { node = try Yams.compose(yaml: yaml) } catch {
                yamlError(error)
                return
            }
            guard let node else { return }  // `---` then `---`: no facts
            guard let fields = entries(node, known: RunbookFile.keys, table: Self.table) else { return }
            facts.title = text(fields["title"], key: "title", example: "Checkout: high error rate")
            facts.service = text(fields["service"], key: "service", example: "checkout")
            facts.owner = text(fields["owner"], key: "owner", example: "payments (#payments-oncall)")
            facts.testedBy = text(fields["tested_by"], key: "tested_by", example: "alice")
            facts.alerts = list(fields["alerts"], key: "alerts", example: "- CheckoutHighErrorRate") { reader, item, value in
                guard !value.contains(",") else {
                    reader.problem(item, key: "alerts", table: Self.table, "'\(value)' looks like several names: write one per line, - \(value.split(separator: ",")[0])")
                    return nil
                }
                return value
            }
            facts.dashboards = list(fields["dashboards"], key: "dashboards", example: "- https://grafana.example.com/d/checkout") { reader, item, value in
                let lower = value.lowercased()
                guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), !value.contains(where: \.isWhitespace) else {
                    reader.problem(item, key: "dashboards", table: Self.table, "'\(value)' is not a URL: write https://… (one per line)")
                    return nil
                }
                return value
            }
            if let node = fields["last_tested"] { lastTested(node) }
            if facts.testedBy != nil, facts.lastTested == nil, fields["last_tested"] == nil {
                problem(fields["tested_by"], key: "tested_by", table: Self.table, "says who tested it but not when: add last_tested: YYYY-MM-DD")
            }
        }

        /// One line of text; nil (said) when it is empty, a list or a mapping, or too long.
        mutating func text(_ node: Node?, key: String, example: String) -> String? {
            guard let node else { return nil }
            guard let scalar = node.scalar else {
                problem(node, key: key, table: Self.table, "must be one line of text (\(key): \(example)), not a "
                        + (node.sequence != nil ? "list" : "mapping"))
                return nil
            }
            let value = String(scalar.string.trimmingSpaces)
            guard !value.isEmpty, !isNull(node) else {
                problem(node, key: key, table: Self.table, "is empty: write \(key): \(example), or leave the key out")
                return nil
            }
            guard !value.contains(where: \.isNewline) else {
                problem(node, key: key, table: Self.table, "must be one line of text (\(key): \(example))")
                return nil
            }
            guard value.count <= RunbookFile.longest else {
                problem(node, key: key, table: Self.table, "is longer than \(RunbookFile.longest) characters: shorten it")
                return nil
            }
            return value
        }

        /// A list of one-line values (a single value is a list of one), each checked by `check`.
        mutating func list(_ node: Node?, key: String, example: String, _ check: (inout Self, Node, String) -> String?) -> [String] {
            guard let node else { return [] }
            let items: [Node]
            if let sequence = node.sequence {
                items = Array(sequence)
            } else if node.scalar != nil, !isNull(node) {
                items = [node]
            } else {
                problem(node, key: key, table: Self.table, node.mapping != nil ? "must be a list, one per line: \(example)"
                        : "is empty: list them one per line (\(example)), or leave the key out")
                return []
            }
            var values: [String] = []
            for item in items {
                guard let value = item.scalar.map({ String($0.string.trimmingSpaces) }), !value.isEmpty, !isNull(item) else {
                    problem(item, key: key, table: Self.table, "each item is one line of text: \(example)")
                    continue
                }
                guard value.count <= RunbookFile.longest, !value.contains(where: \.isNewline) else {
                    problem(item, key: key, table: Self.table, "an item is longer than one line of \(RunbookFile.longest) characters: \(example)")
                    continue
                }
                if let checked = check(&self, item, value) { values.append(checked) }
            }
            return values
        }

        /// `2026-09-14` (that day's midnight UTC) or an ISO 8601 instant (`2026-09-14T10:00:00Z`).
        mutating func lastTested(_ node: Node) {
            facts.lastTestedLine = line(node)
            guard let scalar = node.scalar, !isNull(node), !scalar.string.trimmingSpaces.isEmpty else {
                problem(node, key: "last_tested", table: Self.table, "is empty: write the day it was last tested (2026-09-14), "
                        + "or leave the key out if it never was")
                return
            }
            let value = String(scalar.string.trimmingSpaces)
            if RunbookFile.isDate(value), let midnight = Timestamp(iso8601: value + "T00:00Z") {
                facts.lastTested = midnight
                facts.lastTestedIsDate = true
            } else if value.count > 10, RunbookFile.isDate(String(value.prefix(10))), let instant = Timestamp(iso8601: value) {
                facts.lastTested = instant
                facts.lastTestedIsDate = false
            } else {
                problem(node, key: "last_tested", table: Self.table, "'\(value.prefix(40))' is not a date: write YYYY-MM-DD (2026-09-14) "
                        + "or an ISO 8601 instant (2026-09-14T10:00:00Z)")
            }
        }

        /// `~`, `null`, or nothing after the colon (a quoted `"null"` is text).
        func isNull(_ node: Node) -> Bool {
            guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
            return node.null != nil
        }
    }

    /// `2026-09-14`: four digits, two, two, with dashes (whether the day exists is `Timestamp`'s to say).
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in index == 4 || index == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    }
}

extension String {
    /// Without trailing spaces and tabs (`--- ` still closes front matter).
    var trimmingTrailing: Substring {
        var slice = Substring(self)
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return slice
    }
}
