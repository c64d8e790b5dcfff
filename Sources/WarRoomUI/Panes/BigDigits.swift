/// A 3×5 block font for the update countdown, readable across a room.
enum BigDigits {
    static let height = 5

    private static let glyphs: [Character: [String]] = [
        "0": ["███", "█ █", "█ █", "█ █", "███"],
        "1": [" █ ", "██ ", " █ ", " █ ", "███"],
        "2": ["███", "  █", "███", "█  ", "███"],
        "3": ["███", "  █", "███", "  █", "███"],
        "4": ["█ █", "█ █", "███", "  █", "  █"],
        "5": ["███", "█  ", "███", "  █", "███"],
        "6": ["███", "█  ", "███", "█ █", "███"],
        "7": ["███", "  █", "  █", "  █", "  █"],
        "8": ["███", "█ █", "███", "█ █", "███"],
        "9": ["███", "█ █", "███", "  █", "███"],
        ":": ["   ", " █ ", "   ", " █ ", "   "],
        "+": ["   ", " █ ", "███", " █ ", "   "],
        "-": ["   ", "   ", "███", "   ", "   "],
    ]

    /// The rows of `text` in the block font, glyphs one column apart.
    static func rows(_ text: String) -> [String] {
        (0..<height).map { row in
            text.map { glyphs[$0]?[row] ?? "   " }.joined(separator: " ")
        }
    }

    /// Columns `text` needs.
    static func width(_ text: String) -> Int { max(0, text.count * 4 - 1) }
}
