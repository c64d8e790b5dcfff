import Foundation
import Testing
import WarRoomCore
import WarRoomStore
import WarRoomTestSupport

/// The report's per-incident summaries (schema 6): a cache that must never change a report. Random
/// incidents are written the ways warroom writes them (checked commands from two writers, some
/// followed by the writer's summary; raw appends and imports, which keep none; stale summaries
/// offered late), and after each round every summary the reports read equals the summary of a full
/// fold of that incident's log.
@Suite("Incident summaries in the store")
struct SummaryStoreTests {
    /// The truth: each incident folded from its whole log, as a summary.
    static func fullFolds(_ store: any EventStore) throws -> [IncidentSummary] {
        try store.incidents().compactMap { record in
            IncidentState.fold(try store.events(of: record.id, after: 0).map(\.event)).map(IncidentSummary.init)
        }
    }

    /// A random incident's raw event, re-addressed to `id` with an id of its own (the generator's
    /// ids repeat across incidents, and the store skips an id it holds).
    static func raw(_ random: inout RandomIncident, _ id: IncidentID, number: Int) -> Event {
        var event = random.rawEvent(number: number)
        event.id = UUID()
        event.incident = id
        return event
    }

    @Test("Summaries read back equal full folds after every round of random writes", arguments: StoreBackend.all)
    func equalsFullFold(_ backend: StoreBackend) throws {
        try backend.withStore { store, location in
            let other = try location.open()
            var randoms: [(id: IncidentID, random: RandomIncident)] = []
            for seed in UInt64(1)...5 {
                var random = RandomIncident(seed: seed * 7919)
                let (id, _) = try store.declare { id in
                    [Event(id: UUID(), incident: id, at: random.scenario.now, recordedAt: random.scenario.now, author: "alice",
                           payload: .declared(Declaration(title: "Random \(seed)", severity: .sev2, service: "checkout-api",
                                                            isDrill: seed == 3)))]
                }
                random.scenario.advance(.minutes(Int64(seed)))
                randoms.append((id, random))
            }
            var rng = SeededGenerator(seed: 2026)
            var ways: [Int] = Array(repeating: 0, count: 5)
            var folded = 0, usedStored = 0
            for round in 0..<12 {
                for step in 0..<40 {
                    let index = Int.random(in: 0..<randoms.count, using: &rng)
                    let id = randoms[index].id
                    let writer = Bool.random(using: &rng) ? store : other
                    let events = try writer.events(of: id, after: 0)
                    let state = try #require(IncidentState.fold(events.map(\.event)))
                    let last = events.last?.sequence ?? 0
                    randoms[index].random.scenario.advance(.seconds(Int64.random(in: 0...600, using: &rng)))
                    randoms[index].random.scenario.events = events.map(\.event)
                    let now = randoms[index].random.scenario.now
                    let way = min(4, max(0, Int.random(in: -3..<5, using: &rng)))
                    ways[way] += 1
                    switch way {
                    case 0, 1:
                        // A checked command from a state that may lag (the other writer wrote since):
                        // the store folds the newer events first, as the CLI and the war room rely on.
                        let command = randoms[index].random.command()
                        let known = Bool.random(using: &rng) ? last : max(1, last - 2)
                        let base = known == last ? state
                            : try #require(IncidentState.fold(events.prefix { $0.sequence <= known }.map(\.event)))
                        do {
                            let result = try writer.record(incident: id, onto: base, knownSequence: known, author: "bob", at: now,
                                                           now: now, policy: .standard) { _ in command }
                            // The war room's and the CLI's write-time summary, half the time.
                            if way == 0, let newest = result.events.last, result.written > 0 {
                                let after = IncidentState.fold(result.events.map(\.event), onto: base) ?? base
                                writer.keepSummary(of: after, through: newest.sequence)
                            }
                        } catch is CommandError {}
                    case 2:
                        let event = Self.raw(&randoms[index].random, id, number: round * 100 + step)
                        // Some raw events are refused (NaN is not JSON): nothing written then, as for a refused import.
                        _ = try? writer.append(to: id, knownSequence: last) { _ in [event] }
                    case 3:
                        let event = Self.raw(&randoms[index].random, id, number: round * 100 + step)
                        _ = try? writer.importEvents([event], lines: [1], asNew: false)
                    default:
                        // A summary made earlier, offered late: it must not replace a newer one.
                        let cut = Int64.random(in: 1...max(1, last), using: &rng)
                        if let older = IncidentState.fold(events.prefix { $0.sequence <= cut }.map(\.event)) {
                            try writer.storeSummaries([(IncidentSummary(older), cut)])
                        }
                    }
                }
                let truth = try Self.fullFolds(store)
                let reading = try IncidentSummaries.read(Bool.random(using: &rng) ? store : other)
                #expect(reading.summaries == truth, "round \(round): the summaries the report reads equal full folds")
                #expect(reading.damaged.isEmpty)
                folded += reading.folded
                usedStored += reading.summaries.count - reading.folded
                // The read stored what it folded: every stored summary is now level and right.
                let stored = try store.storedSummaries()
                for (record, summary) in zip(try store.incidents(), truth) {
                    #expect(stored[record.id]?.sequence == record.lastSequence, "round \(round): \(record.id) caught up")
                    #expect(stored[record.id]?.summary == summary, "round \(round): \(record.id) stored equals its fold")
                }
                #expect(try IncidentSummaries.read(other).folded == 0, "round \(round): a second read folds nothing")
            }
            // Not vacuous: each way of writing happened, and both paths of the read were taken.
            #expect(ways.allSatisfy { $0 > 10 }, "ways of writing: \(ways)")
            #expect(folded > 0 && usedStored > 0, "folded \(folded), used stored \(usedStored)")
            // The summaries carry what the reports read: action items, causes, alerts, factors.
            let truth = try Self.fullFolds(store)
            #expect(truth.contains { !$0.actionItems.isEmpty } && truth.contains { !$0.causes.isEmpty })
            #expect(truth.contains { !$0.fingerprints.isEmpty } && truth.contains { !$0.factors.isEmpty })
            #expect(truth.contains { $0.status != .investigating } && truth.contains { $0.severity != .sev2 })
            #expect(truth.filter(\.isDrill).count == 1)
        }
    }

    @Test("A summary that lags the log, names another incident, does not read or is of another version is not used",
          arguments: StoreBackend.all)
    func untrustedSummaries(_ backend: StoreBackend) throws {
        try backend.withStore { store, location in
            let first = try declareIncident(store, title: "Checkout 502s")
            let second = try declareIncident(store, title: "Search slow")
            _ = try IncidentSummaries.read(store)
            #expect(try store.storedSummaries().count == 2)
            // Lags: an event appended without a summary.
            _ = try store.append(to: first, knownSequence: 1) { _ in [note(first, "zookeeper", offset: 60_000)] }
            var reading = try IncidentSummaries.read(store)
            #expect(try reading.folded == 1 && reading.summaries == Self.fullFolds(store))
            #expect(try IncidentSummaries.read(store).folded == 0)
            // Rewritten behind warroom's back: each body is refused and that incident folded again.
            let secondBody = "(SELECT body FROM incident_summaries WHERE incident = '\(second)')"
            for body in ["'{\"v\":99}'", "'not json'", secondBody, "replace(body, '\"v\":2', '\"v\":3')"] {
                try Self.sql(location, "UPDATE incident_summaries SET body = \(body) WHERE incident = '\(first)'")
                #expect(try store.storedSummaries()[first] == nil, "body \(body) is not used")
                reading = try IncidentSummaries.read(store)
                #expect(reading.folded == 1, "body \(body): folded again")
                #expect(reading.summaries == (try Self.fullFolds(store)))
                #expect(try store.storedSummaries()[first]?.summary == (try Self.fullFolds(store)).first, "and rewritten")
            }
            // An older summary offered after a newer one is kept out.
            let one = try #require(IncidentState.fold(try store.events(of: first, after: 0).prefix(1).map(\.event)))
            try store.storeSummaries([(IncidentSummary(one), 1)])
            #expect(try store.storedSummaries()[first]?.sequence == 2)
        }
    }

    @Test("A schema-5 store (before the summaries) is migrated on opening, and its first report folds and keeps them",
          arguments: StoreBackend.all)
    func migratesFromSchemaFive(_ backend: StoreBackend) throws {
        try backend.withLocation { location in
            do {
                let store = try location.open()
                let id = try declareIncident(store, title: "Checkout 502s")
                _ = try store.append(to: id, knownSequence: 1) { _ in [note(id, "rollback", offset: 60_000)] }
            }
            switch location {
            case .sqlite(let path):
                try rawSQL(path, "DROP TABLE incident_summaries; PRAGMA user_version = 5;")
            case .postgreSQL:
                try Self.sql(location, "DROP TABLE incident_summaries; UPDATE warroom_schema SET version = 5")
            }
            let store = try location.open()
            #expect(try store.storedSummaries().isEmpty)
            let reading = try IncidentSummaries.read(store)
            #expect(try reading.folded == 1 && reading.summaries == Self.fullFolds(store))
            #expect(try store.storedSummaries()["INC-1"]?.sequence == 2)
        }
    }

    /// SQL run on the store past warroom, as a tool or a person could.
    static func sql(_ location: StoreLocation, _ sql: String) throws {
        switch location {
        case .sqlite(let path): try rawSQL(path, sql + ";")
        case .postgreSQL:
            let name = try #require(TestPostgres.database(of: location))
            _ = try TestPostgres.running().adminSQL(sql, database: name)
        }
    }
}
