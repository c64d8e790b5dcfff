import Foundation
import Testing
import WarRoomCore

// What WarRoomCoreTests, WarRoomReportsTests and WarRoomUITests share: the fixed instant, the
// predictable ids, and the driver that records commands and folds their events.

/// 2026-11-28T14:00:00Z, the fixed "declared" instant of most scenarios.
public let t0 = Timestamp(iso8601: "2026-11-28T14:00:00Z")!

/// A predictable event id: the n-th id of a test.
public func testID(_ n: Int) -> UUID {
    UUID(uuid: (0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)))
}

/// A scripted incident: commands in, events out, with a test clock that only moves when told.
public struct Scenario {
    public var events: [Event] = []
    public var state: IncidentState?
    public var now: Timestamp
    public var policy = Policy.standard
    public var nextID = 1
    public let incident: IncidentID

    public init(now: Timestamp = t0, incident: IncidentID = "INC-1") {
        self.now = now
        self.incident = incident
    }

    /// A scenario with an incident declared at `at`.
    public static func declared(_ severity: Severity, title: String = "Checkout errors", service: String? = "checkout-api",
                                summary: String? = nil, at: Timestamp = t0, detectedAt: Timestamp? = nil,
                                startedAt: Timestamp? = nil, by author: String = "alice") -> Scenario {
        var scenario = Scenario(now: at)
        scenario.must(.declare(Declaration(title: title, severity: severity, summary: summary, service: service,
                                           impactStartedAt: startedAt, detectedAt: detectedAt)), by: author)
        return scenario
    }

    /// Runs a command at `now` (or backdated to `at`), appending its events; returns them.
    @discardableResult
    public mutating func run(_ command: Command, by author: String = "alice", at: Timestamp? = nil) throws(CommandError) -> [Event] {
        var counter = nextID
        let new = try Incident.record(command, incident: incident, state: state, author: author, at: at ?? now,
                                      now: now, policy: policy, makeID: { defer { counter += 1 }; return testID(counter) })
        nextID = counter
        events += new
        state = IncidentState.fold(new, onto: state)
        return new
    }

    /// Runs a command that must succeed; a refusal is a recorded issue.
    @discardableResult
    public mutating func must(_ command: Command, by author: String = "alice", at: Timestamp? = nil,
                              sourceLocation: SourceLocation = #_sourceLocation) -> [Event] {
        do { return try run(command, by: author, at: at) } catch {
            Issue.record("command \(command) refused: \(error)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// Moves the test clock forward.
    public mutating func advance(_ span: TimeSpan) { now = now + span }

    /// The current state; scenarios always declare first.
    public var s: IncidentState {
        guard let state else {
            Issue.record("scenario has no incident")
            let declaration = Declaration(title: "none", severity: .sev4)
            return IncidentState(declaration: Event(id: testID(0), incident: incident, at: t0, recordedAt: t0,
                                                    author: "none", payload: .declared(declaration)), declaration)
        }
        return state
    }
}
