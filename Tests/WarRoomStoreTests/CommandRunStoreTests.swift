import Foundation
import Testing
import WarRoomCore
import WarRoomStore

/// An action entry that records a command (`warroom exec`) on every backend: stored, read back
/// by the store's own reader exactly as written, and folded into its timeline row.
@Suite struct CommandRunStoreTests {
    static let runs: [CommandRun] = [
        CommandRun(command: ["kubectl", "rollout", "undo", "deploy/api"], exitStatus: 0, durationMillis: 4_200,
                   outputBytes: 38, outputLines: 1, head: ["deployment.apps/api rolled back"]),
        CommandRun(command: ["sh", "-c", "trap 'exit 130' INT; sleep 30"], exitStatus: nil, signal: 2, durationMillis: 2_100,
                   outputBytes: 12_345_678, outputLines: 100_000, head: ["1", "2", "^G^H", "", "é ✓"],
                   tail: ["99996", "99997", "99998", "99999", "100000"], savedOutput: "/tmp/w/outputs/INC-1-x-exec.log"),
        CommandRun(command: ["no-such-thing"], exitStatus: 127, startError: "not found", durationMillis: 0),
    ]

    @Test("Entries with a command run are read back exactly and folded into their rows", arguments: StoreBackend.all)
    func roundTrip(_ backend: StoreBackend) throws {
        try backend.withStore { store, location in
            let id = try declareIncident(store)
            let events = Self.runs.enumerated().map { index, run in
                Event(id: UUID(), incident: id, at: Timestamp(millis: baseTime.millis + Int64(index)),
                      recordedAt: baseTime, author: "alice",
                      payload: .entry(Entry(kind: .action, text: "ran \(run.commandLine)", run: run)))
            }
            _ = try store.append(to: id, knownSequence: 1) { _ in events }
            // A second connection reads what the first wrote, through the backend's reader.
            let read = try location.open().events(of: id, after: 1).map(\.event)
            #expect(read == events)
            let state = try #require(IncidentState.fold(try store.events(of: id, after: 0).map(\.event)))
            #expect(state.timeline.compactMap(\.run) == Self.runs)
        }
    }

    @Test("An entry without a run is stored without the key, as before")
    func absentWhenUnset() throws {
        let body = try JSONEncoder().encode(Entry(kind: .action, text: "rolled back"))
        #expect(!String(decoding: body, as: UTF8.self).contains("run"))
        let old = Data(#"{"kind":"action","tags":[],"text":"rolled back"}"#.utf8)
        #expect(try JSONDecoder().decode(Entry.self, from: old).run == nil)
    }
}
