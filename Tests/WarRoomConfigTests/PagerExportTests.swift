import Foundation
import Testing
import WarRoomConfig
import WarRoomCore

/// A pager's export of pages: columns found by name, quoted CSV, JSON shapes, and every bad row
/// named so nothing half-lands.
@Suite struct PagerExportTests {
    static func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    @Test("PagerDuty-style CSV: quoted commas, doubled quotes, CRLF, a BOM, an offset, an empty acknowledgement")
    func csv() throws {
        let text = "\u{FEFF}Incident Number,Title,Service Name,Created On,Assigned To,Acknowledged At\r\n"
            + "101,\"DB lag, replica \"\"2\"\"\",db,2026-12-01T02:14:00Z,alice,2026-12-01T02:17:00Z\r\n"
            + "102,Checkout 5xx,checkout,2026-12-01 19:30:00+01:00,\"bob, carol\",\r\n"
            + "\r\n"
            + "103,\"two\nlines\",db,1764554400,dave,\r\n"
        let (rows, problems) = PagerExport.parse(text, file: "pd.csv", source: "pagerduty")
        #expect(problems.isEmpty, "\(problems)")
        #expect(rows.map(\.page.person) == ["alice", "bob", "dave"], "the first of several assignees")
        #expect(rows.map(\.page.externalID) == ["101", "102", "103"])
        #expect(rows[0].page.title == "DB lag, replica \"2\"" && rows[0].page.service == "db")
        #expect(rows[0].at == Self.at("2026-12-01T02:14:00Z") && rows[0].page.acknowledgedAt == Self.at("2026-12-01T02:17:00Z"))
        #expect(rows[1].at == Self.at("2026-12-01T18:30:00Z") && rows[1].page.acknowledgedAt == nil)
        #expect(rows[2].at == Timestamp(millis: 1_764_554_400_000) && rows[2].page.title == "two\nlines")
        #expect(rows.map(\.line) == [2, 3, 5], "each row's first line")
    }

    @Test("Each bad row is named with its line; a file without the columns says which it needs and which it has", arguments: [
        ("created_at,assigned_to\n2026-12-01T02:14:00Z,\n", "pd.csv:2: names nobody paged: the assigned_to column is empty"),
        ("created_at,assigned_to\nyesterday,alice\n", "pd.csv:2: 'yesterday' is not a time: write ISO 8601"),
        ("created_at,assigned_to,acknowledged_at\n2026-12-01T02:14:00Z,alice,2026-12-01T02:00:00Z\n",
         "pd.csv:2: was acknowledged at 2026-12-01T02:00:00Z, before it was sent (2026-12-01T02:14:00Z)"),
        ("when,who\n2026-12-01T02:14:00Z,alice\n", "pd.csv:1: has no column for who was paged (assigned_to) or when (created_at); its columns: when, who"),
        ("created_at,assigned_to\n\"2026-12-01T02:14:00Z,alice\n", "pd.csv:2: a quoted field is never closed"),
        ("", "pd.csv: has no header row"),
        ("[1, 2]", "pd.csv: [item 1]: is not an object"),
        ("{\"nothing\": true}", "pd.csv: holds no list of pages"),
        ("[{\"created_at\": \"2026-12-01T02:14:00Z\"}]", "names nobody paged"),
        ("{ not json", "pd.csv: is not JSON that reads"),
    ])
    func refused(_ text: String, _ fragment: String) {
        let (_, problems) = PagerExport.parse(text, file: "pd.csv", source: "pd")
        #expect(problems.contains { $0.description.hasPrefix("pd.csv") && $0.description.contains(fragment) },
                "\(problems.map(\.description))")
    }

    @Test("JSON: a list, or one under incidents/alerts/pages/data; PagerDuty's API shape with assignments and a service object")
    func json() throws {
        let list = #"[{"id": "a1", "createdAt": "2026-12-01T02:14:00Z", "owner": "alice", "acknowledged_at": null}]"#
        let (rows, problems) = PagerExport.parse(list, file: "og.json", source: "opsgenie")
        #expect(problems.isEmpty && rows.map(\.page.person) == ["alice"] && rows[0].page.externalID == "a1" && rows[0].page.source == "opsgenie")
        let api = #"{"incidents": [{"incident_number": 7, "created_at": "2026-12-02T03:00:00Z", "title": "Disk", "#
            + #""service": {"summary": "db"}, "assignments": [{"assignee": {"summary": "bob"}}]}]}"#
        let (apiRows, apiProblems) = PagerExport.parse(api, file: "pd.json", source: "pagerduty")
        #expect(apiProblems.isEmpty, "\(apiProblems)")
        #expect(apiRows.first?.page == PageImported(person: "bob", externalID: "7", title: "Disk", service: "db", source: "pagerduty"))
    }

    @Test("A row without an id gets one from who and when, so the same export imported twice is the same page")
    func derivedID() {
        let text = "created_at,assigned_to\n2026-12-01T02:14:00Z,alice\n"
        let first = PagerExport.parse(text, file: "a.csv", source: "a").rows.first?.page.externalID
        #expect(first == "alice@2026-12-01T02:14:00Z")
        #expect(first == PagerExport.parse(text, file: "a.csv", source: "a").rows.first?.page.externalID)
    }
}
