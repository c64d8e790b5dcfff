import WarRoomCore
import WarRoomTestSupport

// t0, testID and Scenario come from WarRoomTestSupport; this is what only the core tests use.
extension Scenario {
    func alerts() -> [Alert] { s.alerts(policy: policy, now: now) }
}
