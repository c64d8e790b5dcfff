import Foundation
import WarRoomCore

/// A realistic incident already twenty minutes in, for `warroom demo`: roles partly filled, an
/// impact upgrade, one hypothesis past its timebox (a decision owed) and one about to expire, an
/// update owed soon.
public enum DemoIncident {
    /// The commands, each with how many minutes before `now` it happened and who recorded it.
    static let script: [(minutesAgo: Int64, author: String, command: Command)] = [
        (21, "alice", .declare(Declaration(title: "Checkout API returning 500s", severity: .sev2,
                                           summary: "Card payments failing for a share of EU and US users", service: "checkout-api"))),
        (21, "alice", .assignRole(.commander, person: "alice")),
        (20, "carol", .assignRole(.scribe, person: "carol")),
        (20, "carol", .log(Entry(kind: .finding, text: "PagerDuty: API error rate > 5% on checkout-api", tags: [.detection]))),
        (19, "alice", .assignRole(.tech, person: "bob")),
        (18, "carol", .recordImpact(ImpactReport(usersAffectedPercent: 12, customerReported: true))),
        (17, "bob", .openHypothesis(text: "Bad config deploy (feature flag payments.v2)", owner: "bob", timebox: nil)),
        (16, "bob", .log(Entry(kind: .action, text: "Diffing config v41 → v42; v42 enabled payments.v2 in eu-west-1"))),
        (15, "alice", .notify(target: "Eng Manager", kind: nil, tier: nil)),
        (14, "carol", .postUpdate(audience: .engineering, text: "Investigating elevated 500s on checkout; next update in 30m")),
        (12, "carol", .recordImpact(ImpactReport(usersAffectedPercent: 28, payingAccounts: true))),
        (11, "alice", .log(Entry(kind: .decision, text: "Freeze deploys to checkout until resolved"))),
        (9, "bob", .openHypothesis(text: "Payment provider latency spike", owner: "dan", timebox: .minutes(10))),
        (7, "dan", .log(Entry(kind: .finding, text: "Provider status page green; p99 to provider normal"))),
        (4, "bob", .log(Entry(kind: .action, text: "Rolling back config to v41 in eu-west-1"))),
        (1, "carol", .log(Entry(kind: .comms, text: "Support: 40 tickets, mostly EU card payments"))),
    ]

    /// The demo's events, stamped relative to `now`, with fresh ids.
    public static func events(incident: IncidentID, now: Timestamp, policy: Policy) throws -> [Event] {
        var state: IncidentState?
        var events: [Event] = []
        for step in script {
            let at = now - .minutes(step.minutesAgo)
            let new = try Incident.record(step.command, incident: incident, state: state, author: step.author, at: at,
                                          now: at, policy: policy, makeID: { UUID() })
            state = IncidentState.fold(new, onto: state)
            events += new
        }
        return events
    }
}
