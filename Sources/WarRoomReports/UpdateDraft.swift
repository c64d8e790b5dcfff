import WarRoomCore

/// A status update ready for the IC to review and send: the method's stakeholder template for the
/// incident's moment, filled from the record for one audience. Unknown fields are bracketed
/// placeholders that say what to fill in; nothing is invented.
public struct UpdateDraft: Hashable, Sendable {
    /// Which of the method's templates the draft follows.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        /// "Initial Notification": no update has been posted yet.
        case initial
        /// "Status Update": the cadence's regular update.
        case update
        /// "Incident Resolved": the all-clear.
        case resolved

        /// The template an incident owes now: resolved once resolved or closed, initial while no
        /// update was posted, a status update otherwise.
        public init(_ state: IncidentState) {
            if state.status == .resolved || state.status == .closed {
                self = .resolved
            } else if state.updates.isEmpty {
                self = .initial
            } else {
                self = .update
            }
        }
    }

    /// The template followed.
    public var kind: Kind
    /// Who the draft is written for.
    public var audience: Audience
    /// The subject line: `[SEV1] checkout-api — Checkout errors`.
    public var subject: String
    /// The message, one field per line, without a trailing newline.
    public var body: String

    /// The whole message: the subject, a blank line, the body.
    public var text: String { subject + "\n\n" + body }

    /// A draft from its parts.
    public init(kind: Kind, audience: Audience, subject: String, body: String) {
        self.kind = kind
        self.audience = audience
        self.subject = subject
        self.body = body
    }
}
