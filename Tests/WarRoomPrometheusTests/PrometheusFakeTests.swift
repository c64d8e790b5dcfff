import Foundation
import Testing
import WarRoomCore
import WarRoomHTTP
@testable import WarRoomPrometheus
import WarRoomReports

/// The client against a loopback fake (WarRoomHTTP's server): every answer a Prometheus (or
/// something in front of it) may give, each worded with the URL and the query.
@Suite("Prometheus: answers from a loopback fake")
struct PrometheusFakeTests {
    static let at = Timestamp(iso8601: "2026-11-28T14:00:00Z")!
    static let query = #"1 - sum(rate(http_requests_total{status!~"5.."}[5m])) / sum(rate(http_requests_total[5m]))"#

    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var requests: [IncomingRequest] = []
        func add(_ request: IncomingRequest) { lock.lock(); requests.append(request); lock.unlock() }
        var all: [IncomingRequest] { lock.lock(); defer { lock.unlock() }; return requests }
    }

    /// A fake answering every request with `status` and `body` (after `delay` seconds).
    static func fake(_ status: Int, _ body: String, delay: Double = 0, seen: Seen = Seen()) throws -> HTTPServer {
        try HTTPServer(host: "127.0.0.1", port: 0) { request in
            seen.add(request)
            if delay > 0 { Thread.sleep(forTimeInterval: delay) }
            return OutgoingResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
        }
    }

    static func ask(_ server: HTTPServer, timeout: Int = 5) -> (url: String, result: Result<PrometheusValue, PrometheusError>) {
        let url = "http://127.0.0.1:\(server.port)"
        return (url, PrometheusClient(baseURL: url + "/", timeout: timeout).query(query, at: at))
    }

    static func reason(_ result: Result<PrometheusValue, PrometheusError>) -> String? {
        if case .failure(let error) = result { return error.reason }
        return nil
    }

    @Test("A vector's one sample is the number; the request is GET /api/v1/query with the query and time encoded")
    func vector() throws {
        let seen = Seen()
        let server = try Self.fake(200, #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1764338400,"0.0125"]}]}}"#, seen: seen)
        defer { server.close() }
        let (_, result) = Self.ask(server)
        #expect(try result.get() == .number(0.0125))
        let request = try #require(seen.all.first)
        #expect(request.method == "GET" && request.path == "/api/v1/query")
        let items = URLComponents(string: "http://x/?" + (request.query ?? ""))?.queryItems ?? []
        #expect(items.map(\.name) == ["query", "time"])
        #expect(items.first?.value == Self.query && items.last?.value == "1795874400")
    }

    @Test("A scalar is a number too; NaN, ±Inf and an empty vector are no data")
    func scalarAndNoData() throws {
        for (body, want) in [
            (#"{"status":"success","data":{"resultType":"scalar","result":[1764338400,"0.25"]}}"#, PrometheusValue.number(0.25)),
            (#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1764338400,"NaN"]}]}}"#, .noData),
            (#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1764338400,"+Inf"]}]}}"#, .noData),
            (#"{"status":"success","data":{"resultType":"vector","result":[]}}"#, .noData),
        ] {
            let server = try Self.fake(200, body)
            defer { server.close() }
            #expect(try Self.ask(server).result.get() == want, "\(body)")
        }
    }

    @Test("400 bad_data, 503 with and without Prometheus's error body, 422 execution errors: each worded with the URL and the query")
    func errorAnswers() throws {
        let cases: [(Int, String, String)] = [
            (400, #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error: unexpected end of input"}"#,
             "the server answered HTTP 400, bad_data: invalid parameter \"query\": 1:5: parse error: unexpected end of input"),
            (503, #"{"status":"error","errorType":"unavailable","error":"the server is shutting down"}"#,
             "the server answered HTTP 503, unavailable: the server is shutting down"),
            (503, "Service Unavailable", "the server answered HTTP 503: «Service Unavailable»"),
            (422, #"{"status":"error","errorType":"execution","error":"query processing would load too many samples"}"#,
             "the server answered HTTP 422, execution: query processing would load too many samples"),
        ]
        for (status, body, want) in cases {
            let server = try Self.fake(status, body)
            defer { server.close() }
            let (url, result) = Self.ask(server)
            #expect(Self.reason(result) == want)
            if case .failure(let error) = result {
                #expect(error.description == "Prometheus at \(url), query \(Self.query): \(want)")
                #expect(!error.unreachable)
            }
        }
    }

    @Test("Malformed JSON, a success without data, a matrix, several series: refused, never a trap")
    func malformed() throws {
        let cases: [(String, String)] = [
            ("{\"status\":\"succ", "the answer is not Prometheus's JSON: «{\"status\":\"succ»"),
            ("", "the answer is not Prometheus's JSON (empty body)"),
            (#"{"status":"success"}"#, #"the answer has no status "success" with data.resultType: «{"status":"success"}»"#),
            (#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#,
             "the query gave a matrix, not an instant number (is it a range query, or a string?)"),
            (#"{"status":"success","data":{"resultType":"vector","result":[{"value":[1,"1"]},{"value":[1,"2"]}]}}"#,
             "the query gave 2 series, not one (sum the SLI's expression so it gives a single ratio)"),
            (#"{"status":"success","data":{"resultType":"vector","result":[{"value":[1,"many"]}]}}"#,
             "a sample value 'many' that is not a number"),
            (#"{"status":"success","data":{"resultType":"vector","result":[{"value":[1]}]}}"#,
             #"a sample that is not [time, "value"]: «{"status":"success","data":{"resultType":"vector","result":[{"value":[1]}]}}»"#),
            (#"[1,2,3]"#, "the answer is not Prometheus's JSON: «[1,2,3]»"),
        ]
        for (body, want) in cases {
            let server = try Self.fake(200, body)
            defer { server.close() }
            #expect(Self.reason(Self.ask(server).result) == want, "\(body)")
        }
    }

    @Test("A server that does not answer in time, and one not listening: unreachable, and the evaluator asks nothing more")
    func timeoutAndRefused() throws {
        let seen = Seen()
        let slow = try Self.fake(200, "{}", delay: 3, seen: seen)
        defer { slow.close() }
        let (url, result) = Self.ask(slow, timeout: 1)
        guard case .failure(let error) = result else { Issue.record("a stalled server answered \(result)"); return }
        #expect(error.reason == "127.0.0.1 did not answer within 1 s" && error.unreachable && error.url == url)

        let port = try TestPrometheus.freePort()
        let refused = PrometheusClient(baseURL: "http://127.0.0.1:\(port)").query(Self.query, at: Self.at)
        #expect(Self.reason(refused) == "127.0.0.1 refused the connection (nothing listening?)")

        // The evaluator: the first failure stops the asking, each SLO still gets a status.
        let definition = SLODefinition(service: "checkout-api", owner: nil,
                                       slis: [SLODefinition.SLI(name: "availability", metric: "sum(rate(good[5m])) / sum(rate(valid[5m]))")],
                                       objectives: [SLODefinition.Objective(sli: "availability", budget: ErrorBudget(target: 0.999, window: .rolling(.hours(720))),
                                                                            burnRateAlerts: [.init(severity: "page", shortWindow: .minutes(5), longWindow: .hours(1), burnRate: 14.4)],
                                                                            line: nil)], policy: [:])
        let outcomes = LiveSLOEvaluator.evaluate([definition, definition], client: PrometheusClient(baseURL: "http://127.0.0.1:\(port)"), at: Self.at)
        #expect(outcomes.map(\.failed) == [true, true])
        #expect(outcomes[0].problems == ["Prometheus at http://127.0.0.1:\(port), query 1 - (sum(rate(good[5m])) / sum(rate(valid[5m]))): 127.0.0.1 refused the connection (nothing listening?)"])
        #expect(outcomes[1].problems == ["not asked: http://127.0.0.1:\(port) was unreachable (127.0.0.1 refused the connection (nothing listening?))"])
        #expect(outcomes[0].status.consumedShare == nil && outcomes[0].status.alerts.map(\.fires) == [false])
    }
}
