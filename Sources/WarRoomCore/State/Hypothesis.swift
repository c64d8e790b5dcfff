#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A hypothesis under investigation, with its timebox stored as an absolute deadline.
public struct Hypothesis: Hashable, Sendable, Identifiable {
    /// Where a hypothesis stands.
    public enum State: String, Hashable, Sendable, Codable {
        case open
        case confirmed
        case ruledOut = "ruled-out"
        /// Handed to the next tier; still open, but no longer on the IC's timebox.
        case escalated
    }

    /// The id of the event that opened it.
    public var id: UUID
    /// Its display number: #1 is the first opened in the incident.
    public var number: Int
    public var text: String
    public var owner: String?
    public var openedAt: Timestamp
    public var timebox: TimeSpan
    /// When the timebox runs out; moved once by an extension.
    public var deadline: Timestamp
    public var state: State
    public var extended: Bool
    /// When it was confirmed, ruled out or escalated.
    public var decidedAt: Timestamp?

    /// Still on the clock: open, not yet confirmed, ruled out or escalated.
    public var isRunning: Bool { state == .open }

    /// Not yet decided for good: open, or escalated (which may still be confirmed or ruled out).
    public var isUndecided: Bool { state == .open || state == .escalated }
}
