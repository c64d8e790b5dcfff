import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomStore
import WarRoomText

/// Shared by every subcommand that records: run the command, then confirm what was written.
enum Recording {
    static func run(_ global: GlobalOptions, at: AtOption, json: Bool, offline: Command? = nil,
                    _ make: (IncidentState) throws -> Command) throws {
        let session = try Session(global)
        let when = try at.resolve(now: session.now)
        let (state, written) = try session.record(incident: try session.resolveIncident(global.incident), at: when,
                                                  offline: offline, make)
        confirm(state, written, json: json, now: session.now)
    }

    /// `run` for a command that needs no state to be built: it can be queued even when the
    /// incident cannot be read (the server is unreachable).
    static func run(_ global: GlobalOptions, at: AtOption, json: Bool, command: Command) throws {
        try run(global, at: at, json: json, offline: command) { _ in command }
    }

    /// One line per event written (`INC-1 #7 14:02:07 alice  action  rolled back`), or JSON with
    /// the event ids and sequence numbers, printed only after the commit returned. The line shows
    /// the date too when the event's UTC day is not `now`'s (a backdated `23:58` is yesterday's).
    static func confirm(_ state: IncidentState, _ written: [StoredEvent], json: Bool, now: Timestamp? = nil,
                        print: (String) -> Void = { Swift.print($0) }) {
        if json {
            let events = written.map { stored in
                JSONValue.object([("id", .string(stored.event.id.uuidString)), ("sequence", .number(stored.sequence)),
                                  ("type", .string(stored.event.payload.type))])
            }
            print(JSONValue.object([("incident", .string(state.id)), ("events", .array(events))]).rendered(pretty: false))
            return
        }
        for stored in written {
            if let item = state.timelineItem(for: stored.event.id) {
                let dated = now.map { item.at.startOfDay != $0.startOfDay } ?? false
                print("\(state.id) #\(stored.sequence) \(TimelineFormat.textRow(item, dated: dated))")
            } else {
                print("\(state.id) #\(stored.sequence) \(stored.event.payload.type) recorded")
            }
        }
    }
}

/// Reads a `15m` style span, or explains the accepted forms.
func parseSpan(_ text: String, option: String) throws -> TimeSpan {
    guard let span = TimeSpan.parse(text) else {
        throw UserFacingError("cannot read \(option) '\(text)': use a length such as 15m, 90s, 1h30m")
    }
    return span
}
