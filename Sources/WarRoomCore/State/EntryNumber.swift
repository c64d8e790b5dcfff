/// An entry's number as people type it — `7`, `#7`, `INC-1#7`, `INC-1 #7` or `INC-1 7` — the one
/// reading the CLI's `amend`/`retract` and the war room's `/amend`/`/retract` share.
public struct EntryNumber: Hashable, Sendable {
    /// The incident named before the number, as typed; nil when only a number was given.
    public var incident: String?
    /// The number (`TimelineItem.number`), 1 or more.
    public var number: Int

    public init(incident: String?, number: Int) {
        self.incident = incident
        self.number = number
    }

    /// Reads the number at the start of `words`, and how many words it took (1 or 2). Nil when
    /// they do not start with one. At most 18 ASCII digits, so no number overflows.
    public static func parse(_ words: [String]) -> (EntryNumber, used: Int)? {
        guard let first = words.first?.trimmingSpaces, !first.isEmpty else { return nil }
        if let hash = first.lastIndex(of: "#") {
            let named = first[..<hash].trimmingSpaces
            guard let number = digits(first[first.index(after: hash)...]) else { return nil }
            return (EntryNumber(incident: named.isEmpty ? nil : String(named), number: number), 1)
        }
        if let number = digits(first) { return (EntryNumber(incident: nil, number: number), 1) }
        // `INC-1 #7` or `INC-1 7` typed as two words: a name, then the number.
        if words.count > 1, first.contains(where: \.isLetter) {
            let second = words[1].trimmingSpaces
            if let number = digits(second.hasPrefix("#") ? second.dropFirst() : second) {
                return (EntryNumber(incident: String(first), number: number), 2)
            }
        }
        return nil
    }

    /// Whether the incident named, if any, is `id` (`inc-1` and `1` name `INC-1`).
    public func names(_ id: IncidentID) -> Bool {
        guard let incident else { return true }
        let typed = incident.uppercased()
        return typed == id.uppercased() || "INC-" + typed == id.uppercased()
    }

    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 18, text.allSatisfy(\.isASCIIDigit), let value = Int(text), value >= 1 else { return nil }
        return value
    }
}

/// Why an entry number cannot be amended or retracted: the CLI and the war room word it each in
/// their own way, from this one decision.
public enum EntryRefusal: Error, Hashable, Sendable {
    /// No event of the incident has that number.
    case noSuchNumber(Int)
    /// The number is an amendment's or a retraction's: it has no row of its own.
    case noRow(Int)
    /// A recorded change (a declaration, a severity change …), not something a person wrote.
    case notAnEntry(TimelineItem)
    /// Already retracted: neither amended nor retracted again.
    case retracted(TimelineItem)
}

extension IncidentState {
    /// The entry numbered `number` if it can be amended or retracted, else why not.
    public func changeableEntry(number: Int) -> Result<TimelineItem, EntryRefusal> {
        guard let item = timelineItem(number: number) else {
            return .failure(number >= 1 && number <= eventCount ? .noRow(number) : .noSuchNumber(number))
        }
        guard item.kind.isEntry else { return .failure(.notAnEntry(item)) }
        guard !item.isRetracted else { return .failure(.retracted(item)) }
        return .success(item)
    }

    /// The entries that can still be changed nearest `number`, closest first (ties: the later
    /// one), or the latest ones when `number` is nil: what a refusal offers instead.
    public func changeableEntries(near number: Int?, limit: Int = 3) -> [TimelineItem] {
        let entries = timeline.filter { $0.kind.isEntry && !$0.isRetracted }
        guard let number else { return Array(entries.sorted { $0.number > $1.number }.prefix(limit)) }
        func distance(_ item: TimelineItem) -> Int { item.number > number ? item.number - number : number - item.number }
        return Array(entries.sorted { (distance($0), -$0.number) < (distance($1), -$1.number) }.prefix(limit))
    }
}
