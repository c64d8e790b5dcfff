/// One runbook: a Markdown file of the team's runbook folder, its front matter's facts and its
/// body split into sections and code blocks (the prometheus-operator shape: Meaning, Impact,
/// Diagnosis, Mitigation). Made by `RunbookFile.parse` (WarRoomConfig); its texts are the file's,
/// untrusted: outputs sanitize them.
public struct Runbook: Hashable, Sendable {
    /// The file name without `.md`: what `warroom runbook show NAME` and a `runbook_url` name.
    public var name: String
    /// The file, as the folder was named plus the file's path inside it: for messages.
    public var file: String
    /// What the front matter says.
    public var facts: RunbookFacts
    /// Whether the file opens with front matter (`---` … `---`); without, it has no facts.
    public var hasFrontMatter: Bool
    /// The body (everything after the front matter), lines joined by `\n`.
    public var body: String
    /// The file's line number of the body's first line (1 without front matter).
    public var bodyLine: Int = 1
    /// Each heading and the text under it, in file order; text before the first heading is a
    /// section with an empty title.
    public var sections: [RunbookSection]
    /// Every fenced code block (``` or ~~~), in file order.
    public var codeBlocks: [RunbookCodeBlock]

    public init(name: String, file: String, facts: RunbookFacts = RunbookFacts(), hasFrontMatter: Bool = false, body: String = "",
                sections: [RunbookSection] = [], codeBlocks: [RunbookCodeBlock] = []) {
        self.name = name
        self.file = file
        self.facts = facts
        self.hasFrontMatter = hasFrontMatter
        self.body = body
        self.sections = sections
        self.codeBlocks = codeBlocks
    }

    /// The first heading's title (`# Checkout: high error rate`), else the front matter's `title`.
    public var title: String? {
        facts.title ?? sections.first { !$0.title.isEmpty }?.title
    }

    /// Whether a heading says what to do: `Mitigation`, or `Remediation` as the method's template
    /// has it (`## Mitigation`, `## Remediation: roll back`).
    public var hasMitigation: Bool {
        sections.contains { section in
            let title = section.title.lowercased()
            return title.hasPrefix("mitigation") || title.hasPrefix("remediation")
        }
    }
}

/// The front matter of a runbook: which service and alerts it answers, who owns it, and when it
/// was last tested (a game day or drill), by whom.
public struct RunbookFacts: Hashable, Sendable {
    public var title: String?
    public var service: String?
    public var owner: String?
    /// The alert names it answers (`alertname`s).
    public var alerts: [String]
    /// Dashboard URLs.
    public var dashboards: [String]
    /// When it was last tested; a date alone is that day's midnight UTC. Nil: never.
    public var lastTested: Timestamp?
    /// Whether `last_tested` was a date alone (shown as a date, not an instant).
    public var lastTestedIsDate: Bool
    /// The line of `last_tested` in the file, for messages.
    public var lastTestedLine: Int?
    public var testedBy: String?

    public init(title: String? = nil, service: String? = nil, owner: String? = nil, alerts: [String] = [], dashboards: [String] = [],
                lastTested: Timestamp? = nil, lastTestedIsDate: Bool = true, lastTestedLine: Int? = nil, testedBy: String? = nil) {
        self.title = title
        self.service = service
        self.owner = owner
        self.alerts = alerts
        self.dashboards = dashboards
        self.lastTested = lastTested
        self.lastTestedIsDate = lastTestedIsDate
        self.lastTestedLine = lastTestedLine
        self.testedBy = testedBy
    }

    /// `2026-09-14`, or the instant when one was written.
    public var lastTestedText: String? {
        lastTested.map { lastTestedIsDate ? $0.dateOnly : $0.iso8601 }
    }
}

/// A heading and the text under it up to the next heading.
public struct RunbookSection: Hashable, Sendable {
    /// The heading's words (`Mitigation`); empty for the text before the first heading.
    public var title: String
    /// 1 for `#`, 2 for `##` …; 0 for the text before the first heading.
    public var level: Int
    /// The heading's line in the file.
    public var line: Int
    /// The Markdown under it, blank lines at either end left out.
    public var text: String

    public init(title: String, level: Int, line: Int, text: String) {
        self.title = title
        self.level = level
        self.line = line
        self.text = text
    }
}

/// A fenced code block: the commands a runbook has people run.
public struct RunbookCodeBlock: Hashable, Sendable {
    /// The info string's first word (`bash`), nil when the fence has none.
    public var language: String?
    /// The lines between the fences.
    public var text: String
    /// The opening fence's line in the file.
    public var line: Int
    /// The title of the section it is in (empty before the first heading).
    public var section: String

    public init(language: String?, text: String, line: Int, section: String) {
        self.language = language
        self.text = text
        self.line = line
        self.section = section
    }
}
