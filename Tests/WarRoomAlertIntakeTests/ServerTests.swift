import Foundation
import Testing
import WarRoomAlertIntake
import WarRoomAlerts
import WarRoomCore
import WarRoomHTTP
import WarRoomStore

/// The intake behind the real HTTP server on loopback, as `alerts serve` wires it: the answers a
/// sender sees, the limits a hostile or broken sender meets, and the server still answering after.
@Suite struct IntakeServerTests {
    func withServer(_ limits: HTTPServer.Limits = .init(), _ body: (Int, any EventStore) throws -> Void) throws {
        try Backend.sqlite.withStore { store, _ throws in
            let intake = makeIntake(store)
            let server = try HTTPServer(host: "127.0.0.1", port: 0, limits: limits) { request in
                let answer = intake.receive(method: request.method, path: request.path, headers: request.headers, body: request.body)
                return OutgoingResponse(status: answer.status, headers: [(name: "Content-Type", value: "application/json")] + answer.headers,
                                        body: answer.jsonBody)
            }
            defer { server.close() }
            try body(server.port, store)
        }
    }

    func send(_ port: Int, _ path: String, _ body: [UInt8], headers: [(name: String, value: String)] = []) throws -> HTTPAnswer {
        try HTTPClient().send("POST", "http://127.0.0.1:\(port)\(path)", headers: headers, body: body, timeout: 30).get()
    }

    @Test("POST /alertmanager: 200 once durable, with what was done per alert in JSON")
    func declares() throws {
        try withServer { port, store throws in
            let answer = try send(port, "/alertmanager", Fixture.bytes("alertmanager-checkout-firing.json"))
            #expect(answer.status == 200)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
            let alerts = try #require(json["alerts"] as? [[String: Any]])
            #expect(alerts.map { $0["action"] as? String } == ["declared", "attached"])
            #expect(alerts.map { $0["incident"] as? String } == ["INC-1", "INC-1"])
            // Durable before the answer: another connection reads it at once.
            #expect(try incidents(store).first?.alertKeys.count == 2)
        }
    }

    @Test("Over 1 MiB: 413 before the body is read, nothing recorded, and the next request is served")
    func tooLarge() throws {
        try withServer { port, store throws in
            let big = [UInt8](repeating: UInt8(ascii: " "), count: (1 << 20) + 10)
            let answer = rawExchange(port, Array("POST /alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(big.count)\r\n\r\n".utf8) + big)
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(80))")
            #expect(try store.incidents().isEmpty)
            #expect(try send(port, "/alertmanager", Fixture.bytes("alertmanager-checkout-firing.json")).status == 200)
        }
    }

    @Test("A slow client is cut off without an answer and nothing recorded; the server still answers the next request")
    func slowClient() throws {
        try withServer(.init(requestTime: .milliseconds(500))) { port, store throws in
            let body = Fixture.bytes("alertmanager-checkout-firing.json")
            let head = "POST /alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.count)\r\n\r\n"
            let stalled = rawExchange(port, Array(head.utf8) + body.prefix(100))
            #expect(stalled.isEmpty, "\(stalled.prefix(80))")
            #expect(try store.incidents().isEmpty)
            #expect(try send(port, "/alertmanager", body).status == 200)
        }
    }

    @Test("Malformed HTTP 400, malformed JSON 400, unknown path 404, unsigned PagerDuty 401; then a good delivery is served")
    func refusals() throws {
        try withServer { port, store throws in
            #expect(rawExchange(port, Array("NOT HTTP\r\n\r\n".utf8)).hasPrefix("HTTP/1.1 400"))
            #expect(try send(port, "/grafana", Array("{\"alerts\": [}".utf8)).status == 400)
            #expect(try send(port, "/alerts", Array("{}".utf8)).status == 404)
            #expect(try send(port, "/pagerduty", Fixture.bytes("pagerduty-incident-triggered.json")).status == 401)
            #expect(try store.incidents().isEmpty)
            let pd = Fixture.bytes("pagerduty-incident-triggered.json")
            #expect(try send(port, "/pagerduty", pd, headers: pagerDutyHeaders(pd)).status == 200)
        }
    }
}
