import Testing
import WarRoomCore
import WarRoomTestSupport

/// The optional Deputy (PagerDuty's Deputy IC: keeps the timers, calls them out, backs the IC up):
/// reached by what people type, never a gap when vacant, a doubling like any other role when the
/// IC holds it at SEV1/SEV2.
@Suite("Roles: the optional Deputy")
struct DeputyRoleTests {
    @Test("What people type for the Deputy", arguments: [
        "deputy", "Deputy", "DEPUTY", "deputy ic", "Deputy IC", "deputy-ic", "deputy_ic", "deputyic",
        "deputy commander", "Deputy Commander", "deputy incident commander", "Deputy Incident Commander",
        "deputy-incident-commander",
    ])
    func spellings(_ text: String) throws {
        #expect(try Role.parse(text) == .deputy)
    }

    @Test("The existing spellings still name their roles, not the Deputy", arguments: [
        ("ic", Role.commander), ("commander", .commander), ("incident commander", .commander), ("cl", .comms),
        ("comms", .comms), ("tl", .tech), ("tech lead", .tech), ("scribe", .scribe),
    ])
    func othersUnchanged(_ text: String, _ role: Role) throws {
        #expect(try Role.parse(text) == role)
    }

    @Test("A near miss of the Deputy is refused with a suggestion", arguments: [
        ("deputi", "deputy"), ("depty", "deputy"), ("deputy comander", "deputy commander"),
    ])
    func nearMiss(_ text: String, _ suggestion: String) {
        #expect(throws: CommandError.unknownRole(text)) { try Role.parse(text) }
        #expect(CommandError.unknownRole(text).description.contains("did you mean '\(suggestion)'?"),
                "\(CommandError.unknownRole(text).description)")
    }

    @Test("The Deputy is optional, second in the roster, shown as Deputy")
    func row() {
        #expect(!Role.deputy.isRequired)
        #expect(Role.allCases.firstIndex(of: .deputy) == 1, "right after the IC it backs up")
        #expect(Role.deputy.label == "Deputy" && Role.deputy.short == "deputy")
        #expect(Role.deputy.title == "Deputy Incident Commander")
        #expect(Role.required == [.commander, .comms, .tech, .scribe])
        #expect(Role.usage == "ic|deputy|cl|tl|scribe")
    }

    @Test("A vacant Deputy is no gap and raises no alert, at every severity", arguments: Severity.allCases)
    func vacantIsNoGap(_ level: Severity) {
        var scenario = Scenario.declared(level)
        #expect(!scenario.s.roleGaps.contains(.vacant(.deputy)))
        for role in Role.required { scenario.must(.assignRole(role, person: "\(role.rawValue)-person")) }
        #expect(scenario.s.roleGaps.isEmpty, "every required role held: no gap though the Deputy is vacant")
        #expect(!scenario.alerts().contains { if case .role = $0.subject { true } else { false } })
        #expect(scenario.s.listedRoles == Role.required, "a vacant Deputy is left out of summaries")
    }

    @Test("The IC also holding Deputy is doubling at SEV1/SEV2 only",
          arguments: [(Severity.sev1, true), (.sev2, true), (.sev3, false), (.sev4, false)])
    func doubling(_ level: Severity, _ flagged: Bool) {
        var scenario = Scenario.declared(level)
        for role in Role.required where role != .commander { scenario.must(.assignRole(role, person: "\(role.rawValue)-person")) }
        scenario.must(.assignRole(.commander, person: "alice"))
        scenario.must(.assignRole(.deputy, person: "alice"))
        #expect(scenario.s.roleGaps == (flagged ? [.commanderDoubling(person: "alice", also: [.deputy])] : []))
        if flagged {
            #expect(scenario.alerts().contains { $0.message == "alice is IC and also Deputy Incident Commander: hand one off" })
        }
    }

    @Test("A role's name given as the person (`/role deputy ic`: the name is missing) is refused, for every role and spelling",
          arguments: Role.allCases)
    func personIsARole(_ role: Role) {
        var scenario = Scenario.declared(.sev2)
        for named in Role.allCases {
            for spelling in named.spellings + [named.title.uppercased(), " @\(named.short) "] {
                #expect(throws: CommandError.personIsARole(person: spelling.trimmingSpaces.replacingOccurrences(of: "@", with: ""),
                                                           role: role, named: named),
                        "\(role) given to \(spelling)") {
                    try scenario.run(.assignRole(role, person: spelling))
                }
            }
        }
        #expect(scenario.s.roles.isEmpty, "nothing recorded")
        // A name that only starts like a role is a person.
        scenario.must(.assignRole(role, person: "icarus"))
        #expect(scenario.s.roles[role]?.person == "icarus")
    }

    @Test("Assigning and handing off the Deputy; a held Deputy is listed, after the IC")
    func handoff() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.assignRole(.commander, person: "alice"))
        scenario.must(.assignRole(.deputy, person: "bob"))
        #expect(scenario.s.roles[.deputy]?.person == "bob")
        #expect(scenario.s.timeline.last?.detail == .role(.deputy, person: "bob", previous: nil))
        #expect(scenario.s.listedRoles.prefix(2) == [.commander, .deputy])
        scenario.advance(.minutes(10))
        scenario.must(.assignRole(.deputy, person: "dan"))
        #expect(scenario.s.timeline.last?.detail == .role(.deputy, person: "dan", previous: "bob"))
        #expect(throws: CommandError.alreadyHolds(person: "dan", role: .deputy)) {
            try scenario.run(.assignRole(.deputy, person: "dan"))
        }
    }

    @Test("The roster's rows: all roles when they fit; else a vacant Deputy gives way, a held one does not",
          arguments: [(5, false, Role.allCases), (4, false, Role.required), (4, true, [Role.commander, .deputy, .comms, .tech]),
                      (6, false, Role.allCases), (0, false, [])])
    func roster(_ rows: Int, _ held: Bool, _ shown: [Role]) {
        var scenario = Scenario.declared(.sev3)
        if held { scenario.must(.assignRole(.deputy, person: "bob")) }
        #expect(scenario.s.rosterRoles(fitting: rows) == shown)
    }

    @Test("The first words name the Deputy by its longest title", arguments: [
        (["deputy", "incident", "commander", "bob"], 3), (["deputy", "ic", "bob"], 2), (["deputy", "commander", "bob"], 2),
        (["deputy", "bob", "smith"], 1),
    ])
    func leading(_ words: [String], _ used: Int) throws {
        let found = try #require(Role.leading(words))
        #expect(found.role == .deputy && found.words == used)
    }
}
