import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport
@testable import WarRoomUI
import WarRoomScreen

/// Messages to Slack, the status page and pagers that have not gone out yet: a count in the
/// header, and per destination a line in the alerts strip (refused: somebody must act; waiting
/// for a retry: they go by themselves).
@Suite("Screen: the outbox in the header and the strip")
struct ScreenOutboxTests {
    /// A SEV2 with deliveries folded in: `records` one second apart, after the declaration.
    static func incident(_ records: [DeliveryRecord]) -> IncidentState {
        var s = Scenario.declared(.sev2, title: "Checkout errors")
        s.must(.assignRole(.commander, person: "alice"))
        let events = records.enumerated().map { offset, record in
            Event(id: testID(700 + offset), incident: "INC-1", at: t0 + .seconds(Int64(offset + 1)),
                  recordedAt: t0 + .seconds(Int64(offset + 1)), author: "alice", payload: .delivery(record))
        }
        return IncidentState.fold(events, onto: s.s) ?? s.s
    }

    static func screen(_ state: IncidentState, width: Int, height: Int, now: Timestamp = t0 + .minutes(2)) -> [String] {
        let model = WarRoomModel(incident: state, policy: .standard, now: now, author: "alice", width: width, height: height)
        return WarRoomView.render(model).grid.lines
    }

    static let a = testID(501), b = testID(502), c = testID(503)
    static func queued(_ id: UUID, to destination: String) -> DeliveryRecord {
        .queued(id, destination: destination, cause: testID(2), notice: "status_update", key: "k-\(id)")
    }

    @Test("Nothing unsent: no count, no outbox line", arguments: [(80, 24), (120, 40)])
    func quiet(_ size: (Int, Int)) {
        let lines = Self.screen(Self.incident([Self.queued(Self.a, to: "slack-eng"), .delivered(Self.a)]), width: size.0, height: size.1)
        #expect(!lines[0].contains("UNSENT"), "\(lines[0])")
        #expect(!lines.joined().contains("slack-eng"))
    }

    @Test("Waiting and retrying messages are counted in the header and named in the strip", arguments: [(80, 24), (120, 40), (60, 16)])
    func unsent(_ size: (Int, Int)) {
        let state = Self.incident([
            Self.queued(Self.a, to: "slack-eng"), Self.queued(Self.b, to: "status"),
            .attempted(Self.b, worker: "w", leaseUntil: t0 + .seconds(30)),
            .failed(Self.b, reason: "HTTP 503 from api.statuspage.io", retryAt: t0 + .minutes(3)),
        ])
        let lines = Self.screen(state, width: size.0, height: size.1)
        #expect(lines[0].contains(" 2 UNSENT"), "\(lines[0])")
        #expect(lines[0].contains("INC-1") && lines[0].contains("SEV2"))
        let strip = lines.prefix(6).joined(separator: "\n")
        #expect(strip.contains("status"), "the destination waiting for a retry is named:\n\(strip)")
        #expect(!strip.contains("slack-eng"), "a message simply waiting its turn is only counted:\n\(strip)")
    }

    @Test("A refused message is a warning that says what to do; the header count stays", arguments: [(80, 24), (120, 40)])
    func refused(_ size: (Int, Int)) throws {
        let state = Self.incident([
            Self.queued(Self.a, to: "pagerduty"),
            .attempted(Self.a, worker: "w", leaseUntil: t0 + .seconds(30)),
            .failed(Self.a, reason: "Event object is invalid", retryAt: nil),
        ])
        let alerts = state.alerts(policy: .standard, now: t0 + .minutes(2)).filter { $0.subject == .delivery("pagerduty") }
        let alert = try #require(alerts.first)
        #expect(alert.level == .warning)
        #expect(alert.message == "1 message to pagerduty refused (see warroom outbox): Event object is invalid")
        let lines = Self.screen(state, width: size.0, height: size.1)
        #expect(lines[0].contains(" 1 UNSENT "), "\(lines[0])")
        #expect(lines.prefix(6).joined().contains("pagerduty refused"), "\(lines.prefix(6).joined(separator: "\n"))")
        let dropped = Self.incident([Self.queued(Self.a, to: "pagerduty"), .failed(Self.a, reason: "x", retryAt: nil),
                                     .dropped(Self.a, reason: "sent by hand")])
        #expect(dropped.alerts(policy: .standard, now: t0 + .minutes(2)).allSatisfy { $0.subject != .delivery("pagerduty") })
        #expect(!Self.screen(dropped, width: size.0, height: size.1)[0].contains("UNSENT"))
    }

    @Test("Retrying says when the next try is")
    func nextTry() throws {
        let state = Self.incident([Self.queued(Self.a, to: "slack-eng"), .failed(Self.a, reason: "timed out; will retry", retryAt: t0 + .minutes(5))])
        let alert = try #require(state.alerts(policy: .standard, now: t0 + .minutes(2)).first { $0.subject == .delivery("slack-eng") })
        #expect(alert.level == .info && alert.message == "1 message to slack-eng not sent yet, next try in 3m: timed out")
        let due = try #require(state.alerts(policy: .standard, now: t0 + .minutes(6)).first { $0.subject == .delivery("slack-eng") })
        #expect(due.message == "1 message to slack-eng not sent yet, retrying now: timed out")
    }
}
