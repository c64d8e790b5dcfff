import Foundation
import Testing
import WarRoomAlerts
@testable import WarRoomConfig
import WarRoomCore

/// The three shipped scenarios and the README's example: each reads with no mistake, its alerts
/// through the intake's own Alertmanager parser, and has what the issue asks of a scenario.
@Suite struct ShippedScenariosTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/drills/checkout-latency.yaml").path
    static let readme = BuiltInScenariosSourceTests.root.appendingPathComponent("README.md").path

    static func shipped(_ name: String) throws -> DrillScenario {
        let entry = try #require(DrillScenarioCatalog.builtIn(name, checkAlert: DrillScenarioFileTests.checkAlert))
        #expect(entry.problems.isEmpty, "\(entry.problems.map(\.description))")
        return try #require(entry.scenario)
    }

    /// The alerts each alert inject plays, parsed as the intake parses them.
    static func alerts(_ scenario: DrillScenario) throws -> [InboundAlert] {
        try scenario.injects.flatMap { inject -> [InboundAlert] in
            guard case .alert(let payload) = inject.kind else { return [] }
            return try AlertFormat.alertmanager.parse(Array(payload.utf8))
        }
    }

    @Test("Each shipped scenario reads whole and has objectives, real alerts, expectations with points and a contingency",
          arguments: DrillScenarioCatalog.builtInNames)
    func shape(_ name: String) throws {
        let scenario = try Self.shipped(name)
        #expect(scenario.name == name && !scenario.title.isEmpty && scenario.objectives.count >= 3)
        #expect(scenario.basedOn?.hasPrefix("https://") == true, "modelled on a public post-mortem")
        #expect(scenario.roles == [.commander, .comms, .tech, .scribe] && scenario.service != nil)
        let alerts = try Self.alerts(scenario)
        #expect(!alerts.isEmpty && alerts.allSatisfy { $0.status == .firing && $0.service == scenario.service }, "\(alerts.map(\.service))")
        #expect(scenario.injects.first?.offset == .zero && scenario.injects.first?.kind.key == "alert", "the page starts the drill")
        #expect(scenario.expectations.count >= 8 && scenario.expectations.allSatisfy { $0.expectation.points > 0 })
        #expect(scenario.expectations.contains { $0.expectation.contingency != nil })
        #expect(scenario.injects.contains { if case .impact = $0.kind { true } else { false } })
        #expect(scenario.injects.contains { if case .hypothesisWrong = $0.kind { true } else { false } })
        #expect(scenario.expectations.contains { $0.expectation.action.kind == .mitigationRecorded }, "stop the bleeding first")
        #expect(!scenario.runsCommands, "a shipped drill injects no real fault")
        let plan = DrillPlan(scenario, speed: .fastest)
        #expect(plan.cues.last?.what == .end && plan.wallDuration <= .minutes(1))
    }

    @Test("What each story needs: a SEV1-sized outage, a data-integrity upgrade and a handoff, a vendor escalation")
    func stories() throws {
        let config = try Self.shipped("bad-config-deploy")
        #expect(config.expectations.contains { $0.expectation.action == .severitySet(.sev1) && $0.expectation.within <= .minutes(5) })
        #expect(try Self.alerts(config).map(\.name) == ["EdgeHTTP502RateHigh", "EdgeCPUSaturated"])
        let failover = try Self.shipped("database-failover")
        #expect(failover.injects.contains { $0.upgrade(from: failover.severity).map { $0.0 == .sev1 && $0.1 == .dataIntegrity } == true })
        #expect(failover.injects.contains { $0.kind == .roleLeaves(.tech, reason: "the technical lead is pulled into a security incident") })
        #expect(failover.expectations.contains { $0.expectation.action.kind == .escalated })
        #expect(try Self.alerts(failover).map(\.name) == ["MySQLPrimaryChanged", "MySQLReplicationLagHigh"])
        let cloud = try Self.shipped("cloud-provider-outage")
        #expect(cloud.expectations.contains { $0.expectation.action == .paged(target: "aws-support") && $0.expectation.contingency != nil })
        #expect(cloud.injects.contains { $0.upgrade(from: cloud.severity).map { $0.0 == .sev2 && $0.1 == .payingCustomerReported } == true })
    }

    @Test("The README's example is the fixture, word for word, and reads whole with every kind of inject")
    func readmeExample() throws {
        let text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        let readme = try String(contentsOfFile: Self.readme, encoding: .utf8)
        #expect(readme.contains("```yaml\n" + text + "```\n"), "README and Fixtures/drills/checkout-latency.yaml must agree")
        let (read, problems) = DrillScenarioFile.read(path: Self.fixture, checkAlert: DrillScenarioFileTests.checkAlert)
        #expect(problems.isEmpty, "\(problems.map(\.description))")
        let scenario = try #require(read)
        #expect(Set(scenario.injects.map(\.kind.key)) == Set(DrillInject.Kind.keys))
        #expect(scenario.runsCommands && scenario.commands.map(\.name) == ["add-latency"] && scenario.duration == .minutes(40))
        let contingency = try #require(scenario.injects[1].expectations[1].contingency)
        #expect(contingency.offset == .minutes(11), "the deadline of an update due 10m after +00:01")
    }
}
