/// One problem found in a theme or config file: where it is, which key, and what to do about it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The file the problem is in, as the user would type it; nil when no file is involved
    /// (an unknown theme name).
    public var file: String?
    /// The 1-based line, when the problem sits on one line.
    public var line: Int?
    /// The table the key belongs to, dotted (`policy.sev1`); nil or empty for the top level.
    public var table: String?
    /// The key at fault, when there is one.
    public var key: String?
    /// What was wrong, what was expected and what was kept.
    public var message: String

    /// Records a problem.
    public init(file: String?, line: Int? = nil, table: String? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.table = table
        self.key = key
        self.message = message
    }

    /// `file:12: key 'fg' in [sev1]: 'reddish' is not a colour: …`
    public var description: String {
        var parts: [String] = []
        if let file {
            parts.append(line.map { "\(file):\($0)" } ?? file)
        } else if let line {
            parts.append("line \(line)")
        }
        let tableText = table.flatMap { $0.isEmpty ? nil : "[\($0)]" }
        switch (key, tableText) {
        case let (key?, table?): parts.append("key '\(key)' in \(table)")
        case let (key?, nil): parts.append("key '\(key)'")
        case let (nil, table?): parts.append(table)
        case (nil, nil): break
        }
        parts.append(message)
        return parts.joined(separator: ": ")
    }

    /// The same diagnostic with the file shown as `~/…` when it lies under `home`: shorter on screen.
    public func abbreviatingHome(_ home: String?) -> Diagnostic {
        guard let home, !home.isEmpty, home != "/", let file else { return self }
        let prefix = home.hasSuffix("/") ? home : home + "/"
        guard file.hasPrefix(prefix) else { return self }
        var copy = self
        copy.file = "~/" + file.dropFirst(prefix.count)
        return copy
    }
}
