// search-bench: the knowledge base over a generated store of many incidents.
//
//   search-bench [--dir DIR] [--incidents N] [--events-per-incident N] [--queries N] [--warroom PATH] [--keep]
//   search-bench --store PATH [--queries N] [--warroom PATH]    (again, over a store kept by --keep)
//
// Builds a SQLite store of N incidents (default 10,000) of about 100 events each (1,000,000 in
// all), written in import transactions of 100 incidents; then times
// (a) indexing every incident from scratch (`SearchIndex.refresh` on a store with no documents),
// (b) `refresh` when nothing changed (what every search pays first),
// (c) `search` (refresh + query) for a mix of queries: a rare word, two words, a common word, a
//     phrase, part of an identifier, and no match; p50/p90/p99/max over `--queries` runs,
// (d) beside them, in the same run: a bare FTS5 MATCH count (the index alone, no ranking,
//     snippets or rows), and a LIKE scan of every document (what search would cost unindexed);
// (e) opening the incident list once all but 5 incidents are closed;
// (f) with --warroom PATH (a release build), the real `warroom report` over the same store, its
//     summaries level, then with one incident changed; beside it the same report with every
//     summary deleted, so each incident is folded (what the report cost before the summaries).
import Foundation
import WarRoomCore
import WarRoomStore
import BenchKit
import CSQLite

struct Options {
    var dir = "/tmp"
    var incidents = 10_000
    var eventsPerIncident = 100
    var queries = 400
    var warroom: String?
    var store: String?
    var keep = false
}

func parse(_ arguments: ArraySlice<String>) -> Options {
    var options = Options()
    var rest = Arguments(arguments)
    while let argument = rest.next() {
        switch argument {
        case "--dir": options.dir = rest.value(argument)
        case "--incidents": options.incidents = rest.positive(argument)
        case "--events-per-incident": options.eventsPerIncident = rest.positive(argument)
        case "--queries": options.queries = rest.positive(argument)
        case "--warroom": options.warroom = rest.value(argument)
        case "--keep": options.keep = true
        case "--store": options.store = rest.value(argument)
        case "-h", "--help":
            print("usage: search-bench [--dir DIR] [--incidents N] [--events-per-incident N] [--queries N] [--warroom PATH] [--keep]")
            print("       search-bench --store PATH [--queries N] [--warroom PATH]   (a store kept by --keep: no build, no closing)")
            exit(0)
        default: fail("unknown argument \(argument)")
        }
    }
    return options
}

// MARK: Generated incidents

/// A vocabulary of 4,000 made-up words drawn with a Zipf-like skew (a few common, most rare),
/// beside the real words of BenchKit, so a query's selectivity is that of real text.
let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "zo", "pe", "qua", "dri", "fen", "gor", "hul", "jex"]
func madeUp(_ n: Int) -> String {
    var n = n, word = ""
    repeat { word += syllables[n % syllables.count]; n /= syllables.count } while n > 0
    return word + "x"
}
let vocabulary = (0..<4_000).map(madeUp)
let services = (0..<60).map { "svc-\(madeUp($0 * 7))" }

func word(_ rng: inout SplitMix64) -> String {
    // rank = 4000^u: word 0 is common, the tail rare.
    let u = Double(rng.next() % 1_000_000) / 1_000_000
    let rank = min(vocabulary.count - 1, Int(pow(Double(vocabulary.count), u)) - 1)
    return rng.next() % 5 == 0 ? words[Int(rng.next() % UInt64(words.count))] : vocabulary[max(0, rank)]
}

func text(_ rng: inout SplitMix64, _ count: Int) -> String {
    var parts = (0..<count).map { _ in word(&rng) }
    if rng.next() % 10 == 0 { parts.append("E\(10_000 + rng.next() % 90_000)-timeout") }
    return parts.joined(separator: " ")
}

func incident(_ number: Int, events count: Int, _ rng: inout SplitMix64) -> [Event] {
    let id = "INC-\(number)"
    let declared = start + .minutes(Int64(number) * 47)
    var events = [Event(id: uuid(&rng), incident: id, at: declared, recordedAt: declared, author: people[number % people.count],
                        payload: .declared(Declaration(title: text(&rng, 5), severity: Severity.allCases[number % 4],
                                                       summary: text(&rng, 12), service: services[number % services.count])))]
    for n in 1..<count {
        let at = declared + .seconds(Int64(n) * 20)
        let payload: EventPayload
        switch n % 25 {
        case 5: payload = .hypothesisOpened(HypothesisOpening(text: text(&rng, 8), owner: people[n % 6], timebox: .minutes(15)))
        case 24 where n > count - 25: payload = .factorSet(ContributingFactor(level: .immediate, text: text(&rng, 8)))
        default: payload = .entry(Entry(kind: n % 7 == 0 ? .finding : .note, text: text(&rng, 12)))
        }
        events.append(Event(id: uuid(&rng), incident: id, at: at, recordedAt: at, author: people[n % 6], payload: payload))
    }
    return events
}

// MARK: Timing

func time(_ body: () throws -> Void) rethrows -> Double {
    let began = nowNanos()
    try body()
    return millis(nowNanos() - began)
}

func summary(_ samples: [Double]) -> String {
    let sorted = samples.sorted()
    return "p50 \(format(percentile(sorted, 0.5))) ms, p90 \(format(percentile(sorted, 0.9))) ms, "
        + "p99 \(format(percentile(sorted, 0.99))) ms, max \(format(sorted.last ?? 0)) ms (n=\(sorted.count))"
}

/// A plain SQLite connection to the same file, for the references.
func scalar(_ db: OpaquePointer, _ sql: String, _ bind: String) -> Int64 {
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { fail("prepare: \(String(cString: sqlite3_errmsg(db)))") }
    defer { sqlite3_finalize(statement) }
    sqlite3_bind_text(statement, 1, bind, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    guard sqlite3_step(statement) == SQLITE_ROW else { fail("step: \(String(cString: sqlite3_errmsg(db)))") }
    return sqlite3_column_int64(statement, 0)
}

// MARK: Main

var options = parse(CommandLine.arguments.dropFirst())
let reused = options.store != nil
let directory = options.store.map { ($0 as NSString).deletingLastPathComponent } ?? options.dir + "/search-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { if !options.keep, !reused { try? FileManager.default.removeItem(atPath: directory) } }
let path = options.store ?? directory + "/w.db"
if reused, !FileManager.default.fileExists(atPath: path) { fail("--store \(path): no such store (make one with --keep)") }
let store = try SQLiteEventStore(path: path)

var rng = SplitMix64(state: reused ? UInt64(getpid()) : 14)
var written = 0
if reused {
    written = try store.incidents().reduce(0) { $0 + Int($1.lastSequence) }
    options.incidents = try store.incidents().count
    print("store: \(path), reused: \(options.incidents) incidents, \(written) events")
} else {
    let building = try time {
        var batch: [Event] = []
        for number in 1...options.incidents {
            batch += incident(number, events: options.eventsPerIncident, &rng)
            if number % 100 == 0 || number == options.incidents {
                written += try store.importEvents(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print("store: \(options.incidents) incidents, \(written) events, \(size / 1_048_576) MiB before the index; built in \(format(building / 1000, 1)) s")

    var refresh: SearchIndex.Refresh?
    let indexing = try time { refresh = try SearchIndex.refresh(store) }
    let indexed = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print("(a) index from scratch: \(refresh?.indexed ?? 0) incidents in \(format(indexing / 1000, 2)) s; file now \(indexed / 1_048_576) MiB")
}
let idle = try (0..<50).map { _ in try time { _ = try SearchIndex.refresh(store) } }
print("(b) refresh, nothing changed: " + summary(idle))

// Queries, from the generated text: words of each frequency, a phrase, an identifier part, none.
let common = vocabulary[0], middling = vocabulary[40], rare = vocabulary[3_000]
let mix: [(String, String)] = [
    ("rare word", rare), ("two words", "\(middling) \(vocabulary[60])"), ("common word", common),
    ("phrase", "\"\(vocabulary[1]) \(vocabulary[2])\""), ("identifier part", "E123"), ("no match", "zzzqqq"),
    ("real word", "failover"), ("service", services[3]),
]
var all: [Double] = []
print("(c) search = refresh + query, limit 20, \(options.queries) runs each:")
for (name, query) in mix {
    let parsed = SearchQuery(query)
    var found = 0
    let samples = try (0..<options.queries).map { _ in
        try time {
            _ = try SearchIndex.refresh(store)
            found = try store.search(parsed, limit: 20).count
        }
    }
    all += samples
    print("    \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(query.padding(toLength: 22, withPad: " ", startingAt: 0)) \(found) hits  " + summary(samples))
}
print("    all queries: " + summary(all))

var db: OpaquePointer?
guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let db else { fail("cannot open \(path)") }
defer { sqlite3_close_v2(db) }
print("(d) references, same store, same run (\(options.queries) runs each):")
for (name, query) in mix.prefix(3) {
    let match = SearchQuery(query).fts5
    var count: Int64 = 0
    let bare = (0..<options.queries).map { _ in time { count = scalar(db, "SELECT count(*) FROM search_words WHERE search_words MATCH ?1", match) } }
    print("    FTS5 MATCH count, \(name): \(count) documents  " + summary(bare))
}
let like = (0..<20).map { _ in time { _ = scalar(db, "SELECT count(*) FROM search_docs WHERE lower(body) LIKE ?1", "%\(rare)%") } }
print("    LIKE scan of every document, rare word: " + summary(like))

// (e) The incident list over the same store once all but 5 incidents are closed (as a store of
// past incidents is): opening it, reopening with nothing changed, and folding every incident.
let stillOpen = 5
let closing = reused ? 0 : try time {
    for number in 1...max(1, options.incidents - stillOpen) {
        let id = "INC-\(number)"
        let last = try store.incidents().first { $0.id == id }?.lastSequence ?? 0
        _ = try store.append(to: id, knownSequence: last) { stored in
            let at = (stored.last?.event.at ?? start) + .minutes(1)
            return [EventPayload.postmortemStatusChanged(PostmortemStatusChange(status: .final)),
                    .statusChanged(StatusChange(to: .monitoring, reason: "fixed", overridden: true)),
                    .statusChanged(StatusChange(to: .resolved, reason: "fixed", overridden: true)),
                    .statusChanged(StatusChange(to: .closed, reason: "reviewed", overridden: true))].enumerated().map { n, payload in
                Event(id: uuid(&rng), incident: id, at: at + .seconds(Int64(n)), recordedAt: at + .seconds(Int64(n)), author: "alice", payload: payload)
            }
        }
    }
    _ = try SearchIndex.refresh(store)
}
print("(e) incident list, \(stillOpen) open of \(options.incidents) (closing the rest and indexing: \(format(closing / 1000, 1)) s):")
var listed = 0
let opening = try (0..<options.queries).map { _ in try time { listed = try IncidentDirectory(store: store).load(includeClosed: false).states.count } }
print("    open the list (a new directory each time): \(listed) incidents  " + summary(opening))
let kept = IncidentDirectory(store: store)
_ = try kept.load(includeClosed: false)
let reopening = try (0..<options.queries).map { _ in try time { _ = try kept.load(includeClosed: false) } }
print("    the same list again, nothing changed: " + summary(reopening))
var every = 0
let folding = try (0..<3).map { _ in try time { every = try IncidentDirectory(store: store).load(includeClosed: true).states.count } }
print("    reference, every incident folded (a shows closed ones): \(every) incidents  " + summary(folding))

// (f) `warroom report`, the real binary, over the same store: the first report folds every
// incident and keeps their summaries; later ones read the summaries; one changed incident is
// folded again. The reference deletes the summaries before each run: every incident folded.
if let warroom = options.warroom {
    let reportNow = start + .minutes(Int64(options.incidents + 100) * 47)
    func report(_ arguments: [String]) -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: warroom)
        process.arguments = ["report", "--store", "sqlite:" + path] + arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": directory, "LANG": "C.UTF-8", "WARROOM_NOW": reportNow.iso8601]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let began = nowNanos()
        do { try process.run() } catch { fail("cannot run \(warroom): \(error)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fail("warroom report \(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
        return millis(nowNanos() - began)
    }
    var writer: OpaquePointer?
    guard sqlite3_open_v2(path, &writer, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let writer else { fail("cannot open \(path) to write") }
    defer { sqlite3_close_v2(writer) }
    func forgetSummaries() {
        sqlite3_busy_timeout(writer, 5_000)
        guard sqlite3_exec(writer, "DELETE FROM incident_summaries", nil, nil, nil) == SQLITE_OK else {
            fail("deleting the summaries: \(String(cString: sqlite3_errmsg(writer)))")
        }
    }
    func summariesKept() -> Int64 { scalar(db, "SELECT count(*) FROM incident_summaries WHERE ?1 = ?1", "") }
    // The quarter the middle incident was declared in, as `2027Q2`.
    let quarter: String = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let middle = Date(timeIntervalSince1970: Double((start + .minutes(Int64(options.incidents / 2) * 47)).millis) / 1000)
        let parts = calendar.dateComponents([.year, .month], from: middle)
        return "\(parts.year ?? 2027)Q\(((parts.month ?? 1) - 1) / 3 + 1)"
    }()
    forgetSummaries()
    let first = report(["--format", "json"])
    print("(f) warroom report, \(options.incidents) incidents (\(written) events and the closings):")
    print("    first report, no summary kept yet: \(format(first)) ms; summaries kept now: \(summariesKept())")
    let runs = max(5, options.queries / 3)
    for (name, arguments) in [("text", [String]()), ("json", ["--format", "json"]), ("markdown, --quarter \(quarter)", ["--quarter", "\(quarter)", "--format", "markdown"]),
                              ("--severity SEV1 --service \(services[3])", ["--severity", "SEV1", "--service", services[3]])] {
        let samples = (0..<runs).map { _ in report(arguments) }
        print("    \(name), summaries level: " + summary(samples))
    }
    var changedSamples: [Double] = []
    for n in 0..<runs {
        let id = "INC-\(1 + n * 97 % options.incidents)"
        let last = try store.incidents().first { $0.id == id }?.lastSequence ?? 0
        _ = try store.append(to: id, knownSequence: last) { stored in
            let at = (stored.last?.event.at ?? start) + .minutes(1)
            return [Event(id: uuid(&rng), incident: id, at: at, recordedAt: at, author: "carol", payload: .entry(Entry(kind: .note, text: text(&rng, 12))))]
        }
        changedSamples.append(report([]))
    }
    print("    text, one incident changed since the last report: " + summary(changedSamples))
    var readSamples: [Double] = []
    for _ in 0..<runs { readSamples.append(try time { _ = try IncidentSummaries.read(store) }) }
    print("    in process, IncidentSummaries.read alone, level: " + summary(readSamples))
    let folding = (0..<3).map { _ in
        forgetSummaries()
        return report([])
    }
    print("    reference, text with every summary deleted (every incident folded): " + summary(folding))
} else {
    print("(f) warroom report: skipped (give --warroom PATH, a release build of warroom)")
}
