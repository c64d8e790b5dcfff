/// A colour as a terminal shows it: the terminal's default, or an entry of the 256-colour palette.
public enum Color: Hashable, Sendable {
    case terminalDefault
    case palette(UInt8)
}

/// How a role looks: colours and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool
    public var italic: Bool

    public init(foreground: Color = .terminalDefault, background: Color = .terminalDefault, bold: Bool = false,
                dim: Bool = false, reverse: Bool = false, underline: Bool = false, italic: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
        self.italic = italic
    }

    /// The terminal's own colours, no attributes.
    public static let plain = Style()

    /// The same attributes without colour: what a monochrome theme and `NO_COLOR` use.
    public var withoutColor: Style {
        var copy = self
        copy.foreground = .terminalDefault
        copy.background = .terminalDefault
        return copy
    }
}
