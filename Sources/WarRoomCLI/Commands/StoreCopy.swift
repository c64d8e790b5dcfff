import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomStore
import WarRoomText

/// `warroom store copy --from A --to B`: every incident of A into B, each as `warroom import` would
/// take its export (the same decoding and checks, the store's own refusals), one incident at a
/// time so that one refused incident leaves the others copied.
struct StoreCopy: ParsableCommand {
    static let configuration = CommandConfiguration(table: "store copy")

    @Option(help: ArgumentHelp("The store to copy from: a file path, sqlite:PATH or postgresql://… (it is only read).", valueName: "location"))
    var from: String
    @Option(help: ArgumentHelp("The store to copy into (created when it is a new file).", valueName: "location"))
    var to: String
    @OptionGroup var output: JSONFlag

    /// What became of one incident of the source.
    struct Outcome {
        enum Kind: String { case copied, present, refused }
        var id: IncidentID
        var kind: Kind
        var events: Int
        var added: Int = 0
        /// Its id in the target when that differs (an earlier `import --as-new` of it).
        var storedAs: IncidentID? = nil
        /// Why it was refused, or what differs in the target.
        var note: String? = nil
    }

    func run() throws {
        let source = try Self.location(from, option: "--from")
        let target = try Self.location(to, option: "--to")
        // The source first and without creating it: a mistyped --from must not leave an empty store
        // behind, nor an empty target.
        let reading = try source.open(create: false)
        let writing = try target.open(create: true)
        guard reading.identity.key != writing.identity.key else {
            throw UserFacingError("--from and --to are the same store (\(Sanitizer.clean(source.description))); nothing was copied")
        }
        if let reason = writing.readOnlyReason {
            throw UserFacingError("cannot copy into \(Sanitizer.clean(target.description)): \(reason); nothing was copied")
        }
        let now = try SystemClock.now(environment: ProcessInfo.processInfo.environment)
        var outcomes: [Outcome] = []
        for record in try reading.incidents() {
            let outcome = try Self.copy(record.id, from: reading, named: source.description, to: writing, now: now)
            outcomes.append(outcome)
            if !output.json { Self.say(outcome) }
        }
        let count = { (kind: Outcome.Kind) in outcomes.filter { $0.kind == kind }.count }
        if output.json {
            print(JSONValue.object([
                ("from", .string(source.description)), ("to", .string(target.description)),
                ("copied", .number(Int64(count(.copied)))), ("present", .number(Int64(count(.present)))),
                ("refused", .number(Int64(count(.refused)))),
                ("incidents", .array(outcomes.map(Self.json))),
            ]).rendered())
        } else {
            print("\(Self.incidents(count(.copied))) copied, \(count(.present)) already there, \(count(.refused)) refused: "
                + "from \(Sanitizer.clean(source.description)) to \(Sanitizer.clean(target.description))")
        }
        if count(.refused) > 0 { throw ExitCode(1) }
    }

    static func location(_ text: String, option: String) throws -> StoreLocation {
        guard !text.isEmpty else {
            throw UserFacingError("\(option) needs a store (it was given an empty one): \(StoreLocation.accepted)")
        }
        return try StoreLocation.parse(text)
    }

    /// Copies one incident: its export lines read back as `import` reads a file, imported without
    /// renaming (a different incident under the same id is the import's own refusal), then the
    /// target's export compared with the source's.
    static func copy(_ id: IncidentID, from source: any EventStore, named sourceName: String,
                     to target: any EventStore, now: Timestamp) throws -> Outcome {
        let lines = try source.exportLines(of: id)
        let consequence = "nothing of \(id) was copied"
        let events: [Event], numbers: [Int]
        do {
            (events, numbers) = try Import.decode(Data(lines.joined(separator: "\n").utf8), name: "\(id) in \(sourceName)",
                                                  consequence: consequence)
            try Import.checkTimes(events, lines: numbers, name: "\(id) in \(sourceName)", now: now, consequence: consequence)
        } catch let error as UserFacingError {
            return Outcome(id: id, kind: .refused, events: lines.count, note: error.message)
        }
        let result: ImportResult
        do {
            result = try target.importEvents(events, lines: numbers, asNew: false)
        } catch let refusal as ImportRefusal {
            return Outcome(id: id, kind: .refused, events: events.count, note: reason(of: refusal, id: id) + "; " + consequence)
        }
        let storedAs = result.renamed[id]
        var outcome = Outcome(id: id, kind: result.added == 0 ? .present : .copied, events: events.count, added: result.added,
                              storedAs: storedAs)
        let copied = try target.exportLines(of: storedAs ?? id)
        if copied != lines {
            // Every event of the source is there (the import skipped only ids it holds), but the
            // target has more: entries recorded there after an earlier copy.
            outcome.note = "the target's \(storedAs ?? id) has \(copied.count) events, \(copied.count - lines.count) more than the source's"
        }
        return outcome
    }

    /// The import's refusal, worded for a copy: the copy never renames, so `--as-new` is offered
    /// as the two commands that do it.
    static func reason(of refusal: ImportRefusal, id: IncidentID) -> String {
        // The import speaks of a file and this store; here they are the source and the target.
        var reason = (refusal.line.map { "line \($0) of its export: " } ?? "") + refusal.reason
            .replacingOccurrences(of: " in the file ", with: " in the source ")
            .replacingOccurrences(of: " in this store ", with: " in the target ")
        if refusal.suggestedID != nil {
            // The import's suggested id is of no use here: the copy goes on and may take it.
            if let cut = reason.range(of: "; import with --as-new") { reason = String(reason[..<cut.lowerBound]) }
            reason += "; to keep both, `warroom export jsonl --incident \(id) -o FILE` from the source and "
                + "`warroom import --as-new FILE` into the target (it gets the next free id)"
        }
        return reason
    }

    static func say(_ outcome: Outcome) {
        let id = outcome.id + (outcome.storedAs.map { " (\($0) in the target)" } ?? "")
        switch outcome.kind {
        case .copied where outcome.added == outcome.events:
            print("\(id): copied, \(events(outcome.events))")
        case .copied:
            print("\(id): copied \(outcome.added) new event\(outcome.added == 1 ? "" : "s"); "
                + "the other \(outcome.events - outcome.added) were there already")
        case .present:
            print("\(id): already there (\(events(outcome.events))), nothing added"
                + (outcome.note.map { "; " + Sanitizer.clean($0) } ?? ""))
        case .refused:
            try? FileHandle.standardError.write(contentsOf: Data(("warroom: \(outcome.id) not copied: " + Sanitizer.clean(outcome.note ?? "") + "\n").utf8))
        }
    }

    static func json(_ outcome: Outcome) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(outcome.id)), ("outcome", .string(outcome.kind.rawValue)),
            ("events", .number(Int64(outcome.events))), ("added", .number(Int64(outcome.added))),
        ]
        if let storedAs = outcome.storedAs { members.append(("storedAs", .string(storedAs))) }
        if let note = outcome.note { members.append((outcome.kind == .refused ? "reason" : "note", .string(note))) }
        return .object(members)
    }

    static func events(_ count: Int) -> String { "\(count) event\(count == 1 ? "" : "s")" }
    static func incidents(_ count: Int) -> String { "\(count) incident\(count == 1 ? "" : "s")" }
}
