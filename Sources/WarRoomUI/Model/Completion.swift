import WarRoomCore

/// Repeated Tab presses cycle through the candidates for the text from `start` to the cursor.
struct CompletionCycle: Hashable, Sendable {
    var candidates: [String]
    var index: Int
    var start: Int
}

/// What Tab would do: replace the text from `start` (in graphemes) to the cursor with a candidate.
struct CompletionTarget {
    var start: Int
    var candidates: [String]
    /// Whether a single candidate is followed by a space (a word, not a whole text).
    var spaceAfter = true
    /// Said when there is nothing to offer, instead of "Nothing to complete here".
    var emptyReason: String?
}

extension WarRoomModel {
    /// Candidates for the word at the cursor: command names after `/`, then what the command
    /// takes (roles, people, hypothesis numbers, statuses, audiences, owed notification targets,
    /// entry numbers and an entry's text); `@` completes people.
    public func completions() -> [String] { completionTarget().candidates }

    func completionTarget() -> CompletionTarget {
        let (word, start) = input.currentWord
        let before = String(input.text.prefix(start))
        let lower = word.lowercased()
        if start == 0, word.hasPrefix("/") {
            return CompletionTarget(start: start, candidates: SlashCommands.all.map { "/" + $0.name }.filter { $0.hasPrefix(lower) })
        }
        if word.hasPrefix("@") {
            return CompletionTarget(start: start, candidates: people.map { "@" + $0 }.filter { $0.lowercased().hasPrefix(lower) })
        }
        let words = before.split(separator: " ")
        guard let first = words.first, first.hasPrefix("/"), let command = SlashCommands.named(String(first.dropFirst()).replacingBang) else {
            return CompletionTarget(start: start, candidates: [])
        }
        let position = words.count // 1: first argument
        let options: [String]
        switch command.completes {
        case .roles:
            guard position == 1 else { options = people; break }
            // Any accepted spelling completes to the short form: `incident` → `ic`.
            return CompletionTarget(start: start, candidates: Role.allCases.filter { role in
                word.isEmpty || !Suggestion.extending(word, among: role.spellings).isEmpty
            }.map(\.short))
        case .people: options = people.map { "@" + $0 }
        case .hypotheses:
            options = position == 1 ? incident.hypotheses.filter(\.isUndecided).map { String($0.number) } : []
        case .statuses: options = position == 1 ? IncidentStatus.targets : []
        case .audiences: options = position == 1 ? Audience.allCases.map { $0.rawValue + ":" } : []
        case .notifyTargets: return notifyTarget(commandLength: first.count)
        case .entries:
            if position == 1 {
                options = liveEntries.suffix(8).reversed().map { String($0.number) }
            } else if position == 2, word.isEmpty, command.name == "amend",
                      let (number, _) = EntryReference.number(in: words.dropFirst().map(String.init), incident: incident.id),
                      let item = incident.timelineItem(number: number), item.kind.isEntry, !item.isRetracted {
                return CompletionTarget(start: start, candidates: [item.text], spaceAfter: false)
            } else { options = [] }
        case .causeTags:
            guard position == 1 else { options = []; break }
            let current = incident.postmortem.causes
            if word.hasPrefix("-") {
                options = current.map { "-" + $0 }
            } else {
                // The most used first: the likeliest cause is the one already seen most.
                options = causes.known.filter { !current.contains($0.key) }
                    .sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.map(\.key)
                if options.isEmpty {
                    return CompletionTarget(start: start, candidates: [], emptyReason: "No other incident carries a cause tag yet: type one (config-push)")
                }
            }
        case .links:
            if position == 2 {
                options = words.dropFirst().first?.hasPrefix("-") == true ? [] : LinkKind.allCases.map(\.rawValue)
            } else if position == 1, word.hasPrefix("-") {
                options = incident.links.map { "-" + $0.other }
            } else if position == 1 {
                guard let links else {
                    return CompletionTarget(start: start, candidates: [], emptyReason: "Looking up the incidents in the store: Tab again in a moment")
                }
                // The newest first: the incident to link is most often one declared moments ago.
                // Not one it is linked to already, from either end.
                let linked = Set(links.graph(for: incident).relations(of: incident.id).map(\.other))
                // `4` + Tab offers INC-4 and INC-40…, as `/link 4` would read it.
                let typed = !lower.isEmpty && lower.allSatisfy(\.isNumber) ? "inc-" + lower : lower
                return CompletionTarget(start: start, candidates: links.known.reversed().filter {
                    $0 != incident.id && !linked.contains($0) && $0.lowercased().hasPrefix(typed)
                })
            } else { options = [] }
        case .runbooks:
            guard position == 1 else { options = []; break }
            guard let runbooks else {
                return CompletionTarget(start: start, candidates: [], emptyReason: "No runbook folder: runbooks = \"PATH\" in the config file")
            }
            // Those that answer the incident first, then the rest of the folder.
            let offered = runbookOffers.map(\.name)
            options = offered + runbooks.names.filter { !offered.contains($0) }
        case .nothing: options = []
        }
        return CompletionTarget(start: start, candidates: options.filter { $0.lowercased().hasPrefix(lower) })
    }

    /// `/notify ` + Tab: who is owed a notification now (the severity's escalation target, and the
    /// next tier once the root cause is overdue), matched against everything typed after `/notify`.
    private func notifyTarget(commandLength: Int) -> CompletionTarget {
        let start = min(input.text.count, commandLength + 1)
        let typed = String(input.text.prefix(input.cursor).dropFirst(start)).lowercased()
        var owed: [String] = []
        for obligation in incident.obligations(policy: policy) {
            if let level = Severity.allCases.first(where: { ObligationKind.notify($0) == obligation.kind }) {
                owed.append(policy.rule(for: level).escalationTarget)
            } else if obligation.kind == .rootCauseEscalation {
                owed.append(SlashCommands.nextTier)
            }
        }
        return CompletionTarget(start: start, candidates: owed.filter { $0.lowercased().hasPrefix(typed) }, spaceAfter: false,
                                emptyReason: owed.isEmpty ? "No notification is owed now: type who you told" : nil)
    }

    /// Entries that can still be amended or retracted, in number order.
    var liveEntries: [TimelineItem] {
        incident.timeline.filter { $0.kind.isEntry && !$0.isRetracted }.sorted { $0.number < $1.number }
    }

    /// People seen in this incident, sorted.
    var people: [String] { incident.people.sorted() }

    mutating func complete() {
        if var cycle = completion, !cycle.candidates.isEmpty {
            cycle.index = (cycle.index + 1) % cycle.candidates.count
            input.replace(from: cycle.start, with: cycle.candidates[cycle.index])
            completion = cycle
            return
        }
        let target = completionTarget()
        guard let first = target.candidates.first else {
            notice = Notice(.info, target.emptyReason ?? "Nothing to complete here")
            return
        }
        let single = target.candidates.count == 1
        input.replace(from: target.start, with: first + (single && target.spaceAfter ? " " : ""))
        completion = single ? nil : CompletionCycle(candidates: target.candidates, index: 0, start: target.start)
        if !single { notice = Notice(.info, target.candidates.prefix(8).joined(separator: "  ")) }
    }
}

private extension String {
    var replacingBang: String { hasSuffix("!") ? String(dropLast()) : self }
}
