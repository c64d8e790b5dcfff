import Testing
import WarRoomCore
import WarRoomTestSupport
import WarRoomReports

@Suite("Status-update drafts")
struct UpdateDraftTests {
    static let incident = ScriptedIncident.build()

    @Test("The template follows the record: initial before any update, update after, resolved at the end")
    func kinds() {
        let incident = Self.incident
        #expect(UpdateDraft.Kind(incident.initial) == .initial)
        #expect(UpdateDraft.Kind(incident.update) == .update)
        #expect(UpdateDraft.Kind(incident.resolved) == .resolved)
        #expect(UpdateDraft.Kind(incident.final) == .resolved)
    }

    @Test("Subjects follow the seed, and customer subjects name nothing from the record")
    func subjects() {
        let incident = Self.incident
        #expect(incident.draft(.initial, .engineering).subject == "[SEV2] checkout-api — Checkout errors (20% of users)")
        #expect(incident.draft(.update, .executives).subject == "[SEV1 UPDATE] checkout-api — Mitigating")
        #expect(incident.draft(.resolved, .engineering).subject == "[RESOLVED] checkout-api — Checkout errors")
        #expect(incident.draft(.initial, .customers).subject == "[Investigating] Service disruption")
        #expect(incident.draft(.update, .customers).subject == "[Mitigating] Service disruption")
        #expect(incident.draft(.resolved, .customers).subject == "[RESOLVED] Service disruption")
    }

    @Test("The next update is one cadence of the current severity after now, with its UTC time")
    func nextUpdate() {
        let incident = Self.incident
        // SEV2 at 14:06: every 30 minutes.
        #expect(incident.draft(.initial, .engineering).body.contains("Next Update: In 30 minutes (at 14:36 UTC) or when we have more information."))
        // SEV1 at 14:23: every 15 minutes.
        for audience in Audience.allCases {
            #expect(incident.draft(.update, audience).body.contains("Next Update: In 15 minutes (at 14:38 UTC)."))
            #expect(!incident.draft(.resolved, audience).body.contains("Next Update"))
        }
    }

    @Test("Engineering gets what happened since its last update, with times and authors; nothing retracted")
    func engineeringSinceLastUpdate() {
        let body = Self.incident.draft(.update, .engineering).body
        #expect(body.contains("Actions Taken (since the last update at 14:08 UTC):"))
        #expect(body.contains("- 14:15 UTC Action (bob): bob restarted pgbouncer on db-17.prod.internal"))
        #expect(body.contains("- 14:19 UTC Decision (alice): Roll back deploy 4411 and freeze deploys on checkout-api"))
        #expect(body.contains("- 14:11 UTC Notified VP Eng + CTO"))
        #expect(!body.contains("Eng Manager"), "notified before the last update")
        #expect(!body.contains("resolver-3"), "retracted")
        #expect(body.contains("Root cause: Connection pool exhausted on db-17.prod.internal"))
        #expect(body.contains("Testing hypothesis #3 (frank, timebox ends 14:39 UTC)"))
        #expect(body.contains("Roles: Incident Commander alice; Communications Lead dave; Technical Lead bob; Scribe erin"))
    }

    @Test("Executives get impact in plain words, a one-line understanding, the ETA and what is owed")
    func executives() {
        let incident = Self.incident
        let initial = incident.draft(.initial, .executives).body
        #expect(initial.contains("Impact: 20% of users (4,800 users) are affected."))
        #expect(initial.contains("ETA: [no ETA yet]"))
        #expect(initial.contains("- No root cause after 2h: escalate to the next tier — due in 1h54m"))
        #expect(!initial.contains("Bad config push"), "no hypothesis internals while the cause is unknown")
        let update = incident.draft(.update, .executives).body
        #expect(update.contains("Paying customer accounts are affected. Customers have reported the problem."))
        #expect(!update.contains("pgbouncer"), "no action details for executives")
        #expect(!update.contains("Replica lag"), "no running hypotheses for executives")
    }

    @Test("Customer drafts of every kind quote nothing from the record: no names, hosts, services or hypotheses",
          arguments: UpdateDraft.Kind.allCases)
    func customersQuoteNothing(_ kind: UpdateDraft.Kind) {
        let text = Self.incident.draft(kind, .customers).text
        let lowered = text.lowercased()
        for name in ScriptedIncident.people { #expect(!Self.words(lowered).contains(name), "names \(name)") }
        for fragment in ["db-17", "db-18", "prod.internal", "checkout", "pgbouncer", "4411", "pool", "replica", "config",
                         "resolver", "eng manager", "vp eng", "sev1", "sev2"] {
            #expect(!lowered.contains(fragment), "quotes \(fragment)")
        }
        for hypothesis in Self.incident.final.hypotheses { #expect(!text.contains(hypothesis.text)) }
        // Every word of the draft is a word of the fixed customer wording: none comes from the record.
        let recordWords = Set(ScriptedIncident.freeText.flatMap { Self.words($0.lowercased()) })
        // (Numbers are left out: clock times and shares are structured, "14:38" is not a quote of "38%".)
        let leaked = Self.words(lowered).filter {
            recordWords.contains($0) && !Self.customerVocabulary.contains($0) && !$0.allSatisfy(\.isNumber)
        }
        #expect(leaked.isEmpty, "words from the record: \(leaked)")
    }

    @Test("Customer drafts carry impact, status and the next update only")
    func customerFields() {
        let incident = Self.incident
        #expect(incident.draft(.initial, .customers).body == """
            Status: Investigating — We are investigating an issue affecting our service.
            Impact: About 20% of users may be experiencing errors or degraded service.
            Next Update: In 30 minutes (at 14:36 UTC) or when we have more information.
            """)
        let blank = Scenario.declared(.sev3, title: "Search is slow for db-9 users", service: "search-api")
        #expect(StatusUpdateDrafter.draft(blank.s, audience: .customers, policy: .standard, now: t0).body
            .contains("Impact: Some users may be experiencing errors or degraded service."))
    }

    @Test("Unknown fields are bracketed placeholders telling the IC what to fill, never invented text")
    func placeholders() {
        var scenario = Scenario.declared(.sev1, title: "Something is wrong", service: nil)
        let initial = StatusUpdateDrafter.draft(scenario.s, audience: .engineering, policy: .standard, now: t0)
        #expect(initial.subject == "[SEV1] [service or feature affected] — Something is wrong")
        #expect(initial.body.contains("Impact: [share or number of users affected]"))
        #expect(initial.body.contains("Current Understanding: [cause not yet identified]"))
        #expect(initial.body.contains("- [next steps: what the team is doing next]"))
        #expect(initial.body.contains("Scribe [unassigned]"))
        #expect(StatusUpdateDrafter.draft(scenario.s, audience: .executives, policy: .standard, now: t0).body
            .contains("ETA: [no ETA yet]"))
        scenario.now = t0 + .minutes(5)
        scenario.must(.postUpdate(audience: .engineering, text: "looking"))
        let update = StatusUpdateDrafter.draft(scenario.s, audience: .engineering, policy: .standard, now: scenario.now)
        #expect(update.body.contains("- [what has been done since the last update]"))
        scenario.must(.setStatus(.status(.resolved), reason: "false alarm", force: true))
        let resolved = StatusUpdateDrafter.draft(scenario.s, audience: .engineering, policy: .standard, now: scenario.now)
        #expect(resolved.kind == .resolved)
        #expect(resolved.body.contains("- [what fixed the issue]"))
        #expect(resolved.body.contains("Root Cause: [root cause, if known]"))
        #expect(resolved.body.contains("[link to the action-item tracker]"))
    }

    @Test("While monitoring, the ETA is the end of the monitoring window")
    func monitoringEta() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.postUpdate(audience: .executives, text: "looking"))
        scenario.now = t0 + .minutes(10)
        scenario.must(.setStatus(.status(.monitoring), reason: nil, force: false))
        let body = StatusUpdateDrafter.draft(scenario.s, audience: .executives, policy: .standard, now: scenario.now).body
        #expect(body.contains("ETA: Resolution expected when the monitoring window ends at 14:25 UTC, if the fix holds."))
    }

    @Test("text is the subject, a blank line, the body")
    func text() {
        let draft = UpdateDraft(kind: .update, audience: .customers, subject: "S", body: "B")
        #expect(draft.text == "S\n\nB")
    }

    /// Lowercased words: letters, digits and `-` `.` `@` runs.
    static func words(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "@") }.map(String.init)
    }

    /// Every word the customer templates themselves use, across statuses and kinds: drafted for an
    /// incident whose own text shares no word with them.
    static let customerVocabulary: Set<String> = {
        var scenario = Scenario.declared(.sev2, title: "zzz", service: "qqq")
        var texts: [String] = []
        func add() { texts.append(StatusUpdateDrafter.draft(scenario.s, audience: .customers, policy: .standard, now: scenario.now).text) }
        scenario.must(.recordImpact(ImpactReport(usersAffectedPercent: 12)))
        add()
        scenario.must(.postUpdate(audience: .customers, text: "zzz"))
        for status in [IncidentStatus.identified, .mitigating, .monitoring] {
            scenario.must(.setStatus(.status(status), reason: nil, force: false))
            add()
        }
        scenario.now = scenario.now + .minutes(20)
        scenario.must(.setStatus(.status(.resolved), reason: nil, force: false))
        add()
        return Set(texts.flatMap { words($0.lowercased()) })
    }()
}
