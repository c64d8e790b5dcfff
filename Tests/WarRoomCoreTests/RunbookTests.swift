import Testing
import WarRoomCore
import WarRoomTestSupport

/// Which runbooks answer an incident, when a runbook is stale, and what `runbook check` flags.
@Suite struct RunbookTests {
    static let tested = Timestamp(iso8601: "2026-09-14T00:00:00Z")!

    static func runbook(_ name: String, service: String? = nil, alerts: [String] = [], tested: Timestamp? = RunbookTests.tested,
                        mitigation: Bool = true, frontMatter: Bool = true) -> Runbook {
        Runbook(name: name, file: "runbooks/\(name).md",
                facts: RunbookFacts(service: service, alerts: alerts, lastTested: tested, lastTestedLine: tested == nil ? nil : 5, testedBy: "alice"),
                hasFrontMatter: frontMatter,
                sections: [RunbookSection(title: name, level: 1, line: 1, text: "")]
                    + (mitigation ? [RunbookSection(title: "Mitigation", level: 2, line: 3, text: "Roll back.")] : []))
    }

    @Test("Stale after a quarter: 90 and 91 whole days are fresh, 92 is stale; never tested is stale", arguments: [
        (90, false), (91, false), (92, true),
    ])
    func staleness(_ days: Int64, _ stale: Bool) {
        let runbook = Self.runbook("a")
        let now = Self.tested + .hours(24 * days)
        #expect(runbook.daysSinceTested(now: now) == days && runbook.isStale(now: now) == stale)
        #expect(runbook.isStale(now: now + .hours(23)) == stale, "hours into the day do not make another day")
        #expect(runbook.testedAgo(now: now) == "\(days) days ago")
    }

    @Test("Days: today, yesterday, in the future; never tested is stale at any time")
    func ages() {
        let runbook = Self.runbook("a")
        #expect(runbook.testedAgo(now: Self.tested + .hours(5)) == "today" && runbook.testedAgo(now: Self.tested + .hours(30)) == "yesterday")
        #expect(runbook.daysSinceTested(now: Self.tested - .hours(1)) == -1 && runbook.testedAgo(now: Self.tested - .hours(1)) == "in the future")
        #expect(!runbook.isStale(now: Self.tested - .hours(1)), "a test in the future is flagged as a mistake, not as stale")
        let never = Self.runbook("b", tested: nil)
        #expect(never.isStale(now: Self.tested) && never.daysSinceTested(now: Self.tested) == nil && never.testedAgo(now: Self.tested) == nil)
    }

    @Test("The name a runbook_url names: its last path component without anchor, query, .md or .html", arguments: [
        ("https://runbooks.example.com/checkout/high-error-rate", "high-error-rate"),
        ("https://runbooks.example.com/checkout/high-error-rate/", "high-error-rate"),
        ("https://github.com/acme/runbooks/blob/main/checkout.md#mitigation", "checkout"),
        ("https://runbooks.example.com/db.html?from=alert", "db"),
        ("https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping", "kubepodcrashlooping"),
        ("/srv/runbooks/orders-db.md", "orders-db"),
        ("runbooks/orders-db.MD", "orders-db"),
        ("  checkout  ", "checkout"),
    ])
    func linkedName(_ url: String, _ name: String) {
        #expect(RunbookLibrary.linkedName(url) == name)
    }

    @Test("A URL without a path names no file", arguments: ["https://runbooks.example.com", "https://runbooks.example.com/", "", "#top", "https://x/?q=1"])
    func linkedNothing(_ url: String) {
        #expect(RunbookLibrary.linkedName(url) == nil)
    }

    @Test("Matching, best first: the runbook_url's file, then an alert listed, then the service; each runbook once")
    func matching() {
        let library = RunbookLibrary([
            Self.runbook("checkout-general", service: "checkout"),
            Self.runbook("zz-checkout-errors", alerts: ["CheckoutHighErrorRate"]),
            Self.runbook("high-error-rate", service: "checkout"),
            Self.runbook("orders-db", service: "orders-db", alerts: ["OrdersDBReplicationLag"]),
            Self.runbook("KubePodCrashLooping", alerts: ["KubePodCrashLooping"]),
        ])
        let alerts = [RunbookAlert(name: "checkouthigherrorrate", runbookURL: "https://runbooks.example.com/checkout/high-error-rate")]
        let matches = library.matches(service: "Checkout", alerts: alerts)
        #expect(matches.map(\.runbook.name) == ["high-error-rate", "zz-checkout-errors", "checkout-general"], "\(matches)")
        #expect(matches.map(\.reason) == [.link("https://runbooks.example.com/checkout/high-error-rate"), .alert("checkouthigherrorrate"), .service("checkout")])
        #expect(library.match(service: "checkout", alerts: []).map(\.name) == ["checkout-general", "high-error-rate"], "by name within a reason")
        #expect(library.match(service: nil, alerts: [RunbookAlert(name: nil, runbookURL: "https://r.example/kubernetes/kubepodcrashlooping")])
                .map(\.name) == ["KubePodCrashLooping"], "prometheus-operator's lowercase URLs find the file")
        #expect(library.match(service: "payments", alerts: [RunbookAlert(name: "Other", runbookURL: "https://r.example/nowhere")]).isEmpty)
        #expect(library.match(service: " ", alerts: [RunbookAlert(name: "", runbookURL: "")]).isEmpty)
        #expect(library.named("kubepodcrashlooping")?.name == "KubePodCrashLooping" && library.named("nope") == nil)
    }

    @Test("A name twice in the library never traps (the folder reader keeps one; a caller may not)")
    func duplicateNames() {
        let library = RunbookLibrary([Self.runbook("a", service: "s"), Runbook(name: "a", file: "other/a.md", facts: RunbookFacts(service: "s"))])
        #expect(library.match(service: "s", alerts: []).count == 2 && library.named("a") != nil)
    }

    @Test("check: never tested, stale with its line, tested in the future, no service, no mitigation")
    func ownFindings() {
        let now = Self.tested + .hours(24 * 120)
        let library = RunbookLibrary([
            Self.runbook("fresh", service: "a", tested: now - .hours(24)),
            Self.runbook("old", service: "b"),
            Self.runbook("untested", service: "c", tested: nil),
            Self.runbook("bare", tested: nil, mitigation: false, frontMatter: false),
            Self.runbook("future", service: "d", tested: now + .hours(48)),
            Self.runbook("serviceless", tested: now),
        ])
        let findings = RunbookCheck.findings(library, now: now)
        #expect(findings.map(\.description) == [
            "runbooks/bare.md: never tested, service unknown (no front matter): test it, then open the file with --- and service, owner, alerts, last_tested and tested_by, then --- (see the README's runbooks section)",
            "runbooks/bare.md: warning: no Mitigation section: add ## Mitigation with the steps that stop the impact (the sections are Meaning, Impact, Diagnosis, Mitigation)",
            "runbooks/future.md:5: last_tested \((now + .hours(48)).dateOnly) is in the future: write the day it was last tested",
            "runbooks/old.md:5: last tested 2026-09-14 by alice, 120 days ago: more than a quarter (91 days); test it again (a game day or drill) and update last_tested",
            "runbooks/serviceless.md: warning: no service: write service: NAME in the front matter so incidents on it find this runbook",
            "runbooks/untested.md: never tested (no last_tested): test it in a game day or drill, then write last_tested: YYYY-MM-DD and tested_by — an untested runbook is a false sense of security",
        ], "\(findings.map(\.description).joined(separator: "\n"))")
        #expect(findings.map(\.isWarning) == [false, true, false, false, true, false])
    }

    @Test("check: services with incidents and no runbook (drills left out, case ignored), runbook_urls that name none")
    func storeFindings() {
        let library = RunbookLibrary([Self.runbook("checkout", service: "Checkout"), Self.runbook("payment-errors", service: "payment")])
        func incident(_ id: String, _ service: String?, drill: Bool = false) -> IncidentSummary {
            IncidentSummary(id: id, title: id, declaredAt: t0, severity: .sev2, status: .investigating, service: service, detectedAt: t0, isDrill: drill)
        }
        let incidents = [incident("INC-1", "checkout"), incident("INC-2", "payments"), incident("INC-3", "payments"), incident("INC-4", nil),
                         incident("INC-5", "inventory", drill: true), incident("INC-6", "payments"), incident("INC-7", "payments"), incident("INC-8", "search")]
        let links = [
            RunbookCheck.AlertLink(incident: "INC-1", alert: "CheckoutHighErrorRate", url: "https://runbooks.example.com/checkout.md#mitigation"),
            RunbookCheck.AlertLink(incident: "INC-1", alert: "CheckoutLatency", url: "https://runbooks.example.com/checkot"),
            RunbookCheck.AlertLink(incident: "INC-2", alert: "CheckoutLatency", url: "https://runbooks.example.com/checkot"),
            RunbookCheck.AlertLink(incident: "INC-3", alert: nil, url: "https://wiki.example.com/"),
        ]
        let findings = RunbookCheck.findings(library, now: Self.tested, incidents: incidents, links: links)
        #expect(findings.map(\.description) == [
            "service 'payments' had 4 incidents (INC-2, INC-3, INC-6 and 1 more) and no runbook (did you mean 'payment'?): write one with service: payments in its front matter",
            "service 'search' had 1 incident (INC-8) and no runbook: write one with service: search in its front matter",
            "alert CheckoutLatency on INC-1, INC-2 has runbook_url https://runbooks.example.com/checkot, which names no runbook ('checkot') (did you mean 'checkout'?): add checkot.md to the folder, or point the alert's runbook_url annotation at one",
            "an alert on INC-3 has runbook_url https://wiki.example.com/, which names no file: point the alert's runbook_url annotation at a runbook (…/NAME or …/NAME.md)",
        ], "\(findings.map(\.description).joined(separator: "\n"))")
        #expect(findings.allSatisfy { !$0.isWarning && $0.file == nil })
    }
}
