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

func measure(_ state: IncidentState, now: Timestamp, frames: Int) -> (median: Double, p99: Double) {
    var model = WarRoomModel(incident: state, policy: .standard, now: now, author: "alice", width: 200, height: 60)
    var samples: [Double] = []
    for frame in 0..<frames {
        model.now = now + .seconds(Int64(frame))
        let begin = DispatchTime.now().uptimeNanoseconds
        let (grid, _) = WarRoomView.render(model)
        let end = DispatchTime.now().uptimeNanoseconds
        precondition(grid.width == 200)
        samples.append(Double(end - begin) / 1_000_000)
    }
    samples.sort()
    return (samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 99 / 100)])
}

print("frame cost at 200x60 (state → cell grid), release build, \(ProcessInfo.processInfo.activeProcessorCount) cores")
print("events      median ms   p99 ms   vs 10-event frame")
var reference = 0.0
for count in [10, 1_000, 100_000] {
    let built = DispatchTime.now().uptimeNanoseconds
    let (state, now) = incident(events: count)
    let buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - built) / 1e9
    _ = measure(state, now: now, frames: 20) // warm-up
    let (median, p99) = measure(state, now: now, frames: 300)
    if count == 10 { reference = median }
    let ratio = reference > 0 ? median / reference : 1
    print(String(format: "%7d   %9.3f   %6.3f   %.2fx   (incident built in %.1f s)", state.eventCount, median, p99, ratio, buildSeconds))
    fflush(nil)
}

// What an idle second changes: cells that differ between two frames one second apart at 120×40,
// the floor for the terminal traffic that tui-bench measures.
do {
    let (state, now) = incident(events: 1_000)
    var changed: [Int] = []
    var model = WarRoomModel(incident: state, policy: .standard, now: now, author: "alice", width: 120, height: 40)
    var previous = WarRoomView.render(model).grid
    for second in 1...60 {
        model.now = now + .seconds(Int64(second))
        let grid = WarRoomView.render(model).grid
        changed.append(grid.changes(since: previous).count)
        previous = grid
    }
    changed.sort()
    print("\ncells changed per idle second at 120x40: median \(changed[changed.count / 2]), max \(changed.last ?? 0) (of 4800)")
}
