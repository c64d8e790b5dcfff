/// A value the TOML subset understands.
public enum TOMLValue: Hashable, Sendable {
    /// A basic ("…") or literal ('…') string, escapes resolved.
    case string(String)
    /// A decimal integer.
    case integer(Int64)
    /// `true` or `false`.
    case boolean(Bool)
    /// A one-line array of strings: `["customers", "executives"]`.
    case strings([String])

    /// The value's type as a user reads it in a message: `a string`, `an integer`, `a boolean`.
    public var typeDescription: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .boolean: "a boolean"
        case .strings: "an array of strings"
        }
    }

    /// The value as it would be written in the file, for messages.
    public var tomlText: String {
        switch self {
        case let .string(text): "\"" + TOMLValue.escaped(text) + "\""
        case let .integer(value): String(value)
        case let .boolean(value): value ? "true" : "false"
        case let .strings(values): "[" + values.map { "\"" + TOMLValue.escaped($0) + "\"" }.joined(separator: ", ") + "]"
        }
    }

    /// The text with quotes, backslashes and control characters escaped as a basic string needs.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

/// One `key = value` line: the table it sits in, the key, the value and the 1-based line.
public struct TOMLEntry: Hashable, Sendable {
    /// The path of the enclosing `[table]`; empty for the top level.
    public var table: [String]
    /// The key, unquoted.
    public var key: String
    /// The value.
    public var value: TOMLValue
    /// The 1-based line the key is on.
    public var line: Int

    /// An entry as the reader produces it.
    public init(table: [String], key: String, value: TOMLValue, line: Int) {
        self.table = table
        self.key = key
        self.value = value
        self.line = line
    }
}

/// One `[table]` header and its 1-based line.
public struct TOMLTable: Hashable, Sendable {
    /// The header's path: `[policy.sev1]` is `["policy", "sev1"]`.
    public var path: [String]
    /// The 1-based line of the header.
    public var line: Int

    /// A header as the reader produces it.
    public init(path: [String], line: Int) {
        self.path = path
        self.line = line
    }
}

/// What the reader made of a file: the entries and headers in file order, and every problem.
public struct TOMLDocument: Hashable, Sendable {
    /// Every accepted `key = value`, in file order.
    public var entries: [TOMLEntry]
    /// Every accepted `[table]` header, in file order.
    public var tables: [TOMLTable]
    /// Every line that was not understood; those lines contribute nothing to `entries`.
    public var diagnostics: [Diagnostic]
}

/// A reader for the small part of TOML that themes and the config file use, written here because
/// every key must keep its line for error messages. Understands comments, blank lines, `[table]`
/// and `[a.b]` headers, and `key = value` with bare or quoted keys whose values are basic strings,
/// literal strings, integers or booleans. Everything else is reported, never trapped on.
public enum TOMLSubset {
    /// Reads `text`; `file` only labels the diagnostics. Pure.
    public static func parse(_ text: String, file: String) -> TOMLDocument {
        var reader = Reader(file: file)
        // Split on scalars, not Characters: "\r\n" is one Character and would hide the line break.
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        for (index, rawLine) in scalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Array(rawLine)
            if line.last == "\r" { line.removeLast() }
            reader.read(line: line, number: index + 1)
        }
        return TOMLDocument(entries: reader.entries, tables: reader.tables, diagnostics: reader.diagnostics)
    }

    /// A table path as written in a header: `policy.sev1`.
    public static func display(_ path: [String]) -> String {
        path.map { isBare($0) ? $0 : "\"" + TOMLValue.escaped($0) + "\"" }.joined(separator: ".")
    }

    static func isBare(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy(isBareKeyScalar)
    }

    static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }
}

/// A problem on one line; the line is dropped.
private struct LineError: Error {
    var key: String?
    var message: String
}

private struct Reader {
    let file: String
    var entries: [TOMLEntry] = []
    var tables: [TOMLTable] = []
    var diagnostics: [Diagnostic] = []

    /// nil after a header that was rejected: its keys are still checked but not kept, so one bad
    /// header does not turn into a cascade of misplaced keys.
    var current: [String]? = []
    var explicitTables: [[String]: Int] = [:]
    var implicitTables: Set<[String]> = []
    var keyLines: [[String]: Int] = [:]

    init(file: String) { self.file = file }

    mutating func read(line: [Unicode.Scalar], number: Int) {
        var cursor = Cursor(scalars: line)
        cursor.skipSpaces()
        guard let first = cursor.peek, first != "#" else {
            if let problem = cursor.checkComment() { report(number, key: nil, problem) }
            return
        }
        do {
            if first == "[" {
                try readHeader(&cursor, number: number)
            } else {
                try readKeyValue(&cursor, number: number)
            }
        } catch {
            report(number, key: error.key, error.message)
        }
    }

    mutating func report(_ line: Int, key: String?, _ message: String) {
        let table = current.map(TOMLSubset.display)
        diagnostics.append(Diagnostic(file: file, line: line, table: table, key: key, message: message))
    }

    mutating func readHeader(_ cursor: inout Cursor, number: Int) throws(LineError) {
        do {
            try acceptHeader(&cursor, number: number)
        } catch {
            current = nil
            throw LineError(key: error.key, message: error.message + " (keys up to the next table header are ignored)")
        }
    }

    mutating func acceptHeader(_ cursor: inout Cursor, number: Int) throws(LineError) {
        cursor.advance()
        if cursor.peek == "[" {
            throw LineError(message: "arrays of tables ([[…]]) are not supported; use one [table] per section")
        }
        var path: [String] = []
        while true {
            cursor.skipSpaces()
            path.append(try cursor.readKey())
            cursor.skipSpaces()
            if cursor.peek == "." { cursor.advance(); continue }
            if cursor.peek == "]" { cursor.advance(); break }
            throw LineError(message: "expected ']' to close the table header")
        }
        if let problem = cursor.checkEnd(after: "the table header") {
            throw LineError(message: problem)
        }
        let shown = TOMLSubset.display(path)
        if let earlier = explicitTables[path] {
            throw LineError(message: "table [\(shown)] is already defined on line \(earlier); merge the two")
        }
        for length in 1...path.count {
            if let earlier = keyLines[Array(path.prefix(length))] {
                throw LineError(message: "table [\(shown)] clashes with the key '\(TOMLSubset.display(Array(path.prefix(length))))' set on line \(earlier)")
            }
        }
        explicitTables[path] = number
        for length in 1..<path.count { implicitTables.insert(Array(path.prefix(length))) }
        tables.append(TOMLTable(path: path, line: number))
        current = path
    }

    mutating func readKeyValue(_ cursor: inout Cursor, number: Int) throws(LineError) {
        let key = try cursor.readKey()
        cursor.skipSpaces()
        if cursor.peek == "." {
            throw LineError(key: key, message: "dotted keys are not supported; put the key under a [table] header")
        }
        guard cursor.peek == "=" else {
            throw LineError(key: key, message: "expected '=' after the key (key = value)")
        }
        cursor.advance()
        cursor.skipSpaces()
        let value: TOMLValue
        do {
            value = try cursor.readValue()
        } catch {
            throw LineError(key: key, message: error.message)
        }
        if let problem = cursor.checkEnd(after: "the value") {
            throw LineError(key: key, message: problem)
        }
        guard let table = current else { return }
        let path = table + [key]
        if let earlier = keyLines[path] {
            throw LineError(key: key, message: "duplicate key: already set on line \(earlier); this one is ignored")
        }
        if explicitTables[path] != nil || implicitTables.contains(path) {
            throw LineError(key: key, message: "key clashes with the table [\(TOMLSubset.display(path))]")
        }
        keyLines[path] = number
        entries.append(TOMLEntry(table: table, key: key, value: value, line: number))
    }
}

private struct Cursor {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    func peek(at offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }
    mutating func advance() { index += 1 }

    mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" { advance() }
    }

    /// After a header or value: only spaces and a comment may follow.
    mutating func checkEnd(after what: String) -> String? {
        skipSpaces()
        guard let scalar = peek else { return nil }
        if scalar == "#" { return checkComment() }
        let rest = String(String.UnicodeScalarView(scalars[index...].prefix(20)))
        return "unexpected text after \(what): '\(TOMLValue.escaped(rest))' (start a comment with #)"
    }

    /// A comment may hold anything but control characters (TOML's rule; they would hide text).
    func checkComment() -> String? {
        for scalar in scalars[index...] where isControl(scalar) {
            return "control character U+\(hex4(scalar)) is not allowed (not even in a comment)"
        }
        return nil
    }

    mutating func readKey() throws(LineError) -> String {
        guard let first = peek else { throw LineError(message: "expected a key") }
        switch first {
        case "\"":
            if peek(at: 1) == "\"" && peek(at: 2) == "\"" {
                throw LineError(message: "multi-line strings cannot be keys")
            }
            return try readBasicString()
        case "'":
            if peek(at: 1) == "'" && peek(at: 2) == "'" {
                throw LineError(message: "multi-line strings cannot be keys")
            }
            return try readLiteralString()
        default:
            var key = String.UnicodeScalarView()
            while let scalar = peek, TOMLSubset.isBareKeyScalar(scalar) {
                key.append(scalar)
                advance()
            }
            if key.isEmpty {
                if first == "=" { throw LineError(message: "missing key before '='") }
                throw LineError(message: "'\(TOMLValue.escaped(String(first)))' cannot start a key: bare keys use A-Z a-z 0-9 _ - (quote any other key)")
            }
            if let next = peek, next != " ", next != "\t", next != "=", next != ".", next != "]" {
                throw LineError(key: String(key), message: "'\(TOMLValue.escaped(String(next)))' cannot appear in a bare key: use A-Z a-z 0-9 _ - or quote the key")
            }
            return String(key)
        }
    }

    mutating func readValue() throws(LineError) -> TOMLValue {
        guard let first = peek, first != "#" else {
            throw LineError(message: "missing value after '='")
        }
        switch first {
        case "\"":
            if peek(at: 1) == "\"" && peek(at: 2) == "\"" {
                throw LineError(message: "multi-line strings (\"\"\") are not supported; use one line with \\n")
            }
            return .string(try readBasicString())
        case "'":
            if peek(at: 1) == "'" && peek(at: 2) == "'" {
                throw LineError(message: "multi-line literal strings (''') are not supported")
            }
            return .string(try readLiteralString())
        case "[":
            return .strings(try readStringArray())
        case "{":
            throw LineError(message: "inline tables are not supported; use a [table] header")
        default:
            var token = ""
            while let scalar = peek, scalar != " ", scalar != "\t", scalar != "#" {
                token.unicodeScalars.append(scalar)
                advance()
            }
            return try Cursor.classify(token)
        }
    }

    /// `[ "a", 'b', ]` on one line: strings only (what the config's lists hold), a trailing comma allowed.
    mutating func readStringArray() throws(LineError) -> [String] {
        advance()
        var values: [String] = []
        while true {
            skipSpaces()
            guard let scalar = peek else { throw LineError(message: "unterminated array: missing closing ] (arrays are one line)") }
            switch scalar {
            case "]":
                advance()
                return values
            case "\"":
                values.append(try readBasicString())
            case "'":
                values.append(try readLiteralString())
            default:
                throw LineError(message: "arrays hold only quoted strings here: [\"a\", \"b\"]")
            }
            skipSpaces()
            if peek == "," { advance(); continue }
            guard peek == "]" else {
                throw LineError(message: peek == nil ? "unterminated array: missing closing ] (arrays are one line)"
                                                     : "expected ',' or ']' after an array's string")
            }
        }
    }

    /// A bare value: a boolean, an integer, or the name of what is unsupported.
    static func classify(_ token: String) throws(LineError) -> TOMLValue {
        if token == "true" { return .boolean(true) }
        if token == "false" { return .boolean(false) }
        let shown = TOMLValue.escaped(String(token.prefix(40)))
        var body = Substring(token)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        if body == "inf" || body == "nan" {
            throw LineError(message: "floats are not supported (found '\(shown)')")
        }
        let allowed = "0123456789_+-.eE:TZtz"
        guard let lead = body.first, lead.isASCII, lead.isNumber,
              token.allSatisfy({ allowed.contains($0) }) || body.hasPrefix("0x") || body.hasPrefix("0o") || body.hasPrefix("0b")
        else {
            throw LineError(message: "'\(shown)' is not a value: put text in quotes (\"…\"); numbers and true/false go bare")
        }
        if body.hasPrefix("0x") || body.hasPrefix("0o") || body.hasPrefix("0b") {
            throw LineError(message: "hexadecimal, octal and binary integers are not supported (found '\(shown)'); write a decimal number")
        }
        let digitsAndDashes = body.prefix(5)
        if token.contains(":") || (digitsAndDashes.count == 5 && digitsAndDashes.last == "-") {
            throw LineError(message: "dates and times are not supported (found '\(shown)'); write it as a string")
        }
        if body.contains(".") || body.contains("e") || body.contains("E") {
            throw LineError(message: "floats are not supported (found '\(shown)'); write a whole number")
        }
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }) else {
            throw LineError(message: "'\(shown)' is not a number")
        }
        // Underscores only between digits, and no leading zeros (TOML's rules).
        guard body.first != "_", body.last != "_", !body.contains("__") else {
            throw LineError(message: "'\(shown)' is not a number: '_' may only separate digits")
        }
        let digits = body.filter { $0 != "_" }
        if digits.count > 1 && digits.first == "0" {
            throw LineError(message: "'\(shown)' is not a number: leading zeros are not allowed")
        }
        guard let value = Int64(token.first == "-" ? "-" + digits : digits) else {
            throw LineError(message: "'\(shown)' is too large for an integer")
        }
        return .integer(value)
    }

    mutating func readBasicString() throws(LineError) -> String {
        advance()
        var result = String.UnicodeScalarView()
        while let scalar = peek {
            advance()
            switch scalar {
            case "\"":
                return String(result)
            case "\\":
                guard let escape = peek else { throw LineError(message: "unterminated string: missing closing \"") }
                advance()
                switch escape {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "b": result.append("\u{08}")
                case "f": result.append("\u{0C}")
                case "u": result.append(try readHexScalar(digits: 4))
                case "U": result.append(try readHexScalar(digits: 8))
                default:
                    throw LineError(message: "unknown escape '\\\(TOMLValue.escaped(String(escape)))' in string: use \\\" \\\\ \\n \\t \\uXXXX, or a '…' literal string")
                }
            default:
                if isControl(scalar) {
                    throw LineError(message: "control character U+\(hex4(scalar)) in a string must be escaped (\\uXXXX)")
                }
                result.append(scalar)
            }
        }
        throw LineError(message: "unterminated string: missing closing \"")
    }

    mutating func readLiteralString() throws(LineError) -> String {
        advance()
        var result = String.UnicodeScalarView()
        while let scalar = peek {
            advance()
            if scalar == "'" { return String(result) }
            if isControl(scalar) {
                throw LineError(message: "control character U+\(hex4(scalar)) is not allowed in a literal string")
            }
            result.append(scalar)
        }
        throw LineError(message: "unterminated literal string: missing closing '")
    }

    mutating func readHexScalar(digits: Int) throws(LineError) -> Unicode.Scalar {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let scalar = peek, let digit = hexValue(scalar) else {
                throw LineError(message: "\\\(digits == 4 ? "u" : "U") needs exactly \(digits) hex digits")
            }
            value = value * 16 + digit
            advance()
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw LineError(message: "\\u\(String(value, radix: 16, uppercase: true)) is not a Unicode scalar value")
        }
        return scalar
    }
}

private func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
    switch scalar {
    case "0"..."9": scalar.value - 48
    case "a"..."f": scalar.value - 87
    case "A"..."F": scalar.value - 55
    default: nil
    }
}

private func isControl(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
}

private func hex4(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}
