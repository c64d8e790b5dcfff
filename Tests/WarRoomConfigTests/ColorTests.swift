import Testing
@testable import WarRoomConfig
import WarRoomScreen

@Suite("Colours")
struct ColorTests {
    @Test("Names", arguments: [
        ("default", Color.terminalDefault), ("black", .palette(0)), ("red", .palette(1)), ("white", .palette(7)),
        ("bright-black", .palette(8)), ("bright-red", .palette(9)), ("bright-white", .palette(15)),
        ("grey", .palette(8)), ("gray", .palette(8)), ("Bright_Red", .palette(9)), ("CYAN", .palette(6)),
    ])
    func names(_ text: String, _ expected: Color) {
        #expect(ColorSpec.parse(.string(text)) == .success(expected))
    }

    @Test("Palette indexes, as integers or digits", arguments: [
        (TOMLValue.integer(0), UInt8(0)), (.integer(196), 196), (.integer(255), 255), (.string("42"), 42),
    ])
    func indexes(_ value: TOMLValue, _ index: UInt8) {
        #expect(ColorSpec.parse(value) == .success(.palette(index)))
    }

    @Test("Hex colours map to the nearest palette entry", arguments: [
        ("#ff0000", UInt8(196)), ("#000000", 16), ("#ffffff", 231), ("#808080", 244), ("#5f87af", 67),
        ("#ff8700", 208), ("#080808", 232), ("#eeeeee", 255), ("#FF0000", 196), ("#fe0101", 196),
        ("#767676", 243), ("#7a7a7a", 243), ("#010203", 16),
    ])
    func hex(_ text: String, _ index: UInt8) {
        #expect(ColorSpec.parse(text) == .palette(index))
    }

    @Test("Every palette entry from 16 maps back to itself")
    func paletteRoundTrip() {
        for index in 16...255 {
            let (r, g, b) = ColorSpec.paletteRGB(index)
            #expect(Int(ColorSpec.nearestPaletteIndex(red: r, green: g, blue: b)) == index)
        }
    }

    @Test("The nearest entry is truly the nearest: checked against a brute force over the whole range")
    func nearestIsNearest() {
        func distance(_ index: Int, _ r: Int, _ g: Int, _ b: Int) -> Int {
            let (pr, pg, pb) = ColorSpec.paletteRGB(index)
            return (pr - r) * (pr - r) + (pg - g) * (pg - g) + (pb - b) * (pb - b)
        }
        for r in stride(from: 0, through: 255, by: 17) {
            for g in stride(from: 3, through: 255, by: 23) {
                for b in stride(from: 7, through: 255, by: 31) {
                    let chosen = Int(ColorSpec.nearestPaletteIndex(red: r, green: g, blue: b))
                    let best = (16...255).map { distance($0, r, g, b) }.min() ?? -1
                    #expect(distance(chosen, r, g, b) == best)
                }
            }
        }
    }

    @Test("The palette levels are xterm's")
    func paletteLevels() {
        func rgb(_ index: Int) -> [Int] {
            let (r, g, b) = ColorSpec.paletteRGB(index)
            return [r, g, b]
        }
        #expect(rgb(16) == [0, 0, 0])
        #expect(rgb(196) == [255, 0, 0])
        #expect(rgb(67) == [95, 135, 175])
        #expect(rgb(231) == [255, 255, 255])
        #expect(rgb(232) == [8, 8, 8])
        #expect(rgb(255) == [238, 238, 238])
    }

    @Test("Bad colours say what is accepted", arguments: [
        (TOMLValue.string("reddish"), "'reddish' is not a colour"), (.integer(256), "256 is not a palette index"),
        (.integer(-1), "-1 is not a palette index"), (.string("#12345"), "is not a colour"),
        (.string("#gg0000"), "is not a colour"), (.string("#ff00001"), "is not a colour"), (.string(""), "is not a colour"),
        (.string("256"), "is not a colour"), (.string("0x10"), "is not a colour"), (.boolean(true), "found a boolean"),
        (.string("orange"), "is not a colour"),
    ])
    func rejects(_ value: TOMLValue, _ fragment: String) throws {
        guard case let .failure(error) = ColorSpec.parse(value) else {
            Issue.record("\(value) was accepted")
            return
        }
        #expect(error.message.contains(fragment), "\(error.message)")
        #expect(error.message.contains("use a name (red, bright-red…), 0–255 or #rrggbb"))
    }
}
