import WarRoomCore
import WarRoomReports

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
    /// Accept or dismiss an incident alerts proposed.
    case decideProposal(ProposalDecision)
    /// Search every incident's record (the knowledge base).
    case search(SearchQuery)
    /// Leave for the list of every open incident (`/incidents`).
    case showIncidents
    /// The runbook view (`/runbook`); with a name (the folder's spelling), that runbook, linked.
    case openRunbook(String?)
}

/// What the IC decided about a proposed incident (`/accept P2`, `/dismiss P2 REASON`): the
/// proposal as typed, checked against the store's inbox when carried out.
public enum ProposalDecision: Hashable, Sendable {
    /// Declare it as a new incident (without an IC: the one deciding commands this room).
    case accept(String)
    /// It is not an incident, for this reason.
    case dismiss(String, reason: String)
}

/// A timeline filter: rows whose text or author contains `text` (case-insensitive) and whose
/// kind is `kind`, when given. Text made of ASCII characters is compared byte by byte, ignoring
/// ASCII case (as `grep -i` does): a frame may test every row of a long incident against it.
public struct TimelineFilter: Hashable, Sendable {
    public var text: String?
    public var kind: TimelineItem.Kind?

    public init(text: String?, kind: TimelineItem.Kind?) {
        self.text = text
        self.kind = kind
    }

    public func matches(_ item: TimelineItem) -> Bool { Matcher(self).matches(item) }

    /// The filter ready to test many rows: the search text prepared once.
    struct Matcher {
        let kind: TimelineItem.Kind?
        /// Lowercased ASCII bytes of the text; nil when there is no text, or it is not ASCII.
        let ascii: [UInt8]?
        /// The lowercased text, when it is not ASCII.
        let lowercased: String?

        init(_ filter: TimelineFilter) {
            kind = filter.kind
            let text = filter.text ?? ""
            if text.isEmpty {
                (ascii, lowercased) = (nil, nil)
            } else if text.utf8.allSatisfy({ $0 < 0x80 }) {
                (ascii, lowercased) = (text.utf8.map(Self.lower), nil)
            } else {
                (ascii, lowercased) = (nil, text.lowercased())
            }
        }

        func matches(_ item: TimelineItem) -> Bool {
            if let kind, item.kind != kind { return false }
            if let ascii { return Self.contains(TimelineWording.text(item), ascii) || Self.contains(item.author, ascii) }
            if let lowercased { return TimelineWording.text(item).lowercased().contains(lowercased) || item.author.lowercased().contains(lowercased) }
            return true
        }

        static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

        /// Whether `haystack` holds `needle` (lowercase ASCII bytes), ignoring ASCII case.
        static func contains(_ haystack: String, _ needle: [UInt8]) -> Bool {
            var haystack = haystack
            return haystack.withUTF8 { bytes in
                guard let first = needle.first, bytes.count >= needle.count else { return needle.isEmpty }
                for start in 0...(bytes.count - needle.count) where lower(bytes[start]) == first {
                    var offset = 1
                    while offset < needle.count, lower(bytes[start + offset]) == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                return false
            }
        }
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
