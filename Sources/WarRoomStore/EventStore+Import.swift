import Foundation
import WarRoomCore

/// What an import wrote.
public struct ImportResult: Hashable, Sendable {
    /// How many events were new (a re-import of the same file adds none).
    public var added: Int
    /// Incidents of the file stored under another id (`--as-new`, or an earlier `--as-new` import
    /// of the same incident), file id → store id.
    public var renamed: [IncidentID: IncidentID]

    public init(added: Int, renamed: [IncidentID: IncidentID]) {
        self.added = added
        self.renamed = renamed
    }
}

/// Why an import was refused; nothing of the file was written.
public struct ImportRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's line (as numbered by the caller) that is refused, when one is to blame.
    public var line: Int?
    /// What is wrong, and what to do.
    public var reason: String
    /// For a clash of ids: the id the incident would take with `asNew`.
    public var suggestedID: IncidentID?

    public var description: String { (line.map { "line \($0): " } ?? "") + reason + "; nothing was imported" }
}
