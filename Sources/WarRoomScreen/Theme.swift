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
