/// A root cause as a tag (`config-push`, `db/replica-lag`): what lets warroom see that an
/// incident repeats one whose lessons were not acted on yet.
///
/// A tag is one word of lowercase letters, digits and `-`, `.`, `/`, `_`, starting with a letter
/// or a digit, at most `maxLength` characters. Case is folded (`Config-Push` is `config-push`);
/// anything else is refused with the spelling to use, never rewritten silently.
public enum CauseTag {
    public static let maxLength = 48
    /// How many tags one incident may carry (a root cause is a few words, not a list).
    public static let maxPerIncident = 8

    /// `config-push` for `Config-Push`; a refusal saying what is wrong and what to type instead.
    public static func normalize(_ text: String) throws(CommandError) -> String {
        // Echoed in refusals: a control character typed is shown as �, never sent to the terminal.
        let trimmed = String(String.UnicodeScalarView(String(text.trimmingSpaces).unicodeScalars.map {
            $0.properties.generalCategory == .control ? "\u{FFFD}" : $0
        }))
        guard !trimmed.isEmpty else { throw .invalidCauseTag(text, problem: "a cause tag cannot be empty", suggestion: nil) }
        let tag = String(text.trimmingSpaces).lowercased()
        let words = tag.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.count > 1 {
            let joined = words.joined(separator: "-")
            throw .invalidCauseTag(trimmed, problem: "a cause tag is one word", suggestion: isValid(joined) ? joined : nil)
        }
        if let bad = tag.unicodeScalars.first(where: { !allowed($0) }) {
            let cleaned = String(String.UnicodeScalarView(tag.unicodeScalars.map { allowed($0) ? $0 : "-" }))
                .split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
            let shown = bad.properties.generalCategory == .control || bad.value < 0x20 ? "a control character"
                : "'\(Character(bad))'"
            throw .invalidCauseTag(trimmed, problem: "\(shown) is not allowed (letters, digits and - . / _ are)",
                                   suggestion: isValid(cleaned) ? cleaned : nil)
        }
        guard let first = tag.unicodeScalars.first, isLetterOrDigit(first) else {
            let rest = String(tag.drop(while: { !$0.isLetter && !$0.isNumber }))
            throw .invalidCauseTag(trimmed, problem: "a cause tag starts with a letter or a digit", suggestion: isValid(rest) ? rest : nil)
        }
        guard tag.count <= maxLength else {
            throw .invalidCauseTag(String(trimmed.prefix(maxLength)) + "…", problem: "a cause tag has at most \(maxLength) characters", suggestion: nil)
        }
        return tag
    }

    /// A tag `normalize` would keep as it is.
    public static func isValid(_ tag: String) -> Bool {
        guard let first = tag.unicodeScalars.first, isLetterOrDigit(first), tag.count <= maxLength else { return false }
        return tag.unicodeScalars.allSatisfy(allowed)
    }

    /// The tag already in use that a new `tag` most likely meant (`conifg-push` → `config-push`),
    /// nil when it is in use itself or nothing is close: a new tag that is nearly an old one is a
    /// typo until the person says otherwise, or the repeat it should reveal goes unseen.
    public static func likelyMeant(_ tag: String, known: [String]) -> String? {
        guard !known.contains(tag) else { return nil }
        return Suggestion.closest(to: tag, among: known.sorted(), maxDistance: tag.count >= 8 ? 2 : 1)
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        isLetterOrDigit(scalar) || scalar == "-" || scalar == "." || scalar == "/" || scalar == "_"
    }
}

/// A cause tag was put on the incident, or taken off (`removed`).
public struct CauseTagChange: Hashable, Codable, Sendable {
    public var tag: String
    public var removed: Bool

    public init(tag: String, removed: Bool = false) {
        self.tag = tag
        self.removed = removed
    }
}
