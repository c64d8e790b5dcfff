import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomReports
import WarRoomStore
import WarRoomText

/// `warroom amend N TEXT`: corrects an entry; the earlier text stays in the record and in every output.
struct Amend: ParsableCommand {
    static let configuration = CommandConfiguration(table: "amend")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The entry's number: 7, #7 or INC-1#7.", valueName: "n")) var entry: String
    @Argument(help: "The corrected text.") var words: [String] = []
    @OptionGroup var output: JSONFlag

    func run() throws {
        var words = words
        let reference = try EntryReference.parse(entry, words: &words)
        let text = words.joined(separator: " ")
        try EntryReference.record(reference, global, json: output.json, verb: "amended") { state in
            .amend(entry: try reference.item(in: state).id, text: text)
        }
    }
}

/// `warroom retract N --reason TEXT`: marks an entry as wrong; it stays visible, marked, with the reason.
struct Retract: ParsableCommand {
    static let configuration = CommandConfiguration(table: "retract")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The entry's number: 7, #7 or INC-1#7.", valueName: "n")) var entry: String
    /// Only for `retract INC-1 #7` typed unquoted: the `#7` half.
    @Argument(help: .hidden) var rest: [String] = []
    @Option(help: "Why the entry is wrong (required).") var reason: String
    @OptionGroup var output: JSONFlag

    func run() throws {
        var rest = rest
        let reference = try EntryReference.parse(entry, words: &rest)
        guard rest.isEmpty else {
            throw UserFacingError("unexpected '\(rest.joined(separator: " "))': give the reason with --reason TEXT; nothing was retracted")
        }
        guard !reason.allSatisfy(\.isWhitespace) else {
            throw UserFacingError("--reason is empty: say why the entry is wrong; nothing was retracted")
        }
        try EntryReference.record(reference, global, json: output.json, verb: "retracted") { state in
            .retract(entry: try reference.item(in: state).id, reason: reason)
        }
    }
}

/// An entry as people type its number: `7`, `#7`, `INC-1#7`, `INC-1 #7` (`EntryNumber`, as the
/// war room reads it).
struct EntryReference {
    var incident: String?
    var number: Int

    /// Reads `typed`; when it is an incident id alone and the first word is `#N` (`amend INC-1 #7 …`
    /// unquoted), takes that word too.
    static func parse(_ typed: String, words: inout [String]) throws -> EntryReference {
        let all = [typed] + words
        guard let (reference, used) = EntryNumber.parse(all) else {
            throw UserFacingError("cannot read entry '\(typed)': use its number, from 1, as `warroom log` prints it and "
                + "`warroom timeline` shows it: 7, #7 or INC-1#7; nothing was recorded")
        }
        words = Array(all.dropFirst(used))
        return EntryReference(incident: reference.incident, number: reference.number)
    }

    /// The row numbered so, if it can be amended or retracted (`changeableEntry`, as the war room
    /// decides it), or an error that says why not and which entries can.
    func item(in state: IncidentState) throws -> TimelineItem {
        let entries = state.changeableEntries(near: number).map { "#\($0.number)" }
        let offer = entries.isEmpty ? " (it has no entry that can be changed)"
            : "; entries near it: \(entries.joined(separator: ", ")) (see `warroom timeline`)"
        switch state.changeableEntry(number: number) {
        case .success(let item):
            return item
        case .failure(.noSuchNumber):
            throw UserFacingError("\(state.id) has no #\(number)\(offer); nothing was recorded")
        case .failure(.noRow):
            throw UserFacingError("#\(number) of \(state.id) is an amendment or retraction, not an entry\(offer); nothing was recorded")
        case .failure(.notAnEntry(let item)):
            throw UserFacingError("#\(number) of \(state.id) is a recorded \(item.kind.rawValue) change "
                + "(\(Sanitizer.clean(TimelineWording.text(item)))), not an entry: only entries written with `warroom log` or "
                + "in the war room can be amended or retracted; nothing was recorded")
        case .failure(.retracted(let item)):
            let reason = item.retraction.flatMap { $0.isEmpty ? nil : " (\(Sanitizer.clean($0)))" } ?? ""
            throw UserFacingError("#\(number) of \(state.id) was already retracted\(reason): it can be neither amended nor "
                + "retracted again (record a new entry instead); nothing was recorded")
        }
    }

    /// Records against the incident the reference names (or `--incident`, or the open one), and
    /// confirms `INC-1 #9 amended #7: text`.
    static func record(_ reference: EntryReference, _ global: GlobalOptions, json: Bool, verb: String,
                       _ make: (IncidentState) throws -> Command) throws {
        var options = global
        if let named = reference.incident {
            if let explicit = global.incident, explicit.uppercased() != named.uppercased(),
               "INC-\(explicit)".uppercased() != named.uppercased() {
                throw UserFacingError("the entry names \(named) but --incident says \(explicit); nothing was recorded")
            }
            options.incident = named
        }
        let session = try Session(options)
        let (state, written) = try session.record(incident: try session.resolveIncident(options.incident), at: session.now, make)
        guard !json else { return Recording.confirm(state, written, json: true) }
        for stored in written {
            let row = state.timelineItem(number: reference.number)
            var line = "\(state.id) #\(stored.sequence) \(verb) #\(reference.number)"
            if let row { line += ": " + Sanitizer.clean(row.text) }
            if let reason = row?.retraction, !reason.isEmpty { line += " (reason: \(Sanitizer.clean(reason)))" }
            print(line)
        }
    }
}
