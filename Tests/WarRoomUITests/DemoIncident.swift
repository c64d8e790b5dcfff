import Testing
import Foundation
import WarRoomCore
import WarRoomUI

let t0 = Timestamp(iso8601: "2026-11-28T14:00:00Z")!

func testID(_ n: Int) -> UUID {
    UUID(uuid: (0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)))
}

/// A scripted, realistic incident for golden screens and scenario tests.
struct Script {
    var state: IncidentState?
    var now = t0
    var next = 1

    mutating func run(_ command: Command, by author: String = "alice", at: Timestamp? = nil) {
        var counter = next
        do {
            let events = try Incident.record(command, incident: "INC-7", state: state, author: author, at: at ?? now, now: now,
                                             policy: .standard, makeID: { defer { counter += 1 }; return testID(counter) })
            state = IncidentState.fold(events, onto: state)
        } catch {
            Issue.record("script command refused: \(error)")
        }
        next = counter
    }

    mutating func advance(_ span: TimeSpan) { now = now + span }

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
