import Testing
import WarRoomConfig
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// `/link` in the war room and what a parent's war room shows of its children: the incidents of
/// the store looked up once `/link` is typed, typos of ids and kinds refused with what was meant,
/// contradictions refused before anything is recorded, and the children's severity, status and
/// next update in a pane, the header and (when late) the alerts strip.
@Suite("Input line and screen: links between incidents")
struct LinkInputTests {
    /// INC-1 links INC-2 as related; INC-5 records INC-1 as its parent; INC-3 already has a parent (INC-8).
    static func context(lookedUp: Bool = true) -> InputContext {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.link(IncidentLink(other: "INC-2", kind: .related)))
        let graph = LinkGraph(["INC-5": [IncidentLink(other: "INC-1", kind: .parent)], "INC-3": [IncidentLink(other: "INC-8", kind: .parent)]])
        let facts = LinkFacts(graph: graph, known: ["INC-1", "INC-2", "INC-3", "INC-4", "INC-5", "INC-8"])
        return InputContext(state: scenario.s, now: t0 + .minutes(10), links: lookedUp ? facts : nil)
    }

    @Test("/link records the other incident in the store's spelling and the kind; -ID takes this incident's link off", arguments: [
        ("/link INC-4 parent", Command.link(IncidentLink(other: "INC-4", kind: .parent))),
        ("/link 4 caused_by", .link(IncidentLink(other: "INC-4", kind: .causedBy))),
        ("/LINK inc-4  Related ", .link(IncidentLink(other: "INC-4", kind: .related))),
        ("/link INC-2 duplicate", .link(IncidentLink(other: "INC-2", kind: .duplicate))),
        ("/link INC-3 child-of", nil),
        ("/link -INC-2", .unlink("INC-2")),
        ("/link -2", .unlink("INC-2")),
    ] as [(String, Command?)])
    func recorded(_ line: String, _ command: Command?) throws {
        guard let command else {
            #expect(throws: InputError.self) { try SlashCommands.parse(line, context: Self.context()) }
            return
        }
        #expect(try SlashCommands.parse(line, context: Self.context()) == .record(command, at: nil))
    }

    @Test("Refused, with what to type: no id, no kind, an id not in the store, a typo of a kind, itself, contradictions", arguments: [
        ("/link", "/link needs an incident and a kind: /link INC-4 related|duplicate|caused-by|parent|child"),
        ("/link", "this incident links INC-2 (related)"),
        ("/link INC-4", "/link INC-4 needs a kind"),
        ("/link INC-44 related", "no incident INC-44 in the store (did you mean 'INC-4'?); nothing was recorded"),
        ("/link INC-4 parnet", "'parnet' is not a kind of link (did you mean 'parent'?)"),
        ("/link INC-4 related now", "/link takes an incident and a kind, nothing more"),
        ("/link ../x related", "'../x' is not an incident id"),
        ("/link 1 related", "INC-1 cannot be linked to itself"),
        ("/link INC-3 child", "INC-3 is a child of INC-8 already: an incident has one parent"),
        ("/link INC-5 child", "INC-5 already records this incident as the parent of INC-5"),
        ("/link INC-5 parent", "INC-5 is below INC-1 already (INC-5 → INC-1), so INC-5 cannot also be its parent"),
        ("/link -INC-5", "is recorded on INC-5: take it off there, with /link -INC-1 in its war room"),
        ("/link -INC-2 related", "/link -INC-2 takes no kind"),
        ("/link -INC-4", "this incident has no link to INC-4"),
    ])
    func refused(_ line: String, _ fragment: String) {
        do {
            let action = try SlashCommands.parse(line, context: Self.context())
            if case .record(let command, _) = action {
                // The core refuses what the parser lets through (a link that is not there).
                var scenario = Scenario.declared(.sev2)
                scenario.must(.link(IncidentLink(other: "INC-2", kind: .related)))
                do {
                    _ = try scenario.run(command)
                    Issue.record("accepted as \(action)")
                } catch {
                    #expect(error.description.contains(fragment), "\(error.description)")
                }
            } else {
                Issue.record("accepted as \(action)")
            }
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("Before the store's incidents are known, /link records nothing and says to wait")
    func beforeLookUp() {
        #expect(throws: InputError("The incidents in the store are still being looked up: press Enter again in a moment (nothing was recorded)")) {
            try SlashCommands.parse("/link INC-4 parent", context: Self.context(lookedUp: false))
        }
    }

    static func model(width: Int = 80, height: Int = 24) -> WarRoomModel {
        let script = Script.checkoutOutage()
        return WarRoomModel(incident: script.state!, policy: .standard, now: script.now, author: "carol", width: width, height: height)
    }

    @Test("Typing /link asks for the links once; another process's write asks again, at most every 3 s, and a stale tick catches up")
    func lookUps() {
        var model = Self.model()
        var effects: [Effect] = []
        for character in "/link " { effects += model.update(.input(.key(.character(character)))) }
        #expect(effects.filter { $0 == .lookUpLinks }.count == 1, "\(effects)")
        #expect(model.update(.othersWrote).isEmpty, "asked a moment ago")
        #expect(model.linksStale)
        #expect(!model.update(.tick(model.now + .seconds(1))).contains(.lookUpLinks))
        #expect(model.update(.tick(model.now + .seconds(3))).contains(.lookUpLinks), "stale, and 3 s went by")
        _ = model.update(.linksLookedUp(LinkFacts(known: ["INC-7"])))
        #expect(!model.linksStale)
        #expect(!model.update(.tick(model.now + .seconds(10))).contains(.lookUpLinks), "nothing changed since")
        #expect(model.update(.othersWrote) == [.lookUpLinks])
        // A link recorded here asks again at once, whatever the clock.
        let link = Event(id: testID(900), incident: model.incident.id, at: model.now, recordedAt: model.now, author: "carol",
                         payload: .incidentLinked(IncidentLinkChange(other: "INC-2", kind: .related)))
        #expect(model.update(.recorded([link], source: .line("/link INC-2 related"))).contains(.lookUpLinks))
        #expect(model.incident.links == [IncidentLink(other: "INC-2", kind: .related)])
    }

    /// Children of the checkout incident (INC-7): INC-9 late with its first update, INC-11 on
    /// time, and INC-2, a related incident already resolved.
    static func parent(width: Int, height: Int) -> WarRoomModel {
        var model = model(width: width, height: height)
        func incident(_ id: IncidentID, _ title: String, _ severity: Severity, at: Timestamp, statuses: [IncidentStatus] = []) -> IncidentState {
            var scenario = Scenario(now: at, incident: id)
            scenario.must(.declare(Declaration(title: title, severity: severity)))
            if statuses.contains(.closed) { scenario.must(.setPostmortemStatus(.final, forced: ["test"])) }
            for status in statuses { scenario.must(.setStatus(.status(status), reason: "test", force: true)) }
            return scenario.s
        }
        let graph = LinkGraph([
            "INC-9": [IncidentLink(other: "INC-7", kind: .parent)],
            "INC-11": [IncidentLink(other: "INC-7", kind: .parent)],
            "INC-2": [IncidentLink(other: "INC-7", kind: .related)],
        ])
        let related = [
            "INC-9": incident("INC-9", "Payments queue backlog", .sev1, at: t0 - .minutes(10), statuses: [.monitoring]),
            "INC-11": incident("INC-11", "Search latency", .sev3, at: t0 + .minutes(10)),
            "INC-2": incident("INC-2", "Old DNS outage", .sev3, at: t0 - .hours(30), statuses: [.monitoring, .resolved, .closed]),
        ]
        _ = model.update(.linksLookedUp(LinkFacts(graph: graph, known: ["INC-2", "INC-7", "INC-9", "INC-11"], related: related)))
        return model
    }

    @Test("A parent's war room: the children in a pane with their next update, a late one in the strip, the count in the header")
    func parentScreen() throws {
        let model = Self.parent(width: 120, height: 40)
        let rows = WarRoomView.render(model).grid.lines
        let text = rows.joined(separator: "\n")
        #expect(text.contains(" PARENT of 2 "), "\(text)")
        #expect(text.contains("Children (2) · linked"), "\(text)")
        let late = try #require(rows.first { $0.contains("│INC-9 SEV1 monitoring") })
        #expect(late.contains("upd +12m│"), "\(late)")
        #expect(rows.contains { $0.contains("│INC-11 SEV3 investigating") && $0.contains("upd 1h58m│") })
        #expect(rows.contains { $0.contains("│related INC-2 SEV3 closed ") })
        #expect(model.alerts.contains { $0.subject == .child("INC-9") })
        #expect(!model.alerts.contains { $0.subject == .child("INC-11") }, "on time")
        #expect(!model.alerts.contains { $0.subject == .child("INC-2") }, "related, not a child")
    }

    @Test("A child's header names its parent; an incident linked to none has no pane")
    func childHeader() throws {
        var model = Self.model(width: 120, height: 40)
        #expect(!WarRoomView.render(model).grid.lines.joined().contains("Linked incidents"))
        _ = model.update(.linksLookedUp(LinkFacts(known: ["INC-3", "INC-7"])))
        #expect(model.notice == nil, "the first look-up announces nothing: the pane shows what is there")
        _ = model.update(.linksLookedUp(LinkFacts(graph: LinkGraph(["INC-3": [IncidentLink(other: "INC-7", kind: .child)]]),
                                                  known: ["INC-3", "INC-7"])))
        #expect(model.notice?.text == "INC-3 linked this incident: it is now a child of INC-3")
        let text = WarRoomView.render(model).grid.lines.joined(separator: "\n")
        #expect(text.contains(" CHILD of INC-3 "), "\(text)")
        #expect(text.contains("parent INC-3 not in this store"), "\(text)")
    }

    @Test("Golden screens of a parent incident", arguments: [(120, 40), (80, 24)])
    func golden(_ size: (Int, Int)) throws {
        try Golden.check(WarRoomView.render(Self.parent(width: size.0, height: size.1)).grid, theme: ThemeCatalog.defaultTheme,
                         name: "parent-\(size.0)x\(size.1)-dark")
    }
}
