import Testing
import WarRoomCore
@testable import WarRoomPrometheus
import WarRoomReports

/// The PromQL built from an SLI and a window.
@Suite("Prometheus: the PromQL of an SLI over a window")
struct SLIQueryTests {
    @Test("metric: every plain range selector set to the window, quotes and subqueries kept; 1 - (metric)")
    func metric() throws {
        let sli = SLODefinition.SLI(name: "a", metric: #"sum(rate(x{s!~"5..", p="[5m]"}[5m])) / sum(rate(x[5m])) + 0 * max_over_time(y[1h:5m])"#)
        #expect(try SLIQuery.errorRatio(sli, window: .hours(6)).get()
            == #"1 - (sum(rate(x{s!~"5..", p="[5m]"}[6h])) / sum(rate(x[6h])) + 0 * max_over_time(y[1h:5m]))"#)
        #expect(SLIQuery.promDuration(.hours(720)) == "30d" && SLIQuery.promDuration(.minutes(90)) == "90m"
            && SLIQuery.promDuration(.seconds(45)) == "45s" && SLIQuery.promDuration(TimeSpan(millis: 1500)) == "1500ms")
    }

    @Test("good_event and valid_event selectors: 1 - sum(rate(good[w])) / sum(rate(valid[w]))")
    func selectors() throws {
        let sli = SLODefinition.SLI(name: "a", goodEvent: #" http_requests_total{code!~"5.."} "#, validEvent: "http_requests_total")
        #expect(try SLIQuery.errorRatio(sli, window: .minutes(5)).get()
            == #"1 - sum(rate(http_requests_total{code!~"5.."}[5m])) / sum(rate(http_requests_total[5m]))"#)
        for good in ["{job=\"a\"}", "a:b_c", "x{a=\"}\"}"] { #expect(SLIQuery.isSelector(good), "\(good)") }
        for bad in ["HTTP status < 500", "", "{}", "x{a=\"b\"", "rate(x[5m])", "x{a=\"b\"} y"] { #expect(!SLIQuery.isSelector(bad), "\(bad)") }
    }

    @Test("Descriptions in words, a threshold alone, a metric without a range or with an open bracket: refused with what to write")
    func refusals() throws {
        let words = SLODefinition.SLI(name: "availability", goodEvent: "HTTP status < 500", validEvent: "Any HTTP request")
        #expect(SLIQuery.errorRatio(words, window: .hours(1)) == .failure(.eventsNotSelectors("availability")))
        #expect(SLIQuery.errorRatio(SLODefinition.SLI(name: "latency", threshold: "300ms"), window: .hours(1)) == .failure(.nothingToQuery("latency")))
        #expect(SLIQuery.errorRatio(SLODefinition.SLI(name: "a", metric: "slo:ratio_rate5m"), window: .hours(1)) == .failure(.noRangeSelector))
        #expect(SLIQuery.errorRatio(SLODefinition.SLI(name: "a", metric: "rate(x[5m"), window: .hours(1)) == .failure(.unbalanced))
        #expect(SLIQuery.errorRatio(SLODefinition.SLI(name: "a", metric: #"rate(x{a="b}[5m])"#), window: .hours(1)) == .failure(.unbalanced))
        let latency = SLODefinition.SLI(name: "latency", metric: "histogram_quantile(0.99, sum(rate(h_bucket[5m])) by (le))", threshold: "400ms at p99")
        #expect(SLIQuery.errorRatio(latency, window: .hours(1)) == .failure(.thresholdMetric("latency")))
        var withBuckets = latency
        withBuckets.goodEvent = #"h_bucket{le="0.4"}"#
        withBuckets.validEvent = "h_count"
        #expect(try SLIQuery.errorRatio(withBuckets, window: .hours(1)).get() == #"1 - sum(rate(h_bucket{le="0.4"}[1h])) / sum(rate(h_count[1h]))"#)
        // A metric without a range, with selectors for its events: the selectors are used.
        let both = SLODefinition.SLI(name: "a", metric: "slo:ratio", goodEvent: "good_total", validEvent: "valid_total")
        #expect(try SLIQuery.errorRatio(both, window: .hours(1)).get() == "1 - sum(rate(good_total[1h])) / sum(rate(valid_total[1h]))")
        #expect(SLIQueryError.noRangeSelector.description.hasPrefix("its metric has no range selector such as [5m]"))
    }
}
