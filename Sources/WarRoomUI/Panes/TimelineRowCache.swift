import Synchronization
import WarRoomCore

/// The wrapped screen rows of timeline items already laid out, so a frame only lays out items it
/// has not drawn before (or that changed: an amendment, a retraction, a new width). A memo of a
/// pure function: whatever it holds, `TimelinePane.drawnRows(for:width:)` would compute the same rows.
/// Shared by copies of a model, safe across threads, bounded in size.
public final class TimelineRowCache: Sendable {
    struct Entry {
        var item: TimelineItem
        var width: Int
        var rows: [[Cell]]
    }

    /// Items kept at most; past that the cache starts again (a screen shows a few dozen).
    static let capacity = 2_048

    private let entries = Mutex<[TimelineItem.ID: Entry]>([:])

    public init() {}

    /// The rows of `item` at `width`: from the cache when the item is unchanged, else made by `layout`.
    func rows(for item: TimelineItem, width: Int, layout: () -> [[Cell]]) -> [[Cell]] {
        if let hit = entries.withLock({ $0[item.id] }), hit.width == width, hit.item == item { return hit.rows }
        let rows = layout()
        entries.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[item.id] = Entry(item: item, width: width, rows: rows)
        }
        return rows
    }

    /// How many items are cached (for tests).
    var count: Int { entries.withLock { $0.count } }
}
