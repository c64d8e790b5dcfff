import Testing
import WarRoomCore

@Suite("Severity matrix")
struct SeverityMatrixTests {
    @Test("The standard policy is the seed's matrix",
          arguments: [
              (Severity.sev1, TimeSpan.minutes(5), TimeSpan.minutes(15), "VP Eng + CTO"),
              (.sev2, .minutes(15), .minutes(30), "Eng Manager"),
              (.sev3, .hours(1), .hours(2), "Team lead (next standup)"),
              (.sev4, .hours(24), .hours(24), "Backlog triage"),
          ])
    func matrix(_ level: Severity, _ response: TimeSpan, _ cadence: TimeSpan, _ escalation: String) {
        let rule = Policy.standard.rule(for: level)
        #expect(rule.responseTime == response)
        #expect(rule.updateCadence == cadence)
        #expect(rule.escalationTarget == escalation)
    }

    @Test("Escalation deadlines: SEV1 at once, SEV2 within 15 minutes, none below")
    func escalationDeadlines() {
        #expect(Policy.standard.sev1.escalateWithin == .zero)
        #expect(Policy.standard.sev2.escalateWithin == .minutes(15))
        #expect(Policy.standard.sev3.escalateWithin == nil)
        #expect(Policy.standard.sev4.escalateWithin == nil)
    }

    @Test("Root-cause escalation after 30 minutes (SEV1) or 2 hours (SEV2)")
    func rootCauseDeadlines() {
        #expect(Policy.standard.sev1.rootCauseDeadline == .minutes(30))
        #expect(Policy.standard.sev2.rootCauseDeadline == .hours(2))
        #expect(Policy.standard.sev3.rootCauseDeadline == nil)
    }

    @Test("Other defaults: 15-minute timebox and monitoring window, post-mortem in 48 hours")
    func otherDefaults() {
        #expect(Policy.standard.hypothesisTimebox == .minutes(15))
        #expect(Policy.standard.monitoringWindow == .minutes(15))
        #expect(Policy.standard.postmortemDue == .hours(48))
        #expect(Policy.standard.sev1.firstUpdateAfter == .minutes(10))
        #expect(Policy.standard.sev2.firstUpdateAfter == .minutes(30))
    }

    @Test("Severity spellings", arguments: [("SEV1", Severity.sev1), ("sev2", .sev2), ("Sev 3", .sev3), ("4", .sev4)])
    func parse(_ text: String, _ level: Severity) throws {
        #expect(try Severity.parse(text) == level)
    }

    @Test("An unknown severity names the valid ones", arguments: ["SEV7", "SEV0", "critical", "", "sev12"])
    func unknown(_ text: String) {
        #expect(throws: CommandError.unknownSeverity(text)) { try Severity.parse(text) }
        #expect(CommandError.unknownSeverity("SEV7").description == "unknown severity 'SEV7': use SEV1, SEV2, SEV3 or SEV4")
    }

    @Test("A policy round-trips through JSON, so a config can override any number")
    func policyCodable() throws {
        var policy = Policy.standard
        policy.sev2.updateCadence = .minutes(20)
        let data = try JSONEncoder().encode(policy)
        #expect(try JSONDecoder().decode(Policy.self, from: data) == policy)
    }
}

import Foundation
