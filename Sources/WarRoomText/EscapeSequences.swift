extension Sanitizer {
    /// The text without its terminal escape sequences: colours and cursor moves (CSI, `ESC[31m`),
    /// window titles and links (OSC, `ESC]0;title BEL`), device strings (DCS, APC, PM, SOS, up
    /// to their `ESC\`) and two-character escapes (`ESC(B`, `ESC7`), in their 7-bit and C1 forms.
    /// What a program printed in colour then reads as its words; other controls are left for
    /// `clean` to make visible. A sequence cut off by the end of the text is dropped as far as it goes.
    public static func withoutEscapeSequences(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value == 0x1B || (0x90...0x9F).contains($0.value) }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x1B:
                guard let next = scalars.next() else { break }
                switch next {
                case "[": skipControlSequence(&scalars)
                case "]", "P", "X", "^", "_": skipString(&scalars)
                default:
                    // `ESC ( B`, `ESC # 8`: intermediates (0x20–0x2F) then one final character.
                    var final = next
                    while (0x20...0x2F).contains(final.value), let more = scalars.next() { final = more }
                }
            case 0x9B: skipControlSequence(&scalars)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F: skipString(&scalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Past a CSI's parameters and intermediates to its final character (0x40–0x7E).
    private static func skipControlSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            if (0x40...0x7E).contains(scalar.value) || scalar.value < 0x20 && scalar.value != 0x1B { return }
        }
    }

    /// Past a string sequence's end: BEL, `ESC\` or ST (U+009C).
    private static func skipString(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x07, 0x9C: return
            case 0x1B:
                // `ESC\` ends it; any other escape inside a string is part of it.
                if scalars.next() == "\\" { return }
            default: continue
            }
        }
    }
}
