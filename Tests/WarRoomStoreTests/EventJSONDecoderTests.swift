import Foundation
import Testing
import WarRoomTestSupport
import WarRoomCore
import WarRoomStore

// The fast event decoder must be indistinguishable from JSONDecoder: the same events for every
// body JSONDecoder accepts, the same errors for every body it refuses, and no trap on any input.

// MARK: Support


private let storeEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}()

/// Default options: keys in whatever order the encoder keeps, `/` escaped as `\/`.
private let defaultEncoder = JSONEncoder()

private func reference(_ body: Data) -> Result<Event, any Error> {
    Result { try JSONDecoder().decode(Event.self, from: body) }
}

private func fast(_ body: Data) -> Result<Event, any Error> {
    var decoder = EventJSONDecoder()
    return Result { try decoder.decode(body) }
}

private func fastPathOnly(_ body: Data) -> Event? {
    var decoder = EventJSONDecoder()
    return decoder.decodeFast(body)
}

private func show(_ body: Data) -> String {
    String(decoding: body.prefix(600), as: UTF8.self)
}

/// The fast decoder and JSONDecoder agree on `body`: equal events, or errors that read the same.
/// When the fast path alone produced an event, JSONDecoder produced the same one. Returns
/// whether JSONDecoder accepted the body.
@discardableResult
private func expectAgreement(_ body: Data, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    let expected = reference(body)
    let actual = fast(body)
    switch (expected, actual) {
    case (.success(let a), .success(let b)):
        #expect(a == b, "different events for \(show(body))", sourceLocation: sourceLocation)
    case (.failure(let a), .failure(let b)):
        #expect("\(a)" == "\(b)", "different errors for \(show(body))", sourceLocation: sourceLocation)
    case (.success, .failure(let error)):
        Issue.record("only the fast decoder threw (\(error)) for \(show(body))", sourceLocation: sourceLocation)
    case (.failure(let error), .success):
        Issue.record("only JSONDecoder threw (\(error)) for \(show(body))", sourceLocation: sourceLocation)
    }
    if let event = fastPathOnly(body) {
        guard case .success(let expectedEvent) = expected else {
            Issue.record("the fast path accepted a body JSONDecoder refuses: \(show(body))",
                         sourceLocation: sourceLocation)
            return false
        }
        #expect(event == expectedEvent, "the fast path differs for \(show(body))", sourceLocation: sourceLocation)
    }
    if case .success = expected { return true }
    return false
}

private func body(_ json: String) -> Data { Data(json.utf8) }

// MARK: A variety of events

private let texts: [String] = [
    "", "plain ascii", "CJK 東京都で障害 对事故的响应 한국어",
    "emoji 👩‍💻 family 👨‍👩‍👧‍👦 flag 🇯🇵 skin 👍🏽 keycap 1️⃣",
    "controls \u{0} \u{1} \u{8} \u{C} \u{1B} \u{1F} tab\tnewline\ncr\r del \u{7F}",
    "quotes \" 'single' and backslashes \\ \\\\ \\n not-an-escape",
    "slashes / // </script> https://example.com/a/b?c=d&e=f",
    "separators \u{2028} line \u{2029} paragraph \u{85} nel \u{A0} nbsp \u{FEFF} bom",
    "edges \u{7FF} \u{800} \u{FFFD} \u{FFFF} \u{10000} \u{1D11E} \u{10FFFF}",
    "combining e\u{301} vs \u{E9}, hangul \u{1100}\u{1161}\u{11A8}",
    String(repeating: "long line with ünïcödé and \"quotes\" / ", count: 120),
]

private let doubles: [Double] = [
    0, -0.0, 1, -1, 0.1, 0.2, 1.0 / 3.0, 12.5, -42.75, 99.99999999999999, 100,
    1e308, -1.7976931348623157e308, .greatestFiniteMagnitude, 5e-324, -5e-324, 2.2250738585072014e-308,
    1e-7, 123_456_789_012_345_680_000, 9_007_199_254_740_993, .ulpOfOne, 6.02214076e23, .pi,
]

private let counts: [Int] = [0, 1, -1, 42, 1_000_000, Int.max, Int.min, Int.max - 1]

private let timestamps: [Timestamp] = [
    Timestamp(millis: 0), Timestamp(millis: 1), Timestamp(millis: 10), Timestamp(millis: 100), Timestamp(millis: 999),
    Timestamp(millis: 1_795_000_000_000), Timestamp(millis: 1_795_000_000_123), Timestamp(millis: -1),
    Timestamp(millis: -86_400_000 * 365), Timestamp(iso8601: "2024-02-29T23:59:59.999Z")!,
    Timestamp(iso8601: "2000-02-29T12:00:00Z")!, Timestamp(iso8601: "1900-03-01T00:00:00Z")!,
    Timestamp(iso8601: "0000-01-01T00:00:00Z")!, Timestamp(iso8601: "0001-12-31T23:59:59.001Z")!,
    Timestamp(iso8601: "9999-12-31T23:59:59.999Z")!, Timestamp(iso8601: "1970-01-01T00:00:00.5Z")!,
]

private let spans: [TimeSpan] = [.zero, .seconds(1), .minutes(15), .hours(2), .seconds(-30), .seconds(Int64.max / 1000),
                                 .seconds(Int64.min / 1000)]

/// Every payload type, each optional present and absent, the awkward values above spread over
/// the fields.
private func varietyOfEvents() -> [Event] {
    var rng = SeededGenerator(seed: 7)
    func uuid() -> UUID {
        let a = rng.next(), b = rng.next()
        func byte(_ word: UInt64, _ n: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: word >> (8 * n)) }
        return UUID(uuid: (byte(a, 0), byte(a, 1), byte(a, 2), byte(a, 3), byte(a, 4), byte(a, 5), byte(a, 6),
                           byte(a, 7), byte(b, 0), byte(b, 1), byte(b, 2), byte(b, 3), byte(b, 4), byte(b, 5),
                           byte(b, 6), byte(b, 7)))
    }
    var n = 0
    func pick<T>(_ values: [T]) -> T {
        n += 1
        return values[n % values.count]
    }
    var payloads: [EventPayload] = []
    for text in texts {
        let other = pick(texts)
        for severity in Severity.allCases {
            payloads.append(.declared(Declaration(title: text, severity: severity)))
        }
        payloads.append(.declared(Declaration(title: text, severity: .sev1, summary: other, service: "svc/éu",
                                              impactStartedAt: pick(timestamps), detectedAt: pick(timestamps))))
        payloads.append(.declared(Declaration(title: text, severity: .sev3, summary: nil, service: other,
                                              impactStartedAt: nil, detectedAt: pick(timestamps))))
        payloads.append(.declared(Declaration(title: text, severity: .sev2, service: other, isDrill: true)))
        payloads.append(.severityChanged(SeverityChange(to: .sev2, reason: nil)))
        payloads.append(.severityChanged(SeverityChange(to: .sev4, reason: text, trigger: pick(UpgradeTrigger.allCases))))
        payloads.append(.impactRecorded(ImpactReport()))
        payloads.append(.impactRecorded(ImpactReport(usersAffectedPercent: pick(doubles), usersAffectedCount: pick(counts),
                                                     customerReported: true, payingAccounts: false, dataIntegrity: true,
                                                     securityBreach: false, note: text)))
        payloads.append(.impactRecorded(ImpactReport(usersAffectedPercent: pick(doubles), customerReported: false,
                                                     payingAccounts: true, dataIntegrity: false, securityBreach: true)))
        payloads.append(.impactRecorded(ImpactReport(usersAffectedCount: pick(counts), note: other)))
        for role in Role.allCases { payloads.append(.roleAssigned(RoleAssignment(role: role, person: text))) }
        for kind in EntryKind.allCases { payloads.append(.entry(Entry(kind: kind, text: text))) }
        payloads.append(.entry(Entry(kind: .finding, text: text, tags: EntryTag.allCases)))
        payloads.append(.entry(Entry(kind: .note, text: other, tags: [.keyMoment])))
        payloads.append(.entry(Entry(kind: .finding, text: text, tags: [.detection],
                                     alert: AlertSource(key: other, format: "alertmanager", startsAt: pick(timestamps),
                                                        runbookURL: text, link: other))))
        payloads.append(.entry(Entry(kind: .finding, text: text, alert: AlertSource(key: other, format: "grafana", startsAt: pick(timestamps),
                                                                                    runbookURL: other, name: text))))
        payloads.append(.entry(Entry(kind: .finding, text: other, alert: AlertSource(key: text, format: other,
                                                                                     startsAt: pick(timestamps)))))
        payloads.append(.entry(Entry(kind: .action, text: text, run: CommandRun(command: [text, other], exitStatus: pick(counts),
                                                                              durationMillis: Int64(pick(counts))))))
        payloads.append(.entry(Entry(kind: .action, text: other, tags: [.keyMoment],
                                     run: CommandRun(command: [other], exitStatus: nil, signal: 2, startError: text,
                                                     durationMillis: Int64.max, outputBytes: Int64.min, outputLines: 3,
                                                     head: [text, "", other], tail: [other], savedOutput: text))))
        payloads.append(.entryAmended(EntryAmendment(entry: uuid(), text: text)))
        payloads.append(.entryRetracted(EntryRetraction(entry: uuid(), reason: nil)))
        payloads.append(.entryRetracted(EntryRetraction(entry: uuid(), reason: text)))
        payloads.append(.hypothesisOpened(HypothesisOpening(text: text, owner: nil, timebox: pick(spans))))
        payloads.append(.hypothesisOpened(HypothesisOpening(text: text, owner: other, timebox: pick(spans))))
        for verdict in HypothesisVerdict.allCases {
            payloads.append(.hypothesisDecided(HypothesisDecision(hypothesis: uuid(), verdict: verdict)))
            payloads.append(.hypothesisDecided(HypothesisDecision(hypothesis: uuid(), verdict: verdict,
                                                                  extendedBy: pick(spans), note: text)))
        }
        for kind in NotificationKind.allCases {
            payloads.append(.notified(NotificationRecord(target: text, kind: kind)))
        }
        for obligation in ObligationKind.allCases {
            payloads.append(.notified(NotificationRecord(target: other, kind: .escalation, tier: text,
                                                         obligation: obligation)))
        }
        payloads.append(.notified(NotificationRecord(target: text, kind: .escalation, tier: other, person: text, schedule: other,
                                                     level: pick(counts), escalates: uuid())))
        payloads.append(.notified(NotificationRecord(target: other, kind: .escalation, person: other)))
        payloads.append(.pageAcknowledged(PageAcknowledgement(page: uuid(), person: text)))
        for action in RunbookUse.Action.allCases {
            payloads.append(.runbookUsed(RunbookUse(runbook: text, action: action)))
            payloads.append(.runbookUsed(RunbookUse(runbook: other, action: action, lastTested: t0 - .hours(24 * 40))))
        }
        for action in DrillMark.Action.allCases {
            payloads.append(.drillMarked(DrillMark(action: action)))
            payloads.append(.drillMarked(DrillMark(action: action, inject: pick(counts), expectation: pick(counts), offset: .minutes(12),
                                                   text: text, scenarioName: other, scenarioFile: text, scenarioText: other)))
        }
        for speed in [DrillSpeed(factor: 1), DrillSpeed(factor: 10), try? DrillSpeed.parse("2.5x"), DrillSpeed(factor: 60)] {
            payloads.append(.declared(Declaration(title: text, severity: .sev2, isDrill: true, drillSpeed: speed)))
        }
        for status in IncidentStatus.allCases {
            payloads.append(.statusChanged(StatusChange(to: status)))
            payloads.append(.statusChanged(StatusChange(to: status, reopen: true, reason: text, overridden: true)))
        }
        for audience in Audience.allCases {
            payloads.append(.updatePosted(StatusUpdatePost(audience: audience, text: text)))
        }
        for status in PostmortemStatus.allCases {
            payloads.append(.postmortemStatusChanged(PostmortemStatusChange(status: status)))
        }
        payloads.append(.factsRecorded(IncidentFacts()))
        payloads.append(.factsRecorded(IncidentFacts(service: text)))
        payloads.append(.factsRecorded(IncidentFacts(impactStartedAt: pick(timestamps))))
        payloads.append(.factsRecorded(IncidentFacts(service: other, impactStartedAt: pick(timestamps),
                                                     detectedAt: pick(timestamps))))
        payloads.append(.postmortemStatusChanged(PostmortemStatusChange(status: .final, forced: [text, other])))
        payloads.append(.postmortemStatusChanged(PostmortemStatusChange(status: .final, forced: [])))
        payloads.append(.actionItemUpdated(ActionItemUpdate(item: uuid())))
        for priority in ActionPriority.allCases {
            payloads.append(.actionItemUpdated(ActionItemUpdate(item: uuid(), text: text, owner: other, priority: priority,
                                                                due: pick(timestamps))))
        }
        for status in ActionItemStatus.allCases {
            payloads.append(.actionItemStatusChanged(ActionItemStatusChange(item: uuid(), status: status)))
            payloads.append(.actionItemStatusChanged(ActionItemStatusChange(item: uuid(), status: status, reason: text)))
        }
        payloads.append(.whyAmended(WhyAmendment(number: pick(counts), text: text)))
        payloads.append(.causeTagged(CauseTagChange(tag: text)))
        payloads.append(.causeTagged(CauseTagChange(tag: other, removed: true)))
        for kind in LinkKind.allCases {
            payloads.append(.incidentLinked(IncidentLinkChange(other: text, kind: kind)))
            payloads.append(.incidentLinked(IncidentLinkChange(other: other, kind: kind, removed: true)))
        }
        for section in PostmortemSection.allCases {
            payloads.append(.postmortemTextSet(PostmortemText(section: section, text: text)))
        }
        payloads.append(.postmortemImpactSet(PostmortemImpact()))
        payloads.append(.postmortemImpactSet(PostmortemImpact(usersAffected: text, revenue: other, sloBudget: text,
                                                              supportTickets: pick(counts))))
        payloads.append(.postmortemImpactSet(PostmortemImpact(revenue: text, supportTickets: 0)))
        for level in FactorLevel.allCases { payloads.append(.factorSet(ContributingFactor(level: level, text: text))) }
        payloads.append(.whyAdded(WhyAnswer(text: text)))
        for priority in ActionPriority.allCases {
            payloads.append(.actionItemAdded(ActionItemAdded(text: text, owner: other, priority: priority, due: pick(timestamps))))
        }
        payloads.append(.actionItemAdded(ActionItemAdded(text: other, owner: text, priority: .p1, due: pick(timestamps),
                                                         fromEntry: uuid())))
        payloads.append(.actionItemDone(ActionItemDone(item: uuid())))
        let delivery = uuid()
        payloads.append(.delivery(.queued(delivery, destination: text, cause: uuid(), notice: other, key: text + other)))
        payloads.append(.delivery(.attempted(delivery, worker: other, leaseUntil: pick(timestamps))))
        payloads.append(.delivery(.delivered(delivery)))
        payloads.append(.delivery(.delivered(delivery, vendorReference: text)))
        payloads.append(.delivery(.failed(delivery, reason: text, retryAt: pick(timestamps))))
        payloads.append(.delivery(.failed(delivery, reason: other, retryAt: nil)))
        payloads.append(.delivery(.dropped(delivery, reason: text)))
        payloads.append(.delivery(.retried(delivery)))
        payloads.append(.delivery(.retried(delivery, reason: other)))
        // Every field at once, whatever the step: the reader reads what is there.
        payloads.append(.delivery(DeliveryRecord(delivery: uuid(), step: pick(DeliveryStep.allCases),
                                                 order: DeliveryOrder(destination: other, cause: uuid(), notice: text, key: other),
                                                 worker: text, leaseUntil: pick(timestamps), retryAt: pick(timestamps),
                                                 reason: other, vendorReference: text)))
    }
    for value in doubles {
        payloads.append(.impactRecorded(ImpactReport(usersAffectedPercent: value)))
    }
    for value in counts {
        payloads.append(.impactRecorded(ImpactReport(usersAffectedCount: value)))
    }
    for span in spans {
        payloads.append(.hypothesisOpened(HypothesisOpening(text: "t", owner: nil, timebox: span)))
        payloads.append(.hypothesisDecided(HypothesisDecision(hypothesis: uuid(), verdict: .extended, extendedBy: span)))
    }
    return payloads.enumerated().map { index, payload in
        Event(id: uuid(), incident: index % 7 == 0 ? pick(texts) : "INC-\(index % 40 + 1)",
              at: pick(timestamps), recordedAt: pick(timestamps), author: pick(texts), payload: payload)
    }
}

private let events = varietyOfEvents()

/// The variety list, for the event type coverage test: every type must have samples here.
let decoderVariety = events

/// The store's encoder (sorted keys, slashes unescaped), for the coverage test.
let decoderStoreEncoder = storeEncoder

// MARK: Tests

@Suite struct EventJSONDecoderTests {
    @Test func everyStoredFormDecodesOnTheFastPathToWhatJSONDecoderGives() throws {
        #expect(events.count > 500)
        var payloadTypes = Set<String>()
        for event in events {
            payloadTypes.insert(event.payload.type)
            for encoder in [storeEncoder, defaultEncoder] {
                let data = try encoder.encode(event)
                #expect(expectAgreement(data))
                let decoded = fastPathOnly(data)
                #expect(decoded != nil, "the fast path deferred on \(show(data))")
                #expect(decoded == event, "not a round trip: \(show(data))")
            }
        }
        #expect(payloadTypes == Set(EventType.allCases.map(\.rawValue)), "every event type, each read by hand")
    }

    @Test func defaultEncoderOutputIsReallyDifferent() throws {
        // The second form above exercises what it should: escaped slashes and unsorted keys.
        let event = events.first { $0.author.contains("/") }
        let data = try defaultEncoder.encode(try #require(event))
        #expect(String(decoding: data, as: UTF8.self).contains("\\/"))
        let sorted = try storeEncoder.encode(try #require(event))
        #expect(String(decoding: sorted, as: UTF8.self).hasPrefix("{\"at\":"))
    }

    @Test func randomTimestampsMatchTheISO8601Parser() throws {
        var rng = SeededGenerator(seed: 2026)
        let lowest: Int64 = -62_167_219_200_000 // 0000-01-01
        let highest: Int64 = 253_402_300_799_999 // 9999-12-31T23:59:59.999
        for round in 0..<3_000 {
            var millis = Int64.random(in: lowest...highest, using: &rng)
            if round % 3 == 0 { millis -= millis % 1000 } // whole seconds: no fraction written
            let stamp = Timestamp(millis: millis)
            let event = Event(id: UUID(), incident: "INC-1", at: stamp, recordedAt: stamp, author: "a",
                              payload: .postmortemStatusChanged(PostmortemStatusChange(status: .review)))
            let data = try storeEncoder.encode(event)
            #expect(fastPathOnly(data)?.at == stamp, "\(stamp.iso8601)")
        }
    }

    @Test func handWrittenBodiesInOtherOrdersAndSpacingAgree() {
        let id = "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"
        let bodies = [
            // type before data, data last, reversed, all spacings JSON allows
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00.123Z","author":"a","type":"entry","data":{"kind":"note","text":"hi","tags":[]}}"#,
            #"{"type":"entry","data":{"tags":["key-moment","repair"],"text":"hi","kind":"action"},"author":"a","recordedAt":"2026-11-28T14:02:00Z","at":"2026-11-28T14:02:00Z","incident":"INC-1","id":"\#(id)"}"#,
            " \t\r\n{ \"data\" :\n{ \"text\" : \"x\" ,\t\"kind\" : \"comms\" , \"tags\" : [ \"detection\" ,\r\n \"diagnosis\" ] } ,"
                + " \"type\" : \"entry\" , \"id\" : \"\(id)\" , \"author\" : \"b\" , \"at\" : \"2026-11-28T14:02:00Z\" ,"
                + " \"recordedAt\" : \"2026-11-28T14:02:00Z\" , \"incident\" : \"INC-2\" } \n\t\r ",
            // lower-case and mixed-case UUIDs
            #"{"id":"\#(id.lowercased())","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"entryRetracted","data":{"entry":"0a1B2c3D-4e5F-4a6B-8c7D-9e0F1a2B3c4D","reason":null}}"#,
            // nulls and absences for optionals
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"declared","data":{"title":"t","severity":"SEV1","summary":null,"service":null,"impactStartedAt":null,"detectedAt":null}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"impactRecorded","data":{"usersAffectedPercent":null,"usersAffectedCount":null,"customerReported":false,"payingAccounts":true,"dataIntegrity":false,"securityBreach":false}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"hypothesisDecided","data":{"verdict":"ruled-out","hypothesis":"\#(id)","extendedBy":null}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"hypothesisOpened","data":{"timebox":900,"text":"t"}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"notified","data":{"target":"VP","kind":"escalation","tier":null,"obligation":"root-cause-escalation"}}"#,
            // every escape, surrogate pairs, \u0000, upper- and lower-case hex
            #"{"id":"\#(id)","incident":"INC-\u0031","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"\u00e9\u00C9\ud83d\ude00\uD83D\uDE00\u2028\u0000","type":"entry","data":{"kind":"note","text":"\"\\\/\b\f\n\r\t\u001f\u007F\uFFFF\udbff\udfff","tags":[]}}"#,
            // other ISO 8601 forms Timestamp reads: no seconds, offsets, long fractions, a space
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02Z","recordedAt":"2026-11-28T16:02:00+02:00","author":"a","type":"postmortemStatusChanged","data":{"status":"final"}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28 14:02:00.123456Z","recordedAt":"2026-11-28t09:02:00-0500","author":"a","type":"postmortemStatusChanged","data":{"status":"draft"}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00.1Z","recordedAt":"2026-11-28T14:02:00.12z","author":"a","type":"postmortemStatusChanged","data":{"status":"review"}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00","recordedAt":"2026-11-28T14:02:00,5Z","author":"a","type":"postmortemStatusChanged","data":{"status":"review"}}"#,
            // spellings only JSONDecoder's path knows: severity forms, numbers for Int as 5.0/1e2
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"severityChanged","data":{"to":"sev 2","reason":null,"trigger":"security-breach"}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"impactRecorded","data":{"usersAffectedCount":5.0,"usersAffectedPercent":1E2,"customerReported":false,"payingAccounts":true,"dataIntegrity":false,"securityBreach":false}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"hypothesisOpened","data":{"timebox":-0,"text":"t","owner":"o"}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"hypothesisOpened","data":{"timebox":1.5e3,"text":"t","owner":"o"}}"#,
            // unknown keys (ignored by JSONDecoder), duplicate keys, escaped keys and values
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"entry","data":{"kind":"note","text":"hi","tags":[],"extra":{"a":[1,2,{"b":null}]}},"version":2}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","author":"b","type":"entry","data":{"kind":"note","text":"hi","tags":[]}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"entry","data":{"kind":"note","text":"hi","tags":[]},"data":{"kind":"note","text":"ho","tags":[]}}"#,
            #"{"\u0069d":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"entr\u0079","data":{"kind":"n\u006fte","text":"hi","tags":["repa\u0069r"]}}"#,
            // data before type, type not last; type last with spaces
            #"{"data":{"status":"final"},"type":"postmortemStatusChanged","id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a"}"#,
            #"{"data":{"status":"final"},"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type" : "postmortemStatusChanged" }"#,
        ]
        var accepted = 0
        for text in bodies where expectAgreement(body(text)) { accepted += 1 }
        #expect(accepted == bodies.count, "every hand-written body is valid for JSONDecoder")
        // The forms the fast path reads itself, and those it must leave to JSONDecoder.
        for text in bodies.prefix(14) { #expect(fastPathOnly(body(text)) != nil, "\(text)") }
        for text in bodies.dropFirst(14).dropLast(2) { #expect(fastPathOnly(body(text)) == nil, "\(text)") }
        for text in bodies.suffix(2) { #expect(fastPathOnly(body(text)) != nil, "\(text)") }
    }

    @Test func malformedBodiesThrowWhatJSONDecoderThrows() throws {
        let id = "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"
        func entry(_ members: String = #""kind":"note","text":"hi","tags":[]"#, id: String = id,
                   at: String = "2026-11-28T14:02:00Z", type: String = "entry", tail: String = "") -> String {
            #"{"id":"\#(id)","incident":"INC-1","at":"\#(at)","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"\#(type)","data":{\#(members)}\#(tail)}"#
        }
        func impact(_ members: String) -> String {
            entry(#"\#(members)"customerReported":false,"payingAccounts":false,"dataIntegrity":false,"securityBreach":false"#,
                  type: "impactRecorded")
        }
        var bodies: [String] = [
            "", " ", "{", "}", "{}", "[]", "null", "true", "0", "\"x\"", "{\"id\"}", "{\"id\":}", "{,}",
            entry(tail: "}"), entry() + "}", entry() + "x", entry() + "\u{0}", entry() + "{}",
            // wrong types
            entry(#""kind":"note","text":7,"tags":[]"#), entry(#""kind":"note","text":"hi","tags":"repair""#),
            entry(#""kind":"note","text":"hi","tags":[1]"#), entry(#""kind":"note","text":null,"tags":[]"#),
            entry(#""kind":"note","text":"hi""#), entry(#""kind":"Note","text":"hi","tags":[]"#),
            entry(#""kind":"note","text":"hi","tags":["key_moment"]"#),
            entry(#""to":2"#, type: "severityChanged"), entry(#""to":"SEV5""#, type: "severityChanged"),
            entry(#""to":"SEV1","trigger":"nope""#, type: "severityChanged"),
            entry(#""text":"t","timebox":"15m""#, type: "hypothesisOpened"),
            entry(#""text":"t","timebox":1.5"#, type: "hypothesisOpened"),
            entry(#""text":"t","timebox":9223372036854775808"#, type: "hypothesisOpened"),
            entry(#""text":"t","timebox":01"#, type: "hypothesisOpened"),
            entry(#""text":"t","timebox":+1"#, type: "hypothesisOpened"),
            entry(#""text":"t","timebox":1."#, type: "hypothesisOpened"),
            entry(#""text":"t","timebox":.5"#, type: "hypothesisOpened"),
            entry(#""text":"t","timebox":1e"#, type: "hypothesisOpened"),
            entry(#""text":"t","timebox":-"#, type: "hypothesisOpened"),
            entry(#""text":"t","timebox":null"#, type: "hypothesisOpened"),
            entry(#""to":"resolved","reopen":"false","overridden":false"#, type: "statusChanged"),
            entry(#""to":"resolved","reopen":0,"overridden":false"#, type: "statusChanged"),
            entry(#""to":"resolved","reopen":tru,"overridden":false"#, type: "statusChanged"),
            entry(#""to":"resolved","reopen":false"#, type: "statusChanged"),
            impact(#""usersAffectedPercent":1e400,"#), impact(#""usersAffectedPercent":-1e400,"#),
            impact(#""usersAffectedPercent":1e-400,"#), impact(#""usersAffectedPercent":"5","#),
            impact(#""usersAffectedCount":9223372036854775808,"#), impact(#""usersAffectedCount":1.5,"#),
            impact(#""usersAffectedCount":-9223372036854775809,"#), impact(#""usersAffectedCount":true,"#),
            impact(#""usersAffectedPercent":NaN,"#), impact(#""usersAffectedPercent":Infinity,"#),
            impact(#""usersAffectedPercent":0x10,"#), impact(#""usersAffectedPercent":1.5.5,"#),
            // unknown event type, missing members
            entry(type: "entryDeleted"), entry(type: ""), entry(type: "Entry"),
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"entry"}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","data":{}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","type":"entry","data":{"kind":"note","text":"hi","tags":[]}}"#,
            #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"entry","data":null}"#,
            // bad timestamps
            entry(at: "2026-02-30T00:00:00Z"), entry(at: "2025-02-29T00:00:00Z"), entry(at: "1900-02-29T00:00:00Z"),
            entry(at: "2026-13-01T00:00:00Z"), entry(at: "2026-00-01T00:00:00Z"), entry(at: "2026-04-31T00:00:00Z"),
            entry(at: "2026-11-28T24:00:00Z"), entry(at: "2026-11-28T23:60:00Z"), entry(at: "2026-11-28T23:59:60Z"),
            entry(at: "2026-11-28T14:02:00.Z"), entry(at: "2026-11-28T14:02:00ZZ"), entry(at: "2026-11-28"),
            entry(at: "26-11-28T14:02:00Z"), entry(at: "+2026-11-28T14:02:00Z"), entry(at: "12026-11-28T14:02:00Z"),
            entry(at: "2026-11-28T14:02:00+24:00"), entry(at: "x"), entry(at: ""), entry(at: "2026-1a-28T14:02:00Z"),
            // bad UUIDs
            entry(id: String(id.dropLast())), entry(id: id + "0"), entry(id: id.replacingOccurrences(of: "-", with: "")),
            entry(id: "{\(id)}"), entry(id: "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4G"), entry(id: "0A1B2C3D_4E5F-4A6B-8C7D-9E0F1A2B3C4D"),
            entry(id: "0A1B2C3D-4E5F-4A6B-8C7D9-E0F1A2B3C4D"),
            entry(id: ""),
            // strings: lone surrogates, bad escapes, raw control characters
            entry(#""kind":"note","text":"\ud800","tags":[]"#), entry(#""kind":"note","text":"\udc00","tags":[]"#),
            entry(#""kind":"note","text":"\ud800\u0041","tags":[]"#), entry(#""kind":"note","text":"\ud800x","tags":[]"#),
            entry(#""kind":"note","text":"\udbff\ud800","tags":[]"#), entry(#""kind":"note","text":"\u12","tags":[]"#),
            entry(#""kind":"note","text":"\u12g4","tags":[]"#), entry(#""kind":"note","text":"\x41","tags":[]"#),
            entry(#""kind":"note","text":"\'","tags":[]"#), entry(#""kind":"note","text":"\"#),
            entry("\"kind\":\"note\",\"text\":\"a\nb\",\"tags\":[]"), entry("\"kind\":\"note\",\"text\":\"a\u{0}b\",\"tags\":[]"),
            entry("\"kind\":\"note\",\"text\":\"a\u{1F}b\",\"tags\":[]"),
        ]
        // Every prefix of a real body is truncated input.
        let whole = try storeEncoder.encode(try #require(events.first { $0.payload.type == "impactRecorded" }))
        bodies += (0..<whole.count).map { String(decoding: whole.prefix($0), as: UTF8.self) }
        var accepted: [String] = []
        for text in bodies {
            if expectAgreement(body(text)) { accepted.append(text) }
            #expect(fastPathOnly(body(text)) == nil, "the fast path accepted \(text)")
        }
        #expect(accepted.isEmpty, "JSONDecoder accepted \(accepted)")

        // What JSONDecoder forgives (a trailing comma, a byte order mark, a UUID after a space)
        // the fast path leaves to it, and the results are JSONDecoder's.
        for text in [entry(tail: ","), "\u{FEFF}" + entry(), entry(id: " 0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4")] {
            #expect(expectAgreement(body(text)), "\(text)")
            #expect(fastPathOnly(body(text)) == nil, "\(text)")
        }

        // Invalid UTF-8 in a string value (with and without escapes beside it) and in a key:
        // stray bytes, overlong and surrogate encodings, truncated sequences.
        let head = #"{"id":"\#(id)","incident":"INC-1","at":"2026-11-28T14:02:00Z","recordedAt":"2026-11-28T14:02:00Z","author":"a","type":"entry","data":{"kind":"note","tags":[],"#
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                             [0xC3], [0x80], [0xF0, 0x9F, 0x98], [0xF8, 0x88, 0x80, 0x80, 0x80]] {
            for data in [Data(Array((head + #""text":"é"#).utf8) + bad + Array(#"x"}}"#.utf8)),
                         Data(Array((head + #""text":"\n"#).utf8) + bad + Array(#"x"}}"#.utf8)),
                         Data(Array((head + #""te"#).utf8) + bad + Array(#"xt":"x"}}"#.utf8))] {
                #expect(!expectAgreement(data))
                #expect(fastPathOnly(data) == nil)
            }
        }
    }

    @Test func randomMutationsOfValidBodiesNeverTrapAndAgree() throws {
        var rng = SeededGenerator(seed: 0x5EED)
        let samples = stride(from: 0, to: events.count, by: 5).map { events[$0] }
        var bodies: [[UInt8]] = []
        for event in samples {
            bodies.append(Array(try storeEncoder.encode(event)))
            bodies.append(Array(try defaultEncoder.encode(event)))
        }
        let interesting = Array("{}[]\":,\\ \t\n0123456789-+.eEnulltruefalse/uUdD".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xFF]
        // WARROOM_FUZZ_ITERATIONS=1000000 for a longer run.
        let iterations = ProcessInfo.processInfo.environment["WARROOM_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 4_000
        var accepted = 0, refused = 0
        for _ in 0..<iterations {
            var bytes = bodies[Int(rng.next() % UInt64(bodies.count))]
            for _ in 0...(rng.next() % 3) {
                guard !bytes.isEmpty else { break }
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 6 {
                case 0: bytes[at] ^= UInt8(1) << UInt8(rng.next() % 8) // flip a bit
                case 1: bytes.remove(at: at) // delete a byte
                case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(rng.next() % 12))) // a run
                case 3: bytes.insert(interesting[Int(rng.next() % UInt64(interesting.count))], at: at)
                case 4: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
                default: bytes[at] = interesting[Int(rng.next() % UInt64(interesting.count))]
                }
            }
            if expectAgreement(Data(bytes)) { accepted += 1 } else { refused += 1 }
        }
        // Both outcomes happen often enough for the comparison to mean something.
        #expect(accepted > iterations / 40 && refused > iterations / 4, "accepted \(accepted), refused \(refused)")
    }

    @Test func bodiesInOtherFormsLoadFromTheStore() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/warroom.db"
            let store = try SQLiteEventStore(path: path)
            let id = try declareIncident(store)
            let written = events.filter { $0.payload.type != "declared" }.prefix(200).map { event in
                var event = event
                event.incident = id
                return event
            }
            _ = try store.append(to: id, knownSequence: 1) { _ in Array(written) }
            let before = try store.events(of: id, after: 0)
            #expect(before.dropFirst().map(\.event) == Array(written))
            // Rewrite every body with default encoder options: unsorted keys, escaped slashes.
            try rawSQL(path, "DROP TRIGGER events_append_only_update;")
            for stored in before {
                let json = String(decoding: try defaultEncoder.encode(stored.event), as: UTF8.self)
                try rawSQL(path, "UPDATE events SET body = '\(json.replacingOccurrences(of: "'", with: "''"))' "
                    + "WHERE incident = '\(id)' AND seq = \(stored.sequence)")
            }
            #expect(try store.events(of: id, after: 0) == before)
            // A body naming another incident is reported with its sequence.
            try rawSQL(path, "UPDATE events SET body = replace(body, '\"\(id)\"', '\"INC-999\"') WHERE seq = 5")
            #expect(throws: StoreError.self) { _ = try store.events(of: id, after: 0) }
            do {
                _ = try store.events(of: id, after: 0)
            } catch let StoreError.corruptEvent(_, incident, sequence, reason) {
                #expect(incident == id && sequence == 5 && reason.contains("INC-999"))
            }
        }
    }
}
