/// The times warroom agrees to record. Every accepted time must read back: the event log writes
/// ISO 8601 with a four-digit year, so an instant outside year 0000…9999 would be written in a form
/// no reader accepts, and one bad event used to make a whole incident unreadable.
public enum TimeBounds {
    /// 1970-01-01T00:00:00Z: nothing an incident records happened before the Unix epoch.
    public static let earliest = Timestamp(millis: 0)
    /// How far after now a typed time may lie before it is refused as out of range (a later check
    /// still refuses any event dated after now: this only keeps the message about the range).
    public static let aheadAllowance = TimeSpan.hours(24)
    /// 0000-01-01T00:00:00Z: the first instant ISO 8601 writes with a four-digit year.
    public static let earliestWritable = Timestamp(millis: -62_167_219_200_000)
    /// 9999-12-31T23:59:59.999Z: the last instant ISO 8601 writes with a four-digit year.
    public static let latestWritable = Timestamp(millis: 253_402_300_799_999)
    /// How far ahead of today an action item may be due: ten years. No follow-up is due later, and
    /// it catches a typed `20260-01-01`; it also keeps every due date inside what the log can write.
    public static let dueAhead = TimeSpan.hours(24 * 3660)

    /// The last due date an action item may have when the clock reads `now`.
    public static func latestDue(now: Timestamp) -> Timestamp { now.startOfDay + dueAhead }

    /// Why `instant`, a time something happened, cannot be recorded when the clock reads `now`,
    /// as a phrase without its subject ("is before 1970-01-01T00:00:00Z, …"); nil when it can be
    /// (from 1970-01-01 to a day after `now`).
    public static func eventTimeProblem(_ instant: Timestamp, now: Timestamp) -> String? {
        if instant < earliest {
            return "is before \(earliest.iso8601), the earliest time warroom records"
        }
        if instant > latestWritable || instant.since(now) > aheadAllowance {
            return "is more than a day after now (\(printable(now))): record what has happened, when it happened"
        }
        return nil
    }

    /// The ISO form of `instant` when it can be written, else a plain description (never a
    /// misleading date).
    public static func printable(_ instant: Timestamp) -> String {
        (earliestWritable...latestWritable).contains(instant) ? instant.iso8601
            : instant < earliestWritable ? "(before the year 0)" : "(after the year 9999)"
    }
}

extension TimeBounds {
    /// Why an event from elsewhere (an import) holds a time warroom would not have accepted when
    /// the clock reads `now`: its `at`, when it was recorded, and the times its data carries
    /// (detection, impact start, due dates). Nil when every time is one warroom records.
    public static func problem(in event: Event, now: Timestamp) -> String? {
        var times: [(String, Timestamp)] = [("its time", event.at), ("its recording time", event.recordedAt)]
        var dues: [Timestamp] = []
        switch event.payload {
        case .declared(let declaration):
            times += [declaration.detectedAt.map { ("its detection time", $0) }, declaration.impactStartedAt.map { ("its impact start", $0) }]
                .compactMap { $0 }
        case .factsRecorded(let facts):
            times += [facts.detectedAt.map { ("its detection time", $0) }, facts.impactStartedAt.map { ("its impact start", $0) }]
                .compactMap { $0 }
        case .actionItemAdded(let item):
            dues.append(item.due)
        case .actionItemUpdated(let update):
            if let due = update.due { dues.append(due) }
        case .delivery(let record):
            times += [record.leaseUntil.map { ("its claim's end", $0) }, record.retryAt.map { ("its retry time", $0) }]
                .compactMap { $0 }
        case .entry(let entry):
            times += [entry.alert.map { ("its alert's start", $0.startsAt) }].compactMap { $0 }
        case .runbookUsed(let use):
            times += [use.lastTested.map { ("its runbook's last test", $0) }].compactMap { $0 }
        case .severityChanged, .impactRecorded, .roleAssigned, .entryAmended, .entryRetracted, .hypothesisOpened,
             .hypothesisDecided, .notified, .statusChanged, .updatePosted, .postmortemStatusChanged, .postmortemTextSet,
             .postmortemImpactSet, .factorSet, .whyAdded, .actionItemDone, .actionItemStatusChanged, .whyAmended,
             .causeTagged, .incidentLinked, .pageAcknowledged, .drillMarked:
            // No time of their own. Listed, not `default`, so a new type that carries one is checked.
            break
        }
        for (what, time) in times {
            if let problem = eventTimeProblem(time, now: now) { return "\(what) \(printable(time)) \(problem)" }
        }
        for due in dues where due < earliest || due > latestWritable {
            return "its due date \(printable(due)) is not between \(earliest.dateOnly) and 9999-12-31"
        }
        return nil
    }
}
