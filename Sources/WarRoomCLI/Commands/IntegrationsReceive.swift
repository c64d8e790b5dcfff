import ArgumentParser
import Foundation
import WarRoomHTTP
import WarRoomText
#if canImport(Glibc)
import Glibc
#endif

/// `warroom integrations receive`: a stand-in for Slack, Statuspage, PagerDuty, Opsgenie, Teams and
/// webhooks on this machine, for trying the outbox without an account anywhere. It prints each
/// request it gets and answers as the vendor would, by the request's path.
struct IntegrationsReceive: ParsableCommand {
    static let configuration = CommandConfiguration(table: "integrations receive")

    @Option(help: ArgumentHelp("The TCP port on 127.0.0.1.", valueName: "port"))
    var port: Int = 8099
    @Flag(help: "Print whole bodies (default: the first 200 characters of each).")
    var full = false

    func run() throws {
        guard (1...65535).contains(port) else {
            throw UserFacingError("--port must be between 1 and 65535 (it was \(port)); nothing was started")
        }
        var stopping = sigset_t()
        sigemptyset(&stopping)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&stopping, signal) }
        pthread_sigmask(SIG_BLOCK, &stopping, nil)
        let full = self.full
        let counter = Counter()
        let server: HTTPServer
        do {
            server = try HTTPServer(host: "127.0.0.1", port: port) { request in
                let answer = TryoutVendor.answer(request, number: counter.next())
                let body = Sanitizer.clean(String(decoding: request.body, as: UTF8.self))
                let shown = full || body.count <= 200 ? body : String(body.prefix(200)) + "…"
                let key = request.header("Idempotency-Key").map { "  key \(Sanitizer.clean($0))" } ?? ""
                let line = "\(Self.clock()) \(Sanitizer.clean(request.method)) \(Sanitizer.clean(request.path)) → \(answer.status) "
                    + "(\(answer.vendor))\(key)\n    \(shown)\n"
                try? FileHandle.standardOutput.write(contentsOf: Data(line.utf8))
                return answer.response
            }
        } catch {
            throw UserFacingError("cannot listen on 127.0.0.1:\(port) (\(error)); is another receiver running? Try --port")
        }
        print("""
            Receiving on http://127.0.0.1:\(server.port) — answers as each vendor would, by path:
              /slack…  /teams…  /hook…           200 ok              (url = "http://127.0.0.1:\(server.port)/slack")
              /v1/pages/PAGE/incidents[/ID]     201/200 incident    (statuspage: url = "http://127.0.0.1:\(server.port)")
              /v2/enqueue                       202 event processed (pagerduty: url = "http://127.0.0.1:\(server.port)")
              /v2/alerts…                       202                 (opsgenie: url = "http://127.0.0.1:\(server.port)")
            Ctrl-C stops it.
            """)
        fflush(nil)
        var received: Int32 = -1
        var timeout = timespec(tv_sec: 1, tv_nsec: 0)
        while received < 0 { received = sigtimedwait(&stopping, nil, &timeout) }
        server.close()
        print("Stopped after \(counter.count) request\(counter.count == 1 ? "" : "s").")
    }

    static func clock() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// Requests numbered across the server's threads.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
        var count: Int { lock.withLock { value } }
    }
}

/// What each vendor answers, by path: enough for warroom to record a delivery as the real one would.
enum TryoutVendor {
    struct Answer {
        var status: Int
        var vendor: String
        var response: OutgoingResponse
    }

    static func answer(_ request: IncomingRequest, number: Int) -> Answer {
        let path = request.path
        func json(_ status: Int, _ vendor: String, _ text: String) -> Answer {
            Answer(status: status, vendor: vendor,
                   response: OutgoingResponse(status: status, headers: [(name: "Content-Type", value: "application/json")], body: Array(text.utf8)))
        }
        if path.hasPrefix("/v1/pages/") {
            let parts = path.split(separator: "/")
            if parts.count == 4, parts[3] == "incidents", request.method == "POST" {
                return json(201, "statuspage", "{\"id\":\"tryout\(number)\",\"status\":\"investigating\"}")
            }
            if parts.count == 5, parts[3] == "incidents" { return json(200, "statuspage", "{\"id\":\"\(parts[4])\"}") }
            return json(200, "statuspage", "{\"id\":\"\(parts.count > 2 ? String(parts[2]) : "page")\"}")
        }
        if path.hasPrefix("/v2/enqueue") || path.hasPrefix("/v2/change/enqueue") {
            let dedup = dedupKey(request.body).map { ",\"dedup_key\":\"\($0)\"" } ?? ""
            return json(202, "pagerduty", "{\"status\":\"success\",\"message\":\"Event processed\"\(dedup)}")
        }
        if path.hasPrefix("/v2/alerts") || path.hasPrefix("/v1/alerts") {
            return json(202, "opsgenie", "{\"result\":\"Request will be processed\",\"took\":0.01,\"requestId\":\"tryout-\(number)\"}")
        }
        let vendor = path.hasPrefix("/teams") ? "teams" : path.hasPrefix("/slack") ? "slack" : "webhook"
        return Answer(status: 200, vendor: vendor, response: .text(200, "ok"))
    }

    /// PagerDuty echoes the event's `dedup_key`.
    static func dedupKey(_ body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let key = object["dedup_key"] as? String else { return nil }
        return key.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" } ? key : nil
    }
}
