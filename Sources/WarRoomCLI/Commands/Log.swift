import ArgumentParser
import Foundation
import WarRoomCore

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(table: "log")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The entry text (it may start with '-'; after `--` every word is text, even -h).") var words: [String] = []
    @Flag(help: "Read entries from standard input, one per line.") var eachLine = false
    @Option(help: "What the entry records.") var kind = EntryKind.note
    @Option(name: .customLong("tag"), help: "A key moment the post-mortem picks out (repeatable).")
    var tags: [EntryTag] = []
    @OptionGroup var at: AtOption
    @OptionGroup var output: JSONFlag

    func run() throws {
        guard eachLine else {
            let text = words.joined(separator: " ")
            try Recording.run(global, at: at, json: output.json, command: .log(Entry(kind: kind, text: text, tags: tags)))
            return
        }
        guard words.isEmpty else { throw UserFacingError("give the text as arguments or --each-line on stdin, not both") }
        let session = try Session(global)
        let id = try session.resolveIncident(global.incident)
        // Loaded once and kept: each line then reads only what others wrote since the last one,
        // so a long incident does not make every line slower (it used to reload it all per line).
        var (state, last) = try session.load(id)
        var queued = 0, wrote = false
        while let line = readLine(strippingNewline: true) {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            try session.tick()
            let when = try at.resolve(now: session.now)
            do {
                let written = try session.record(incident: id, state: &state, last: &last, at: when) { _ in
                    .log(Entry(kind: kind, text: line, tags: tags))
                }
                Recording.confirm(state, written, json: output.json, now: session.now)
                wrote = wrote || !written.isEmpty
            } catch let offline as QueuedOffline {
                // The server went away: this line and the ones after it are queued, in order, none lost.
                session.warn(offline.description)
                queued += 1
            }
            fflush(nil)
        }
        // The report's summary once, at the end: per line it would cost a pass over the timeline.
        if wrote { session.store.keepSummary(of: state, through: last) }
        if queued > 0 {
            throw QueuedOffline(description: "\(queued) line\(queued == 1 ? "" : "s") queued while the server could not be "
                + "reached (delivered by the next warroom command that reaches it; exit status \(QueuedOffline.exitCode))")
        }
    }
}
