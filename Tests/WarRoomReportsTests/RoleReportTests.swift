import Testing
import WarRoomCore
import WarRoomReports
import WarRoomTestSupport

/// The status update drafts' roles line: required roles always (vacant ones as placeholders),
/// the optional Deputy only while someone holds it; the post-mortem keeps only the IC's changes.
@Suite("Reports: roles, and the optional Deputy")
struct RoleReportTests {
    @Test("The engineering draft lists the Deputy only while held, after the IC")
    func draftRoles() {
        var scenario = Scenario.declared(.sev2, title: "Checkout errors", service: "checkout-api")
        scenario.must(.assignRole(.commander, person: "alice"))
        let vacant = StatusUpdateDrafter.draft(scenario.s, audience: .engineering, policy: .standard, now: scenario.now).body
        #expect(vacant.contains("Roles: Incident Commander alice; Communications Lead [unassigned]"), "\(vacant)")
        #expect(!vacant.contains("Deputy"))
        scenario.must(.assignRole(.deputy, person: "bob"))
        let held = StatusUpdateDrafter.draft(scenario.s, audience: .engineering, policy: .standard, now: scenario.now).body
        #expect(held.contains("Roles: Incident Commander alice; Deputy Incident Commander bob; Communications Lead [unassigned]"),
                "\(held)")
    }

    @Test("The post-mortem names every responder by role in roster order, handoffs in order; its timeline keeps only the IC's assignment")
    func postmortem() {
        var scenario = Scenario.declared(.sev2, title: "Checkout errors", service: "checkout-api")
        let empty = PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now)
        #expect(empty.contains("**Responders**: nobody took a role\n"), "\(empty)")
        scenario.must(.assignRole(.scribe, person: "carol"))
        scenario.must(.assignRole(.commander, person: "alice"))
        scenario.must(.assignRole(.deputy, person: "bob"))
        scenario.advance(.minutes(5))
        scenario.must(.assignRole(.deputy, person: "dan"))
        scenario.must(.assignRole(.commander, person: "erin|*x*"))
        let text = PostmortemDocument.markdown(scenario.s, policy: .standard, now: scenario.now)
        #expect(text.contains("**Responders**: Incident Commander alice → erin\\|\\*x\\*; "
            + "Deputy Incident Commander bob → dan; Scribe carol\n"), "\(text)")
        #expect(text.contains("alice is Incident Commander"))
        let timeline = text.components(separatedBy: "## Timeline")[1].components(separatedBy: "## Root Cause")[0]
        #expect(!timeline.contains("Deputy"), "other role changes are noise in the timeline")
    }

    @Test("The blameless check reads each role's holder as a person: the deputy too",
          arguments: Role.allCases.compactMap(\.definition.personNoun))
    func blameOfARole(_ noun: String) {
        let findings = BlamelessCheck.findings(in: "The \(noun) forgot to call out the timebox.", people: ["alice"])
        #expect(findings.count == 1 && findings.first?.person == "The \(noun)", "\(findings)")
        #expect(BlamelessCheck.findings(in: "No timebox alert reached the \(noun).", people: []).isEmpty)
    }

    @Test("The role nouns the check knew before the table, and the Deputy's")
    func nouns() {
        #expect(Role.allCases.compactMap(\.definition.personNoun) == ["commander", "deputy", "scribe"])
    }
}
