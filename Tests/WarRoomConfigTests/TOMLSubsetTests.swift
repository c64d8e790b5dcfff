import Testing
@testable import WarRoomConfig

/// A document the reader must accept, and what it must produce.
struct GoodTOML: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var entries: [TOMLEntry]
    var testDescription: String { name }
}

/// A document with one problem, and where the reader must say it is.
struct BadTOML: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var line: Int
    var key: String?
    var fragment: String
    var testDescription: String { name }
}

private func entry(_ table: [String], _ key: String, _ value: TOMLValue, _ line: Int) -> TOMLEntry {
    TOMLEntry(table: table, key: key, value: value, line: line)
}

@Suite("TOML subset")
struct TOMLSubsetTests {
    static let good: [GoodTOML] = [
        GoodTOML(name: "comments and blank lines", text: "# header\n\n  name = \"x\"  # trailing\n\n",
                 entries: [entry([], "name", .string("x"), 3)]),
        GoodTOML(name: "tables and nested tables", text: "a = 1\n[t]\nb = true\n\n[t.u]\nc = false\n",
                 entries: [entry([], "a", .integer(1), 1), entry(["t"], "b", .boolean(true), 3),
                           entry(["t", "u"], "c", .boolean(false), 6)]),
        GoodTOML(name: "a parent table after its child", text: "[a.b]\nx = 1\n[a]\ny = 2\n",
                 entries: [entry(["a", "b"], "x", .integer(1), 2), entry(["a"], "y", .integer(2), 4)]),
        GoodTOML(name: "spaces and quotes in headers", text: "[ policy . \"sev1\" ]\nx = 1\n['odd key']\ny = 2",
                 entries: [entry(["policy", "sev1"], "x", .integer(1), 2), entry(["odd key"], "y", .integer(2), 4)]),
        GoodTOML(name: "quoted keys", text: "\"my key\" = 'v'\n'lit.key' = \"w\"\n\"\" = 1\n",
                 entries: [entry([], "my key", .string("v"), 1), entry([], "lit.key", .string("w"), 2),
                           entry([], "", .integer(1), 3)]),
        GoodTOML(name: "basic string escapes", text: #"s = "q\" b\\ n\n t\t e\u00e9 x\U0001F600 r\r""#,
                 entries: [entry([], "s", .string("q\" b\\ n\n t\t e\u{e9} x\u{1F600} r\r"), 1)]),
        GoodTOML(name: "literal strings keep backslashes", text: #"p = 'C:\path\n "quoted"'"#,
                 entries: [entry([], "p", .string(#"C:\path\n "quoted""#), 1)]),
        GoodTOML(name: "empty strings and a # inside a string", text: "e = \"\"\nl = ''\nh = \"#ff0000\" # red\n",
                 entries: [entry([], "e", .string(""), 1), entry([], "l", .string(""), 2),
                           entry([], "h", .string("#ff0000"), 3)]),
        GoodTOML(name: "integers with signs and separators",
                 text: "a = +1_000\nb = -42\nc = 0\nd = 9_223_372_036_854_775_807\ne = -9223372036854775808\n",
                 entries: [entry([], "a", .integer(1000), 1), entry([], "b", .integer(-42), 2), entry([], "c", .integer(0), 3),
                           entry([], "d", .integer(Int64.max), 4), entry([], "e", .integer(Int64.min), 5)]),
        GoodTOML(name: "CRLF line ends", text: "a = 1\r\n\r\nb = 'x'\r\n",
                 entries: [entry([], "a", .integer(1), 1), entry([], "b", .string("x"), 3)]),
        GoodTOML(name: "a byte-order mark", text: "\u{FEFF}a = true",
                 entries: [entry([], "a", .boolean(true), 1)]),
        GoodTOML(name: "tabs around everything", text: "\t[t]\t# c\n\tk\t=\t1\t",
                 entries: [entry(["t"], "k", .integer(1), 2)]),
        GoodTOML(name: "non-ASCII text in strings and comments", text: "# café ☕\nn = \"Zoë 🚨\"",
                 entries: [entry([], "n", .string("Zoë 🚨"), 2)]),
    ]

    @Test("Accepted documents", arguments: good)
    func accepts(_ example: GoodTOML) {
        let document = TOMLSubset.parse(example.text, file: "t.toml")
        #expect(document.diagnostics == [])
        #expect(document.entries == example.entries)
    }

    static let bad: [BadTOML] = [
        BadTOML(name: "array", text: "a = [1, 2]", line: 1, key: "a", fragment: "arrays hold only quoted strings"),
        BadTOML(name: "inline table", text: "# c\na = { b = 1 }", line: 2, key: "a", fragment: "inline tables are not supported"),
        BadTOML(name: "float", text: "a = 1.5", line: 1, key: "a", fragment: "floats are not supported"),
        BadTOML(name: "float with exponent", text: "a = 1e3", line: 1, key: "a", fragment: "floats are not supported"),
        BadTOML(name: "infinity", text: "a = -inf", line: 1, key: "a", fragment: "floats are not supported"),
        BadTOML(name: "date", text: "\n\na = 1979-05-27", line: 3, key: "a", fragment: "dates and times are not supported"),
        BadTOML(name: "time", text: "a = 07:32:00", line: 1, key: "a", fragment: "dates and times are not supported"),
        BadTOML(name: "date-time", text: "a = 1979-05-27T07:32:00Z", line: 1, key: "a", fragment: "dates and times"),
        BadTOML(name: "multi-line basic string", text: "a = \"\"\"x\"\"\"", line: 1, key: "a", fragment: "multi-line strings"),
        BadTOML(name: "multi-line literal string", text: "a = '''x'''", line: 1, key: "a", fragment: "multi-line literal strings"),
        BadTOML(name: "duplicate key", text: "a = 1\nb = 2\na = 3", line: 3, key: "a", fragment: "already set on line 1"),
        BadTOML(name: "duplicate key, quoted the second time", text: "[t]\na = 1\n\"a\" = 2", line: 3, key: "a",
                fragment: "already set on line 2"),
        BadTOML(name: "duplicate table", text: "[t]\nx = 1\n\n[t]\ny = 2", line: 4, key: nil, fragment: "already defined on line 1"),
        BadTOML(name: "array of tables", text: "[[t]]", line: 1, key: nil, fragment: "arrays of tables"),
        BadTOML(name: "table over a key", text: "t = 1\n[t]", line: 2, key: nil, fragment: "clashes with the key 't' set on line 1"),
        BadTOML(name: "key over a table", text: "[a.b]\n[a]\nb = 1", line: 3, key: "b", fragment: "clashes with the table [a.b]"),
        BadTOML(name: "unclosed header", text: "[t", line: 1, key: nil, fragment: "expected ']'"),
        BadTOML(name: "empty header", text: "[]", line: 1, key: nil, fragment: "cannot start a key"),
        BadTOML(name: "text after a header", text: "[t] x", line: 1, key: nil, fragment: "unexpected text after the table header"),
        BadTOML(name: "unterminated string", text: "a = \"abc", line: 1, key: "a", fragment: "unterminated string"),
        BadTOML(name: "unterminated literal string", text: "a = 'abc", line: 1, key: "a", fragment: "unterminated literal string"),
        BadTOML(name: "unknown escape", text: #"a = "\q""#, line: 1, key: "a", fragment: "unknown escape '\\q'"),
        BadTOML(name: "short unicode escape", text: #"a = "\u12""#, line: 1, key: "a", fragment: "exactly 4 hex digits"),
        BadTOML(name: "surrogate escape", text: #"a = "\uD800""#, line: 1, key: "a", fragment: "not a Unicode scalar"),
        BadTOML(name: "raw control character", text: "a = \"x\u{7}\"", line: 1, key: "a", fragment: "control character U+0007"),
        BadTOML(name: "dotted key", text: "a.b = 1", line: 1, key: "a", fragment: "dotted keys are not supported"),
        BadTOML(name: "missing value", text: "a =", line: 1, key: "a", fragment: "missing value"),
        BadTOML(name: "missing value before a comment", text: "a = # x", line: 1, key: "a", fragment: "missing value"),
        BadTOML(name: "missing equals", text: "a 1", line: 1, key: "a", fragment: "expected '='"),
        BadTOML(name: "missing key", text: "= 1", line: 1, key: nil, fragment: "missing key"),
        BadTOML(name: "unquoted word", text: "theme = dark", line: 1, key: "theme", fragment: "put text in quotes"),
        BadTOML(name: "text after a value", text: "a = 1 2", line: 1, key: "a", fragment: "unexpected text after the value"),
        BadTOML(name: "text after a string", text: "a = \"x\"y", line: 1, key: "a", fragment: "unexpected text after the value"),
        BadTOML(name: "hexadecimal", text: "a = 0x1F", line: 1, key: "a", fragment: "hexadecimal, octal and binary"),
        BadTOML(name: "leading zeros", text: "a = 007", line: 1, key: "a", fragment: "leading zeros"),
        BadTOML(name: "integer overflow", text: "a = 99999999999999999999", line: 1, key: "a", fragment: "too large"),
        BadTOML(name: "doubled underscore", text: "a = 1__0", line: 1, key: "a", fragment: "'_' may only separate digits"),
        BadTOML(name: "trailing underscore", text: "a = 10_", line: 1, key: "a", fragment: "'_' may only separate digits"),
        BadTOML(name: "capitalised boolean", text: "a = True", line: 1, key: "a", fragment: "put text in quotes"),
        BadTOML(name: "non-ASCII bare key", text: "café = 1", line: 1, key: "caf", fragment: "cannot appear in a bare key"),
        BadTOML(name: "control character in a comment", text: "a = 1 # \u{1B}[31m", line: 1, key: "a", fragment: "control character U+001B"),
        BadTOML(name: "error after good lines", text: "# x\n[t]\na = 1\nb = [\n", line: 4, key: "b", fragment: "arrays"),
    ]

    @Test("Rejected documents name the line, the key and what is unsupported", arguments: bad)
    func rejects(_ example: BadTOML) throws {
        let document = TOMLSubset.parse(example.text, file: "x.toml")
        let diagnostic = try #require(document.diagnostics.first)
        #expect(document.diagnostics.count == 1)
        #expect(diagnostic.file == "x.toml")
        #expect(diagnostic.line == example.line)
        #expect(diagnostic.key == example.key)
        #expect(diagnostic.message.contains(example.fragment), "\(diagnostic.message)")
        #expect(diagnostic.description.hasPrefix("x.toml:\(example.line): "))
    }

    @Test("A bad line is dropped and the rest still read")
    func recovers() {
        let document = TOMLSubset.parse("a = [1]\nb = 2\n[t]\nc = 1.5\nd = 'ok'\n", file: "f")
        #expect(document.entries == [entry([], "b", .integer(2), 2), entry(["t"], "d", .string("ok"), 5)])
        #expect(document.diagnostics.map(\.line) == [1, 4])
        #expect(document.diagnostics.map(\.table) == ["", "t"])
    }

    @Test("Keys under a rejected header are checked but not kept")
    func keysUnderBadHeaderDropped() {
        let document = TOMLSubset.parse("[t]\na = 1\n[t]\nb = 2\nc = [\n[u]\nd = 3\n", file: "f")
        #expect(document.entries == [entry(["t"], "a", .integer(1), 2), entry(["u"], "d", .integer(3), 7)])
        #expect(document.diagnostics.map(\.line) == [3, 5])
        #expect(document.tables == [TOMLTable(path: ["t"], line: 1), TOMLTable(path: ["u"], line: 6)])
    }

    @Test("Headers are listed even when empty")
    func emptyTablesListed() {
        let document = TOMLSubset.parse("[a]\n[b.c]\n", file: "f")
        #expect(document.tables == [TOMLTable(path: ["a"], line: 1), TOMLTable(path: ["b", "c"], line: 2)])
        #expect(document.entries.isEmpty)
    }

    @Test("Arbitrary input never traps")
    func noTraps() {
        let alphabet = Array("ab1_-=.[]{}\"'\\#\n\r\t u+e:x0\u{0}\u{7F}é🚨\u{FEFF}".unicodeScalars)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3000 {
            var text = String.UnicodeScalarView()
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(seed >> 58)
            for _ in 0..<length {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(seed >> 33) % alphabet.count])
            }
            let document = TOMLSubset.parse(String(text), file: "fuzz")
            for diagnostic in document.diagnostics {
                #expect((diagnostic.line ?? 0) >= 1)
            }
        }
    }

    @Test("Values print back as TOML")
    func tomlText() {
        #expect(TOMLValue.string("a\"b\\\n\u{1B}").tomlText == #""a\"b\\\n\u001B""#)
        #expect(TOMLValue.integer(-3).tomlText == "-3")
        #expect(TOMLValue.boolean(true).tomlText == "true")
    }
}
