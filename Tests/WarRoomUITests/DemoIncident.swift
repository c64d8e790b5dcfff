import Testing
import Foundation
import WarRoomCore
import WarRoomUI
import WarRoomTestSupport

/// A scripted, realistic incident for golden screens and scenario tests: the shared Scenario
/// (WarRoomTestSupport) on incident INC-7, where every command must succeed.
struct Script {
    private var scenario = Scenario(incident: "INC-7")
    var state: IncidentState? { scenario.state }
    var now: Timestamp { scenario.now }

    mutating func run(_ command: Command, by author: String = "alice", at: Timestamp? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        scenario.must(command, by: author, at: at, sourceLocation: sourceLocation)
    }

    mutating func advance(_ span: TimeSpan) { scenario.advance(span) }

    /// A SEV1 checkout outage twelve minutes in: roles partly filled, two hypotheses, an update owed.
    static func checkoutOutage() -> Script {
        var s = Script()
        s.run(.declare(Declaration(title: "Checkout API returning 500s", severity: .sev2, service: "checkout-api",
                                   impactStartedAt: t0 - .minutes(6), detectedAt: t0 - .minutes(2))))
        s.run(.log(Entry(kind: .finding, text: "Alert fired: API error rate > 5%", tags: [.detection])), at: t0 - .minutes(2))
        s.run(.assignRole(.commander, person: "alice"))
        s.advance(.minutes(1))
        s.run(.assignRole(.scribe, person: "carol"), by: "carol")
        s.run(.assignRole(.tech, person: "bob"))
        s.advance(.minutes(2))
        s.run(.recordImpact(ImpactReport(usersAffectedPercent: 30, customerReported: true, payingAccounts: true)), by: "carol")
        s.run(.openHypothesis(text: "Bad config deploy at 13:55", owner: "bob", timebox: nil), by: "bob")
        s.advance(.minutes(3))
        s.run(.log(Entry(kind: .action, text: "Rolling back config to v41 in eu-west-1 and us-east-1; watching error rate on the checkout dashboard")), by: "bob")
        s.run(.openHypothesis(text: "Payment provider latency", owner: "dan", timebox: .minutes(10)), by: "carol")
        s.advance(.minutes(4))
        s.run(.setSeverity(.sev1, reason: "error rate 40% and climbing"))
        s.run(.log(Entry(kind: .decision, text: "Freeze all deploys until resolved")))
        s.advance(.minutes(2))
        s.run(.log(Entry(kind: .note, text: "日本語 support tickets arriving 👩‍💻")), by: "carol")
        return s
    }
}
