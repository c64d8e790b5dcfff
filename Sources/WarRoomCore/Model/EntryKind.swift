/// What a timeline entry written by a person records.
public enum EntryKind: String, CaseIterable, Codable, Sendable {
    case note, action, decision, finding, comms

    /// Reads a kind by name, in any case.
    public static func parse(_ text: String) throws(CommandError) -> EntryKind {
        guard let kind = EntryKind(rawValue: text.trimmingSpaces.lowercased()) else {
            throw .unknownEntryKind(text)
        }
        return kind
    }

    /// The valid kinds, for help: `note, action, decision, finding or comms`.
    public static let choices = Choices.list(names)
}

/// Optional labels that the post-mortem uses to pick key moments out of the timeline.
public enum EntryTag: String, CaseIterable, Codable, Sendable {
    case detection, diagnosis, repair, keyMoment = "key-moment"
    /// A change shipped (a deploy, a rollback, a config push): an `action` tagged so is a change
    /// event for destinations that take `deploy` (PagerDuty change events, webhooks).
    case deploy

    /// The valid tags, for help: `detection, diagnosis, repair, key-moment or deploy`.
    public static let choices = Choices.list(names)
}

/// Who a status update is written for.
public enum Audience: String, CaseIterable, Codable, Sendable {
    case engineering, executives, customers

    /// The valid audiences, for help: `engineering, executives or customers`.
    public static let choices = Choices.list(names)
}

/// Where the post-mortem document stands; closing an incident needs `final`.
public enum PostmortemStatus: String, CaseIterable, Codable, Sendable {
    case draft, review, final

    /// The valid stages, for help: `draft, review or final`.
    public static let choices = Choices.list(names)
}

/// What kind of outside contact an escalation or notification record is.
public enum NotificationKind: String, CaseIterable, Codable, Sendable {
    /// Telling someone (stakeholders, leadership) what is going on.
    case notification
    /// Bringing in the next tier of responders.
    case escalation
}
