import Synchronization
import WarRoomCore
import WarRoomScreen

/// What the timeline has laid out already, so a frame lays out only items it has not drawn
/// before (or that changed: an amendment, a retraction, a new width, a new day). A memo of pure functions:
/// whatever it holds, `TimelinePane.lines` and `TimelinePane.drawnRows` would compute the same.
/// Kept outside the model (which stays a plain value): the runtime owns one per war room and
/// passes it to `WarRoomView.render` and `WarRoomModel.update`. Safe across threads, bounded in size.
///
/// Two memos: how many rows each item takes (small, for the items between the newest and the
/// rows on screen when scrolled back), and the drawn rows of items on screen (cells, large).
public final class TimelineRowCache: Sendable {
    /// Items whose row count is kept, per generation: a long scroll back walks them all.
    static let countCapacity = 262_144
    /// Cells of drawn rows kept per generation (about 24 bytes each): a few screens' worth, with
    /// room for a pasted log of thousands of rows.
    static let cellBudget = 250_000

    /// Both memos, used under one lock for a whole walk through the timeline.
    struct Memo: Sendable {
        var counts = Generations<Int>(budget: TimelineRowCache.countCapacity)
        var rows = Generations<[[Cell]]>(budget: TimelineRowCache.cellBudget)
        /// The UTC day the rows were laid out for: a row shows its date when it is not today, so
        /// at midnight every row is laid out again.
        var today: Timestamp?

        /// Forgets every row laid out for another day than `day`.
        mutating func begin(today day: Timestamp) {
            guard today != day else { return }
            counts = Generations<Int>(budget: TimelineRowCache.countCapacity)
            rows = Generations<[[Cell]]>(budget: TimelineRowCache.cellBudget)
            today = day
        }

        /// The number of rows `item` takes at `width`.
        mutating func rowCount(for item: TimelineItem, width: Int, layout: () -> Int) -> Int {
            if let count = counts.value(for: item, width: width) { return count }
            let count = layout()
            counts.insert(count, for: item, width: width, weight: 1)
            return count
        }

        /// The drawn rows of `item` at `width`.
        mutating func rows(for item: TimelineItem, width: Int, layout: () -> [[Cell]]) -> [[Cell]] {
            if let drawn = rows.value(for: item, width: width) { return drawn }
            let drawn = layout()
            rows.insert(drawn, for: item, width: width, weight: drawn.reduce(0) { $0 + $1.count })
            counts.insert(drawn.count, for: item, width: width, weight: 1)
            return drawn
        }
    }

    private let storage = Mutex(Memo())

    public init() {}

    /// Runs `body` with the memos of rows laid out on the UTC day `today` (midnight). The layouts
    /// it runs are pure, so holding the lock meanwhile is safe; it only makes another thread
    /// rendering the same model wait.
    func access<Result>(today: Timestamp, _ body: (inout Memo) -> Result) -> Result {
        storage.withLock { memo in
            memo.begin(today: today)
            return body(&memo)
        }
    }

    /// Items whose rows are kept, and their cells, both generations (for tests).
    var drawn: (items: Int, cells: Int) { storage.withLock { ($0.rows.count, $0.rows.weight) } }
    /// Items whose row count is kept (for tests).
    var counted: Int { storage.withLock { $0.counts.count } }
}

/// A memo keyed by a timeline item and a width, in two generations: values go into the current
/// one; when its weight would pass the budget it becomes the previous one (the one before is
/// dropped), and a value found in the previous one moves back. What recent frames used stays,
/// what was used long ago goes, with no bookkeeping per frame. The weight kept is at most twice
/// the budget, or twice the heaviest entry when one is heavier.
struct Generations<Value: Sendable>: Sendable {
    struct Entry {
        var item: TimelineItem
        var width: Int
        var value: Value
        var weight: Int
    }

    let budget: Int
    private var current: [TimelineItem.ID: Entry] = [:]
    private var previous: [TimelineItem.ID: Entry] = [:]
    private var currentWeight = 0
    private var previousWeight = 0

    init(budget: Int) { self.budget = budget }

    var count: Int { current.count + previous.count }
    var weight: Int { currentWeight + previousWeight }

    /// The value kept for this very item (same content) at this width.
    mutating func value(for item: TimelineItem, width: Int) -> Value? {
        if let hit = current[item.id] { return hit.width == width && hit.item == item ? hit.value : nil }
        guard let hit = previous.removeValue(forKey: item.id) else { return nil }
        previousWeight -= hit.weight
        guard hit.width == width, hit.item == item else { return nil }
        add(hit)
        return hit.value
    }

    mutating func insert(_ value: Value, for item: TimelineItem, width: Int, weight: Int) {
        add(Entry(item: item, width: width, value: value, weight: weight))
    }

    private mutating func add(_ entry: Entry) {
        if let old = current.removeValue(forKey: entry.item.id) { currentWeight -= old.weight }
        if let old = previous.removeValue(forKey: entry.item.id) { previousWeight -= old.weight }
        // Full: start a new generation. An entry heavier than the budget (a pasted log of
        // thousands of short lines, at most 16,384 rows) gets one of its own rather than being
        // laid out again every frame.
        if currentWeight + entry.weight > budget {
            previous = current
            previousWeight = currentWeight
            current = [:]
            currentWeight = 0
        }
        current[entry.item.id] = entry
        currentWeight += entry.weight
    }
}
