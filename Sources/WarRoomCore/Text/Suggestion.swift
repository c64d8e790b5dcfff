/// "Did you mean …?" for every place a person types a name from a fixed list: subcommands, slash
/// commands, audiences, roles, config keys. One rule everywhere, so the CLI, the war room and the
/// config reader suggest the same thing for the same typo.
public enum Suggestion {
    /// The choice `typed` most likely meant: the same but for case and `-`/`_`/space separators,
    /// else the only choice it is a prefix of (3 letters or more), else the nearest choice at most
    /// `maxDistance` edits away (ties: the first in `choices`), else the only choice that starts
    /// with the same 4 letters (`execs` → `executives`). Nil when nothing is close, or when
    /// `typed` is shorter than 2 letters.
    public static func closest(to typed: String, among choices: [String], maxDistance: Int = 2) -> String? {
        let key = folded(typed)
        guard key.count >= 2, key.count <= 64 else { return nil }
        if let same = choices.first(where: { folded($0) == key }) { return same }
        if key.count >= 3 {
            let extended = choices.filter { folded($0).starts(with: key) }
            if extended.count == 1 { return extended[0] }
        }
        let scored = choices.map { ($0, editDistance(key, folded($0))) }
        if let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= maxDistance, best.1 < key.count { return best.0 }
        if key.count >= 4 {
            let stem = key.prefix(4)
            let sharing = choices.filter { folded($0).starts(with: stem) }
            if sharing.count == 1 { return sharing[0] }
        }
        return nil
    }

    /// Every choice `typed` is a prefix of, ignoring case and separators (for "a prefix that matches
    /// one choice may select it").
    public static func extending(_ typed: String, among choices: [String]) -> [String] {
        let key = folded(typed)
        guard !key.isEmpty else { return [] }
        return choices.filter { folded($0).starts(with: key) }
    }

    /// ` (did you mean 'x'?)`, or an empty string when nothing is close: ready to append to a message.
    public static func didYouMean(_ typed: String, among choices: [String], quote: String = "'") -> String {
        closest(to: typed, among: choices).map { " (did you mean \(quote)\($0)\(quote)?)" } ?? ""
    }

    /// Lowercased, without `-`, `_` and spaces: `Incident-Commander` and `incident commander` match.
    static func folded(_ text: String) -> [Unicode.Scalar] {
        Array(text.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    /// Levenshtein distance between two scalar sequences.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var row = previous
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }
}
