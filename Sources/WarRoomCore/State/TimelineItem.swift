#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One row of the timeline: an entry a person wrote, or a change the system recorded.
public struct TimelineItem: Hashable, Sendable, Identifiable {
    /// What the row is: an entry kind, or the kind of recorded change.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case note, action, decision, finding, comms
        case declared, severity, impact, role, hypothesis, notification, status, update, postmortem
        /// The service, impact start or detection time set or corrected after the declaration.
        case facts
        /// A runbook opened or linked.
        case runbook

        /// Rows that people wrote, as opposed to recorded changes.
        public var isEntry: Bool { EntryKind(rawValue: rawValue) != nil }
    }

    /// The id of the event behind the row.
    public var id: UUID
    /// Position in record order (0 is the declaration).
    public var sequence: Int
    public var at: Timestamp
    public var recordedAt: Timestamp
    public var author: String
    public var kind: Kind
    /// What the person wrote, for entries: the latest amendment. Empty for a recorded change,
    /// which says what happened in `detail`; `TimelineWording` (WarRoomReports) words every row.
    public var text: String
    public var tags: [EntryTag]
    /// Earlier texts, oldest first, when the entry was amended.
    public var previousTexts: [String]
    /// Set when the entry was retracted: the reason, or an empty string.
    public var retraction: String?

    /// What a recorded change was, as data: the wording is `TimelineWording`'s, so readers pick
    /// rows by meaning. Nil for entries.
    public var detail: Detail?
    /// For an entry recorded from an alert: where it came from (its runbook and link).
    public var alert: AlertSource? = nil
    /// For an entry recorded by `warroom exec`: the command, how it ended and its output digest.
    public var run: CommandRun? = nil

    public var isRetracted: Bool { retraction != nil }

    /// The row's number as the store numbers its event and as people type it (`INC-1 #7`,
    /// `/amend 7 …`): record order from 1, the declaration being #1.
    public var number: Int { sequence + 1 }
}
