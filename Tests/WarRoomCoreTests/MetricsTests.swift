import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Metrics")
struct MetricsTests {
    @Test("Time to detect, acknowledge, mitigate and resolve follow product.md")
    func metrics() {
        let started = t0 - .minutes(12)
        let detected = t0 - .minutes(4)
        var scenario = Scenario.declared(.sev2, detectedAt: detected, startedAt: started)
        var metrics = scenario.s.metrics
        #expect(metrics.timeToDetect == .minutes(8))
        #expect(metrics.timeToAcknowledge == nil)
        #expect(metrics.timeToMitigate == nil)
        #expect(metrics.timeToResolve == nil)

        scenario.advance(.minutes(3))
        scenario.must(.assignRole(.commander, person: "alice"))
        scenario.advance(.minutes(20))
        scenario.must(.setStatus(.status(.monitoring), reason: nil, force: false))
        scenario.advance(.minutes(15))
        scenario.must(.setStatus(.status(.resolved), reason: nil, force: false))
        metrics = scenario.s.metrics
        #expect(metrics.timeToAcknowledge == .minutes(3))
        #expect(metrics.timeToMitigate == .minutes(4 + 23))
        #expect(metrics.timeToResolve == .minutes(4 + 38))
    }

    @Test("Without an impact start, time to detect is unknown; detection defaults to declaration")
    func unknownStart() {
        let scenario = Scenario.declared(.sev2)
        #expect(scenario.s.metrics.timeToDetect == nil)
        #expect(scenario.s.detectedAt == t0)
    }

    @Test("Declaration times must be in order")
    func outOfOrder() {
        var scenario = Scenario(now: t0)
        #expect(throws: CommandError.self) {
            try scenario.run(.declare(Declaration(title: "x", severity: .sev2, impactStartedAt: t0 - .minutes(1),
                                                  detectedAt: t0 - .minutes(5))))
        }
        #expect(throws: CommandError.self) {
            try scenario.run(.declare(Declaration(title: "x", severity: .sev2, detectedAt: t0 + .minutes(1))))
        }
        #expect(scenario.state == nil)
    }
}
