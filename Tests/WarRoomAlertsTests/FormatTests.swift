import Testing
@testable import WarRoomAlerts

@Suite struct FormatTests {
    @Test(arguments: [("alertmanager", AlertFormat.alertmanager), ("Grafana", .grafana), (" pagerduty ", .pagerduty)])
    func namesAreRead(name: String, format: AlertFormat) throws {
        #expect(try AlertFormat.named(name) == format)
    }

    @Test(arguments: [("/alertmanager", AlertFormat.alertmanager), ("/grafana/", .grafana), ("/pagerduty?source=pd", .pagerduty),
                      ("grafana", .grafana)])
    func pathsSelectTheirFormat(path: String, format: AlertFormat) throws {
        #expect(try AlertFormat.forPath(path) == format)
        #expect(format.path == "/" + format.rawValue)
    }

    @Test(arguments: [
        ("alertmanger", "unknown alert format 'alertmanger' (did you mean 'alertmanager'?); accepted: alertmanager, grafana or pagerduty"),
        ("pager", "unknown alert format 'pager' (did you mean 'pagerduty'?); accepted: alertmanager, grafana or pagerduty"),
        ("prometheus", "unknown alert format 'prometheus'; accepted: alertmanager, grafana or pagerduty"),
        ("", "unknown alert format ''; accepted: alertmanager, grafana or pagerduty"),
    ])
    func unknownNamesAreRefusedWithASuggestion(name: String, message: String) {
        do {
            _ = try AlertFormat.named(name)
            Issue.record("accepted '\(name)'")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test(arguments: ["/", "/grafana/extra", "/api/v2/alerts", "/grafanaa"])
    func otherPathsAreRefused(path: String) {
        #expect(throws: AlertParseError.self) { try AlertFormat.forPath(path) }
    }
}
