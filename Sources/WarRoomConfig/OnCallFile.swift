import Foundation
import WarRoomCore
import Yams

/// One schedule of an on-call file: the rotation, the method's rules it is checked against, and
/// its escalation policy.
public struct OnCallDefinition: Sendable {
    public var schedule: OnCallSchedule
    public var rules: OnCallRules
    public var escalation: [EscalationLevel]
    /// The health line it is measured against (`health_metrics`, `compensation`).
    public var health = OnCallHealthRules()
    /// The line of its `schedule:` key, for messages.
    public var line: Int?
}

/// Reads on-call files in the method's YAML shape: `schedule` (`name`, `timezone`,
/// `rotation_type`, `handoff_time`, `handoff_day`, `participants` with its rules and `members`,
/// `start`, `overrides`), `escalation_policy`, `compensation`, `health_metrics`; several
/// schedules as several documents or a list. Every mistake is a `Diagnostic` with file, line and
/// key; a schedule with a mistake is left out, the others kept.
public enum OnCallFile {
    /// The default file: `oncall.yaml` beside the config file.
    public static func defaultPath(environment: [String: String]) -> String {
        (Config.paths(environment: environment).config as NSString).deletingLastPathComponent + "/oncall.yaml"
    }

    public static func read(path: String) -> (definitions: [OnCallDefinition], problems: [Diagnostic]) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            return ([], [Diagnostic(file: path, message: "cannot be read (\(error.localizedDescription)); no schedule was loaded")])
        }
        return parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) -> (definitions: [OnCallDefinition], problems: [Diagnostic]) {
        var reader = Reader(file: file)
        reader.items(text) { reader, item in reader.definition(item) }
        if reader.definitions.isEmpty && reader.problems.isEmpty {
            reader.problems.append(Diagnostic(file: file, message: "holds no schedule: write one with its members (see the README)"))
        }
        let names = reader.definitions.map(\.schedule.name)
        for named in reader.levelSchedules where !names.contains(named.name) {
            reader.problems.append(Diagnostic(file: file, line: named.node.mark?.line, table: "escalation_policy level \(named.level)", key: "schedule",
                                              message: "'\(named.name)' is no schedule of this file" + Suggestion.didYouMean(named.name, among: names)
                                                + (names.isEmpty ? "" : ": it has \(names.joined(separator: ", "))")))
        }
        for (name, count) in Dictionary(reader.definitions.map { ($0.schedule.name, 1) }, uniquingKeysWith: +) where count > 1 {
            reader.problems.append(Diagnostic(file: file, key: "name", message: "'\(name)' names \(count) schedules: give each its own name"))
        }
        return (reader.definitions, reader.problems)
    }

    static let topKeys = ["schedule", "escalation_policy", "compensation", "health_metrics"]
    static let scheduleKeys = ["name", "timezone", "rotation_type", "handoff_time", "handoff_day", "start", "participants", "overrides"]
    static let participantKeys = ["min_rotation_size", "max_consecutive_weeks", "shadow_period", "members"]
    static let memberKeys = ["name", "joined", "time_zone"]
    static let overrideKeys = ["add", "remove", "replace", "with", "from", "to"]
    static let levelKeys = ["level", "target", "timeout", "schedule"]
    static let compensationKeys = ["on_call_stipend", "incident_response_overtime", "post_incident_time_off", "long_sev1", "rest"]
    static let healthKeys = ["track_pages_per_shift", "alert_if_pages_exceed", "track_mttr_per_engineer", "quarterly_on_call_review"]
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// `2_weeks`, `5_minutes`, `90s`, `1h30m`, `0`: a span, or nil.
    public static func span(_ text: String) -> TimeSpan? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "0" { return TimeSpan(millis: 0) }
        let parts = trimmed.split(separator: "_", maxSplits: 1)
        if parts.count == 2, let count = Int64(parts[0]), count >= 0 {
            let units: [String: Int64] = ["second": 1, "minute": 60, "hour": 3_600, "day": 86_400, "week": 604_800]
            let unit = parts[1].hasSuffix("s") ? String(parts[1].dropLast()) : String(parts[1])
            if let seconds = units[unit], count <= 100_000 { return .seconds(count * seconds) }
            return nil
        }
        if trimmed.hasSuffix("w"), let weeks = Int64(trimmed.dropLast()), (0...10_000).contains(weeks) { return .seconds(weeks * 604_800) }
        return TimeSpan.parse(trimmed)
    }

    struct Reader: YAMLReader {
        let file: String
        var definitions: [OnCallDefinition] = []
        var problems: [Diagnostic] = []
        /// Each level's `schedule:`, checked against every schedule once the file is read.
        var levelSchedules: [(node: Node, name: String, level: Int)] = []
        var failed = false

        init(file: String) { self.file = file }

        mutating func definition(_ node: Node) {
            failed = false
            guard let top = entries(node, known: OnCallFile.topKeys, table: nil) else { return }
            guard let scheduleNode = top["schedule"], let fields = entries(scheduleNode, known: OnCallFile.scheduleKeys, table: "schedule") else {
                if top["schedule"] == nil { problem(node, key: "schedule", "is missing: write schedule: with name, timezone, rotation_type, handoff_time and participants") }
                return
            }
            guard let name = scalar(fields["name"])?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                problem(fields["name"] ?? scheduleNode, key: "name", table: "schedule", "is missing: name the schedule (backend-primary)")
                return
            }
            let table = "schedule \(name)"
            let zoneName = scalar(fields["timezone"])?.trimmingCharacters(in: .whitespaces) ?? "UTC"
            let zone: any ZoneRules
            if let found = SystemZone(zoneName) {
                zone = found
            } else {
                problem(fields["timezone"], key: "timezone", table: table, "'\(zoneName)' is not a time zone"
                        + Suggestion.didYouMean(zoneName, among: SystemZone.known) + ": write an IANA name (Europe/Berlin, America/New_York, UTC)")
                zone = FixedZone()
            }
            let rotationText = scalar(fields["rotation_type"])?.lowercased() ?? ""
            let rotation = OnCallSchedule.Rotation(rawValue: rotationText)
            if rotation == nil {
                problem(fields["rotation_type"] ?? scheduleNode, key: "rotation_type", table: table,
                        (rotationText.isEmpty ? "is missing" : "'\(rotationText)' is not a rotation"
                         + Suggestion.didYouMean(rotationText, among: OnCallSchedule.Rotation.allCases.map(\.rawValue)))
                        + ": write weekly, daily or hourly")
            }
            let (hour, minute) = handoffTime(fields["handoff_time"], fallback: scheduleNode, table: table)
            var weekday = 1
            if let dayNode = fields["handoff_day"] {
                let day = (scalar(dayNode) ?? "").lowercased()
                if let index = OnCallFile.weekdays.firstIndex(where: { $0 == day || ($0.hasPrefix(day) && day.count >= 3) }) {
                    weekday = index + 1
                } else {
                    problem(dayNode, key: "handoff_day", table: table, "'\(day)' is not a day" + Suggestion.didYouMean(day, among: OnCallFile.weekdays)
                            + ": write monday … sunday")
                }
                if rotation != nil, rotation != .weekly {
                    problem(dayNode, key: "handoff_day", table: table, "is for a weekly rotation: a \(rotationText) one hands off every "
                            + (rotation == .daily ? "day" : "hour") + "; leave it out")
                }
            } else if rotation == .weekly {
                problem(scheduleNode, key: "handoff_day", table: table, "is missing: a weekly rotation names its day (monday)")
            }
            let start = instant(fields["start"], key: "start", zone: zone, table: table,
                                missing: "is missing: the instant of the first handoff (2026-11-30 10:00, in the schedule's timezone)",
                                fallback: scheduleNode)
            var rules = OnCallRules()
            var members: [OnCallSchedule.Member] = []
            if let participantsNode = fields["participants"],
               let participants = entries(participantsNode, known: OnCallFile.participantKeys, table: "\(table).participants") {
                if let node = participants["min_rotation_size"] { rules.minRotationSize = count(node, key: "min_rotation_size", table: table) ?? rules.minRotationSize }
                if let node = participants["max_consecutive_weeks"] {
                    rules.maxConsecutiveWeeks = count(node, key: "max_consecutive_weeks", table: table) ?? rules.maxConsecutiveWeeks
                }
                if let node = participants["shadow_period"] {
                    if let period = OnCallFile.span(scalar(node) ?? "") { rules.shadowPeriod = period } else {
                        problem(node, key: "shadow_period", table: "\(table).participants", "'\(scalar(node) ?? "")' is not a span: write 2_weeks or 14d")
                    }
                }
                members = self.members(participants["members"], fallback: participantsNode, zone: zone, table: "\(table).participants")
            } else if fields["participants"] == nil {
                problem(scheduleNode, key: "participants", table: table, "is missing: list the people in rotation order under participants.members")
            }
            let overrides = fields["overrides"].map { self.overrides($0, zone: zone, table: "\(table).overrides") } ?? []
            let escalation = top["escalation_policy"].map { levels($0, table: table) } ?? []
            let health = self.health(compensation: top["compensation"], metrics: top["health_metrics"], table: table)
            guard !failed, let rotation, let start else {
                problems.append(Diagnostic(file: file, line: scheduleNode.mark?.line, table: table, message: "left out until the mistakes above are fixed"))
                return
            }
            let schedule = OnCallSchedule(name: name, zone: zone, rotation: rotation, handoffHour: hour, handoffMinute: minute,
                                          handoffWeekday: weekday, members: members, start: start, overrides: overrides)
            definitions.append(OnCallDefinition(schedule: schedule, rules: rules, escalation: escalation, health: health, line: scheduleNode.mark?.line))
        }

        /// `health_metrics.alert_if_pages_exceed` and the rest owed after a long SEV1
        /// (`compensation.post_incident_time_off`, `long_sev1`, `rest`).
        mutating func health(compensation: Node?, metrics: Node?, table: String) -> OnCallHealthRules {
            var health = OnCallHealthRules()
            if let node = compensation, let fields = entries(node, known: OnCallFile.compensationKeys, table: "compensation") {
                if let flag = fields["post_incident_time_off"] {
                    switch scalar(flag)?.lowercased() {
                    case "true", "yes": health.restAfterLongSEV1 = true
                    case "false", "no": health.restAfterLongSEV1 = false
                    default: problem(flag, key: "post_incident_time_off", table: "compensation", "'\(scalar(flag) ?? "")' is not true or false")
                    }
                }
                for (key, path) in [("long_sev1", \OnCallHealthRules.longSEV1), ("rest", \OnCallHealthRules.rest)] {
                    guard let node = fields[key] else { continue }
                    if let span = OnCallFile.span(scalar(node) ?? ""), span.millis > 0 { health[keyPath: path] = span } else {
                        problem(node, key: key, table: "compensation", "'\(scalar(node) ?? "")' is not a span: write 4_hours or 12h")
                    }
                }
            }
            if let node = metrics, let fields = entries(node, known: OnCallFile.healthKeys, table: "health_metrics"), let limit = fields["alert_if_pages_exceed"] {
                if let value = Int(scalar(limit) ?? ""), (0...10_000).contains(value) { health.pagesPerWeek = value } else {
                    problem(limit, key: "alert_if_pages_exceed", table: "health_metrics", "'\(scalar(limit) ?? "")' is not a count: write a whole number (5)")
                }
            }
            return health
        }

        /// `10:00` → (10, 0).
        mutating func handoffTime(_ node: Node?, fallback: Node, table: String) -> (Int, Int) {
            guard let text = scalar(node) else {
                problem(fallback, key: "handoff_time", table: table, "is missing: the local time of each handoff, in business hours (10:00)")
                return (10, 0)
            }
            let parts = text.split(separator: ":")
            if parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute) {
                return (hour, minute)
            }
            problem(node, key: "handoff_time", table: table, "'\(text)' is not a time of day: write HH:MM, 24-hour (10:00)")
            return (10, 0)
        }

        /// An instant: ISO 8601 with its offset (`2026-11-30T10:00:00+01:00`, `…Z`), or a local
        /// date and time in `zone` (`2026-11-30 10:00`, `2026-11-30T10:00`); a date alone is its midnight.
        mutating func instant(_ node: Node?, key: String, zone: any ZoneRules, table: String, missing: String, fallback: Node? = nil) -> Timestamp? {
            guard let text = scalar(node)?.trimmingCharacters(in: .whitespaces) else {
                problem(node ?? fallback, key: key, table: table, missing)
                return nil
            }
            // warroom's one ISO 8601 reader: a time that takes a `Z` had no offset, so it is the
            // zone's wall clock (a date alone its midnight); one that does not takes its own.
            if let wall = Timestamp(iso8601: text + "Z") ?? Timestamp(iso8601: text + "T00:00Z"), let instant = zone.instant(wall.civil) {
                return instant
            }
            if let instant = Timestamp(iso8601: text) { return instant }
            problem(node, key: key, table: table, "'\(text)' is not a time: write 2026-11-30 10:00 (in \(zone.identifier)) or ISO 8601 with its offset")
            return nil
        }

        mutating func count(_ node: Node, key: String, table: String) -> Int? {
            if let value = Int(scalar(node) ?? ""), (1...1_000).contains(value) { return value }
            problem(node, key: key, table: "\(table).participants", "'\(scalar(node) ?? "")' is not a count: write a whole number from 1")
            return nil
        }

        mutating func members(_ node: Node?, fallback: Node, zone: any ZoneRules, table: String) -> [OnCallSchedule.Member] {
            guard let node, let list = node.sequence, !list.isEmpty else {
                problem(node ?? fallback, key: "members", table: table, "must list the people in rotation order: - alice, - bob (or - name: dave, joined: 2026-12-01)")
                return []
            }
            var members: [OnCallSchedule.Member] = []
            for item in list {
                if let name = scalar(item)?.trimmingCharacters(in: .whitespaces), item.mapping == nil {
                    guard !name.isEmpty else { problem(item, key: "members", table: table, "an empty name: write the person's name"); continue }
                    members.append(OnCallSchedule.Member(name))
                    continue
                }
                guard let fields = entries(item, known: OnCallFile.memberKeys, table: "\(table).members") else { continue }
                guard let name = scalar(fields["name"])?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                    problem(item, key: "name", table: "\(table).members", "is missing: the person's name")
                    continue
                }
                var own: String?
                var memberZone = zone
                if let zoneNode = fields["time_zone"], let text = scalar(zoneNode) {
                    if let found = SystemZone(text) { own = text; memberZone = found } else {
                        problem(zoneNode, key: "time_zone", table: "\(table).members", "'\(text)' is not a time zone"
                                + Suggestion.didYouMean(text, among: SystemZone.known) + ": write an IANA name (America/New_York)")
                    }
                }
                let joined = fields["joined"].flatMap {
                    instant($0, key: "joined", zone: memberZone, table: "\(table).members", missing: "is empty: write the day they joined (2026-12-01)")
                }
                members.append(OnCallSchedule.Member(name, joined: joined, timeZone: own))
            }
            return members
        }

        mutating func overrides(_ node: Node, zone: any ZoneRules, table: String) -> [OnCallSchedule.Override] {
            guard let list = node.sequence else {
                problem(node, key: "overrides", table: table, "must be a list: - replace: alice, with: erin, from: 2026-12-24 10:00, to: 2026-12-27 10:00")
                return []
            }
            var result: [OnCallSchedule.Override] = []
            for item in list {
                guard let fields = entries(item, known: OnCallFile.overrideKeys, table: table) else { continue }
                let named = ["add", "remove", "replace"].filter { fields[$0] != nil }
                guard named.count == 1, let verb = named.first, let person = scalar(fields[verb]), !person.isEmpty else {
                    problem(item, key: named.count > 1 ? named[1] : "add", table: table,
                            "give one of add, remove or replace, with the person's name (\(named.count) given)")
                    continue
                }
                let action: OnCallSchedule.Override.Action
                switch verb {
                case "add": action = .add(person)
                case "remove": action = .remove(person)
                default:
                    guard let other = scalar(fields["with"]), !other.isEmpty else {
                        problem(item, key: "with", table: table, "is missing: replace \(person) with whom?")
                        continue
                    }
                    action = .replace(person, with: other)
                }
                if verb != "replace", let with = fields["with"] {
                    problem(with, key: "with", table: table, "goes with replace, not \(verb)")
                    continue
                }
                guard let from = instant(fields["from"], key: "from", zone: zone, table: table, missing: "is missing: when the override begins", fallback: item),
                      let to = instant(fields["to"], key: "to", zone: zone, table: table, missing: "is missing: when it ends", fallback: item) else { continue }
                guard from < to else {
                    problem(fields["to"], key: "to", table: table, "is not after from: an override ends after it begins")
                    continue
                }
                result.append(OnCallSchedule.Override(action, from: from, to: to))
            }
            return result
        }

        mutating func levels(_ node: Node, table: String) -> [EscalationLevel] {
            guard let list = node.sequence else {
                problem(node, key: "escalation_policy", table: table, "must be a list: - level: 1, target: on-call-primary, timeout: 5_minutes")
                return []
            }
            var levels: [EscalationLevel] = []
            for (index, item) in list.enumerated() {
                guard let fields = entries(item, known: OnCallFile.levelKeys, table: "escalation_policy") else { continue }
                let level = Int(scalar(fields["level"]) ?? "") ?? index + 1
                guard let target = scalar(fields["target"])?.trimmingCharacters(in: .whitespaces), !target.isEmpty else {
                    problem(fields["target"] ?? item, key: "target", table: "escalation_policy level \(level)",
                            "is missing: whom this level pages (on-call-secondary, a person)")
                    continue
                }
                guard let timeoutText = scalar(fields["timeout"]), let timeout = OnCallFile.span(timeoutText) else {
                    problem(fields["timeout"] ?? item, key: "timeout", table: "escalation_policy level \(level)",
                            "'\(scalar(fields["timeout"]) ?? "")' is not a timeout: write 5_minutes (0 for the last level)")
                    continue
                }
                let schedule = scalar(fields["schedule"])?.trimmingCharacters(in: .whitespaces)
                if let node = fields["schedule"], schedule?.isEmpty != false {
                    problem(node, key: "schedule", table: "escalation_policy level \(level)", "is empty: name the schedule this level pages, or leave it out")
                    continue
                }
                levels.append(EscalationLevel(level: level, target: target, timeout: timeout, schedule: schedule))
                if let node = fields["schedule"], let schedule { levelSchedules.append((node, schedule, level)) }
            }
            return levels
        }
    }
}
