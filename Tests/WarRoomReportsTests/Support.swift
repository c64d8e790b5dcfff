import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

/// A UTC instant from ISO 8601; the epoch (and a recorded issue) if the text does not parse.
func utc(_ text: String) -> Timestamp {
    guard let instant = Timestamp(iso8601: text) else {
        Issue.record("bad timestamp \(text)")
        return Timestamp(millis: 0)
    }
    return instant
}

// t0, testID and Scenario come from WarRoomTestSupport; what only the report tests use follows.

extension Scenario {
    /// Moves the clock to `time` (HH:MM on the scenario's day, or a full ISO 8601 instant).
    mutating func at(_ time: String) {
        now = time.contains("T") ? utc(time) : utc("2026-11-28T\(time):00Z")
    }

    /// Logs an entry and returns its event id.
    @discardableResult
    mutating func log(_ kind: EntryKind, _ text: String, by author: String = "alice", tags: [EntryTag] = [],
                      sourceLocation: SourceLocation = #_sourceLocation) -> UUID {
        must(.log(Entry(kind: kind, text: text, tags: tags)), by: author, sourceLocation: sourceLocation).first?.id
            ?? testID(0)
    }
}

/// Golden documents under Goldens/, compared by the shared `GoldenFile`.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    /// Compares `actual` with `Goldens/<name>`; records instead when asked, and fails then.
    static func check(_ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        GoldenFile.check(actual, directory: directory, name: name, suite: "WarRoomReportsTests", sourceLocation: sourceLocation)
    }
}

/// True for scalars no output may hold: C0 controls but `\n` (when allowed), DEL, C1 controls,
/// bidi embeddings, overrides, isolates and marks.
func isForbidden(_ scalar: Unicode.Scalar, allowNewline: Bool) -> Bool {
    switch scalar.value {
    case 0x0A: return !allowNewline
    case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
}
