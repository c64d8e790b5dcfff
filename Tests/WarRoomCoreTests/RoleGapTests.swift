import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Roles")
struct RoleGapTests {
    @Test("Every empty role is a warning")
    func vacant() {
        var scenario = Scenario.declared(.sev3)
        #expect(scenario.s.roleGaps == Role.required.map(RoleGap.vacant))
        scenario.must(.assignRole(.commander, person: "alice"))
        scenario.must(.assignRole(.scribe, person: "carol"))
        #expect(scenario.s.roleGaps == [.vacant(.comms), .vacant(.tech)])
        #expect(scenario.alerts().filter { if case .role = $0.subject { true } else { false } }.allSatisfy { $0.level == .warning })
    }

    @Test("The IC holding another role is flagged during SEV1/SEV2 only",
          arguments: [(Severity.sev1, true), (.sev2, true), (.sev3, false), (.sev4, false)])
    func doubling(_ level: Severity, _ flagged: Bool) {
        var scenario = Scenario.declared(level)
        scenario.must(.assignRole(.commander, person: "alice"))
        scenario.must(.assignRole(.scribe, person: "alice"))
        scenario.must(.assignRole(.comms, person: "bob"))
        scenario.must(.assignRole(.tech, person: "dan"))
        #expect(scenario.s.roleGaps == (flagged ? [.commanderDoubling(person: "alice", also: [.scribe])] : []))
    }

    @Test("A handoff replaces the holder and keeps the history; one holder per role")
    func handoff() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.assignRole(.commander, person: "alice"))
        scenario.advance(.minutes(40))
        scenario.must(.assignRole(.commander, person: "bob"))
        #expect(scenario.s.roles[.commander]?.person == "bob")
        #expect(scenario.s.roles[.commander]?.since == t0 + .minutes(40))
        #expect(scenario.s.roleHistory.map(\.person) == ["alice", "bob"])
        #expect(scenario.s.roleHistory.last?.previous == "alice")
        #expect(scenario.s.acknowledgedAt == t0, "acknowledged is when the first IC was in place")
        #expect(scenario.s.timeline.last?.detail == .role(.commander, person: "bob", previous: "alice"))
    }

    @Test("Role names and aliases", arguments: [("ic", Role.commander), ("CL", .comms), ("tl", .tech), ("scribe", .scribe),
                                                ("commander", .commander)])
    func parse(_ text: String, _ role: Role) throws {
        #expect(try Role.parse(text) == role)
    }

    @Test("Full titles and short forms in any case, with spaces, hyphens or underscores", arguments: [
        ("Incident Commander", Role.commander), ("incident commander", .commander), ("INCIDENT-COMMANDER", .commander),
        ("incident_commander", .commander), ("IC", .commander), (" Commander ", .commander),
        ("Communications Lead", .comms), ("communications-lead", .comms), ("Comms Lead", .comms), ("comms_lead", .comms),
        ("Communications", .comms), ("technical lead", .tech), ("Technical Lead", .tech), ("tech-lead", .tech),
        ("TECH_LEAD", .tech), ("Tech Lead", .tech), ("technical", .tech), ("Scribe", .scribe), ("SCRIBE", .scribe),
    ])
    func titles(_ text: String, _ role: Role) throws {
        #expect(try Role.parse(text) == role)
    }

    @Test("A near miss is refused with a suggestion", arguments: [
        ("incident comander", "incident commander"), ("tech leed", "tech lead"), ("scrib", "scribe"),
        ("comunications lead", "communications lead"),
    ])
    func nearMiss(_ text: String, _ suggestion: String) {
        #expect(throws: CommandError.unknownRole(text)) { try Role.parse(text) }
        #expect(CommandError.unknownRole(text).description.contains("did you mean '\(suggestion)'?"),
                "\(CommandError.unknownRole(text).description)")
    }

    @Test("A role nobody defined is refused with the valid ones")
    func unknownRole() {
        #expect(throws: CommandError.unknownRole("dictator")) { try Role.parse("dictator") }
        #expect(CommandError.unknownRole("x").description == "unknown role 'x': use commander (ic), deputy, comms (cl), tech (tl) or scribe")
    }

    @Test("Assigning the current holder again is refused")
    func sameHolder() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.assignRole(.tech, person: "bob"))
        #expect(throws: CommandError.alreadyHolds(person: "bob", role: .tech)) {
            try scenario.run(.assignRole(.tech, person: "bob"))
        }
    }
}
