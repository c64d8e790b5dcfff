/// What an argument of a command is: the vocabulary or shape it accepts, which decides how its
/// usage is written and what Tab offers for it.
public enum ArgumentKind: String, CaseIterable, Hashable, Sendable {
    case role, person, severity, status, audience, entryKind, entryNumber, hypothesisNumber, span, time
    /// Who was told: Tab offers who is owed a notification now.
    case notifyTarget
    /// The words `/impact` knows: a share, a count and flags.
    case impact
    /// A root-cause tag: Tab offers the tags other incidents carry.
    case causeTag
    /// Another incident to link (Tab offers the incidents in the store) and how it is linked.
    case linkTarget, linkKind
    /// A runbook of the team's folder: Tab offers their names.
    case runbook
    /// Free text: a note, a reason, a name.
    case text

    /// What Tab offers for an argument of this kind.
    public var completion: CommandCompletion {
        switch self {
        case .role: .roles
        case .person: .people
        case .status: .statuses
        case .audience: .audiences
        case .entryNumber: .entries
        case .hypothesisNumber: .hypotheses
        case .notifyTarget: .notifyTargets
        case .causeTag: .causeTags
        case .linkTarget, .linkKind: .links
        case .runbook: .runbooks
        // Nothing to offer: a severity is one digit, the rest is typed.
        case .severity, .entryKind, .span, .time, .impact, .text: .nothing
        }
    }
}

/// What Tab offers after a command's name.
public enum CommandCompletion: Hashable, Sendable {
    case nothing, roles, people, hypotheses, statuses, audiences, notifyTargets, entries, causeTags, links, runbooks
}

/// One argument as a command's usage line shows it: `N`, `[REASON…]`, `ic|cl|tl|scribe`.
public struct CommandArgument: Hashable, Sendable {
    public var kind: ArgumentKind
    /// How the argument is written in the usage line, without brackets.
    public var placeholder: String
    public var isOptional: Bool

    /// An argument of `kind`, written `placeholder` (by default the kind's own).
    public init(_ kind: ArgumentKind, _ placeholder: String? = nil, optional: Bool = false) {
        self.kind = kind
        self.placeholder = placeholder ?? Self.placeholder(for: kind)
        self.isOptional = optional
    }

    /// The argument as the usage line writes it: `[REASON…]` when optional.
    public var usage: String { isOptional ? "[\(placeholder)]" : placeholder }

    /// The default placeholder of a kind; vocabularies are spelled from their tables, so a new
    /// role or severity shows up in every usage line by itself.
    static func placeholder(for kind: ArgumentKind) -> String {
        switch kind {
        case .role: Role.usage
        case .severity: "\(Severity.allCases.first?.rawValue ?? 1)-\(Severity.allCases.last?.rawValue ?? 4)"
        case .person: "NAME"
        case .status: "STATUS"
        case .audience: "AUDIENCE:"
        case .entryKind: "kind:KIND"
        case .entryNumber, .hypothesisNumber: "N"
        case .span: "SPAN"
        case .time: "TIME"
        case .notifyTarget: "WHO…"
        case .impact: "IMPACT…"
        case .causeTag: "TAG"
        case .linkTarget: "INC-N"
        case .linkKind: "KIND"
        case .runbook: "NAME"
        case .text: "TEXT…"
        }
    }
}

/// A command as the war room's input line takes it: `/name`, its aliases, arguments and summary.
public struct SlashForm: Hashable, Sendable {
    public var name: String
    public var aliases: [String]
    public var summary: String
    public var arguments: [CommandArgument]

    /// A `/name` with its aliases, help line and arguments.
    public init(name: String, aliases: [String], summary: String, arguments: [CommandArgument]) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.arguments = arguments
    }

    /// The arguments as help shows them: `N [NOTE…]`.
    public var usage: String { arguments.map(\.usage).joined(separator: " ") }

    /// What Tab offers after the name: that of the first argument that offers anything.
    public var completion: CommandCompletion {
        arguments.lazy.map(\.kind.completion).first { $0 != .nothing } ?? .nothing
    }
}

/// A command as the `warroom` executable takes it: its subcommand path and help.
public struct CLIForm: Hashable, Sendable {
    /// The words after `warroom`: `hypothesis confirm`.
    public var path: String
    public var abstract: String
    public var discussion: String

    /// The subcommand's own name, the last word of its path.
    public var name: String { path.split(separator: " ").last.map(String.init) ?? path }
}

/// One row of the command table: what a person can ask for, as the input line and/or the
/// executable take it. Both front ends derive their names, usage, help and completion from it.
public struct CommandDescription: Hashable, Sendable {
    public var slash: SlashForm?
    public var cli: CLIForm?

    /// A row with a `/command` and, when `cli` names one, the subcommand that records the same.
    public static func slash(_ name: String, _ aliases: [String] = [], _ arguments: [CommandArgument], _ summary: String,
                             cli: CLIForm? = nil) -> CommandDescription {
        CommandDescription(slash: SlashForm(name: name, aliases: aliases, summary: summary, arguments: arguments), cli: cli)
    }

    /// A row only the executable has.
    public static func cli(_ path: String, _ abstract: String, discussion: String = "") -> CommandDescription {
        CommandDescription(slash: nil, cli: CLIForm(path: path, abstract: abstract, discussion: discussion))
    }
}

extension CLIForm {
    /// The subcommand `path` with its help.
    public static func command(_ path: String, _ abstract: String, discussion: String = "") -> CLIForm {
        CLIForm(path: path, abstract: abstract, discussion: discussion)
    }
}
