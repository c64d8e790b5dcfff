import Testing
import WarRoomCore

/// Each vocabulary is one table, and what people read of it (choices, usage, completion) is
/// generated from that table: a case added to the table shows up everywhere, or these fail.
@Suite("Vocabulary tables")
struct VocabularyTests {
    @Test("A list of choices is written one way", arguments: [
        ([String](), ""), (["a"], "a"), (["a", "b"], "a or b"), (["a", "b", "c"], "a, b or c"),
    ])
    func list(_ words: [String], _ text: String) {
        #expect(Choices.list(words) == text)
    }

    @Test("Every role is reached by each of its spellings, in any case and with any separator", arguments: Role.allCases)
    func roleSpellings(_ role: Role) throws {
        #expect(role.spellings.contains(role.rawValue) && role.spellings.contains(role.title.lowercased()))
        for spelling in role.spellings {
            #expect(try Role.parse(spelling) == role, "\(spelling)")
            #expect(try Role.parse(spelling.uppercased()) == role, "\(spelling)")
            #expect(try Role.parse(spelling.replacingOccurrences(of: " ", with: "-")) == role, "\(spelling)")
        }
        if let alias = role.alias { #expect(try Role.parse(alias) == role) }
    }

    @Test("No spelling names two roles")
    func noAmbiguousSpelling() {
        let folded = Role.spellings.map { ($0.0.lowercased().filter { $0.isLetter }, $0.1) }
        for (key, role) in folded {
            #expect(folded.filter { $0.0 == key }.allSatisfy { $0.1 == role }, "\(key)")
        }
    }

    @Test("The choices and the usage line list every role, in roster order", arguments: Role.allCases)
    func roleChoices(_ role: Role) throws {
        #expect(Role.choices.contains(role.choice))
        #expect(Role.usage.split(separator: "|").map(String.init).contains(role.short))
        #expect(!role.label.isEmpty && role.label.count <= 7, "the roster's label column is 7 wide")
    }

    @Test("The roles' generated texts read as before")
    func roleTexts() {
        #expect(Role.usage.hasPrefix("ic|"))
        #expect(Role.choices.hasPrefix("commander (ic), "))
        #expect(Role.commander.label == "IC" && Role.scribe.label == "Scribe" && Role.scribe.short == "scribe")
    }

    @Test("The first words that spell a role: the longest title first, the name left over", arguments: [
        (["incident", "commander", "alice"], Role.commander, 2), (["ic", "alice", "smith"], .commander, 1),
        (["tech", "lead", "bob"], .tech, 2), (["Communications", "Lead", "dan"], .comms, 2), (["scribe", "carol"], .scribe, 1),
        (["tech", "lead"], .tech, 1),
    ])
    func leading(_ words: [String], _ role: Role, _ used: Int) throws {
        let found = try #require(Role.leading(words))
        #expect(found.role == role && found.words == used)
    }

    @Test("Words that spell no role, or leave no name, are none", arguments: [[String](), ["ic"], ["boss", "alice"], ["incident", "alice"]])
    func noLeading(_ words: [String]) {
        #expect(Role.leading(words) == nil)
    }

    @Test("Every status target and verb reads as its status", arguments: IncidentStatus.allCases)
    func statuses(_ status: IncidentStatus) throws {
        #expect(try StatusTarget.parse(status.rawValue) == .status(status))
        #expect(IncidentStatus.choices.contains(status.rawValue))
        for (verb, target) in IncidentStatus.verbs where target == status {
            #expect(try StatusTarget.parse(verb) == .status(status))
        }
        #expect(try StatusTarget.parse(IncidentStatus.reopen) == .reopen)
        #expect(IncidentStatus.targets == IncidentStatus.allCases.map(\.rawValue) + ["reopen"])
    }

    @Test("Every severity is in its choices and reads back from its label", arguments: Severity.allCases)
    func severities(_ level: Severity) throws {
        #expect(Severity.choices.contains(level.label))
        #expect(try Severity.parse(level.label) == level)
        #expect(level.needsUndividedCommander == (level <= .sev2))
    }

    @Test("Entry kinds, tags, audiences and post-mortem stages list every case in their choices")
    func otherChoices() {
        #expect(EntryKind.choices == "note, action, decision, finding or comms")
        #expect(EntryTag.choices == "detection, diagnosis, repair, key-moment or deploy")
        #expect(Audience.choices == "engineering, executives or customers")
        #expect(PostmortemStatus.choices == "draft, review or final")
        #expect(IncidentStatus.choices == "investigating, identified, mitigating, monitoring, resolved, closed or reopen")
        #expect(Severity.choices == "SEV1, SEV2, SEV3 or SEV4")
    }
}
