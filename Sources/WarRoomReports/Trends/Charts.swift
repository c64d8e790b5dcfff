import WarRoomCore

/// Charts as text, for reports in a terminal or a file: block elements where the output is
/// UTF-8, plain ASCII where it is not. One series per chart, so no chart depends on colour.
public enum Charts {
    static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "@"]
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// One character per value, its height scaled to the largest (zero: blank, any other value
    /// at least the lowest mark, so a small count never disappears).
    public static func sparkline(_ values: [Int], unicode: Bool) -> String {
        let levels = unicode ? blocks : asciiLevels
        let top = values.max() ?? 0
        return String(values.map { levels[level($0, top: top, steps: 8)] })
    }

    /// `value`'s height in `steps` against the largest, `top`: 0 for zero, else at least 1.
    static func level(_ value: Int, top: Int, steps: Int) -> Int {
        guard top > 0, value > 0 else { return 0 }
        return min(steps, max(1, Int((Double(value) / Double(top) * Double(steps)).rounded(.up))))
    }

    /// Two values per character in braille, each a column of up to four dots from the bottom,
    /// scaled to the largest (zero: no dot; any other value at least one): twice as many values
    /// in the width, for a UTF-8 terminal whose user asked for it.
    public static func brailleSparkline(_ values: [Int]) -> String {
        // Dots from the bottom up: the left column 7, 3, 2, 1; the right 8, 6, 5, 4.
        let left: [UInt32] = [0x40, 0x04, 0x02, 0x01], right: [UInt32] = [0x80, 0x20, 0x10, 0x08]
        let top = values.max() ?? 0
        var out = ""
        var index = 0
        while index < values.count {
            var bits: UInt32 = 0
            for dot in 0..<level(values[index], top: top, steps: 4) { bits |= left[dot] }
            if index + 1 < values.count { for dot in 0..<level(values[index + 1], top: top, steps: 4) { bits |= right[dot] } }
            out.unicodeScalars.append(Unicode.Scalar(0x2800 + bits) ?? " ")
            index += 2
        }
        return out
    }

    /// A horizontal bar per row, `label  bar count`, the longest bar `width` cells, in eighths of
    /// a cell with blocks (`#` in ASCII, whole cells); a non-zero count gets at least a sliver.
    public static func bars(_ rows: [(label: String, value: Int)], width: Int, unicode: Bool) -> [String] {
        let top = rows.map(\.value).max() ?? 0
        let labelWidth = rows.map(\.label.count).max() ?? 0
        return rows.map { row in
            let label = row.label + String(repeating: " ", count: max(0, labelWidth - row.label.count))
            guard top > 0, row.value > 0 else { return "\(label)  \(row.value)" }
            let cells = Double(row.value) / Double(top) * Double(max(1, width))
            var bar: String
            if unicode {
                let whole = Int(cells), rest = Int(((cells - Double(whole)) * 8).rounded(.down))
                bar = String(repeating: "█", count: whole) + (rest > 0 ? String(eighths[rest - 1]) : "")
                if bar.isEmpty { bar = String(eighths[0]) }
            } else {
                bar = String(repeating: "#", count: max(1, Int(cells.rounded())))
            }
            return "\(label)  \(bar) \(row.value)"
        }
    }

    /// Every month from the first to the last of `months` (`2026-09`…), gaps filled with zero.
    public static func monthSeries(_ months: [(String, Int)]) -> [(String, Int)] {
        guard let first = months.first?.0, let last = months.last?.0,
              var year = Int(first.prefix(4)), var month = Int(first.suffix(2)),
              let endYear = Int(last.prefix(4)), let endMonth = Int(last.suffix(2)) else { return months }
        let counts = Dictionary(months, uniquingKeysWith: +)
        var series: [(String, Int)] = []
        while (year, month) <= (endYear, endMonth), series.count < 1_200 {
            let key = "\(year)-" + (month < 10 ? "0" : "") + "\(month)"
            series.append((key, counts[key] ?? 0))
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return series
    }
}
