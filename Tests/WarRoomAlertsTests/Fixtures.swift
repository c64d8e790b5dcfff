import Foundation

/// Reads a recorded webhook from `Fixtures/` next to this file (not a bundle resource: the test
/// target excludes the folder).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) -> [UInt8] {
        (try? Array(Data(contentsOf: directory.appendingPathComponent(name)))) ?? []
    }

    static let all = ["alertmanager-firing.json", "alertmanager-resolved.json", "grafana-firing.json",
                      "grafana-resolved.json", "pagerduty-triggered.json", "pagerduty-acknowledged.json",
                      "pagerduty-resolved.json", "pagerduty-triggered-tampered.json"]
}
