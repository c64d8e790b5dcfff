import Testing
@testable import WarRoomText

@Suite("Sanitizer")
struct SanitizerTests {
    @Test("Hostile text becomes visible and inert",
          arguments: [
              ("\u{1B}]0;pwned\u{07}", "^[]0;pwned^G"),
              ("\u{1B}[2Jcleared", "^[[2Jcleared"),
              ("safe\rEVIL", "safe^MEVIL"),
              ("abc\u{08}\u{08}\u{08}xyz", "abc^H^H^Hxyz"),
              ("\u{202E}gnp.exe", "<U+202E>gnp.exe"),
              ("a\u{2066}b\u{2069}c", "a<U+2066>b<U+2069>c"),
              ("\u{9B}31m", "<U+009B>31m"),
              ("del\u{7F}", "del^?"),
              ("zero\u{200B}width\u{FEFF}", "zerowidth"),
              ("tab\there", "tab here"),
          ])
    func hostile(_ input: String, _ expected: String) {
        #expect(Sanitizer.clean(input) == expected)
        #expect(!Sanitizer.clean(input).unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test("Newlines are marked on one line, or kept")
    func newlines() {
        #expect(Sanitizer.clean("one\ntwo") == "one↵ two")
        #expect(Sanitizer.clean("one\ntwo", newlines: .keep) == "one\ntwo")
        #expect(Sanitizer.clean("one\r\ntwo", newlines: .keep) == "one\ntwo")
    }

    @Test("Real text passes unchanged", arguments: ["plain ascii", "日本語のテキスト", "café", "👩‍👩‍👧 family", "🇫🇷 flag", "1️⃣ keycap",
                                                   "Ünïcödé ñ"])
    func unchanged(_ text: String) {
        #expect(Sanitizer.clean(text) == text)
    }

    @Test("A leading combining mark sits on a dotted circle instead of joining the previous cell")
    func leadingMark() {
        #expect(Sanitizer.clean("\u{0301}x") == "◌\u{0301}x")
        #expect(Sanitizer.clean("e\u{0301}") == "e\u{0301}")
    }
}

@Suite("Sanitizer shortcut")
struct SanitizerShortcutTests {
    /// Scalars around every rule of the sanitizer: controls, C1, bidi, joiners, marks (spacing and
    /// not, incl. Myanmar ones that begin a grapheme), emoji parts, wide and plain letters.
    static let pool: [Unicode.Scalar] = [
        "a", " ", "\n", "\r", "\t", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{AD}", "\u{301}", "\u{20DD}", "\u{903}",
        "\u{102B}", "\u{1160}", "\u{180E}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{2028}", "\u{202E}",
        "\u{2060}", "\u{2066}", "\u{FE0F}", "\u{FEFF}", "\u{20E3}", "\u{061C}", "\u{0600}", "é", "日", "1", "👩",
        "\u{1F3FD}", "\u{1F1EB}", "\u{1F1F7}", "\u{FFFD}", "ก", "\u{E33}",
    ]

    @Test("The shortcut only skips text the full pass would leave unchanged")
    func shortcutAgreesWithFullPass() {
        // Every sequence of up to three scalars from the pool: 65,641 texts.
        var texts: [String.UnicodeScalarView] = [String.UnicodeScalarView()]
        var shorter = texts
        for _ in 1...3 {
            shorter = shorter.flatMap { prefix in Self.pool.map { var next = prefix; next.append($0); return next } }
            texts += shorter
        }
        var shortcuts = 0
        var wrong: [String] = []
        for scalars in texts {
            let text = String(scalars)
            guard Sanitizer.isPlain(text) else { continue }
            shortcuts += 1
            for mode in [Sanitizer.Newlines.keep, .mark] {
                let full = Sanitizer.rewritten(text, newlines: mode)
                if !full.unicodeScalars.elementsEqual(text.unicodeScalars) {
                    wrong.append("\(text.debugDescription) → \(full.debugDescription)")
                }
            }
        }
        #expect(wrong.isEmpty, "kept by the shortcut, changed by the full pass (\(wrong.count)): \(wrong.prefix(5))")
        // Both paths were exercised: some texts took the shortcut, most did not.
        #expect(shortcuts > 1_000 && shortcuts < texts.count / 2)
    }

    @Test("Non-ASCII text that needs no change takes the shortcut; text that does, does not",
          arguments: [("日本語 café 🇫🇷 1️⃣", false), ("e\u{301}", false), ("\u{301}e", true), ("a\u{200B}b", true),
                      ("a\u{202E}b", true), ("a\u{85}b", true), ("a\nb", true)])
    func classification(_ text: String, _ changes: Bool) {
        #expect(Sanitizer.isPlain(text) == !changes)
        #expect((Sanitizer.clean(text) != text) == changes)
    }
}
