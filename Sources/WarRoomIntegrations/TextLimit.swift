/// Cutting text to a vendor's limit without breaking a character, and saying so.
enum TextLimit {
    /// The marker a shortened text ends with.
    static let ellipsis = "…"

    /// `text` when it fits `limit` UTF-16 units (the strictest count vendors use: every
    /// character counts at least once), else its longest prefix of whole characters that fits
    /// with `marker` appended.
    static func truncate(_ text: String, toUTF16 limit: Int, marker: String = ellipsis) -> String {
        guard text.utf16.count > limit else { return text }
        let budget = limit - marker.utf16.count
        guard budget > 0 else { return String(marker.prefix(max(0, limit))) }
        var used = 0
        var result = ""
        for character in text {
            let size = character.utf16.count
            guard used + size <= budget else { break }
            result.append(character)
            used += size
        }
        return result + marker
    }

    /// `truncate` counting UTF-8 bytes (for limits in bytes, such as a dedup key).
    static func truncate(_ text: String, toUTF8 limit: Int, marker: String = ellipsis) -> String {
        guard text.utf8.count > limit else { return text }
        let budget = limit - marker.utf8.count
        guard budget > 0 else { return "" }
        var used = 0
        var result = ""
        for character in text {
            let size = character.utf8.count
            guard used + size <= budget else { break }
            result.append(character)
            used += size
        }
        return result + marker
    }
}
