import WarRoomCore

/// What a submitted input line asks for.
public enum InputAction: Hashable, Sendable {
    /// Record a command, backdated to `at` when the line began with a time.
    case record(Command, at: Timestamp?)
    case showHelp
    case quit
    /// Show only timeline rows matching text and/or kind; nil clears the filter.
    case filter(TimelineFilter?)
    /// Jump to the newest row and follow again.
    case follow
    /// Open the status-update draft for an audience, to edit and post.
    case composeUpdate(Audience)
}

/// A timeline filter: rows whose text or author contains `text` (case-insensitive) and whose
/// kind is `kind`, when given.
public struct TimelineFilter: Hashable, Sendable {
    public var text: String?
    public var kind: TimelineItem.Kind?

    public init(text: String?, kind: TimelineItem.Kind?) {
        self.text = text
        self.kind = kind
    }

    public func matches(_ item: TimelineItem) -> Bool {
        if let kind, item.kind != kind { return false }
        if let text, !text.isEmpty {
            let needle = text.lowercased()
            return item.text.lowercased().contains(needle) || item.author.lowercased().contains(needle)
        }
        return true
    }

    /// `kind:action deploy` → kind action, text "deploy".
    public var summary: String {
        [kind.map { "kind:\($0.rawValue)" }, text].compactMap { $0 }.joined(separator: " ")
    }
}

/// Why an input line could not be understood: shown inline, the text stays in the line.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
