import Foundation
import Testing
import WarRoomCore
import WarRoomStore

/// What every `EventStore` promises, run against each backend in `StoreBackend.all` through its
/// factory and `StoreLocation`: only the backend's own tricks (a newer schema) go through it. A
/// backend's private rules (SQLite's file checks, its raw SQL) are tested in its own suites.
@Suite struct StoreContractTests {
    // MARK: Append and declare

    @Test(arguments: StoreBackend.all)
    func sequencesAreGaplessAcrossAppends(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let id = try declareIncident(store)
            var known: Int64 = 1
            for round in 0..<5 {
                let result = try store.append(to: id, knownSequence: known) { others in
                    #expect(others.isEmpty)
                    return (0...round).map { note(id, "round \(round) #\($0)") }
                }
                #expect(result.written == round + 1)
                #expect(result.events.map(\.sequence) == Array((known + 1)...(known + Int64(round) + 1)))
                known = result.events.last?.sequence ?? known
            }
            #expect(try store.events(of: id, after: 0).map(\.sequence) == Array(1...16))
            #expect(try store.incidents() == [IncidentRecord(id: id, lastSequence: 16)])
            #expect(try store.events(of: id, after: 14).map(\.sequence) == [15, 16])
            #expect(try store.events(of: id, after: 16).isEmpty)
        }
    }

    @Test("Sequences are per incident: each runs 1…N whatever the others do", arguments: StoreBackend.all)
    func sequencesArePerIncident(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let one = try declareIncident(store), two = try declareIncident(store)
            for n in 0..<3 {
                _ = try store.append(to: one, knownSequence: Int64(1 + n)) { _ in [note(one, "one \(n)")] }
                _ = try store.append(to: two, knownSequence: Int64(1 + 2 * n)) { _ in [note(two, "a \(n)"), note(two, "b \(n)")] }
            }
            #expect(try store.events(of: one, after: 0).map(\.sequence) == Array(1...4))
            #expect(try store.events(of: two, after: 0).map(\.sequence) == Array(1...7))
            #expect(try store.events(of: one, after: 0).allSatisfy { $0.event.incident == one })
            #expect(try store.incidents() == [IncidentRecord(id: one, lastSequence: 4), IncidentRecord(id: two, lastSequence: 7)])
        }
    }

    @Test(arguments: StoreBackend.all)
    func appendSeesOtherWritersEventsFirst(_ backend: StoreBackend) throws {
        try backend.withStore { a, location in
            let b = try location.open()
            let id = try declareIncident(a)
            let theirs = note(id, "from b")
            _ = try b.append(to: id, knownSequence: 1) { _ in [theirs] }
            let mine = note(id, "from a")
            let result = try a.append(to: id, knownSequence: 1) { others in
                #expect(others.map(\.event) == [theirs])
                #expect(others.map(\.sequence) == [2])
                return [mine]
            }
            #expect(result.events == [StoredEvent(sequence: 2, event: theirs), StoredEvent(sequence: 3, event: mine)])
            #expect(result.written == 1)
        }
    }

    @Test(arguments: StoreBackend.all)
    func theSameEventIDIsStoredOnce(_ backend: StoreBackend) throws {
        try backend.withStore { store, location in
            let id = try declareIncident(store)
            let event = note(id, "once")
            var written: [Int] = []
            for _ in 0..<3 {
                written.append(try store.append(to: id, knownSequence: 1) { _ in [event] }.written)
            }
            #expect(written == [1, 0, 0])
            // From another connection, too: the id is unique in the store, not per connection.
            #expect(try location.open().append(to: id, knownSequence: 2) { _ in [event] }.written == 0)
            // Twice in one batch, too; the duplicate takes no sequence number.
            let other = note(id, "twice")
            let result = try store.append(to: id, knownSequence: 2) { _ in [other, other, note(id)] }
            #expect(result.written == 2)
            let stored = try store.events(of: id, after: 0)
            #expect(stored.map(\.sequence) == [1, 2, 3, 4])
            #expect(stored.filter { $0.event.id == event.id }.count == 1)
            #expect(stored.filter { $0.event.id == other.id }.count == 1)
        }
    }

    @Test(arguments: StoreBackend.all)
    func declareNumbersIncidentsInOrder(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let (first, firstEvents) = try store.declare { id in [declaration(id), note(id)] }
            let second = try declareIncident(store)
            #expect(first == "INC-1")
            #expect(second == "INC-2")
            #expect(firstEvents.map(\.sequence) == [1, 2])
            #expect(firstEvents.allSatisfy { $0.event.incident == "INC-1" })
            #expect(try store.incidents() == [IncidentRecord(id: "INC-1", lastSequence: 2),
                                              IncidentRecord(id: "INC-2", lastSequence: 1)])
        }
    }

    @Test(arguments: StoreBackend.all)
    func aRetriedDeclarationCreatesNoSecondIncident(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let declarationID = UUID()
            let (first, _) = try store.declare { [declaration($0, id: declarationID)] }
            let (again, events) = try store.declare { [declaration($0, id: declarationID)] }
            #expect(first == "INC-1")
            #expect(again == "INC-1")
            #expect(events.map(\.sequence) == [1])
            #expect(try store.incidents().map(\.id) == ["INC-1"])
        }
    }

    @Test("Reopening keeps everything; a read-only opening reads it", arguments: StoreBackend.all)
    func reopeningKeepsEverything(_ backend: StoreBackend) throws {
        try backend.withLocation { location in
            do {
                let store = try location.open()
                let id = try declareIncident(store)
                _ = try store.append(to: id, knownSequence: 1) { _ in [note(id)] }
            }
            for create in [true, false] {
                let reopened = try location.open(create: create)
                #expect(try reopened.incidents() == [IncidentRecord(id: "INC-1", lastSequence: 2)])
                #expect(try reopened.events(of: "INC-1", after: 0).map(\.sequence) == [1, 2])
            }
        }
    }

    // MARK: Concurrent writers

    @Test("Two connections writing at once never see busy and keep the sequence gapless", arguments: StoreBackend.all)
    func concurrentConnections(_ backend: StoreBackend) throws {
        try backend.withLocation { location in
            let id = try declareIncident(try location.open())
            let failures = Failures()
            let perWriter = 60
            DispatchQueue.concurrentPerform(iterations: 2) { writer in
                do {
                    let store = try location.open()
                    var known: Int64 = 1
                    for n in 0..<perWriter {
                        let result = try store.append(to: id, knownSequence: known) { _ in
                            [note(id, "writer \(writer) #\(n)")]
                        }
                        known = result.events.last?.sequence ?? known
                    }
                } catch {
                    failures.add("\(error)")
                }
            }
            #expect(failures.all.isEmpty)
            let stored = try location.open().events(of: id, after: 0)
            #expect(stored.map(\.sequence) == Array(1...Int64(1 + 2 * perWriter)))
        }
    }

    @Test("A warroom process and this one write at once: gapless, each writer's order kept, the change noticed",
          arguments: StoreBackend.all)
    func concurrentProcesses(_ backend: StoreBackend) throws {
        try backend.withStore { store, location in
            let id = try declareIncident(store)
            let count = 150
            _ = try store.hasExternalChanges()
            let process = Process()
            process.executableURL = warroomBinary
            process.arguments = ["log", "--each-line", "--store", location.argument, "--incident", id, "--as", "other"]
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("warroom-contract-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: home) }
            process.environment = ["HOME": home.path, "USER": "other", "LANG": "C.UTF-8",
                                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            let stdin = Pipe(), stderr = Pipe()
            process.standardInput = stdin
            process.standardOutput = FileHandle.nullDevice
            process.standardError = stderr
            try process.run()
            let input = (1...count).map { "theirs \($0)" }.joined(separator: "\n") + "\n"
            let feeder = Thread { try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8)); try? stdin.fileHandleForWriting.close() }
            feeder.start()
            var known: Int64 = 1
            for n in 1...count {
                known = try store.append(to: id, knownSequence: known) { _ in [note(id, "mine \(n)")] }.events.last?.sequence ?? known
            }
            let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "warroom log: \(errors)")
            #expect(errors.isEmpty, "\(errors)")

            #expect(try store.hasExternalChanges(), "the other process's commits are noticed")
            let stored = try store.events(of: id, after: 0)
            #expect(stored.map(\.sequence) == Array(1...Int64(1 + 2 * count)))
            let texts = stored.compactMap { stored -> String? in
                if case .entry(let entry) = stored.event.payload { return entry.text }
                return nil
            }
            #expect(texts.filter { $0.hasPrefix("mine ") } == (1...count).map { "mine \($0)" })
            #expect(texts.filter { $0.hasPrefix("theirs ") } == (1...count).map { "theirs \($0)" })
            #expect(Set(stored.map(\.event.id)).count == stored.count)
        }
    }

    // MARK: Change notification

    @Test(arguments: StoreBackend.all)
    func externalChangesAreDetectedAcrossConnections(_ backend: StoreBackend) throws {
        try backend.withStore { a, location in
            let b = try location.open()
            #expect(try !a.hasExternalChanges())
            let id = try declareIncident(a)
            #expect(try !a.hasExternalChanges()) // its own writes are not external
            #expect(try b.hasExternalChanges())
            #expect(try !b.hasExternalChanges())
            _ = try b.append(to: id, knownSequence: 1) { _ in [note(id)] }
            #expect(try a.hasExternalChanges())
            #expect(try !a.hasExternalChanges())
            // A write that adds nothing (a retried id) may or may not count; a refused one must not.
            #expect(throws: CallerError()) { _ = try b.append(to: id, knownSequence: 2) { _ in throw CallerError() } }
            #expect(try !a.hasExternalChanges(), "a rolled-back write is no change")
        }
    }

    // MARK: Import and export

    /// Two incidents, interleaved as an export file might be.
    static func batch() -> [Event] {
        [declaration("INC-3", title: "db down"), note("INC-3", "a", offset: 1),
         declaration("legacy-7", title: "old"), note("INC-3", "b", offset: 2),
         note("legacy-7", "c", offset: 3)]
    }

    @Test(arguments: StoreBackend.all)
    func importKeepsFileOrderAndIsIdempotent(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ throws in
            let events = Self.batch()
            #expect(try store.importEvents(events) == 5)
            #expect(try store.importEvents(events) == 0)
            #expect(try store.events(of: "INC-3", after: 0).map(\.event) == [events[0], events[1], events[3]])
            #expect(try store.events(of: "INC-3", after: 0).map(\.sequence) == [1, 2, 3])
            #expect(try store.events(of: "legacy-7", after: 0).map(\.event) == [events[2], events[4]])
            #expect(try store.incidents() == [IncidentRecord(id: "INC-3", lastSequence: 3),
                                              IncidentRecord(id: "legacy-7", lastSequence: 2)])
            // INC-3 kept its number and legacy-7 took the next one, so declaring continues after them.
            #expect(try declareIncident(store) == "INC-5")
            // A later export of the same incident adds only the new events, after the stored ones.
            let later = note("INC-3", "d", offset: 4)
            #expect(try store.importEvents(events + [later]) == 1)
            #expect(try store.events(of: "INC-3", after: 3).map(\.event) == [later])
        }
    }

    @Test(arguments: StoreBackend.all)
    func exportLinesRoundTripThroughAFreshStore(_ backend: StoreBackend) throws {
        try backend.withStore { source, _ in
            let id = try declareIncident(source, title: "paths / slashes & \"quotes\" ü")
            _ = try source.append(to: id, knownSequence: 1) { _ in [note(id, "https://example.com/x"), note(id, "y")] }
            let lines = try source.exportLines(of: id)
            #expect(lines.count == 3)
            #expect(lines[1].contains("https://example.com/x")) // slashes are not escaped
            #expect(lines.allSatisfy { !$0.contains("\n") })

            let decoder = JSONDecoder()
            let events = try lines.map { try decoder.decode(Event.self, from: Data($0.utf8)) }
            #expect(events == (try source.events(of: id, after: 0)).map(\.event))

            try backend.withStore { target, _ throws in
                #expect(try target.importEvents(events) == 3)
                #expect(try target.exportLines(of: id) == lines)
            }
        }
    }

    /// An export of one incident: declaration, two notes, an amendment of the first.
    static func export(_ incident: IncidentID, title: String) -> [Event] {
        let first = note(incident, "first", offset: 1)
        let amend = Event(id: UUID(), incident: incident, at: Timestamp(millis: baseTime.millis + 3),
                          recordedAt: Timestamp(millis: baseTime.millis + 3), author: "alice",
                          payload: .entryAmended(EntryAmendment(entry: first.id, text: "first, amended")))
        return [declaration(incident, title: title), first, note(incident, "second", offset: 2), amend]
    }

    @Test("An export of another store's INC-1 is not merged into this store's INC-1: refused naming both titles",
          arguments: StoreBackend.all)
    func importClashIsRefused(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            _ = try declareIncident(store, title: "payments slow")
            let events = Self.export("INC-1", title: "db down")
            do {
                _ = try store.importEvents(events, lines: [1, 2, 3, 4], asNew: false)
                Issue.record("the import merged two incidents")
            } catch let refusal as ImportRefusal {
                #expect(refusal.line == 1 && refusal.suggestedID == "INC-2")
                #expect(refusal.reason.contains("'db down'") && refusal.reason.contains("'payments slow'"))
                #expect(refusal.description.hasSuffix("nothing was imported"))
            }
            #expect(try store.events(of: "INC-1", after: 0).count == 1)
            #expect(try store.incidents().count == 1)
        }
    }

    @Test("--as-new imports the clashing incident under the next free id, every event rewritten; again adds nothing",
          arguments: StoreBackend.all)
    func importAsNew(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            _ = try declareIncident(store, title: "payments slow")
            let events = Self.export("INC-1", title: "db down")
            let result = try store.importEvents(events, lines: [1, 2, 3, 4], asNew: true)
            #expect(result == ImportResult(added: 4, renamed: ["INC-1": "INC-2"]))
            let stored = try store.events(of: "INC-2", after: 0)
            #expect(stored.map(\.event.id) == events.map(\.id))
            #expect(stored.allSatisfy { $0.event.incident == "INC-2" })
            #expect(IncidentState.fold(stored.map(\.event))?.title == "db down")
            #expect(try store.events(of: "INC-1", after: 0).count == 1, "this store's INC-1 is untouched")
            // Re-importing, with or without --as-new, finds the incident it was imported as.
            #expect(try store.importEvents(events, lines: [1, 2, 3, 4], asNew: true) == ImportResult(added: 0, renamed: ["INC-1": "INC-2"]))
            #expect(try store.importEvents(events, lines: [1, 2, 3, 4], asNew: false).added == 0)
            #expect(try store.incidents().count == 2)
            #expect(try declareIncident(store) == "INC-3")
        }
    }

    @Test("Refused with the line: no declaration, an event before it, a second one, out of order, a dangling reference",
          arguments: StoreBackend.all)
    func importRefusesInvisibleEvents(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let good = Self.export("INC-5", title: "db down")
            var late = note("INC-5", "late", offset: 0)
            late.recordedAt = Timestamp(millis: baseTime.millis - 3_600_000)
            let cases: [(events: [Event], line: Int, says: String)] = [
                (Array(good.dropFirst()), 1, "no declaration"),
                ([good[1], good[0], good[2]], 1, "before its declaration"),
                (good + [declaration("INC-5", title: "again")], 5, "second declaration"),
                (good + [late], 5, "out of order"),
                ([good[0], good[3], good[1]], 2, "amends no entry"),
                ([good[0], note("..", "x")], 2, "is not an incident id"),
            ]
            for (events, line, says) in cases {
                do {
                    let result = try store.importEvents(events, lines: Array(1...events.count), asNew: false)
                    Issue.record("imported \(result.added) of \(events.count), expected a refusal saying \(says)")
                } catch let refusal as ImportRefusal {
                    #expect(refusal.line == line, "\(says): \(refusal)")
                    #expect(refusal.reason.contains(says), "\(refusal)")
                }
                #expect(try store.incidents().isEmpty, "nothing was written for: \(says)")
            }
            // The same events in order import, and once only.
            #expect(try store.importEvents(good, lines: [1, 2, 3, 4], asNew: false).added == 4)
            #expect(try store.importEvents(good, lines: [1, 2, 3, 4], asNew: false).added == 0)
            // A later export of the same incident may leave out nothing but add events: it continues it.
            let more = note("INC-5", "third", offset: 10)
            #expect(try store.importEvents([more], lines: [9], asNew: false).added == 1)
        }
    }

    // MARK: Errors

    @Test(arguments: StoreBackend.all)
    func anUnknownIncidentIsNamedAndNothingIsCalled(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let name = store.identity.name
            try declareIncident(store)
            var called = false
            #expect(throws: StoreError.unknownIncident(path: name, incident: "INC-9")) {
                _ = try store.append(to: "INC-9", knownSequence: 0) { _ in
                    called = true
                    return [note("INC-9")]
                }
            }
            #expect(!called)
            #expect(throws: StoreError.unknownIncident(path: name, incident: "INC-9")) {
                _ = try store.events(of: "INC-9", after: 0)
            }
            #expect(throws: StoreError.unknownIncident(path: name, incident: "INC-9")) {
                _ = try store.exportLines(of: "INC-9")
            }
            #expect(StoreError.unknownIncident(path: name, incident: "INC-9").description.contains("INC-9"))
            #expect(try store.incidents() == [IncidentRecord(id: "INC-1", lastSequence: 1)])
        }
    }

    @Test(arguments: StoreBackend.all)
    func anEventForAnotherIncidentIsRefused(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let one = try declareIncident(store)
            let two = try declareIncident(store)
            let stray = note(two)
            #expect(throws: StoreError.incidentMismatch(path: store.identity.name, event: stray.id, expected: one, found: two)) {
                _ = try store.append(to: one, knownSequence: 1) { _ in [note(one), stray] }
            }
            #expect(try store.events(of: one, after: 0).count == 1)
        }
    }

    @Test(arguments: StoreBackend.all)
    func whenMakeEventsThrowsNothingIsWrittenAndTheErrorIsTheCallers(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let id = try declareIncident(store)
            #expect(throws: CallerError()) {
                _ = try store.append(to: id, knownSequence: 1) { _ in throw CallerError() }
            }
            #expect(throws: CallerError()) {
                _ = try store.declare { _ in throw CallerError() }
            }
            #expect(try store.incidents() == [IncidentRecord(id: id, lastSequence: 1)])
            // The store is usable afterwards: no transaction was left open.
            #expect(try store.append(to: id, knownSequence: 1) { _ in [note(id)] }.written == 1)
            #expect(try declareIncident(store) == "INC-2")
        }
    }

    @Test("A command Incident.record refuses writes nothing, and the store stays usable", arguments: StoreBackend.all)
    func aRefusedCommandWritesNothing(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            let id = try declareIncident(store)
            let stored = try store.events(of: id, after: 0)
            let state = try #require(IncidentState.fold(stored.map(\.event)))
            func record(_ command: Command) throws -> AppendResult {
                try store.record(incident: id, onto: state, knownSequence: 1, author: "alice", at: baseTime,
                                 now: baseTime, policy: .standard) { _ in command }
            }
            for command: Command in [.completeActionItem(number: 99), .amend(entry: UUID(), text: "x"),
                                     .decideHypothesis(number: 7, verdict: .confirmed, extendedBy: nil, note: nil,
                                                       markIdentified: false)] {
                #expect(throws: CommandError.self, "\(command)") { _ = try record(command) }
                #expect(try store.events(of: id, after: 0) == stored, "nothing was written for \(command)")
            }
            #expect(try record(.log(Entry(kind: .note, text: "fine"))).written == 1)
        }
    }

    @Test("An incident starts with its declaration: no events, or another event first, creates nothing",
          arguments: StoreBackend.all)
    func declareNeedsADeclaration(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ throws in
            let name = store.identity.name
            #expect(throws: StoreError.noDeclaration(path: name)) { _ = try store.declare { _ in [] } }
            #expect(throws: StoreError.noDeclaration(path: name)) { _ = try store.declare { id in [note(id), declaration(id)] } }
            #expect(try store.incidents().isEmpty)
            #expect(try declareIncident(store) == "INC-1", "no number was used up")
        }
    }

    @Test("The store refuses an event that would not read back, and writes nothing",
          arguments: StoreBackend.all, [-62_167_222_800_000, -62_200_000_000_000, 253_402_300_800_000, Int64.min / 2])
    func storeRefusesUnreadableTimes(_ backend: StoreBackend, _ millis: Int64) throws {
        try backend.withStore { store, _ in
            let id = try declareIncident(store)
            let bad = Event(id: UUID(), incident: id, at: Timestamp(millis: millis), recordedAt: baseTime, author: "a",
                            payload: .entry(Entry(kind: .note, text: "x")))
            do {
                _ = try store.append(to: id, knownSequence: 1) { _ in [bad] }
                Issue.record("an event dated \(millis) was written")
            } catch let error as StoreError {
                guard case .encodingFailed = error else { Issue.record("unexpected \(error)"); return }
                #expect(error.description.contains("nothing was written"))
            }
            #expect(try store.events(of: id, after: 0).count == 1, "the incident still reads, with its declaration only")
        }
    }

    @Test("Opening without create refuses a missing store and creates nothing", arguments: StoreBackend.all)
    func readOnlyOpeningCreatesNothing(_ backend: StoreBackend) throws {
        try backend.withLocation { location in
            for _ in 0..<2 { // the second time too: the first refusal left nothing behind
                do {
                    _ = try location.open(create: false)
                    Issue.record("a missing store was opened")
                } catch let error as StoreError {
                    guard case .noStore = error else { Issue.record("unexpected \(error)"); return }
                    #expect(error.description.contains("nothing was created"))
                }
            }
            let created = try location.open()
            #expect(try created.incidents().isEmpty)
            #expect(try location.open(create: false).incidents().isEmpty)
        }
    }

    @Test("A store written by a newer warroom is refused, and stays readable by that warroom", arguments: StoreBackend.all)
    func aNewerSchemaIsRefused(_ backend: StoreBackend) throws {
        try backend.withLocation { location in
            try declareIncident(try location.open())
            let (found, supported) = try backend.markNewerSchema(location)
            #expect(found > supported)
            for create in [true, false, true] {
                do {
                    _ = try location.open(create: create)
                    Issue.record("a newer store was opened")
                } catch let error as StoreError {
                    guard case .newerSchema(_, let claimed, let reads) = error else { Issue.record("unexpected \(error)"); return }
                    #expect(claimed == found && reads == supported)
                    #expect(error.description.contains("written by a newer warroom"))
                }
            }
        }
    }

    @Test("A sound store's health: integrity ok, every incident gapless, nothing unreadable", arguments: StoreBackend.all)
    func health(_ backend: StoreBackend) throws {
        try backend.withStore { store, _ in
            #expect(try store.health() == StoreHealth(integrity: "ok", incidents: []))
            let one = try declareIncident(store), two = try declareIncident(store)
            _ = try store.append(to: two, knownSequence: 1) { _ in [note(two), note(two)] }
            let health = try store.health()
            #expect(health.integrity == "ok")
            #expect(health.incidents.map(\.id) == [one, two])
            #expect(health.incidents.map(\.count) == [1, 3])
            #expect(health.incidents.map(\.maxSequence) == [1, 3])
            #expect(try store.unreadableEvents(of: one).isEmpty)
            #expect(try store.unreadableEvents(of: two).isEmpty)
        }
    }
}
