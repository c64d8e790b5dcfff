import Foundation
import Testing
import WarRoomUI

/// Golden screens: the grid's text rows, then its style runs (role and resolved style), compared
/// with a file under Goldens/. `WARROOM_RECORD_GOLDENS=1` rewrites the files — and fails the
/// run, so a recording can never pass CI by accident.
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

    /// Compares with `Goldens/<name>.txt`; records instead when asked, and fails then.
    static func check(_ grid: Grid, theme: Theme, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let actual = snapshot(grid, theme: theme)
        let file = directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["WARROOM_RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            Issue.record("recorded \(file.lastPathComponent): unset WARROOM_RECORD_GOLDENS and run again", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden \(file.path): run with WARROOM_RECORD_GOLDENS=1 to create it", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = (0..<min(expectedLines.count, actualLines.count)).first { expectedLines[$0] != actualLines[$0] } ?? min(expectedLines.count, actualLines.count)
            let want = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
            let got = first < actualLines.count ? String(actualLines[first]) : "<end>"
            Issue.record("golden \(name) differs at line \(first + 1):\n want: \(want)\n  got: \(got)", sourceLocation: sourceLocation)
        }
    }
}
