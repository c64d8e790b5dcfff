/// The game master's clock over a plan: which cues are due at a wall-clock reading, with the
/// controls a game day needs — pause and resume (the script waits; the war room's own clocks keep
/// running, as they would in a real incident), skip the next inject (it is never played, and its
/// expectations are not scored), play the next inject now (the script's clock jumps to it, so every
/// cue before it is played in order, and every later one keeps its distance), end. Pure: a runner
/// feeds it readings of any clock, a test a pinned, stepped one.
public struct DrillDirector: Hashable, Sendable {
    public let plan: DrillPlan
    /// When the drill started (the wall clock).
    public let start: Timestamp
    /// How far into the plan the script is ahead of (+) or behind (−) the wall clock: pauses
    /// subtract their length, jumps add theirs.
    public private(set) var shift: TimeSpan = .zero
    /// When the current pause began, if paused.
    public private(set) var pausedAt: Timestamp?
    /// The cues already handed out, by index into `plan.cues`.
    public private(set) var handled: Set<Int> = []
    /// Injects skipped by the game master, by index into the scenario's injects.
    public private(set) var skipped: Set<Int> = []
    /// Whether the game master ended the drill (or the plan reached its end).
    public private(set) var isOver = false

    public init(plan: DrillPlan, start: Timestamp) {
        self.plan = plan
        self.start = start
    }

    /// The wall-clock span of the plan reached at `now`: the time since the start, less the
    /// pauses, plus the jumps; held where it was while paused. Never before the start.
    public func elapsed(at now: Timestamp) -> TimeSpan {
        let reading = pausedAt.map { min($0, now) } ?? now
        return max(.zero, reading - start + shift)
    }

    /// The scenario time reached at `now` (what the game master's line shows: `+00:12`).
    public func scenarioTime(at now: Timestamp) -> TimeSpan { plan.scenarioTime(atWall: elapsed(at: now)) }

    public var isPaused: Bool { pausedAt != nil }

    /// The cues due at `now` not yet handed out, in plan order; each is handed out once. The
    /// deadlines of a skipped inject's expectations are left out (nothing was played to answer).
    public mutating func due(at now: Timestamp) -> [DrillPlan.Cue] {
        guard !isOver else { return [] }
        let reached = elapsed(at: now)
        var cues: [DrillPlan.Cue] = []
        for (index, cue) in plan.cues.enumerated() where !handled.contains(index) && cue.wall <= reached {
            handled.insert(index)
            switch cue.what {
            case .inject(let inject) where skipped.contains(inject): continue
            case .deadline(let inject, _) where skipped.contains(inject): continue
            case .end: isOver = true
            default: break
            }
            cues.append(cue)
        }
        return cues
    }

    /// When the next cue falls due on the wall clock (nil: none left, or paused): what a runner
    /// sleeps until.
    public func nextDue() -> Timestamp? {
        guard !isOver, pausedAt == nil else { return nil }
        guard let index = plan.cues.indices.first(where: { !handled.contains($0) }) else { return nil }
        return start + plan.cues[index].wall - shift
    }

    /// The next inject not yet played or skipped: what skip and play-now act on.
    public var nextInject: (index: Int, cue: DrillPlan.Cue)? {
        for (position, cue) in plan.cues.enumerated() where !handled.contains(position) {
            if case .inject(let inject) = cue.what, !skipped.contains(inject) { return (inject, cue) }
        }
        return nil
    }

    /// Holds the script at `now`; false when already paused or over.
    @discardableResult
    public mutating func pause(at now: Timestamp) -> Bool {
        guard !isOver, pausedAt == nil else { return false }
        pausedAt = now
        return true
    }

    /// Lets the script run again from where it was held; false when it was not paused.
    @discardableResult
    public mutating func resume(at now: Timestamp) -> Bool {
        guard let pausedAt else { return false }
        shift = shift - max(.zero, now - pausedAt)
        self.pausedAt = nil
        return true
    }

    /// Skips the next inject: it is never played and its expectations are not scored. Returns its
    /// index, or nil when no inject is left.
    public mutating func skipNext() -> Int? {
        guard !isOver, let next = nextInject else { return nil }
        skipped.insert(next.index)
        return next.index
    }

    /// Moves the script's clock to the next inject, so it (and everything due before it) is due
    /// at `now`; a pause is lifted. Returns its index, or nil when no inject is left.
    public mutating func playNextNow(at now: Timestamp) -> Int? {
        guard !isOver, let next = nextInject else { return nil }
        resume(at: now)
        let reached = elapsed(at: now)
        if next.cue.wall > reached { shift = shift + (next.cue.wall - reached) }
        return next.index
    }

    /// Ends the drill: nothing more falls due.
    public mutating func end() { isOver = true }
}
