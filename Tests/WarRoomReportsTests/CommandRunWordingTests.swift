import Foundation
import Testing
import WarRoomCore
import WarRoomReports

/// The words of a `warroom exec` entry: the command as a shell would take it, how it ended and
/// how long it took, and the digest the timeline row adds.
@Suite("Command run wording")
struct CommandRunWordingTests {
    @Test("How a run ended, in words", arguments: [
        (CommandRun(command: ["kubectl", "rollout", "undo", "deploy/api"], exitStatus: 0, durationMillis: 4_249),
         "ran kubectl rollout undo deploy/api — exit 0 in 4.2 s"),
        (CommandRun(command: ["sh", "-c", "exit 3"], exitStatus: 3, durationMillis: 42_900), "ran sh -c 'exit 3' — exit 3 in 42 s"),
        (CommandRun(command: ["sleep", "300"], exitStatus: nil, signal: 2, durationMillis: 125_000),
         "ran sleep 300 — killed by SIGINT after 2m5s"),
        (CommandRun(command: ["x"], exitStatus: nil, signal: 40, durationMillis: 7), "ran x — killed by signal 40 after 7 ms"),
        (CommandRun(command: ["kubctl", "it's"], exitStatus: 127, startError: "not found", durationMillis: 1),
         "ran kubctl 'it'\\''s' — not found (exit 127)"),
    ])
    func ran(_ run: CommandRun, _ words: String) {
        #expect(TimelineWording.ran(run) == words)
    }

    @Test("The digest: no output, one line, the last line that is not blank, the saved file", arguments: [
        (CommandRun(command: ["true"], exitStatus: 0, durationMillis: 0), "no output"),
        (CommandRun(command: ["x"], exitStatus: 0, durationMillis: 0, outputBytes: 4, outputLines: 1, head: ["done"]),
         "1 line, last: “done”"),
        (CommandRun(command: ["x"], exitStatus: 0, durationMillis: 0, outputBytes: 900, outputLines: 120,
                    head: ["a"], tail: ["Error 2", "", " "], savedOutput: "/s/outputs/INC-1.log"),
         "120 lines, last: “Error 2”; output saved to /s/outputs/INC-1.log"),
        (CommandRun(command: ["x"], exitStatus: 0, durationMillis: 0, outputBytes: 2, outputLines: 2, head: ["", ""]), "2 lines"),
    ])
    func digest(_ run: CommandRun, _ words: String) {
        #expect(TimelineWording.outputDigest(run) == words)
    }

    @Test("A command's row: its text, then the digest")
    func row() {
        let run = CommandRun(command: ["make"], exitStatus: 2, durationMillis: 1_000, outputBytes: 10, outputLines: 1, head: ["make: *** Error 2"])
        var state = IncidentState.fold([Event(id: UUID(), incident: "INC-1", at: Timestamp(millis: 0), recordedAt: Timestamp(millis: 0),
                                              author: "a", payload: .declared(Declaration(title: "t", severity: .sev2)))])
        let entry = Event(id: UUID(), incident: "INC-1", at: Timestamp(millis: 1), recordedAt: Timestamp(millis: 1), author: "a",
                          payload: .entry(Entry(kind: .action, text: TimelineWording.ran(run), run: run)))
        state?.apply(entry)
        let item = state?.timelineItem(for: entry.id)
        #expect(item.map(TimelineWording.text) == "ran make — exit 2 in 1.0 s; 1 line, last: “make: *** Error 2”")
    }
}
