import Testing
@testable import WarRoomAlerts

// Goes with Sources/WarRoomAlerts/Placeholder.swift.
@Suite struct AlertsPlaceholderTests {
    @Test func targetBuilds() { #expect(String(describing: WarRoomAlertsPlaceholder.self).hasSuffix("Placeholder")) }
}
