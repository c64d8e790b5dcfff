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

    /// Blame of people the record does not know: pronouns, role nouns, capitalised names.
    static let unrecordedBlame: [BlameCase] = [
        BlameCase(sentence: "The on-call engineer forgot to check the dashboard.", person: "The on-call engineer"),
        BlameCase(sentence: "Someone should have noticed.", person: "Someone"),
        BlameCase(sentence: "Bob pushed a bad config.", person: "Bob"),
        BlameCase(sentence: "Bob caused the outage.", person: "Bob"),
        BlameCase(sentence: "Bob's fault.", person: "Bob"),
        BlameCase(sentence: "Bob was careless.", person: "Bob"),
        BlameCase(sentence: "Priya caused the outage.", person: "Priya"),
        BlameCase(sentence: "It was Tom's fault.", person: "Tom"),
        BlameCase(sentence: "Kevin was careless with the rollout.", person: "Kevin"),
        BlameCase(sentence: "The developer didn't run the tests.", person: "The developer"),
        BlameCase(sentence: "The operator ran the wrong script.", person: "The operator"),
        BlameCase(sentence: "The reviewer should have caught the typo.", person: "The reviewer"),
        BlameCase(sentence: "He forgot to renew the certificate.", person: "He"),
        BlameCase(sentence: "She pushed a broken build to production.", person: "She"),
        BlameCase(sentence: "Somebody deployed the wrong branch.", person: "Somebody"),
        BlameCase(sentence: "They forgot to update the runbook.", person: "They"),
        BlameCase(sentence: "They should have paged the DBA.", person: "They"),
        BlameCase(sentence: "The on-call didn't bother to acknowledge the page.", person: "The on-call"),
        BlameCase(sentence: "An engineer fat-fingered the DNS record.", person: "An engineer"),
        BlameCase(sentence: "The new hire deleted the wrong table.", person: "The new hire"),
        BlameCase(sentence: "Our SRE misconfigured the load balancer.", person: "Our SRE"),
        BlameCase(sentence: "The outage was caused by Raj.", person: "Raj"),
        BlameCase(sentence: "Blame Linda for the delay.", person: "Linda"),
        BlameCase(sentence: "The root cause was a mistake by Omar.", person: "Omar"),
        BlameCase(sentence: "Omar made a mistake in the migration.", person: "Omar"),
        BlameCase(sentence: "The DBA was negligent with the backups.", person: "The DBA"),
        BlameCase(sentence: "Jenny failed to follow the runbook.", person: "Jenny"),
        BlameCase(sentence: "Mark failed to notice the alert.", person: "Mark"),
        BlameCase(sentence: "I forgot to check the replica lag.", person: "I"),
        BlameCase(sentence: "The intern messed up the permissions.", person: "The intern"),
        BlameCase(sentence: "Ahmed was supposed to rotate the keys.", person: "Ahmed"),
        BlameCase(sentence: "Lucas dropped the ball on the handoff.", person: "Lucas"),
        BlameCase(sentence: "The on-call engineer was asleep.", person: "The on-call engineer"),
        BlameCase(sentence: "Wei should've known the limit was too low.", person: "Wei"),
        BlameCase(sentence: "The incident commander ought to have escalated sooner.", person: "The incident commander"),
        BlameCase(sentence: "The release engineer applied the wrong patch.", person: "The release engineer"),
        BlameCase(sentence: "@dana screwed up the failover.", person: "@dana"),
        BlameCase(sentence: "The outage was Maria's fault.", person: "Maria"),
        BlameCase(sentence: "The fault lies with the developer.", person: "the developer"),
        BlameCase(sentence: "Greg's mistake took down checkout.", person: "Greg"),
        BlameCase(sentence: "The engineers did not test the migration.", person: "The engineers"),
        BlameCase(sentence: "Anna was reckless with the production database.", person: "Anna"),
        BlameCase(sentence: "Carlos pushed bad data to the cache.", person: "Carlos"),
        BlameCase(sentence: "Priya and Tom forgot to update the runbook.", person: "Tom"),
        BlameCase(sentence: "The primary on-call missed the page.", person: "The primary on-call"),
        BlameCase(sentence: "Checkout broke because Tom pushed the wrong flag.", person: "Tom"),
        BlameCase(sentence: "It was developer error.", person: nil),
        BlameCase(sentence: "Root cause: human failure during the change window.", person: nil),
        BlameCase(sentence: "Unfortunately, Hannah forgot the feature flag.", person: "Hannah"),
        BlameCase(sentence: "The outage happened because the reviewer was careless.", person: "the reviewer"),
        BlameCase(sentence: "Bob didn't run the migration tests.", person: "Bob"),
        BlameCase(sentence: "Sam ignored the alert.", person: "Sam"),
        BlameCase(sentence: "Nina missed the page at 3 AM.", person: "Nina"),
        BlameCase(sentence: "They did not follow the runbook.", person: "They"),
    ]

    /// System-framed sentences, many with a capitalised system, product or common word as subject.
    static let systemic: [String] = [
        "The deploy pipeline pushed a bad config.",
        "The alert did not fire.",
        "Checkout failed for 30% of users.",
        "Kafka dropped messages.",
        "Postgres ran out of connections.",
        "Redis caused the outage.",
        "Kubernetes failed to reschedule the pods.",
        "Terraform broke the state file.",
        "Safari ignored the cache header.",
        "Cloudflare failed to route traffic to the origin.",
        "The Kubernetes operator failed to reconcile the cluster.",
        "The database operator did not promote the replica.",
        "Deploys failed to roll out in eu-west-1.",
        "Autoscaling failed to add nodes in time.",
        "Replication caused the lag on db-18.",
        "Monday's migration caused the lock contention.",
        "Black Friday traffic caused the spike.",
        "Stripe failed to confirm payments for ten minutes.",
        "The engineer noticed the alert and rolled back.",
        "The on-call engineer did not get paged because the rotation was empty.",
        "The reviewer did not have access to the staging logs.",
        "They failed to start after the node drained.",
        "Someone noticed the spike at 14:02.",
        "He restarted pgbouncer and the errors stopped.",
        "The alert paged Priya at 14:03.",
        "Priya rolled back the deploy.",
        "Tom confirmed that the config change caused the errors.",
        "Nothing required the migration tests before a deploy.",
        "The runbook did not say to check replica lag.",
        "Jenkins failed to trigger the build.",
        "Datadog failed to alert on the saturation.",
        "PagerDuty did not escalate to the secondary.",
        "GitHub Actions failed to start the runner.",
        "Envoy ignored the retry budget.",
        "The error budget burned in two hours.",
        "Nginx returned 502s for 30% of requests.",
        "Latency caused timeouts in the checkout service.",
        "Production failed to serve traffic for 12 minutes.",
        "Our canary failed to catch the regression.",
        "The health check failed to detect the bad pods.",
        "DNS propagation caused a 20 minute delay.",
        "Vault failed to unseal after the restart.",
        "Sentry missed the exception because sampling was on.",
        "Elasticsearch ran out of heap.",
        "Nobody was on call because the schedule had a gap.",
        "The pager did not wake anyone.",
        "The developer portal failed to load.",
        "Memcached evictions caused cache misses.",
        "Helm failed to roll back the release.",
        "The team did not have a runbook for pgbouncer.",
        "Checkout failed to load for EU users.",
        "Failover caused a brief write outage.",
        "She checked the dashboard and saw the error rate climb.",
        "bob's error budget alert fired first.",
        "Payments failed to settle until the queue drained.",
        "Search caused no errors during the window.",
        "Caching caused stale prices for an hour.",
        "Middleware failed to forward the auth header.",
        "The alert didn't page anyone because the rotation was empty.",
        "Grafana did not update the panel for ten minutes.",
        "They didn't get the page because of the outage.",
        "The pods never checked the new config.",
        "Nobody ignored the alert: it never fired.",
    ]

    @Test("Blame of people the record does not know is flagged: pronouns, roles, capitalised names",
          arguments: unrecordedBlame)
    func unrecorded(_ blame: BlameCase) {
        for people in [Set<String>(), Self.people] {
            let findings = BlamelessCheck.findings(in: blame.sentence, people: people)
            #expect(findings.count == 1, "with people \(people.sorted())")
            #expect(findings.first?.person == blame.person)
            #expect(findings.first.map { !$0.phrase.isEmpty && $0.suggestion.contains("e.g.") } == true)
        }
    }

    @Test("Systemic sentences are not flagged, whatever is capitalised", arguments: systemic)
    func systemicNotFlagged(_ sentence: String) {
        #expect(BlamelessCheck.findings(in: sentence, people: Self.people).isEmpty)
        #expect(BlamelessCheck.findings(in: sentence, people: []).isEmpty)
    }

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
