import Foundation
import Testing
import WarRoomCore
import WarRoomReports
import WarRoomTestSupport

/// The one formatter of timeline rows: the exact words the fold used to write, now put together
/// from each row's detail (the goldens of the screen, the reports and the CLI check them in place).
@Suite("Timeline wording")
struct TimelineWordingTests {
    /// One recorded change and its words.
    struct Wording: Sendable, CustomTestStringConvertible {
        var detail: TimelineItem.Detail
        var words: String
        var testDescription: String { words }
        init(_ detail: TimelineItem.Detail, _ words: String) {
            self.detail = detail
            self.words = words
        }
    }

    static let day = t0.startOfDay
    static let item = testID(7)

    static let wordings: [Wording] = [
        .init(.declared(Declaration(title: "Checkout errors", severity: .sev2, service: "checkout-api")),
              "Declared SEV2: Checkout errors [checkout-api]"),
        .init(.declared(Declaration(title: "Slow", severity: .sev4, summary: "p99 up", service: "")), "Declared SEV4: Slow — p99 up"),
        .init(.severity(from: .sev3, to: .sev2, reason: "key feature down", trigger: nil), "Severity SEV3 → SEV2: key feature down"),
        .init(.severity(from: .sev3, to: .sev2, reason: "", trigger: nil), "Severity SEV3 → SEV2"),
        .init(.severity(from: .sev2, to: .sev1, reason: "ignored", trigger: .dataIntegrity),
              "Severity SEV2 → SEV1 (automatic: data-integrity concern)"),
        .init(.impact(.init(ImpactReport(usersAffectedPercent: 12.5, customerReported: true))),
              "Impact: 12.5% of users affected, customer-reported"),
        .init(.impact(.init(ImpactReport(usersAffectedCount: 40, payingAccounts: true, dataIntegrity: true, securityBreach: true, note: "EU"))),
              "Impact: 40 users affected, paying accounts, data-integrity concern, security breach — EU"),
        .init(.impact(.init(ImpactReport())), "Impact: no change"),
        .init(.impact(.init(ImpactReport(usersAffectedPercent: .nan))), "Impact: nan% of users affected"),
        .init(.role(.commander, person: "alice", previous: nil), "alice is Incident Commander"),
        .init(.role(.commander, person: "bob", previous: "alice"), "Incident Commander handed off: alice → bob"),
        .init(.hypothesis(.init(number: 1, verdict: nil, text: "bad deploy", owner: "bob", span: .minutes(15), note: nil)),
              "Hypothesis #1 (bob, 15m): bad deploy"),
        .init(.hypothesis(.init(number: 2, verdict: nil, text: "dns", owner: nil, span: .minutes(30), note: "x")), "Hypothesis #2 (30m): dns"),
        .init(.hypothesis(.init(number: 1, verdict: .confirmed, text: "bad deploy", owner: "bob", span: .minutes(15), note: "diffed")),
              "Hypothesis #1 confirmed: bad deploy — diffed"),
        .init(.hypothesis(.init(number: 1, verdict: .ruledOut, text: "dns", owner: nil, span: .minutes(15), note: "")),
              "Hypothesis #1 ruled out: dns"),
        .init(.hypothesis(.init(number: 3, verdict: .extended, text: "cache", owner: nil, span: .minutes(10), note: nil)),
              "Hypothesis #3 extended by 10m: cache"),
        .init(.hypothesis(.init(number: 3, verdict: .escalated, text: "cache", owner: nil, span: .minutes(10), note: nil)),
              "Hypothesis #3 escalated: cache"),
        .init(.notification(NotificationRecord(target: "Eng Manager", kind: .notification)), "Notified Eng Manager"),
        .init(.notification(NotificationRecord(target: "DB on-call", kind: .escalation, tier: "tier 2")), "Escalated to DB on-call (tier 2)"),
        .init(.status(from: .investigating, to: .resolved, reason: "false positive", overridden: true),
              "Status investigating → resolved (override: false positive)"),
        .init(.status(from: .mitigating, to: .monitoring, reason: "rolled back", overridden: false), "Status mitigating → monitoring: rolled back"),
        .init(.status(from: .resolved, to: .investigating, reason: "errors are back", overridden: false),
              "Reopened (resolved → investigating): errors are back"),
        .init(.update(.executives, text: "We are on it"), "Status update to executives: We are on it"),
        .init(.facts(.init(service: ("checkout", "search"), impactStarted: (t0 - .minutes(20), t0 - .minutes(9)), detected: nil,
                           declaredAt: t0)),
              "Facts: service checkout (was search) · impact started 13:40:00 (was 13:51:00)"),
        .init(.facts(.init(service: ("search", "search"), impactStarted: nil, detected: (t0 - .hours(24), t0), declaredAt: t0)),
              "Facts: service search · detected 2026-11-27 14:00:00 (was 14:00:00)"),
        .init(.facts(.init(service: nil, impactStarted: (t0 - .minutes(10), nil), detected: nil, declaredAt: t0)),
              "Facts: impact started 13:50:00"),
        .init(.facts(.init(service: nil, impactStarted: nil, detected: nil, declaredAt: t0)), "Facts: nothing given"),
        .init(.postmortemStatus(.final, forced: true), "Post-mortem marked final (forced)"),
        .init(.postmortemStatus(.review, forced: false), "Post-mortem marked review"),
        .init(.postmortemText(.wentWell), "Post-mortem what went well written"),
        .init(.postmortemImpact, "Post-mortem impact figures recorded"),
        .init(.factor(ContributingFactor(level: .systemic, text: "no canary")), "Systemic cause: no canary"),
        .init(.why(number: 2, text: "no review", amended: false), "Why #2: no review"),
        .init(.why(number: 2, text: "no reviewer", amended: true), "Why #2 amended: no reviewer"),
        .init(.actionItemAdded(number: 1, ActionItemAdded(text: "Canary", owner: "sre", priority: .p1, due: day + .hours(72))),
              "Action item 1 (P1, sre, due 2026-12-01): Canary"),
        .init(.actionItemDone(number: 2, text: "Canary"), "Action item 2 done: Canary"),
        .init(.actionItemEdited(number: 1, ActionItemUpdate(item: item, text: "x", owner: "bob", priority: .p2, due: day), text: "x"),
              "Action item 1 edited (text, owner bob, P2, due 2026-11-28): x"),
        .init(.actionItemEdited(number: 1, ActionItemUpdate(item: item), text: "Canary"), "Action item 1 edited (no change): Canary"),
        .init(.actionItemStatus(number: 1, ActionItemStatusChange(item: item, status: .notStarted, reason: "the check is flaky"),
                                text: "Validate config in CI"),
              "Action item 1 not started (the check is flaky): Validate config in CI"),
        .init(.actionItemStatus(number: 3, ActionItemStatusChange(item: item, status: .inProgress), text: "Canary"),
              "Action item 3 in progress: Canary"),
        .init(.unknownTarget(.hypothesis), "Decision on an unknown hypothesis"),
        .init(.unknownTarget(.actionItemDone), "Done: an unknown action item"),
        .init(.unknownTarget(.actionItemEdit), "Edit of an unknown action item"),
        .init(.unknownTarget(.actionItemStatus), "Status of an unknown action item"),
        .init(.unknownTarget(.why), "Amendment of an unknown why"),
    ]

    @Test("Each recorded change in the words the timeline always used", arguments: wordings)
    func words(_ wording: Wording) {
        #expect(TimelineWording.text(of: wording.detail) == wording.words)
    }

    @Test("A role is named by its title, for every role", arguments: Role.allCases)
    func roleTitles(_ role: Role) {
        #expect(TimelineWording.text(of: .role(role, person: "dana", previous: nil)) == "dana is \(role.title)")
        #expect(TimelineWording.text(of: .role(role, person: "dana", previous: "eve")) == "\(role.title) handed off: eve → dana")
    }

    @Test("Rows folded from commands read as they did, entries as typed, in timeline order")
    func folded() {
        var scenario = Scenario.declared(.sev3, detectedAt: t0 - .minutes(10))
        scenario.must(.log(Entry(kind: .finding, text: "alert fired", tags: [.detection])), at: t0 - .minutes(2))
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 12.5, customerReported: true)))
        scenario.must(.setSeverity(.sev2, reason: "key feature down"))
        scenario.must(.assignRole(.commander, person: "alice"))
        scenario.must(.assignRole(.commander, person: "bob"))
        scenario.must(.openHypothesis(text: "bad deploy", owner: "bob", timebox: nil))
        scenario.must(.decideHypothesis(number: 1, verdict: .confirmed, extendedBy: nil, note: nil, markIdentified: false))
        scenario.must(.notify(target: "Eng Manager", kind: nil, tier: nil))
        scenario.must(.postUpdate(audience: .executives, text: "We are on it"))
        scenario.must(.log(Entry(kind: .note, text: "alice is Incident Commander")))
        scenario.must(.setFacts(IncidentFacts(service: "checkout")))
        scenario.must(.setStatus(.status(.resolved), reason: "false positive", force: true))
        scenario.must(.setPostmortemStatus(.final, forced: ["Executive Summary: [2-3 sentences]"]))
        #expect(scenario.s.timeline.map(TimelineWording.text) == [
            "alert fired",
            "Declared SEV3: Checkout errors [checkout-api]",
            "Impact: 12.5% of users affected, customer-reported",
            "Severity SEV3 → SEV2: key feature down",
            "alice is Incident Commander",
            "Incident Commander handed off: alice → bob",
            "Hypothesis #1 (bob, 15m): bad deploy",
            "Hypothesis #1 confirmed: bad deploy",
            "Notified Eng Manager",
            "Status update to executives: We are on it",
            "alice is Incident Commander",
            "Facts: service checkout (was checkout-api)",
            "Status investigating → resolved (override: false positive)",
            "Post-mortem marked final (forced)",
        ])
    }

    @Test("An amended entry reads as its latest text")
    func amended() throws {
        var scenario = Scenario.declared(.sev2)
        let entry = try #require(scenario.must(.log(Entry(kind: .decision, text: "roll back to v41"))).first)
        scenario.must(.amend(entry: entry.id, text: "roll back to v40"))
        let item = try #require(scenario.s.timelineItem(for: entry.id))
        #expect(TimelineWording.text(item) == "roll back to v40")
    }
}

@Suite("Timeline wording: alert entries")
struct AlertEntryWordingTests {
    @Test("An alert's entry shows its runbook link, also once its text was amended")
    func runbookShown() throws {
        var scenario = Scenario.declared(.sev2)
        let source = AlertSource(key: "k", format: "alertmanager", startsAt: t0, runbookURL: "https://runbooks.example/db")
        let events = scenario.must(.log(Entry(kind: .finding, text: "Alert firing: DBDown — runbook https://runbooks.example/db",
                                              tags: [.detection], alert: source)))
        let id = try #require(events.first).id
        let row = try #require(scenario.s.timelineItem(for: id))
        #expect(TimelineWording.text(row) == "Alert firing: DBDown — runbook https://runbooks.example/db")
        scenario.must(.amend(entry: id, text: "DBDown: replica lag, not the primary"))
        let amended = try #require(scenario.s.timelineItem(for: id))
        #expect(TimelineWording.text(amended) == "DBDown: replica lag, not the primary — runbook https://runbooks.example/db")
        let plain = try #require(scenario.must(.log(Entry(kind: .note, text: "no runbook here"))).first)
        let plainRow = try #require(scenario.s.timelineItem(for: plain.id))
        #expect(TimelineWording.text(plainRow) == "no runbook here")
    }
}
