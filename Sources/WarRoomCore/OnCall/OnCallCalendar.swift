/// A schedule's turns as an iCalendar file (RFC 5545) for any calendar: one event per turn, in
/// UTC, overrides as events of their own; CRLF line ends, text escaped, lines folded at 75 octets.
public enum OnCallCalendar {
    public static func ics(_ schedules: [(OnCallSchedule, [OnCallSchedule.Shift])], stamp: Timestamp) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//warroom//on-call//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        for (schedule, shifts) in schedules {
            for shift in shifts {
                lines += event(uid: "\(schedule.name)-\(shift.start.millis)", start: shift.start, end: shift.end, stamp: stamp,
                               summary: "On call: \(shift.person) (\(schedule.name))")
            }
            for override in schedule.overrides where shifts.contains(where: { $0.start < override.to && override.from < $0.end }) {
                let summary: String
                switch override.action {
                case .add(let person): summary = "On call too: \(person) (\(schedule.name) override)"
                case .remove(let person): summary = "Off call: \(person) (\(schedule.name) override)"
                case .replace(let person, let other): summary = "On call: \(other) instead of \(person) (\(schedule.name) override)"
                }
                lines += event(uid: "\(schedule.name)-override-\(override.from.millis)-\(override.to.millis)", start: override.from,
                               end: override.to, stamp: stamp, summary: summary)
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func event(uid: String, start: Timestamp, end: Timestamp, stamp: Timestamp, summary: String) -> [String] {
        ["BEGIN:VEVENT", "UID:\(escape(uid))@warroom", "DTSTAMP:\(utc(stamp))", "DTSTART:\(utc(start))", "DTEND:\(utc(end))",
         "SUMMARY:\(escape(summary))", "TRANSP:TRANSPARENT", "END:VEVENT"]
    }

    /// `20261130T090000Z`.
    static func utc(_ instant: Timestamp) -> String {
        let c = instant.civil
        func two(_ n: Int) -> String { (n < 10 ? "0" : "") + "\(n)" }
        return "\(c.year)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
    }

    /// TEXT as RFC 5545 3.3.11 writes it: backslash, semicolon, comma and newline escaped;
    /// other control characters (C0, DEL, C1) dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default: if scalar.value >= 0x20 && !(0x7f...0x9f).contains(scalar.value) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Lines longer than 75 octets folded (a CRLF and a space), never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var out = "", count = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.unicodeScalars.append(scalar)
            count += size
        }
        return out
    }
}
