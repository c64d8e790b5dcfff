import Testing
@testable import WarRoomUI
@testable import WarRoomScreen

@Suite("Grid and text")
struct GridTests {
    @Test("Display widths", arguments: [("a", 1), ("日", 2), ("👩‍💻", 2), ("🇫🇷", 2), ("e\u{301}", 1), ("\u{200B}", 0), ("é", 1), ("ｶ", 1), ("Ａ", 2)])
    func widths(_ text: String, _ columns: Int) {
        #expect(DisplayWidth.of(Character(text)) == columns)
    }

    @Test("Writing clips at the edge and never splits a wide grapheme")
    func clipping() {
        var grid = Grid(width: 5, height: 1)
        let used = grid.put("ab日本", x: 0, y: 0, role: .text)
        #expect(used == 5)
        #expect(grid.rowText(0) == "ab日 ")
        #expect(grid[3, 0].isContinuation)
        var other = Grid(width: 3, height: 2)
        other.put("anything", x: -2, y: 5, role: .text)
        other.put("xyz", x: 10, y: 0, role: .text)
        #expect(other.lines == ["", ""])
    }

    @Test("Writing sanitizes: escapes, CR and bidi controls become visible")
    func sanitizes() {
        var grid = Grid(width: 30, height: 1)
        grid.put("a\u{1B}[2Jb\rc\u{202E}d", x: 0, y: 0, role: .text)
        #expect(grid.lines == ["a^[[2Jb^Mc<U+202E>d"])
    }

    @Test("Wrapping by columns: words where possible, long words cut, newlines kept")
    func wrapping() {
        #expect(TextWrap.lines("rolled back to v41 in eu-west-1", width: 12) == ["rolled back", "to v41 in", "eu-west-1"])
        #expect(TextWrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWrap.lines("日本語のテキスト", width: 5) == ["日本", "語の", "テキ", "スト"])
        #expect(TextWrap.lines("one\ntwo", width: 10) == ["one", "two"])
        #expect(TextWrap.lines("anything", width: 0) == [""])
    }

    @Test("Changed cells: none when equal, exactly the differing ones otherwise")
    func changes() {
        var a = Grid(width: 4, height: 2)
        a.put("abcd", x: 0, y: 0, role: .text)
        var b = a
        #expect(b.changes(since: a).isEmpty)
        b.put("X", x: 2, y: 1, role: .warning)
        #expect(b.changes(since: a).map { [$0.x, $0.y] } == [[2, 1]])
        #expect(b.changes(since: Grid(width: 3, height: 2)).count == 8, "a size change redraws everything")
    }
}

@Suite("Grid with huge text")
struct HugeTextGridTests {
    @Test("A megabyte-long string is clipped by what fits: the row shows its start")
    func hugeText() {
        var grid = Grid(width: 20, height: 1)
        let huge = "start " + String(repeating: "\u{1B}[2J", count: 250_000)
        let used = grid.put(huge, x: 0, y: 0, role: .text)
        #expect(used == 20)
        #expect(grid.lines == ["start ^[[2J^[[2J^[[2"])
        #expect(Grid.bounded(huge, columns: 20).utf8.count <= 4 * 20 + 256)
        var right = Grid(width: 20, height: 1)
        right.putRight(String(repeating: "x", count: 1_000_000), right: 20, y: 0, role: .text)
        #expect(right.lines == [String(repeating: "x", count: 20)])
    }
}

@Suite("Wrapping ASCII a byte at a time")
struct ASCIIWrapTests {
    @Test("Byte-wise wrapping equals grapheme-wise wrapping for every short text of letters, spaces and newlines")
    func sameAsGraphemes() {
        // Every text of up to 7 characters over {a, b, space, newline}: 21,845 texts, widths 1 to 6.
        var texts = [""], last = [""]
        for _ in 1...7 {
            last = last.flatMap { prefix in ["a", "b", " ", "\n"].map { prefix + $0 } }
            texts += last
        }
        var wrong: [String] = []
        for text in texts {
            for width in 1...6 where TextWrap.asciiLines(text, width: width) != TextWrap.graphemeLines(text, width: width) {
                wrong.append("\(text.debugDescription) at \(width)")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) differ, e.g. \(wrong.prefix(5))")
    }

    @Test("ASCII text takes the byte path; anything else the grapheme path, with the same result for clean text")
    func dispatch() {
        #expect(TextWrap.lines("rolled back  to v41\nok", width: 8) == TextWrap.graphemeLines("rolled back  to v41\nok", width: 8))
        #expect(TextWrap.lines("tab\there\r\nx", width: 20) == ["tab here", "x"], "controls are cleaned on the grapheme path")
        #expect(TextWrap.lines("anything", width: 0) == [""])
    }
}
