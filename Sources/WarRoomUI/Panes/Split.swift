/// How much of one axis a part asks for, as ratatui's constraints do.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells, when there is room (taken first, in order).
    case length(Int)
    /// At least this many cells, and a share of what is left like `fill(1)`.
    case min(Int)
    /// A share of what is left after lengths and minimums, in proportion to the weight.
    case fill(Int)
}

/// Splits a length among parts by their constraints. Pure arithmetic: the sizes always add up
/// to the total (or less, when the lengths and minimums alone do not fit), none is negative.
public enum Split {
    /// The sizes of the parts of `total` cells, in order. Lengths and minimums are served first,
    /// in order, each cut to what is left; the rest goes to `min` and `fill` parts by weight (a
    /// `min` counts as weight 1), the last of them taking the remainder of the division.
    public static func sizes(_ total: Int, _ constraints: [Constraint]) -> [Int] {
        var left = max(0, total)
        var sizes = constraints.map { constraint -> Int in
            let wanted: Int
            switch constraint {
            case .length(let n), .min(let n): wanted = max(0, n)
            case .fill: wanted = 0
            }
            let given = Swift.min(wanted, left)
            left -= given
            return given
        }
        let weights = constraints.map { constraint -> Int in
            switch constraint {
            case .length: 0
            case .min: 1
            case .fill(let weight): max(0, weight)
            }
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0, left > 0 else { return sizes }
        let share = left
        for index in sizes.indices where weights[index] > 0 {
            let part = share * weights[index] / totalWeight
            sizes[index] += part
            left -= part
        }
        // What integer division left over goes to the last growing part.
        if let last = weights.lastIndex(where: { $0 > 0 }) { sizes[last] += left }
        return sizes
    }

    /// One part of a column of panes that share its height.
    public struct Item: Hashable, Sendable {
        /// Fewer rows than this and the part is hidden.
        public var minimum: Int
        /// What its content wants; it grows to this before any leftover part is shown.
        public var preferred: Int
        /// Lower is more important: given its minimum first, grown first, hidden last.
        public var priority: Int
        /// A leftover part: it takes the rows nobody else wants and is hidden when those are too few.
        public var fills: Bool

        /// A part of a column.
        public init(minimum: Int, preferred: Int, priority: Int, fills: Bool = false) {
            self.minimum = max(0, minimum)
            self.preferred = max(self.minimum, preferred)
            self.priority = priority
            self.fills = fills
        }
    }

    /// The heights of a column's parts (nil: hidden), in order. By priority each part gets its
    /// minimum while that fits, then grows toward its preferred height; leftover parts then share
    /// what is left if it reaches their minimum; rows still free go to the last part shown, so
    /// the column is always filled to its bottom.
    public static func column(_ total: Int, _ items: [Item]) -> [Int?] {
        var heights = [Int?](repeating: nil, count: items.count)
        let byPriority = items.indices.sorted { (items[$0].priority, $0) < (items[$1].priority, $1) }
        var left = max(0, total)
        for index in byPriority where !items[index].fills && items[index].minimum <= left {
            heights[index] = items[index].minimum
            left -= items[index].minimum
        }
        for index in byPriority {
            guard let height = heights[index] else { continue }
            let grow = Swift.min(items[index].preferred - height, left)
            heights[index] = height + grow
            left -= grow
        }
        var fillers: [Int] = []
        var needed = 0
        for index in byPriority where items[index].fills && needed + items[index].minimum <= left {
            fillers.append(index)
            needed += items[index].minimum
        }
        if !fillers.isEmpty {
            let shares = sizes(left, fillers.map { .min(items[$0].minimum) })
            for (index, share) in zip(fillers, shares) { heights[index] = share }
            left = 0
        }
        if left > 0, let last = heights.lastIndex(where: { $0 != nil }), let height = heights[last] {
            heights[last] = height + left
        }
        return heights
    }
}
