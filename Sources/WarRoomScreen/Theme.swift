/// A named mapping from roles to styles. A role a theme leaves out looks like its `fallback`
/// role (and so on, down to `text`), so a theme file need not list every role.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [StyleRole: Style]

    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style of a role: its own, else its fallback's, down to `text`, else plain.
    public func style(_ role: StyleRole) -> Style {
        var current: StyleRole? = role
        // A chain visits each role once at most (a test checks there is no cycle); the bound keeps
        // a mistake in the table from looping.
        for _ in 0..<StyleRole.allCases.count {
            guard let next = current else { break }
            if let style = styles[next] { return style }
            current = next.fallback
        }
        return styles[.text] ?? .plain
    }

    /// This theme with every colour removed (attributes kept): `NO_COLOR` and monochrome terminals.
    public var monochrome: Theme {
        Theme(name: name + " (no colour)", styles: styles.mapValues(\.withoutColor))
    }
}
