/// When each thing of a scenario happens at a speed: every inject, every expectation's deadline
/// (where a missed one plays its contingency) and the end, as wall-clock spans after the start.
/// Pure: a runner with a stepped clock asks `due(after:through:)` for what to play between two
/// readings, so each cue is played exactly once however the readings fall.
public struct DrillPlan: Hashable, Sendable {
    /// The scenario being played.
    public let scenario: DrillScenario
    /// How fast.
    public let speed: DrillSpeed
    /// Every cue, in the order a runner plays them: by scenario offset; at one offset injects
    /// (in the scenario's order) first, then deadlines (an action recorded at the deadline still
    /// meets it), then the end.
    public let cues: [Cue]

    /// One thing due at one moment.
    public struct Cue: Hashable, Sendable {
        /// Its time in the scenario (at 1×) after the start.
        public var offset: TimeSpan
        /// Its wall-clock time after the start at the plan's speed.
        public var wall: TimeSpan
        /// What falls due.
        public var what: What

        /// A cue (the plan makes them; a runner's tests may too).
        public init(offset: TimeSpan, wall: TimeSpan, what: What) {
            self.offset = offset
            self.wall = wall
            self.what = what
        }
    }

    /// What falls due.
    public enum What: Hashable, Sendable {
        /// `scenario.injects[index]` is played.
        case inject(Int)
        /// The time for `scenario.injects[inject].expectations[expectation]` is up: met or missed
        /// is decided now, and a missed one's contingency played.
        case deadline(inject: Int, expectation: Int)
        /// The scenario's duration is over: the drill ends.
        case end

        fileprivate var rank: Int {
            switch self {
            case .inject: 0
            case .deadline: 1
            case .end: 2
            }
        }
    }

    /// The plan of `scenario` at `speed`.
    public init(_ scenario: DrillScenario, speed: DrillSpeed) {
        self.scenario = scenario
        self.speed = speed
        var cues: [Cue] = []
        for (index, inject) in scenario.injects.enumerated() {
            cues.append(Cue(offset: inject.offset, wall: speed.wall(inject.offset), what: .inject(index)))
            for (number, expectation) in inject.expectations.enumerated() {
                let deadline = inject.offset + expectation.within
                cues.append(Cue(offset: deadline, wall: speed.wall(deadline), what: .deadline(inject: index, expectation: number)))
            }
        }
        cues.append(Cue(offset: scenario.duration, wall: speed.wall(scenario.duration), what: .end))
        // Stable: the order built above breaks the remaining ties.
        self.cues = cues.enumerated().sorted {
            ($0.element.offset, $0.element.what.rank, $0.offset) < ($1.element.offset, $1.element.what.rank, $1.offset)
        }.map(\.element)
    }

    /// How long the drill takes on the wall clock.
    public var wallDuration: TimeSpan { speed.wall(scenario.duration) }

    /// The wall-clock span after the start at which scenario time `offset` is reached.
    public func wall(_ offset: TimeSpan) -> TimeSpan { speed.wall(offset) }

    /// The scenario time reached `wall` after the start (what a drill's countdowns read).
    public func scenarioTime(atWall wall: TimeSpan) -> TimeSpan { speed.scenario(wall) }

    /// The instant a cue is due for a drill started at `start`.
    public func instant(of cue: Cue, start: Timestamp) -> Timestamp { start + cue.wall }

    /// The cues due after the wall-clock span `after` (exclusive) up to `through` (inclusive);
    /// `after` nil is before the start, so the first call plays what is due at +00:00. Calling it
    /// with each reading of a clock and the one before plays every cue once.
    public func due(after: TimeSpan?, through: TimeSpan) -> [Cue] {
        cues.filter { cue in cue.wall <= through && after.map { cue.wall > $0 } ?? true }
    }

    /// `due(after:through:)` with instants of a drill started at `start`.
    public func due(start: Timestamp, after: Timestamp?, through: Timestamp) -> [Cue] {
        due(after: after.map { $0 - start }, through: through - start)
    }

    /// The first cue after `after` (nil: from the start): what a runner sleeps until.
    public func next(after: TimeSpan?) -> Cue? {
        cues.first { cue in after.map { cue.wall > $0 } ?? true }
    }

    /// The inject a cue plays: the scenario's for `.inject`, the expectation's contingency for
    /// `.deadline` (played only when the expectation was missed); nil for the end.
    public func inject(for cue: Cue) -> DrillInject? {
        switch cue.what {
        case .inject(let index):
            return scenario.injects.indices.contains(index) ? scenario.injects[index] : nil
        case .deadline(let index, let number):
            guard scenario.injects.indices.contains(index), scenario.injects[index].expectations.indices.contains(number) else { return nil }
            return scenario.injects[index].expectations[number].contingency
        case .end:
            return nil
        }
    }

    /// The expectation whose deadline a cue is, if it is one.
    public func expectation(for cue: Cue) -> DrillExpectation? {
        guard case .deadline(let index, let number) = cue.what, scenario.injects.indices.contains(index),
              scenario.injects[index].expectations.indices.contains(number) else { return nil }
        return scenario.injects[index].expectations[number]
    }
}
