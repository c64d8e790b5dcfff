// store-bench: how fast the warroom store appends and loads, next to the limits of the machine.
//
//   store-bench [--dir DIR] [--appends N] [--runs N] [--sizes 10000,100000] [--keep]
//
// Files go to a new directory under DIR (default /tmp), removed afterwards unless --keep.
//
// (a) append latency: one typical entry event per `append` (one durable transaction each),
// (b) the physical limit beside it: write() + fsync() of a record of the same size appended to a
//     plain file in the same directory, interleaved with (a) so both see the same disk weather,
// (c) loading an incident of 10k and 100k events into `IncidentState`: the store read and the fold,
//     each timed on its own (wall and thread CPU time), in a fresh child process (warm OS page
//     cache), the first run of the process reported on its own too; beside them, Foundation's
//     JSONDecoder alone on the same stored bodies,
// (d) the child's peak RSS (VmHWM) right after its first 100k load.
import Foundation
import WarRoomCore
import WarRoomStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// MARK: Measuring

func nowNanos() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// CPU time of the calling thread: unlike wall time, not inflated by other processes waiting for
/// or holding the CPU.
func cpuNanos() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

func millis(_ nanos: UInt64) -> Double { Double(nanos) / 1e6 }

/// The value at `fraction` (0…1) of sorted samples, nearest rank.
func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

func median(_ values: [Double]) -> Double { percentile(values.sorted(), 0.5) }

func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("store-bench: \(message)\n".utf8))
    exit(1)
}

/// A `kB` field of /proc/self/status (VmHWM, VmRSS), in kibibytes.
func procStatusKB(_ field: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
        return Int(digits) ?? -1
    }
    return -1
}

// MARK: Events

/// SplitMix64: the same events on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let words = ["checkout", "latency", "p99", "rollback", "deploy", "db-primary", "replica", "lag", "errors",
             "5xx", "cache", "eviction", "pager", "on-call", "customer", "dashboard", "canary", "config",
             "flag", "restart", "pods", "OOM", "queue", "backlog", "TLS", "cert", "DNS", "timeout", "retry",
             "storm", "shard", "failover", "région", "東京", "✅"]
let people = ["alice", "bob", "carol", "dave", "erin", "frank"]
let start = Timestamp(millis: 1_795_000_000_000)

func sentence(_ rng: inout SplitMix64, _ count: Int) -> String {
    (0..<count).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
}

func uuid(_ rng: inout SplitMix64) -> UUID {
    let a = rng.next(), b = rng.next()
    var bytes = [UInt8](repeating: 0, count: 16)
    for i in 0..<8 { bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * UInt64(i))) }
    for i in 0..<8 { bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * UInt64(i))) }
    bytes[6] = (bytes[6] & 0x0F) | 0x40
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                       bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
}

/// The typical event of a live incident: a note of about 90 characters.
func typicalEntry(_ incident: IncidentID, _ n: Int, _ rng: inout SplitMix64) -> Event {
    let at = start + .seconds(Int64(n))
    return Event(id: uuid(&rng), incident: incident, at: at, recordedAt: at, author: people[n % people.count],
                 payload: .entry(Entry(kind: .note, text: "#\(n) " + sentence(&rng, 12))))
}

/// An incident of `count` events: a declaration, then mostly timeline entries with every other
/// kind of event mixed in, as a long incident would have.
func incident(_ incident: IncidentID, count: Int) -> [Event] {
    var rng = SplitMix64(state: UInt64(count))
    var events: [Event] = []
    events.reserveCapacity(count)
    var hypotheses: [UUID] = []
    var entries: [UUID] = []
    func add(_ n: Int, _ payload: EventPayload) {
        let at = start + .seconds(Int64(n) * 3)
        events.append(Event(id: uuid(&rng), incident: incident, at: at, recordedAt: at + TimeSpan(millis: 137),
                            author: people[n % people.count], payload: payload))
    }
    add(0, .declared(Declaration(title: "Checkout p99 latency above 4 s", severity: .sev2,
                                 summary: "EU checkout slow since the 14:00 deploy", service: "checkout",
                                 impactStartedAt: start - .minutes(12), detectedAt: start - .minutes(5))))
    var n = 1
    while events.count < count {
        let slot = n % 100
        switch slot {
        case 1: add(n, .roleAssigned(RoleAssignment(role: Role.allCases[n / 100 % 4], person: people[n % 6])))
        case 7: add(n, .impactRecorded(ImpactReport(usersAffectedPercent: Double(n % 700) / 7.0, // a share: 0 to 100
                                                    usersAffectedCount: n * 3, customerReported: n % 3 == 0,
                                                    note: sentence(&rng, 6))))
        case 13:
            add(n, .hypothesisOpened(HypothesisOpening(text: sentence(&rng, 10), owner: people[n % 6],
                                                       timebox: .minutes(15))))
            if let last = events.last { hypotheses.append(last.id) }
        case 29:
            if let hypothesis = hypotheses.last {
                add(n, .hypothesisDecided(HypothesisDecision(hypothesis: hypothesis, verdict: .extended,
                                                             extendedBy: .minutes(10), note: sentence(&rng, 5))))
            }
        case 37: add(n, .notified(NotificationRecord(target: "VP Eng", kind: .notification, tier: "SEV2 leadership",
                                                     obligation: .notifySev2)))
        case 43: add(n, .updatePosted(StatusUpdatePost(audience: .customers, text: sentence(&rng, 25))))
        case 53:
            if let entry = entries.last { add(n, .entryAmended(EntryAmendment(entry: entry, text: sentence(&rng, 12)))) }
        case 61:
            // A different entry each time: retracting one twice changes nothing, and the store refuses it.
            if !entries.isEmpty { add(n, .entryRetracted(EntryRetraction(entry: entries.removeFirst(), reason: "duplicate"))) }
        case 71: add(n, .severityChanged(SeverityChange(to: n / 100 % 2 == 0 ? .sev1 : .sev2, reason: "scope")))
        default:
            let tags: [EntryTag] = slot % 10 == 3 ? [.diagnosis, .keyMoment] : []
            add(n, .entry(Entry(kind: EntryKind.allCases[n % 5], text: sentence(&rng, 4 + Int(rng.next() % 20)),
                                tags: tags)))
            if let last = events.last, entries.count < 64 { entries.append(last.id) }
        }
        n += 1
    }
    if count > 2 { // end the incident the way incidents end
        events[count - 2].payload = .statusChanged(StatusChange(to: .resolved, reason: "fixed"))
        events[count - 1].payload = .postmortemStatusChanged(PostmortemStatusChange(status: .draft))
    }
    return events
}

// MARK: Options

struct Options {
    var dir: String?
    var appends = 2_000
    var warmup = 50
    var runs = 7
    var sizes = [10_000, 100_000]
    var keep = false
}

func number(_ text: String, _ option: String) -> Int {
    guard let value = Int(text), value > 0 else { fail("\(option) needs a positive number, not \(text)") }
    return value
}

func parseOptions(_ arguments: ArraySlice<String>) -> Options {
    var options = Options()
    var rest = arguments
    func value(_ name: String) -> String {
        guard let value = rest.popFirst() else { fail("\(name) needs a value") }
        return value
    }
    while let argument = rest.popFirst() {
        switch argument {
        case "--dir": options.dir = value(argument)
        case "--appends": options.appends = number(value(argument), argument)
        case "--runs": options.runs = number(value(argument), argument)
        case "--sizes": options.sizes = value(argument).split(separator: ",").map { number(String($0), argument) }
        case "--keep": options.keep = true
        case "-h", "--help":
            print("usage: store-bench [--dir DIR] [--appends N] [--runs N] [--sizes 10000,100000] [--keep]")
            exit(0)
        default: fail("unknown argument \(argument)")
        }
    }
    return options
}

// MARK: Child: one load measurement in a fresh process

/// `store-bench --child-load PATH INCIDENT RUNS`: prints `run READ_MS FOLD_MS COUNT` per run and
/// `hwm KB` (VmHWM after the first load, its events and state still alive) and `base KB`.
func childLoad(path: String, incident: IncidentID, runs: Int) throws {
    let store = try SQLiteEventStore(path: path)
    print("base \(procStatusKB("VmHWM"))")
    for run in 0..<max(1, runs) {
        let t0 = nowNanos(), c0 = cpuNanos()
        let stored = try store.events(of: incident, after: 0)
        let t1 = nowNanos(), c1 = cpuNanos()
        let state = IncidentState.fold(stored.lazy.map(\.event))
        let t2 = nowNanos(), c2 = cpuNanos()
        guard let state, state.eventCount == stored.count else { fail("the fold lost events") }
        print("run \(format(millis(t1 - t0), 3)) \(format(millis(t2 - t1), 3)) \(stored.count)"
              + " \(format(millis(c1 - c0), 3)) \(format(millis(c2 - c1), 3))")
        if run == 0 { print("hwm \(procStatusKB("VmHWM"))") }
    }
    // The reference: Foundation's JSONDecoder on the same stored bodies, one at a time (what the
    // store did before its own decoder; it then split large loads over two threads).
    let lines = try store.exportLines(of: incident).map { Data($0.utf8) }
    let decoder = JSONDecoder()
    for _ in 0..<max(1, min(runs, 3)) {
        let t0 = nowNanos(), c0 = cpuNanos()
        var decoded = 0
        for line in lines {
            _ = try decoder.decode(Event.self, from: line)
            decoded += 1
        }
        let t1 = nowNanos(), c1 = cpuNanos()
        guard decoded == lines.count else { fail("JSONDecoder lost events") }
        print("jsondecoder \(format(millis(t1 - t0), 3)) \(format(millis(c1 - c0), 3))")
    }
}

struct LoadResult {
    var count: Int
    var reads: [Double] = []
    var folds: [Double] = []
    var jsonDecoder: [Double] = []
    var readCPU: [Double] = []
    var foldCPU: [Double] = []
    var jsonDecoderCPU: [Double] = []
    var hwmKB = 0
    var baseKB = 0
}

func runChild(path: String, incident: IncidentID, runs: Int) -> LoadResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = ["--child-load", path, incident, String(runs)]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { fail("cannot start the child: \(error)") }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { fail("the load child failed:\n\(output)") }
    var result = LoadResult(count: 0)
    for line in output.split(separator: "\n") {
        let fields = line.split(separator: " ")
        switch fields.first {
        case "run" where fields.count == 6:
            result.reads.append(Double(fields[1]) ?? .nan)
            result.folds.append(Double(fields[2]) ?? .nan)
            result.count = Int(fields[3]) ?? 0
            result.readCPU.append(Double(fields[4]) ?? .nan)
            result.foldCPU.append(Double(fields[5]) ?? .nan)
        case "jsondecoder" where fields.count == 3:
            result.jsonDecoder.append(Double(fields[1]) ?? .nan)
            result.jsonDecoderCPU.append(Double(fields[2]) ?? .nan)
        case "hwm" where fields.count == 2: result.hwmKB = Int(fields[1]) ?? -1
        case "base" where fields.count == 2: result.baseKB = Int(fields[1]) ?? -1
        default: break
        }
    }
    return result
}

// MARK: Machine

func machine(dir: String) -> [(String, String)] {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
        .map { $0.split(separator: ":", maxSplits: 1).last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? "?" }
        ?? "?"
    let mounts = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
    var best = ("?", "?", "")
    for line in mounts.split(separator: "\n") {
        let f = line.split(separator: " ")
        guard f.count >= 3 else { continue }
        let point = String(f[1])
        let covers = point == "/" || dir == point || dir.hasPrefix(point + "/")
        if covers, point.count >= best.2.count { best = (String(f[0]), String(f[2]), point) }
    }
    let formatter = ISO8601DateFormatter()
    return [
        ("date", formatter.string(from: Date())),
        ("cpu", "\(model), nproc \(ProcessInfo.processInfo.activeProcessorCount)"),
        ("disk", "\(dir) on \(best.0) (\(best.1), mounted at \(best.2))"),
        ("load average", loadAverage()),
    ]
}

/// The 1, 5 and 15 minute load averages: other work on the machine skews every figure.
func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

// MARK: Main

func main() throws {
    let arguments = CommandLine.arguments.dropFirst()
    if arguments.first == "--child-load" {
        let rest = Array(arguments.dropFirst())
        guard rest.count == 3, let runs = Int(rest[2]) else { fail("--child-load PATH INCIDENT RUNS") }
        try childLoad(path: rest[0], incident: rest[1], runs: runs)
        return
    }
    let options = parseOptions(arguments)

    let workDir: String
    if let given = options.dir {
        workDir = given + "/store-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
    } else {
        var template = Array("/tmp/store-bench-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { fail("mkdtemp failed") }
        workDir = String(cString: made)
    }
    defer { if !options.keep { try? FileManager.default.removeItem(atPath: workDir) } }

    print("store-bench")
    for (key, value) in machine(dir: workDir) { print("  \(key): \(value)") }
    print("")

    // (a) + (b): appends, interleaved with raw write+fsync of a same-sized record.
    var rng = SplitMix64(state: 42)
    let store = try SQLiteEventStore(path: workDir + "/append.db")
    let (incidentID, _) = try store.declare { id in [incident(id, count: 1)[0]] }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let sample = typicalEntry(incidentID, 0, &rng)
    let recordSize = try encoder.encode(sample).count
    let record = [UInt8](repeating: UInt8(ascii: "x"), count: recordSize - 1) + [UInt8(ascii: "\n")]
    let fd = open(workDir + "/raw.log", O_WRONLY | O_CREAT | O_APPEND, 0o600)
    guard fd >= 0 else { fail("cannot open raw.log") }
    defer { close(fd) }

    var known: Int64 = 1
    var appendSamples: [Double] = []
    var rawSamples: [Double] = []
    appendSamples.reserveCapacity(options.appends)
    rawSamples.reserveCapacity(options.appends)
    for n in 1...(options.warmup + options.appends) {
        let event = typicalEntry(incidentID, n, &rng)
        let t0 = nowNanos()
        let result = try store.append(to: incidentID, knownSequence: known) { _ in [event] }
        let t1 = nowNanos()
        known = result.events.last?.sequence ?? known
        let t2 = nowNanos()
        let wrote = record.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard wrote == record.count, fsync(fd) == 0 else { fail("raw write/fsync failed") }
        let t3 = nowNanos()
        if n > options.warmup {
            appendSamples.append(millis(t1 - t0))
            rawSamples.append(millis(t3 - t2))
        }
    }
    appendSamples.sort()
    rawSamples.sort()

    // (c) + (d): loads in fresh child processes.
    var loads: [(Int, LoadResult)] = []
    for size in options.sizes {
        let path = workDir + "/load-\(size).db"
        let loadStore = try SQLiteEventStore(path: path)
        let events = incident("INC-1", count: size)
        guard try loadStore.importEvents(events) == size else { fail("the import wrote too few events") }
        let result = runChild(path: path, incident: "INC-1", runs: options.runs)
        guard result.count == size else { fail("loaded \(result.count) of \(size) events") }
        loads.append((size, result))
    }

    // The table.
    func row(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            index == 0 ? cell.padding(toLength: 48, withPad: " ", startingAt: 0)
                : String(repeating: " ", count: max(0, 11 - cell.count)) + cell
        }.joined()
    }
    print("(a)/(b) durable append, \(options.appends) samples after \(options.warmup) warm-up, interleaved")
    print(row(["", "p50 ms", "p99 ms", "max ms"]))
    print(row(["(a) store.append, 1 entry event (\(recordSize) B)",
               format(percentile(appendSamples, 0.5), 3), format(percentile(appendSamples, 0.99), 3),
               format(appendSamples.last ?? .nan, 3)]))
    print(row(["(b) raw write()+fsync(), \(recordSize) B record",
               format(percentile(rawSamples, 0.5), 3), format(percentile(rawSamples, 0.99), 3),
               format(rawSamples.last ?? .nan, 3)]))
    let ratio50 = percentile(appendSamples, 0.5) / percentile(rawSamples, 0.5)
    let ratio99 = percentile(appendSamples, 0.99) / percentile(rawSamples, 0.99)
    print(row(["    ratio (a)/(b)", format(ratio50) + "x", format(ratio99) + "x", ""]))
    print("")
    print("(c) load into IncidentState, fresh process, warm page cache, \(options.runs) runs;"
          + " wall time, and the thread's CPU time")
    print(row(["", "median ms", "min ms", "max ms", "CPU med ms"]))
    func stats(_ label: String, _ wall: [Double], _ cpu: [Double]) {
        let sorted = wall.sorted()
        print(row([label, format(median(sorted)), format(sorted.first ?? .nan), format(sorted.last ?? .nan),
                   format(median(cpu))]))
    }
    for (size, result) in loads {
        stats("\(size) events: store read (events(of:after:))", result.reads, result.readCPU)
        stats("\(size) events: IncidentState.fold", result.folds, result.foldCPU)
        stats("\(size) events: read + fold", zip(result.reads, result.folds).map { $0 + $1 },
              zip(result.readCPU, result.foldCPU).map { $0 + $1 })
        print(row(["\(size) events: first run only: read", format(result.reads[0]), "", "",
                   format(result.readCPU[0])]))
        print(row(["\(size) events: first run only: fold", format(result.folds[0]), "", "",
                   format(result.foldCPU[0])]))
        stats("  ref: JSONDecoder alone, same bodies", result.jsonDecoder, result.jsonDecoderCPU)
    }
    print("")
    if let (size, result) = loads.last {
        let file = (try? FileManager.default.attributesOfItem(atPath: workDir + "/load-\(size).db")[.size] as? Int) ?? nil
        print("(d) peak RSS (VmHWM) of the load process")
        print("    after opening the store:        \(format(Double(result.baseKB) / 1024, 1)) MiB")
        print("    after loading \(size) events:  \(format(Double(result.hwmKB) / 1024, 1)) MiB"
              + " (events and state alive; store file \(format(Double(file ?? 0) / 1_048_576, 1)) MiB)")
    }
    print("")
    print("load average at the end: \(loadAverage())")
    if ratio99 > 2 {
        print("")
        print("note: append p99 is \(format(ratio99))x the raw write+fsync p99 (more than 2x)")
    }
}

do {
    try main()
} catch {
    fail("\(error)")
}
