import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomStore
import WarRoomText

/// `warroom search QUERY…`: the knowledge base, every incident's text, best match first.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(table: "search")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Words to find (all must match); \"a phrase\" in quotes.", valueName: "words")) var words: [String] = []
    @Option(help: ArgumentHelp("At most this many incidents (1-500).", valueName: "n")) var limit = 20
    @Option(help: ArgumentHelp("When more incidents match, rank only the n added last (0: rank every match, slower).",
                               valueName: "n")) var rankRecent = SearchQuery.defaultRankedAtMost
    @OptionGroup var output: JSONFlag

    func run() throws {
        var query = SearchQuery(words.joined(separator: " "))
        guard !query.isEmpty else {
            throw UserFacingError("search needs words to find: warroom search connection reset, or a phrase in quotes: "
                                  + "warroom search '\"connection reset\"'")
        }
        guard (1...500).contains(limit) else { throw UserFacingError("--limit \(limit) is out of range: give 1 to 500 (20 unless told)") }
        guard rankRecent >= 0 else {
            throw UserFacingError("--rank-recent \(rankRecent) is not a number of incidents: give 0 (rank every match) or more "
                                  + "(\(SearchQuery.defaultRankedAtMost) unless told)")
        }
        query.rankedAtMost = rankRecent == 0 ? Int.max : rankRecent
        let session = try Session(global, readOnly: true)
        let refresh = try SearchIndex.refresh(session.store)
        let hits = try session.store.search(query, limit: limit)
        if refresh.indexed >= 100 { warn("indexed \(refresh.indexed) incidents for search (once; later searches read the index)") }
        if let behind = SearchIndex.behindNote(refresh) { warn(behind) }
        if output.json {
            print(JSONValue.array(hits.map(Self.json)).rendered())
            return
        }
        let shown = query.terms.map { "\u{201C}\(Sanitizer.clean($0))\u{201D}" }.joined(separator: " ")
        guard !hits.isEmpty else {
            var text = "No incident matches \(shown)."
            if query.terms.count > 1 { text += " Every word must match: try fewer." }
            print(text)
            return
        }
        let color = isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        print("\(hits.count == limit ? "The first \(hits.count)" : String(hits.count)) incident\(hits.count == 1 ? "" : "s") matching \(shown), best first:")
        // Said when the ranking left matches out, so nobody takes these for the best of all.
        if let cut = try SearchIndex.cutNote(session.store, query, shown: hits.count, limit: limit) {
            print("(\(cut), or --rank-recent 0 to rank every match.)")
        }
        for hit in hits {
            let service = hit.service.map { "  " + Sanitizer.clean($0) } ?? ""
            print("\(hit.incident)  \(hit.severity.label)  \(hit.status.rawValue)  \(hit.declaredAt.dateOnly)\(service)  \(Sanitizer.clean(hit.title))")
            print("    " + Self.highlighted(hit.snippet, color: color))
        }
    }

    /// The snippet with its matches in bold (a terminal that takes colour) or in brackets.
    static func highlighted(_ snippet: String, color: Bool) -> String {
        SearchQuery.pieces(of: snippet).map { piece in
            let text = Sanitizer.clean(piece.text)
            guard piece.matched else { return text }
            return color ? "\u{1B}[1m" + text + "\u{1B}[0m" : "[" + text + "]"
        }.joined()
    }

    /// The snippet without marks, and the matched words apart.
    static func json(_ hit: SearchHit) -> JSONValue {
        let pieces = SearchQuery.pieces(of: hit.snippet)
        let plain = pieces.map(\.text).joined()
        let matched = pieces.filter(\.matched).map(\.text)
        return .object([("incident", .string(hit.incident)), ("title", .string(hit.title)), ("severity", .string(hit.severity.label)),
                        ("status", .string(hit.status.rawValue)), ("service", .optional(hit.service)),
                        ("declaredAt", .string(hit.declaredAt.iso8601)), ("match", .string(hit.match.rawValue)),
                        ("snippet", .string(plain)), ("matched", .array(matched.map { .string($0) }))])
    }
}
