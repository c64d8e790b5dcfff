import WarRoomScreen

/// How a theme names a colour: a name, a 256-palette index, or `#rrggbb` mapped to the nearest
/// palette entry (tmux and most terminals cannot redefine colours, so the palette is what we get).
public enum ColorSpec {
    /// The colour names a theme may use, in palette order, then the aliases.
    public static let names: [(name: String, color: Color)] = [
        ("default", .terminalDefault),
        ("black", .palette(0)), ("red", .palette(1)), ("green", .palette(2)), ("yellow", .palette(3)),
        ("blue", .palette(4)), ("magenta", .palette(5)), ("cyan", .palette(6)), ("white", .palette(7)),
        ("bright-black", .palette(8)), ("bright-red", .palette(9)), ("bright-green", .palette(10)),
        ("bright-yellow", .palette(11)), ("bright-blue", .palette(12)), ("bright-magenta", .palette(13)),
        ("bright-cyan", .palette(14)), ("bright-white", .palette(15)),
        ("grey", .palette(8)), ("gray", .palette(8)),
    ]

    /// What a user can write, for messages.
    public static let expected = "use a name (red, bright-red…), 0–255 or #rrggbb"

    /// Reads a colour value; the error text says what was wrong and what is accepted.
    public static func parse(_ value: TOMLValue) -> Result<Color, ColorError> {
        switch value {
        case let .integer(index):
            guard (0...255).contains(index) else {
                return .failure(ColorError(message: "\(index) is not a palette index: \(expected)"))
            }
            return .success(.palette(UInt8(index)))
        case let .string(text):
            if let color = parse(text) { return .success(color) }
            let shown = TOMLValue.escaped(String(text.prefix(40)))
            return .failure(ColorError(message: "'\(shown)' is not a colour: \(expected)"))
        case .boolean, .strings:
            return .failure(ColorError(message: "expected a colour, found \(value.typeDescription): \(expected)"))
        }
    }

    /// Reads a colour written as text: a name, `0`–`255` or `#rrggbb`; nil if it is none of these.
    public static func parse(_ text: String) -> Color? {
        let folded = text.lowercased().replacingUnderscores
        if let match = names.first(where: { $0.name == folded }) { return match.color }
        if !text.isEmpty, text.count <= 3, text.allSatisfy({ $0.isASCII && $0.isNumber }),
           let index = Int(text), (0...255).contains(index) {
            return .palette(UInt8(index))
        }
        if let rgb = hexRGB(text) { return .palette(nearestPaletteIndex(red: rgb.0, green: rgb.1, blue: rgb.2)) }
        return nil
    }

    /// The xterm palette entry (16–255: the 6×6×6 cube and the grey ramp, which every 256-colour
    /// terminal agrees on) closest to an RGB colour by squared distance; ties go to the lower index.
    public static func nearestPaletteIndex(red: Int, green: Int, blue: Int) -> UInt8 {
        var best: (index: Int, distance: Int) = (16, Int.max)
        for index in 16...255 {
            let (r, g, b) = paletteRGB(index)
            let distance = (r - red) * (r - red) + (g - green) * (g - green) + (b - blue) * (b - blue)
            if distance < best.distance { best = (index, distance) }
        }
        return UInt8(truncatingIfNeeded: best.index)
    }

    /// The RGB of a palette entry from 16 to 255 (entries below 16 depend on the terminal).
    public static func paletteRGB(_ index: Int) -> (Int, Int, Int) {
        if index >= 232 {
            let level = 8 + 10 * (index - 232)
            return (level, level, level)
        }
        let levels = [0, 95, 135, 175, 215, 255]
        let cube = max(0, index - 16)
        return (levels[(cube / 36) % 6], levels[(cube / 6) % 6], levels[cube % 6])
    }

    static func hexRGB(_ text: String) -> (Int, Int, Int)? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 7, scalars[0] == "#" else { return nil }
        var values: [Int] = []
        for offset in stride(from: 1, to: 7, by: 2) {
            guard let high = hexDigit(scalars[offset]), let low = hexDigit(scalars[offset + 1]) else { return nil }
            values.append(high * 16 + low)
        }
        return (values[0], values[1], values[2])
    }

    private static func hexDigit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "0"..."9": Int(scalar.value) - 48
        case "a"..."f": Int(scalar.value) - 87
        case "A"..."F": Int(scalar.value) - 55
        default: nil
        }
    }
}

/// Why a colour value was rejected, in words a user can act on.
public struct ColorError: Error, Hashable, Sendable {
    /// What was wrong and what is accepted.
    public var message: String
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
