// pg-bench: the PostgreSQL store on a throwaway server of its own (WarRoomDevServer: durable
// commits, loopback TCP), next to what the server itself costs.
//
//   pg-bench [--appends N] [--runs N] [--sizes 10000,100000]
//
// (a) append latency: one typical entry per `PostgresEventStore.append` (BEGIN, the incident's row
//     lock, the events after the known sequence, INSERT, COMMIT with synchronous_commit on),
// (b) the floor beside it: `BEGIN`, a bare `INSERT` of the same row into a plain table of the same columns
//     (no triggers) and `COMMIT`, on a postgres-nio connection to the same server, interleaved
//     with (a) so both see the same disk weather,
// (c) loading an incident of 10k and 100k events, written 1,000 to a transaction and then
//     vacuumed: `events(of:after: 0)` (the query and the fast reader) and the fold, each timed,
//     median of the runs (the first run reported on its own).
import BenchKit
import Foundation
import Logging
import PostgresNIO
import WarRoomCore
import WarRoomDevServer
import WarRoomStore

struct Options {
    var appends = 2_000
    var warmup = 50
    var runs = 7
    var sizes = [10_000, 100_000]
}

func parseOptions(_ arguments: ArraySlice<String>) -> Options {
    var options = Options()
    var rest = arguments
    func value(_ name: String) -> Int {
        guard let text = rest.popFirst(), let value = Int(text), value > 0 else { fail("\(name) needs a positive number") }
        return value
    }
    while let argument = rest.popFirst() {
        switch argument {
        case "--appends": options.appends = value(argument)
        case "--runs": options.runs = value(argument)
        case "--sizes":
            guard let text = rest.popFirst() else { fail("--sizes needs a value") }
            options.sizes = text.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
        case "-h", "--help":
            print("usage: pg-bench [--appends N] [--runs N] [--sizes 10000,100000]")
            exit(0)
        default: fail("unknown option \(argument)")
        }
    }
    return options
}

func summary(_ samples: [Double]) -> String {
    let sorted = samples.sorted()
    return "p50 \(format(percentile(sorted, 0.5), 3)) ms · p90 \(format(percentile(sorted, 0.9), 3)) ms · "
        + "p99 \(format(percentile(sorted, 0.99), 3)) ms · max \(format(sorted.last ?? .nan, 3)) ms (n=\(sorted.count))"
}

/// A postgres-nio connection of the bench's own, waited on synchronously like the store's.
final class BareConnection {
    let connection: PostgresConnection
    let logger = Logger(label: "pg-bench", factory: { _ in SwiftLogNoOpLogHandler() })

    init(server: PostgresDevServer, database: String) throws {
        var configuration = PostgresConnection.Configuration(
            host: "127.0.0.1", port: server.port, username: server.superuser, password: server.superuserPassword,
            database: database, tls: .disable)
        configuration.options.additionalStartupParameters = [("synchronous_commit", "on")]
        connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                    configuration: configuration, id: 1, logger: logger).wait()
    }

    func run(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws {
        _ = try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait()
    }

    deinit {
        let closing: EventLoopFuture<Void> = connection.close()
        _ = try? closing.wait()
    }
}

func main() throws {
    let options = parseOptions(CommandLine.arguments.dropFirst())
    let server = try PostgresDevServer(.init(durable: true))
    defer { try? server.shutdown() }
    let url = try server.createDatabase(name: "bench")
    print("pg-bench: PostgreSQL \(try server.adminSQL("SHOW server_version;")) in \(server.directory), "
          + "loopback TCP, fsync \(try server.adminSQL("SHOW fsync;")), synchronous_commit on")

    // (a) and (b), interleaved.
    let store = try PostgresEventStore(url: url)
    let (incidentID, _) = try store.declare { id in incident(id, count: 1) }
    let bare = try BareConnection(server: server, database: "bench")
    try bare.run("CREATE TABLE plain (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
    try bare.run("ALTER TABLE plain ADD PRIMARY KEY (incident, seq)")
    var rng = SplitMix64(state: 42)
    var known = try store.incidents().first?.lastSequence ?? 1
    var appends: [Double] = [], inserts: [Double] = []
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    for n in 1...(options.warmup + options.appends) {
        let event = typicalEntry(incidentID, n, &rng)
        let t0 = nowNanos()
        let result = try store.append(to: incidentID, knownSequence: known) { _ in [event] }
        let t1 = nowNanos()
        known = result.events.last?.sequence ?? known
        let body = String(decoding: try encoder.encode(event), as: UTF8.self)
        var binds = PostgresBindings()
        try binds.append(event.incident)
        try binds.append(known)
        try binds.append(event.id)
        try binds.append(event.at.millis)
        try binds.append(event.recordedAt.millis)
        try binds.append(event.author)
        try binds.append(event.payload.type)
        try binds.append(body)
        let t2 = nowNanos()
        try bare.run("BEGIN")
        try bare.run("INSERT INTO plain (incident, seq, id, at, recorded_at, author, type, body) "
                     + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", binds)
        try bare.run("COMMIT")
        let t3 = nowNanos()
        if n > options.warmup {
            appends.append(millis(t1 - t0))
            inserts.append(millis(t3 - t2))
        }
    }
    print("(a) append one entry:              " + summary(appends))
    print("(b) bare INSERT + COMMIT, same row: " + summary(inserts))
    let ratio50 = percentile(appends.sorted(), 0.5) / percentile(inserts.sorted(), 0.5)
    let ratio99 = percentile(appends.sorted(), 0.99) / percentile(inserts.sorted(), 0.99)
    print("    ratio (a)/(b): p50 \(format(ratio50))× · p99 \(format(ratio99))×")

    // (c) loads.
    for size in options.sizes {
        let name = "load\(size)"
        let loadURL = try server.createDatabase(name: name)
        let loadStore = try PostgresEventStore(url: loadURL)
        let events = incident("INC-1", count: size)
        _ = try loadStore.declare { _ in Array(events.prefix(1)) }
        var written = 1
        while written < events.count {
            let batch = Array(events[written..<min(written + 1_000, events.count)])
            _ = try loadStore.append(to: "INC-1", knownSequence: Int64(written)) { _ in batch }
            written += batch.count
        }
        // As a long incident stands once autovacuum has been by: measuring straight after the bulk
        // write measured autovacuum's own pass over the new table beside the read.
        _ = try server.adminSQL("VACUUM ANALYZE events;", database: name)
        _ = try server.adminSQL("CHECKPOINT;", database: name)
        var reads: [Double] = [], folds: [Double] = []
        for _ in 0..<options.runs {
            let reader = try PostgresEventStore(url: loadURL)
            let t0 = nowNanos()
            let stored = try reader.events(of: "INC-1", after: 0)
            let t1 = nowNanos()
            guard let state = IncidentState.fold(stored.lazy.map(\.event)), state.eventCount == size else {
                fail("the fold lost events")
            }
            let t2 = nowNanos()
            reads.append(millis(t1 - t0))
            folds.append(millis(t2 - t1))
        }
        let totals = zip(reads, folds).map { $0 + $1 }
        print("(c) load \(size) events: read + fold median \(format(median(totals), 1)) ms "
              + "(read \(format(median(reads), 1)), fold \(format(median(folds), 1))); first run \(format(totals[0], 1)) ms; "
              + "runs \(options.runs)")
    }
}

do {
    try main()
} catch {
    fail("\(error)")
}
