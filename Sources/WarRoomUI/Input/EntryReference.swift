import WarRoomCore

/// `/amend N …` and `/retract N …`: N is the entry's number as `warroom log` prints it and the
/// timeline shows it (`INC-1 #7`), typed as `7`, `#7`, `INC-1#7` or `INC-1 #7`.
enum EntryReference {
    static func amend(_ args: [String], context: InputContext) throws(InputError) -> InputAction {
        let (item, rest) = try liveEntry(args, command: "amend", example: "/amend 7 rolled back to v41, not v40", state: context.state)
        guard let text = SlashCommands.rest(rest, from: 0), !text.allSatisfy(\.isWhitespace) else {
            throw InputError("Not amended: /amend \(item.number) needs the new text; Tab after '/amend \(item.number) ' puts its current text in the line to edit")
        }
        guard text != item.text else {
            throw InputError("Not amended: #\(item.number) already says exactly that (edit the text, or Ctrl-U to clear the line)")
        }
        return .record(.amend(entry: item.id, text: text), at: nil)
    }

    static func retract(_ args: [String], context: InputContext) throws(InputError) -> InputAction {
        let (item, rest) = try liveEntry(args, command: "retract", example: "/retract 7 wrong host, it was db-2", state: context.state)
        guard let reason = SlashCommands.rest(rest, from: 0) else {
            throw InputError("Not retracted: /retract \(item.number) needs a reason, kept with the entry: /retract \(item.number) WHY (the entry stays visible, marked retracted)")
        }
        return .record(.retract(entry: item.id, reason: reason), at: nil)
    }

    /// The entry the leading words number, or why they do not name one that can be changed.
    static func liveEntry(_ args: [String], command: String, example: String,
                          state: IncidentState) throws(InputError) -> (TimelineItem, [String]) {
        let outcome = command == "amend" ? "Not amended: " : "Not retracted: "
        if let first = args.first, let other = otherIncident(first, ours: state.id) {
            throw InputError(outcome + "\(other) is another incident; this war room is \(state.id) "
                + "(from a shell: warroom \(command) --incident \(other) N …)")
        }
        guard let (number, used) = number(in: args, incident: state.id) else {
            let typed = args.first.map { ": '\($0)' is not one" } ?? ""
            throw InputError(outcome + "/\(command) needs an entry number, as the timeline shows it (#7)\(typed). "
                + "Example: \(example). \(nearby(to: nil, in: state))")
        }
        let rest = Array(args.dropFirst(used))
        switch state.changeableEntry(number: number) {
        case .success(let item):
            return (item, rest)
        case .failure(.noSuchNumber):
            throw InputError(outcome + "there is no #\(number) in \(state.id). \(nearby(to: number, in: state))")
        case .failure(.noRow):
            throw InputError(outcome + "#\(number) is an amendment or retraction, not an entry. \(nearby(to: number, in: state))")
        case .failure(.notAnEntry(let item)):
            throw InputError(outcome + "#\(number) is \(describe(item.kind)), not an entry (notes, actions, decisions, findings, comms); "
                + "record a new change instead. \(nearby(to: number, in: state))")
        case .failure(.retracted(let item)):
            let reason = item.retraction ?? ""
            throw InputError(outcome + "#\(number) was already retracted" + (reason.isEmpty ? "" : " (\(reason))")
                + "; it cannot be \(command == "amend" ? "amended" : "retracted again"): record a new entry instead")
        }
    }

    /// The incident id `word` names (`INC-3`, `INC-3#7`) when it is not this one.
    static func otherIncident(_ word: String, ours: IncidentID) -> String? {
        let id = String(word.prefix { $0 != "#" })
        guard id.lowercased() != ours.lowercased(), let dash = id.firstIndex(of: "-"),
              id[..<dash].allSatisfy(\.isLetter), !id[..<dash].isEmpty,
              !id[id.index(after: dash)...].isEmpty, id[id.index(after: dash)...].allSatisfy(\.isASCIIDigit) else { return nil }
        return id.uppercased()
    }

    /// `7`, `#7`, `INC-1#7` or `INC-1 #7` at the start (`EntryNumber`, as the CLI reads it), when it
    /// names this incident or none; the number and how many words it took.
    static func number(in args: [String], incident: IncidentID) -> (Int, Int)? {
        guard let (reference, used) = EntryNumber.parse(args), reference.names(incident) else { return nil }
        return (reference.number, used)
    }

    /// "Entries near #N: #5 …, #7 …": the live entries closest to `number` (the latest ones when nil).
    static func nearby(to number: Int?, in state: IncidentState) -> String {
        // Closest first: the one most likely meant is read first, even in a footer cut short.
        let closest = state.changeableEntries(near: number)
        guard !closest.isEmpty else { return "This incident has no entry to change yet." }
        let listed = closest.map { "#\($0.number) \(snippet($0.text))" }.joined(separator: ", ")
        let newest = state.changeableEntries(near: nil, limit: 1).first?.number ?? 0
        return ((number ?? Int.max) > newest ? "Latest entries: " : "Entries near it: ") + listed
    }


    /// The first words of a text, for a message: one line, a few dozen characters.
    static func snippet(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        guard line.count > 20 else { return "'" + line + "'" }
        var cut = String(line.prefix(19))
        while cut.last == " " { cut.removeLast() }
        return "'" + cut + "…'"
    }

    /// A recorded change, named as a person would: "the declaration", "a severity change".
    static func describe(_ kind: TimelineItem.Kind) -> String {
        switch kind {
        case .declared: "the declaration"
        case .severity: "a severity change"
        case .impact: "an impact report"
        case .role: "a role assignment"
        case .hypothesis: "a hypothesis record"
        case .notification: "a notification"
        case .status: "a status change"
        case .update: "a posted status update"
        case .postmortem: "a post-mortem change"
        case .facts: "a correction of the facts"
        case .runbook: "a runbook record"
        case .note, .action, .decision, .finding, .comms: "an entry"
        }
    }
}

