import Testing
import Foundation
import WarRoomCore
import WarRoomTestSupport
import WarRoomReports

@Suite("Markdown escaping")
struct MarkdownEscapingTests {
    @Test("Escaping primitives", arguments: [
        ("cell pipes", MarkdownText.cell("a | b|c"), "a \\| b\\|c"),
        ("cell newlines", MarkdownText.cell("one\ntwo\r\nthree"), "one / two / three"),
        ("html", MarkdownText.inline("<script>alert(1)</script> & co"), "\\<script>alert(1)\\</script> & co"),
        ("comparisons stay as typed", MarkdownText.inline("p99 > 2s & p50 < 1s"), "p99 > 2s & p50 < 1s"),
        ("entities typed stay text", MarkdownText.inline("&gt; &#62; &#x3E; &amp R&D"), "\\&gt; \\&#62; \\&#x3E; &amp R&D"),
        ("html comment and autolink", MarkdownText.inline("<!-- x --> <https://x.y>"), "\\<!-- x --> \\<https://x.y>"),
        ("links and code", MarkdownText.inline("[x](javascript:y) `rm`"), "\\[x\\](javascript:y) \\`rm\\`"),
        ("emphasis", MarkdownText.inline("*bold* _it_ ~~s~~"), "\\*bold\\* \\_it\\_ \\~\\~s\\~\\~"),
        ("backslash", MarkdownText.inline("C:\\path"), "C:\\\\path"),
        ("heading at line start", MarkdownText.line("# heading"), "\\# heading"),
        ("list at line start", MarkdownText.line("- item"), "\\- item"),
        ("plus at line start", MarkdownText.line("+ item"), "\\+ item"),
        ("setext underline", MarkdownText.line("==="), "\\==="),
        ("ordered list", MarkdownText.line("1. first"), "1\\. first"),
        ("ordered list paren", MarkdownText.line("12) twelfth"), "12\\) twelfth"),
        ("quote", MarkdownText.line("> quoted"), "\\> quoted"),
        ("quote mid-line stays", MarkdownText.line("a > b"), "a > b"),
        ("mid-line hash stays", MarkdownText.line("see #2"), "see #2"),
        ("paragraphs", MarkdownText.paragraph("    indented\n# h\n\n\n\nnext"), "indented\n\\# h\n\nnext"),
    ] as [(String, String, String)])
    func primitives(_ name: String, _ actual: String, _ expected: String) {
        #expect(actual == expected, "\(name)")
    }

    @Test("List items drop the person's own bullet and escape the rest")
    func listItems() {
        #expect(MarkdownText.listItems("- a\n* b\n\n• c\n# d\n  \n") == ["a", "b", "c", "\\# d"])
    }

    /// A document built from text that tries every Markdown trick.
    static func hostileDocument() -> String {
        var scenario = Scenario.declared(.sev2, title: "# Pwned | <b>bold</b>", service: "api|web")
        scenario.at("14:05")
        scenario.log(.action, "rolled back | checked | done", tags: [.repair])
        scenario.log(.note, "# heading in an entry\n- a list\n<script>alert(1)</script>")
        scenario.log(.finding, "a\\|b and a trailing backslash \\")
        scenario.must(.setPostmortemText(.summary, text: "# Not a heading\n1. not a list\n<img src=x onerror=alert(1)>"))
        scenario.must(.setPostmortemText(.wentWell, text: "## sneaky\n| col | col |"))
        scenario.must(.setFactor(.immediate, text: "| pipe | in | factor |"))
        scenario.must(.addWhy("# why\n## deeper"))
        scenario.must(.addActionItem(text: "fix | this", owner: "team|a", priority: .p2, due: utc("2026-12-01T00:00:00Z"),
                                     fromEntry: nil))
        scenario.log(.note, "TODO: | split | me |")
        return PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now)
    }

    /// The cells of a table row: split at pipes not escaped by a backslash.
    static func columns(_ row: String) -> Int {
        var count = 0
        var backslashes = 0
        for character in row {
            if character == "|" && backslashes % 2 == 0 { count += 1 }
            backslashes = character == "\\" ? backslashes + 1 : 0
        }
        return count - 1
    }

    @Test("A pipe in user text never adds a table column")
    func tables() {
        let lines = Self.hostileDocument().split(separator: "\n").map(String.init)
        let timeline = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| ID") }
        let timelineRows = timeline.filter { Self.columns($0) == 2 }
        let actionRows = timeline.filter { Self.columns($0) == 6 }
        #expect(timelineRows.count + actionRows.count == timeline.count, "rows with a broken column count: \(timeline)")
        #expect(actionRows.count == 1)
        #expect(timelineRows.contains { $0.contains("rolled back \\| checked \\| done") })
        #expect(lines.contains("| ID | Action | Owner | Priority | Due Date | Status |"))
    }

    @Test("Headings, lists and HTML in user text are neutralized")
    func blocks() {
        let document = Self.hostileDocument()
        let lines = document.split(separator: "\n").map(String.init)
        let ours: Set<String> = [
            "## Executive Summary", "## Impact", "## Timeline (UTC)", "## Root Cause Analysis", "### What happened",
            "### Contributing Factors", "### 5 Whys", "## What Went Well", "## What Went Poorly", "## Action Items",
            "### Proposed from the timeline (TODO: entries)", "## Lessons Learned",
        ]
        #expect(lines.first == "# Post-Mortem: \\# Pwned \\| \\<b>bold\\</b>")
        for line in lines.dropFirst() where line.hasPrefix("#") {
            #expect(ours.contains(line), "a heading from user text: \(line)")
        }
        for tag in ["<script", "<img", "<b>", "</b>", "</script"] {
            #expect(!document.replacingOccurrences(of: "\\" + tag, with: "").contains(tag), "\(tag) unescaped")
        }
        #expect(document.contains("\\<script>alert(1)\\</script>"))
        #expect(document.contains("\\# Not a heading\n1\\. not a list\n\\<img src=x onerror=alert(1)>"))
        #expect(lines.contains("- \\## sneaky"))
        #expect(lines.contains("- \\| col \\| col \\|"))
        #expect(document.contains("Why did the service go down? → # why / ## deeper"), "mid-line: no block")
        // Every list item and numbered line starts with our own marker and escaped user text.
        for line in lines where line.hasPrefix("- ") {
            let rest = line.dropFirst(2)
            #expect(!(rest.hasPrefix("- ") || rest.hasPrefix("# ") || rest.hasPrefix("+ ")), "nested block: \(line)")
        }
    }
}
