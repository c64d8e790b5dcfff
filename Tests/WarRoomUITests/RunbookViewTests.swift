import Foundation
import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// The runbook view: the strip offers the runbook that answers the incident, F2 and `/runbook`
/// open it (recorded once a person), `/runbook NAME` links another, Tab selects a code block and
/// Enter runs it only after a y, through the runtime, recorded as `warroom exec` records.
@Suite("War room: the runbook view")
struct RunbookViewTests {
    static let rollback = """
        ---
        service: checkout-api
        owner: payments
        alerts: [CheckoutHighErrorRate]
        last_tested: 2026-11-20
        tested_by: carol
        ---
        # Checkout: roll back a bad deploy

        ## Diagnosis

        ```console
        $ kubectl get pods -n production \\
            -l app=checkout-api
        NAME READY
        checkout-api-1 1/1
        ```

        ## Mitigation

        ```bash
        kubectl rollout undo deployment/checkout-api -n production
        kubectl rollout status deployment/checkout-api -n production
        ```

        ```bash
        kubectl delete pod <pod> -n production
        ```

        ```yaml
        replicas: 12
        ```
        """
    static let capacity = """
        ---
        service: search
        last_tested: 2026-01-05
        ---
        # Search: add capacity

        ```
        kubectl scale deployment/search --replicas=12
        ```
        """

    static func library() -> RunbookLibrary {
        RunbookLibrary([RunbookFile.parse(rollback, name: "checkout-rollback", file: "runbooks/checkout-rollback.md").runbook,
                        RunbookFile.parse(capacity, name: "search-capacity", file: "runbooks/search-capacity.md").runbook])
    }

    static func model(width: Int = 80, height: Int = 24, readOnly: Bool = false, runbooks: RunbookLibrary? = library(),
                      author: String = "carol", service: String = "checkout-api") -> WarRoomModel {
        let scenario = Scenario.declared(.sev2, service: service)
        var model = WarRoomModel(incident: scenario.s, policy: .standard, now: scenario.now, author: author, readOnly: readOnly,
                                 width: width, height: height)
        model.runbooks = runbooks
        model.runsCommands = true
        return model
    }

    static func key(_ key: Key, _ model: inout WarRoomModel) -> [Effect] { model.update(.input(.key(key))) }

    static func type(_ text: String, into model: inout WarRoomModel) -> [Effect] {
        var effects: [Effect] = []
        for character in text { effects += model.update(.input(.key(.character(character)))) }
        return effects + model.update(.input(.key(.enter)))
    }

    /// The record effects' commands.
    static func recorded(_ effects: [Effect]) -> [Command] {
        effects.compactMap { if case .record(let command, _, _) = $0 { command } else { nil } }
    }

    /// Applies what a record effect would write, as the store would.
    static func write(_ effects: [Effect], to model: inout WarRoomModel, by author: String = "carol") throws {
        var events: [Event] = []
        var state = model.incident
        for command in recorded(effects) {
            let made = try Incident.record(command, incident: state.id, state: state, author: author, at: model.now, now: model.now,
                                           policy: .standard, makeID: { UUID() })
            for event in made { state.apply(event) }
            events += made
        }
        _ = model.update(.events(events))
    }

    @Test("The strip offers the runbook of the incident's service with its last test, until someone opens one")
    func offered() throws {
        var model = Self.model()
        let offer = try #require(model.alerts.first { if case .runbook = $0.subject { true } else { false } })
        #expect(offer.level == .info)
        #expect(offer.message == "Runbook checkout-rollback (service checkout-api; last tested 2026-11-20): F2 opens it")
        let effects = Self.key(.function(2), &model)
        try Self.write(effects, to: &model)
        _ = Self.key(.escape, &model)
        #expect(!model.alerts.contains { if case .runbook = $0.subject { true } else { false } })
        // A folder with nothing for the incident offers nothing.
        let none = Self.model(runbooks: RunbookLibrary([Self.library().runbooks[1]]))
        #expect(!none.alerts.contains { if case .runbook = $0.subject { true } else { false } })
    }

    @Test("A stale runbook is offered as STALE, with its age")
    func staleOffer() throws {
        let model = Self.model(service: "search")
        let offer = try #require(model.alerts.first { if case .runbook = $0.subject { true } else { false } })
        let days = (model.now - Timestamp(iso8601: "2026-01-05T00:00:00Z")!).millis / 86_400_000
        #expect(offer.message == "Runbook search-capacity (service search; last tested \(days) days ago, STALE): F2 opens it")
    }

    @Test("F2 opens the best runbook and records the opening once a person; a wall display records nothing")
    func opensAndRecordsOnce() throws {
        var model = Self.model()
        let effects = Self.key(.function(2), &model)
        #expect(model.mode == .runbook && model.runbookView?.current?.name == "checkout-rollback")
        let lastTested = Timestamp(iso8601: "2026-11-20T00:00:00Z")
        #expect(Self.recorded(effects) == [.useRunbook(RunbookUse(runbook: "checkout-rollback", action: .opened, lastTested: lastTested))])
        // Asked again before the record came back: not twice.
        _ = Self.key(.escape, &model)
        #expect(Self.recorded(Self.key(.function(2), &model)).isEmpty)
        try Self.write(effects, to: &model)
        _ = Self.key(.escape, &model)
        #expect(Self.recorded(Self.key(.function(2), &model)).isEmpty)
        #expect(model.incident.runbooks.map(\.name) == ["checkout-rollback"])
        #expect(model.incident.runbooks[0].opened(by: "carol") && !model.incident.runbooks[0].opened(by: "dan"))
        // Another person opening it is recorded for them.
        var dan = Self.model(author: "dan")
        dan.incident = model.incident
        #expect(Self.recorded(Self.key(.function(2), &dan)).count == 1)
        var wall = Self.model(readOnly: true)
        #expect(Self.recorded(Self.key(.function(2), &wall)).isEmpty)
        #expect(wall.mode == .runbook)
    }

    @Test("F2 says why there is no view: no folder, a folder that cannot be read, nothing that answers the incident")
    func nothingToOpen() {
        var none = Self.model(runbooks: nil)
        #expect(Self.key(.function(2), &none).isEmpty && none.mode == .input)
        #expect(none.notice?.text == "No runbook folder: write runbooks = \"PATH\" in the config file (see the README's runbooks section)")
        var unreadable = Self.model(runbooks: nil)
        unreadable.runbooksUnavailable = "the folder /srv/runbooks (runbooks in the config file) does not exist"
        _ = Self.key(.function(2), &unreadable)
        #expect(unreadable.notice?.text == "No runbooks: the folder /srv/runbooks (runbooks in the config file) does not exist")
        var unmatched = Self.model(runbooks: RunbookLibrary([Self.library().runbooks[1]]))
        _ = Self.key(.function(2), &unmatched)
        #expect(unmatched.mode == .input)
        #expect(unmatched.notice?.text == "No runbook answers this incident (service checkout-api, 0 alerts): /runbook NAME links one — Tab offers the 1 in the folder")
    }

    @Test("/runbook NAME links a runbook (once) and opens it; any case, .md or a runbook_url names it", arguments: [
        "search-capacity", "SEARCH-CAPACITY", "search-capacity.md", "https://runbooks.example.com/search/search-capacity.md#steps",
    ])
    func links(_ typed: String) throws {
        var model = Self.model()
        let effects = Self.type("/runbook \(typed)", into: &model)
        let tested = Timestamp(iso8601: "2026-01-05T00:00:00Z")
        #expect(Self.recorded(effects) == [.useRunbook(RunbookUse(runbook: "search-capacity", action: .linked, lastTested: tested)),
                                           .useRunbook(RunbookUse(runbook: "search-capacity", action: .opened, lastTested: tested))])
        #expect(model.mode == .runbook && model.runbookView?.current?.name == "search-capacity" && model.input.isEmpty)
        try Self.write(effects, to: &model)
        #expect(model.runbookOffers.map(\.name) == ["checkout-rollback", "search-capacity"])
        #expect(model.runbookOffers[1].why == "linked by carol")
        _ = Self.key(.escape, &model)
        // Linked already: opened again, not linked again.
        #expect(Self.recorded(Self.type("/runbook search-capacity", into: &model)).isEmpty)
        // A runbook that answers the incident anyway is not linked.
        #expect(Self.recorded(Self.type("/runbook checkout-rollback", into: &model))
            == [.useRunbook(RunbookUse(runbook: "checkout-rollback", action: .opened, lastTested: Timestamp(iso8601: "2026-11-20T00:00:00Z")))])
    }

    @Test("/runbook with a name not in the folder is refused with the nearest, the text kept; nothing is recorded", arguments: [
        ("/runbook checkout-rolback", "/runbook: no runbook 'checkout-rolback' (did you mean 'checkout-rollback'?); Tab offers the 2 in the folder"),
        ("/runbook nginx", "/runbook: no runbook 'nginx'; Tab offers the 2 in the folder"),
    ])
    func refused(_ line: String, _ message: String) {
        var model = Self.model()
        #expect(Self.type(line, into: &model).isEmpty)
        #expect(model.notice?.text == message && model.notice?.kind == .error)
        #expect(model.input.text == line && model.mode == .input)
        var none = Self.model(runbooks: nil)
        _ = Self.type("/runbook search-capacity", into: &none)
        #expect(none.notice?.text == "/runbook search-capacity: there is no runbook folder; write runbooks = \"PATH\" in the config file")
    }

    @Test("Tab after /runbook offers those that answer the incident first, then the folder")
    func completes() {
        var model = Self.model()
        for character in "/runbook " { _ = model.update(.input(.key(.character(character)))) }
        #expect(model.completions() == ["checkout-rollback", "search-capacity"])
        for character in "se" { _ = model.update(.input(.key(.character(character)))) }
        #expect(model.completions() == ["search-capacity"])
    }

    @Test("Tab and Shift-Tab select code blocks in turn, scrolling them into view; n and p change runbook, recording it")
    func selectsBlocksAndRunbooks() throws {
        var model = Self.model(height: 14)
        let effects = Self.type("/runbook search-capacity", into: &model)
        try Self.write(effects, to: &model)
        _ = Self.key(.escape, &model)
        _ = Self.key(.function(2), &model)
        #expect(model.runbookView?.current?.name == "checkout-rollback" && model.runbookView?.block == nil)
        var seen: [Int?] = []
        for _ in 0..<5 {
            _ = Self.key(.tab, &model)
            seen.append(model.runbookView?.block)
        }
        #expect(seen == [0, 1, 2, 3, 0])
        _ = Self.key(.backTab, &model)
        #expect(model.runbookView?.block == 3)
        // The selected block is in view: its fence is on the screen.
        let screen = WarRoomView.render(model).grid.lines.joined(separator: "\n")
        #expect(screen.contains("┌ [4] yaml"))
        let next = Self.key(.character("n"), &model)
        #expect(model.runbookView?.current?.name == "search-capacity" && model.runbookView?.block == nil && model.runbookView?.scroll == 0)
        #expect(Self.recorded(next).isEmpty, "search-capacity was opened when linked")
        _ = Self.key(.character("p"), &model)
        #expect(model.runbookView?.current?.name == "checkout-rollback")
    }

    @Test("Enter asks first; y runs exactly the script shown (a terminal session's output left out), anything else runs nothing")
    func runsAfterYes() throws {
        var model = Self.model()
        _ = Self.key(.function(2), &model)
        #expect(Self.key(.enter, &model).isEmpty)
        #expect(model.notice?.text == "Tab selects a code block first; Enter then runs it (asks first)")
        _ = Self.key(.tab, &model)
        #expect(Self.key(.enter, &model).isEmpty)
        #expect(model.runbookView?.confirming == true)
        #expect(model.notice?.text == "Run block 1 in this terminal? y runs it, any other key does not")
        let screen = WarRoomView.render(model).grid.lines.joined(separator: "\n")
        #expect(screen.contains("Run block 1 in this terminal (bash -c), recorded as an action entry:"))
        #expect(screen.contains("  kubectl get pods -n production \\") && screen.contains("y runs it · any other key does not"))
        #expect(Self.key(.character("n"), &model).isEmpty)
        #expect(model.runbookView?.confirming == false && model.notice?.text == "Not run")
        #expect(model.runbookView?.current?.name == "checkout-rollback", "the answer is not also a key of the view")
        _ = Self.key(.enter, &model)
        let effects = Self.key(.character("y"), &model)
        let script = "kubectl get pods -n production \\\n    -l app=checkout-api"
        #expect(effects == [.runCommand(RunbookStep(runbook: "checkout-rollback", block: 1, section: "Diagnosis",
                                                    arguments: ["bash", "-c", script], script: script))])
    }

    @Test("Blocks that are not a shell's, that need values filled in, or that hold nothing, are refused; nothing runs", arguments: [
        (3, "Block 3 has placeholders to fill in (<pod>): run it with your values through warroom exec -- …; nothing was run"),
        (4, "Block 4 is yaml, not a shell's: it is shown to copy, never run"),
    ])
    func refusesToRun(_ block: Int, _ message: String) {
        var model = Self.model()
        _ = Self.key(.function(2), &model)
        for _ in 0..<block { _ = Self.key(.tab, &model) }
        #expect(Self.key(.enter, &model).isEmpty && model.runbookView?.confirming == false)
        #expect(model.notice?.text == message)
        #expect(Self.key(.character("y"), &model).isEmpty)
    }

    @Test("In the view, F1 shows the help, Esc and F2 close it, Ctrl-Q quits; the help lists the view's keys")
    func keys() {
        var model = Self.model()
        _ = Self.key(.function(2), &model)
        _ = Self.key(.function(1), &model)
        #expect(model.mode == .help)
        _ = Self.key(.escape, &model)
        _ = Self.key(.function(2), &model)
        #expect(model.mode == .runbook)
        _ = Self.key(.function(2), &model)
        #expect(model.mode == .input && model.runbookView == nil)
        _ = Self.key(.function(2), &model)
        #expect(Self.key(.ctrl("q"), &model) == [.quit(draft: "")])
        let help = HelpPane.lines(width: 100).map(\.0).joined(separator: "\n")
        #expect(help.contains("A runbook (F2, /runbook)") && help.contains("Run the selected code block in this terminal"))
        #expect(KeyTable.footer(for: .runbook).map(\.label) == ["Esc", "↑/↓", "Tab", "Enter", "n/p"])
    }

    @Test("A wall display, and a war room without a terminal of its own, run nothing")
    func cannotRun() {
        for (readOnly, message) in [(true, "This is a read-only wall display: run runbook steps from another terminal"),
                                    (false, "This war room cannot run commands: run the block with warroom exec -- …")] {
            var model = Self.model(readOnly: readOnly)
            model.runsCommands = false
            _ = Self.key(.function(2), &model)
            _ = Self.key(.tab, &model)
            #expect(Self.key(.enter, &model).isEmpty)
            #expect(model.notice?.text == message && model.runbookView?.confirming == false)
        }
    }

    @Test("A block that ran is recorded as an action entry dated when it started, with its run; a failed record gives the words back")
    func recordsTheRun() throws {
        var model = Self.model()
        let step = RunbookStep(runbook: "checkout-rollback", block: 2, section: "Mitigation", arguments: ["bash", "-c", "a\nb"],
                               script: "kubectl rollout undo deployment/checkout-api\nkubectl rollout status deployment/checkout-api")
        let run = CommandRun(command: step.arguments, exitStatus: 1, durationMillis: 4_200, outputBytes: 10, outputLines: 1,
                             head: ["error: no rollout history"], tail: [])
        let started = model.now - .seconds(5)
        let effects = model.update(.commandRan(run, step: step, startedAt: started))
        let text = "ran step 2 of runbook checkout-rollback: kubectl rollout undo deployment/checkout-api (+1 line) — exit 1 in 4.2 s"
        #expect(effects == [.record(.log(Entry(kind: .action, text: text, run: run)), at: started, source: .run(text))])
        #expect(model.notice == .init(.error, "Block 2 of checkout-rollback: exit 1 in 4.2 s; recording it"))
        _ = model.update(.recordFailed("the store is full", source: .run(text)))
        #expect(model.input.text == "/action " + text)
        #expect(model.notice?.text == "the store is full — the step ran but was NOT recorded; its entry is in the line: Enter records it")
    }

    @Test("The view, golden at 80×24 and 120×40, and asking before a run", arguments: [(80, 24), (120, 40)])
    func golden(_ size: (Int, Int)) throws {
        var model = Self.model(width: size.0, height: size.1)
        _ = Self.key(.function(2), &model)
        let theme = try #require(ThemeCatalog.builtIn("dark"))
        try Golden.check(WarRoomView.render(model).grid, theme: theme, name: "runbook-\(size.0)x\(size.1)")
        _ = Self.key(.tab, &model)
        _ = Self.key(.tab, &model)
        _ = Self.key(.enter, &model)
        try Golden.check(WarRoomView.render(model).grid, theme: theme, name: "runbook-confirm-\(size.0)x\(size.1)")
    }
}
