import CTerminal
import WarRoomScreen

/// Colour pairs, allocated lazily: one per distinct (foreground, background) the theme uses,
/// so a theme never runs out of pairs on terminals with few of them.
struct ColorPairs {
    let enabled: Bool
    let colors: Int
    let pairs: Int
    /// Whether colour -1 means the terminal's own colours (`use_default_colors` worked).
    let terminalDefaults: Bool
    private var allocated: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1

    private struct PairKey: Hashable {
        var foreground: Int32, background: Int32
    }

    init(enabled: Bool, colors: Int, pairs: Int, terminalDefaults: Bool) {
        self.enabled = enabled
        self.colors = colors
        self.pairs = pairs
        self.terminalDefaults = terminalDefaults
    }

    /// The curses attributes and pair for `style`; attributes only when colours are off.
    mutating func cellStyle(_ style: Style) -> CellStyle {
        var attributes = ct_attr_normal()
        if style.bold { attributes |= ct_attr_bold() }
        if style.dim { attributes |= ct_attr_dim() }
        if style.reverse { attributes |= ct_attr_reverse() }
        if style.underline { attributes |= ct_attr_underline() }
        if style.italic { attributes |= ct_attr_italic() }
        guard enabled else { return CellStyle(attributes: attributes, pair: 0) }
        let foreground = resolve(style.foreground, isForeground: true)
        let background = resolve(style.background, isForeground: false)
        // Bright colours on an 8-colour terminal: bold gives the bright variant in most terminals.
        if foreground.bright { attributes |= ct_attr_bold() }
        return CellStyle(attributes: attributes, pair: pair(foreground.color, background.color))
    }

    private func resolve(_ color: Color, isForeground: Bool) -> (color: Int32, bright: Bool) {
        switch color {
        case .terminalDefault:
            return (terminalDefaults ? -1 : (isForeground ? Int32(COLOR_WHITE) : Int32(COLOR_BLACK)), false)
        case .palette(let index):
            return PaletteFallback.color(index, colors: colors)
        }
    }

    /// The pair for the colours, made on first use; pair 0 (the terminal's colours) when the
    /// terminal has no pairs left.
    private mutating func pair(_ foreground: Int32, _ background: Int32) -> Int32 {
        if terminalDefaults, foreground == -1, background == -1 { return 0 }
        let key = PairKey(foreground: foreground, background: background)
        if let existing = allocated[key] { return existing }
        guard Int(nextPair) < pairs, init_extended_pair(nextPair, foreground, background) == OK else { return 0 }
        allocated[key] = nextPair
        nextPair += 1
        return allocated[key] ?? 0
    }
}
