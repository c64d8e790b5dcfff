import Foundation
import WarRoomCore

/// The one place the CLI reads the clock. `WARROOM_NOW` (ISO 8601) pins it, for reproducible
/// output in tests and demos.
enum SystemClock {
    static func now(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Timestamp {
        if let pinned = environment["WARROOM_NOW"], !pinned.isEmpty {
            guard let instant = Timestamp(iso8601: pinned) else {
                throw UserFacingError("WARROOM_NOW='\(pinned)' is not an ISO 8601 time such as 2026-11-28T14:02:00Z")
            }
            return instant
        }
        return Timestamp(millis: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
