/// Cutting text to a vendor's limit without breaking a character, and saying so.
enum TextLimit {
    /// The marker a shortened text ends with.
    static let ellipsis = "…"

    /// `text` when it fits `limit` UTF-16 units (the strictest count vendors use: every
    /// character counts at least once), else its longest prefix of whole characters that fits
    /// with `marker` appended.
    static func truncate(_ text: String, toUTF16 limit: Int, marker: String = ellipsis) -> String {
        truncate(text, limit: limit, marker: marker, tooSmall: String(marker.prefix(max(0, limit)))) { $0.utf16.count }
    }

    /// `truncate` counting UTF-8 bytes (for limits in bytes, such as a dedup key).
    static func truncate(_ text: String, toUTF8 limit: Int, marker: String = ellipsis) -> String {
        truncate(text, limit: limit, marker: marker, tooSmall: "") { $0.utf8.count }
    }

    /// The longest prefix of whole characters whose `size` with `marker` fits `limit`; `tooSmall`
    /// when not even the marker leaves room.
    private static func truncate(_ text: String, limit: Int, marker: String, tooSmall: String,
                                 size: (String) -> Int) -> String {
        guard size(text) > limit else { return text }
        let budget = limit - size(marker)
        guard budget > 0 else { return tooSmall }
        var used = 0
        var result = ""
        for character in text {
            let width = size(String(character))
            guard used + width <= budget else { break }
            result.append(character)
            used += width
        }
        return result + marker
    }
}
