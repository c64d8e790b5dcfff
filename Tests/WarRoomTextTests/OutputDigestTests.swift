import Testing
import WarRoomText

/// What `warroom exec` records of a command's output: escape sequences gone, other controls
/// visible, the first and last lines kept within bounds whatever the size and chunking.
@Suite("Output digest")
struct OutputDigestTests {
    static let escape = "\u{1B}"

    @Test("Escape sequences are dropped, whole: colours, titles, links, charset switches, C1 forms, cut-off ones",
          arguments: [
              ("\u{1B}[1;31mred\u{1B}[0m", "red"),
              ("\u{1B}]0;evil title\u{07}after", "after"),
              ("\u{1B}]8;;https://x.example\u{1B}\\link\u{1B}]8;;\u{1B}\\", "link"),
              ("\u{1B}(Bplain\u{1B}7\u{1B}8", "plain"),
              ("\u{1B}P1$r0m\u{1B}\\ok", "ok"),
              ("\u{9B}32mgreen", "green"),
              ("cut \u{1B}[38;5", "cut "),
              ("no escapes at all", "no escapes at all"),
          ])
    func escapesDropped(_ input: String, _ expected: String) {
        #expect(Sanitizer.withoutEscapeSequences(input) == expected)
    }

    @Test("Lines: first and last kept, counts exact, whatever the chunks")
    func headAndTail() {
        let lines = (1...1_000).map { "line \($0)" }
        let text = lines.joined(separator: "\n") + "\n"
        for chunk in [1, 7, 4096, text.utf8.count] {
            var digest = OutputDigest(keep: 5)
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                digest.add(bytes.prefix(chunk))
                bytes = bytes.dropFirst(chunk)
            }
            #expect(digest.bytes == Int64(text.utf8.count), "chunk \(chunk)")
            #expect(digest.lines == Int64(lines.count))
            #expect(digest.digest.head == Array(lines.prefix(5)))
            #expect(digest.digest.tail == Array(lines.suffix(5)))
        }
    }

    @Test("Few lines are all in the head, none twice; a last line without a newline counts",
          arguments: [("", 0, [String](), [String]()), ("a", 1, ["a"], []), ("a\nb\n", 2, ["a", "b"], []),
                      ("1\n2\n3\n4\n5\n6\n7", 7, ["1", "2", "3", "4", "5"], ["6", "7"]), ("\n\n", 2, ["", ""], [])])
    func fewLines(_ text: String, _ count: Int64, _ head: [String], _ tail: [String]) {
        var digest = OutputDigest(keep: 5)
        digest.add(Array(text.utf8))
        #expect(digest.lines == count)
        #expect(digest.digest.head == head)
        #expect(digest.digest.tail == tail)
    }

    @Test("CRLF ends a line; a lone CR starts it over, as a redrawn progress bar; other controls are visible")
    func controls() {
        var digest = OutputDigest()
        digest.add(Array("one\r\n 10%\r 50%\r100% done\nbell\u{07} back\u{08}\u{1B}[2J\u{1B}]2;t\u{07}\n".utf8))
        #expect(digest.digest.head == ["one", "100% done", "bell^G back^H"])
        #expect(!digest.digest.head.joined().contains(Self.escape))
    }

    @Test("A long line is cut with an ellipsis, however long, keeping a bounded amount")
    func longLine() {
        var digest = OutputDigest(keep: 2, lineLimit: 50)
        for _ in 0..<1_000 { digest.add(Array(repeating: UInt8(ascii: "x"), count: 1_000)) }
        digest.add(Array("\nshort\n".utf8))
        let head = digest.digest.head
        #expect(head.count == 2 && head[1] == "short")
        #expect(head[0].count == 50 && head[0].hasSuffix("…") && head[0].dropLast().allSatisfy { $0 == "x" })
        #expect(digest.bytes == 1_000_007)
    }

    @Test("Invalid UTF-8 is replaced, never trusted")
    func invalidBytes() {
        var digest = OutputDigest()
        digest.add([0x66, 0xFF, 0xC3, 0x0A])
        #expect(digest.digest.head == ["f\u{FFFD}\u{FFFD}"])
    }
}
