/// A search as the user typed it: words, and "quoted phrases" kept whole. Every term must match.
/// Nothing typed is ever handed to a query language: each backend quotes the terms itself, so
/// `checkout-api`, `NOT`, `"` or `*` are searched for, never run as operators.
public struct SearchQuery: Hashable, Sendable {
    public var terms: [String]
    /// Every term must match (a search), or any may (finding similar incidents: ranked by how
    /// many and how rare; no substring pass).
    public var requireAll = true

    /// Marks around a matched word in `SearchHit.snippet` (control characters no text holds:
    /// the store's text is sanitized of them).
    public static let highlightStart = "\u{2}"
    public static let highlightEnd = "\u{3}"

    /// The shortest term a substring search takes (a trigram index needs three characters).
    public static let substringMinimum = 3

    /// A search whose words match more incidents than this ranks the most recently added this
    /// many of them: ranking every match of a word most incidents hold is slow and tells them
    /// apart by little.
    public static let defaultRankedAtMost = 2_000
    public var rankedAtMost = SearchQuery.defaultRankedAtMost

    public init(terms: [String], requireAll: Bool = true) {
        self.terms = terms
        self.requireAll = requireAll
    }

    /// Words that say nothing about an incident, left out of a similarity query.
    static let stopWords: Set<String> = ["the", "and", "for", "are", "was", "were", "with", "from", "that", "this", "not", "but",
                                         "all", "any", "has", "have", "had", "after", "before", "into", "our", "out", "its", "some",
                                         "when", "while", "than", "then", "too", "very", "can", "cannot", "will", "been", "being"]

    /// A query for incidents like the one `text` describes: its distinct words of three characters
    /// or more (stop words left out), any of which may match; at most `limit` of them.
    public static func like(_ text: String, limit: Int = 16) -> SearchQuery {
        var seen: Set<String> = []
        var terms: [String] = []
        for word in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }) where word.count >= 3 {
            let term = String(word)
            guard !stopWords.contains(term), seen.insert(term).inserted else { continue }
            terms.append(term)
            if terms.count == limit { break }
        }
        return SearchQuery(terms: terms, requireAll: false)
    }

    /// The terms of `text`: split on white space, `"…"` kept as one phrase (an unclosed quote runs
    /// to the end); empty when nothing searchable was typed.
    public init(_ text: String) {
        var terms: [String] = []
        var current = ""
        var quoted = false
        func flush() {
            let term = String(current.trimmingSpaces)
            if !term.isEmpty { terms.append(term) }
            current = ""
        }
        for character in text {
            if character == "\"" {
                flush()
                quoted.toggle()
            } else if character.isWhitespace && !quoted {
                flush()
            } else if character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }) {
                continue
            } else {
                current.append(character)
            }
        }
        flush()
        self.terms = terms
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// A snippet's text in order, each piece marked whether it is a match (between the highlight
    /// marks; a mark left open runs to the end). How every front end reads a snippet.
    public static func pieces(of snippet: String) -> [(text: String, matched: Bool)] {
        var pieces: [(text: String, matched: Bool)] = []
        var current = ""
        var matched = false
        for character in snippet {
            if String(character) == highlightStart {
                if !current.isEmpty { pieces.append((current, matched)) }
                (current, matched) = ("", true)
            } else if String(character) == highlightEnd {
                if matched { pieces.append((current, true)) } else if !current.isEmpty { pieces.append((current, false)) }
                (current, matched) = ("", false)
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { pieces.append((current, matched)) }
        return pieces
    }

    /// A snippet on one line: the document's lines (entries, sections) run together with ` · `.
    public static func oneLine(_ snippet: String) -> String {
        snippet.split(separator: "\n", omittingEmptySubsequences: true).joined(separator: " \u{B7} ")
    }

    /// The FTS5 MATCH expression: each term a quoted string (`"checkout-api" "502"`), so every one
    /// must match and none is an operator.
    public var fts5: String {
        terms.map { "\"" + $0.replacing("\"", with: "\"\"") + "\"" }.joined(separator: requireAll ? " " : " OR ")
    }

    /// The terms a substring search can take (three characters or more), lowercased.
    public var substrings: [String] {
        terms.filter { $0.count >= Self.substringMinimum }.map { $0.lowercased() }
    }
}

extension SearchQuery {
    /// Whether every term occurs in `text`, ignoring case: what a substring hit must satisfy.
    public func allOccur(in text: String) -> Bool {
        let lower = text.lowercased()
        return terms.allSatisfy { Self.occurs($0.lowercased(), in: lower) }
    }

    /// The snippet of a document: from its body where a term occurs there (the title is on the
    /// result's own row), else from its title. Only the lines around the first line holding a
    /// term are read, so a long document costs what its snippet does.
    public func snippet(title: String, body: String) -> String {
        let needles = terms.map { $0.lowercased() }.filter { !$0.isEmpty }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { line in
            let lower = line.lowercased()
            return needles.contains { Self.occurs($0, in: lower) }
        }) else { return snippet(of: title) }
        // Whole lines before and after, at least a snippet's width each way, so the snippet is the
        // one the whole body gives; an ellipsis where the window cut the body.
        let width = 80
        var from = first, to = first, before = 0, after = 0
        while from > lines.startIndex, before < width { from -= 1; before += lines[from].count + 1 }
        while to < lines.endIndex - 1, after < width + lines[first].count { to += 1; after += lines[to].count + 1 }
        let window = lines[from...to].joined(separator: "\n")
        return snippet(of: window, width: width, cutBefore: from > lines.startIndex, cutAfter: to < lines.endIndex - 1)
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (both already lowercased): a scan of
    /// UTF-8 bytes, not of characters, as a document runs to thousands of them.
    static func occurs(_ needle: String, in haystack: String) -> Bool {
        var needle = needle, haystack = haystack
        return needle.withUTF8 { n in
            haystack.withUTF8 { h in
                guard let head = n.first else { return true }
                guard n.count <= h.count else { return false }
                var index = 0
                let last = h.count - n.count
                while index <= last {
                    if h[index] == head {
                        var k = 1
                        while k < n.count, h[index + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }

    /// About `width` characters of `text` around the first term found (ignoring case), each
    /// occurrence of a term in it between the highlight marks, on one line; the text's start when
    /// no term occurs. An ellipsis says where text was cut.
    public func snippet(of text: String, width: Int = 80) -> String {
        snippet(of: text, width: width, cutBefore: false, cutAfter: false)
    }

    /// The same, of a window of a longer text: `cutBefore` and `cutAfter` say whether text was
    /// left out before and after the window, for the ellipses.
    func snippet(of text: String, width: Int, cutBefore: Bool, cutAfter: Bool) -> String {
        let original = Array(text.map { $0.isNewline ? " " : $0 })
        let lowered = Array(text.lowercased().map { $0.isNewline ? " " : $0 })
        // (Newlines become spaces one for one, so positions agree; `oneLine` is for FTS snippets.)
        // Case mapping can change the length ("İ"): then show the lowered text, positions agree.
        let shown = lowered.count == original.count ? original : lowered
        let needles = terms.map { Array($0.lowercased()) }.filter { !$0.isEmpty }
        func match(at index: Int) -> Int? {
            for needle in needles where index + needle.count <= lowered.count && lowered[index] == needle[0] {
                if lowered[index..<(index + needle.count)].elementsEqual(needle) { return needle.count }
            }
            return nil
        }
        var first: Int?
        for index in lowered.indices where match(at: index) != nil { first = index; break }
        let center = first ?? 0
        var start = max(0, center - width / 3)
        var end = min(shown.count, start + width)
        start = max(0, min(start, end - width))
        // Cut at spaces where one is near, so a word is not halved.
        if start > 0, let space = shown[start..<min(center, start + 12)].firstIndex(of: " ") { start = space + 1 }
        if end < shown.count, let space = shown[max(start, end - 12)..<end].lastIndex(of: " ") { end = space }
        var out = start > 0 || cutBefore ? "\u{2026}" : ""
        var index = start
        while index < end {
            if let length = match(at: index), index + length <= end {
                out += Self.highlightStart + String(shown[index..<(index + length)]) + Self.highlightEnd
                index += length
            } else {
                out.append(shown[index])
                index += 1
            }
        }
        if end < shown.count || cutAfter { out += "\u{2026}" }
        return out
    }
}
