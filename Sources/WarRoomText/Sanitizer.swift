/// Makes untrusted text (entries, names, titles, alerts) safe to put on a terminal: nothing in it
/// can move the cursor, clear the screen, set the window title, reorder the line or hide itself.
/// The stored text is never changed; only what is drawn or printed goes through here.
public enum Sanitizer {
    /// What to do with line breaks.
    public enum Newlines: Sendable {
        /// Keep `\n` (multi-line output such as an export or a wrapped pane).
        case keep
        /// Show `\n` as `↵ ` so one entry stays on one line.
        case mark
    }

    /// The text with every control character, escape, bidi control and stray zero-width character
    /// made visible or dropped:
    /// - C0 controls (ESC, CR, BS, BEL …) and DEL become caret notation: `^[`, `^M`, `^H`, `^?`;
    ///   so `ESC[2J` shows as `^[[2J` and does nothing;
    /// - C1 controls (U+0080–U+009F), bidi embeddings, overrides and isolates show as `<U+202E>`;
    /// - zero-width spaces and joiners are dropped, except inside an emoji sequence;
    /// - a combining mark with nothing to combine with is shown on a dotted circle `◌`;
    /// - tab becomes a space; newline follows `newlines`.
    public static func clean(_ text: String, newlines: Newlines = .mark) -> String {
        isPlain(text) ? text : rewritten(text, newlines: newlines)
    }

    /// `clean` without its shortcut for text that needs no change: a copy built character by character.
    static func rewritten(_ text: String, newlines: Newlines) -> String {
        var out = String()
        out.reserveCapacity(text.utf8.count)
        var atLineStart = true
        for character in text {
            if character == "\n" || character == "\r\n" {
                switch newlines {
                case .keep: out.append("\n")
                case .mark: out.append("↵ ")
                }
                atLineStart = true
                continue
            }
            let scalars = character.unicodeScalars
            // Only a joiner (ZWJ, ZWNJ) makes keeping an emoji sequence whole differ from the
            // scalar-by-scalar path below, so only such sequences take this path.
            if scalars.count > 1, scalars.contains(where: isZeroWidth), isEmojiSequence(scalars) {
                out.append(character)
                // Kept whole only while it stays one grapheme: once a dropped character no longer
                // separates it from what came before (a prepended mark such as U+0600, or the letter
                // of a caret before a skin-tone modifier), it is no emoji sequence any more and its
                // joiners would be dropped by a second pass; drop them now, so cleaning is idempotent.
                if out.last?.unicodeScalars.elementsEqual(scalars) == true {
                    atLineStart = false
                    continue
                }
                out.unicodeScalars.removeLast(scalars.count)
            }
            for (index, scalar) in scalars.enumerated() {
                if let visible = replacement(for: scalar) {
                    out.append(visible)
                    atLineStart = false
                } else if isZeroWidth(scalar) {
                    continue
                } else if index == 0, isMark(scalar), atLineStart || out.isEmpty {
                    out.append("◌")
                    out.unicodeScalars.append(scalar)
                    atLineStart = false
                } else {
                    out.unicodeScalars.append(scalar)
                    atLineStart = false
                }
            }
        }
        return out
    }

    /// True when cleaning would return the text unchanged, found without building a copy: printable
    /// ASCII (the common case) checked byte by byte, anything else scalar by scalar. A scalar that
    /// the full pass would replace or drop sends the text there; so does a mark at the very start,
    /// the one place (besides after a line break, itself a control) where a mark can begin a
    /// grapheme with nothing to combine with.
    static func isPlain(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
        var first = true
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || value == 0x7F { return false }
            if value > 0x7F {
                if replacement(for: scalar) != nil || isZeroWidth(scalar) { return false }
                if first, isMark(scalar) { return false }
            }
            first = false
        }
        return true
    }

    /// The visible form of a control or bidi scalar, or nil when the scalar is fine as it is.
    static func replacement(for scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x09: return " "
        case 0x00...0x1F: return "^" + String(Unicode.Scalar(UInt8(value + 0x40)))
        case 0x7F: return "^?"
        case 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            return "<U+" + hex(value) + ">"
        case 0x2028, 0x2029: return "↵ "
        default: return nil
        }
    }

    /// Zero-width characters that can hide text or glue it to a neighbour.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0x200C, 0x200D, 0x2060...0x2064, 0xFEFF, 0x180E, 0x00AD: return true
        default: return false
        }
    }

    /// An emoji ZWJ sequence, flag or keycap: kept whole, its joiners are meant.
    static func isEmojiSequence(_ scalars: String.UnicodeScalarView) -> Bool {
        guard let first = scalars.first, first.properties.isEmoji, first.value > 0x7F || scalars.contains(where: { $0.value == 0x20E3 })
        else { return false }
        return scalars.allSatisfy { replacement(for: $0) == nil }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
