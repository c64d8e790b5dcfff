// Frame cost: rendering the whole war room (state → cell grid) at 200×60 for incidents of 10,
// 1,000 and 100,000 events. The cost must follow what is visible, not the length of the
// history: the 100k frame is reported next to the 10-event frame measured in the same run.
import Foundation
import WarRoomCore
import WarRoomUI

let start = Timestamp(iso8601: "2026-11-28T14:00:00Z") ?? Timestamp(millis: 0)
let words = ["rolled", "back", "config", "v41", "errors", "dropping", "eu-west-1", "checking", "pool", "日本語", "latency", "p99"]

/// An incident of `count` events: mostly entries, some roles, hypotheses and updates.
func incident(events count: Int) -> (IncidentState, Timestamp) {
    var rng = SystemRandomNumberGenerator()
    var now = start
    var state: IncidentState?
    var made = 0
    func record(_ command: Command, _ author: String) {
        made += 1 // counts attempts too, so a refused command can never stall the loop
        if let events = try? Incident.record(command, incident: "INC-1", state: state, author: author, at: now, now: now,
                                             policy: .standard, makeID: { UUID() }) {
            // In place: folding onto a copy would copy the whole history per event.
            if state == nil { state = IncidentState.fold(events) } else { for event in events { state?.apply(event) } }
        }
    }
    record(.declare(Declaration(title: "Checkout API returning 500s", severity: .sev1, service: "checkout-api")), "alice")
    record(.assignRole(.commander, person: "alice"), "alice")
    record(.openHypothesis(text: "bad config deploy", owner: "bob", timebox: nil), "bob")
    while made < count {
        now = now + .seconds(Int64.random(in: 1...20, using: &rng))
        let text = (0..<Int.random(in: 4...24, using: &rng)).map { _ in words.randomElement(using: &rng) ?? "x" }.joined(separator: " ")
        switch made % 50 {
        case 7: record(.postUpdate(audience: .engineering, text: text), "carol")
        case 13: record(.assignRole(.scribe, person: ["carol", "dan"][(made / 50) % 2]), "carol")
        default: record(.log(Entry(kind: EntryKind.allCases[made % EntryKind.allCases.count], text: text)), ["alice", "bob", "carol"][made % 3])
        }
    }
    return (state ?? IncidentState(declaration: Event(id: UUID(), incident: "INC-1", at: start, recordedAt: start, author: "a",
                                                      payload: .declared(Declaration(title: "t", severity: .sev1))),
                                   Declaration(title: "t", severity: .sev1)), now)
}

/// The time in ms of one render of `model` with the laid-out rows `rows` (a fresh memo: a first frame).
func frameTime(_ model: WarRoomModel, rows: TimelineRowCache = TimelineRowCache()) -> Double {
    let begin = DispatchTime.now().uptimeNanoseconds
    let (grid, _) = WarRoomView.render(model, rows: rows)
    let end = DispatchTime.now().uptimeNanoseconds
    precondition(grid.width == 200)
    return Double(end - begin) / 1_000_000
}

func model(_ incident: (state: IncidentState, now: Timestamp)) -> WarRoomModel {
    WarRoomModel(incident: incident.state, policy: .standard, now: incident.now, author: "alice", width: 200, height: 60)
}

print("frame cost at 200x60 (state → cell grid), release build, \(ProcessInfo.processInfo.activeProcessorCount) cores")
let counts = [10, 1_000, 100_000]
var incidents: [(state: IncidentState, now: Timestamp)] = []
for count in counts {
    let built = DispatchTime.now().uptimeNanoseconds
    incidents.append(incident(events: count))
    print(String(format: "built the %d-event incident in %.1f s", count, Double(DispatchTime.now().uptimeNanoseconds - built) / 1e9))
}
// One war room per incident, as the runtime keeps one model: the clock moves a second per frame.
// Rounds take turns between the incidents, so a slow moment of this shared machine falls on all
// of them alike instead of on whichever was being measured. Each round also times the first
// frame of a freshly opened war room (nothing laid out yet: a start, a resize).
var rooms = incidents.map(model)
// The runtime keeps one memo of laid-out rows per war room, outside the model.
let roomRows = incidents.map { _ in TimelineRowCache() }
var samples = Array(repeating: [Double](), count: counts.count)
var firstFrames = Array(repeating: [Double](), count: counts.count)
for round in 0..<31 {
    for index in counts.indices {
        let first = frameTime(model(incidents[index]))
        var batch: [Double] = []
        for _ in 0..<20 {
            rooms[index].now = rooms[index].now + .seconds(1)
            batch.append(frameTime(rooms[index], rows: roomRows[index]))
        }
        if round > 0 { samples[index] += batch; firstFrames[index].append(first) } // round 0 warms up
    }
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
print("events      median ms   p99 ms   vs 10-event frame   first frame ms (median)")
let reference = median(samples[0])
for index in counts.indices {
    let sorted = samples[index].sorted()
    let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
    print(String(format: "%7d   %9.3f   %6.3f   %.2fx                %.3f", incidents[index].state.eventCount, median(sorted), p99,
                 median(sorted) / reference, median(firstFrames[index])))
}
fflush(nil)

// Scrolled back in the 100k incident: each frame walks the row counts of every item between the
// newest and the screen (kept after the first walk) and draws only the items on screen. The
// oldest row is reached as the IC does, with Home in navigation mode (which counts every row).
do {
    print("\nscrolled back in the 100k incident (200x60): the first frame there (with the key), then median of 100 (ms)")
    for back in [1_000, 10_000, nil] {
        var room = model(incidents[2])
        let rows = TimelineRowCache()
        _ = WarRoomView.render(room, rows: rows)
        _ = room.update(.input(.key(.escape)), rows: rows)
        let begin = DispatchTime.now().uptimeNanoseconds
        if let back { room.scrollBack = back } else { _ = room.update(.input(.key(.home)), rows: rows) }
        _ = WarRoomView.render(room, rows: rows)
        let first = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1_000_000
        var times: [Double] = []
        for _ in 0..<100 {
            room.now = room.now + .seconds(1)
            times.append(frameTime(room, rows: rows))
        }
        print(String(format: "%9d rows back   first %8.2f   then %7.3f", room.scrollBack, first, median(times)))
    }
}

// Filtered in the 100k incident: a frame walks back until the screen is full of matching rows,
// through every item when few match.
do {
    print("\nfiltered in the 100k incident (200x60): median of 50 frames (ms)")
    for (name, filter) in [("kind decision", TimelineFilter(text: nil, kind: .decision)),
                           ("text 'p99'", TimelineFilter(text: "p99", kind: nil)),
                           ("text matching nothing", TimelineFilter(text: "no such words", kind: nil))] {
        var room = model(incidents[2])
        room.filter = filter
        let rows = TimelineRowCache()
        _ = WarRoomView.render(room, rows: rows)
        var times: [Double] = []
        for _ in 0..<50 {
            room.now = room.now + .seconds(1)
            times.append(frameTime(room, rows: rows))
        }
        print(String(format: "%-24@ %8.3f", name as NSString, median(times)))
    }
}

// What an idle second changes: cells that differ between two frames one second apart at 120×40,
// the floor for the terminal traffic that tui-bench measures.
do {
    let (state, now) = incident(events: 1_000)
    var changed: [Int] = []
    var model = WarRoomModel(incident: state, policy: .standard, now: now, author: "alice", width: 120, height: 40)
    let rows = TimelineRowCache()
    var previous = WarRoomView.render(model, rows: rows).grid
    for second in 1...60 {
        model.now = now + .seconds(Int64(second))
        let grid = WarRoomView.render(model, rows: rows).grid
        changed.append(grid.changes(since: previous).count)
        previous = grid
    }
    changed.sort()
    print("\ncells changed per idle second at 120x40: median \(changed[changed.count / 2]), max \(changed.last ?? 0) (of 4800)")
}
