/// A time zone as the on-call maths needs it: the offset from UTC in effect at an instant. The
/// core reads no time zone database; `SystemZone` (WarRoomConfig) answers from the system's, a
/// test from a rule of its own.
public protocol ZoneRules: Sendable {
    /// The zone's name, as the schedule file gives it (`Europe/Berlin`, `UTC`).
    var identifier: String { get }
    /// Local time minus UTC at `instant` (+1h in Berlin in winter, +2h in summer).
    func offset(at instant: Timestamp) -> TimeSpan
}

/// UTC, and any fixed offset.
public struct FixedZone: ZoneRules {
    public var identifier: String
    public var fixed: TimeSpan

    public init(_ identifier: String = "UTC", offset: TimeSpan = TimeSpan(millis: 0)) {
        self.identifier = identifier
        fixed = offset
    }

    public func offset(at instant: Timestamp) -> TimeSpan { fixed }
}

extension ZoneRules {
    /// `instant` as this zone's wall clock: a timestamp whose UTC fields are the local ones, so
    /// `dateOnly` and `hourMinute` write local time.
    public func wall(_ instant: Timestamp) -> Timestamp { instant + offset(at: instant) }

    /// The local calendar fields of `instant` in this zone.
    public func local(_ instant: Timestamp) -> CivilTime { wall(instant).civil }

    /// The instant a local time names, as RFC 5545 reads one (3.3.5): in a repeated hour (clocks
    /// set back) the first of the two; in a skipped hour (clocks set forward) the offset from
    /// before the gap, so 02:30 on the spring-forward night in Berlin is 03:30 CEST. Nil when the
    /// fields are no date.
    public func instant(_ local: CivilTime) -> Timestamp? {
        guard let wall = Timestamp(local) else { return nil }
        // Offsets in force well before and after: no zone changes twice within a day.
        let before = offset(at: wall - .hours(26)), after = offset(at: wall + .hours(26))
        let candidates = [before, after].map { wall - $0 }.filter { offset(at: $0) == wall - $0 }
        if let first = candidates.min() { return first }
        return wall - before
    }
}
