import Foundation
import WarRoomReports
import Testing
import WarRoomCore
import WarRoomTestSupport

/// The checkout outage of the report tests, captured at the moments each template is drafted:
/// SEV2 declared at 14:00, upgraded to SEV1 when impact doubles, a host-naming hypothesis
/// confirmed, a rollback, monitoring, resolution at 14:42, then the post-mortem written the next
/// day and read on 2026-12-10 (one action item done, one overdue, one open; two TODO: entries).
struct ScriptedIncident {
    /// Before any update was posted (initial notification owed).
    var initial: IncidentState
    var initialNow: Timestamp
    /// Mitigating, after the first round of updates.
    var update: IncidentState
    var updateNow: Timestamp
    /// Resolved.
    var resolved: IncidentState
    var resolvedNow: Timestamp
    /// Post-mortem in review.
    var final: IncidentState
    var finalNow: Timestamp
    var policy: Policy

    /// The people of the record.
    static let people = ["alice", "bob", "carol", "dave", "erin", "frank"]

    /// The free text typed into the record (titles, entries, hypotheses, notes): a customer draft
    /// quotes none of it.
    static let freeText = [
        "Checkout errors", "checkout-api", "Checkout returns HTTP 500 for a share of shoppers",
        "Error rate on /checkout at 38%; pods on db-17.prod.internal saturated",
        "Bad config push at 13:50 to checkout-api", "config diff is clean",
        "Connection pool exhausted on db-17.prod.internal after the 13:50 deploy",
        "maybe DNS on resolver-3?", "bob restarted pgbouncer on db-17.prod.internal",
        "carol forgot to raise the pool limit after the last migration",
        "Roll back deploy 4411 and freeze deploys on checkout-api",
        "Replica lag on db-18.prod.internal amplifies the pool exhaustion",
        "Rolled back deploy 4411 on checkout-api", "TODO: add a pool-saturation alert for db-17",
        "TODO: document the pgbouncer restart in the runbook", "Investigating elevated checkout errors",
        "Error rate back to baseline (0.2%)", "All-clear sent to support and the status page",
        "Mitigating: rollback of 4411 done, error rate falling", "wrong incident",
        "Eng Manager", "VP Eng + CTO",
    ]

    static func build() -> ScriptedIncident {
        var s = Scenario.declared(.sev2, summary: "Checkout returns HTTP 500 for a share of shoppers",
                                  detectedAt: utc("2026-11-28T13:58:00Z"), startedAt: utc("2026-11-28T13:52:00Z"))
        s.at("14:01")
        s.must(.assignRole(.commander, person: "alice"))
        s.must(.assignRole(.tech, person: "bob"))
        s.must(.assignRole(.comms, person: "dave"))
        s.must(.assignRole(.scribe, person: "erin"))
        s.at("14:02")
        s.log(.finding, "Error rate on /checkout at 38%; pods on db-17.prod.internal saturated", by: "erin", tags: [.detection])
        s.at("14:03")
        s.must(.recordImpact(ImpactReport(usersAffectedPercent: 20, usersAffectedCount: 4800)))
        s.at("14:04")
        s.must(.openHypothesis(text: "Bad config push at 13:50 to checkout-api", owner: "bob", timebox: nil))
        s.at("14:05")
        s.must(.notify(target: "Eng Manager", kind: nil, tier: nil))
        s.at("14:06")
        let initial = s.s, initialNow = s.now

        s.at("14:08")
        s.must(.postUpdate(audience: .engineering, text: "Investigating elevated checkout errors"), by: "dave")
        s.must(.postUpdate(audience: .executives, text: "Investigating elevated checkout errors"), by: "dave")
        s.must(.postUpdate(audience: .customers, text: "Investigating elevated checkout errors"), by: "dave")
        s.at("14:10")
        s.must(.recordImpact(ImpactReport(usersAffectedPercent: 45, usersAffectedCount: 10800, customerReported: true,
                                          payingAccounts: true)))
        s.at("14:11")
        s.must(.notify(target: "VP Eng + CTO", kind: nil, tier: nil))
        s.at("14:12")
        s.must(.decideHypothesis(number: 1, verdict: .ruledOut, extendedBy: nil, note: "config diff is clean",
                                 markIdentified: true), by: "bob")
        s.must(.openHypothesis(text: "Connection pool exhausted on db-17.prod.internal after the 13:50 deploy",
                               owner: "carol", timebox: nil))
        s.at("14:13")
        let guess = s.log(.note, "maybe DNS on resolver-3?", by: "erin")
        s.at("14:14")
        s.must(.retract(entry: guess, reason: "wrong incident"), by: "erin")
        s.at("14:15")
        s.log(.action, "bob restarted pgbouncer on db-17.prod.internal", by: "bob")
        s.at("14:16")
        s.log(.note, "carol forgot to raise the pool limit after the last migration", by: "erin")
        s.at("14:18")
        s.must(.decideHypothesis(number: 2, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: true),
               by: "carol")
        s.at("14:19")
        s.log(.decision, "Roll back deploy 4411 and freeze deploys on checkout-api")
        s.must(.openHypothesis(text: "Replica lag on db-18.prod.internal amplifies the pool exhaustion", owner: "frank",
                               timebox: .minutes(20)))
        s.at("14:20")
        s.must(.setStatus(.status(.mitigating), reason: nil, force: false))
        s.at("14:21")
        s.log(.action, "Rolled back deploy 4411 on checkout-api", by: "bob", tags: [.repair])
        s.at("14:22")
        let alertTodo = s.log(.note, "TODO: add a pool-saturation alert for db-17", by: "erin")
        s.log(.note, "TODO: document the pgbouncer restart in the runbook", by: "erin")
        s.at("14:23")
        let update = s.s, updateNow = s.now

        s.at("14:24")
        s.must(.postUpdate(audience: .engineering, text: "Mitigating: rollback of 4411 done, error rate falling"), by: "dave")
        s.must(.postUpdate(audience: .executives, text: "Mitigating: rollback of 4411 done, error rate falling"), by: "dave")
        s.at("14:26")
        s.must(.setStatus(.status(.monitoring), reason: nil, force: false))
        s.at("14:30")
        s.log(.finding, "Error rate back to baseline (0.2%)", by: "carol", tags: [.keyMoment])
        s.at("14:32")
        s.must(.decideHypothesis(number: 3, verdict: .ruledOut, extendedBy: nil, note: nil, markIdentified: true),
               by: "frank")
        s.at("14:42")
        s.must(.setStatus(.status(.resolved), reason: nil, force: false))
        s.at("14:44")
        s.log(.comms, "All-clear sent to support and the status page", by: "dave")
        s.at("14:45")
        let resolved = s.s, resolvedNow = s.now

        s.at("2026-11-29T10:00:00Z")
        s.must(.setPostmortemText(.summary, text: "For 50 minutes, checkout failed for up to 45% of shoppers. "
            + "A deploy exhausted the database connection pool; rolling it back restored service."))
        s.must(.setPostmortemText(.whatHappened, text: "Deploy 4411 doubled the connections each pod opens.\n"
            + "The pool on the primary database saturated and checkout requests timed out waiting for a connection."))
        s.must(.setPostmortemText(.wentWell, text: "- Detection within 6 minutes of impact\n- The rollback took 2 minutes"))
        s.must(.setPostmortemText(.wentPoorly, text: "Pool saturation had no alert\nThe runbook lacked the pgbouncer restart"))
        s.must(.setPostmortemImpact(PostmortemImpact(usersAffected: "45% of checkout users (about 10,800)",
                                                     revenue: "about $18,000 in delayed orders", supportTickets: 37)))
        s.must(.setFactor(.immediate, text: "Deploy 4411 doubled the connections per pod"))
        s.must(.setFactor(.underlying, text: "Pool size is not checked against pod count"))
        s.must(.addWhy("Checkout requests timed out waiting for a database connection."))
        s.must(.addWhy("The connection pool was exhausted."))
        s.must(.addWhy("Deploy 4411 doubled the connections per pod."))
        s.must(.addActionItem(text: "Add a pool-saturation alert", owner: "bob", priority: .p1,
                              due: utc("2026-12-01T00:00:00Z"), fromEntry: alertTodo))
        s.must(.addActionItem(text: "Canary deploys for config changes", owner: "platform", priority: .p1,
                              due: utc("2026-12-03T00:00:00Z"), fromEntry: nil))
        s.must(.addActionItem(text: "Check pool size against pod count in CI", owner: "carol", priority: .p2,
                              due: utc("2026-12-31T00:00:00Z"), fromEntry: nil))
        s.at("2026-11-30T09:00:00Z")
        s.must(.completeActionItem(number: 1), by: "bob")
        s.must(.setPostmortemStatus(.review))
        let final = s.s

        return ScriptedIncident(initial: initial, initialNow: initialNow, update: update, updateNow: updateNow,
                                resolved: resolved, resolvedNow: resolvedNow, final: final,
                                finalNow: utc("2026-12-10T09:00:00Z"), policy: s.policy)
    }

    /// The state and clock at which a kind of draft is written.
    func stage(_ kind: UpdateDraft.Kind) -> (IncidentState, Timestamp) {
        switch kind {
        case .initial: (initial, initialNow)
        case .update: (update, updateNow)
        case .resolved: (resolved, resolvedNow)
        }
    }

    func draft(_ kind: UpdateDraft.Kind, _ audience: Audience) -> UpdateDraft {
        let (state, now) = stage(kind)
        return StatusUpdateDrafter.draft(state, audience: audience, policy: policy, now: now)
    }
}
