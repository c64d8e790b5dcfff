import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

/// The outbox folded from `delivery` events: which deliveries are due at a time, what a worker's
/// claim, an answer, a retry or a drop does, and which steps the fold refuses (an anomaly, no change).
@Suite struct OutboxTests {
    let delivery = testID(500)

    /// The incident with `records` folded after its declaration, one minute apart from t0.
    func fold(_ records: [DeliveryRecord]) -> IncidentState {
        var scenario = Scenario.declared(.sev2)
        scenario.must(.log(Entry(kind: .note, text: "paged the db team")))
        let events = records.enumerated().map { offset, record in
            Event(id: testID(600 + offset), incident: "INC-1", at: t0 + .minutes(Int64(offset + 1)),
                  recordedAt: t0 + .minutes(Int64(offset + 1)), author: "warroom", payload: .delivery(record))
        }
        return IncidentState.fold(events, onto: scenario.s) ?? scenario.s
    }

    var queued: DeliveryRecord { .queued(delivery, destination: "slack-eng", cause: testID(2), notice: "statusUpdate", key: "k1") }

    @Test("Queued: due at once, counted as undelivered, no timeline row")
    func queuedIsDue() throws {
        let before = fold([])
        let state = fold([queued])
        let item = try #require(state.outbox.delivery(delivery))
        #expect(item.destination == "slack-eng" && item.notice == "statusUpdate" && item.key == "k1" && item.cause == testID(2))
        #expect(item.state == .waiting(since: t0 + .minutes(1)))
        #expect(state.outbox.due(at: t0).map(\.id) == [delivery])
        #expect(state.outbox.undelivered.count == 1 && state.outbox.failed.isEmpty)
        #expect(state.timeline.count == before.timeline.count, "a delivery adds no row between the people's entries")
        #expect(state.anomalies.isEmpty)
    }

    @Test("A claim holds it until its lease ends; then another worker may take it")
    func leaseRunsOut() throws {
        let until = t0 + .minutes(5)
        let state = fold([queued, .attempted(delivery, worker: "host-a:12", leaseUntil: until)])
        let item = try #require(state.outbox.delivery(delivery))
        #expect(item.state == .sending(worker: "host-a:12", until: until) && item.attempts == 1)
        #expect(state.outbox.due(at: until - .seconds(1)).isEmpty)
        #expect(state.outbox.due(at: until).map(\.id) == [delivery], "the worker died: past its lease, it is due again")
        let again = fold([queued, .attempted(delivery, worker: "host-a:12", leaseUntil: until),
                          .attempted(delivery, worker: "host-b:7", leaseUntil: until + .minutes(5)),
                          .delivered(delivery, vendorReference: "p0abc")])
        let done = try #require(again.outbox.delivery(delivery))
        #expect(done.attempts == 2 && done.vendorReference == "p0abc" && done.state == .delivered(at: t0 + .minutes(4)))
        #expect(again.outbox.undelivered.isEmpty && again.outbox.due(at: until + .hours(1)).isEmpty && again.anomalies.isEmpty)
    }

    @Test("A failure that may pass is due again at its retry time; a final one waits for a person")
    func failures() throws {
        let retryAt = t0 + .minutes(10)
        let passing = fold([queued, .attempted(delivery, worker: "w", leaseUntil: t0 + .minutes(3)),
                            .failed(delivery, reason: "HTTP 503 from hooks.slack.com", retryAt: retryAt)])
        #expect(passing.outbox.delivery(delivery)?.state == .retrying(at: retryAt, reason: "HTTP 503 from hooks.slack.com"))
        #expect(passing.outbox.due(at: retryAt - .seconds(1)).isEmpty && passing.outbox.due(at: retryAt).count == 1)
        #expect(passing.outbox.failed.isEmpty && passing.outbox.undelivered.count == 1)

        let final = fold([queued, .attempted(delivery, worker: "w", leaseUntil: t0 + .minutes(3)),
                          .failed(delivery, reason: "invalid_payload", retryAt: nil)])
        #expect(final.outbox.delivery(delivery)?.state == .failed(reason: "invalid_payload"))
        #expect(final.outbox.due(at: t0 + .hours(24)).isEmpty, "a refusal is not retried by itself")
        #expect(final.outbox.failed.map(\.id) == [delivery] && final.outbox.undelivered.count == 1)

        let retried = fold([queued, .attempted(delivery, worker: "w", leaseUntil: t0 + .minutes(3)),
                            .failed(delivery, reason: "invalid_payload", retryAt: nil), .retried(delivery, reason: "fixed the URL")])
        #expect(retried.outbox.delivery(delivery)?.state == .waiting(since: t0 + .minutes(4)))
        #expect(retried.outbox.delivery(delivery)?.lastFailure == "invalid_payload")
        #expect(retried.outbox.due(at: t0 + .minutes(4)).count == 1 && retried.anomalies.isEmpty)
    }

    @Test("Dropped: settled, not due, not counted; it can be retried")
    func dropped() throws {
        let state = fold([queued, .dropped(delivery, reason: "posted by hand")])
        #expect(state.outbox.delivery(delivery)?.state == .dropped(reason: "posted by hand"))
        #expect(state.outbox.undelivered.isEmpty && state.outbox.due(at: t0 + .hours(1)).isEmpty)
        let back = fold([queued, .dropped(delivery, reason: "oops"), .retried(delivery)])
        #expect(back.outbox.due(at: t0 + .minutes(3)).count == 1 && back.anomalies.isEmpty)
    }

    /// Steps that do not apply: each is listed as an anomaly and changes nothing.
    @Test("Steps that do not apply are anomalies and change nothing", arguments: [
        ("attempt of an unknown delivery", [DeliveryRecord.attempted(testID(501), worker: "w", leaseUntil: t0 + .hours(1))], "no delivery"),
        ("queued twice", [DeliveryRecord.queued(testID(500), destination: "a", cause: testID(2), notice: "n", key: "k"),
                          .queued(testID(500), destination: "b", cause: testID(2), notice: "n", key: "k")], "already queued"),
        ("queued without its order", [DeliveryRecord(delivery: testID(500), step: .queued)], "needs its destination"),
        ("an attempt without a lease", [DeliveryRecord.queued(testID(500), destination: "a", cause: testID(2), notice: "n", key: "k"),
                                        DeliveryRecord(delivery: testID(500), step: .attempted, worker: "w")], "needs its worker"),
        ("delivered twice", [DeliveryRecord.queued(testID(500), destination: "a", cause: testID(2), notice: "n", key: "k"),
                             .delivered(testID(500)), .delivered(testID(500), vendorReference: "x")], "delivered already"),
        ("an attempt after delivery", [DeliveryRecord.queued(testID(500), destination: "a", cause: testID(2), notice: "n", key: "k"),
                                       .delivered(testID(500)), .attempted(testID(500), worker: "w", leaseUntil: t0 + .hours(1))],
         "not tried again"),
        ("a failure after delivery", [DeliveryRecord.queued(testID(500), destination: "a", cause: testID(2), notice: "n", key: "k"),
                                      .delivered(testID(500)), .failed(testID(500), reason: "late 500", retryAt: t0 + .hours(1))],
         "changes nothing"),
        ("a drop after delivery", [DeliveryRecord.queued(testID(500), destination: "a", cause: testID(2), notice: "n", key: "k"),
                                   .delivered(testID(500)), .dropped(testID(500), reason: "x")], "nothing to drop"),
        ("a retry of a waiting one", [DeliveryRecord.queued(testID(500), destination: "a", cause: testID(2), notice: "n", key: "k"),
                                      .retried(testID(500))], "only a failed or dropped one"),
    ])
    func refused(_ what: String, _ records: [DeliveryRecord], _ message: String) throws {
        let state = fold(records)
        let whole = fold(Array(records.dropLast()))
        #expect(state.anomalies.count == whole.anomalies.count + 1, "\(what)")
        #expect(state.anomalies.last?.message.contains(message) == true, "\(what): \(state.anomalies.last?.message ?? "none")")
        #expect(state.outbox == whole.outbox, "\(what) changed the outbox")
    }

    @Test("Two workers: the first claim holds, the second gets nothing until the lease ends")
    func claims() throws {
        let lease = TimeSpan.seconds(60)
        let start = fold([queued])
        let first = try #require(start.outbox.claim(delivery, worker: "a:1", now: t0 + .minutes(2), lease: lease))
        #expect(first == .attempted(delivery, worker: "a:1", leaseUntil: t0 + .minutes(3)))
        let held = fold([queued, first])
        #expect(held.outbox.claim(delivery, worker: "b:2", now: t0 + .minutes(2) + .seconds(59), lease: lease) == nil)
        #expect(held.outbox.claim(delivery, worker: "b:2", now: t0 + .minutes(3), lease: lease)?.worker == "b:2")
        #expect(held.outbox.claim(testID(999), worker: "b:2", now: t0 + .hours(1), lease: lease) == nil, "an unknown delivery")
        let done = fold([queued, first, .delivered(delivery)])
        #expect(done.outbox.claim(delivery, worker: "b:2", now: t0 + .hours(1), lease: lease) == nil, "a delivered one")
    }

    @Test("Deliveries keep their queue order, and each answers for itself")
    func several() {
        let ids = (0..<4).map { testID(700 + $0) }
        var records = ids.map { DeliveryRecord.queued($0, destination: "d\($0.uuidString.suffix(1))", cause: testID(2), notice: "n", key: "k\($0)") }
        records += [.delivered(ids[1]), .failed(ids[2], reason: "400", retryAt: nil), .dropped(ids[3], reason: "dup")]
        let state = fold(records)
        #expect(state.outbox.deliveries.map(\.id) == ids)
        #expect(state.outbox.due(at: t0 + .hours(1)).map(\.id) == [ids[0]])
        #expect(state.outbox.undelivered.map(\.id) == [ids[0], ids[2]])
        #expect(state.outbox.failed.map(\.id) == [ids[2]])
    }

    @Test("One destination hears of an incident in order: a later delivery waits while an earlier one is in play")
    func orderPerDestination() throws {
        let first = testID(800), second = testID(801), elsewhere = testID(802)
        let queue: [DeliveryRecord] = [
            .queued(first, destination: "pd", cause: testID(2), notice: "page:db", key: "k1"),
            .queued(second, destination: "pd", cause: testID(3), notice: "acknowledged:db", key: "k2"),
            .queued(elsewhere, destination: "slack", cause: testID(3), notice: "declared", key: "k3"),
        ]
        let late = t0 + .hours(1)
        #expect(fold(queue).outbox.due(at: late).map(\.id) == [first, elsewhere], "the second page step waits for the first")
        #expect(fold(queue).outbox.claim(second, worker: "w", now: late, lease: .seconds(60)) == nil, "nor can it be claimed")
        let sending = queue + [.attempted(first, worker: "w", leaseUntil: late + .minutes(1))]
        #expect(fold(sending).outbox.due(at: late).map(\.id) == [elsewhere])
        let retrying = sending + [.failed(first, reason: "HTTP 503", retryAt: late + .minutes(5))]
        #expect(fold(retrying).outbox.due(at: late).map(\.id) == [elsewhere], "waiting for its retry holds the next too")
        #expect(fold(retrying).outbox.due(at: late + .minutes(5)).map(\.id) == [first, elsewhere])
        let delivered = sending + [.delivered(first, vendorReference: "dedup")]
        #expect(fold(delivered).outbox.due(at: late).map(\.id) == [second, elsewhere])
        let refused = sending + [.failed(first, reason: "HTTP 400", retryAt: nil)]
        #expect(fold(refused).outbox.due(at: late).map(\.id) == [second, elsewhere], "a final failure holds up nothing")
        #expect(fold(delivered).outbox.vendorReference(at: "pd") == "dedup" && fold(delivered).outbox.vendorReference(at: "slack") == nil)
    }

    /// Routes every update and declaration to `names`, and nothing else.
    struct UpdatesRouting: DeliveryRouting {
        var names: [String]
        func orders(for event: Event, before: IncidentState?, after: IncidentState) -> [DeliveryOrder] {
            switch event.payload {
            case .updatePosted, .declared:
                names.map { DeliveryOrder(destination: $0, cause: testID(0), notice: event.payload.type, key: "\($0)-\(event.id)") }
            default: []
            }
        }
    }

    @Test("Queueing: each event's orders follow it, ids from the caller, the cause and times from the event")
    func queueAfterEvents() throws {
        var scenario = Scenario.declared(.sev2)
        let decided = try scenario.run(.log(Entry(kind: .note, text: "checking"))) + scenario.run(.postUpdate(audience: .customers, text: "We are looking into it."))
        var next = 900
        let made = Outbox.queue(after: decided, onto: Scenario.declared(.sev2).s, routing: UpdatesRouting(names: ["a", "b"]),
                                makeID: { defer { next += 1 }; return testID(next) })
        #expect(Array(made.prefix(decided.count)) == decided, "the decided events come first, unchanged")
        let queued = made.dropFirst(decided.count)
        #expect(queued.map(\.id) == [testID(900), testID(901)])
        let update = try #require(decided.last)
        for (event, name) in zip(queued, ["a", "b"]) {
            guard case .delivery(let record) = event.payload else { Issue.record("not a delivery: \(event)"); continue }
            #expect(record.delivery == event.id && record.step == .queued)
            #expect(record.order == DeliveryOrder(destination: name, cause: update.id, notice: "updatePosted", key: "\(name)-\(update.id)"))
            #expect(event.at == update.recordedAt && event.recordedAt == update.recordedAt && event.author == update.author)
        }
        let state = try #require(IncidentState.fold(made, onto: Scenario.declared(.sev2).s))
        #expect(state.outbox.deliveries.map(\.destination) == ["a", "b"] && state.anomalies.isEmpty)
        #expect(Outbox.queue(after: decided, onto: nil, routing: nil, makeID: { UUID() }) == decided, "no routing, no deliveries")
        let declaration = Scenario.declared(.sev2).events
        let declared = Outbox.queue(after: declaration, onto: nil, routing: UpdatesRouting(names: ["a"]), makeID: { testID(950) })
        #expect(declared.count == declaration.count + 1, "a declaration, decided onto nothing, queues too")
    }
}
