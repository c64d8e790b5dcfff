import Foundation
import Testing
import WarRoomCore
@testable import WarRoomPrometheus
import WarRoomReports

/// Live SLIs against a real Prometheus (Debian's, from `.ci/run`), loaded with series whose error
/// ratio over each window is known: the PromQL asked is the PromQL a user writes in `metric`.
@Suite("Prometheus: live SLIs against a real server", .serialized, .enabled(if: TestPrometheus.available, TestPrometheus.skipReason))
struct PrometheusLiveTests {
    static let at = TestPrometheus.at

    /// The method's metric, as the README writes it.
    static let metricSLI = SLODefinition.SLI(name: "availability", metric: """
        sum(rate(http_requests_total{service="checkout-api", status!~"5.."}[5m]))
        / sum(rate(http_requests_total{service="checkout-api"}[5m]))
        """)
    /// The same as two selectors.
    static let selectorSLI = SLODefinition.SLI(name: "availability", goodEvent: #"http_requests_total{service="checkout-api",status!~"5.."}"#,
                                               validEvent: #"http_requests_total{service="checkout-api"}"#)

    static let alerts = [
        SLODefinition.BurnRateAlert(severity: "page", shortWindow: .minutes(5), longWindow: .hours(1), burnRate: 14.4),
        SLODefinition.BurnRateAlert(severity: "page", shortWindow: .minutes(30), longWindow: .hours(6), burnRate: 6),
        SLODefinition.BurnRateAlert(severity: "ticket", shortWindow: .hours(2), longWindow: .hours(24), burnRate: 3),
        SLODefinition.BurnRateAlert(severity: "ticket", shortWindow: .hours(6), longWindow: .hours(72), burnRate: 1),
    ]

    static func definition(_ sli: SLODefinition.SLI) -> SLODefinition {
        SLODefinition(service: "checkout-api", owner: nil, slis: [sli], objectives: [
            SLODefinition.Objective(sli: "availability", budget: ErrorBudget(target: 0.999, window: .rolling(.hours(24 * 30))),
                                    burnRateAlerts: alerts, line: nil),
        ], policy: [:])
    }

    /// The error ratio of each window, from the generated series: errors ÷ requests of the
    /// intervals inside it (TestPrometheus: 1000 requests a minute; 1.5 % errors in the last hour,
    /// 0.05 % in the five before; then 18 h with 4320 errors, 2 d with 1440, 27 d with 19 440).
    static let expected: [(TimeSpan, Double)] = [
        (.minutes(5), 60 / 4_000), (.minutes(30), 435 / 29_000), (.hours(1), 885 / 59_000),
        (.hours(2), 929.5 / 119_000), (.hours(6), 1_049.5 / 359_000), (.hours(24), 5_369.5 / 1_439_000),
        (.hours(72), 6_809.5 / 4_319_000), (.hours(720), 26_249.5 / 43_199_000),
    ]

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-9 * max(1e-6, abs(b)) } ?? false }

    @Test("The metric's PromQL over every window gives the generated series' exact error ratios")
    func metricOverEveryWindow() throws {
        let server = try TestPrometheus.running()
        let client = PrometheusClient(baseURL: server.url)
        for (window, ratio) in Self.expected {
            let query = try SLIQuery.errorRatio(Self.metricSLI, window: window).get()
            let value = try client.query(query, at: Self.at).get()
            #expect(Self.close(value.number, ratio), "\(SLIQuery.promDuration(window)): \(value) ≠ \(ratio)")
        }
    }

    @Test("good_event/valid_event selectors give the same figures as the metric")
    func selectors() throws {
        let server = try TestPrometheus.running()
        let client = PrometheusClient(baseURL: server.url)
        for (window, ratio) in Self.expected where [TimeSpan.minutes(5), .hours(6), .hours(720)].contains(window) {
            let query = try SLIQuery.errorRatio(Self.selectorSLI, window: window).get()
            #expect(Self.close(try client.query(query, at: Self.at).get().number, ratio), "\(query)")
        }
        // The other service's series (half errors) are in the store: only the labels keep them out.
        let search = SLODefinition.SLI(name: "a", goodEvent: #"http_requests_total{service="search",status="200"}"#,
                                       validEvent: #"http_requests_total{service="search"}"#)
        #expect(Self.close(try client.query(try SLIQuery.errorRatio(search, window: .hours(1)).get(), at: Self.at).get().number, 0.5))
    }

    @Test("The evaluator: burn rates per alert pair, the alerts that fire, the 30 d budget and its tier")
    func evaluate() throws {
        let server = try TestPrometheus.running()
        let outcomes = LiveSLOEvaluator.evaluate([Self.definition(Self.metricSLI)], client: PrometheusClient(baseURL: server.url), at: Self.at)
        #expect(outcomes.count == 1)
        let outcome = try #require(outcomes.first)
        #expect(outcome.problems == [] && !outcome.failed)
        #expect(outcome.queries.count == 8)
        let status = outcome.status
        for ((window, ratio), measured) in zip(Self.expected, status.ratios) {
            #expect(measured.window == window && Self.close(measured.errorRatio, ratio), "\(measured)")
        }
        // Burn = ratio ÷ 0.001: 15 over 5m/1h (page fires), 15 and 2.92 over 30m/6h (quiet),
        // 7.81 and 3.73 over 2h/1d (ticket fires), 2.92 and 1.58 over 6h/3d (ticket fires).
        let burns = status.alerts.map { [$0.shortBurn ?? -1, $0.longBurn ?? -1] }
        let want: [[Double]] = [[15.0, 15.0], [15.0, 1_049.5 / 359.0], [929.5 / 119.0, 5_369.5 / 1_439.0], [1_049.5 / 359.0, 6_809.5 / 4_319.0]]
        for (got, expected) in zip(burns, want) { #expect(Self.close(got[0], expected[0]) && Self.close(got[1], expected[1]), "\(got)") }
        #expect(status.alerts.map(\.fires) == [true, false, true, true])
        // 30 d: 26 249.5 errors of 43 199 000 requests is burn 0.6076 over the whole window:
        // 60.76 % of the budget spent, 39.24 % left, a feature-freeze review.
        #expect(Self.close(status.consumedShare, 26_249.5 / 43_199))
        #expect(status.tier == .featureFreezeReview && status.action == "Feature freeze review with Eng Manager")
        #expect(Self.close(status.fastBurn?.burnRate, 15) && status.fastBurn?.window == .hours(1))
    }

    @Test("Server answers: a PromQL mistake is Prometheus's bad_data, a metric that matches nothing is no data")
    func serverAnswers() throws {
        let server = try TestPrometheus.running()
        let client = PrometheusClient(baseURL: server.url)
        let broken = client.query("sum(rate(http_requests_total[5m]", at: Self.at)
        guard case .failure(let error) = broken else { Issue.record("a parse error answered \(broken)"); return }
        #expect(error.url == server.url && error.query == "sum(rate(http_requests_total[5m]")
        #expect(error.reason.hasPrefix("the server answered HTTP 400, bad_data: invalid parameter \"query\": "), "\(error.reason)")
        #expect(try client.query(#"1 - sum(rate(nothing_total[5m])) / sum(rate(nothing_total[5m]))"#, at: Self.at).get() == .noData)
        // Before any series: no samples in the window, no data.
        let early = Timestamp(iso8601: "2026-10-01T00:00:00Z")!
        #expect(try client.query(try SLIQuery.errorRatio(Self.metricSLI, window: .hours(1)).get(), at: early).get() == .noData)
        // Two series where one is wanted: said, not a number picked.
        let twoSeries = client.query("sum by (status) (rate(http_requests_total[5m]))", at: Self.at)
        guard case .failure(let many) = twoSeries else { Issue.record("\(twoSeries)"); return }
        #expect(many.reason == "the query gave 2 series, not one (sum the SLI's expression so it gives a single ratio)")
    }
}
