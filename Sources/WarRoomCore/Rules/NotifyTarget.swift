/// How a notification's free text is matched to the matrix's escalation targets: forgiving about
/// case, punctuation, extra words ("Eng Manager (erin) by phone") and the policy's aliases ("EM"),
/// strict about the words themselves ("Eng" alone is not "Eng Manager").
public enum NotifyTarget {
    /// Whether `notified` names `target`: every word of `target` (outside parentheses, which hold
    /// remarks such as "(next standup)") appears in `notified`, in any order, after both have been
    /// lowercased, split at punctuation and had the policy's aliases expanded.
    public static func names(_ target: String, in notified: String, policy: Policy) -> Bool {
        let wanted = words(withoutRemarks(target), aliases: policy.notifyAliases)
        guard !wanted.isEmpty else { return false }
        let said = Set(words(notified, aliases: policy.notifyAliases))
        return wanted.allSatisfy(said.contains)
    }

    /// Lowercased words, split at anything but letters and digits, `engineering` read as `eng`,
    /// `and` dropped, and each alias (one or more words) replaced by the words it stands for.
    public static func words(_ text: String, aliases: [String: String]) -> [String] {
        let raw = split(text)
        guard !aliases.isEmpty else { return raw }
        // Longest alias first, so "vp of eng" wins over a shorter alias inside it.
        let table = aliases.map { (split($0.key), split($0.value)) }.filter { !$0.0.isEmpty }
            .sorted { $0.0.count > $1.0.count }
        var out: [String] = []
        var index = 0
        while index < raw.count {
            if let (key, value) = table.first(where: { key, _ in
                index + key.count <= raw.count && Array(raw[index..<(index + key.count)]) == key
            }) {
                out += value
                index += key.count
            } else {
                out.append(raw[index])
                index += 1
            }
        }
        return out
    }

    private static func split(_ text: String) -> [String] {
        text.lowercased()
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0 == "engineering" ? "eng" : String($0) }
            .filter { $0 != "and" }
    }

    /// The text without parenthesised remarks: "Team lead (next standup)" → "Team lead ".
    private static func withoutRemarks(_ text: String) -> String {
        var out = "", depth = 0
        for character in text {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { out.append(character) }
        }
        return out
    }
}
