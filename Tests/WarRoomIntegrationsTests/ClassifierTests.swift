import Testing
import WarRoomCore
@testable import WarRoomIntegrations

@Suite("Reading answers")
struct ClassifierTests {
    enum Expect: Sendable { case delivered(String?), retry(TimeSpan?, String), failed(String) }

    // Real-looking answers, from the vendors' documented examples.
    static let table: [(DestinationType, Int, [(String, String)], String, Expect)] = [
        (.slack, 200, [], "ok", .delivered(nil)),
        (.slack, 200, [], "<html>Welcome to the hotel wifi</html>", .failed("without \"ok\"")),
        (.slack, 400, [], "invalid_payload", .failed("invalid_payload — Slack could not read the message")),
        (.slack, 404, [], "no_service", .failed("no_service — the webhook was removed")),
        (.slack, 410, [], "channel_is_archived", .failed("channel_is_archived — the webhook's channel is gone")),
        (.slack, 403, [], "invalid_token", .failed("refused the credentials (403): invalid_token")),
        (.slack, 429, [("Retry-After", "30")], "rate_limited", .retry(.seconds(30), "rate limiting (429) (asked to wait 30s): rate_limited")),
        (.slack, 500, [], "", .retry(nil, "server error (500); will retry")),
        (.teams, 202, [], "", .delivered(nil)),
        (.teams, 400, [], "{\"error\":{\"code\":\"InvalidRequestContent\",\"message\":\"The input body for trigger 'manual' of type 'Request' did not match its schema definitions.\"}}",
         .failed("code: InvalidRequestContent; message: The input body")),
        (.statuspage, 201, [], "{\"id\":\"p31zjtct2jer\",\"name\":\"Checkout errors\",\"status\":\"investigating\"}", .delivered("p31zjtct2jer")),
        (.statuspage, 200, [], "{\"id\":\"p31zjtct2jer\"}", .delivered("p31zjtct2jer")),
        (.statuspage, 422, [], "{\"error\":[\"Name can't be blank\"]}", .failed("(422): Name can't be blank")),
        (.statuspage, 401, [], "{\"error\":\"Could not authenticate\"}", .failed("refused the credentials (401): Could not authenticate: check api_key")),
        (.statuspage, 420, [], "{\"error\":\"Rate limit exceeded\"}", .retry(nil, "rate limiting (420): Rate limit exceeded")),
        (.pagerduty, 420, [], "", .failed("(420)")),
        (.statuspage, 503, [("retry-after", "Sat, 28 Nov 2026 14:03:00 GMT")], "", .retry(.seconds(60), "server error (503)")),
        (.pagerduty, 202, [], "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"warroom:s:INC-1:db\"}", .delivered("warroom:s:INC-1:db")),
        (.pagerduty, 400, [], "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}",
         .failed("Event object is invalid; Length of 'routing_key' is incorrect (should be 32 characters)")),
        (.pagerduty, 429, [], "", .retry(nil, "rate limiting (429); will retry")),
        (.pagerduty, 502, [], "<html><body>Bad Gateway</body></html>", .retry(nil, "server error (502); will retry")),
        (.opsgenie, 202, [], "{\"result\":\"Request will be processed\",\"took\":0.302,\"requestId\":\"43a29c5c-3dbf-4fa4-9c26-f4f71023e120\"}",
         .delivered("43a29c5c-3dbf-4fa4-9c26-f4f71023e120")),
        (.opsgenie, 422, [], "{\"message\":\"Request body is not processable. Please check the errors.\",\"errors\":{\"message\":\"Message can not be empty.\"},\"took\":0.001}",
         .failed("Request body is not processable. Please check the errors.; message: Message can not be empty.")),
        (.opsgenie, 403, [], "{\"message\":\"Key has no access.\"}", .failed("refused the credentials (403): Key has no access.")),
        (.webhook, 204, [], "", .delivered(nil)),
        (.webhook, 409, [], "duplicate\u{1b}[31m\ndelivery", .failed("(409): duplicate [31m delivery")),
        (.webhook, 301, [("Location", "https://elsewhere")], "", .failed("a redirect")),
        (.webhook, 408, [], "", .retry(nil, "timed out waiting")),
    ]

    @Test("Each answer reads as expected", arguments: table.indices)
    func answer(_ index: Int) {
        let (type, status, headers, body, expect) = Self.table[index]
        let verdict = DeliveryVerdict.classify(type: type, status: status, headers: headers, body: Array(body.utf8), now: Fixture.t0 + .seconds(0))
        switch (verdict, expect) {
        case (.delivered(let got), .delivered(let want)): #expect(got == want)
        case (.retry(let after, let reason), .retry(let wantAfter, let words)):
            #expect(after == wantAfter)
            #expect(reason.contains(words), "\(reason)")
        case (.failed(let reason), .failed(let words)): #expect(reason.contains(words), "\(reason)")
        default: Issue.record("\(type) \(status) \(body): got \(verdict)")
        }
    }

    @Test("A vendor message is one clean line of at most 300 characters")
    func cleaned() {
        let body = "{\"message\":\"" + String(repeating: "long \\n\\u202e ", count: 200) + "\"}"
        guard case .failed(let reason) = DeliveryVerdict.classify(type: .opsgenie, status: 400, headers: [], body: Array(body.utf8), now: Fixture.t0) else {
            Issue.record("not failed"); return
        }
        #expect(!reason.contains("\n") && !reason.contains("\u{202E}"))
        #expect(reason.count < 400)
    }

    @Test("Transport failures retry, with words a tired person reads, naming the host only",
          arguments: [TransportFailure.timeout, .connectionRefused, .connectionReset, .nameNotResolved, .tls("certificate expired"), .other("EPIPE")])
    func transport(_ failure: TransportFailure) {
        let verdict = Fixture.slack.classify(failure)
        guard case .retry(nil, let reason) = verdict else { Issue.record("not a retry: \(verdict)"); return }
        #expect(reason.contains("hooks.slack.com"))
        #expect(reason.hasSuffix("will retry") || reason.contains("same key"))
        #expect(!reason.contains("services"))
    }

    @Test("Answers and reasons never carry a credential, even when the vendor echoes it")
    func echoedSecret() {
        for destination in Fixture.destinations {
            for secret in destination.secretValues {
                let body = "{\"message\":\"invalid key \(secret)\",\"error\":\"\(secret)\"}"
                for status in [400, 401, 429, 500] {
                    let reason = destination.classify(status: status, headers: [], body: Array(body.utf8), now: Fixture.t0).reason ?? ""
                    #expect(!reason.contains(secret), "\(destination.name) \(status)")
                }
            }
        }
    }

    @Test("Hostile bodies never crash the reader", arguments: [
        String(repeating: "[", count: 100_000), "{\"message\":", "\u{0}\u{1}", "{\"message\":\"\\ud800\"}", String(repeating: "9", count: 5000),
    ])
    func hostile(_ body: String) {
        let verdict = DeliveryVerdict.classify(type: .pagerduty, status: 400, headers: [], body: Array(body.utf8), now: Fixture.t0)
        #expect(verdict.reason?.isEmpty == false)
    }
}
