import Testing
@testable import WarRoomIntegrations

// Goes with Sources/WarRoomIntegrations/Placeholder.swift.
@Suite struct IntegrationsPlaceholderTests {
    @Test func targetBuilds() { #expect(String(describing: WarRoomIntegrationsPlaceholder.self).hasSuffix("Placeholder")) }
}
