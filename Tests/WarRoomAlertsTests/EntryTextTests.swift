import Testing
import WarRoomCore
@testable import WarRoomAlerts

@Suite struct EntryTextTests {
    static func first(_ file: String, _ format: AlertFormat) -> InboundAlert? { try? format.parse(Fixture.bytes(file)).first }

    @Test(arguments: [
        ("alertmanager-firing.json", AlertFormat.alertmanager,
         "Alert firing: HighErrorRate on checkout (critical): 5xx ratio above 5% for 5 minutes — runbook https://runbooks.example.com/checkout/high-error-rate"),
        ("alertmanager-resolved.json", .alertmanager,
         "Alert resolved: HighErrorRate on checkout (critical) after 30m: 5xx ratio above 5% for 5 minutes — runbook https://runbooks.example.com/checkout/high-error-rate"),
        ("grafana-firing.json", .grafana,
         "Alert firing: DiskAlmostFull on search (warning): [FIRING:1] DiskAlmostFull Search (search warning) — runbook https://runbooks.example.com/search/disk"),
        ("pagerduty-triggered.json", .pagerduty,
         "PagerDuty incident.triggered: Payments API: card authorizations failing on payments-api (p2) — https://acme.pagerduty.com/incidents/Q2DK7W1ZR6J3XP"),
        ("pagerduty-acknowledged.json", .pagerduty,
         "PagerDuty incident.acknowledged: Payments API: card authorizations failing on payments-api (p2) — https://acme.pagerduty.com/incidents/Q2DK7W1ZR6J3XP"),
    ])
    func findingLine(file: String, format: AlertFormat, line: String) throws {
        let alert = try #require(Self.first(file, format))
        #expect(AlertEntryText.finding(for: alert) == line)
    }

    @Test func titleNamesAlertAndService() throws {
        let alert = try #require(Self.first("alertmanager-firing.json", .alertmanager))
        #expect(AlertEntryText.title(for: alert) == "HighErrorRate on checkout")
    }

    @Test func hostileTextBecomesOneShortLineButTheRunbookStaysWhole() throws {
        var alert = try #require(Self.first("alertmanager-firing.json", .alertmanager))
        alert.summary = "line one\nline two\r\n\u{1B}[31mred\u{2028}sep\t\u{0}end " + String(repeating: "x", count: 1_000)
        let runbook = "https://runbooks.example.com/" + String(repeating: "r", count: 400)
        alert.runbookURL = runbook
        let line = AlertEntryText.finding(for: alert)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x2028 })
        #expect(line.contains("line one line two [31mred sep end x"))
        #expect(line.hasSuffix(" — runbook " + runbook))
        #expect(line.contains("…"))
    }

    @Test(arguments: [("a  b", 10, "a b"), ("  a\n\n", 10, "a"), ("abcdef", 4, "abc…"), ("abcd", 4, "abcd"), ("", 4, "")])
    func oneLine(text: String, limit: Int, expected: String) {
        #expect(AlertEntryText.oneLine(text, limit: limit) == expected)
    }
}
