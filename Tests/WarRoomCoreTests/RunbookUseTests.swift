import Testing
@testable import WarRoomCore
import WarRoomTestSupport

/// A runbook opened or linked: what `decide` takes and refuses, what the fold keeps, and which
/// code blocks the runbook view may run.
@Suite("Runbooks used in an incident, and their code blocks as scripts")
struct RunbookUseTests {
    static let tested = Timestamp(iso8601: "2026-11-20T00:00:00Z")

    @Test("Openings and links fold into the incident's runbooks, each a timeline row")
    func folds() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.useRunbook(RunbookUse(runbook: "checkout-rollback", action: .opened, lastTested: Self.tested)), by: "alice")
        scenario.must(.useRunbook(RunbookUse(runbook: "checkout-rollback", action: .opened, lastTested: Self.tested)), by: "bob")
        scenario.must(.useRunbook(RunbookUse(runbook: "db-failover", action: .linked)), by: "carol")
        let runbooks = scenario.s.runbooks
        #expect(runbooks.map(\.name) == ["checkout-rollback", "db-failover"])
        #expect(runbooks[0].openings.map(\.person) == ["alice", "bob"] && runbooks[0].linked == nil)
        #expect(runbooks[0].openings.map(\.lastTested) == [Self.tested, Self.tested])
        #expect(runbooks[1].linked?.person == "carol" && runbooks[1].openings.isEmpty && runbooks[1].linked?.lastTested == nil)
        #expect(runbooks[0].opened(by: "bob") && !runbooks[1].opened(by: "carol"))
        let rows = scenario.s.timeline.filter { $0.kind == .runbook }
        #expect(rows.count == 3)
        #expect(rows.map(\.detail) == [.runbook(RunbookUse(runbook: "checkout-rollback", action: .opened, lastTested: Self.tested)),
                                       .runbook(RunbookUse(runbook: "checkout-rollback", action: .opened, lastTested: Self.tested)),
                                       .runbook(RunbookUse(runbook: "db-failover", action: .linked))])
        #expect(scenario.s.anomalies.isEmpty)
    }

    @Test("A second link is refused; a second opening is not; both are taken on a closed incident")
    func decides() throws {
        var scenario = Scenario.declared(.sev2)
        let link = Command.useRunbook(RunbookUse(runbook: "db-failover", action: .linked))
        scenario.must(link)
        #expect(throws: CommandError.runbookAlreadyLinked("db-failover")) { try scenario.run(link) }
        #expect(CommandError.runbookAlreadyLinked("db-failover").description
            == "runbook db-failover is linked to this incident already; nothing was recorded")
        let open = Command.useRunbook(RunbookUse(runbook: "db-failover", action: .opened))
        scenario.must(open)
        scenario.must(open)
        #expect(scenario.s.runbooks[0].openings.count == 2)
        #expect(Command.useRunbook(RunbookUse(runbook: "x", action: .opened)).allowedWhenClosed)
    }

    @Test("A name that is no file name is refused, saying why; nothing is recorded", arguments: [
        "", "   ", "../etc/passwd", "a/b", "a\\b", ".", "..", "bad\u{0}name", "bidi\u{202E}name", "line\nbreak",
        String(repeating: "x", count: RunbookUse.nameLimit + 1),
    ])
    func badNames(_ name: String) {
        var scenario = Scenario.declared(.sev2)
        let before = scenario.events.count
        #expect(throws: CommandError.self) { try scenario.run(.useRunbook(RunbookUse(runbook: name, action: .opened))) }
        #expect(scenario.events.count == before)
        #expect(RunbookUse.isValidName(String(repeating: "x", count: RunbookUse.nameLimit)))
        #expect(RunbookUse.isValidName("KubePodCrashLooping") && RunbookUse.isValidName("café-rollback") && RunbookUse.isValidName("a.b"))
    }

    @Test("A last test ahead of the clock is refused like every time the log could not read back")
    func futureLastTested() {
        var scenario = Scenario.declared(.sev2)
        let ahead = scenario.now + .hours(24 * 30)
        #expect(throws: CommandError.self) {
            try scenario.run(.useRunbook(RunbookUse(runbook: "db-failover", action: .opened, lastTested: ahead)))
        }
    }

    @Test("A block runs in the shell its info string names; an untagged one in bash", arguments: [
        (nil, "bash"), ("bash", "bash"), ("shell", "bash"), ("console", "bash"), ("sh", "sh"), ("zsh", "zsh"), ("BASH", "bash"),
    ] as [(String?, String)])
    func shells(_ language: String?, _ shell: String) {
        let block = RunbookCodeBlock(language: language, text: "kubectl get pods", line: 3, section: "Diagnosis")
        #expect(RunbookScript(block) == .run(arguments: [shell, "-c", "kubectl get pods"], script: "kubectl get pods"))
    }

    @Test("Other languages are never run", arguments: ["yaml", "json", "promql", "sql", "python", "text"])
    func notShell(_ language: String) {
        let block = RunbookCodeBlock(language: language, text: "replicas: 12", line: 3, section: "")
        #expect(RunbookScript(block) == .notShell(language: language))
    }

    @Test("Placeholders are named and refused; here-documents, process substitution and comparisons are not placeholders", arguments: [
        ("kubectl delete pod <pod> -n <namespace>", ["<pod>", "<namespace>"]),
        ("kubectl logs <pod-name> | grep <pod-name>", ["<pod-name>"]),
        ("helm upgrade {{ release }} ./chart", ["{{ release }}"]),
        ("a <1> <2> <3> <4> <5> <6> <x>", ["<x>"]),
        ("cat <<EOF\nhello\nEOF", []),
        ("diff <(ls a) <(ls b)", []),
        ("[ \"$n\" -lt 3 ] && echo small < input.txt", []),
        ("echo '{\"a\": 1}'", []),
    ])
    func placeholders(_ script: String, _ expected: [String]) {
        let result = RunbookScript(RunbookCodeBlock(language: "bash", text: script, line: 1, section: ""))
        if expected.isEmpty {
            #expect(result == .run(arguments: ["bash", "-c", script], script: script))
        } else {
            #expect(result == .placeholders(expected))
        }
    }

    @Test("At most five placeholders are named")
    func placeholderLimit() {
        let script = (1...8).map { "<p\($0)>" }.joined(separator: " ")
        #expect(RunbookScript(RunbookCodeBlock(language: nil, text: script, line: 1, section: "")) == .placeholders(["<p1>", "<p2>", "<p3>", "<p4>", "<p5>"]))
    }

    @Test("A terminal session's block keeps its prompted commands and their continuations, not the output shown")
    func session() {
        let text = "$ kubectl get pods \\\n    -l app=api\nNAME   READY\napi-1  1/1\n  $ kubectl top pods\napi-1 12m\n$\n"
        #expect(RunbookScript.commands(in: text) == "kubectl get pods \\\n    -l app=api\nkubectl top pods\n")
        let block = RunbookCodeBlock(language: "console", text: text, line: 1, section: "")
        guard case .run(let arguments, _) = RunbookScript(block) else { Issue.record("not run"); return }
        #expect(arguments == ["bash", "-c", "kubectl get pods \\\n    -l app=api\nkubectl top pods\n"])
    }

    @Test("A block of comments and blank lines has nothing to run", arguments: ["", "   \n\n", "# check the dashboard first\n  # then page"])
    func empty(_ text: String) {
        #expect(RunbookScript(RunbookCodeBlock(language: "bash", text: text, line: 1, section: "")) == .empty)
    }
}
