import WarRoomCore

/// Repeated Tab presses cycle through the candidates for the word at the cursor.
struct CompletionCycle: Hashable, Sendable {
    var candidates: [String]
    var index: Int
}

extension WarRoomModel {
    /// Candidates for the word at the cursor: command names after `/`, then what the command
    /// takes (roles, people, hypothesis numbers, statuses, audiences); `@` completes people.
    public func completions() -> [String] {
        let (word, start) = input.currentWord
        let before = String(input.text.prefix(start))
        let lower = word.lowercased()
        if start == 0, word.hasPrefix("/") {
            return SlashCommands.all.map { "/" + $0.name }.filter { $0.hasPrefix(lower) }
        }
        if word.hasPrefix("@") {
            return people.map { "@" + $0 }.filter { $0.lowercased().hasPrefix(lower) }
        }
        let words = before.split(separator: " ")
        guard let first = words.first, first.hasPrefix("/"), let command = SlashCommands.named(String(first.dropFirst()).replacingBang) else {
            return []
        }
        let position = words.count // 1: first argument
        let options: [String]
        switch command.completes {
        case .roles: options = position == 1 ? ["ic", "cl", "tl", "scribe"] : people
        case .people: options = people.map { "@" + $0 }
        case .hypotheses:
            options = position == 1 ? incident.hypotheses.filter { $0.state == .open || $0.state == .escalated }.map { String($0.number) } : []
        case .statuses: options = position == 1 ? IncidentStatus.allCases.map(\.rawValue) + ["reopen"] : []
        case .audiences: options = position == 1 ? Audience.allCases.map { $0.rawValue + ":" } : []
        case .nothing: options = []
        }
        return options.filter { $0.lowercased().hasPrefix(lower) }
    }

    /// People seen in this incident, sorted.
    var people: [String] { incident.people.sorted() }

    mutating func complete() {
        if var cycle = completion, !cycle.candidates.isEmpty {
            cycle.index = (cycle.index + 1) % cycle.candidates.count
            input.replaceCurrentWord(with: cycle.candidates[cycle.index])
            completion = cycle
            return
        }
        let candidates = completions()
        guard !candidates.isEmpty else {
            notice = Notice(.info, "Nothing to complete here")
            return
        }
        input.replaceCurrentWord(with: candidates[0] + (candidates.count == 1 ? " " : ""))
        completion = candidates.count > 1 ? CompletionCycle(candidates: candidates, index: 0) : nil
        if candidates.count > 1 { notice = Notice(.info, candidates.prefix(8).joined(separator: "  ")) }
    }
}

private extension String {
    var replacingBang: String { hasSuffix("!") ? String(dropLast()) : self }
}
