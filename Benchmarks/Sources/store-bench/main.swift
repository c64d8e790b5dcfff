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
import BenchKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// MARK: Options

struct Options {
    var dir: String?
    var appends = 2_000
    var warmup = 50
    var runs = 7
    var sizes = [10_000, 100_000]
    var keep = false
}

func parseOptions(_ arguments: ArraySlice<String>) -> Options {
    var options = Options()
    var rest = Arguments(arguments)
    while let argument = rest.next() {
        switch argument {
        case "--dir": options.dir = rest.value(argument)
        case "--appends": options.appends = rest.positive(argument)
        case "--runs": options.runs = rest.positive(argument)
        case "--sizes": options.sizes = rest.value(argument).split(separator: ",").map { positiveNumber(String($0), argument) }
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
