import WarRoomCore
import WarRoomText
import WarRoomScreen

/// Alerts of one kind collapsed into one: every vacant role is one "roles vacant", every expired
/// timebox one "hypotheses expired", so a short strip still names every kind of thing owed.
struct AlertGroup: Hashable, Sendable {
    var level: Alert.Level
    /// The whole sentence, for a row of its own.
    var long: String
    /// A few words ("Update overdue 4m", "2 hypotheses expired"), to share a row with others.
    var short: String

    /// What alerts are collapsed by.
    enum GroupKey: Hashable { case obligation(ObligationKind), update, hypotheses, vacant, doubling, monitoring, delivery(String), proposals, children, pages, runbook }

    /// The alerts (most urgent first) grouped by kind, in the order of each kind's most urgent.
    static func groups(_ alerts: [Alert], now: Timestamp) -> [AlertGroup] {
        var order: [GroupKey] = []
        var members: [GroupKey: [Alert]] = [:]
        for alert in alerts {
            let key: GroupKey = switch alert.subject {
            case .obligation(let kind): .obligation(kind)
            case .statusUpdate: .update
            case .hypothesis: .hypotheses
            case .role(.vacant): .vacant
            case .role(.commanderDoubling): .doubling
            case .monitoringWindow: .monitoring
            case .delivery(let name): .delivery(name)
            case .proposal: .proposals
            case .child: .children
            case .page: .pages
            case .runbook: .runbook
            }
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(alert)
        }
        // Names in alerts are typed by people: cleaned here, so they are packed by the columns
        // they are drawn in (`^[`, `<U+202E>`).
        return order.compactMap { key in
            members[key].flatMap { collapse($0, key: key, now: now) }
        }.map { AlertGroup(level: $0.level, long: Sanitizer.clean($0.long), short: Sanitizer.clean($0.short)) }
    }

    /// One kind's alerts as one group.
    private static func collapse(_ group: [Alert], key: GroupKey, now: Timestamp) -> AlertGroup? {
        guard let first = group.first else { return nil }
        let level = group.map(\.level).min() ?? first.level
        switch key {
        case .hypotheses: return hypotheses(group, level: level)
        case .vacant: return vacant(group, level: level)
        case .obligation(let kind):
            // "Post-mortem due — due in 2d" says "due" once.
            let long = first.message.replacing(" due — due in ", with: " due in ")
            return AlertGroup(level: level, long: long, short: obligation(first, kind: kind, now: now))
        case .update:
            // The short form keeps what is owed and how late; the audiences are in the long form.
            let what = first.message.firstRange(of: " to ").map { String(first.message[..<$0.lowerBound]) }
            return AlertGroup(level: level, long: first.message, short: timed(first, now: now, what: what))
        case .doubling:
            var short = first.message
            if case .role(.commanderDoubling(let person, let also)) = first.subject {
                short = "\(person) is IC + " + also.map(\.label).joined(separator: " + ")
            }
            return AlertGroup(level: level, long: first.message, short: short)
        case .monitoring:
            let short = first.deadline.map { $0 > now ? "Monitoring \(($0 - now).clock) left" : "Ready to resolve" } ?? first.message
            return AlertGroup(level: level, long: first.message, short: short)
        case .children:
            let ids = group.compactMap { alert -> String? in
                if case .child(let id) = alert.subject { return id }
                return nil
            }
            guard ids.count > 1 else {
                return AlertGroup(level: level, long: first.message, short: "\(ids.first ?? "child") update overdue")
            }
            return AlertGroup(level: level, long: "\(ids.count) children's updates overdue: " + ids.joined(separator: ", "),
                              short: "\(ids.count) children overdue")
        case .pages:
            guard group.count > 1 else {
                let person = first.message.firstRange(of: " paged").map { String(first.message[..<$0.lowerBound]) } ?? "page"
                return AlertGroup(level: level, long: first.message, short: "\(person) not acked")
            }
            return AlertGroup(level: level, long: "\(group.count) pages not acknowledged: " + group.map(\.message).joined(separator: "; "),
                              short: "\(group.count) pages not acked")
        case .runbook:
            return AlertGroup(level: level, long: first.message, short: "Runbook: F2")
        case .proposals:
            let labels = group.compactMap { alert -> String? in
                if case .proposal(let n) = alert.subject { return "P\(n)" }
                return nil
            }
            guard labels.count > 1 else {
                return AlertGroup(level: level, long: first.message, short: "\(labels.first ?? "P?") proposed: /accept \(labels.first ?? "P?") or /dismiss")
            }
            return AlertGroup(level: level,
                              long: "\(labels.count) incidents proposed by alerts (\(labels.joined(separator: ", "))) — /accept or /dismiss each; warroom proposals lists them",
                              short: "\(labels.count) proposed (\(labels.joined(separator: ", ")))")
        case .delivery(let name):
            // The refusal first (it waits for a person), then what waits for a retry.
            let refused = group.first { $0.level == .warning }, waiting = group.first { $0.level == .info }
            let short = [refused.map { _ in "\(name) refused" }, waiting.map { _ in "\(name) unsent" }].compactMap { $0 }
            return AlertGroup(level: level, long: group.map(\.message).joined(separator: "; "), short: short.joined(separator: ", "))
        }
    }

    private static func hypotheses(_ group: [Alert], level: Alert.Level) -> AlertGroup {
        let numbers = group.compactMap { alert -> Int? in
            if case .hypothesis(let n) = alert.subject { return n }
            return nil
        }
        guard numbers.count > 1, let first = group.first else {
            let n = numbers.first.map { "#\($0)" } ?? ""
            // The choices in one word each, so the sentence fits 80 columns.
            let long = (group.first?.message ?? "").replacing(" (rule out)", with: "").replacing("extend once", with: "extend")
            return AlertGroup(level: level, long: long, short: "Hypothesis \(n) expired")
        }
        let list = numbers.map { "#\($0)" }.joined(separator: ", ")
        let oldest = first.message.firstRange(of: "expired ").map { first.message[$0.upperBound...] }
            .flatMap { $0.split(separator: ":").first }.map { ", oldest \($0)" } ?? ""
        return AlertGroup(level: level,
                          long: "\(numbers.count) hypotheses expired (\(list)\(oldest)): decide each — confirm, pivot, extend or escalate",
                          short: "\(numbers.count) hypotheses expired")
    }

    private static func vacant(_ group: [Alert], level: Alert.Level) -> AlertGroup {
        let roles = group.compactMap { alert -> Role? in
            if case .role(.vacant(let role)) = alert.subject { return role }
            return nil
        }
        guard roles.count > 1 else {
            let name = roles.first?.label ?? "role"
            return AlertGroup(level: level, long: group.first?.message ?? "", short: "No \(name)")
        }
        return AlertGroup(level: level, long: "\(roles.count) roles vacant: " + roles.map(\.title).joined(separator: ", "),
                          short: "\(roles.count) roles vacant (" + roles.map(\.label).joined(separator: ", ") + ")")
    }

    private static func obligation(_ alert: Alert, kind: ObligationKind, now: Timestamp) -> String {
        switch kind {
        case .commanderAssigned: timed(alert, now: now, what: "Assign an IC")
        case .rootCauseEscalation: timed(alert, now: now, what: "Root cause")
        default: timed(alert, now: now)
        }
    }

    /// "<what> overdue 2m" or "<what> in 18m": the message's part before " — " unless told.
    private static func timed(_ alert: Alert, now: Timestamp, what: String? = nil) -> String {
        var head = what ?? alert.message.firstRange(of: " — ").map { String(alert.message[..<$0.lowerBound]) } ?? alert.message
        if head.hasPrefix("Status update") { head = "Update" + head.dropFirst("Status update".count) }
        guard let deadline = alert.deadline else { return head }
        return "\(head) \(Timing(deadline: deadline, now: now).short(late: "overdue"))"
    }
}

extension Timing {
    /// A deadline in the fewest words, for rows that must fit: "now", "in 3m", or `late` and the
    /// delay ("overdue 4m"), whole seconds rounded so that a due deadline never reads as passed.
    func short(late: String) -> String {
        switch self {
        case .overdue(let by): "\(late) \(TimeSpan.seconds(max(1, by.seconds)).compact)"
        case .due(let left): left.millis == 0 ? "now" : "in \(TimeSpan.seconds(left.secondsRoundedUp).compact)"
        }
    }
}

/// The rows under the header: every kind of thing owed, most urgent first. A kind gets a row of
/// its own while rows last; when there are more kinds than rows, the least urgent share the last
/// rows in a few words each, so nothing owed hides behind "… and 6 more".
enum AlertsStrip {
    /// One piece of a row: a group's marker and text, in its level's role.
    struct Segment: Hashable {
        var text: String
        var level: Alert.Level?
    }

    static let separator = "  "

    /// Rows the strip wants: one per kind.
    static func rowsWanted(_ alerts: [Alert], now: Timestamp) -> Int { AlertGroup.groups(alerts, now: now).count }

    /// The strip's rows at `width`×`rows`: as many long rows as leave room for the rest in short.
    static func arrange(_ groups: [AlertGroup], width: Int, rows: Int) -> [[Segment]] {
        guard rows > 0, width > 3, !groups.isEmpty else { return [] }
        func long(_ group: AlertGroup) -> [Segment] {
            [Segment(text: "\(Header.marker(group.level)) " + TextWrap.truncated(group.long, width: width - 3), level: group.level)]
        }
        if groups.count <= rows { return groups.map(long) }
        for k in stride(from: rows - 1, through: 0, by: -1) {
            if let packed = pack(Array(groups[k...]), width: width, rows: rows - k, counting: false) {
                return groups[..<k].map(long) + packed
            }
        }
        return pack(groups, width: width, rows: rows, counting: true) ?? []
    }

    /// The groups' short forms, packed into at most `rows` rows; nil when they do not all fit,
    /// unless `counting`: then the last row ends with how many did not fit.
    static func pack(_ groups: [AlertGroup], width: Int, rows: Int, counting: Bool) -> [[Segment]]? {
        let room = width - 1 // after a leading space
        func more(_ count: Int) -> Segment { Segment(text: separator + "+\(count) more", level: nil) }
        var result: [[Segment]] = []
        var row: [Segment] = []
        var used = 0
        var index = 0
        while index < groups.count {
            let group = groups[index]
            let text = "\(Header.marker(group.level)) \(group.short)"
            let gap = row.isEmpty ? "" : separator
            let lastRow = result.count == rows - 1
            let after = groups.count - index - 1
            let reserve = counting && lastRow && after > 0 ? DisplayWidth.of(more(after).text) : 0
            if used + DisplayWidth.of(gap + text) + reserve <= room {
                row.append(Segment(text: gap + text, level: group.level))
                used += DisplayWidth.of(gap + text)
                index += 1
            } else if row.isEmpty {
                // Alone and still too wide: it takes the row, in as many words as fit.
                guard counting else { return nil }
                let cut = "\(Header.marker(group.level)) " + TextWrap.truncated(group.short, width: max(1, room - reserve - 2))
                row.append(Segment(text: cut, level: group.level))
                used += DisplayWidth.of(cut)
                index += 1
            } else if lastRow {
                guard counting else { return nil }
                // The item before reserved room for exactly this count.
                row.append(more(groups.count - index))
                result.append(row)
                return result
            } else {
                result.append(row)
                row = []
                used = 0
            }
        }
        if !row.isEmpty { result.append(row) }
        return result.count <= rows ? result : nil
    }

    static func draw(_ grid: inout Grid, _ rect: Rect, _ alerts: [Alert], now: Timestamp) {
        guard rect.height > 0 else { return }
        let rows = arrange(AlertGroup.groups(alerts, now: now), width: rect.width, rows: rect.height)
        for (offset, segments) in rows.enumerated() {
            let y = rect.y + offset
            let rowRole = segments.count == 1 ? segments[0].level.map(Header.role) ?? .muted : .text
            grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: Cell(" ", rowRole))
            var x = rect.x + 1
            for segment in segments {
                x += grid.put(segment.text, x: x, y: y, role: segment.level.map(Header.role) ?? .muted, limit: rect.maxX - x)
            }
        }
    }
}
