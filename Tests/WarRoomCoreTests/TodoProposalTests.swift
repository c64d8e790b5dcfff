import Testing
import WarRoomCore

/// What counts as a TODO proposal: `TODO:` at the start, any case, after any leading blanks.
@Suite struct TodoProposalTests {
    @Test(arguments: [("TODO: add an alert", true), ("  todo: x", true), ("Todo:x", true), ("\tTODO:", true),
                      ("ToDo: ünïcode ✅", true), ("TODO:", true), ("\nTODO: after a newline", true),
                      ("TODO x", false), ("TODO", false), ("xTODO: y", false), ("", false), ("   ", false),
                      ("TO DO: y", false), ("TODO;", false)])
    func proposal(_ text: String, _ expected: Bool) {
        #expect(TodoProposal.isTodo(text) == expected, "\(text)")
    }

    /// The byte-level check the fold runs agrees with the rule stated in characters, for texts
    /// built around `TODO:` from the characters where the two could part: ASCII blanks and
    /// controls, Unicode spaces, combining marks after each letter or the colon, letters whose
    /// case maps oddly (ı, ſ), fullwidth letters, CRLF, emoji.
    @Test func bytesAgreeWithCharacters() {
        let pieces = [" ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1F}", "\u{85}", "\u{A0}", "\u{3000}",
                      "t", "T", "o", "O", "d", "D", ":", "\u{301}", "\u{200D}", "x", "ı", "ſ", "é", "Ｔ", "：", "🔥", "TODO:",
                      "todo", "\u{0}", "\u{7F}", ";", "Z"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var disagreements: [String] = []
        var proposals = 0
        for _ in 0..<40_000 {
            var text = ""
            for _ in 0..<next(7) { text += pieces[next(pieces.count)] }
            let fast = TodoProposal.isTodo(text), exact = TodoProposal.isTodoByCharacters(text)
            if fast { proposals += 1 }
            if fast != exact { disagreements.append(text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")) }
        }
        // Every ASCII byte at each place around `TODO:` and after it.
        for byte in 0..<128 {
            let character = String(UnicodeScalar(UInt8(byte)))
            for index in 0...5 {
                var head = Array("TODO:").map(String.init)
                head.insert(character, at: index)
                for text in [head.joined(), head.joined() + "\u{301}", character + "TODO:", "TODO:" + character] {
                    if TodoProposal.isTodo(text) != TodoProposal.isTodoByCharacters(text) {
                        disagreements.append(text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
        #expect(proposals > 100) // the texts do reach the interesting cases
    }
}
