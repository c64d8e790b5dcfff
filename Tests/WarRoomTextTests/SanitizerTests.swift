import Testing
import WarRoomText

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
