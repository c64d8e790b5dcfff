import Testing
import WarRoomCore
import WarRoomTestSupport
import WarRoomUI

@Suite("Input line: the incident's facts")
struct FactsInputTests {
    var context: InputContext {
        let scenario = Scenario.declared(.sev2, service: nil, at: t0)
        return InputContext(state: scenario.s, now: t0 + .minutes(10))
    }

    @Test("/service, /started and /detected record the facts", arguments: [
        ("/service checkout-api", IncidentFacts(service: "checkout-api")),
        ("/service checkout api (EU)", IncidentFacts(service: "checkout api (EU)")),
        ("/started 13:50", IncidentFacts(impactStartedAt: t0 - .minutes(10))),
        ("/started -20m", IncidentFacts(impactStartedAt: t0 - .minutes(10))),
        ("/detected 13:58", IncidentFacts(detectedAt: t0 - .minutes(2))),
        ("/DETECTED 2026-11-28T13:57:00Z", IncidentFacts(detectedAt: t0 - .minutes(3))),
    ])
    func facts(_ line: String, _ facts: IncidentFacts) throws {
        #expect(try SlashCommands.parse(line, context: context) == .record(.setFacts(facts), at: nil))
    }

    @Test("Missing or unreadable times are refused with the accepted forms", arguments: [
        ("/started", "/started needs one time"), ("/detected soon", "soon"), ("/detected 13:50 13:55", "needs one time"),
        ("/service", "/service needs the service or feature"),
    ])
    func refused(_ line: String, _ fragment: String) {
        do {
            let action = try SlashCommands.parse(line, context: context)
            Issue.record("accepted as \(action)")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("The three commands are in the table, so help and completion list them")
    func listed() {
        for name in ["service", "started", "detected"] { #expect(SlashCommands.named(name) != nil) }
    }
}
