import WarRoomText

/// The small grammar behind `BlamelessCheck`: sentences, words, people in them, blaming phrases,
/// and whether a person is the subject or agent of a phrase. Heuristic by design: it looks for
/// the common shapes of blame ("alice forgot", "bob's push caused", "caused by carol") and keeps
/// out of the way of system-framed sentences.
enum BlameGrammar {
    /// One word of a sentence.
    struct Word: Hashable {
        /// As written.
        var raw: String
        /// Lowercased, curly apostrophes straightened.
        var text: String
        /// `text` without a possessive `'s` or a leading `@`.
        var base: String
        var possessive: Bool
        var mention: Bool
    }

    /// How a phrase takes its person.
    enum Role {
        /// Blames without a name: "human error".
        case agentless
        /// The person is the subject: "alice forgot".
        case subject
        /// The subject, or the agent after "by": "bob broke" / "broken by bob".
        case subjectOrBy
        /// Only the agent after "by": "an error by carol".
        case byOnly
        /// The subject ("bob is to blame"), or the object: "we blame bob", "blamed on bob".
        case blame
        /// The subject ("alice's fault", "bob was at fault") or "the fault of carol".
        case fault
    }

    /// Which suggestion fits the phrase.
    enum Framing { case system, hindsight, humanError }

    /// Which kinds of person a phrase can blame. Machines also "break", "miss" and "didn't", so
    /// an unknown capitalised word ("Safari ignored the header") or "they" must not be read as a
    /// person there; only a person forgets, is careless or should have.
    enum Reach: Comparable {
        /// Something only a person does: forgot, should have, careless, fault, pushed a bad …
        case human
        /// Causal verbs a capitalised name is blamed with too: caused, failed to.
        case causal
        /// Anything else: only a sure person (a recorded name, @mention, he/she/someone, a role).
        case any
    }

    struct Phrase {
        var words: [String]
        var role: Role
        var framing: Framing
        var reach: Reach = .any
    }

    /// How sure it is that a word is a person.
    enum Certainty {
        /// A recorded name, an @mention, he, she, someone, somebody, I, a role noun (the engineer).
        case sure
        /// An unknown capitalised word that is no known system or common word ("Bob").
        case capitalised
        /// "they", which is as often pods or alerts.
        case weak

        func blames(_ reach: Reach) -> Bool {
            switch self {
            case .sure: true
            case .capitalised: reach != .any
            case .weak: reach == .human
            }
        }
    }

    /// A person found in a sentence: as the report names them, and how sure.
    struct Person: Hashable {
        var name: String
        var certainty: Certainty
    }

    /// Longest first, so "should not have" wins over shorter overlaps.
    static let phrases: [Phrase] = {
        var list: [Phrase] = []
        func add(_ text: String, _ role: Role, _ framing: Framing, _ reach: Reach = .any) {
            list.append(Phrase(words: text.split(separator: " ").map(String.init), role: role, framing: framing,
                               reach: reach))
        }
        for text in ["human error", "operator error", "user error", "pilot error", "human mistake", "human failure",
                     "operator mistake", "engineer error", "developer error", "people problem"] {
            add(text, .agentless, .humanError)
        }
        for text in ["should have", "should've", "shouldn't have", "shouldn't've", "should not have", "forgot",
                     "forgotten", "neglected", "neglected to", "overlooked", "ought to have", "was supposed to",
                     "were supposed to", "didn't bother", "did not bother", "never bothered", "couldn't be bothered",
                     "didn't think to", "did not think to", "never thought to", "failed to notice", "failed to check",
                     "failed to test", "failed to follow", "dropped the ball", "should've known", "should have known"] {
            add(text, .subject, .hindsight, .human)
        }
        // What a person omits ("Bob didn't run the tests", "Sam ignored the alert"): machines don't run
        // tests or read runbooks, so these blame a capitalised name or "they" too.
        for verb in ["run", "check", "test", "follow", "read", "review", "notice", "escalate", "page", "ack",
                     "acknowledge", "update", "verify", "validate", "wait", "look", "tell", "ask", "communicate",
                     "monitor", "watch", "double-check", "think"] {
            add("didn't \(verb)", .subject, .hindsight, .human)
            add("did not \(verb)", .subject, .hindsight, .human)
            add("never \(verb)", .subject, .hindsight, .human)
        }
        for object in ["alert", "alerts", "page", "pages", "warning", "warnings", "runbook", "review", "dashboard", "ticket"] {
            add("missed the \(object)", .subject, .hindsight, .human)
            add("ignored the \(object)", .subject, .hindsight, .human)
        }
        add("failed to", .subject, .hindsight, .causal)
        for text in ["didn't", "did not", "missed", "ignored", "never checked", "never tested", "never ran"] {
            add(text, .subject, .hindsight)
        }
        add("caused", .subjectOrBy, .system, .causal)
        for text in ["broke", "broken"] { add(text, .subjectOrBy, .system) }
        add("mistake", .subjectOrBy, .system, .human)
        for text in ["messed up", "screwed up", "botched", "made a mistake", "made the mistake", "made an error",
                     "careless", "carelessly", "negligent", "negligence", "sloppy", "incompetent", "at fault",
                     "to blame", "lazy", "reckless", "recklessly", "rushed the", "fat-fingered", "fat fingered",
                     "pushed a bad", "pushed bad", "pushed a broken", "pushed the wrong", "deployed a bad", "deployed bad",
                     "deployed a broken", "deployed the wrong", "shipped a bad", "shipped a broken", "merged a bad",
                     "merged a broken", "merged the wrong", "ran the wrong", "typed the wrong", "used the wrong",
                     "applied the wrong", "applied a bad", "changed the wrong", "deleted the wrong", "dropped the wrong",
                     "restarted the wrong", "misconfigured", "mistyped", "was asleep", "wasn't paying attention",
                     "was not paying attention", "screwed", "blew it", "goofed"] {
            add(text, .subject, .system, .human)
        }
        add("error", .subjectOrBy, .system, .human)
        add("oversight", .subjectOrBy, .system, .human)
        add("blame", .blame, .system, .human)
        add("blamed", .blame, .system, .human)
        add("fault", .fault, .system, .human)
        return list.sorted { $0.words.count > $1.words.count }
    }()

    /// Words that may stand between a subject and its verb: auxiliaries, modals, adverbs.
    static let fillers: Set<String> = [
        "was", "were", "is", "are", "be", "been", "being", "had", "has", "have", "having", "did", "does", "do",
        "must", "might", "may", "could", "would", "also", "just", "then", "again", "never", "ever", "really",
        "simply", "somehow", "still", "already", "not", "clearly", "apparently", "obviously", "probably",
    ]
    /// Coordinating words: "alice ran the script and broke the cache".
    static let conjunctions: Set<String> = ["and", "but", "or", "yet"]
    /// Words that open a new clause: its subject is not the sentence's.
    static let subordinators: Set<String> = [
        "that", "which", "who", "whom", "whose", "because", "since", "when", "whenever", "while", "after", "before",
        "until", "although", "though", "if", "unless", "whereas", "where", "as", "so",
    ]
    /// Words that end a possessed noun phrase ("alice's config push"): determiners, pronouns,
    /// prepositions, conjunctions.
    static let stops: Set<String> = subordinators.union(conjunctions).union([
        "the", "a", "an", "this", "these", "those", "our", "their", "its", "his", "her", "my", "your", "it", "we",
        "they", "he", "she", "i", "you", "there", "of", "in", "on", "at", "to", "for", "with", "from", "by", "into",
    ])
    /// "error budget", "error rate": nouns about the system, not a person's error.
    static let errorCompounds: Set<String> = [
        "budget", "budgets", "rate", "rates", "log", "logs", "message", "messages", "page", "pages", "code", "codes",
        "count", "counts", "spike", "spikes", "ratio", "handling", "handler", "path", "paths", "response", "responses",
    ]
    /// "didn't get paged" is something that happened to a person, not something they failed at.
    static let experiences: Set<String> = ["get", "receive", "have", "hear", "know"]
    /// Names that are also the words of system-framed sentences; never treated as people.
    static let notNames: Set<String> = [
        "system", "the", "team", "bot", "automation", "monitoring", "pipeline", "we", "it", "nobody", "someone",
        "everyone", "oncall", "on-call", "unknown", "none", "root", "admin", "user", "operator", "human",
    ]

    // MARK: - Text

    /// Sentences: split after `.`, `!`, `?` or `…` followed by a space, and at line breaks.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        func flush() {
            let trimmed = current.trimmed(" \t")
            if !trimmed.isEmpty { result.append(trimmed) }
            current = ""
        }
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character.isNewline {
                flush()
                continue
            }
            current.append(character)
            if ".!?…".contains(character) {
                if index + 1 < characters.count, !characters[index + 1].isWhitespace { continue }
                flush()
            }
        }
        flush()
        return result
    }

    /// The words of a sentence; nil marks a clause break (`,` `;` `:` dashes, brackets).
    static func words(_ sentence: String) -> [Word?] {
        var result: [Word?] = []
        var current = ""
        func finish() {
            defer { current = "" }
            let raw = current.trimmed(".'")
            guard !raw.isEmpty else { return }
            guard raw.contains(where: { $0.isLetter || $0.isNumber }) else {
                result.append(nil)
                return
            }
            var text = raw.lowercased()
            var base = text
            var possessive = false
            if base.hasSuffix("'s"), base.count > 2 {
                base.removeLast(2)
                possessive = true
            }
            let mention = base.hasPrefix("@") && base.count > 1
            if mention { base.removeFirst() }
            if text.hasSuffix("'") { text.removeLast() }
            result.append(Word(raw: raw, text: text, base: base, possessive: possessive, mention: mention))
        }
        for character in sentence {
            let c: Character = character == "\u{2019}" ? "'" : character
            if c.isLetter || c.isNumber || "'-_@.".contains(c) {
                current.append(c)
            } else {
                finish()
                if ",;:()[]\u{2014}\u{2013}".contains(c) { result.append(nil) }
            }
        }
        finish()
        return result
    }

    /// The names as lowercased word sequences, longest first, without names that are common words.
    static func names(_ people: Set<String>) -> [[String]] {
        people.compactMap { name -> [String]? in
            let parts = words(name).compactMap { $0?.base }
            guard !parts.isEmpty, !(parts.count == 1 && (notNames.contains(parts[0]) || parts[0].count < 2)) else {
                return nil
            }
            return parts
        }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.joined() < $1.joined() }
    }

    // MARK: - The check

    /// The finding for one sentence, if it blames.
    static func check(_ sentence: String, names: [[String]]) -> BlamelessFinding? {
        let tokens = words(sentence)
        let found = personSpans(tokens, names: names)
        var index = 0
        while index < tokens.count {
            guard let phrase = phrase(at: index, in: tokens) else {
                index += 1
                continue
            }
            let end = index + phrase.words.count
            // Only the people this phrase can blame; for "human error" only sure ones, outside the phrase
            // ("Operator error" names no operator).
            let people: [String?] = found.enumerated().map { position, person in
                guard let person, person.certainty.blames(phrase.reach) else { return nil }
                if phrase.role == .agentless, person.certainty != .sure || (index..<end).contains(position) { return nil }
                return person.name
            }
            if let (person, suffix) = blamed(phrase, start: index, end: end, tokens: tokens, people: people) {
                let clean = ReportText.line(sentence)
                return BlamelessFinding(sentence: clean, person: person.map { Sanitizer.clean($0) },
                                        phrase: phrase.words.joined(separator: " ") + suffix,
                                        suggestion: suggestion(phrase.framing))
            }
            index += 1
        }
        return nil
    }

    static func suggestion(_ framing: Framing) -> String {
        switch framing {
        case .system: BlamelessCheck.systemSuggestion
        case .hindsight: BlamelessCheck.hindsightSuggestion
        case .humanError: BlamelessCheck.humanErrorSuggestion
        }
    }

    /// For each word, the person it is part of (as written), if any: a recorded name, an @mention,
    /// a pronoun, a role noun ("the on-call engineer") or an unknown capitalised name.
    static func personSpans(_ tokens: [Word?], names: [[String]]) -> [Person?] {
        var spans = [Person?](repeating: nil, count: tokens.count)
        var index = 0
        while index < tokens.count {
            guard let word = tokens[index] else {
                index += 1
                continue
            }
            if word.mention {
                spans[index] = Person(name: "@" + word.base, certainty: .sure)
                index += 1
                continue
            }
            var matched = 0
            for name in names where index + name.count <= tokens.count {
                let ok = name.indices.allSatisfy { offset in
                    guard let candidate = tokens[index + offset] else { return false }
                    return candidate.base == name[offset] && (offset == name.count - 1 || !candidate.possessive)
                }
                if ok {
                    matched = name.count
                    break
                }
            }
            if matched > 0 {
                let display = (index..<index + matched).compactMap { tokens[$0] }.enumerated().map { offset, word in
                    offset == matched - 1 && word.possessive ? String(word.raw.dropLast(2)) : word.raw
                }.joined(separator: " ")
                for position in index..<index + matched { spans[position] = Person(name: display, certainty: .sure) }
                index += matched
                continue
            }
            spans[index] = PersonWords.pronoun(word) ?? PersonWords.role(at: index, in: tokens)
                ?? PersonWords.capitalised(at: index, in: tokens)
            index += 1
        }
        return spans
    }

    /// The longest phrase starting at `index`.
    static func phrase(at index: Int, in tokens: [Word?]) -> Phrase? {
        phrases.first { phrase in
            index + phrase.words.count <= tokens.count && phrase.words.indices.allSatisfy { offset in
                tokens[index + offset]?.text == phrase.words[offset]
            }
        }
    }

    /// The person the phrase blames and a suffix for the phrase ("by"), or nil when it blames nobody.
    /// An agentless phrase blames with or without a person (`(nil, "")`).
    static func blamed(_ phrase: Phrase, start: Int, end: Int, tokens: [Word?], people: [String?]) -> (String?, String)? {
        func subjectPerson() -> String? {
            subject(before: start, tokens: tokens, people: people, owners: phrase.framing == .system)
        }
        switch phrase.role {
        case .agentless:
            return (people.compactMap { $0 }.first, "")
        case .subject:
            if phrase.words == ["didn't"] || phrase.words == ["did", "not"],
               end < tokens.count, let next = tokens[end], experiences.contains(next.text) {
                return nil
            }
            return subjectPerson().map { ($0, "") }
        case .subjectOrBy:
            // "alice's error budget alert", "bob checked the error rate": the error is the system's.
            if phrase.words == ["error"], end < tokens.count, let next = tokens[end], errorCompounds.contains(next.text) {
                return nil
            }
            if let person = subjectPerson() { return (person, "") }
            return agent(after: end, tokens: tokens, people: people).map { ($0, " by") }
        case .byOnly:
            return agent(after: end, tokens: tokens, people: people).map { ($0, " by") }
        case .blame:
            if let person = subjectPerson() { return (person, "") }
            var index = end
            while index < tokens.count, let word = tokens[index], ["on", "it", "this", "that", "the", "squarely",
                                                                    "entirely", "solely"].contains(word.text) {
                index += 1
            }
            return index < tokens.count ? people[index].map { ($0, "") } : nil
        case .fault:
            if let person = subjectPerson() { return (person, "") }
            var index = end
            guard index < tokens.count, let word = tokens[index] else { return nil }
            switch word.text {
            case "of": index += 1
            case "lies", "lay", "was", "is":
                index += 1
                if index < tokens.count, tokens[index]?.text == "with" { index += 1 }
            default: return nil
            }
            if index < tokens.count, tokens[index]?.text == "the" { index += 1 }
            return index < tokens.count ? people[index].map { ($0, "") } : nil
        }
    }

    /// The person who is the subject of the verb phrase starting at `start`: right before it
    /// (auxiliaries and adverbs aside), owning the noun before it ("bob's push caused"), or the
    /// subject of the clause whose second verb it is ("alice ran it and broke …"). `owners` allows
    /// the owner of a noun phrase as the subject.
    static func subject(before start: Int, tokens: [Word?], people: [String?], owners: Bool) -> String? {
        var index = start - 1
        while index >= 0, let word = tokens[index], isFiller(word) {
            // "bob has not broken anything", "alice never forgot": a denial, not blame.
            if word.text == "not" || word.text == "never" { return nil }
            index -= 1
        }
        guard index >= 0, let word = tokens[index] else { return nil }
        if let person = people[index] { return person }
        // A possessed noun phrase of one or two words: "alice's change", "bob's config push".
        // Only for what a thing can do (cause, break): "bob's dashboard didn't show" is about the dashboard.
        var noun = index
        for _ in 0..<(owners ? 2 : 0) {
            guard noun >= 1, let current = tokens[noun], !stops.contains(current.text) else { break }
            if let owner = tokens[noun - 1], owner.possessive, let person = people[noun - 1] { return person }
            noun -= 1
        }
        // A second verb of the same subject: find the clause's first word.
        guard conjunctions.contains(word.text) else { return nil }
        var first = index - 1
        while first >= 0, let previous = tokens[first], !subordinators.contains(previous.text) { first -= 1 }
        first += 1
        while first < index, let leading = tokens[first], isFiller(leading) || conjunctions.contains(leading.text) {
            first += 1
        }
        guard first < index else { return nil }
        return people[first]
    }

    /// The person right after "by" at `index` (an article aside): "caused by bob".
    static func agent(after index: Int, tokens: [Word?], people: [String?]) -> String? {
        guard index < tokens.count, tokens[index]?.text == "by" else { return nil }
        var next = index + 1
        if next < tokens.count, let word = tokens[next], ["the", "a", "an"].contains(word.text) { next += 1 }
        return next < tokens.count ? people[next] : nil
    }

    static func isFiller(_ word: Word) -> Bool {
        fillers.contains(word.text) || (word.text.count > 4 && word.text.hasSuffix("ly") && word.text.allSatisfy(\.isLetter))
    }
}
