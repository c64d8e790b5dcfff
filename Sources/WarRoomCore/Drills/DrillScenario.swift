/// A game day's script, as data: what the players are told at the start, what they are meant to
/// practise, and the injects the game master plays into a drill incident at their offsets
/// (FEMA HSEEP's master scenario events list: timed injects, expected actions, contingency injects).
/// Read from YAML by `WarRoomConfig.DrillScenarioFile`; played by a runner through `DrillPlan`.
public struct DrillScenario: Hashable, Sendable {
    /// What the scenario is called in `warroom drill list`: its file name without `.yaml`.
    public var name: String
    /// The drill incident's title.
    public var title: String
    /// A sentence or two for the game master: what happens, and which public post-mortem it follows.
    public var summary: String?
    /// Where the story comes from (a post-mortem's URL or name).
    public var basedOn: String?
    /// What the team should practise, one line each.
    public var objectives: [String]
    /// The severity the drill incident is declared with.
    public var severity: Severity
    /// The service the drill incident is declared on.
    public var service: String?
    /// The roles the scenario expects to be filled; expectations and `role_leaves` name only these.
    public var roles: [Role]
    /// How long the drill lasts at 1×; every inject and deadline falls inside it.
    public var duration: TimeSpan
    /// The commands the scenario may run (each named once, listed before the drill starts).
    public var commands: [DrillCommand]
    /// The injects, by offset (the file's order among equal offsets).
    public var injects: [DrillInject]

    /// A scenario; `injects` are put in offset order (stable: the given order among equal offsets).
    public init(name: String, title: String, summary: String? = nil, basedOn: String? = nil, objectives: [String] = [],
                severity: Severity, service: String? = nil, roles: [Role] = Role.required, duration: TimeSpan,
                commands: [DrillCommand] = [], injects: [DrillInject]) {
        self.name = name
        self.title = title
        self.summary = summary
        self.basedOn = basedOn
        self.objectives = objectives
        self.severity = severity
        self.service = service
        self.roles = roles
        self.duration = duration
        self.commands = commands
        self.injects = injects.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }.map(\.element)
    }

    /// The most a scenario may last: a long game day.
    public static let longest = TimeSpan.hours(12)
    /// The most injects one scenario may hold (a day's MSEL rarely has more than a hundred).
    public static let mostInjects = 500

    /// Every expectation with where it hangs: the inject's index in `injects` and its own index.
    public var expectations: [(inject: Int, index: Int, expectation: DrillExpectation)] {
        injects.enumerated().flatMap { inject in
            inject.element.expectations.enumerated().map { (inject.offset, $0.offset, $0.element) }
        }
    }

    /// The points a perfect team scores: every expectation met.
    public var possiblePoints: Int { expectations.reduce(0) { $0 + $1.expectation.points } }

    /// Whether any inject (or contingency) runs a command: the game master must allow them.
    public var runsCommands: Bool {
        injects.contains { inject in
            inject.kind.command != nil || inject.expectations.contains { $0.contingency?.kind.command != nil }
        }
    }
}

/// A command the scenario may run to cause a real fault (a chaos tool's CLI — `litmusctl`,
/// `gremlin`, `kubectl`, `tc` — or any script), and the one that undoes it when the drill ends or
/// is aborted. Run only with the game master's `--allow-commands` (`DrillRunner`).
public struct DrillCommand: Hashable, Sendable {
    /// The name injects use (`add-latency`).
    public var name: String
    /// The program and its arguments (a string in the file is run by `/bin/sh -c`).
    public var run: [String]
    /// What undoes it, run when the drill ends or is aborted; nil when nothing needs undoing.
    public var stop: [String]?

    /// A declared command.
    public init(name: String, run: [String], stop: [String]? = nil) {
        self.name = name
        self.run = run
        self.stop = stop
    }
}
