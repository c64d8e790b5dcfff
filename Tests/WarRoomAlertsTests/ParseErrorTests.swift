import Testing
@testable import WarRoomAlerts

@Suite struct ParseErrorTests {
    static let alert = #"{"status":"firing","labels":{"alertname":"A"},"startsAt":"2026-11-28T14:00:00Z"}"#
    static func am(_ fields: String, alerts: String = "[\(alert)]") -> String {
        #"{"version":"4","groupKey":"g","status":"firing","alerts":"# + alerts + (fields.isEmpty ? "" : "," + fields) + "}"
    }

    /// Every refusal, with the exact sentence the sender gets.
    static let cases: [(AlertFormat, String, AlertParseError, String)] = [
        (.alertmanager, "", .empty, "the body is empty; a webhook sends one JSON object; nothing was recorded"),
        (.alertmanager, "  \n", .empty, "the body is empty; a webhook sends one JSON object; nothing was recorded"),
        (.alertmanager, "[1,2]", .notAnObject(path: "body", found: "an array"),
         "body is an array, not a JSON object; nothing was recorded"),
        (.grafana, "\"firing\"", .notAnObject(path: "body", found: "a string"),
         "body is a string, not a JSON object; nothing was recorded"),
        (.alertmanager, #"{"version":"4","groupKey":"g","status":"firing"}"#,
         .missingField(path: "alerts", hint: "an array of alerts"), "alerts is missing (an array of alerts); nothing was recorded"),
        (.alertmanager, #"{"groupKey":"g","status":"firing","alerts":[]}"#,
         .missingField(path: "version", hint: "Alertmanager sends \"4\""), "version is missing (Alertmanager sends \"4\"); nothing was recorded"),
        (.alertmanager, #"{"version":"3","groupKey":"g","status":"firing","alerts":[]}"#,
         .unsupportedVersion(format: .alertmanager, found: "3", accepted: "\"4\""),
         "alertmanager payload version '3' is not supported (accepted: \"4\"); nothing was recorded"),
        (.alertmanager, #"{"version":4,"groupKey":"g","status":"firing","alerts":[]}"#,
         .wrongType(path: "version", expected: "a string", found: "a number"), "version is a number, expected a string; nothing was recorded"),
        (.alertmanager, #"{"version":"4","status":"firing","alerts":[]}"#,
         .missingField(path: "groupKey", hint: "the group this notification is for"),
         "groupKey is missing (the group this notification is for); nothing was recorded"),
        (.alertmanager, am("", alerts: "{}"), .wrongType(path: "alerts", expected: "an array", found: "an object"),
         "alerts is an object, expected an array; nothing was recorded"),
        (.alertmanager, am("", alerts: "[3]"), .notAnObject(path: "alerts[0]", found: "a number"),
         "alerts[0] is a number, not a JSON object; nothing was recorded"),
        (.alertmanager, am("", alerts: "[\(alert),{\"status\":\"pending\",\"labels\":{},\"startsAt\":\"2026-11-28T14:00:00Z\"}]"),
         .badValue(path: "alerts[1].status", value: "pending", accepted: "'firing' or 'resolved'"),
         "alerts[1].status is 'pending', expected 'firing' or 'resolved'; nothing was recorded"),
        (.alertmanager, am("", alerts: #"[{"status":"firing","labels":{"alertname":"A","severity":2},"startsAt":"2026-11-28T14:00:00Z"}]"#),
         .wrongType(path: "alerts[0].labels.severity", expected: "a string", found: "a number"),
         "alerts[0].labels.severity is a number, expected a string; nothing was recorded"),
        (.alertmanager, am("", alerts: #"[{"status":"firing","labels":{"alertname":"A"}}]"#),
         .missingField(path: "alerts[0].startsAt", hint: "when the alert started"),
         "alerts[0].startsAt is missing (when the alert started); nothing was recorded"),
        (.alertmanager, am("", alerts: #"[{"status":"firing","labels":{"alertname":"A"},"startsAt":"yesterday"}]"#),
         .badTime(path: "alerts[0].startsAt", value: "yesterday"),
         "alerts[0].startsAt is 'yesterday', not an RFC 3339 time such as 2026-11-28T14:02:00Z; nothing was recorded"),
        (.alertmanager, am("", alerts: #"[{"status":"firing","labels":{"alertname":"A"},"startsAt":"2026-11-28T14:00:00"}]"#),
         .badTime(path: "alerts[0].startsAt", value: "2026-11-28T14:00:00"),
         "alerts[0].startsAt is '2026-11-28T14:00:00', not an RFC 3339 time such as 2026-11-28T14:02:00Z; nothing was recorded"),
        (.alertmanager, am("", alerts: #"[{"status":"firing","labels":{"alertname":"A"},"startsAt":"2026-11-28T14:00:00Z","endsAt":"2026-13-01T00:00:00Z"}]"#),
         .badTime(path: "alerts[0].endsAt", value: "2026-13-01T00:00:00Z"),
         "alerts[0].endsAt is '2026-13-01T00:00:00Z', not an RFC 3339 time such as 2026-11-28T14:02:00Z; nothing was recorded"),
        (.alertmanager, am("", alerts: #"[{"status":"firing","labels":{"alertname":"A"},"startsAt":"0001-01-01T00:00:00Z"}]"#),
         .badValue(path: "alerts[0].startsAt", value: "0001-01-01T00:00:00Z", accepted: "the time the alert started"),
         "alerts[0].startsAt is '0001-01-01T00:00:00Z', expected the time the alert started; nothing was recorded"),
        (.alertmanager, am("", alerts: #"[{"status":"firing","labels":["alertname"],"startsAt":"2026-11-28T14:00:00Z"}]"#),
         .notAnObject(path: "alerts[0].labels", found: "an array"), "alerts[0].labels is an array, not a JSON object; nothing was recorded"),
        (.alertmanager, am(#""commonAnnotations":{"summary":true}"#),
         .wrongType(path: "commonAnnotations.summary", expected: "a string", found: "true/false"),
         "commonAnnotations.summary is true/false, expected a string; nothing was recorded"),
        (.grafana, #"{"version":"2","groupKey":"g","status":"firing","alerts":[]}"#,
         .unsupportedVersion(format: .grafana, found: "2", accepted: "\"1\" (unified alerting)"),
         "grafana payload version '2' is not supported (accepted: \"1\" (unified alerting)); nothing was recorded"),
        (.grafana, #"{"title":"[Alerting] High CPU","ruleName":"High CPU","state":"alerting","evalMatches":[]}"#,
         .missingField(path: "groupKey", hint: "the group this notification is for; this looks like legacy Grafana alerting, which is not supported: use a unified alerting webhook contact point"),
         "groupKey is missing (the group this notification is for; this looks like legacy Grafana alerting, which is not supported: use a unified alerting webhook contact point); nothing was recorded"),
        (.pagerduty, #"{"messages":[]}"#, .missingField(path: "event", hint: "a PagerDuty V3 webhook carries one event object"),
         "event is missing (a PagerDuty V3 webhook carries one event object); nothing was recorded"),
        (.pagerduty, #"{"event":{"id":"E","event_type":"incident.triggered","occurred_at":"2020-10-02 18:45:22Z","data":{}}}"#,
         .badTime(path: "event.occurred_at", value: "2020-10-02 18:45:22Z"),
         "event.occurred_at is '2020-10-02 18:45:22Z', not an RFC 3339 time such as 2026-11-28T14:02:00Z; nothing was recorded"),
        (.pagerduty, #"{"event":{"id":"E","event_type":"incident.triggered","occurred_at":"2020-10-02T18:45:22Z","data":{"type":"incident","title":"x"}}}"#,
         .missingField(path: "event.data.id", hint: ""), "event.data.id is missing; nothing was recorded"),
        (.pagerduty, #"{"event":{"id":"E","event_type":"incident.triggered","occurred_at":"2020-10-02T18:45:22Z","data":{"type":"incident","id":"Q","number":1.5}}}"#,
         .wrongType(path: "event.data.number", expected: "a whole number", found: "a number"),
         "event.data.number is a number, expected a whole number; nothing was recorded"),
    ]

    @Test(arguments: cases)
    func refusedWithItsMessage(format: AlertFormat, body: String, error: AlertParseError, message: String) {
        #expect(throws: error) { try format.parse(Array(body.utf8)) }
        #expect(error.description == message)
    }

    @Test func bodySizeIsCheckedBeforeParsing() throws {
        let limits = AlertLimits(maxBodyBytes: 1_000)
        let valid = Array(Self.am("").utf8)
        let padded = valid + Array(repeating: UInt8(ascii: " "), count: 1_000 - valid.count)
        #expect(try AlertFormat.alertmanager.parse(padded, limits: limits).count == 1)
        // One byte over: refused even though it is valid JSON; garbage is refused as too large, not as not JSON.
        #expect(throws: AlertParseError.tooLarge(bytes: 1_001, limit: 1_000)) {
            try AlertFormat.alertmanager.parse(padded + [0x20], limits: limits)
        }
        #expect(throws: AlertParseError.tooLarge(bytes: 2_000, limit: 1_000)) {
            try AlertFormat.grafana.parse(Array(repeating: 0xFF, count: 2_000), limits: limits)
        }
        #expect(AlertLimits().maxBodyBytes == 1_048_576)
        #expect(throws: Never.self) { try AlertLimits().checkSize(1_048_576) }
        #expect(throws: AlertParseError.tooLarge(bytes: 1_048_577, limit: 1_048_576)) { try AlertLimits().checkSize(1_048_577) }
        #expect(AlertParseError.tooLarge(bytes: 2_000, limit: 1_000).description
                == "the body is 2000 bytes, over the limit of 1000 bytes; nothing was recorded")
    }

    @Test func tooManyAlertsIsRefused() {
        let many = "[" + Array(repeating: Self.alert, count: 6).joined(separator: ",") + "]"
        #expect(throws: AlertParseError.tooManyAlerts(count: 6, limit: 5)) {
            try AlertFormat.alertmanager.parse(Array(Self.am("", alerts: many).utf8), limits: AlertLimits(maxAlerts: 5))
        }
    }

    @Test(arguments: [
        ([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D] as [UInt8], "the body is not JSON (it is not valid UTF-8); nothing was recorded"),
        (Array(#"{"a":"x"#.utf8) + [0] + Array(#""}"#.utf8), "the body is not JSON (it contains a NUL byte); nothing was recorded"),
    ])
    func badBytesAreNamed(body: [UInt8], message: String) {
        do {
            _ = try AlertFormat.alertmanager.parse(body)
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func notJSONSaysSo() {
        do {
            _ = try AlertFormat.alertmanager.parse(Array("{version: 4}".utf8))
            Issue.record("accepted")
        } catch {
            guard case .notJSON = error else { Issue.record("\(error)"); return }
            #expect(error.description.hasPrefix("the body is not JSON ("))
        }
    }

    @Test func deepNestingIsRefusedBeforeParsing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: AlertParseError.tooDeep(limit: 32)) { try AlertFormat.alertmanager.parse(Array(deep.utf8)) }
        // Brackets inside strings do not count.
        let inString = Self.am(#""receiver":""# + String(repeating: "[", count: 200) + #"""#)
        #expect(throws: Never.self) { try AlertFormat.alertmanager.parse(Array(inString.utf8)) }
    }
}
