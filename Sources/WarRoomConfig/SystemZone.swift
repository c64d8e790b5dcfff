import Foundation
import WarRoomCore

/// A zone of the system's time zone database (`/usr/share/zoneinfo`, Debian's `tzdata`), by its
/// IANA name: what a schedule's `timezone` names.
public struct SystemZone: ZoneRules {
    public let identifier: String
    private let zone: TimeZone

    /// Nil for a name the database does not have (`Europe/Berln`).
    public init?(_ identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    public func offset(at instant: Timestamp) -> TimeSpan {
        .seconds(Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.millis) / 1000))))
    }

    /// Every IANA name the database knows, for a did-you-mean.
    public static var known: [String] { TimeZone.knownTimeZoneIdentifiers }
}
