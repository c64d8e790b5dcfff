import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

@Suite("Links between incidents")
struct LinkTests {
    @Test("Kinds are read as typed, in any case and with _ or spaces for -, and a few plain synonyms",
          arguments: [("related", LinkKind.related), ("Related", .related), ("relates-to", .related), ("duplicate", .duplicate),
                      ("dup", .duplicate), ("DUPLICATE-OF", .duplicate), ("caused-by", .causedBy), ("caused_by", .causedBy),
                      ("caused by", .causedBy), ("causedby", .causedBy), ("parent", .parent), (" child ", .child)])
    func kinds(typed: String, kind: LinkKind) throws {
        #expect(try LinkKind.parse(typed) == kind)
    }

    @Test("Any other kind is refused with the closest and the list", arguments: ["parnet", "chlid", "dupe-of-it", "", "blocks", "parent-of"])
    func unknownKinds(typed: String) {
        #expect(throws: CommandError.unknownLinkKind(typed.trimmingCharacters(in: .whitespaces))) { try LinkKind.parse(typed) }
        let message = CommandError.unknownLinkKind(typed).description
        #expect(message.contains(LinkKind.usage), "\(message)")
        if typed == "parnet" { #expect(message.contains("did you mean 'parent'"), "\(message)") }
        if typed == "chlid" { #expect(message.contains("did you mean 'child'"), "\(message)") }
    }

    @Test("A link is recorded under the store's spelling of the id; itself, the same link twice, a second parent or original are refused")
    func decide() throws {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.link(IncidentLink(other: "4", kind: .parent)))
        #expect(scenario.s.links == [IncidentLink(other: "INC-4", kind: .parent)])
        #expect(scenario.s.timeline.last.map { $0.detail } == .link(IncidentLinkChange(other: "INC-4", kind: .parent), previous: nil))
        #expect(throws: CommandError.linkToSelf("INC-1")) { try scenario.run(.link(IncidentLink(other: "inc-1", kind: .related))) }
        #expect(throws: CommandError.linkPresent("INC-4", phrase: "a child of")) {
            try scenario.run(.link(IncidentLink(other: "INC-4", kind: .parent)))
        }
        #expect(throws: CommandError.secondParent(child: "INC-1", parent: "INC-4")) {
            try scenario.run(.link(IncidentLink(other: "INC-5", kind: .parent)))
        }
        scenario.must(.link(IncidentLink(other: "INC-6", kind: .duplicate)))
        #expect(throws: CommandError.secondOriginal("INC-6")) { try scenario.run(.link(IncidentLink(other: "INC-7", kind: .duplicate))) }
        #expect(throws: CommandError.unknownLinkTarget("../x", known: [])) { try scenario.run(.link(IncidentLink(other: "../x", kind: .related))) }
        // A kind changed keeps the link's place and says what it was.
        scenario.must(.link(IncidentLink(other: "INC-4", kind: .related)))
        #expect(scenario.s.links == [IncidentLink(other: "INC-4", kind: .related), IncidentLink(other: "INC-6", kind: .duplicate)])
        #expect(scenario.s.timeline.last.map { $0.detail } == .link(IncidentLinkChange(other: "INC-4", kind: .related), previous: .parent))
        // Now INC-5 may be the parent: INC-4 is only related.
        scenario.must(.link(IncidentLink(other: "INC-5", kind: .parent)))
        scenario.must(.unlink("inc-6"))
        #expect(scenario.s.links.map(\.other) == ["INC-4", "INC-5"])
        #expect(throws: CommandError.linkAbsent("INC-6", current: ["INC-4", "INC-5"])) { try scenario.run(.unlink("INC-6")) }
        #expect(scenario.s.anomalies.isEmpty)
    }

    @Test("Links may be made and taken off after the incident is closed (the post-mortem finds them)")
    func closed() throws {
        var scenario = Scenario.declared(.sev3)
        scenario.must(.setPostmortemStatus(.final, forced: ["test"]))
        for status in [IncidentStatus.monitoring, .resolved, .closed] { scenario.must(.setStatus(.status(status), reason: "test", force: true)) }
        #expect(scenario.s.status == .closed)
        scenario.must(.link(IncidentLink(other: "INC-2", kind: .causedBy)))
        scenario.must(.unlink("INC-2"))
        #expect(scenario.s.links.isEmpty)
    }

    @Test("At most 32 incidents are linked; changing the kind of one of them is still allowed")
    func limit() throws {
        var scenario = Scenario.declared(.sev2)
        for n in 2...33 { scenario.must(.link(IncidentLink(other: "INC-\(n)", kind: .related))) }
        #expect(throws: CommandError.tooManyLinks(limit: 32)) { try scenario.run(.link(IncidentLink(other: "INC-99", kind: .related))) }
        scenario.must(.link(IncidentLink(other: "INC-2", kind: .child)))
        #expect(scenario.s.links.count == 32)
    }

    @Test("A log from elsewhere linking itself, or no valid id, is folded as an anomaly and no link")
    func importedNonsense() throws {
        var scenario = Scenario.declared(.sev2)
        let declared = scenario.events[0]
        for (n, other) in ["INC-1", "../etc", "", "a b"].enumerated() {
            let event = Event(id: testID(500 + n), incident: "INC-1", at: declared.at, recordedAt: declared.at, author: "import",
                              payload: .incidentLinked(IncidentLinkChange(other: other, kind: .parent)))
            scenario.state = IncidentState.fold([event], onto: scenario.state)
        }
        #expect(scenario.s.links.isEmpty)
        #expect(scenario.s.anomalies.count == 4)
        #expect(scenario.s.anomalies.first?.message == "a link of INC-1 to itself")
    }

    @Test("The commands survive a JSON round trip (the offline spool keeps them)")
    func codable() throws {
        for command in [Command.link(IncidentLink(other: "INC-4", kind: .causedBy)), .unlink("INC-9")] {
            let data = try JSONEncoder().encode(command)
            #expect(try JSONDecoder().decode(Command.self, from: data) == command)
        }
    }

    // MARK: - The graph

    /// INC-1 is INC-2's parent from INC-2's log; INC-3 says INC-1 is its child; INC-4 duplicates INC-1.
    static let graph = LinkGraph([
        "INC-2": [IncidentLink(other: "INC-1", kind: .parent), IncidentLink(other: "INC-5", kind: .related)],
        "INC-3": [IncidentLink(other: "INC-1", kind: .child)],
        "INC-4": [IncidentLink(other: "INC-1", kind: .duplicate)],
        "INC-1": [IncidentLink(other: "INC-6", kind: .causedBy)],
    ])

    @Test("Relations read from either end, the parent first and the children last, each once")
    func relations() {
        let graph = Self.graph
        let one = graph.relations(of: "INC-1")
        #expect(one.map(\.view) == [.childOf, .causedBy, .duplicatedBy, .parentOf])
        #expect(one.map(\.other) == ["INC-3", "INC-6", "INC-4", "INC-2"])
        #expect(graph.parents(of: "INC-1") == ["INC-3"])
        #expect(graph.children(of: "INC-1") == ["INC-2"])
        #expect(graph.children(of: "INC-3") == ["INC-1"])
        #expect(graph.relations(of: "INC-6").map(\.view) == [.caused])
        #expect(graph.relations(of: "INC-5") == [LinkGraph.Relation(other: "INC-2", view: .related, recordedOn: "INC-2")])
        #expect(graph.ancestors(of: "INC-2") == ["INC-1", "INC-3"])
        // Both ends saying the same thing show it once.
        let both = graph.with("INC-1", links: [IncidentLink(other: "INC-2", kind: .child)])
        #expect(both.children(of: "INC-1") == ["INC-2"])
        #expect(both.relations(of: "INC-1").filter { $0.other == "INC-2" }.count == 1)
    }

    @Test("Contradictions are refused before anything is recorded")
    func problems() {
        let graph = Self.graph
        // INC-2 already has a parent (INC-1): INC-7 cannot adopt it, from either end.
        #expect(graph.problem(linking: IncidentLink(other: "INC-2", kind: .child), from: "INC-7")
                == .secondParent(child: "INC-2", parent: "INC-1"))
        #expect(graph.problem(linking: IncidentLink(other: "INC-7", kind: .parent), from: "INC-1")
                == .secondParent(child: "INC-1", parent: "INC-3"))
        // INC-3 → INC-1 → INC-2: INC-2 cannot be INC-3's parent.
        guard case .linkLoop(let loop)? = graph.problem(linking: IncidentLink(other: "INC-2", kind: .parent), from: "INC-3") else {
            Issue.record("a loop of parents was not refused"); return
        }
        #expect(loop == "INC-2 is below INC-3 already (INC-2 → INC-1 → INC-3), so INC-2 cannot also be its parent")
        #expect(graph.problem(linking: IncidentLink(other: "INC-3", kind: .child), from: "INC-2") != nil, "the same loop from the other end")
        // What the other end records already.
        #expect(graph.problem(linking: IncidentLink(other: "INC-2", kind: .child), from: "INC-1")
                == .linkKnownOnOther("INC-2", phrase: "the parent of"))
        // Duplicates: no loop, no duplicate of a duplicate.
        #expect(graph.problem(linking: IncidentLink(other: "INC-4", kind: .duplicate), from: "INC-1") != nil)
        #expect(graph.problem(linking: IncidentLink(other: "INC-4", kind: .duplicate), from: "INC-8")
                == .duplicateOfDuplicate("INC-4", original: "INC-1"))
        // Causes: no two-way cause.
        #expect(graph.problem(linking: IncidentLink(other: "INC-1", kind: .causedBy), from: "INC-6") != nil)
        // What may be recorded.
        #expect(graph.problem(linking: IncidentLink(other: "INC-1", kind: .parent), from: "INC-8") == nil)
        #expect(graph.problem(linking: IncidentLink(other: "INC-1", kind: .related), from: "INC-2") == nil, "changing its parent link to related")
        #expect(graph.problem(linking: IncidentLink(other: "INC-1", kind: .causedBy), from: "INC-9") == nil)
        // Taking off a link the other end records is done there.
        #expect(graph.removalProblem(of: "INC-2", from: "INC-1") == .linkOnOtherEnd("INC-2", phrase: "the parent of", this: "INC-1"))
        #expect(graph.removalProblem(of: "INC-6", from: "INC-1") == nil, "INC-1 records it")
        #expect(graph.removalProblem(of: "INC-9", from: "INC-1") == nil, "no link: the core says so")
    }

    @Test("The graph of a store's events replays each log as the fold does")
    func fromEvents() {
        func event(_ n: Int, _ incident: IncidentID, _ change: IncidentLinkChange) -> Event {
            Event(id: testID(n), incident: incident, at: t0 + .minutes(Int64(n)), recordedAt: t0 + .minutes(Int64(n)), author: "a",
                  payload: .incidentLinked(change))
        }
        let graph = LinkGraph(events: [
            event(1, "INC-2", IncidentLinkChange(other: "INC-1", kind: .related)),
            event(2, "INC-2", IncidentLinkChange(other: "INC-1", kind: .parent)),
            event(3, "INC-2", IncidentLinkChange(other: "INC-9", kind: .related)),
            event(4, "INC-2", IncidentLinkChange(other: "INC-9", kind: .related, removed: true)),
            event(5, "INC-3", IncidentLinkChange(other: "INC-3", kind: .parent)),
        ])
        #expect(graph.links == ["INC-2": [IncidentLink(other: "INC-1", kind: .parent)]])
        #expect(graph.children(of: "INC-1") == ["INC-2"])
    }

    @Test("A parent is warned of a child whose update is overdue, not of one on time")
    func childAlert() throws {
        var child = Scenario.declared(.sev2, title: "Payments queue backlog")
        let state = child.s
        let due = try #require(state.updateCountdown(policy: .standard)).nextDue
        #expect(Alert.childUpdateOverdue("INC-9", state, policy: .standard, now: due - .minutes(1)) == nil)
        let alert = try #require(Alert.childUpdateOverdue("INC-9", state, policy: .standard, now: due + .minutes(3)))
        #expect(alert.subject == .child("INC-9"))
        #expect(alert.level == .warning)
        #expect(alert.message.hasPrefix("Child INC-9's "))
        #expect(alert.message.contains("overdue by 3m: SEV2 investigating — Payments queue backlog"), "\(alert.message)")
        for status in [IncidentStatus.monitoring, .resolved] { child.must(.setStatus(.status(status), reason: "test", force: true)) }
        #expect(Alert.childUpdateOverdue("INC-9", child.s, policy: .standard, now: due + .hours(5))?.message.contains("All-clear") == true,
                "resolved, the all-clear is owed")
        child.must(.setPostmortemStatus(.final, forced: ["test"]))
        child.must(.setStatus(.status(.closed), reason: "test", force: true))
        #expect(Alert.childUpdateOverdue("INC-9", child.s, policy: .standard, now: due + .hours(5)) == nil, "closed: nothing owed")
    }
}
