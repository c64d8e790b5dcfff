// libFuzzer target `sanitizer`: arbitrary bytes, decoded as UTF-8 (ill-formed sequences become
// U+FFFD), through `Sanitizer.clean` in both newline modes and through what draws text on screen
// (`DisplayWidth`, `Grid.put`/`putPadded`/`putRight`, `TextWrap.lines`).
//
// Invariants (a violation traps, which libFuzzer reports as a crash with the input saved):
// - the cleaned text holds no C0 control (except `\n` with `.keep`), no DEL, no C1 control, no bidi
//   embedding, override, isolate or mark;
// - cleaning is idempotent: clean(clean(x)) == clean(x), scalar for scalar;
// - drawing on a small grid writes only inside the requested row and columns, never leaves a wide
//   grapheme without its continuation cell (nor a continuation without its wide grapheme), and
//   wrapped lines fit their width.
//
// Built by Fuzz/run (swiftc -sanitize=fuzzer,address), not by SwiftPM.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WarRoomText
import WarRoomScreen
import WarRoomUI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)

    for mode in [Sanitizer.Newlines.keep, .mark] {
        let once = Sanitizer.clean(text, newlines: mode)
        requireInert(once, mode)
        let twice = Sanitizer.clean(once, newlines: mode)
        require(twice.unicodeScalars.elementsEqual(once.unicodeScalars),
                "clean is not idempotent (\(mode)): \(escaped(once)) -> \(escaped(twice))")
    }

    // Geometry from the first byte, so the fuzzer explores positions and sizes too.
    let shape = Int(bytes.first ?? 0)
    let width = 1 + shape % 12
    let x = (shape / 12) % 8 - 3 // -3 ... 4: left of the grid, inside it, at or past its right edge
    let limit: Int? = shape & 0x80 == 0 ? nil : (shape >> 3) % 7 - 1 // -1 ... 5
    drawing(text, width: width, x: x, limit: limit)
    wrapping(text, width: width)

    var total = 0
    for character in text {
        let columns = DisplayWidth.of(character)
        require((0...2).contains(columns), "DisplayWidth.of(\(escaped(String(character)))) = \(columns)")
        total += columns
    }
    require(DisplayWidth.of(text) == total, "DisplayWidth.of(text) differs from the sum of its graphemes")
    return 0
}

// MARK: - Invariants

func requireInert(_ cleaned: String, _ mode: Sanitizer.Newlines) {
    for scalar in cleaned.unicodeScalars {
        let v = scalar.value
        let bad: Bool
        switch v {
        case 0x0A: bad = mode == .mark
        case 0x00...0x1F, 0x7F, 0x80...0x9F: bad = true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: bad = true
        default: bad = false
        }
        require(!bad, "clean (\(mode)) let U+\(String(v, radix: 16, uppercase: true)) through: \(escaped(cleaned))")
    }
}

/// The sentinel every cell starts as: a role `put` never writes here, so any change is a write.
let sentinel = Cell("·", .selection)

func drawing(_ text: String, width: Int, x: Int, limit: Int?) {
    let height = 3, row = 1
    var grid = Grid(width: width, height: height, fill: sentinel)
    let used = grid.put(text, x: x, y: row, role: .text, limit: limit)
    let end = min(width, x + max(0, limit ?? (width - x)))
    require(used >= 0 && used <= max(0, end - x), "put used \(used) columns of x \(x)..<\(end)")
    requireOnlyWritten(grid, row: row, from: x, to: end, "put")

    var padded = Grid(width: width, height: height, fill: sentinel)
    let columns = max(0, limit ?? width)
    padded.putPadded(text, x: x, y: row, width: columns, role: .text)
    requireOnlyWritten(padded, row: row, from: x, to: min(width, x + columns), "putPadded")

    var right = Grid(width: width, height: height, fill: sentinel)
    let rightEdge = x + width / 2 + 1
    right.putRight(text, right: rightEdge, y: row, role: .text)
    requireOnlyWritten(right, row: row, from: Int.min / 2, to: min(width, rightEdge), "putRight")
}

/// Only cells of `row` in `from..<to` changed, and wide graphemes there are whole.
func requireOnlyWritten(_ grid: Grid, row: Int, from: Int, to: Int, _ what: String) {
    require(grid.cells.count == grid.width * grid.height, "\(what): the grid changed size")
    for y in 0..<grid.height {
        for x in 0..<grid.width where grid[x, y] != sentinel {
            require(y == row && x >= from && x < to, "\(what) wrote (\(x), \(y)) outside row \(row), \(from)..<\(to)")
        }
    }
    for x in 0..<grid.width {
        let cell = grid[x, row]
        if cell == sentinel { continue }
        if cell.isContinuation {
            require(x > 0 && DisplayWidth.of(grid[x - 1, row].text) == 2, "\(what): a continuation without its wide grapheme at \(x)")
        } else if DisplayWidth.of(cell.text) == 2 {
            require(x + 1 < grid.width && grid[x + 1, row].isContinuation, "\(what): a wide grapheme without continuation at \(x)")
        }
    }
}

func wrapping(_ text: String, width: Int) {
    let lines = TextWrap.lines(text, width: width)
    require(!lines.isEmpty, "TextWrap.lines returned no line")
    var grid = Grid(width: width, height: 4, fill: sentinel)
    for (index, line) in lines.enumerated() {
        require(!line.contains("\n"), "a wrapped line holds a newline")
        // A single grapheme wider than a one-column pane cannot fit anywhere.
        if width >= 2 {
            require(DisplayWidth.of(line) <= width, "wrapped line \(escaped(line)) is wider than \(width)")
        }
        if index < 4 {
            grid.put(line, x: 0, y: index, role: .text)
        }
    }
    require(grid.cells.count == width * 4, "the grid changed size")
}

// MARK: - Support

func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        fputs("fuzz invariant violated: \(message())\n", stderr)
        fflush(stderr)
        abort()
    }
}

func escaped(_ text: String) -> String {
    String(text.prefix(200).unicodeScalars.map { $0.escaped(asASCII: true) }.joined())
}
