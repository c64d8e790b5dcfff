import Foundation
import Testing
import WarRoomConfig
import WarRoomCore

/// Runbooks: Markdown with YAML front matter, every front-matter mistake with the .md file's line,
/// the body cut into sections and code blocks, and no input that traps.
@Suite struct RunbookFileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/runbooks").path
    static let example = folder + "/checkout-high-error-rate.md"
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md").path

    static func parse(_ text: String) -> (runbook: Runbook, problems: [Diagnostic]) {
        RunbookFile.parse(text, name: "r", file: "r.md")
    }

    @Test("The README's example is the fixture, and reads whole: facts, the four sections, three bash blocks")
    func example() throws {
        let fixture = try String(contentsOfFile: Self.example, encoding: .utf8)
        let readme = try String(contentsOfFile: Self.readme, encoding: .utf8)
        let section = try #require(readme.range(of: "### Runbooks: `warroom runbook`"), "the README has the runbooks section")
        let after = readme[section.upperBound...]
        let open = try #require(after.range(of: "````markdown\n"))
        let close = try #require(after[open.upperBound...].range(of: "\n````\n"))
        #expect(String(after[open.upperBound..<close.lowerBound]) + "\n" == fixture, "the README's example is Fixtures/runbooks/checkout-high-error-rate.md")

        let (read, problems) = RunbookFile.read(path: Self.example)
        #expect(problems.isEmpty, "\(problems)")
        let runbook = try #require(read)
        #expect(runbook.name == "checkout-high-error-rate" && runbook.file == Self.example && runbook.hasFrontMatter)
        let facts = runbook.facts
        #expect(facts.service == "checkout" && facts.owner == "payments (#payments-oncall)" && facts.testedBy == "alice")
        #expect(facts.alerts == ["CheckoutHighErrorRate", "CheckoutLatencyP99"])
        #expect(facts.dashboards == ["https://grafana.example.com/d/checkout-overview"])
        #expect(facts.lastTested == Timestamp(iso8601: "2026-09-14T00:00:00Z") && facts.lastTestedIsDate && facts.lastTestedText == "2026-09-14")
        #expect(facts.lastTestedLine == 9, "the line in the .md file, front matter from line 2")
        #expect(runbook.title == "Checkout: high error rate" && runbook.hasMitigation)
        #expect(runbook.sections.map(\.title) == ["Checkout: high error rate", "Meaning", "Impact", "Diagnosis", "Mitigation"])
        #expect(runbook.sections.map(\.level) == [1, 2, 2, 2, 2] && runbook.sections.map(\.line) == [12, 14, 19, 23, 35])
        #expect(runbook.sections[2].text == "Customers cannot pay. Paying accounts are affected: at least SEV2.")
        #expect(runbook.codeBlocks.map(\.language) == ["bash", "bash", "bash"] && runbook.codeBlocks.map(\.section) == ["Diagnosis", "Mitigation", "Mitigation"])
        #expect(runbook.codeBlocks[0].text == """
            kubectl get pods -n production -l app=checkout-api
            kubectl logs -n production -l app=checkout-api --since=15m | grep -c ' 50[0-9] '
            """, "the list item's indentation is the fence's, taken off")
        #expect(runbook.codeBlocks[0].line == 27 && runbook.codeBlocks[2].text == "kubectl scale deployment/checkout-api -n production --replicas=12")
        #expect(runbook.body.hasPrefix("# Checkout: high error rate\n\n## Meaning"))
    }

    @Test("The other fixture: an instant for last_tested, a flow list of alerts, ~~~ fences, Remediation counts as Mitigation")
    func second() throws {
        let runbook = try #require(RunbookFile.read(path: Self.folder + "/orders-db-replication-lag.md").runbook)
        #expect(runbook.facts.lastTested == Timestamp(iso8601: "2026-05-02T15:30:00Z") && !runbook.facts.lastTestedIsDate)
        #expect(runbook.facts.lastTestedText == "2026-05-02T15:30:00Z" && runbook.facts.alerts == ["OrdersDBReplicationLag"])
        #expect(runbook.facts.dashboards.isEmpty && runbook.hasMitigation)
        #expect(runbook.codeBlocks.map(\.language) == ["sql", "bash"] && runbook.codeBlocks[0].text.hasPrefix("SELECT client_addr"))
    }

    @Test("Every front-matter mistake is said with the line of the .md file and the key", arguments: [
        ("service: checkout\nownr: payments\n", 3, "ownr", "is not a key here (did you mean 'owner'?): known keys are service, owner, alerts"),
        ("last_tested: 14/09/2026\n", 2, "last_tested", "'14/09/2026' is not a date: write YYYY-MM-DD (2026-09-14) or an ISO 8601 instant"),
        ("service: x\n\nlast_tested: 2026-02-30\n", 4, "last_tested", "'2026-02-30' is not a date"),
        ("last_tested: 2026-09-14 10:00 +02:00\n", 2, "last_tested", "is not a date"),
        ("last_tested: next week\n", 2, "last_tested", "'next week' is not a date"),
        ("last_tested:\ntested_by: alice\n", 2, "last_tested", "is empty: write the day it was last tested (2026-09-14), or leave the key out"),
        ("service: [a, b]\n", 2, "service", "must be one line of text (service: checkout), not a list"),
        ("owner:\n  team: payments\n", 3, "owner", "must be one line of text"),
        ("owner: ~\n", 2, "owner", "is empty"),
        ("dashboards:\n  - https://grafana.example.com/d/a\n  - grafana/d/b\n", 4, "dashboards", "'grafana/d/b' is not a URL: write https://"),
        ("alerts:\n  a: b\n", 3, "alerts", "must be a list, one per line"),
        ("alerts: CheckoutHighErrorRate, CheckoutLatencyP99\n", 2, "alerts", "looks like several names: write one per line, - CheckoutHighErrorRate"),
        ("alerts:\n  - A\n  - {x: y}\n", 4, "alerts", "each item is one line of text"),
        ("service: a\nowner: x\nservice: b\n", 2, "service", "is written more than once in one mapping: keep one"),
        ("tested_by: alice\n", 2, "tested_by", "says who tested it but not when: add last_tested"),
        ("- service\n", 2, nil, "must be a mapping of keys (service, owner"),
        ("service: checkout\nowner: [unclosed\n", 4, nil, "is not valid YAML"),
        ("service: checkout\nowner: a\u{1B}[31m\n", 3, nil, "is not valid YAML: control characters are not allowed"),
    ] as [(String, Int, String?, String)])
    func mistakes(_ frontMatter: String, _ line: Int, _ key: String?, _ message: String) throws {
        let text = "---\n" + frontMatter + "---\n# Title\n"
        let (runbook, problems) = Self.parse(text)
        let problem = try #require(problems.first, "\(frontMatter)")
        #expect(problems.count == 1, "\(problems)")
        #expect(problem.file == "r.md" && problem.line == line && problem.key == key, "\(problems) in\n\(text)")
        #expect(problem.message.contains(message), "\(problem.message)")
        #expect(runbook.sections.map(\.title) == ["Title"], "the body is read whatever the front matter says")
        if let key { #expect(problem.description.hasPrefix("r.md:\(line): key '\(key)'"), "\(problem)") }
    }

    @Test("What reads beside a mistake is kept: the other facts stand")
    func keptBesideMistakes() {
        let (runbook, problems) = Self.parse("---\nservice: checkout\nownr: x\nlast_tested: 2026-09-14\n---\n")
        #expect(problems.count == 1 && runbook.facts.service == "checkout" && runbook.facts.lastTestedText == "2026-09-14")
    }

    @Test("A single alert or dashboard may be written without a list; a quoted date reads as a date; title is known")
    func lenientShapes() {
        let (runbook, problems) = Self.parse("---\nalerts: KubePodCrashLooping\ndashboards: https://g.example.com/d/x\nlast_tested: \"2026-09-14\"\ntitle: Kube Pod Crash Looping\n---\n")
        #expect(problems.isEmpty, "\(problems)")
        #expect(runbook.facts.alerts == ["KubePodCrashLooping"] && runbook.facts.dashboards == ["https://g.example.com/d/x"])
        #expect(runbook.facts.lastTestedText == "2026-09-14" && runbook.title == "Kube Pod Crash Looping")
    }

    @Test("CRLF line ends and a byte-order mark read as LF does: the same facts, lines, sections and code")
    func crlfAndBOM() throws {
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
        let plain = Self.parse(text)
        for variant in [text.replacingOccurrences(of: "\n", with: "\r\n"), "\u{FEFF}" + text, "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")] {
            let (runbook, problems) = Self.parse(variant)
            #expect(problems.isEmpty, "\(problems)")
            #expect(runbook == plain.runbook)
            #expect(!runbook.body.contains("\r") && !runbook.codeBlocks.contains { $0.text.contains("\r") })
        }
        let mistake = Self.parse("---\r\nservice: a\r\nownr: b\r\n---\r\n").problems
        #expect(mistake.map(\.line) == [3], "\(mistake)")
    }

    @Test("No front matter: a runbook with no facts; unterminated front matter is said on line 1 and the text kept as body")
    func frontMatterMissingOrOpen() throws {
        let none = Self.parse("# Legacy batch\n\n## Mitigation\nRestart it.\n")
        #expect(none.problems.isEmpty && !none.runbook.hasFrontMatter && none.runbook.facts == RunbookFacts())
        #expect(none.runbook.sections.map(\.title) == ["Legacy batch", "Mitigation"] && none.runbook.sections[1].line == 3)
        let open = Self.parse("---\nservice: checkout\n# Checkout\n")
        let problem = try #require(open.problems.first)
        #expect(open.problems.count == 1 && problem.line == 1 && problem.message.contains("no later line closes it with ---"), "\(open.problems)")
        #expect(!open.runbook.hasFrontMatter && open.runbook.facts.service == nil && open.runbook.body.hasPrefix("---\nservice: checkout"))
        let lone = Self.parse("---")
        #expect(lone.problems.count == 1 && lone.problems.first?.line == 1)
        let empty = Self.parse("")
        #expect(empty.problems.isEmpty && empty.runbook.sections.isEmpty && empty.runbook.codeBlocks.isEmpty && empty.runbook.body.isEmpty)
        let blank = Self.parse("---\n---\n")
        #expect(blank.problems.isEmpty && blank.runbook.hasFrontMatter && blank.runbook.facts == RunbookFacts())
        let dots = Self.parse("---\nservice: a\n...\nbody\n")
        #expect(dots.problems.isEmpty && dots.runbook.facts.service == "a" && dots.runbook.body == "body\n")
        let late = Self.parse("\n---\nservice: a\n---\n")
        #expect(!late.runbook.hasFrontMatter && late.problems.isEmpty, "front matter only opens on the first line")
    }

    @Test("Sections and code blocks: ~~~ and ``` fences, longer fences, headings inside code, an unclosed fence, closing #s")
    func markdown() {
        let text = """
            ---
            service: a
            ---
            Before any heading.

            # Title #
            #hashtag is text
            ## Diagnosis
            ````text
            ```
            # not a heading
            ````
            ~~~ python {.numbered}
            print("x")
            ~~~
                # indented four: code, not a heading
            ### Mitigation ###
            ```
            unclosed
            """
        let (runbook, problems) = Self.parse(text)
        #expect(problems.isEmpty, "\(problems)")
        #expect(runbook.sections.map(\.title) == ["", "Title", "Diagnosis", "Mitigation"], "\(runbook.sections)")
        #expect(runbook.sections.map(\.level) == [0, 1, 2, 3] && runbook.sections.map(\.line) == [4, 6, 8, 17])
        #expect(runbook.sections[0].text == "Before any heading." && runbook.sections[1].text == "#hashtag is text")
        #expect(runbook.codeBlocks.map(\.language) == ["text", "python", nil])
        #expect(runbook.codeBlocks.map(\.text) == ["```\n# not a heading", "print(\"x\")", "unclosed"])
        #expect(runbook.codeBlocks.map(\.line) == [9, 13, 18] && runbook.codeBlocks.map(\.section) == ["Diagnosis", "Diagnosis", "Mitigation"])
        #expect(runbook.sections[2].text.contains("# not a heading"), "a section's text keeps its code as written")
    }

    @Test("Files that are no text: too large, not UTF-8, a folder; none traps, each is said and left out")
    func unreadable() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("runbooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let huge = directory.appendingPathComponent("huge.md").path
        try Data(repeating: UInt8(ascii: "a"), count: (1 << 20) + 1).write(to: URL(fileURLWithPath: huge))
        let large = RunbookFile.read(path: huge)
        #expect(large.runbook == nil && large.problems.first?.message.contains("is too large") == true
                && large.problems.first?.message.contains("a runbook is at most 1 MiB: split it; it was left out") == true, "\(large.problems)")
        let binary = directory.appendingPathComponent("binary.md").path
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x00, 0xC3]).write(to: URL(fileURLWithPath: binary))
        let bytes = RunbookFile.read(path: binary)
        #expect(bytes.runbook == nil && bytes.problems.first?.message.contains("is not valid UTF-8 text") == true, "\(bytes.problems)")
        let nul = RunbookFile.parse("---\nservice: \u{0}\u{1B}[2J\n---\n\u{0}\u{7}", name: "n", file: "n.md")
        #expect(nul.runbook.name == "n", "control characters are data here; the outputs make them inert")
    }

    @Test("A folder: every NAME.md in it and its subfolders by name, README and hidden folders left out, a name twice said")
    func folder() throws {
        let reading = try #require(RunbookFolder.read(Self.folder))
        #expect(reading.problems.isEmpty, "\(reading.problems)")
        #expect(reading.library.names == ["checkout-high-error-rate", "orders-db-replication-lag"])
        #expect(RunbookFolder.read("/nonexistent/runbooks") == nil)
        #expect(RunbookFolder.read(Self.example)?.problems.first?.message.contains("is a file, not a folder") == true)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("runbooks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (path, text) in [("a.md", "# A\n"), ("team/B.md", "---\nownr: x\n---\n"), ("other/b.md", "# b\n"), (".git/c.md", "# c\n"),
                             ("_index.md", "# index\n"), ("notes.txt", "not markdown"), ("README.md", "# readme\n")] {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let mixed = try #require(RunbookFolder.read(directory.path))
        #expect(mixed.library.names == ["a", "b"], "\(mixed.library.names)")
        #expect(mixed.library.runbooks.map(\.file) == [directory.path + "/a.md", directory.path + "/other/b.md"], "other/ comes before team/")
        #expect(mixed.problems.map(\.description) == [
            "\(directory.path)/team/B.md:2: key 'ownr' in [front matter]: is not a key here (did you mean 'owner'?): known keys are service, owner, alerts, dashboards, last_tested, tested_by, title",
            "\(directory.path)/team/B.md: is named like \(directory.path)/other/b.md ('B'), and a name must find one runbook: rename one of them; this one was left out",
        ])
    }

    @Test("runbooks = \"PATH\" in the config file: relative to the config file's folder, ~ under HOME, absolute as written")
    func configKey() throws {
        #expect(Config.parse("runbooks = \"runbooks\"\n", file: "/etc/warroom/config.toml").config.runbooks == "/etc/warroom/runbooks")
        #expect(Config.parse("runbooks = \"../team/runbooks\"\n", file: "/etc/warroom/config.toml").config.runbooks == "/etc/warroom/../team/runbooks")
        #expect(Config.parse("runbooks = \"/srv/runbooks\"\n", file: "/etc/warroom/config.toml").config.runbooks == "/srv/runbooks")
        let typo = Config.parse("runbook = \"x\"\n", file: "c.toml").diagnostics
        #expect(typo.map(\.message) == ["unknown key (did you mean 'runbooks'?); it was ignored"], "\(typo)")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let configFolder = home.appendingPathComponent(".config/warroom")
        try FileManager.default.createDirectory(at: configFolder, withIntermediateDirectories: true)
        try "runbooks = \"~/team/runbooks\"\n".write(to: configFolder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        #expect(Config.load(environment: ["HOME": home.path]).config.runbooks == home.path + "/team/runbooks")
    }
}
