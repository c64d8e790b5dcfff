import Testing
import WarRoomCore
import WarRoomTestSupport
import WarRoomReports

@Suite("Golden documents")
struct GoldenTests {
    static let incident = ScriptedIncident.build()

    @Test("Every template × audience matches its golden file",
          arguments: UpdateDraft.Kind.allCases, Audience.allCases)
    func draft(_ kind: UpdateDraft.Kind, _ audience: Audience) {
        let draft = Self.incident.draft(kind, audience)
        #expect(draft.kind == kind)
        #expect(draft.audience == audience)
        Golden.check(draft.text + "\n", name: "update-\(kind.rawValue)-\(audience.rawValue).txt")
    }

    @Test("The full post-mortem of the scripted incident matches its golden file")
    func postmortem() {
        let incident = Self.incident
        Golden.check(PostmortemDocument.markdown(incident.final, policy: incident.policy, now: incident.finalNow),
                     name: "postmortem.md")
    }

    @Test("The post-mortem of an incident nobody wrote anything for is placeholders only")
    func emptyPostmortem() {
        let scenario = Scenario.declared(.sev3, title: "Slow search", service: nil)
        Golden.check(PostmortemDocument.markdown(scenario.s, policy: .standard, now: t0 + .hours(1)),
                     name: "postmortem-empty.md")
    }
}
