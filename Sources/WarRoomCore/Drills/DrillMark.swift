/// What the drill runner did to a drill incident, one event each (`drillMarked`): started (with
/// the scenario it plays, its whole text, so the drill is scored against what was played however
/// the file changes later), an inject played or skipped, an expectation's time up (met or
/// missed, and the contingency played for a missed one), paused, resumed, ended. Folded into
/// `IncidentState.drill`; never a timeline row (the injects themselves are the players' rows) and
/// never shown to players as met or missed: only the debrief says that.
public struct DrillMark: Hashable, Codable, Sendable {
    /// What happened.
    public enum Action: String, CaseIterable, Codable, Sendable {
        case started, injected, skipped, met, missed, contingency, paused, resumed, ended
    }

    public var action: Action
    /// The inject, by its index in the scenario's `injects`: every action but started, paused,
    /// resumed and ended.
    public var inject: Int?
    /// The expectation, by its index in the inject's `expect`: met, missed and contingency.
    public var expectation: Int?
    /// The cue's time in the scenario (at 1×) after the start.
    public var offset: TimeSpan?
    /// The inject in words, or why the drill ended.
    public var text: String?
    /// Started: the scenario's name (`bad-config-deploy`), the file it was read from and its text.
    public var scenarioName: String?
    public var scenarioFile: String?
    public var scenarioText: String?

    public init(action: Action, inject: Int? = nil, expectation: Int? = nil, offset: TimeSpan? = nil, text: String? = nil,
                scenarioName: String? = nil, scenarioFile: String? = nil, scenarioText: String? = nil) {
        self.action = action
        self.inject = inject
        self.expectation = expectation
        // Whole seconds, as a span is stored: a pause at +00:12.345 reads back as +00:12.
        self.offset = offset.map { TimeSpan.seconds($0.millis / 1000) }
        self.text = text
        self.scenarioName = scenarioName
        self.scenarioFile = scenarioFile
        self.scenarioText = scenarioText
    }

    /// The author of every event the runner writes: the game master's script, which no
    /// expectation is met by.
    public static let author = "drill"
    /// The most a scenario's text may hold in a started mark (the shipped ones are under 10 KB).
    public static let scenarioLimit = 256 * 1024

    /// Why a mark cannot go onto `state`, or nil: only a drill takes marks, started first and
    /// once, nothing after ended, indexes where the action needs them.
    public func problem(on state: IncidentState) -> String? {
        guard state.isDrill else {
            return "\(state.id) is not a drill: only an incident declared by `warroom drill run` (or `declare --drill`) takes drill marks"
        }
        let drill = state.drill
        if drill?.ended != nil { return "the drill \(state.id) has ended" }
        switch action {
        case .started:
            if drill?.started != nil { return "the drill \(state.id) has already started" }
            guard let name = scenarioName, !name.isEmpty, let text = scenarioText, !text.isEmpty else {
                return "a drill starts with its scenario's name and text"
            }
            if text.utf8.count > Self.scenarioLimit { return "the scenario's text is over \(Self.scenarioLimit / 1024) KB" }
        case .injected, .skipped, .met, .missed, .contingency, .paused, .resumed, .ended:
            if drill?.started == nil { return "the drill \(state.id) has not started" }
        }
        switch action {
        case .injected, .skipped:
            if (inject ?? -1) < 0 { return "an inject mark names its inject" }
        case .met, .missed, .contingency:
            if (inject ?? -1) < 0 || (expectation ?? -1) < 0 { return "an expectation mark names its inject and expectation" }
        case .started, .paused, .resumed, .ended:
            break
        }
        return nil
    }
}

/// A drill as its marks tell it: the scenario played, when it started and ended, and each mark.
public struct DrillRecord: Hashable, Sendable {
    /// The started mark's scenario, and when.
    public var started: Timestamp?
    public var scenarioName: String?
    public var scenarioFile: String?
    public var scenarioText: String?
    /// When and why it ended.
    public var ended: Timestamp?
    public var endReason: String?
    /// Every mark with its instant, in record order.
    public var marks: [(at: Timestamp, mark: DrillMark)] = []

    public init() {}

    /// When inject `index` was played (its first played mark), if it was.
    public func played(_ index: Int) -> Timestamp? {
        marks.first { $0.mark.action == .injected && $0.mark.inject == index }?.at
    }

    /// Whether inject `index` was skipped by the game master.
    public func skipped(_ index: Int) -> Bool {
        marks.contains { $0.mark.action == .skipped && $0.mark.inject == index }
    }

    /// When the runner decided expectation `expectation` of inject `inject` (its time was up).
    public func decided(inject: Int, expectation: Int) -> (at: Timestamp, met: Bool)? {
        marks.first { ($0.mark.action == .met || $0.mark.action == .missed) && $0.mark.inject == inject && $0.mark.expectation == expectation }
            .map { ($0.at, $0.mark.action == .met) }
    }

    /// Whether the contingency of that expectation was played.
    public func contingencyPlayed(inject: Int, expectation: Int) -> Timestamp? {
        marks.first { $0.mark.action == .contingency && $0.mark.inject == inject && $0.mark.expectation == expectation }?.at
    }

    public static func == (lhs: DrillRecord, rhs: DrillRecord) -> Bool {
        lhs.started == rhs.started && lhs.scenarioName == rhs.scenarioName && lhs.scenarioFile == rhs.scenarioFile
            && lhs.scenarioText == rhs.scenarioText && lhs.ended == rhs.ended && lhs.endReason == rhs.endReason
            && lhs.marks.map(\.at) == rhs.marks.map(\.at) && lhs.marks.map(\.mark) == rhs.marks.map(\.mark)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(started)
        hasher.combine(scenarioName)
        hasher.combine(marks.count)
    }

    mutating func apply(_ mark: DrillMark, at: Timestamp) {
        marks.append((at, mark))
        switch mark.action {
        case .started:
            started = at
            scenarioName = mark.scenarioName
            scenarioFile = mark.scenarioFile
            scenarioText = mark.scenarioText
        case .ended:
            ended = at
            endReason = mark.text
        case .injected, .skipped, .met, .missed, .contingency, .paused, .resumed:
            break
        }
    }
}
