import Foundation
import Testing
import WarRoomCore

/// 2026-11-28T14:00:00Z, the fixed "declared" instant of most scenarios.
let t0 = Timestamp(iso8601: "2026-11-28T14:00:00Z")!

/// A predictable event id: the n-th id of a test.
func testID(_ n: Int) -> UUID {
    UUID(uuid: (0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)))
}

/// A scripted incident: commands in, events out, with a test clock that only moves when told.
struct Scenario {
    var events: [Event] = []
    var state: IncidentState?
    var now: Timestamp
    var policy = Policy.standard
    var nextID = 1

    init(now: Timestamp = t0) { self.now = now }

    /// A scenario with an incident declared at `now`.
    static func declared(_ severity: Severity, title: String = "Checkout errors", at: Timestamp = t0,
                         detectedAt: Timestamp? = nil, startedAt: Timestamp? = nil) -> Scenario {
        var scenario = Scenario(now: at)
        scenario.must(.declare(Declaration(title: title, severity: severity, service: "checkout-api",
                                           impactStartedAt: startedAt, detectedAt: detectedAt)))
        return scenario
    }

    /// Runs a command at `now` (or backdated to `at`), appending its events.
    @discardableResult
    mutating func run(_ command: Command, by author: String = "alice", at: Timestamp? = nil) throws(CommandError) -> [Event] {
        var counter = nextID
        let new = try Incident.record(command, incident: "INC-1", state: state, author: author, at: at ?? now,
                                      now: now, policy: policy, makeID: { defer { counter += 1 }; return testID(counter) })
        nextID = counter
        events += new
        state = IncidentState.fold(new, onto: state)
        return new
    }

    /// Runs a command that must succeed.
    @discardableResult
    mutating func must(_ command: Command, by author: String = "alice", at: Timestamp? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) -> [Event] {
        do { return try run(command, by: author, at: at) } catch {
            Issue.record("command \(command) refused: \(error)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// Moves the test clock forward.
    mutating func advance(_ span: TimeSpan) { now = now + span }

    /// The current state; scenarios always declare first.
    var s: IncidentState {
        guard let state else {
            Issue.record("scenario has no incident")
            return IncidentState(declaration: Event(id: testID(0), incident: "INC-1", at: t0, recordedAt: t0,
                                                    author: "none", payload: .declared(Declaration(title: "none", severity: .sev4))),
                                 Declaration(title: "none", severity: .sev4))
        }
        return state
    }

    func alerts() -> [Alert] { s.alerts(policy: policy, now: now) }
}
