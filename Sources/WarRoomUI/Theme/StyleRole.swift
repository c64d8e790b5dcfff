/// The semantic roles every drawn cell carries. Panes name a role, never a colour; a `Theme`
/// maps roles to colours and attributes.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    // Text in general
    case text, muted, border, focusBorder, title, selection
    // Severity badges and lifecycle
    case sev1, sev2, sev3, sev4, status
    // Urgency
    case overdue, warning, ok, info
    // Timeline rows
    case timestamp, author, note, action, decision, finding, comms, system, retracted
    // Roster
    case roleHolder, roleVacant
    // Countdown and timeboxes (`timeboxWarning`: a timebox's last minutes, before it expires)
    case countdown, bigDigits, barFilled, barEmpty, timeboxWarning, expired
    // Input line and footer
    case prompt, input, inputError, inputInfo, footerKey, footerText
}

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

/// A named mapping from roles to styles. Roles a theme leaves out fall back to `text`.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [StyleRole: Style]

    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style of a role.
    public func style(_ role: StyleRole) -> Style { styles[role] ?? styles[.text] ?? .plain }

    /// This theme with every colour removed (attributes kept): `NO_COLOR` and monochrome terminals.
    public var monochrome: Theme {
        Theme(name: name + " (no colour)", styles: styles.mapValues(\.withoutColor))
    }
}
