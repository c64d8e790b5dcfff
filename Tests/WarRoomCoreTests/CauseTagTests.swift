import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Cause tags and repeat incidents")
struct CauseTagTests {
    @Test("A tag is kept as typed when it is one lowercase word, and case is folded",
          arguments: [("config-push", "config-push"), ("Config-Push", "config-push"), ("  db/replica-lag ", "db/replica-lag"),
                      ("tls.cert_expiry", "tls.cert_expiry"), ("k8s", "k8s"), ("5xx-storm", "5xx-storm")])
    func kept(typed: String, tag: String) throws {
        #expect(try CauseTag.normalize(typed) == tag)
        #expect(CauseTag.isValid(tag))
    }

    @Test("Anything else is refused, with the spelling to type when there is one",
          arguments: [("config push", "config-push"), ("config,push", "config-push"), ("-dns", "dns"), ("café-outage", "caf-outage"),
                      ("#dns", "dns"), ("", nil), ("   ", nil), ("a\u{7}b", "a-b"), ("—", nil),
                      (String(repeating: "x", count: 49), nil)] as [(String, String?)])
    func refused(typed: String, suggestion: String?) {
        #expect(throws: CommandError.self) { try CauseTag.normalize(typed) }
        do {
            _ = try CauseTag.normalize(typed)
        } catch {
            if case .invalidCauseTag(_, let problem, let offered) = error {
                #expect(offered == suggestion, "\(typed.debugDescription): \(problem)")
                #expect(offered.map(CauseTag.isValid) ?? true, "a suggestion is itself a valid tag")
                #expect(!error.description.contains("\u{7}"), "no control character in the message")
            } else {
                Issue.record("unexpected refusal \(error)")
            }
        }
    }

    @Test("A new tag one or two edits from one in use is a likely typo; a tag in use or far from all is not")
    func likelyMeant() {
        let known = ["config-push", "dns", "db/replica-lag"]
        #expect(CauseTag.likelyMeant("config-psuh", known: known) == "config-push")
        #expect(CauseTag.likelyMeant("configpush", known: known) == "config-push")
        #expect(CauseTag.likelyMeant("db/replica-lags", known: known) == "db/replica-lag")
        #expect(CauseTag.likelyMeant("dnz", known: known) == "dns")
        #expect(CauseTag.likelyMeant("config-push", known: known) == nil, "in use")
        #expect(CauseTag.likelyMeant("cert-expiry", known: known) == nil, "far from every tag")
        #expect(CauseTag.likelyMeant("dns", known: []) == nil)
    }

    @Test("Tagging adds and removes; a duplicate, an absent tag and a ninth tag are refused")
    func decide() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.tagCause("Config-Push", remove: false))
        #expect(scenario.s.postmortem.causes == ["config-push"])
        #expect(throws: CommandError.causeTagPresent("config-push")) { try scenario.run(.tagCause("config-push", remove: false)) }
        #expect(throws: CommandError.causeTagAbsent("dns", current: ["config-push"])) { try scenario.run(.tagCause("dns", remove: true)) }
        #expect(throws: CommandError.self) { try scenario.run(.tagCause("two words", remove: false)) }
        for tag in ["a", "b", "c", "d", "e", "f", "g"] { scenario.must(.tagCause(tag, remove: false)) }
        #expect(throws: CommandError.tooManyCauseTags(limit: 8)) { try scenario.run(.tagCause("h", remove: false)) }
        scenario.must(.tagCause("a", remove: true))
        #expect(scenario.s.postmortem.causes == ["config-push", "b", "c", "d", "e", "f", "g"])
        let row = try #require(scenario.s.timeline.last)
        #expect(row.detail == .causeTag(CauseTagChange(tag: "a", removed: true)))
        #expect(scenario.s.postmortem.editsSinceFinal == 0, "a tag does not change the reviewed text")
    }

    @Test("A tag command reads back from the spool's JSON as it was")
    func spoolRoundTrip() throws {
        for command in [Command.tagCause("config-push", remove: false), .tagCause("dns", remove: true)] {
            let data = try JSONEncoder().encode(command)
            #expect(try JSONDecoder().decode(Command.self, from: data) == command)
        }
    }

    // MARK: - Alert fingerprints

    static func alert(_ fingerprint: String, format: String = "alertmanager", at: Timestamp = t0) -> AlertSource {
        AlertSource(key: "\(format)|{}:{alertname=\"CheckoutErrors\"}|\(fingerprint)|\(at.iso8601)|firing", format: format, startsAt: at)
    }

    @Test("An alert's fingerprint is the sender's, read from its key; PagerDuty's keys name no rule")
    func fingerprints() {
        #expect(Self.alert("5f1c0a").fingerprint == "alertmanager:5f1c0a")
        #expect(Self.alert("ab12", format: "grafana").fingerprint == "grafana:ab12")
        #expect(AlertSource(key: "pagerduty|P123|trigger|E1", format: "pagerduty", startsAt: t0).fingerprint == nil)
        #expect(AlertSource(key: "alertmanager|broken", format: "alertmanager", startsAt: t0).fingerprint == nil)
        #expect(AlertSource(key: "grafana|g||2026-01-01T00:00:00Z|firing", format: "grafana", startsAt: t0).fingerprint == nil)
        // A group key holding `|` still finds the fingerprint, counted from the end.
        let piped = AlertSource(key: "alertmanager|{}:{a=\"x|y\"}|fp9|\(t0.iso8601)|resolved", format: "alertmanager", startsAt: t0)
        #expect(piped.fingerprint == "alertmanager:fp9")
    }

    // MARK: - Repeats

    /// INC-1 at t0 tagged config-push with action item 1 due in 3 days; `done` marks it done then.
    static func earlier(done: Timestamp? = nil, dropped: Bool = false, tag: String = "config-push", alert: AlertSource? = nil) -> IncidentState {
        var scenario = Scenario.declared(.sev2, title: "Config push broke checkout")
        scenario.must(.tagCause(tag, remove: false))
        if let alert { scenario.must(.log(Entry(kind: .finding, text: "alert fired", alert: alert))) }
        scenario.must(.addActionItem(text: "Validate configs", owner: "sre", priority: .p1, due: t0.startOfDay + .hours(72), fromEntry: nil))
        if let done {
            scenario.now = done
            scenario.must(.setActionItemStatus(number: 1, status: .done, reason: nil))
        }
        if dropped { scenario.must(.setActionItemStatus(number: 1, status: .dropped, reason: "not worth it")) }
        return scenario.s
    }

    static func later(at: Timestamp, tags: [String] = ["config-push"], alert: AlertSource? = nil, id: IncidentID = "INC-2") -> IncidentState {
        var scenario = Scenario(now: at, incident: id)
        scenario.must(.declare(Declaration(title: "Checkout 500s again", severity: .sev2)))
        for tag in tags { scenario.must(.tagCause(tag, remove: false)) }
        if let alert { scenario.must(.log(Entry(kind: .finding, text: "alert fired", alert: alert))) }
        return scenario.s
    }

    @Test("Sharing a cause with an incident whose action item is still open makes a repeat, with the item late once past due")
    func repeatByCause() throws {
        let first = Self.earlier()
        let second = Self.later(at: t0 + .hours(24 * 10))
        let match = try #require(Repeats.matches(of: second, among: [first, second]).first)
        #expect(match.earlier == "INC-1" && match.causes == ["config-push"] && match.fingerprints.isEmpty)
        #expect(match.unfinished.map(\.number) == [1])
        #expect(match.late(at: second.declaredAt).map(\.number) == [1], "due 3 days after, seen 10 days after")
        #expect(Repeats.matches(of: Self.later(at: t0 + .hours(1)), among: [first]).first?.late(at: t0 + .hours(1)).isEmpty == true)
    }

    @Test("No repeat: the item was done first, was dropped, came after, the earlier incident is later, or nothing is shared")
    func notRepeats() {
        let start = t0 + .hours(24 * 10)
        #expect(Repeats.matches(of: Self.later(at: start), among: [Self.earlier(done: t0 + .hours(48))]).isEmpty, "done before")
        #expect(!Repeats.matches(of: Self.later(at: start), among: [Self.earlier(done: start + .hours(1))]).isEmpty,
                "done only after it began: still a repeat")
        #expect(Repeats.matches(of: Self.later(at: start), among: [Self.earlier(dropped: true)]).isEmpty, "dropped")
        #expect(Repeats.matches(of: Self.later(at: t0 - .hours(1)), among: [Self.earlier()]).isEmpty, "the other came later")
        #expect(Repeats.matches(of: Self.later(at: start, tags: ["dns"]), among: [Self.earlier()]).isEmpty, "nothing shared")
        #expect(Repeats.matches(of: Self.later(at: start, tags: []), among: [Self.earlier()]).isEmpty, "no tag, no alert")
        let first = Self.earlier()
        #expect(Repeats.matches(of: first, among: [first]).isEmpty, "never itself")
    }

    @Test("The same alert fingerprint makes a repeat without any tag")
    func repeatByAlert() throws {
        let first = Self.earlier(tag: "dns", alert: Self.alert("5f1c0a"))
        let second = Self.later(at: t0 + .hours(30), tags: [], alert: Self.alert("5f1c0a", at: t0 + .hours(30)))
        let match = try #require(Repeats.matches(of: second, among: [first]).first)
        #expect(match.fingerprints == ["alertmanager:5f1c0a"] && match.causes.isEmpty)
        let other = Self.later(at: t0 + .hours(30), tags: [], alert: Self.alert("99aa", at: t0 + .hours(30)))
        #expect(Repeats.matches(of: other, among: [first]).isEmpty)
    }

    @Test("Repeats.all finds exactly what comparing every pair finds", arguments: [1, 2, 3, 4])
    func allMatchesPairs(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let tags = ["config-push", "dns", "db/lag", "cert"]
        var states: [IncidentState] = []
        for n in 1...40 {
            var scenario = Scenario(now: t0 + .hours(Int64(n) * 6), incident: "INC-\(n)")
            scenario.must(.declare(Declaration(title: "incident \(n)", severity: .sev3)))
            for tag in tags where Int.random(in: 0..<3, using: &generator) == 0 { scenario.must(.tagCause(tag, remove: false)) }
            if Bool.random(using: &generator) {
                scenario.must(.log(Entry(kind: .finding, text: "alert", alert: Self.alert("fp\(Int.random(in: 0..<4, using: &generator))",
                                                                                         at: scenario.now))))
            }
            if Bool.random(using: &generator) {
                scenario.must(.addActionItem(text: "fix \(n)", owner: "sre", priority: .p2, due: scenario.now.startOfDay + .hours(48), fromEntry: nil))
                if Bool.random(using: &generator) {
                    scenario.now = scenario.now + .hours(Int64.random(in: 1...100, using: &generator))
                    scenario.must(.setActionItemStatus(number: 1, status: .done, reason: nil))
                }
            }
            states.append(scenario.s)
        }
        let summaries = states.map(IncidentSummary.init)
        let indexed = Repeats.all(summaries, among: summaries)
        let brute = states.compactMap { state in
            let found = Repeats.matches(of: state, among: states)
            return found.isEmpty ? nil : (state.id, found)
        }
        #expect(indexed.map(\.0) == brute.map(\.0))
        #expect(indexed.map(\.1) == brute.map(\.1))
        #expect(!brute.isEmpty, "the generated incidents hold repeats at all")
    }
}
