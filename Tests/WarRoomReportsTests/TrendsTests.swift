import Foundation
import Testing
import WarRoomCore
@testable import WarRoomReports
import WarRoomTestSupport

/// Trends across incidents: distributions (never a mean), periods and filters, the scorecard.
@Suite("Reports: trends across incidents")
struct TrendsTests {
    static func minutes(_ values: [Int64]) -> [TimeSpan] { values.map { TimeSpan.minutes($0) } }

    @Test("Percentiles are nearest-rank values of the sample; the max is the largest")
    func percentiles() {
        let d = Distribution(Self.minutes([7, 1, 3, 10, 2, 9, 4, 6, 8, 5]))
        #expect(d.count == 10 && d.p50 == .minutes(5) && d.p90 == .minutes(9) && d.max == .minutes(10))
        let odd = Distribution(Self.minutes([3, 1, 2]))
        #expect(odd.p50 == .minutes(2) && odd.p90 == .minutes(3))
        let one = Distribution(Self.minutes([4]))
        #expect(one.p50 == .minutes(4) && one.p90 == .minutes(4) && one.medianInterval == nil, "no interval from one value")
        let none = Distribution([])
        #expect(none.count == 0 && none.p50 == nil && none.max == nil && none.medianInterval == nil)
    }

    @Test("The median's bootstrap interval holds the median, lies within the sample, narrows as the sample grows, and is the same every run")
    func bootstrap() throws {
        var generator = SeededGenerator(seed: 42)
        let small = (0..<12).map { _ in TimeSpan.seconds(Int64.random(in: 60...3_600, using: &generator)) }
        let large = (0..<400).map { _ in TimeSpan.seconds(Int64.random(in: 60...3_600, using: &generator)) }
        for sample in [small, large] {
            let d = Distribution(sample)
            let interval = try #require(d.medianInterval)
            let p50 = try #require(d.p50)
            #expect(interval.contains(p50), "\(interval) should hold the median \(p50)")
            #expect(interval.lowerBound >= sample.min()! && interval.upperBound <= sample.max()!)
            #expect(Distribution(sample).medianInterval == interval, "computed, not drawn: the same interval every time")
            #expect(Distribution(sample.reversed()).medianInterval == interval, "order does not matter")
        }
        let narrow = try #require(Distribution(large).medianInterval), wide = try #require(Distribution(small).medianInterval)
        #expect(narrow.upperBound - narrow.lowerBound < wide.upperBound - wide.lowerBound)
    }

    @Test("The exact bootstrap interval is what enumerating every resample gives", arguments: [2, 3, 4, 5, 6])
    func bootstrapByEnumeration(n: Int) throws {
        var generator = SeededGenerator(seed: UInt64(n))
        // Ties included: values from a small range.
        let sample = (0..<n).map { _ in TimeSpan.minutes(Int64.random(in: 1...Int64(n + 1), using: &generator)) }.sorted()
        // Every one of the n^n resamples with replacement, equally likely: each one's median.
        var medians: [TimeSpan] = []
        var digits = [Int](repeating: 0, count: n)
        repeat {
            medians.append(try #require(Distribution.percentile(digits.map { sample[$0] }.sorted(), 0.5)))
            var position = 0
            while position < n {
                digits[position] += 1
                if digits[position] < n { break }
                digits[position] = 0
                position += 1
            }
            if position == n { break }
        } while true
        medians.sort()
        #expect(medians.count == Int(pow(Double(n), Double(n))))
        let expected = try #require(Distribution.percentile(medians, 0.05))...(try #require(Distribution.percentile(medians, 0.95)))
        #expect(Distribution(sample).medianInterval == expected, "\(sample)")
    }

    @Test("Binomial tails: against direct sums, at the edges, and monotone in p")
    func binomialTails() {
        func direct(_ r: Int, _ n: Int, _ p: Double) -> Double {
            var sum = 0.0
            for k in r...n {
                var c = 1.0
                for i in 0..<k { c = c * Double(n - i) / Double(i + 1) }
                sum += c * pow(p, Double(k)) * pow(1 - p, Double(n - k))
            }
            return sum
        }
        for (r, n, p) in [(3, 5, 0.5), (1, 10, 0.1), (10, 10, 0.9), (6, 20, 0.25), (15, 30, 0.5), (2, 40, 0.01)] {
            #expect(abs(BinomialTail.atLeast(r, trials: n, probability: p) - direct(r, n, p)) < 1e-12, "\(r) of \(n) at \(p)")
        }
        #expect(BinomialTail.atLeast(0, trials: 5, probability: 0.3) == 1 && BinomialTail.atLeast(6, trials: 5, probability: 0.3) == 0)
        #expect(BinomialTail.atLeast(3, trials: 5, probability: 1) == 1)
        var last = 0.0
        for j in 0..<10_000 where j % 97 == 0 {
            let tail = BinomialTail.atLeast(5_000, trials: 10_000, probability: Double(j + 1) / 10_000)
            #expect(tail >= last && tail <= 1)
            last = tail
        }
        #expect(abs(BinomialTail.atLeast(5_000, trials: 10_000, probability: 0.5) - 0.5040) < 0.001, "a half, and the term at the median")
    }

    @Test("Quarters: 2026Q4 is October to December UTC; Q1's previous is last year's Q4; bad spellings say the form",
          arguments: ["2026Q4", "2026q4", "2026-Q4"])
    func quarters(_ text: String) throws {
        let q = try Quarter.parse(text)
        #expect(q.description == "2026Q4")
        #expect(q.start == Timestamp(iso8601: "2026-10-01T00:00:00Z") && q.end == Timestamp(iso8601: "2027-01-01T00:00:00Z"))
        #expect(try Quarter.parse("2027Q1").previous == q)
        #expect(try Quarter.parse("2026Q2").end == Timestamp(iso8601: "2026-07-01T00:00:00Z"))
        for bad in ["2026Q5", "2026Q0", "26Q1", "Q4", "2026", "2026Q4x", "", "１２３４Q1"] {
            #expect(throws: ReportError.badQuarter(bad), "\(bad)") { try Quarter.parse(bad) }
        }
        #expect(ReportError.badQuarter("2026Q5").description.contains("write it as 2026Q4"))
    }

    /// An incident declared at `declared`, detected `detect` after its impact began, an IC after
    /// `ack`, resolved `resolve` after detection (nil: still open).
    static func incident(_ id: IncidentID, _ level: Severity, service: String?, declared: Timestamp, detect: TimeSpan,
                         ack: TimeSpan, resolve: TimeSpan?) -> IncidentState {
        var s = Scenario(now: declared, incident: id)
        s.must(.declare(Declaration(title: "t", severity: level, service: service, impactStartedAt: declared - detect,
                                    detectedAt: declared)))
        s.advance(ack)
        s.must(.assignRole(.commander, person: "alice"))
        if let resolve {
            s.now = declared + resolve
            s.must(.setStatus(.status(.resolved), reason: "test", force: true))
        }
        return s.state!
    }

    static let oct = Timestamp(iso8601: "2026-10-05T10:00:00Z")!
    static let nov = Timestamp(iso8601: "2026-11-05T10:00:00Z")!
    static let jul = Timestamp(iso8601: "2026-07-05T10:00:00Z")!
    static var sample: [IncidentState] {
        [incident("INC-1", .sev1, service: "checkout", declared: oct, detect: .minutes(3), ack: .minutes(2), resolve: .minutes(25)),
         incident("INC-2", .sev2, service: "Checkout", declared: nov, detect: .minutes(9), ack: .minutes(1), resolve: .minutes(50)),
         incident("INC-3", .sev3, service: nil, declared: nov + .hours(1), detect: .minutes(1), ack: .minutes(4), resolve: nil),
         incident("INC-4", .sev1, service: "search", declared: jul, detect: .minutes(2), ack: .minutes(1), resolve: .minutes(40))]
    }

    @Test("Filters: the period by declaration, services in any case, levels as they stand; counts by severity, service and month")
    func filtersAndCounts() throws {
        let q4 = try Quarter.parse("2026Q4")
        let now = Timestamp(iso8601: "2026-12-10T00:00:00Z")!
        let trends = IncidentTrends(Self.sample.summarized, filter: ReportFilter(since: q4.start, until: q4.end), now: now)
        #expect(trends.incidents.map(\.id) == ["INC-1", "INC-2", "INC-3"])
        #expect(trends.bySeverity.map(\.1) == [1, 1, 1, 0])
        #expect(trends.byService.map(\.0) == ["checkout", "(no service)"] && trends.byService.map(\.1) == [2, 1],
                "checkout and Checkout are one service, as the filter takes them")
        #expect(trends.byMonth.map(\.0) == ["2026-10", "2026-11"] && trends.byMonth.map(\.1) == [1, 2])
        let checkout = IncidentTrends(Self.sample.summarized, filter: ReportFilter(services: ["CHECKOUT"]), now: now)
        #expect(checkout.incidents.map(\.id) == ["INC-1", "INC-2"])
        let sev1 = IncidentTrends(Self.sample.summarized, filter: ReportFilter(severities: [.sev1]), now: now)
        #expect(sev1.incidents.map(\.id) == ["INC-4", "INC-1"], "oldest declaration first")
    }

    @Test("A drill is in no report: not counted, not in any metric, whatever the filter")
    func drillsLeftOut() throws {
        let now = Timestamp(iso8601: "2026-12-10T00:00:00Z")!
        var drill = try #require(Self.sample.first).summarized
        drill.id = "INC-9"
        drill.isDrill = true
        let with = IncidentTrends(Self.sample.summarized + [drill], filter: ReportFilter(), now: now)
        let without = IncidentTrends(Self.sample.summarized, filter: ReportFilter(), now: now)
        #expect(!with.incidents.contains { $0.id == "INC-9" } && with.incidents.map(\.id) == without.incidents.map(\.id))
        #expect(TrendsDocument.text(with, period: nil, unicode: true) == TrendsDocument.text(without, period: nil, unicode: true))
        #expect(!ReportFilter(services: [drill.service ?? ""], severities: [drill.severity]).includes(drill))
        drill.isDrill = false
        #expect(ReportFilter(services: [drill.service ?? ""], severities: [drill.severity]).includes(drill), "the same incident, not a drill, is")
    }

    @Test("Metrics say which clocks they measure between and count only incidents that have both")
    func metrics() throws {
        let now = Timestamp(iso8601: "2026-12-10T00:00:00Z")!
        let trends = IncidentTrends(Self.sample.summarized, filter: ReportFilter(), now: now)
        let byName = Dictionary(uniqueKeysWithValues: trends.metrics.map { ($0.name, $0) })
        #expect(byName["time to detect"]?.clocks == "impact started → detected")
        #expect(byName["time to detect"]?.distribution.count == 4 && byName["time to detect"]?.distribution.p50 == .minutes(2))
        #expect(byName["time to resolve"]?.distribution.count == 3, "the open incident has no resolution yet")
        #expect(byName["time to resolve"]?.distribution.p50 == .minutes(40) && byName["time to resolve"]?.distribution.max == .minutes(50))
        #expect(byName["time to acknowledge"]?.distribution.max == .minutes(4))
    }

    @Test("The scorecard: each target beside its figure, met, missed or no data, never a guess")
    func scorecard() throws {
        let now = Timestamp(iso8601: "2026-12-10T00:00:00Z")!
        let q4 = try Quarter.parse("2026Q4"), q3 = q4.previous
        let previous = Self.sample.summarized.filter(ReportFilter(since: q3.start, until: q3.end).includes)
        let trends = IncidentTrends(Self.sample.summarized, filter: ReportFilter(since: q4.start, until: q4.end), now: now, previous: previous)
        let scores = Dictionary(uniqueKeysWithValues: trends.scorecard.map { ($0.name, $0) })
        let mttd = try #require(scores["MTTD, SEV1 and SEV2"])
        #expect(mttd.verdict == .met && mttd.value == "median 3m over 2 incidents", "SEV1 3m and SEV2 9m: nearest-rank median 3m")
        let mttr = try #require(scores["MTTR, SEV1"])
        #expect(mttr.verdict == .met && mttr.value == "median 25m over 1 incident")
        let trend = try #require(scores["MTTR trend, quarter over quarter"])
        #expect(trend.verdict == .met && trend.value.contains("median 25m (n=2) against 40m (n=1)"), "\(trend.value)")
        let postmortems = try #require(scores["SEV1/SEV2 post-mortems final within 48h"])
        #expect(postmortems.verdict == .missed && postmortems.value == "0% (0 of 2)", "\(postmortems.value)")
        for noData in ["Pages per engineer per week", "On-call satisfaction", "Error budgets within policy", "Repeat incidents"] {
            #expect(scores[noData]?.verdict == .noData, "\(noData)")
        }
        #expect(scores["Action items done by their due date"]?.verdict == .noData)
        let alone = IncidentTrends(Self.sample.summarized, filter: ReportFilter(), now: now)
        #expect(alone.scorecard.first { $0.name == "MTTR trend, quarter over quarter" }?.value.contains("--quarter") == true)
        let empty = IncidentTrends([], filter: ReportFilter(), now: now)
        #expect(empty.scorecard.allSatisfy { $0.verdict == .noData })
    }

    @Test("Text, Markdown and CSV carry every figure; CSV keeps a formula inert")
    func documents() throws {
        let now = Timestamp(iso8601: "2026-12-10T00:00:00Z")!
        let trends = IncidentTrends(Self.sample.summarized, filter: ReportFilter(), now: now)
        let text = TrendsDocument.text(trends)
        #expect(text.hasPrefix("Incidents: 4, every incident (as of 2026-12-10T00:00:00Z)\n"), "\(text)")
        #expect(text.contains("By severity: SEV1 2 · SEV2 1 · SEV3 1 · SEV4 0"))
        #expect(text.contains("time to resolve") && text.contains("detected → resolved") && text.contains("n=3  median 40m"), "\(text)")
        #expect(text.contains("never a mean"))
        #expect(text.contains("MISSED") && text.contains("no data"))
        let markdown = TrendsDocument.markdown(trends)
        #expect(markdown.contains("| time to resolve | detected → resolved | 3 | 40m |"), "\(markdown)")
        let csv = TrendsDocument.csv(trends)
        #expect(csv.hasPrefix("section,name,detail,n,p50_seconds"))
        #expect(csv.contains("metric,time to resolve,detected → resolved,3,2400,"), "\(csv)")
        var hostile = Self.sample
        hostile[0].service = "=HYPERLINK(\"x\")"
        let inert = TrendsDocument.csv(IncidentTrends((hostile).summarized, filter: ReportFilter(), now: now))
        #expect(inert.contains("\"'=HYPERLINK(\"\"x\"\")\""), "\(inert)")
    }
}

/// The alert audit: alerts into incidents against alerts that only proposed one.
@Suite("Reports: the alert audit")
struct AlertAuditTests {
    static func alertEntry(_ key: String, detection: Bool) -> Entry {
        Entry(kind: .finding, text: "Alert firing: X", tags: detection ? [.detection] : [],
              alert: AlertSource(key: key, format: "alertmanager", startsAt: t0))
    }

    static func inboxEvent(_ n: Int, _ payload: InboxPayload, at: Timestamp = t0, by author: String = "alerts") -> InboxEvent {
        InboxEvent(id: testID(5_000 + n), at: at, recordedAt: at, author: author, payload: payload)
    }

    static func opening(_ number: Int, alert name: String, service: String?, key: String) -> InboxPayload {
        .opened(ProposalOpening(number: number, title: "\(name) on \(service ?? "-")", severity: .sev3, service: service,
                                alert: ProposalAlert(name: name, firing: true, at: t0, entry: alertEntry(key, detection: true))))
    }

    @Test("Counts alerts into incidents once per key, incidents an alert detected, proposals by outcome, and ranks the noisiest dismissed rules")
    func audit() {
        var s = Scenario.declared(.sev2)
        s.must(.log(Self.alertEntry("k1", detection: true)))
        s.must(.log(Self.alertEntry("k2", detection: true)))
        s.must(.log(Self.alertEntry("k2-resolved", detection: false)))
        let quiet = Scenario.declared(.sev3, title: "found by a person", at: t0 + .hours(1)).state!
        let inbox = ProposalInbox([
            Self.inboxEvent(1, Self.opening(1, alert: "DiskFull", service: "search", key: "a")),
            Self.inboxEvent(2, .alertAdded(ProposalAlertAdded(proposal: 1, severity: .sev3, alert: ProposalAlert(
                name: "DiskFull", firing: true, at: t0, entry: Self.alertEntry("b", detection: true))))),
            Self.inboxEvent(3, .dismissed(ProposalDismissal(proposal: 1, reason: "noise")), by: "carol"),
            Self.inboxEvent(4, Self.opening(2, alert: "DiskFull", service: "Search", key: "c")),
            Self.inboxEvent(5, .dismissed(ProposalDismissal(proposal: 2, reason: "noise again")), by: "carol"),
            Self.inboxEvent(6, Self.opening(3, alert: "Latency", service: "checkout", key: "d")),
            Self.inboxEvent(7, .dismissed(ProposalDismissal(proposal: 3, reason: "noise")), by: "carol"),
            Self.inboxEvent(8, Self.opening(4, alert: "QueueDepth", service: "billing", key: "e")),
            Self.inboxEvent(9, .accepted(ProposalAcceptance(proposal: 4, incident: "INC-9")), by: "carol"),
            Self.inboxEvent(10, Self.opening(5, alert: "Waiting", service: nil, key: "f")),
            Self.inboxEvent(11, Self.opening(6, alert: "Later", service: nil, key: "g"), at: t0 + .hours(24 * 40)),
        ])
        let audit = AlertAudit(incidents: [s.state!, quiet].summarized, inbox: inbox, filter: ReportFilter(until: t0 + .hours(24 * 30)))
        #expect(audit.alertsIntoIncidents == 2, "a resolution is not a second alert")
        #expect(audit.incidentsWithAlerts == 1 && audit.incidentsDetectedByAlert == 1)
        #expect(audit.proposalsAccepted == 1 && audit.proposalsDismissed == 3 && audit.proposalsWaiting == 1,
                "the proposal opened after the period is not counted")
        #expect(audit.alertsDismissed == 4)
        #expect(audit.noisiest.map { "\($0.alert)|\($0.service ?? "")|\($0.dismissed)|\($0.fired)" }
                == ["DiskFull|search|2|3", "Latency|checkout|1|1"], "one rule on one service, whatever its case")
        #expect(audit.summary == "2 alerts fired into 1 incident (1 detected by an alert) · 5 proposed: 1 accepted, 3 dismissed "
                + "(4 alerts that led to no incident), 1 waiting")
        let onCheckout = AlertAudit(incidents: [], inbox: inbox, filter: ReportFilter(services: ["CHECKOUT"]))
        #expect(onCheckout.proposalsDismissed == 1 && onCheckout.noisiest.map(\.alert) == ["Latency"])

        let trends = IncidentTrends(([s.state!]).summarized, filter: ReportFilter(), now: t0 + .hours(1), inbox: inbox)
        #expect(TrendsDocument.text(trends).contains("Noisiest (proposals dismissed · times fired in them):\n    DiskFull on search  2 · 3"))
        #expect(TrendsDocument.markdown(trends).contains("| DiskFull on search | 2 | 3 |"))
        #expect(TrendsDocument.csv(trends).contains("noise,DiskFull on search,fired 3,2,"))
        #expect(TrendsDocument.text(IncidentTrends([], filter: ReportFilter(), now: t0)).contains("Alerts: the proposal inbox could not be read"))
    }
}

/// The quarterly review: what changed since the quarter before, overdue items by owner, factors.
@Suite("Reports: the quarterly review")
struct QuarterlyReviewTests {
    @Test("Changes name both quarters' figures; overdue items are grouped by owner, most first; factors are listed by level")
    func review() throws {
        let q4 = try Quarter.parse("2026Q4")
        let now = Timestamp(iso8601: "2026-12-10T00:00:00Z")!
        var s = Scenario.declared(.sev1, at: TrendsTests.oct, detectedAt: TrendsTests.oct, startedAt: TrendsTests.oct - .minutes(3))
        s.must(.setFactor(.immediate, text: "a config push without canary"))
        s.must(.setFactor(.systemic, text: "no staged rollout for config"))
        for (text, owner, due) in [("canary config pushes", "platform", "2026-11-01"), ("alert on 5xx ratio", "sre", "2026-11-20"),
                                   ("runbook for rollback", "platform", "2026-11-10"), ("later", "sre", "2027-01-15")] {
            s.must(.addActionItem(text: text, owner: owner, priority: .p1, due: Timestamp(iso8601: due + "T00:00:00Z")!, fromEntry: nil,
                                  force: true))
        }
        let trends = IncidentTrends(([s.state!] + [TrendsTests.sample[3]]).summarized, filter: ReportFilter(since: q4.start, until: q4.end), now: now)
        let review = QuarterlyReview(trends, previous: [TrendsTests.sample[3]].summarized, now: now)
        #expect(review.changes.first.map { "\($0.name) \($0.now) \($0.before)" } == "incidents 1 1")
        #expect(review.changes.contains { $0.name == "median time to resolve" && $0.now == "—" && $0.before == "40m" })
        #expect(review.overdueByOwner.map(\.owner) == ["platform", "sre"])
        #expect(review.overdueByOwner.first?.items.map(\.text) == ["canary config pushes", "runbook for rollback"], "most overdue first")
        #expect(review.overdueByOwner.last?.items.count == 1, "an item not yet due is not overdue")
        #expect(review.factors.map(\.level) == [.immediate, .systemic])
        let markdown = review.markdown(previousPeriod: "2026Q3")
        #expect(markdown.contains("## What changed since 2026Q3") && markdown.contains("| incidents | 1 | 1 |"), "\(markdown)")
        #expect(markdown.contains("- **platform** (2):\n  - INC-1 #1 P1, due 2026-11-01: canary config pushes"), "\(markdown)")
        #expect(markdown.contains("- Systemic cause, INC-1: no staged rollout for config"))
        #expect(review.text(previousPeriod: "2026Q3").contains("Action items overdue, by owner: platform 2 · sre 1"))
        #expect(markdown.hasSuffix("## SLOs by error-budget policy tier\n\nNo SLO file (see `warroom slo`).\n"), "\(markdown)")
    }

    @Test("Error budgets in the scorecard and the review: at the period's end, from every incident on the service, worst tier first")
    func budgets() throws {
        let start = Timestamp(iso8601: "2026-11-28T14:00:00Z")!
        func incident(_ id: IncidentID, service: String, percent: Double, minutes: Int64) -> IncidentState {
            var s = Scenario(now: start, incident: id)
            s.must(.declare(Declaration(title: "t", severity: .sev2, service: service, impactStartedAt: start, detectedAt: start)))
            s.must(.recordImpact(ImpactReport(usersAffectedPercent: percent)))
            s.now = start + .minutes(minutes)
            s.must(.setStatus(.status(.mitigating), reason: nil, force: false))
            s.must(.setStatus(.status(.monitoring), reason: nil, force: false))
            return s.state!
        }
        func slo(_ service: String) -> SLODefinition {
            SLODefinition(service: service, owner: nil, slis: [], objectives: [
                SLODefinition.Objective(sli: "availability", budget: ErrorBudget(target: 0.9995, window: .rolling(.hours(24 * 30))),
                                        burnRateAlerts: [], line: nil)], policy: [.freezeDeploys: "stop deploys"])
        }
        let all = [incident("INC-1", service: "checkout-api", percent: 100, minutes: 30), incident("INC-2", service: "search", percent: 10, minutes: 10)]
        let now = start + .hours(3)
        // Only search incidents are in the report, yet checkout-api's budget is exhausted all the same.
        let trends = IncidentTrends((all).summarized, filter: ReportFilter(services: ["search"]), now: now, slos: [slo("search"), slo("checkout-api")])
        let score = try #require(trends.scorecard.first { $0.name == "Error budgets within policy" })
        #expect(score.verdict == .missed && score.value == "2 SLOs: 1 normal, 1 freeze all non-critical deploys (exhausted: checkout-api availability)",
                "\(score.value)")
        let calm = IncidentTrends((all).summarized, filter: ReportFilter(), now: now, slos: [slo("search")])
        #expect(calm.scorecard.first { $0.name == "Error budgets within policy" }?.verdict == .met)
        let before = IncidentTrends((all).summarized, filter: ReportFilter(until: start), now: now, slos: [slo("checkout-api")])
        #expect(before.scorecard.first { $0.name == "Error budgets within policy" }?.verdict == .met, "at the period's end nothing was spent yet")
        #expect(IncidentTrends((all).summarized, filter: ReportFilter(), now: now).scorecard.first { $0.name == "Error budgets within policy" }?.verdict == .noData)

        let review = QuarterlyReview(trends, previous: [], now: now)
        #expect(review.slos?.map(\.service) == ["checkout-api", "search"], "worst tier first")
        #expect(review.markdown(previousPeriod: "2026Q3").contains("""
            ## SLOs by error-budget policy tier

            - **freeze all non-critical deploys**: checkout-api availability: 138.9% of the 30d budget spent (INC-1) — stop deploys
            - **normal**: search availability: 4.6% of the 30d budget spent (INC-2) — Normal feature development
            """), "\(review.markdown(previousPeriod: "2026Q3"))")
        #expect(review.text(previousPeriod: "2026Q3").contains("  normal: search availability: 4.6% of the 30d budget spent (INC-2)"))
    }
}

/// Charts as text: a golden per chart, in block elements and in ASCII.
@Suite("Reports: charts")
struct ChartTests {
    @Test("Sparklines scale to the largest; zero is blank; a small count never vanishes")
    func sparklines() {
        #expect(Charts.sparkline([0, 1, 2, 4, 8], unicode: true) == " ▁▂▄█")
        #expect(Charts.sparkline([1, 100], unicode: true) == "▁█")
        #expect(Charts.sparkline([0, 1, 2, 4, 8], unicode: false) == " .:=@")
        #expect(Charts.sparkline([0, 0], unicode: true) == "  " && Charts.sparkline([], unicode: true).isEmpty)
    }

    @Test("Braille sparklines: two values a character, four dots a column from the bottom, a small count never vanishes")
    func brailleSparklines() {
        // 0 and 1 → (none, dot 8); 2 and 4 → (dot 7, dots 8 6); 8 → dots 7 3 2 1 alone.
        #expect(Charts.brailleSparkline([0, 1, 2, 4, 8]) == "\u{2880}\u{28E0}\u{2847}")
        #expect(Charts.brailleSparkline([8, 8]) == "\u{28FF}", "both columns full")
        #expect(Charts.brailleSparkline([1, 100]) == "\u{28F8}", "1 of 100 still one dot: dot 7, then 8 6 5 4")
        #expect(Charts.brailleSparkline([0, 0, 0]) == "\u{2800}\u{2800}" && Charts.brailleSparkline([]).isEmpty)
        let long = Charts.brailleSparkline(Array(0..<24))
        #expect(long.unicodeScalars.count == 12 && long.unicodeScalars.allSatisfy { (0x2800...0x28FF).contains($0.value) })
    }

    @Test("Months with no incident are filled in between the first and the last")
    func months() {
        #expect(Charts.monthSeries([("2026-11", 2), ("2027-02", 1)]).map(\.0) == ["2026-11", "2026-12", "2027-01", "2027-02"])
        #expect(Charts.monthSeries([("2026-11", 2), ("2027-02", 1)]).map(\.1) == [2, 0, 0, 1])
    }

    static var trends: IncidentTrends {
        let now = Timestamp(iso8601: "2026-12-10T00:00:00Z")!
        var incidents = TrendsTests.sample
        for n in 0..<5 {
            incidents.append(TrendsTests.incident("INC-\(10 + n)", .sev3, service: n < 3 ? "checkout" : "billing",
                                                  declared: TrendsTests.nov + .hours(Int64(n)), detect: .minutes(1), ack: .minutes(1),
                                                  resolve: .minutes(Int64(10 * (n + 1)))))
        }
        return IncidentTrends((incidents).summarized, filter: ReportFilter(), now: now)
    }

    @Test("The report's charts, golden, in block elements and in ASCII", arguments: [true, false])
    func golden(_ unicode: Bool) {
        let lines = TrendsDocument.charts(Self.trends, unicode: unicode)
        Golden.check(lines.joined(separator: "\n") + "\n", name: unicode ? "report-charts.txt" : "report-charts-ascii.txt")
        if !unicode { #expect(lines.joined().unicodeScalars.allSatisfy { $0.isASCII }) }
        #expect(TrendsDocument.charts(IncidentTrends([], filter: ReportFilter(), now: t0), unicode: unicode).isEmpty)
    }

    @Test("The report's charts with braille asked for: golden in UTF-8; ASCII still where it is not")
    func goldenBraille() {
        let lines = TrendsDocument.charts(Self.trends, unicode: true, braille: true)
        Golden.check(lines.joined(separator: "\n") + "\n", name: "report-charts-braille.txt")
        #expect(lines.first?.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } == true, "\(lines)")
        #expect(TrendsDocument.charts(Self.trends, unicode: false, braille: true) == TrendsDocument.charts(Self.trends, unicode: false))
        #expect(Array(TrendsDocument.charts(Self.trends, unicode: true, braille: true).dropFirst())
                == Array(TrendsDocument.charts(Self.trends, unicode: true).dropFirst()), "the bars are the same")
    }
}
