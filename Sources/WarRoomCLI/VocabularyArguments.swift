import ArgumentParser
import WarRoomCore
import WarRoomText

// The core's vocabularies as typed arguments: ArgumentParser reads them with the core's own
// parsers (so every spelling the war room accepts works here too), `--help` lists the choices
// from the core's tables (a new role or status appears by itself), and a mistyped value is
// refused with the vocabulary's message (`ArgumentRefusal`).

extension Role: ExpressibleByArgument {
    public init?(argument: String) {
        guard let role = ArgumentRefusal.accept(argument, Role.parse) else { return nil }
        self = role
    }

    /// Each role's name and its alias: `commander, ic, comms, cl, …`.
    public static var allValueStrings: [String] { allCases.flatMap { [$0.rawValue] + ($0.alias.map { [$0] } ?? []) } }
}

extension Severity: ExpressibleByArgument {
    public init?(argument: String) {
        guard let level = ArgumentRefusal.accept(argument, Severity.parse) else { return nil }
        self = level
    }

    public static var allValueStrings: [String] { allCases.map(\.label) }
}

extension StatusTarget: ExpressibleByArgument {
    public init?(argument: String) {
        guard let target = ArgumentRefusal.accept(argument, StatusTarget.parse) else { return nil }
        self = target
    }

    public static var allValueStrings: [String] { IncidentStatus.targets }
}

extension Audience: ExpressibleByArgument {
    public init?(argument: String) {
        guard let audience = ArgumentRefusal.accept(argument, { text throws(CommandError) in
            guard let audience = Audience(rawValue: text.lowercased()) else { throw .unknownAudience(text) }
            return audience
        }) else { return nil }
        self = audience
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public var defaultValueDescription: String { rawValue }
}

extension EntryKind: ExpressibleByArgument {
    public init?(argument: String) {
        guard let kind = ArgumentRefusal.accept(argument, EntryKind.parse) else { return nil }
        self = kind
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public var defaultValueDescription: String { rawValue }
}

extension EntryTag: ExpressibleByArgument {
    public init?(argument: String) {
        guard let tag = ArgumentRefusal.accept(argument, { text in
            guard let tag = EntryTag(rawValue: text.lowercased()) else {
                throw UserFacingError("unknown tag '\(text)': use \(EntryTag.choices)")
            }
            return tag
        }) else { return nil }
        self = tag
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension PostmortemSection: ExpressibleByArgument {
    public init?(argument: String) {
        guard let section = ArgumentRefusal.accept(argument, { text in
            guard let section = PostmortemSection(rawValue: text.lowercased()) else {
                let names = PostmortemSection.allCases.map(\.rawValue)
                throw UserFacingError("unknown section '\(text)'\(Suggestion.didYouMean(text, among: names)): "
                    + "use \(Choices.list(names)); nothing was recorded")
            }
            return section
        }) else { return nil }
        self = section
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension FactorLevel: ExpressibleByArgument {
    public init?(argument: String) {
        guard let level = ArgumentRefusal.accept(argument, { text in
            guard let level = FactorLevel(rawValue: text.lowercased()) else {
                throw UserFacingError("unknown factor '\(text)': use \(Choices.list(FactorLevel.allCases.map(\.rawValue)))")
            }
            return level
        }) else { return nil }
        self = level
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension PostmortemStatus: ExpressibleByArgument {
    public init?(argument: String) {
        guard let status = ArgumentRefusal.accept(argument, { text in
            let key = text.trimmingSpaces.lowercased()
            let names = PostmortemStatus.allCases.map(\.rawValue)
            guard let status = PostmortemStatus(rawValue: key) else {
                throw UserFacingError("unknown post-mortem status '\(text)': use \(Choices.list(names))"
                    + Suggestion.didYouMean(key, among: names))
            }
            return status
        }) else { return nil }
        self = status
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension ActionPriority: ExpressibleByArgument {
    public init?(argument: String) {
        guard let priority = ArgumentRefusal.accept(argument, ActionPriority.parse) else { return nil }
        self = priority
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// A `--format` of a few words: any case, a typo refused with a did-you-mean and the list.
protocol FormatArgument: RawRepresentable<String>, CaseIterable, ExpressibleByArgument {
    /// Said after the list of formats when one is refused (` (or --json)`).
    static var alsoAccepted: String { get }
}

extension FormatArgument {
    static var alsoAccepted: String { "" }

    init?(argument: String) {
        guard let format = ArgumentRefusal.accept(argument, { text in
            guard let format = Self(rawValue: text.lowercased()) else {
                let names = Self.allCases.map(\.rawValue)
                throw UserFacingError("unknown format '\(text)'" + Suggestion.didYouMean(text, among: names)
                    + ": use \(Choices.list(names))" + Self.alsoAccepted)
            }
            return format
        }) else { return nil }
        self = format
    }

    static var allValueStrings: [String] { allCases.map(\.rawValue) }
    var defaultValueDescription: String { rawValue }
}

extension TimelineFormat: FormatArgument {
    static var alsoAccepted: String { " (or --json)" }
}

/// A hypothesis as people type its number: `2` or `#2`.
struct HypothesisNumber: ExpressibleByArgument {
    var number: Int

    init?(argument: String) {
        guard let number = ArgumentRefusal.accept(argument, { text in
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            guard let number = Int(digits), number > 0 else {
                throw UserFacingError("'\(text)' is not a hypothesis number: use the number shown as #N, such as 2")
            }
            return number
        }) else { return nil }
        self.number = number
    }
}
