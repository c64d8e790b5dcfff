import Foundation
import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomReports

/// The SLO file in the method's YAML shape: what it defines, and every mistake with file, line and key.
@Suite struct SLOFileTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/slo.yaml").path
    static let at = Timestamp(iso8601: "2026-11-28T14:00:00Z")!

    @Test("The method's example reads whole: three SLIs, three objectives, the burn-rate alerts, the policy's words")
    func methodExample() throws {
        let (definitions, problems) = SLOFile.read(path: Self.fixture)
        #expect(problems.isEmpty, "\(problems)")
        let definition = try #require(definitions.first)
        #expect(definitions.count == 1 && definition.service == "checkout-api" && definition.owner == "payments-team")
        #expect(definition.slis.map(\.name) == ["availability", "latency", "correctness"])
        #expect(definition.slis.first?.metric?.contains("http_requests_total") == true)
        #expect(definition.objectives.map(\.sli) == ["availability", "latency", "correctness"])
        let availability = try #require(definition.objectives.first)
        #expect(availability.budget.target == 0.9995 && availability.budget.budget(at: Self.at) == .seconds(1_296))
        #expect(availability.burnRateAlerts.map(\.burnRate) == [14.4, 6] && availability.burnRateAlerts.first?.longWindow == .hours(1))
        #expect(definition.objectives[1].budget.budget(at: Self.at) == .hours(7) + .minutes(12))
        #expect(definition.policy[.freezeDeploys] == "Freeze all non-critical deploys, conduct review with VP Eng")
    }

    @Test("Several services: as documents, or as a list; a target as 99.9%, 99.9 or 0.999")
    func severalServices() {
        let text = """
            service: a
            slos: [{sli: x, target: 99.9%, window: 28d}]
            ---
            service: b
            slos: [{sli: y, target: "0.999", window: month}]
            """
        let (definitions, problems) = SLOFile.parse(text, file: "s.yaml")
        #expect(problems.isEmpty, "\(problems)")
        #expect(definitions.map(\.service) == ["a", "b"])
        #expect(definitions.map { $0.objectives.first?.budget.target } == [0.999, 0.999])
        #expect(definitions.last?.objectives.first?.budget.window == .calendarMonth)
        let list = SLOFile.parse("- service: a\n  slos: [{sli: x, target: 99.9, window: 30d}]\n- service: b\n  slos: []\n", file: "l.yaml")
        #expect(list.problems.isEmpty && list.definitions.map(\.service) == ["a", "b"])
    }

    @Test("The share one incident may spend before a P1 action item is owed: 20% unless the policy says, as 35%, 35 or 0.35")
    func singleIncidentThreshold() {
        #expect(SLOFile.parse("service: a\nslos: [{sli: x, target: 99%, window: 30d}]\n", file: "s.yaml").definitions.first?
            .singleIncidentP1Share == 0.2)
        for written in ["35%", "35", "0.35"] {
            let (definitions, problems) = SLOFile.parse("service: a\nslos: [{sli: x, target: 99%, window: 30d}]\n"
                + "error_budget_policy:\n  budget_exhausted: stop\n  single_incident_threshold: \(written)\n", file: "s.yaml")
            #expect(problems.isEmpty && definitions.first?.singleIncidentP1Share == 0.35 && definitions.first?.policy[.freezeDeploys] == "stop",
                    "\(written): \(problems.map(\.description))")
        }
    }

    @Test("Mistakes name the file, the line and the key, with a suggestion; the definition is left out, others kept", arguments: [
        ("service: a\nslos:\n  - sli: x\n    target: 101%\n    window: 30d\n", "s.yaml:4: key 'target' in [a.slos]: '101%' is not a target"),
        ("service: a\nslos:\n  - sli: x\n    target: 99.9%\n    window: 30 days\n", "s.yaml:5: key 'window' in [a.slos]: '30 days' is not a window: write 30d, 28d, 4w or month"),
        ("service: a\nslos:\n  - sli: x\n    taget: 99.9%\n    window: 30d\n", "s.yaml:4: key 'taget' in [a.slos]: is not a key here (did you mean 'target'?)"),
        ("servce: a\n", "s.yaml:1: key 'servce': is not a key here (did you mean 'service'?)"),
        ("owner: me\nslos: []\n", "key 'service': is missing"),
        ("service: a\nslis: {availability: {}}\nslos:\n  - sli: availabilty\n    target: 99%\n    window: 30d\n",
         "s.yaml:4: key 'sli' in [a.slos]: 'availabilty' is not one of the slis (did you mean 'availability'?)"),
        ("service: a\nslos:\n  - sli: x\n    target: 99%\n    window: 30d\n    burn_rate_alerts:\n      - {short_window: 1h, long_window: 5m, burn_rate: 2}\n",
         "key 'long_window' in [a.slos.burn_rate_alerts]: write a span longer than short_window (1h)"),
        ("service: a\nslos:\n  - sli: x\n    target: 99%\n    window: 30d\n    burn_rate_alerts:\n      - {short_window: 5m, long_window: 1h, burn_rate: fast}\n",
         "'fast' is not a burn rate"),
        ("service: a\nslos: [\n", "s.yaml:3: is not valid YAML: did not find expected node content"),
        ("", "s.yaml: holds no SLO"),
        ("service: a\nslos: [{sli: x, target: 99%, window: 30d}]\nerror_budget_policy:\n  single_incident_threshold: 120%\n",
         "s.yaml:4: key 'single_incident_threshold' in [a.error_budget_policy]: '120%' is not a share: write a percentage up to 100, such as 20%"),
        ("service: a\nslos: [{sli: x, target: 99%, window: 30d}]\nerror_budget_policy:\n  single_incident_treshold: 20%\n",
         "key 'single_incident_treshold' in [a.error_budget_policy]: is not a key here (did you mean 'single_incident_threshold'?)"),
        ("service: a\nslos: [{sli: x, target: 99%, window: 30d}]\nerror_budget_policy:\n  single_incident_threshold: some\n",
         "'some' is not a share"),
    ])
    func mistakes(_ text: String, _ expected: String) {
        let alone = expected.contains("YAML") || text.isEmpty
        let (definitions, problems) = SLOFile.parse(alone ? text : text + "---\nservice: kept\nslos: [{sli: x, target: 99%, window: 30d}]\n",
                                                    file: "s.yaml")
        #expect(problems.contains { $0.description.contains(expected) }, "\(problems.map(\.description))")
        #expect(!definitions.contains { $0.service == "a" }, "a definition with a mistake is left out")
        if !alone { #expect(definitions.map(\.service) == ["kept"], "the others are kept") }
    }
}
