/// How one incident stands to another, as recorded on it (`/link INC-4 parent`: INC-4 is this
/// incident's parent). A link lives in the log of the incident it was recorded on; the other
/// incident sees it through `LinkGraph`.
public enum LinkKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// The two are about the same trouble, neither owns the other.
    case related
    /// This incident reports what the other already does: the other is the one worked.
    case duplicate
    /// The other incident caused this one.
    case causedBy = "caused-by"
    /// The other incident is this one's parent, the one that coordinates (multi-team).
    case parent
    /// The other incident is this one's child.
    case child

    /// The kinds as typed, for usage lines: `related|duplicate|caused-by|parent|child`.
    public static let usage = allCases.map(\.rawValue).joined(separator: "|")

    /// Reads a kind as typed (`caused_by`, `Duplicate`, `dup` too); a refusal with the closest
    /// kind otherwise.
    public static func parse(_ text: String) throws(CommandError) -> LinkKind {
        let key = String(text.trimmingSpaces.lowercased()).replacingUnderscores
        if let kind = LinkKind(rawValue: key) { return kind }
        switch key {
        case "dup", "duplicate-of", "duplicates": return .duplicate
        case "causedby", "cause", "caused": return .causedBy
        case "relates", "related-to", "relates-to": return .related
        default: throw .unknownLinkKind(String(text.trimmingSpaces))
        }
    }

    /// How the link reads on the incident it was recorded on.
    public var view: LinkView {
        switch self {
        case .related: .related
        case .duplicate: .duplicateOf
        case .causedBy: .causedBy
        case .parent: .childOf
        case .child: .parentOf
        }
    }

    /// How the link reads on the other incident.
    public var inverseView: LinkView {
        switch self {
        case .related: .related
        case .duplicate: .duplicatedBy
        case .causedBy: .caused
        case .parent: .parentOf
        case .child: .childOf
        }
    }
}

/// A relation between two incidents from one side: "this incident is a child of INC-4".
public enum LinkView: String, CaseIterable, Hashable, Sendable {
    case related, duplicateOf, duplicatedBy, causedBy, caused, childOf, parentOf

    /// Words put before the other incident's id: `a child of` INC-4.
    public var phrase: String {
        switch self {
        case .related: "related to"
        case .duplicateOf: "a duplicate of"
        case .duplicatedBy: "duplicated by"
        case .causedBy: "caused by"
        case .caused: "the cause of"
        case .childOf: "a child of"
        case .parentOf: "the parent of"
        }
    }

    /// A one-word label for a column: `parent` for the incident this one is a child of.
    public var label: String {
        switch self {
        case .related: "related"
        case .duplicateOf: "original"
        case .duplicatedBy: "duplicate"
        case .causedBy: "cause"
        case .caused: "caused"
        case .childOf: "parent"
        case .parentOf: "child"
        }
    }

    /// The order a reader wants them in: the parent first, the children last (a list of their own).
    var rank: Int {
        switch self {
        case .childOf: 0
        case .duplicateOf: 1
        case .causedBy: 2
        case .related: 3
        case .caused: 4
        case .duplicatedBy: 5
        case .parentOf: 6
        }
    }
}

/// A link as it stands on the incident it was recorded on.
public struct IncidentLink: Hashable, Codable, Sendable {
    public var other: IncidentID
    public var kind: LinkKind

    public init(other: IncidentID, kind: LinkKind) {
        self.other = other
        self.kind = kind
    }
}

extension IncidentLink {
    /// What a change did to an incident's links.
    public enum Applied: Hashable, Sendable {
        /// Applied; the kind the link had before, if there was one.
        case applied(previous: LinkKind?)
        /// Ignored (a log from elsewhere linking itself, or no valid id), and why.
        case refused(String)
    }

    /// Applies `change` to the links of incident `owner`: the fold and `LinkGraph` read a log's
    /// links the same way.
    public static func apply(_ change: IncidentLinkChange, to links: inout [IncidentLink], owner: IncidentID) -> Applied {
        guard change.other != owner else { return .refused("a link of \(owner) to itself") }
        guard IncidentIDRule.isValid(change.other) else { return .refused("a link to '\(change.other)', which is not an incident id") }
        let index = links.firstIndex { $0.other == change.other }
        let previous = index.map { links[$0].kind }
        if change.removed {
            if let index { links.remove(at: index) }
        } else if let index {
            links[index].kind = change.kind
        } else {
            links.append(IncidentLink(other: change.other, kind: change.kind))
        }
        return .applied(previous: previous)
    }
}

/// A link was recorded (or its kind changed), or taken off (`removed`, with the kind it had).
public struct IncidentLinkChange: Hashable, Codable, Sendable {
    public var other: IncidentID
    public var kind: LinkKind
    public var removed: Bool

    public init(other: IncidentID, kind: LinkKind, removed: Bool = false) {
        self.other = other
        self.kind = kind
        self.removed = removed
    }
}

/// Every link in a store, seen from either end: who is whose parent, what duplicates what.
/// Built from each incident's own links; pure, so the CLI and the war room check a new link the
/// same way before recording it.
public struct LinkGraph: Hashable, Sendable {
    /// One relation of an incident, from its side.
    public struct Relation: Hashable, Sendable {
        public var other: IncidentID
        public var view: LinkView
        /// The incident whose log holds the link (this one, or the other).
        public var recordedOn: IncidentID

        public init(other: IncidentID, view: LinkView, recordedOn: IncidentID) {
            self.other = other
            self.view = view
            self.recordedOn = recordedOn
        }
    }

    /// Each incident's own links, as its log holds them.
    public private(set) var links: [IncidentID: [IncidentLink]]

    public init(_ links: [IncidentID: [IncidentLink]] = [:]) {
        self.links = links.filter { !$0.value.isEmpty }
    }

    /// The graph of a store's link events, each incident's in record order.
    public init(events: [Event]) {
        var links: [IncidentID: [IncidentLink]] = [:]
        for event in events {
            guard case .incidentLinked(let change) = event.payload else { continue }
            _ = IncidentLink.apply(change, to: &links[event.incident, default: []], owner: event.incident)
        }
        self.init(links)
    }

    /// The graph with `id`'s own links replaced (after a record, or for the incident on screen,
    /// whose state is newer than the store's last read).
    public func with(_ id: IncidentID, links own: [IncidentLink]) -> LinkGraph {
        var copy = links
        copy[id] = own
        return LinkGraph(copy)
    }

    /// What `id` stands in to other incidents, parent first and children last, each relation once
    /// (both ends may record the same one).
    public func relations(of id: IncidentID) -> [Relation] {
        var seen = Set<String>()
        var out: [Relation] = []
        func add(_ relation: Relation) {
            guard relation.other != id, seen.insert(relation.other + "|" + relation.view.rawValue).inserted else { return }
            out.append(relation)
        }
        for link in links[id] ?? [] { add(Relation(other: link.other, view: link.kind.view, recordedOn: id)) }
        for (from, own) in links.sorted(by: { $0.key < $1.key }) where from != id {
            for link in own where link.other == id { add(Relation(other: from, view: link.kind.inverseView, recordedOn: from)) }
        }
        return out.enumerated().sorted { ($0.element.view.rank, $0.offset) < ($1.element.view.rank, $1.offset) }.map(\.element)
    }

    /// The parents `id` has, by a link on either end (more than one only when two people linked
    /// at the same moment; `problem` refuses it otherwise).
    public func parents(of id: IncidentID) -> [IncidentID] {
        relations(of: id).filter { $0.view == .childOf }.map(\.other)
    }

    /// The incidents `id` coordinates, in the order they were linked on each side.
    public func children(of id: IncidentID) -> [IncidentID] {
        relations(of: id).filter { $0.view == .parentOf }.map(\.other)
    }

    /// Why linking `link` from `id` would contradict the links in the store, if it would: a second
    /// parent, a parent that is its own descendant, a loop of duplicates or causes, a relation the
    /// other end already records, or a duplicate of a duplicate. Nil when it may be recorded.
    public func problem(linking link: IncidentLink, from id: IncidentID) -> CommandError? {
        let other = link.other
        let existing = relations(of: id).filter { $0.other == other }
        if let same = existing.first(where: { $0.view == link.kind.view }), same.recordedOn != id {
            return .linkKnownOnOther(other, phrase: link.kind.view.phrase)
        }
        switch link.kind {
        case .parent, .child:
            let (parent, child) = link.kind == .parent ? (other, id) : (id, other)
            if let current = parents(of: child).first(where: { $0 != parent }) {
                return .secondParent(child: child, parent: current)
            }
            if parent == child || ancestors(of: parent).contains(child) {
                return .linkLoop("\(parent) is below \(child) already (\(([parent] + ancestors(of: parent).prefix { $0 != child } + [child]).joined(separator: " → "))), "
                                 + "so \(parent) cannot also be its parent")
            }
        case .duplicate:
            if relations(of: other).contains(where: { $0.view == .duplicateOf && $0.other == id }) {
                return .linkLoop("\(other) is recorded as a duplicate of \(id), so \(id) cannot also be a duplicate of \(other)")
            }
            if let original = relations(of: other).first(where: { $0.view == .duplicateOf }) {
                return .duplicateOfDuplicate(other, original: original.other)
            }
        case .causedBy:
            if relations(of: other).contains(where: { $0.view == .causedBy && $0.other == id }) {
                return .linkLoop("\(other) is recorded as caused by \(id), so \(id) cannot also be caused by \(other)")
            }
        case .related:
            break
        }
        return nil
    }

    /// `problem(linking:from:)`, after checking that the other incident is one of `known` (the
    /// store's ids): what the CLI and the war room both ask before recording a link. A link of an
    /// incident to itself is left to the core's refusal.
    public func problem(linking link: IncidentLink, from id: IncidentID, known: [IncidentID]) -> CommandError? {
        guard link.other != id else { return nil }
        guard known.contains(link.other) else { return .unknownLinkTarget(link.other, known: known.filter { $0 != id }) }
        return problem(linking: link, from: id)
    }

    /// Why taking the link to `other` off `id` cannot be done here: the link is in the other
    /// incident's log. Nil when `id` records it, or when no link joins them (the core says so).
    public func removalProblem(of other: IncidentID, from id: IncidentID) -> CommandError? {
        guard !(links[id] ?? []).contains(where: { $0.other == other }),
              let relation = relations(of: id).first(where: { $0.other == other }) else { return nil }
        return .linkOnOtherEnd(other, phrase: relation.view.phrase, this: id)
    }

    /// Every incident above `id`, nearest first; a loop (two writers at once) is walked once.
    public func ancestors(of id: IncidentID) -> [IncidentID] {
        var out: [IncidentID] = []
        var next = parents(of: id).first
        while let parent = next, parent != id, !out.contains(parent) {
            out.append(parent)
            next = parents(of: parent).first
        }
        return out
    }
}

extension Alert {
    /// The parent's alert for child `id` when the child's next status update is overdue: the
    /// parent's IC coordinates, and a child's silence is theirs to chase. Nil when it is not late.
    public static func childUpdateOverdue(_ id: IncidentID, _ child: IncidentState, policy: Policy, now: Timestamp) -> Alert? {
        guard let countdown = child.updateCountdown(policy: policy), case .overdue(let late) = countdown.timing(at: now) else { return nil }
        return Alert(level: .warning, subject: .child(id),
                     message: "Child \(id)'s \(countdown.title) overdue by \(TimeSpan.seconds(max(0, late.seconds)).compact): "
                        + "\(child.severity.label) \(child.status.rawValue) — \(child.title)",
                     deadline: countdown.nextDue)
    }
}

extension String {
    fileprivate var replacingUnderscores: String {
        String(map { $0 == "_" || $0 == " " ? "-" : $0 })
    }
}
