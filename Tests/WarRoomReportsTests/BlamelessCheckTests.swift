import Testing
import WarRoomCore
import WarRoomTestSupport
import WarRoomReports

/// A sentence of the blameless table, with the person it blames.
struct BlameCase: Sendable, CustomTestStringConvertible {
    var sentence: String
    var person: String?
    var testDescription: String { sentence }
}

@Suite("Blameless check")
struct BlamelessCheckTests {
    static let people: Set<String> = ["alice", "bob", "carol", "dave", "erin", "Frank", "Mary Ann"]

    static let blaming: [BlameCase] = [
        BlameCase(sentence: "alice caused the outage by pushing a bad config.", person: "alice"),
        BlameCase(sentence: "Bob broke production with an untested deploy.", person: "Bob"),
        BlameCase(sentence: "carol forgot to renew the certificate.", person: "carol"),
        BlameCase(sentence: "The outage was human error.", person: nil),
        BlameCase(sentence: "dave should have checked the dashboard before deploying.", person: "dave"),
        BlameCase(sentence: "@erin failed to follow the runbook.", person: "@erin"),
        BlameCase(sentence: "It was alice's fault.", person: "alice"),
        BlameCase(sentence: "bob didn't run the migration tests.", person: "bob"),
        BlameCase(sentence: "The root cause was a mistake by carol.", person: "carol"),
        BlameCase(sentence: "alice messed up the rollback.", person: "alice"),
        BlameCase(sentence: "Operator error took the database down.", person: nil),
        BlameCase(sentence: "We blame bob for the delay.", person: "bob"),
        BlameCase(sentence: "dave was careless with the production credentials.", person: "dave"),
        BlameCase(sentence: "erin shouldn't have merged without a review.", person: "erin"),
        BlameCase(sentence: "Alice was negligent when reviewing the change.", person: "Alice"),
        BlameCase(sentence: "The incident was caused by Bob's change.", person: "Bob"),
        BlameCase(sentence: "carol screwed up the DNS record.", person: "carol"),
        BlameCase(sentence: "alice ran the script and broke the cache.", person: "alice"),
        BlameCase(sentence: "bob's config push caused the outage.", person: "bob"),
        BlameCase(sentence: "Frank ignored the warning.", person: "Frank"),
        BlameCase(sentence: "Mary Ann should have paged the DBA sooner.", person: "Mary Ann"),
        BlameCase(sentence: "alice noticed the alert, but bob forgot to acknowledge it.", person: "bob"),
        BlameCase(sentence: "The outage was blamed on carol's migration.", person: "carol"),
        BlameCase(sentence: "dave is to blame for the missing index.", person: "dave"),
        BlameCase(sentence: "The root cause: alice forgot the flag.", person: "alice"),
        BlameCase(sentence: "alice and bob forgot to update the runbook.", person: "bob"),
    ]

    static let systemFramed: [BlameCase] = [
        BlameCase(sentence: "The deploy pipeline allowed an unreviewed config.", person: nil),
        BlameCase(sentence: "alice noticed the alert.", person: nil),
        BlameCase(sentence: "bob rolled back the deploy.", person: nil),
        BlameCase(sentence: "The check failed to catch it.", person: nil),
        BlameCase(sentence: "Nobody was paged because the schedule was empty.", person: nil),
        BlameCase(sentence: "The config change caused a spike in 500s.", person: nil),
        BlameCase(sentence: "carol confirmed that the migration caused the lock contention.", person: nil),
        BlameCase(sentence: "bob rolled back the deploy that broke checkout.", person: nil),
        BlameCase(sentence: "alice paged bob and the cache broke under load.", person: nil),
        BlameCase(sentence: "dave ran git blame on the config file.", person: nil),
        BlameCase(sentence: "erin found a fault in the load balancer.", person: nil),
        BlameCase(sentence: "The runbook did not mention the replica lag.", person: nil),
        BlameCase(sentence: "bob didn't get paged because the rotation was empty.", person: nil),
        BlameCase(sentence: "The outage was caused by a missing index.", person: nil),
        BlameCase(sentence: "The pipeline should have rejected the config.", person: nil),
        BlameCase(sentence: "@bob restored the service.", person: nil),
        BlameCase(sentence: "Human review caught the error before rollout.", person: nil),
        BlameCase(sentence: "The alert woke bob at 3 AM and he escalated quickly.", person: nil),
        BlameCase(sentence: "The deploy tool did not validate the config that alice submitted.", person: nil),
        BlameCase(sentence: "bob has not broken anything.", person: nil),
        BlameCase(sentence: "Nobody noticed because bob's dashboard didn't show replica lag.", person: nil),
        BlameCase(sentence: "The pods failed to start and bob restarted them.", person: nil),
        BlameCase(sentence: "alice did not have access to the console.", person: nil),
        BlameCase(sentence: "alice's alert caught the regression.", person: nil),
    ]

    @Test("Sentences that blame a person are flagged, naming the person", arguments: blaming)
    func flagged(_ blame: BlameCase) {
        let findings = BlamelessCheck.findings(in: blame.sentence, people: Self.people)
        #expect(findings.count == 1)
        #expect(findings.first?.person == blame.person)
        #expect(findings.first?.sentence == blame.sentence)
        #expect(findings.first.map { !$0.phrase.isEmpty && $0.suggestion.contains("e.g.") } == true)
    }

    @Test("System-framed sentences are not flagged", arguments: systemFramed)
    func notFlagged(_ sentence: BlameCase) {
        #expect(BlamelessCheck.findings(in: sentence.sentence, people: Self.people).isEmpty)
    }

    @Test("Each sentence of a text is checked on its own, lines included")
    func sentences() {
        let text = "alice noticed the alert. bob forgot to ack it! The check failed to catch it.\ncarol broke the build"
        let findings = BlamelessCheck.findings(in: text, people: Self.people)
        #expect(findings.map(\.sentence) == ["bob forgot to ack it!", "carol broke the build"])
        #expect(findings.map(\.phrase) == ["forgot", "broke"])
    }

    @Test("Suggestions reframe as what the system lacked")
    func suggestions() {
        let hindsight = BlamelessCheck.findings(in: "bob should have tested it.", people: Self.people).first
        #expect(hindsight?.suggestion.contains("guardrail, alert or test") == true)
        let human = BlamelessCheck.findings(in: "Root cause: human error.", people: Self.people).first
        #expect(human?.phrase == "human error")
        #expect(human?.suggestion.contains("what made the error possible") == true)
        let agent = BlamelessCheck.findings(in: "The outage was caused by bob.", people: Self.people).first
        #expect(agent?.phrase == "caused by")
    }

    @Test("A name that is also a word of system sentences is not taken for a person")
    func systemNames() {
        #expect(BlamelessCheck.findings(in: "The system failed to page anyone.", people: ["system"]).isEmpty)
    }

    @Test("The record's texts, factors, whys and entries are checked, each finding saying where")
    func state() {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.assignRole(.scribe, person: "carol"))
        scenario.log(.note, "carol forgot to raise the pool limit", by: "erin")
        let retracted = scenario.log(.note, "dave broke it")
        scenario.must(.retract(entry: retracted, reason: nil))
        scenario.must(.assignRole(.tech, person: "bob"))
        scenario.must(.setPostmortemText(.wentPoorly, text: "Alerts were slow. bob should have paged sooner."))
        scenario.must(.setFactor(.immediate, text: "Human error during the deploy"))
        scenario.must(.addWhy("Because alice didn't run the tests."))
        scenario.must(.setPostmortemText(.wentWell, text: "alice noticed the alert quickly."))
        let findings = BlamelessCheck.findings(in: scenario.s)
        #expect(findings.map(\.location) == ["What Went Poorly", "Immediate cause", "Why #1", "Timeline 2026-11-28 14:00 UTC (note)"])
        #expect(findings.map(\.person) == ["bob", nil, "alice", "carol"])
    }

    @Test("The scripted incident's blaming entry is found")
    func scripted() {
        let findings = BlamelessCheck.findings(in: ScriptedIncident.build().final)
        #expect(findings.count == 1)
        #expect(findings.first?.person == "carol")
        #expect(findings.first?.phrase == "forgot")
    }
}
