import Foundation
import Testing
import WarRoomTestSupport
import WarRoomUI
import WarRoomScreen

/// Golden screens: the grid's text rows, then its style runs (role and resolved style), compared
/// with a file under Goldens/ by the shared `GoldenFile`.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    /// The snapshot text of a grid under a theme.
    static func snapshot(_ grid: Grid, theme: Theme) -> String {
        var out = "\(grid.width)x\(grid.height) theme=\(theme.name)\n"
        for y in 0..<grid.height {
            var row = ""
            for x in 0..<grid.width where !grid[x, y].isContinuation { row += grid[x, y].text }
            out += "|" + row + "|\n"
        }
        out += "--- style runs (row: columns role [style])\n"
        for y in 0..<grid.height {
            var runs: [String] = []
            var start = 0
            for x in 1...grid.width {
                if x == grid.width || grid[x, y].role != grid[start, y].role {
                    let role = grid[start, y].role
                    if role != .text { runs.append("\(start)-\(x - 1) \(role.rawValue) [\(describe(theme.style(role)))]") }
                    start = x
                }
            }
            if !runs.isEmpty { out += "\(y): " + runs.joined(separator: ", ") + "\n" }
        }
        return out
    }

    static func describe(_ style: Style) -> String {
        func color(_ c: Color) -> String {
            switch c {
            case .terminalDefault: "default"
            case .palette(let n): String(n)
            }
        }
        var parts = ["fg=\(color(style.foreground))", "bg=\(color(style.background))"]
        if style.bold { parts.append("bold") }
        if style.dim { parts.append("dim") }
        if style.reverse { parts.append("reverse") }
        if style.underline { parts.append("underline") }
        if style.italic { parts.append("italic") }
        return parts.joined(separator: " ")
    }

    /// Compares with `Goldens/<name>.txt` (the shared `GoldenFile`); records instead when asked.
    static func check(_ grid: Grid, theme: Theme, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        GoldenFile.check(snapshot(grid, theme: theme), directory: directory, name: name + ".txt", suite: "GoldenScreenTests",
                         sourceLocation: sourceLocation)
    }
}
