import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Lifecycle")
struct LifecycleTests {
    @Test("Forward moves and skips are allowed; backward moves are not",
          arguments: [
              (IncidentStatus.investigating, IncidentStatus.identified, true),
              (.investigating, .mitigating, true), // stop the bleeding first
              (.investigating, .monitoring, true),
              (.identified, .mitigating, true),
              (.mitigating, .monitoring, true),
              (.monitoring, .resolved, true),
              (.resolved, .closed, true),
              (.mitigating, .identified, false),
              (.monitoring, .mitigating, false),
              (.investigating, .closed, false),
              (.closed, .resolved, false),
              (.resolved, .monitoring, false),
              (.closed, .investigating, true), // reopen
              (.resolved, .investigating, true),
              (.investigating, .investigating, false),
          ])
    func edges(_ from: IncidentStatus, _ to: IncidentStatus, _ allowed: Bool) {
        #expect(from.canMove(to: to) == allowed)
    }

    @Test("Resolving needs 15 minutes in monitoring")
    func monitoringWindow() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.setStatus(.status(.monitoring), reason: nil, force: false))
        scenario.advance(.minutes(10))
        #expect(throws: CommandError.monitoringWindow(required: .minutes(15), elapsed: .minutes(10))) {
            try scenario.run(.setStatus(.status(.resolved), reason: nil, force: false))
        }
        #expect(scenario.s.status == .monitoring, "a refused command changes nothing")
        #expect(scenario.alerts().contains { $0.subject == .monitoringWindow && $0.message.contains("05:00 left") })
        scenario.advance(.minutes(5))
        scenario.must(.setStatus(.status(.resolved), reason: nil, force: false))
        #expect(scenario.s.status == .resolved)
        #expect(scenario.s.resolvedAt == t0 + .minutes(15))
    }

    @Test("Resolving early needs --force with a reason, and the override is recorded")
    func override() throws {
        var scenario = Scenario.declared(.sev2)
        #expect(throws: CommandError.monitoringWindow(required: .minutes(15), elapsed: nil)) {
            try scenario.run(.setStatus(.status(.resolved), reason: nil, force: false))
        }
        #expect(throws: CommandError.overrideNeedsReason) {
            try scenario.run(.setStatus(.status(.resolved), reason: nil, force: true))
        }
        let events = scenario.must(.setStatus(.status(.resolved), reason: "false positive", force: true))
        guard case .statusChanged(let change) = events.first?.payload else { Issue.record("no status event"); return }
        #expect(change.overridden)
        #expect(change.reason == "false positive")
        #expect(scenario.s.timeline.last?.detail == .status(from: .investigating, to: .resolved, reason: "false positive", overridden: true))
    }

    @Test("The monitoring window is configurable")
    func configurableWindow() {
        var scenario = Scenario.declared(.sev2)
        scenario.policy.monitoringWindow = .minutes(30)
        scenario.must(.setStatus(.status(.monitoring), reason: nil, force: false))
        scenario.advance(.minutes(20))
        #expect(throws: CommandError.monitoringWindow(required: .minutes(30), elapsed: .minutes(20))) {
            try scenario.run(.setStatus(.status(.resolved), reason: nil, force: false))
        }
    }

    @Test("Closing a SEV2 requires the post-mortem marked final, even with --force")
    func closing() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.setStatus(.status(.resolved), reason: "fixed", force: true))
        #expect(throws: CommandError.postmortemNotFinal(nil)) {
            try scenario.run(.setStatus(.status(.closed), reason: "done", force: true))
        }
        scenario.must(.setPostmortemStatus(.review))
        #expect(throws: CommandError.postmortemNotFinal(.review)) {
            try scenario.run(.setStatus(.status(.closed), reason: nil, force: false))
        }
        scenario.must(.setPostmortemStatus(.final))
        scenario.must(.setStatus(.status(.closed), reason: nil, force: false))
        #expect(scenario.s.status == .closed)
    }

    @Test("Reopen returns to investigating, is recorded, and clears the resolution")
    func reopen() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.setStatus(.status(.identified), reason: nil, force: false))
        scenario.must(.setStatus(.status(.resolved), reason: "rolled back", force: true))
        scenario.advance(.minutes(30))
        scenario.must(.setStatus(.reopen, reason: "errors are back", force: false))
        #expect(scenario.s.status == .investigating)
        #expect(scenario.s.resolvedAt == nil)
        #expect(!scenario.s.rootCauseKnown)
        #expect(scenario.s.timeline.last?.detail == .status(from: .resolved, to: .investigating, reason: "errors are back", overridden: false))
        #expect(throws: CommandError.alreadyInvestigating) {
            try scenario.run(.setStatus(.reopen, reason: nil, force: false))
        }
    }

    @Test("Resolving a closed incident is refused and names the way out")
    func resolveClosed() {
        var scenario = Scenario.declared(.sev3)
        scenario.must(.setStatus(.status(.resolved), reason: "fixed", force: true))
        scenario.must(.setPostmortemStatus(.final))
        scenario.must(.setStatus(.status(.closed), reason: nil, force: false))
        #expect(throws: CommandError.incidentClosed) {
            try scenario.run(.setStatus(.status(.resolved), reason: nil, force: false))
        }
        #expect(CommandError.incidentClosed.description == "the incident is closed: reopen it first")
        #expect(throws: CommandError.incidentClosed) {
            try scenario.run(.setSeverity(.sev1, reason: "x"))
        }
        scenario.must(.log(Entry(kind: .note, text: "late note from the review")))
    }

    @Test("Moving back to identified after mitigating is refused with a hint")
    func backToIdentified() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.setStatus(.status(.mitigating), reason: nil, force: false))
        do {
            try scenario.run(.setStatus(.status(.identified), reason: nil, force: false))
            Issue.record("expected a refusal")
        } catch {
            #expect(error.description.contains("confirm a hypothesis"))
        }
    }

    @Test("Status spellings and the valid list", arguments: [("mitigated", StatusTarget.status(.monitoring)),
                                                         ("reopen", .reopen), ("RESOLVED", .status(.resolved))])
    func parse(_ text: String, _ target: StatusTarget) throws {
        #expect(try StatusTarget.parse(text) == target)
    }

    @Test("An unknown status lists the valid ones")
    func unknownStatus() {
        #expect(throws: CommandError.unknownStatus("done")) { try StatusTarget.parse("done") }
        #expect(CommandError.unknownStatus("done").description.contains("investigating, identified, mitigating"))
    }
}
