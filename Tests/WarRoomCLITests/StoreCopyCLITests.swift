import Foundation
import Testing
import WarRoomCore
import WarRoomStore

/// `warroom store copy`: lossless (each incident's export equal in both stores), idempotent, and
/// refusing to merge into a different incident of the same id. SQLite to SQLite here; the same
/// command takes `postgresql://` locations, through `StoreLocation` alone.
@Suite("CLI store copy")
struct StoreCopyCLITests {
    /// Events of each `richIncident`: six to refer to, then one per type.
    static let perIncident = EventType.allCases.count + 6
    static let declaredAt = Timestamp(iso8601: "2026-11-28T12:00:00Z") ?? Timestamp(millis: 0)

    /// An incident with an event of every type (the switch over `EventType` fails to compile when
    /// a type is added), stamped a minute apart, every event with its own id.
    static func richIncident(_ incident: IncidentID, title: String, seed: Int) -> [Event] {
        var number = 0
        func id() -> UUID {
            number += 1
            return UUID(uuidString: String(format: "%08X-0000-4000-8000-%012X", seed, number)) ?? UUID()
        }
        var events: [Event] = []
        func add(_ payload: EventPayload, author: String = "alice") {
            let at = declaredAt + .minutes(Int64(events.count))
            events.append(Event(id: id(), incident: incident, at: at, recordedAt: at, author: author, payload: payload))
        }
        add(.declared(Declaration(title: title, severity: .sev2)))
        add(.entry(Entry(kind: .note, text: "restarted the pods — \"quoted\", tab\there, émoji 🚒")))
        let entry = events[events.count - 1].id
        add(.hypothesisOpened(HypothesisOpening(text: "bad deploy", owner: "bob", timebox: .minutes(15))))
        let hypothesis = events[events.count - 1].id
        add(.actionItemAdded(ActionItemAdded(text: "Canary", owner: "sre", priority: .p2, due: declaredAt.startOfDay + .hours(72))))
        let actionItem = events[events.count - 1].id
        add(.whyAdded(WhyAnswer(text: "no canary")))
        add(.notified(NotificationRecord(target: "bob", kind: .escalation, tier: "level 2 on-call-secondary", person: "bob",
                                         schedule: "backend-secondary", level: 2)))
        let page = events[events.count - 1].id
        for type in EventType.allCases {
            let payload: EventPayload = switch type {
            // One declaration per incident, the first event: its slot holds one more entry.
            case .declared: .entry(Entry(kind: .note, text: "paged the database team"))
            case .severityChanged: .severityChanged(SeverityChange(to: .sev1, reason: "worse"))
            case .impactRecorded: .impactRecorded(ImpactReport(usersAffectedPercent: 5))
            case .roleAssigned: .roleAssigned(RoleAssignment(role: .tech, person: "zed"))
            case .entry: .entry(Entry(kind: .action, text: "rolled back", tags: [.repair, .keyMoment]))
            case .entryAmended: .entryAmended(EntryAmendment(entry: entry, text: "restarted the db"))
            case .entryRetracted: .entryRetracted(EntryRetraction(entry: entry, reason: "wrong incident"))
            case .hypothesisOpened: .hypothesisOpened(HypothesisOpening(text: "dns", owner: nil, timebox: .minutes(10)))
            case .hypothesisDecided: .hypothesisDecided(HypothesisDecision(hypothesis: hypothesis, verdict: .ruledOut))
            case .notified: .notified(NotificationRecord(target: "Eng Manager", kind: .notification))
            case .statusChanged: .statusChanged(StatusChange(to: .identified))
            case .updatePosted: .updatePosted(StatusUpdatePost(audience: .customers, text: "We are on it"))
            case .postmortemStatusChanged: .postmortemStatusChanged(PostmortemStatusChange(status: .review))
            case .postmortemTextSet: .postmortemTextSet(PostmortemText(section: .lessons, text: "canary first"))
            case .postmortemImpactSet: .postmortemImpactSet(PostmortemImpact(supportTickets: 12))
            case .factorSet: .factorSet(ContributingFactor(level: .immediate, text: "bad config"))
            case .whyAdded: .whyAdded(WhyAnswer(text: "no review"))
            case .actionItemAdded: .actionItemAdded(ActionItemAdded(text: "Alert", owner: "sre", priority: .p1, due: declaredAt.startOfDay))
            case .actionItemDone: .actionItemDone(ActionItemDone(item: actionItem))
            case .factsRecorded: .factsRecorded(IncidentFacts(service: "payments"))
            case .actionItemUpdated: .actionItemUpdated(ActionItemUpdate(item: actionItem, owner: "zed"))
            case .actionItemStatusChanged: .actionItemStatusChanged(ActionItemStatusChange(item: actionItem, status: .inProgress))
            case .whyAmended: .whyAmended(WhyAmendment(number: 1, text: "no canary stage"))
            case .causeTagged: .causeTagged(CauseTagChange(tag: "config-push"))
            case .incidentLinked: .incidentLinked(IncidentLinkChange(other: "INC-77", kind: .parent))
            case .pageAcknowledged: .pageAcknowledged(PageAcknowledgement(page: page, person: "bob"))
            case .runbookUsed: .runbookUsed(RunbookUse(runbook: "checkout-rollback", action: .opened, lastTested: declaredAt.startOfDay))
            case .drillMarked: .drillMarked(DrillMark(action: .injected, inject: 2, offset: .minutes(6), text: "Deploy log: rule pushed at 13:40"))
            case .delivery: .delivery(.queued(id(), destination: "slack-eng", cause: entry, notice: "statusUpdate", key: "k-\(incident)"))
            }
            add(payload, author: type == .roleAssigned ? "bob" : "alice")
        }
        return events
    }

    /// A store at `path` holding `incidents` (id, title), each rich in event types.
    static func makeStore(_ path: String, _ incidents: [(IncidentID, String)]) throws {
        let store = try StoreLocation.sqlite(path: path).open()
        for (index, (id, title)) in incidents.enumerated() {
            _ = try store.importEvents(richIncident(id, title: title, seed: index + 1))
        }
    }

    static func exports(_ path: String) throws -> [IncidentID: [String]] {
        let store = try StoreLocation.sqlite(path: path).open(create: false)
        var result: [IncidentID: [String]] = [:]
        for record in try store.incidents() { result[record.id] = try store.exportLines(of: record.id) }
        return result
    }

    @Test("Every incident arrives with an export equal to the source's, every event type included; copying again adds nothing")
    func lossless() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let source = cli.directory.appendingPathComponent("source.db").path
        let target = cli.directory.appendingPathComponent("nested/target.db").path
        try Self.makeStore(source, [("INC-1", "Checkout 502s"), ("INC-2", "Search slow"), ("INC-7", "Login loop")])
        let before = try Self.exports(source)
        #expect(before.count == 3)
        #expect(before.values.allSatisfy { $0.count == Self.perIncident })

        let first = try cli.run(["store", "copy", "--from", source, "--to", "sqlite:" + target])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("INC-1: copied, \(Self.perIncident) events"))
        #expect(first.out.contains("3 incidents copied, 0 already there, 0 refused"), "\(first.out)")
        #expect(try Self.exports(target) == before, "each incident's export is the source's, line for line")
        #expect(try Self.exports(source) == before, "the source is only read")
        // The target works as a store: the war room's commands read it.
        #expect(try cli.ok("show", "--store", target, "--incident", "INC-7").contains("Login loop"))

        let again = try cli.run(["store", "copy", "--from", source, "--to", target])
        #expect(again.status == 0, "\(again.err)")
        #expect(again.out.contains("INC-2: already there (\(Self.perIncident) events), nothing added"), "\(again.out)")
        #expect(again.out.contains("0 incidents copied, 3 already there, 0 refused"))
        #expect(try Self.exports(target) == before)
    }

    @Test("A different incident under the same id is refused and left untouched; the others are copied; exit 1")
    func refusesToMerge() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let source = cli.directory.appendingPathComponent("source.db").path
        try Self.makeStore(source, [("INC-1", "Checkout 502s"), ("INC-2", "Search slow")])
        try cli.ok("declare", "--title", "Disk full on db-3", "--severity", "SEV3")
        try cli.ok("log", "freed 20 GB")
        let ours = try Self.exports(cli.store)

        let result = try cli.run(["store", "copy", "--from", source, "--to", cli.store])
        #expect(result.status == 1)
        #expect(result.err.contains("INC-1 not copied"), "\(result.err)")
        #expect(result.err.contains("'Checkout 502s'") && result.err.contains("'Disk full on db-3'"), "both titles: \(result.err)")
        #expect(result.err.contains("nothing of INC-1 was copied"))
        #expect(result.err.contains("warroom import --as-new FILE") && result.err.contains("next free id"), "how to keep both: \(result.err)")
        #expect(!result.err.contains("import with --as-new to store"), "the copy offers no --as-new of its own")
        #expect(result.out.contains("INC-2: copied"))
        #expect(result.out.contains("1 incident copied, 0 already there, 1 refused"), "\(result.out)")
        let after = try Self.exports(cli.store)
        #expect(after["INC-1"] == ours["INC-1"], "nothing of the refused incident was written")
        #expect(after["INC-2"] == (try Self.exports(source))["INC-2"])
    }

    @Test("Events added to the source since the last copy are added; an incident with more in the target says so")
    func incremental() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let source = cli.directory.appendingPathComponent("source.db").path
        let target = cli.directory.appendingPathComponent("target.db").path
        try Self.makeStore(source, [("INC-1", "Checkout 502s")])
        try cli.ok("store", "copy", "--from", source, "--to", target)
        try cli.ok("log", "--store", source, "--incident", "INC-1", "new in the source")
        let grown = try cli.run(["store", "copy", "--from", source, "--to", target])
        #expect(grown.status == 0, "\(grown.err)")
        #expect(grown.out.contains("INC-1: copied 1 new event; the other \(Self.perIncident) were there already"),
                "\(grown.out)")
        #expect(try Self.exports(target) == (try Self.exports(source)))

        try cli.ok("log", "--store", target, "--incident", "INC-1", "written in the target only")
        let more = try cli.run(["store", "copy", "--from", source, "--to", target])
        #expect(more.status == 0)
        #expect(more.out.contains("already there") && more.out.contains("1 more than the source's"), "\(more.out)")
    }

    @Test("An incident of the source that does not read back is refused by name; the others are copied")
    func damagedSource() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("declare", "--title", "healthy", "--severity", "SEV2", "--no-ic")
        try cli.ok("declare", "--title", "damaged", "--severity", "SEV3", "--no-ic")
        try StoreCLITests.damage(cli.store, incident: "INC-2", sequence: 2)
        let target = cli.directory.appendingPathComponent("target.db").path
        let result = try cli.run(["store", "copy", "--from", cli.store, "--to", target])
        #expect(result.status == 1)
        #expect(result.err.contains("INC-2 not copied") && result.err.contains("nothing of INC-2 was copied"), "\(result.err)")
        #expect(result.out.contains("INC-1: copied"))
        let copied = try Self.exports(target)
        #expect(copied.keys.sorted() == ["INC-1"], "nothing of INC-2 was written")
        #expect(copied["INC-1"] == (try Self.exports(cli.store))["INC-1"])
    }

    @Test("--json says what became of each incident")
    func json() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let source = cli.directory.appendingPathComponent("source.db").path
        try Self.makeStore(source, [("INC-1", "Checkout 502s"), ("INC-2", "Search slow")])
        try cli.ok("declare", "--title", "Other", "--severity", "SEV3")
        let result = try cli.run(["store", "copy", "--from", source, "--to", cli.store, "--json"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(object["copied"] as? Int == 1 && object["refused"] as? Int == 1 && object["present"] as? Int == 0)
        let incidents = try #require(object["incidents"] as? [[String: Any]])
        #expect(incidents.map { $0["outcome"] as? String } == ["refused", "copied"])
        #expect((incidents.first?["reason"] as? String)?.contains("different incidents") == true)
    }

    @Test("Bad locations are refused before anything is created", arguments: [
        (["--from", "", "--to", "x.db"], "--from needs a store"),
        (["--from", "mysql://db/x", "--to", "x.db"], "is not a kind of store"),
        (["--from", "missing.db", "--to", "x.db"], "missing.db"),
        (["--from", "same.db", "--to", "./same.db"], "are the same store"),
    ])
    func badLocations(arguments: [String], message: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        if arguments.contains("same.db") { try cli.ok("declare", "--store", cli.directory.appendingPathComponent("same.db").path,
                                                      "--title", "t", "--severity", "SEV2") }
        let process = try cli.run(["store", "copy"] + arguments.map {
            $0.hasSuffix(".db") ? cli.directory.appendingPathComponent($0).path : $0
        })
        #expect(process.status == 1)
        #expect(process.err.contains(message), "\(process.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("x.db").path), "no target was created")
    }
}
