import Testing
@testable import WarRoomTerminal

/// The 256-colour palette on terminals with fewer colours (pure: no curses).
struct PaletteFallbackTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var index: UInt8
        var colors: Int
        var color: Int32
        var bright = false
        var testDescription: String { "palette \(index) on \(colors) colours" }
    }

    static let cases: [Case] = [
        Case(index: 196, colors: 256, color: 196),
        Case(index: 17, colors: 256, color: 17),
        // Basic colours pass through; bright ones fold onto bold on 8 colours.
        Case(index: 3, colors: 8, color: 3),
        Case(index: 9, colors: 16, color: 9),
        Case(index: 9, colors: 8, color: 1, bright: true),
        // Cube colours keep their hue.
        Case(index: 196, colors: 8, color: 1, bright: true),
        Case(index: 160, colors: 8, color: 1),
        Case(index: 46, colors: 8, color: 2, bright: true),
        Case(index: 34, colors: 8, color: 2),
        Case(index: 21, colors: 8, color: 4),
        Case(index: 17, colors: 8, color: 4),
        Case(index: 52, colors: 8, color: 1),
        Case(index: 226, colors: 8, color: 3, bright: true),
        Case(index: 208, colors: 8, color: 3),
        Case(index: 201, colors: 8, color: 5, bright: true),
        Case(index: 51, colors: 8, color: 6, bright: true),
        Case(index: 19, colors: 16, color: 4),
        Case(index: 24, colors: 16, color: 6),
        // Greys go to black, grey or white.
        Case(index: 16, colors: 8, color: 0),
        Case(index: 231, colors: 16, color: 15),
        Case(index: 231, colors: 8, color: 7, bright: true),
        Case(index: 236, colors: 16, color: 0),
        Case(index: 244, colors: 16, color: 8),
        Case(index: 244, colors: 8, color: 0, bright: true),
        Case(index: 250, colors: 8, color: 7),
        Case(index: 255, colors: 16, color: 7),
    ]

    @Test(arguments: cases) func mapsToTheNearestBasicColour(_ testCase: Case) {
        let mapped = PaletteFallback.color(testCase.index, colors: testCase.colors)
        #expect(mapped.color == testCase.color)
        #expect(mapped.bright == testCase.bright)
    }

    @Test func everyEntryMapsIntoRange() {
        for index in 0...255 {
            #expect((0..<16).contains(PaletteFallback.color(UInt8(index), colors: 16).color))
            #expect((0..<8).contains(PaletteFallback.color(UInt8(index), colors: 8).color))
        }
    }

    @Test func paletteRGBFollowsXterm() {
        #expect(PaletteFallback.rgb(16) == (0, 0, 0))
        #expect(PaletteFallback.rgb(196) == (255, 0, 0))
        #expect(PaletteFallback.rgb(67) == (95, 135, 175))
        #expect(PaletteFallback.rgb(232) == (8, 8, 8))
        #expect(PaletteFallback.rgb(255) == (238, 238, 238))
    }
}
